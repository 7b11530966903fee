"""Start-up: the ssa-wizard command opens the window, and errors never show a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ssa_wizard.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SSA_WIZARD_EXIT_AFTER_FIRST_PAINT": "1",
           "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "LANGUAGE": "en"}
    return subprocess.run([sys.executable, "-m", "ui", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def test_starts_and_quits_after_the_first_paint(tmp_path):
    done = _run([], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "deallocating None" not in done.stderr


def test_opens_a_file_given_on_the_command_line(tmp_path):
    done = _run([str(resource_path("examples", "digiretail.ssa.json"))], tmp_path)
    assert done.returncode == 0, done.stderr
    recent = (tmp_path / "config" / "SSA Wizard" / "SSA Wizard.conf").read_text("utf-8")
    assert "digiretail.ssa.json" in recent


def test_excepthook_logs_saves_a_recovery_copy_and_tells_the_user(qtbot, main_window, dialogs,
                                                                  session, caplog):
    from ui.app import install_excepthook

    folder = Path(main_window.files.recovery_folder())
    before = set(folder.glob("*.ssa.json"))
    old = sys.excepthook
    try:
        install_excepthook(main_window)
        session.set_project_field("title", "Precious work")
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old
    (_kind, title, text), = dialogs.asked("error")
    assert title == "Something went wrong" and "Traceback" not in text
    assert "boom" in caplog.text
    recovery = sorted(set(folder.glob("*.ssa.json")) - before)
    assert len(recovery) == 1
    text = recovery[0].read_text("utf-8")
    recovery[0].unlink()  # Qt's test-mode folder outlives the test
    assert "Precious work" in text
    assert session.proposal.project.title == "Precious work"


def test_the_qt_bindings_keep_their_references_to_none():
    """PySide6 6.12.0 on CPython 3.11 drops a reference to None per void call and Python
    aborts after a few thousand; pyproject.toml keeps it out. This guards that pin."""
    code = ("import sys\n"
            "from PySide6.QtCore import QObject\n"
            "o = QObject(); before = sys.getrefcount(None)\n"
            "for _ in range(20000): o.setObjectName('x')\n"
            "print(before - sys.getrefcount(None) < 1000)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() == "True", done.stderr


def test_the_first_page_is_painted_before_the_proposal_model_is_loaded(tmp_path):
    """Start fast: the Start page needs only Qt; pydantic, the rules, the other pages, the
    field rows, the dialogs and the command line are loaded right after it has been
    painted, and so is Qt's namespace ``Qt`` (PySide builds its ~90 enums on first use,
    a sixth of the start-up; see ``ui.main_window.Wizard``)."""
    code = ("import sys\n"
            "from ui.main import main\n"
            "rc = main([])\n"
            "import PySide6.QtCore\n"
            "loaded = [m for m in ('pydantic', 'ssa_wizard.model', 'ssa_wizard.rules',\n"
            "      'ui.session', 'ui.wizard.partners_page', 'ui.widgets.field_rows',\n"
            "      'ui.dialogs', 'ssa_wizard.cli', 'dataclasses') if m in sys.modules]\n"
            "if 'Qt' in vars(PySide6.QtCore):\n"
            "    loaded.append('PySide6.QtCore.Qt')\n"
            "print(rc, sorted(loaded))\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SSA_WIZARD_EXIT_AFTER_FIRST_PAINT": "1",
           "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "LANGUAGE": "en"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stderr
