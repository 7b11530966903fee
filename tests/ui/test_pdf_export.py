"""Export PDF in the wizard: rendered off the GUI thread, written whole, errors told clearly."""

from __future__ import annotations

import datetime as dt
import os
import threading

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QProgressDialog, QWidget

from ssa_wizard import storage
from ssa_wizard.resources import resource_path
from ui.pdf_export import PdfExporter, default_pdf_name
from ui.session import Session


class FakeDialogs:
    """Answers the exporter's questions from a script and records what it was asked."""

    def __init__(self, save_to: str | None, choice: str = "close"):
        self.save_to = save_to
        self.choice = choice
        self.calls: list[tuple] = []

    def save_file(self, title, suggested, filters):
        self.calls.append(("save_file", suggested, filters))
        return self.save_to

    def choose(self, title, text, choices, default=None, cancel=None, detail="", icon="question"):
        self.calls.append(("choose", text, [key for key, _label in choices]))
        return self.choice

    def error(self, title, text, detail=""):
        self.calls.append(("error", text, detail))

    def kinds(self) -> list[str]:
        return [call[0] for call in self.calls]


@pytest.fixture
def window(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def session(tmp_path):
    proposal = storage.load(resource_path("examples", "digiretail.ssa.json")).proposal
    session = Session(proposal)
    session.load(proposal, tmp_path / "digiretail.ssa.json")
    return session


class GatedRender:
    """A render function that waits for the test, and notes the thread it ran on."""

    def __init__(self):
        self.gate = threading.Event()
        self.thread: int | None = None

    def __call__(self, proposal, report, *, lang, file_name):
        from ssa_wizard import pdf

        self.thread = threading.get_ident()
        assert self.gate.wait(30), "the test never opened the gate"
        return pdf.render(proposal, report, lang=lang, file_name=file_name)


def test_default_name_is_acronym_and_date_beside_the_proposal(tmp_path, session, window):
    dialogs = FakeDialogs(save_to=None)
    exporter = PdfExporter(session, dialogs, window)
    exporter.export()
    today = dt.date.today().isoformat()
    assert dialogs.calls == [("save_file", str(tmp_path / f"DIGIRETAIL-{today}.pdf"),
                              "PDF files (*.pdf)")]
    assert not exporter.busy  # cancelled: nothing runs


def test_default_name_without_acronym_is_safe():
    proposal = storage.load(resource_path("examples", "digiretail.ssa.json")).proposal
    proposal.project.acronym = ""
    proposal.project.title = 'Skills: "A/B" <test>'
    assert default_pdf_name(proposal, dt.date(2026, 11, 28)) == "Skills AB test-2026-11-28.pdf"


def test_renders_off_the_gui_thread_and_writes_the_file(qtbot, tmp_path, session, window):
    target = tmp_path / "out" / "summary.pdf"
    target.parent.mkdir()
    render = GatedRender()
    dialogs = FakeDialogs(save_to=str(target))
    exporter = PdfExporter(session, dialogs, window, render=render)
    exporter.export()
    # export() returned while the worker is still rendering: the event loop is free.
    assert exporter.busy
    assert not target.exists()
    # The busy indicator appears while the worker renders: the GUI thread runs its events.
    progress = window.findChild(QProgressDialog)
    assert progress is not None and "summary.pdf" in progress.labelText()
    qtbot.waitUntil(progress.isVisible, timeout=10000)
    # Edits made meanwhile do not reach the PDF: the worker has its own copy.
    session.set_project_field("title", "Changed during the export")
    with qtbot.waitSignal(exporter.finished, timeout=30000) as blocker:
        render.gate.set()
    assert blocker.args == [str(target)]
    assert render.thread is not None and render.thread != threading.get_ident()
    text = PdfReader(target).pages[0].extract_text()
    assert "Digital skills for small retailers" in text
    assert "Changed during the export" not in text
    assert os.listdir(target.parent) == ["summary.pdf"]
    assert dialogs.kinds() == ["save_file", "choose"]
    assert dialogs.calls[1][2] == ["open", "close"]
    assert not exporter.busy
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog) is None, timeout=10000)


def test_real_renderer_and_pdf_suffix_added(qtbot, tmp_path, session, window):
    dialogs = FakeDialogs(save_to=str(tmp_path / "summary"))
    exporter = PdfExporter(session, dialogs, window)
    with qtbot.waitSignal(exporter.finished, timeout=60000) as blocker:
        exporter.export()
    assert blocker.args == [str(tmp_path / "summary.pdf")]
    reader = PdfReader(tmp_path / "summary.pdf")
    assert reader.metadata.author == "ROC Midden Nederland"
    assert reader.trailer["/Root"]["/Lang"] == "nl"  # the proposal's language


def test_report_is_fresh_before_rendering(qtbot, tmp_path, session, window):
    dialogs = FakeDialogs(save_to=str(tmp_path / "fresh.pdf"))
    exporter = PdfExporter(session, dialogs, window)
    session.set_plans_field("recognition", "")  # the re-check is only scheduled
    with qtbot.waitSignal(exporter.finished, timeout=60000):
        exporter.export()
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "fresh.pdf").pages)
    assert "CONCEPT" in text or "DRAFT" in text  # marked, in whichever language nl has now


def test_unwritable_folder_reports_failure(qtbot, tmp_path, session, window):
    target = tmp_path / "missing-folder" / "summary.pdf"
    dialogs = FakeDialogs(save_to=str(target))
    exporter = PdfExporter(session, dialogs, window)
    with qtbot.waitSignal(exporter.failed, timeout=60000) as blocker:
        exporter.export()
    message = blocker.args[0]
    assert str(target) in message
    assert dialogs.kinds() == ["save_file", "error"]
    assert "folder does not exist" in dialogs.calls[1][2]
    assert os.listdir(tmp_path) == []
    assert not exporter.busy


def test_name_taken_by_a_folder_leaves_nothing_half_written(qtbot, tmp_path, session, window):
    target = tmp_path / "summary.pdf"
    target.mkdir()
    dialogs = FakeDialogs(save_to=str(target))
    exporter = PdfExporter(session, dialogs, window)
    with qtbot.waitSignal(exporter.failed, timeout=60000):
        exporter.export()
    assert os.listdir(tmp_path) == ["summary.pdf"] and os.listdir(target) == []
    assert "Choose another name" in dialogs.calls[1][2]


def test_render_error_is_reported_without_a_traceback(qtbot, tmp_path, session, window):
    def broken(proposal, report, *, lang, file_name):
        raise ValueError("boom")

    dialogs = FakeDialogs(save_to=str(tmp_path / "x.pdf"))
    exporter = PdfExporter(session, dialogs, window, render=broken)
    with qtbot.waitSignal(exporter.failed, timeout=30000) as blocker:
        exporter.export()
    assert blocker.args == ["The PDF could not be made."]
    assert "ValueError: boom" in dialogs.calls[1][2]
    assert "Traceback" not in dialogs.calls[1][2]
    assert os.listdir(tmp_path) == []


def test_second_export_while_busy_is_ignored(qtbot, tmp_path, session, window):
    render = GatedRender()
    dialogs = FakeDialogs(save_to=str(tmp_path / "a.pdf"))
    exporter = PdfExporter(session, dialogs, window, render=render)
    exporter.export()
    exporter.export()
    assert dialogs.kinds() == ["save_file"]
    with qtbot.waitSignal(exporter.finished, timeout=30000):
        render.gate.set()


class UrlCatcher(QObject):
    """Stands in for the system's PDF viewer (Qt's own hook for URL schemes)."""

    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def catch(self, url: QUrl) -> None:
        self.urls.append(url)


def test_offers_to_open_the_pdf(qtbot, tmp_path, session, window):
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "catch")
    try:
        dialogs = FakeDialogs(save_to=str(tmp_path / "open.pdf"), choice="open")
        exporter = PdfExporter(session, dialogs, window)
        with qtbot.waitSignal(exporter.finished, timeout=60000):
            exporter.export()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [url.toLocalFile() for url in catcher.urls] == [str(tmp_path / "open.pdf")]
