"""Export PDF in the wizard: rendered off the GUI thread, written whole, errors told clearly."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from ssa_wizard import storage
from ssa_wizard.resources import resource_path
from ui.pdf_export import PdfExporter, default_pdf_name
from ui.session import Session


def _files(folder) -> list[str]:
    """The files in ``folder``, without the tests' own settings (``tests/ui/conftest.py``):
    the file dialogs remember the last folder there."""
    return [name for name in os.listdir(folder) if name != "settings"]


class FakeDialogs:
    """Answers the exporter's questions from a script and records what it was asked."""

    def __init__(self, save_to: str | None | list[str | None], choice: str = "close"):
        self.answers = list(save_to) if isinstance(save_to, list) else [save_to]
        self.choice = choice
        self.calls: list[tuple] = []

    def save_file(self, title, suggested, filters):
        self.calls.append(("save_file", suggested, filters))
        return self.answers.pop(0)

    def choose(self, title, text, choices, default=None, cancel=None, detail="", icon="question"):
        self.calls.append(("choose", text, [key for key, _label in choices], detail, icon))
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

    def __call__(self, proposal, report, *, lang, file_name, **_ignored):
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
    assert default_pdf_name(proposal, dt.date(2026, 11, 28)) == "Skills A B test-2026-11-28.pdf"


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
    assert _files(target.parent) == ["summary.pdf"]
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


def _export_to(qtbot, session, window, target) -> FakeDialogs:
    """Export the session's summary to ``target`` with the real renderer; the dialogs asked."""
    dialogs = FakeDialogs(save_to=str(target))
    exporter = PdfExporter(session, dialogs, window)
    with qtbot.waitSignal(exporter.finished, timeout=60000):
        exporter.export()
    return dialogs


def test_a_summary_of_unsaved_edits_says_so_in_its_footer(qtbot, tmp_path, session, window):
    def footer_of(name: str) -> str:
        _export_to(qtbot, session, window, tmp_path / name)
        return " ".join(PdfReader(tmp_path / name).pages[0].extract_text().split())

    assert "Bestand: digiretail.ssa.json" in footer_of("saved.pdf")
    assert "niet zijn opgeslagen" not in footer_of("saved.pdf")
    session.set_project_field("title", "Not saved yet")
    assert ("Bestand: digiretail.ssa.json, met wijzigingen die nog niet zijn opgeslagen"
            in footer_of("edited.pdf"))


def test_report_is_fresh_before_rendering(qtbot, tmp_path, session, window):
    dialogs = FakeDialogs(save_to=str(tmp_path / "fresh.pdf"))
    exporter = PdfExporter(session, dialogs, window)
    session.set_plans_field("recognition", "")  # the re-check is only scheduled
    with qtbot.waitSignal(exporter.finished, timeout=60000):
        exporter.export()
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "fresh.pdf").pages)
    assert session.proposal.language == "nl"  # the summary speaks the proposal's language
    assert "CONCEPT – niet volledig" in text and "DRAFT" not in text


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
    assert _files(tmp_path) == []
    assert not exporter.busy


def test_name_taken_by_a_folder_is_refused_and_asked_again(qtbot, tmp_path, session, window):
    target = tmp_path / "summary.pdf"
    target.mkdir()
    dialogs = FakeDialogs(save_to=[str(target), None])  # refused, then the user gives up
    exporter = PdfExporter(session, dialogs, window)
    exporter.export()
    assert dialogs.kinds() == ["save_file", "error", "save_file"]
    assert dialogs.calls[1][1] == "summary.pdf is a folder."
    assert not exporter.busy
    assert _files(tmp_path) == ["summary.pdf"] and _files(target) == []


def test_render_error_is_reported_without_a_traceback(qtbot, tmp_path, session, window):
    def broken(proposal, report, **_kwargs):
        raise ValueError("boom <LayoutError>")

    dialogs = FakeDialogs(save_to=str(tmp_path / "x.pdf"))
    exporter = PdfExporter(session, dialogs, window, render=broken)
    with qtbot.waitSignal(exporter.failed, timeout=30000) as blocker:
        exporter.export()
    assert blocker.args == ["The PDF could not be made."]
    assert "report the problem" in dialogs.calls[1][2]
    assert "boom" not in dialogs.calls[1][2] and "Error" not in dialogs.calls[1][2]
    assert _files(tmp_path) == []


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


# --- cancelling (issue #15) ------------------------------------------------------------------

class PausingRender:
    """The real renderer, held at its first progress report until the test lets it go."""

    def __init__(self):
        self.paused = threading.Event()
        self.resume = threading.Event()
        self.stopped_by_cancel = False

    def __call__(self, proposal, report, *, cancelled, progress, **kwargs):
        from ssa_wizard import pdf

        def on_progress(done, total):
            progress(done, total)
            if not self.paused.is_set():
                self.paused.set()
                assert self.resume.wait(30), "the test never resumed the render"

        try:
            return pdf.render(proposal, report, cancelled=cancelled, progress=on_progress,
                              **kwargs)
        except pdf.Cancelled:
            self.stopped_by_cancel = True
            raise


def test_cancel_stops_the_renderer_and_writes_nothing(qtbot, tmp_path, session, window):
    target = tmp_path / "out" / "summary.pdf"
    target.parent.mkdir()
    render = PausingRender()
    dialogs = FakeDialogs(save_to=str(target))
    exporter = PdfExporter(session, dialogs, window, render=render)
    exporter.export()
    progress = window.findChild(QProgressDialog)
    qtbot.waitUntil(progress.isVisible, timeout=10000)
    qtbot.waitUntil(render.paused.is_set, timeout=30000)
    qtbot.waitUntil(lambda: progress.maximum() > 0, timeout=10000)  # a real count is shown
    cancel = next(button for button in progress.findChildren(QPushButton)
                  if button.text() == "Cancel")
    with qtbot.waitSignal(exporter.cancelled, timeout=30000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        assert progress.labelText() == "Stopping…"
        render.resume.set()
    assert render.stopped_by_cancel  # the layout really stopped, it did not run to the end
    assert _files(target.parent) == []
    assert dialogs.kinds() == ["save_file"]  # no error, no "exported"
    assert not exporter.busy
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog) is None, timeout=10000)


def test_cancel_after_rendering_discards_the_result(qtbot, tmp_path, session, window):
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"%PDF-1.4 the previous export")
    render = GatedRender()  # ignores the cancel flag: finishes the PDF regardless
    dialogs = FakeDialogs(save_to=str(target))
    exporter = PdfExporter(session, dialogs, window, render=render)
    exporter.export()
    exporter.cancel()
    with qtbot.waitSignal(exporter.cancelled, timeout=30000):
        render.gate.set()
    assert target.read_bytes() == b"%PDF-1.4 the previous export"
    assert _files(tmp_path) == ["summary.pdf"]
    assert dialogs.kinds() == ["save_file"]


# --- where the PDF may go ------------------------------------------------------------------

def saved_proposal(session) -> bytes:
    data = session.proposal.to_json().encode()
    session.path.write_bytes(data)
    return data


@pytest.mark.parametrize("kind", ["proposal", "link-to-proposal", "card", "other-file",
                                  "folder", "fifo"])
def test_the_pdf_never_replaces_the_proposal_or_a_file_that_is_not_a_pdf(
        qtbot, tmp_path, session, window, kind):
    proposal_bytes = saved_proposal(session)
    if kind == "proposal":
        bad = session.path
    elif kind == "link-to-proposal":
        bad = tmp_path / "summary.pdf"
        bad.symlink_to(session.path)
    elif kind == "card":
        bad = tmp_path / "my-card.JSON"
    elif kind == "other-file":
        bad = tmp_path / "notes.pdf"
        bad.write_text("my notes, not a PDF")
    elif kind == "folder":
        bad = tmp_path / "folder.pdf"
        bad.mkdir()
    else:
        bad = tmp_path / "pipe.pdf"
        os.mkfifo(bad)
    before = sorted(_files(tmp_path))
    good = tmp_path / "fine.pdf"
    dialogs = FakeDialogs(save_to=[str(bad), str(good)])
    exporter = PdfExporter(session, dialogs, window)
    with qtbot.waitSignal(exporter.finished, timeout=60000) as blocker:
        exporter.export()
    assert blocker.args == [str(good)]
    assert dialogs.kinds() == ["save_file", "error", "save_file", "choose"]
    refusal = dialogs.calls[1][1]
    assert bad.name in refusal and "\n" not in refusal
    assert dialogs.calls[2][1] == str(tmp_path / Path(exporter.suggested_path()).name)
    assert session.path.read_bytes() == proposal_bytes
    assert sorted(_files(tmp_path)) == sorted(before + ["fine.pdf"])
    if kind == "other-file":
        assert bad.read_text() == "my notes, not a PDF"


def test_an_earlier_pdf_may_be_replaced(qtbot, tmp_path, session, window):
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"%PDF-1.4 an older export")
    dialogs = FakeDialogs(save_to=str(target))
    exporter = PdfExporter(session, dialogs, window)
    with qtbot.waitSignal(exporter.finished, timeout=60000):
        exporter.export()
    assert dialogs.kinds() == ["save_file", "choose"]
    assert PdfReader(target).metadata.author == "ROC Midden Nederland"


def test_write_errors_give_the_friendly_reason_not_the_system_message(
        qtbot, tmp_path, session, window):
    target = tmp_path / ("x" * 300 + ".pdf")  # longer than any file system allows
    dialogs = FakeDialogs(save_to=str(target))
    exporter = PdfExporter(session, dialogs, window)
    with qtbot.waitSignal(exporter.failed, timeout=60000):
        exporter.export()
    detail = dialogs.calls[1][2]
    assert "the name is too long" in detail
    assert "File name too long" not in detail and "Errno" not in detail
    assert _files(tmp_path) == []


# --- what the PDF cannot print -------------------------------------------------------------

def test_the_user_is_told_which_fields_have_characters_the_pdf_cannot_print(
        qtbot, tmp_path, session, window):
    session.proposal.partners[1].name = "北京大学 Centre"
    session.proposal.activities[0].description = "Kick-off in กรุงเทพ"
    dialogs = FakeDialogs(save_to=str(tmp_path / "scripts.pdf"))
    exporter = PdfExporter(session, dialogs, window)
    with qtbot.waitSignal(exporter.finished, timeout=60000):
        exporter.export()
    _kind, _text, _choices, detail, icon = dialogs.calls[1]
    assert icon == "warning"
    assert "Member “北京大学 Centre”, name: 北 京 大 学" in detail.splitlines()
    assert any(line.startswith("Activity 1 ") and ", description: " in line
               for line in detail.splitlines())
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "scripts.pdf").pages)
    assert "\ufffd\ufffd\ufffd\ufffd Centre" in text


def test_no_note_when_everything_prints(qtbot, tmp_path, session, window):
    session.proposal.partners[1].name = "جامعة القاهرة"
    dialogs = FakeDialogs(save_to=str(tmp_path / "fine.pdf"))
    exporter = PdfExporter(session, dialogs, window)
    with qtbot.waitSignal(exporter.finished, timeout=60000):
        exporter.export()
    assert dialogs.calls[1][3:] == ("", "info")


def test_a_summary_of_unsaved_edits_says_it_matches_no_file(qtbot, tmp_path, session, window):
    # A signed summary must name a version a file holds: exporting unsaved edits says so.
    from ssa_wizard.compare import fingerprint

    def export(name: str) -> str:
        dialogs = _export_to(qtbot, session, window, tmp_path / name)
        return next(call for call in dialogs.calls if call[0] == "choose")[3]

    assert not session.dirty
    assert "not saved" not in export("saved.pdf")
    session.set_plans_field("recognition", "Recognised by the national agency.")
    assert session.dirty
    detail = export("unsaved.pdf")
    assert "not saved yet" in detail and fingerprint(session.proposal) in detail
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "unsaved.pdf").pages)
    assert fingerprint(session.proposal) in text  # the version the PDF itself names
