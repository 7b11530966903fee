"""The one way to find files under ``resources/``.

In a checkout the folder sits beside the package; in a PyInstaller bundle it is
unpacked under ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """Return the ``resources/`` folder, in a checkout or in the bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Return the path of a file below ``resources/``."""
    return resources_dir().joinpath(*parts)
