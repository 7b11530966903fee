"""``ssa-wizard --self-test``, and the sources of the bundle it guards.

The self-test runs in a fresh interpreter, as users and CI run it: once on the
checkout (every check passes) and on resources that are empty or lack the fonts
(one clear FAILED line per missing piece, exit 1, no traceback). The spec file
cannot be built in a unit test; its filters and exclusions are read from the
file and tried on paths here, and ``make bundle-test`` proves the real bundle.
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
from PIL import Image

from ssa_wizard import __version__, i18n

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build_installer.spec"

#: The check names ``ui.selftest`` prints, in order, on a complete checkout.
EXPECTED_CHECKS = [
    "rulebooks", "example digiretail.ssa.json", "example greenstay-draft.ssa.json", "PDF",
    "language en", "language nl", "Qt", "Qt translation nl", "window icon", "main window",
]

#: Runs the self-test after pointing resources/ somewhere else (argv[1]), if given.
_RUNNER = """
import sys
if len(sys.argv) > 1:
    from pathlib import Path
    import ssa_wizard.resources as resources
    folder = Path(sys.argv[1])
    resources.resources_dir = lambda: folder
from ui.selftest import main
sys.exit(main([]))
"""


def _run_self_test(tmp_path: Path, resources: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    args = [sys.executable, "-c", _RUNNER] + ([str(resources)] if resources else [])
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def _lines(result: subprocess.CompletedProcess) -> dict[str, str]:
    """Check name -> its whole line, for the OK/FAILED lines of the output."""
    found = {}
    for line in result.stdout.splitlines():
        match = re.match(r"(OK|FAILED) +([^:]+): ", line)
        if match:
            found[match.group(2)] = line
    return found


def _no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert "Fatal Python error" not in result.stderr


# --- the self-test ------------------------------------------------------------------------


def test_self_test_passes_on_the_checkout(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "ui", "--self-test"], cwd=ROOT, capture_output=True,
        text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    lines = _lines(result)
    assert list(lines) == EXPECTED_CHECKS
    assert all(line.startswith("OK ") for line in lines.values()), result.stdout
    assert "eligible, complete" in lines["example digiretail.ssa.json"]
    assert "DejaVu Sans embedded" in lines["PDF"]
    assert "Eligibility = Subsidiabiliteit" in lines["language nl"]
    assert "DE = Duitsland" in lines["language nl"]
    assert "7 pages" in lines["main window"]
    assert result.stdout.splitlines()[0].startswith(f"SSA Wizard {__version__} self-test (checkout")
    assert result.stdout.rstrip().endswith(f"Self-test passed: {len(EXPECTED_CHECKS)} checks.")
    _no_traceback(result)


def test_empty_resources_fail_with_one_line_each(tmp_path):
    empty = tmp_path / "resources"
    empty.mkdir()
    result = _run_self_test(tmp_path, empty)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = _lines(result)
    assert lines["rulebooks"] == f"FAILED  rulebooks: no rulebook (*.json) in {empty / 'rulebooks'}"
    assert lines["examples"] == (
        f"FAILED  examples: no example proposal (*.ssa.json) in {empty / 'examples'}")
    assert lines["language nl"].startswith("FAILED  language nl: catalogue missing: ")
    assert str(empty / "locale" / "nl" / "LC_MESSAGES" / "ssa_wizard.mo") in lines["language nl"]
    assert lines["window icon"] == (
        f"FAILED  window icon: the window icon {empty / 'icons' / 'ssa-wizard.png'} "
        "is missing or unreadable")
    assert lines["PDF"].startswith("FAILED  PDF: ")
    # What does not live in resources/ still passes.
    assert lines["Qt"].startswith("OK ")
    assert lines["Qt translation nl"].startswith("OK ")
    assert re.search(r"Self-test FAILED: \d+ of \d+ checks failed\.", result.stdout)
    _no_traceback(result)


def test_missing_fonts_fail_the_pdf_check_only(tmp_path):
    copy = tmp_path / "resources"
    shutil.copytree(ROOT / "resources", copy)
    shutil.rmtree(copy / "fonts")
    result = _run_self_test(tmp_path, copy)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = _lines(result)
    failed = {name: line for name, line in lines.items() if line.startswith("FAILED")}
    assert list(failed) == ["PDF"], result.stdout
    assert "DejaVuSans" in failed["PDF"]
    assert "\n" not in failed["PDF"]
    assert result.stdout.rstrip().endswith(f"Self-test FAILED: 1 of {len(EXPECTED_CHECKS)} checks failed.")
    _no_traceback(result)


def test_an_example_that_is_no_longer_complete_is_reported(tmp_path):
    copy = tmp_path / "resources"
    shutil.copytree(ROOT / "resources", copy)
    # The showcase example loses its partners: still a readable file, no longer eligible.
    showcase = copy / "examples" / "digiretail.ssa.json"
    text = showcase.read_text(encoding="utf-8")
    import json

    data = json.loads(text)
    data["partners"] = data["partners"][:1]
    data["activities"] = []
    showcase.write_text(json.dumps(data), encoding="utf-8")
    result = _run_self_test(tmp_path, copy)
    assert result.returncode == 1
    line = _lines(result)["example digiretail.ssa.json"]
    assert line.startswith("FAILED  example digiretail.ssa.json: digiretail.ssa.json should be "
                           "eligible and complete but is not eligible and not complete")
    _no_traceback(result)


def test_self_test_takes_no_arguments(capsys):
    from ui.selftest import main

    assert main(["--verbose"]) == 2
    assert "takes no arguments" in capsys.readouterr().err


# --- build_installer.spec, read as a file ---------------------------------------------------


def _spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def _spec_filters() -> dict:
    """The spec's path filters and tables, executed on their own."""
    wanted = {"QT_MODULES_USED", "QT_PLUGINS", "_plugin_kept", "_data_kept"}
    nodes = [node for node in _spec_tree().body
             if (isinstance(node, ast.FunctionDef) and node.name in wanted)
             or (isinstance(node, (ast.Assign, ast.AnnAssign)) and any(
                 isinstance(t, ast.Name) and t.id in wanted
                 for t in (node.targets if isinstance(node, ast.Assign) else [node.target])))]
    namespace = {"Path": Path, "LANGUAGES": i18n.LANGUAGES}
    exec(compile(ast.Module(body=nodes, type_ignores=[]), str(SPEC), "exec"), namespace)  # noqa: S102
    assert wanted <= namespace.keys()
    return namespace


def _spec_excludes() -> set[str]:
    for node in _spec_tree().body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "EXCLUDES" for t in node.targets):
            value = node.value.left if isinstance(node.value, ast.BinOp) else node.value
            return {elt.value for elt in value.elts if isinstance(elt, ast.Constant)}
    raise AssertionError("build_installer.spec has no EXCLUDES list")


def test_spec_excludes_test_and_build_tools_but_not_what_the_program_uses():
    excludes = _spec_excludes()
    for unneeded in ("tkinter", "pytest", "hypothesis", "pypdf", "babel", "PyInstaller", "mypy",
                     "charset_normalizer", "pdb", "multiprocessing"):
        assert unneeded in excludes
    for needed in ("PIL", "reportlab", "pydantic", "pycountry", "openpyxl", "ssa_wizard", "ui"):
        assert not any(name == needed or name.startswith(needed + ".") and needed != "PIL"
                       for name in excludes), needed
    assert "PIL" not in excludes  # ReportLab needs Pillow


def test_spec_keeps_every_qt_module_the_program_imports():
    used = set()
    for folder in ("ui", "ssa_wizard"):
        for path in (ROOT / folder).rglob("*.py"):
            used |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert used, "ui/ imports no Qt module?"
    assert used <= set(_spec_filters()["QT_MODULES_USED"]), (
        "ui/ imports a Qt module build_installer.spec excludes: add it to QT_MODULES_USED")


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/translations/qtbase_nl.qm", True),
    ("PySide6/Qt/translations/qtbase_en.qm", True),
    ("PySide6/Qt/translations/qt_nl.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/qtmultimedia_nl.qm", False),
    ("pycountry/locales/nl/LC_MESSAGES/iso3166-1.mo", True),
    ("pycountry/locales/nl/LC_MESSAGES/iso639-3.mo", False),
    ("pycountry/locales/de/LC_MESSAGES/iso3166-1.mo", False),
    ("pycountry/databases/iso3166-1.json", True),
    ("pycountry/databases/iso3166-2.json", False),  # subdivisions: never asked for
    ("pycountry/databases/iso639-3.json", False),
    ("resources/locale/nl/LC_MESSAGES/ssa_wizard.mo", True),
    ("reportlab/fonts/00readme.txt", True),
])
def test_spec_data_filter(dest, kept):
    assert _spec_filters()["_data_kept"](dest) is kept


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqminimal.so", True),
    ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
    ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
    ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ("libpython3.11.so.1.0", True),
])
def test_spec_plugin_filter(dest, kept):
    assert _spec_filters()["_plugin_kept"](dest) is kept


def test_spec_paths_are_relative_to_the_spec():
    text = SPEC.read_text(encoding="utf-8")
    assert "ROOT = Path(SPECPATH)" in text
    assert not re.search(r"['\"]/(work|home|tmp|usr)/", text)
    calls = {node.func.id: node for node in ast.walk(_spec_tree())
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert {"Analysis", "PYZ", "EXE", "COLLECT"} <= calls.keys()
    exe = {kw.arg: kw.value for kw in calls["EXE"].keywords}
    assert ast.literal_eval(exe["exclude_binaries"]) is True  # one folder
    assert ast.literal_eval(exe["upx"]) is False
    collect = {kw.arg: kw.value for kw in calls["COLLECT"].keywords}
    assert ast.literal_eval(collect["name"]) == "ssa-wizard"


# --- the files around the build ---------------------------------------------------------------


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_windows_version_info_follows_the_package_version():
    version_info = _load("ssa_version_info_test", ROOT / "packaging" / "version_info.py")
    assert version_info.package_version(ROOT) == __version__
    assert version_info.version_tuple("1.2.3") == (1, 2, 3, 0)
    assert version_info.version_tuple("2.0rc1") == (2, 0, 1, 0)

    made = {}

    def recorder(kind):
        def record(*args, **kwargs):
            made.setdefault(kind, []).append((args, kwargs))
            return kind
        return record

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct")
    eval(version_info.version_file_text(__version__), {n: recorder(n) for n in names})  # noqa: S307
    strings = dict(args for args, _kw in made["StringStruct"])
    assert strings["ProductVersion"] == strings["FileVersion"] == __version__
    assert strings["OriginalFilename"] == "ssa-wizard.exe"
    fixed = made["FixedFileInfo"][0][1]
    assert fixed["filevers"] == version_info.version_tuple(__version__)


def test_icons_are_made_from_the_committed_svg():
    make_icons = _load("make_icons_test", ROOT / "tools" / "make_icons.py")
    icons = ROOT / "resources" / "icons"
    assert (icons / "ssa-wizard.svg").read_text(encoding="utf-8") == make_icons.svg()
    for size in (256, 512):
        with Image.open(icons / f"ssa-wizard-{size}.png") as image:
            assert image.size == (size, size)
            assert image.mode == "RGBA"
    with Image.open(icons / "ssa-wizard.ico") as ico:
        assert {(s, s) for s in (16, 32, 48, 256)} <= set(ico.info["sizes"])
    with Image.open(icons / "ssa-wizard.icns") as icns:
        assert icns.format == "ICNS"


def test_desktop_file_names_the_program_and_its_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(ROOT / "resources" / "ssa-wizard.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Name"] == "SSA Wizard"
    assert desktop["Icon"] == "ssa-wizard"
    assert PurePosixPath(desktop["Exec"].split()[0]).name == "ssa-wizard"
    assert desktop["Terminal"] == "false"
    assert desktop["Categories"].endswith(";")
