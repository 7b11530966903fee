"""The core must never pull in Qt: the CLI, the tests and any future front end use it as is.

Every module of ``ssa_wizard/`` is found by walking the package (a new module is
covered the day it is added), imported in a fresh interpreter started in a scratch
folder (so nothing depends on the current directory), and the core is exercised
once; then no PySide6 or shiboken6 module may be loaded.
"""

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import ssa_wizard
from ssa_wizard.resources import resource_path

_WALK_AND_CHECK = """
import importlib, json, pkgutil, sys
import ssa_wizard
# __main__ would run the program on import: it is the CLI, imported as ssa_wizard.cli.
names = sorted(info.name for info in pkgutil.walk_packages(ssa_wizard.__path__, "ssa_wizard.")
               if not info.name.endswith(".__main__"))
for name in names:
    importlib.import_module(name)
from ssa_wizard.model import Proposal
from ssa_wizard.rules import check
check(Proposal.new())
print(json.dumps({
    "modules": names,
    "qt": sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6")),
    "core_from": ssa_wizard.__file__,
}))
"""


def _core_modules() -> set[str]:
    return {info.name for info in pkgutil.walk_packages(ssa_wizard.__path__, "ssa_wizard.")
            if not info.name.endswith(".__main__")}


def test_every_core_module_imports_without_qt(tmp_path):
    out = subprocess.run([sys.executable, "-c", _WALK_AND_CHECK], capture_output=True,
                         text=True, check=True, cwd=tmp_path, timeout=120)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["qt"] == []
    # The child walked the same package as this test, and all of it.
    assert set(result["modules"]) == _core_modules()
    assert Path(result["core_from"]).resolve() == Path(ssa_wizard.__file__).resolve()


def test_the_walk_finds_modules_in_subpackages_too():
    names = _core_modules()
    # More than the eight modules the old list named, and the nested ones.
    assert {"ssa_wizard.cli", "ssa_wizard.storage", "ssa_wizard.pdf", "ssa_wizard.rules",
            "ssa_wizard.resources"} <= names
    nested = [info.name for info in pkgutil.walk_packages(ssa_wizard.__path__, "ssa_wizard.")
              if info.ispkg]
    for package in nested:
        assert any(name.startswith(package + ".") for name in names), package
    assert len(names) > 8


def test_checking_does_not_import_reportlab(tmp_path):
    example = resource_path("examples", "digiretail.ssa.json")
    code = (
        "import sys\nfrom ssa_wizard.cli import main\n"
        f"status = main(['check', {str(example)!r}])\n"
        "print(status, 'reportlab' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "0 False"
