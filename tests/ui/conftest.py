"""Fixtures shared by the GUI tests: a session, a scripted Dialogs, the main window.

Settings and standard folders live in a temporary place for each test, so no test
reads or writes the user's own settings, recent files or recovery folder.
``FakeDialogs`` answers modal questions from a script; a question that was not
scripted fails the test (it would have blocked a real user's screen).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

from ssa_wizard import i18n


#: Qt messages that say nothing about our code: the offscreen platform cannot pass
#: a top-level window's size limits on, and says so whenever a window is shown.
#: Popups (completers, combo lists) make it say it cannot raise them or grab keys.
OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints",
                   "This plugin does not support raise",
                   "This plugin does not support grabbing the keyboard")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/ui/" in str(item.path).replace("\\", "/"):
            # Added in front, and merged with a test's own patterns, so it hides none.
            own = item.get_closest_marker("qt_log_ignore")
            patterns = (*(own.args if own else ()), *OFFSCREEN_NOISE)
            item.add_marker(pytest.mark.qt_log_ignore(*patterns), append=False)


class FakeDialogs:
    """A stand-in for ``ui.dialogs.Dialogs``: scripted answers, every call recorded.

    ``script("choose", "save")`` queues an answer for the next ``choose``;
    ``script("save_file", "/tmp/x.ssa.json")`` for the next file chooser (None
    means cancelled). ``calls`` holds ``(method, title, text)`` in order.
    """

    KINDS = ("choose", "open_file", "open_files", "save_file")

    def __init__(self):
        self.parent = None
        self.calls: list[tuple[str, str, str]] = []
        #: For each ``choose``: its title, the keys and labels offered, and the detail text.
        self.offered: list[dict] = []
        self.answers: dict[str, deque] = {kind: deque() for kind in self.KINDS}

    def script(self, kind: str, *answers) -> "FakeDialogs":
        self.answers[kind].extend(answers)
        return self

    def _next(self, kind: str, title: str):
        if not self.answers[kind]:
            raise AssertionError(f"unexpected {kind} dialog: {title!r}")
        return self.answers[kind].popleft()

    def choose(self, title: str, text: str, choices: Sequence[tuple[str, str]],
               default: str | None = None, cancel: str | None = None,
               detail: str = "", icon: str = "question") -> str | None:
        self.calls.append(("choose", title, text))
        keys = [key for key, _label in choices]
        self.offered.append({"title": title, "keys": keys, "detail": detail,
                             "labels": [label for _key, label in choices]})
        answer = self._next("choose", title)
        assert answer in keys or answer is None, f"{answer!r} is not one of {keys}"
        return answer if answer is not None else cancel

    def inform(self, title: str, text: str, detail: str = "") -> None:
        self.calls.append(("inform", title, text))

    def error(self, title: str, text: str, detail: str = "") -> None:
        self.calls.append(("error", title, text))

    def open_file(self, title: str, folder: str, filters: str) -> str | None:
        self.calls.append(("open_file", title, folder))
        return self._next("open_file", title)

    def open_files(self, title: str, folder: str, filters: str) -> list[str]:
        self.calls.append(("open_files", title, folder))
        return list(self._next("open_files", title) or [])

    def save_file(self, title: str, suggested: str, filters: str) -> str | None:
        self.calls.append(("save_file", title, suggested))
        return self._next("save_file", title)

    def asked(self, method: str) -> list[tuple[str, str, str]]:
        return [call for call in self.calls if call[0] == method]

    def unused(self) -> dict[str, list]:
        return {kind: list(queue) for kind, queue in self.answers.items() if queue}


@pytest.fixture(autouse=True)
def _private_settings(tmp_path, qapp):
    """QSettings and QStandardPaths in a temporary folder for each test."""
    QCoreApplication.setOrganizationName("SSA Wizard Tests")
    QCoreApplication.setApplicationName("SSA Wizard Tests")
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    yield
    QStandardPaths.setTestModeEnabled(False)


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path_factory, monkeypatch):
    """Qt's test-mode data folder (autosave, recovery copies) private to this test.

    In test mode QStandardPaths puts AppDataLocation under ``$HOME/.qttest``, which
    would be shared by all tests and outlive them; a HOME of our own keeps each
    test's recovery copies to itself.
    """
    home = tmp_path_factory.mktemp("home")  # beside tmp_path, which some tests want empty
    monkeypatch.setenv("HOME", str(home))
    yield home


@pytest.fixture
def recovery_folder(_private_data_folder, _private_settings):
    """The folder where this test's window writes its recovery copies."""
    from ui.files import FileController

    folder = FileController.recovery_folder()
    assert str(_private_data_folder) in str(folder)
    return folder


@pytest.fixture
def read_only_folder(tmp_path, make_read_only):
    """A folder nobody may create files in, holding ``plan.ssa.json`` (a valid proposal)."""
    from ssa_wizard import storage
    from ssa_wizard.model import Proposal

    folder = tmp_path / "locked"
    folder.mkdir()
    proposal = Proposal.new()
    proposal.project.title = "On the stick"
    storage.save(proposal, folder / "plan.ssa.json")
    return make_read_only(folder)


@pytest.fixture
def settings(_private_settings):
    return QSettings()


@pytest.fixture
def dialogs():
    fake = FakeDialogs()
    yield fake
    assert not fake.unused(), f"scripted answers never asked for: {fake.unused()}"


@pytest.fixture
def session(qapp):
    from ui.session import Session

    return Session()


@pytest.fixture
def main_window(qtbot, session, dialogs, settings):
    """The whole window, shown (offscreen), on a new proposal."""
    from ui.main_window import MainWindow

    window = MainWindow(session=session, dialogs=dialogs, settings=settings)
    # Not qtbot.addWidget: pytest-qt would close the window before this fixture
    # could script the answer to "Save your changes?".
    window.show()
    qtbot.waitExposed(window)
    yield window
    if window.isVisible():
        if session.dirty:
            dialogs.script("choose", "discard")
        window.close()
    window.deleteLater()


@pytest.fixture
def dutch(qapp):
    """The program in Dutch for one test, Qt's own texts included; English after it."""
    from ui.language import install_qt_translator

    assert i18n.catalogue_available("nl"), "run `make locales` first"
    i18n.set_language("nl")
    install_qt_translator("nl")
    yield
    i18n.set_language("en")
    install_qt_translator("en")
