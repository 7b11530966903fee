"""The one way to find files under ``resources/``.

The repository's top-level ``resources/`` folder is installed as the package
``ssa_wizard_resources`` (``setup.py`` maps it), so it is found the way Python
finds any package's data (``importlib.util.find_spec``, the folder
``importlib.resources.files`` gives for a package on disk):

* an installed wheel or sdist: ``site-packages/ssa_wizard_resources/``;
* an editable install (``pip install -e .``, what ``make`` does): setuptools'
  finder maps the package to the checkout's ``resources/``;
* the PyInstaller bundle: ``build_installer.spec`` puts the folder at
  ``_internal/resources/`` (``sys._MEIPASS``), where support staff expect it.

Only a checkout that was never installed (no package to import) falls back to
the folder beside ``ssa_wizard/``. The answer is looked up once per process.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path

#: The installed name of the repository's ``resources/`` folder (setup.py).
PACKAGE = "ssa_wizard_resources"


@functools.cache
def _located() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    # The package's folder as the import system finds it, which is what
    # ``importlib.resources.files`` answers for a package on disk, without loading
    # importlib.resources (a few milliseconds of every start-up).
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:  # a checkout never installed
        return Path(__file__).resolve().parent.parent / "resources"
    # Installed packages are plain folders (wheels are unpacked); the program hands
    # these paths to gettext, ReportLab and Qt, which need real files.
    return Path(next(iter(spec.submodule_search_locations)))


def resources_dir() -> Path:
    """Return the ``resources/`` folder: installed, editable, checkout or bundle."""
    return _located()


def resource_path(*parts: str) -> Path:
    """Return the path of a file below ``resources/``."""
    return resources_dir().joinpath(*parts)
