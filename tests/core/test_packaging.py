"""``pip install .`` gives a working program: the sdist and wheel carry every resource.

The packages are built the way ``make dist`` builds them (an sdist, then the wheel
from that sdist), from a copy of the source tree without any compiled catalogue,
as in a fresh clone. The wheel is then unpacked outside the checkout and the
program run from it, with no way back to the checkout's ``resources/``.
"""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "ssa_wizard_resources"

#: What a fresh clone does not hold (ignored by git, or made by building or testing).
_NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "*.pyc", "*.mo", "*.pot",
    ".pytest_cache", ".hypothesis", "out", "shots")


def _shipped_resources() -> set[str]:
    """The files below resources/ the program reads: all but sources and the marker."""
    found = set()
    for path in (ROOT / "resources").rglob("*"):
        relative = path.relative_to(ROOT / "resources").as_posix()
        if path.is_file() and path.suffix not in (".po", ".pot", ".mo", ".pyc") \
                and relative != "__init__.py" and "__pycache__" not in relative:
            found.add(relative)
    for po in (ROOT / "resources" / "locale").glob("*/LC_MESSAGES/ssa_wizard.po"):
        found.add(po.relative_to(ROOT / "resources").with_suffix(".mo").as_posix())
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(sdist, wheel) built from a clean copy of the tree, without network."""
    scratch = tmp_path_factory.mktemp("packaging")
    source = scratch / "src"
    shutil.copytree(ROOT, source, ignore=_NOT_IN_A_CLONE)
    assert not list(source.rglob("*.mo")), "the copy must start without catalogues"
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(scratch / "dist"),
         str(source)], capture_output=True, text=True, timeout=300, cwd=scratch)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (sdist,) = (scratch / "dist").glob("ssa_wizard-*.tar.gz")
    (wheel,) = (scratch / "dist").glob("ssa_wizard-*.whl")
    return sdist, wheel


def test_the_wheel_carries_every_resource_and_the_compiled_catalogues(built):
    _sdist, wheel = built
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        in_wheel = {name.removeprefix(PACKAGE + "/") for name in names
                    if name.startswith(PACKAGE + "/")}
        mo = archive.read(f"{PACKAGE}/locale/nl/LC_MESSAGES/ssa_wizard.mo")
    expected = _shipped_resources()
    assert {"rulebooks/ssa-2014.json", "fonts/DejaVuSans.ttf", "fonts/LICENSE-DejaVu.txt",
            "icons/ssa-wizard.png", "examples/digiretail.ssa.json",
            "locale/nl/LC_MESSAGES/ssa_wizard.mo"} <= expected
    assert expected <= in_wheel, sorted(expected - in_wheel)
    # Sources stay out of the wheel; both packages of the program are in it.
    assert not [name for name in in_wheel if name.endswith((".po", ".pot"))]
    assert "ssa_wizard/cli.py" in names and "ui/app.py" in names
    # The catalogue was compiled by the build: it translates.
    catalogue = gettext.GNUTranslations(__import__("io").BytesIO(mo))
    assert catalogue.gettext("Eligibility") == "Subsidiabiliteit"


def test_the_sdist_carries_the_sources_and_the_compiled_catalogues(built):
    sdist, _wheel = built
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for relative in _shipped_resources():
        assert f"resources/{relative}" in names
    assert "resources/locale/nl/LC_MESSAGES/ssa_wizard.po" in names
    assert {"setup.py", "pyproject.toml", "resources/__init__.py"} <= names


def test_the_program_runs_from_the_unpacked_wheel_in_dutch(built, tmp_path):
    _sdist, wheel = built
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    code = (
        "import sys, ssa_wizard, ssa_wizard_resources\n"
        "from ssa_wizard.resources import resource_path\n"
        "from ssa_wizard.cli import main\n"
        "print(ssa_wizard.__file__)\n"
        "print(resource_path('examples', 'digiretail.ssa.json'))\n"
        "sys.stdout.flush()\n"
        "sys.exit(main(['check', '--lang', 'nl', str(resource_path('examples', 'digiretail.ssa.json'))]))\n"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PYTHONPATH"] = str(site)  # ahead of the checkout's editable install
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert Path(lines[0]).is_relative_to(site)
    assert Path(lines[1]).is_relative_to(site / PACKAGE)
    assert "Subsidiabel: ja. Volledig: ja." in result.stdout
