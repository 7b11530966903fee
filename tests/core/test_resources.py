"""``ssa_wizard.resources`` finds ``resources/`` installed, editable, in a bare checkout and frozen.

Each case runs in a fresh interpreter, because the answer is looked up once per
process. The installed-wheel case itself is in test_packaging.py.
"""

from __future__ import annotations

import importlib.resources
import subprocess
import sys
from pathlib import Path

from ssa_wizard import resources

ROOT = Path(__file__).resolve().parents[2]

_WHERE = "from ssa_wizard.resources import resources_dir; print(resources_dir())"


def _where(tmp_path: Path, *python_args: str, prelude: str = "") -> Path:
    out = subprocess.run([sys.executable, *python_args, "-c", prelude + _WHERE],
                         capture_output=True, text=True, check=True, cwd=tmp_path, timeout=60)
    return Path(out.stdout.strip())


def test_an_editable_install_finds_the_checkouts_folder_through_importlib():
    # make installs the project editable: the package maps to the checkout's resources/.
    found = Path(str(importlib.resources.files(resources.PACKAGE)))
    assert found.resolve() == (ROOT / "resources").resolve()
    assert resources.resources_dir() == found
    assert resources.resource_path("rulebooks", "ssa-2014.json").is_file()
    assert resources.resource_path("locale", "nl", "LC_MESSAGES", "ssa_wizard.mo").is_file()


def test_a_checkout_that_was_never_installed_uses_its_own_folder(tmp_path):
    # -S: no site-packages, so neither the editable finder nor an installed copy.
    prelude = f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
    assert _where(tmp_path, "-S", prelude=prelude).resolve() == (ROOT / "resources").resolve()


def test_the_bundle_uses_the_folder_pyinstaller_unpacked(tmp_path):
    prelude = f"import sys; sys._MEIPASS = {str(tmp_path)!r}\n"
    assert _where(tmp_path, prelude=prelude) == tmp_path / "resources"
