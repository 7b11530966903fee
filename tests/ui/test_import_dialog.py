"""Import partners in the window: sheets read and checked off the GUI thread, one undo step."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer

from ssa_wizard import exchange
from ssa_wizard.model import Partner, Proposal
from ui import import_dialog
from ui.import_dialog import ACTION, COLUMNS, FINDINGS, INCLUDE, NAME, REVIEW, WHERE, ImportDialog

DUTCH_CSV = (
    "Naam;Land;Soort;Rol;PIC;Bereikbaar via;Opmerking\r\n"
    "ROC Zuid;Nederland;beroepsonderwijs;aanvrager;912345678;info@rocz.nl;eerste\r\n"
    "Bäckerei Müller GmbH;Duitsland;bedrijfstakspecifieke expertise;volwaardig partner;;"
    "b@mueller.de;\r\n"
    "Café Crème;Duitsladn;beroepsonderwijs;volwaardig partner;;cafe@creme.fr;tikfout\r\n"
    "Ministerie van OCW;NL;toezichthouder;volwaardig partner;;ocw@minocw.nl;\r\n"
).encode("cp1252")


def _page(window):
    return window.pages["partners"]


def _wait_step(qtbot, dialog: ImportDialog, step: int) -> None:
    qtbot.waitUntil(lambda: dialog.step == step and not dialog.busy, timeout=30000)


def _rows(dialog: ImportDialog) -> dict[str, dict[int, str]]:
    """The review table as the user sees it: row label -> column texts."""
    model = dialog.plan_table.model()
    rows = {}
    for r in range(model.rowCount()):
        texts = {c: model.index(r, c).data() or "" for c in range(model.columnCount())}
        texts[INCLUDE] = model.index(r, INCLUDE).data(Qt.ItemDataRole.CheckStateRole)
        rows[texts[WHERE]] = texts
    return rows


def _start(qtbot, window, dialogs, path) -> ImportDialog:
    dialogs.script("open_file", str(path))
    _page(window).import_action.trigger()
    dialog = window.partner_exchange.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_dutch_csv_mapping_corrected_findings_per_row_and_one_undo(qtbot, tmp_path, main_window,
                                                                    session, dialogs):
    path = tmp_path / "partners.csv"
    path.write_bytes(DUTCH_CSV)
    session.add_partner(Partner(id="x", name="Existing school", country="BE"))
    before = [p.model_copy() for p in session.proposal.partners]
    undo_steps = session.undo_stack.count()

    dialog = _start(qtbot, main_window, dialogs, path)
    _wait_step(qtbot, dialog, COLUMNS)
    assert "Windows-1252" in dialog.sheet_label.text() and "“;”" in dialog.sheet_label.text()
    assert "4 rows" in dialog.sheet_label.text()
    # The guessed mapping: "Bereikbaar via" is not a header we know, so it is not imported.
    assert [dialog.combo(c).currentData() for c in range(7)] == [
        "name", "country", "category", "role", "pic", None, None]
    assert dialog.preview_table.model().headerData(5, Qt.Orientation.Horizontal) == "(not imported)"
    # The user says that column holds the e-mail addresses, with the keyboard.
    combo = dialog.combo(5)
    combo.setFocus()
    qtbot.keyClicks(combo, "E-mail")
    assert combo.currentData() == "contact_email"
    assert dialog.mapping.field_of(5) == "contact_email"
    assert dialog.preview_table.model().headerData(5, Qt.Orientation.Horizontal) == "E-mail"
    assert dialog.preview_table.model().index(0, 5).data() == "info@rocz.nl"

    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait_step(qtbot, dialog, REVIEW)
    rows = _rows(dialog)
    assert list(rows) == ["2", "3", "4", "5"]
    assert rows["2"][ACTION] == "New member" and rows["2"][INCLUDE] == Qt.CheckState.Checked
    assert rows["4"][NAME] == "Café Crème"
    assert rows["4"][ACTION] == "Skipped"
    assert "“Duitsladn” is not known" in rows["4"][FINDINGS]
    assert rows["4"][INCLUDE] == Qt.CheckState.Unchecked
    # The first row with a problem is chosen, its findings in full below the table.
    assert dialog.detail_label.text().startswith("Row 4: Café Crème")
    assert "“Duitsladn” is not known" in dialog.detail_label.text()
    assert "3 new members" in dialog.summary_label.text()
    assert "1 skipped" in dialog.summary_label.text()
    assert dialog.import_button.text() == "&Import 3 rows"
    # Only rows with problems, on request.
    dialog.problems_only.setChecked(True)
    assert list(_rows(dialog)) == ["4"]
    dialog.problems_only.setChecked(False)
    # The skipped row cannot be ticked.
    model = dialog.plan_table.model()
    skipped = model.index(2, INCLUDE)
    assert not model.flags(skipped) & Qt.ItemFlag.ItemIsUserCheckable

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    names = [p.name for p in session.proposal.partners]
    assert names == ["Existing school", "ROC Zuid", "Bäckerei Müller GmbH", "Ministerie van OCW"]
    roc = session.proposal.partners[1]
    assert (roc.country, roc.category, roc.role, roc.pic, roc.contact_email) == (
        "NL", "vet_provider", "applicant", "912345678", "info@rocz.nl")
    assert session.proposal.partners[2].country == "DE"
    assert session.undo_stack.count() == undo_steps + 1
    assert _page(main_window).current_id() == roc.id
    assert _page(main_window).model.rowCount() == 4

    session.undo_stack.undo()
    assert session.proposal.partners == before
    assert _page(main_window).model.rowCount() == 1


def test_xlsx_import_with_an_untick(qtbot, tmp_path, main_window, session, dialogs):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Partners of the alliance"])  # a title above the headers
    sheet.append([])
    sheet.append(["Organisation", "Country", "Type", "Role", "PIC number", "E-mail"])
    sheet.append(["Sveučilište u Zagrebu", "Croatia", "VET provider", "applicant", 999888777,
                  "info@unizg.hr"])
    sheet.append(["Retail Ireland", "IE", "sector expertise", "full partner", None, ""])
    path = tmp_path / "partners.xlsx"
    book.save(path)

    dialog = _start(qtbot, main_window, dialogs, path)
    _wait_step(qtbot, dialog, COLUMNS)
    assert "Excel workbook" in dialog.sheet_label.text()
    assert "row 3" in dialog.sheet_label.text()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait_step(qtbot, dialog, REVIEW)
    rows = _rows(dialog)
    assert list(rows) == ["4", "5"]
    # Untick the second row by clicking its box.
    model = dialog.plan_table.model()
    assert model.setData(model.index(1, INCLUDE), Qt.CheckState.Unchecked.value,
                         Qt.ItemDataRole.CheckStateRole)
    assert dialog.import_button.text() == "&Import 1 row"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert [(p.name, p.country, p.pic) for p in session.proposal.partners] == [
        ("Sveučilište u Zagrebu", "HR", "999888777")]


def test_no_name_column_keeps_next_off_until_chosen(qtbot, tmp_path, main_window, session,
                                                    dialogs):
    path = tmp_path / "odd.csv"
    path.write_text("Wie,Waar\nAlpha,DE\nBeta,FR\n", encoding="utf-8")
    dialog = _start(qtbot, main_window, dialogs, path)
    _wait_step(qtbot, dialog, COLUMNS)
    assert not dialog.next_button.isEnabled()
    assert "names" in dialog.mapping_note.text()
    for column, label in ((0, "Name"), (1, "Country")):
        combo = dialog.combo(column)
        combo.setCurrentIndex(combo.findText(label))
        combo.activated.emit(combo.currentIndex())
    assert dialog.next_button.isEnabled()
    # One field comes from one column: giving "Name" to column B takes it from column A.
    dialog.combo(1).setCurrentIndex(dialog.combo(1).findText("Name"))
    dialog.combo(1).activated.emit(dialog.combo(1).currentIndex())
    assert dialog.combo(0).currentData() is None
    dialog.combo(0).setCurrentIndex(dialog.combo(0).findText("Name"))
    dialog.combo(0).activated.emit(dialog.combo(0).currentIndex())
    dialog.combo(1).setCurrentIndex(dialog.combo(1).findText("Country"))
    dialog.combo(1).activated.emit(dialog.combo(1).currentIndex())
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait_step(qtbot, dialog, REVIEW)
    # Back to the columns, and on again.
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.step == COLUMNS
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait_step(qtbot, dialog, REVIEW)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert [(p.name, p.country) for p in session.proposal.partners] == [
        ("Alpha", "DE"), ("Beta", "FR")]


@pytest.mark.parametrize("content, expected", [
    (b"\x00\x01\x02PK\x00binary\xff\xfe\x00" * 50, "binary data"),
    (b"", "the file is empty"),
    ("Naam;Land\r\n".encode("cp1252"), "no partners below it"),
    (b"%PDF-1.7 not a sheet", "PDF"),
])
def test_bad_input_gets_a_clear_message(qtbot, tmp_path, main_window, session, dialogs,
                                        content, expected):
    path = tmp_path / "partners.csv"
    path.write_bytes(content)
    dialog = _start(qtbot, main_window, dialogs, path)
    closed = []
    dialog.finished.connect(closed.append)
    qtbot.waitUntil(lambda: bool(closed) or (dialog.step == COLUMNS and not dialog.busy),
                    timeout=30000)
    if not closed:  # read fine, but nothing below the headers: told when planning
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(closed), timeout=30000)
    assert main_window.partner_exchange.dialog is None
    errors = dialogs.asked("error")
    assert len(errors) == 1
    _kind, title, text = errors[0]
    assert title == "Import partners"
    assert "partners.csv" in text and expected in text
    assert "Traceback" not in text
    assert session.proposal.partners == [] and not session.dirty


ROWS = 10_000


def _big_csv(path) -> None:
    lines = ["Naam;Land;Categorie;Rol;PIC"]
    lines += [f"Organisatie {i};Duitsland;toezichthouder;volwaardig partner;{900000000 + i}"
              for i in range(ROWS)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def test_ten_thousand_rows_import_while_the_window_stays_responsive(qtbot, tmp_path, main_window,
                                                                   session, dialogs):
    path = tmp_path / "big.csv"
    _big_csv(path)
    dialog = _start(qtbot, main_window, dialogs, path)
    _wait_step(qtbot, dialog, COLUMNS)
    assert f"{ROWS} rows" in dialog.sheet_label.text()

    ticks: list[bool] = []  # whether the worker was busy at each tick of the GUI thread
    progress: list[int] = []
    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(lambda: (ticks.append(dialog.busy),
                                   progress.append(dialog.progress_bar.value())))
    timer.start()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.busy  # the click returned at once: the plan is made on the pool
    _wait_step(qtbot, dialog, REVIEW)
    timer.stop()
    assert any(ticks), "the GUI thread never ran while the plan was being made"
    assert max(progress) > 0
    assert dialog.plan_table.model().rowCount() == ROWS
    assert dialog.import_button.text() == f"&Import {ROWS} rows"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(session.proposal.partners) == ROWS
    assert session.proposal.partners[-1].pic == str(900000000 + ROWS - 1)
    session.undo_stack.undo()
    assert session.proposal.partners == []


@pytest.mark.parametrize(("stage", "work"), [("reading", "read_sources"),
                                             ("planning", "plan_sources")])
def test_cancelling_a_large_import_leaves_the_proposal_unchanged(qtbot, tmp_path, main_window,
                                                                 session, dialogs, monkeypatch,
                                                                 stage, work):
    # The work waits until Cancel has been clicked, so what is tested is cancelling in
    # the middle of the work, however fast the machine: the real read or plan then
    # starts with the cancel flag set and must stop itself.
    real = getattr(import_dialog, work)
    started, clicked, outcome = threading.Event(), threading.Event(), []

    def held(*args, **kwargs):
        started.set()
        assert clicked.wait(30)
        try:
            return real(*args, **kwargs)
        except exchange.ImportCancelled:
            outcome.append("stopped itself")
            raise

    monkeypatch.setattr(import_dialog, work, held)
    path = tmp_path / "big.csv"
    _big_csv(path)
    session.add_partner(Partner(id="x", name="Kept", country="NL"))
    before = [p.model_copy() for p in session.proposal.partners]
    steps = session.undo_stack.count()
    dialog = _start(qtbot, main_window, dialogs, path)
    if stage == "planning":
        _wait_step(qtbot, dialog, COLUMNS)
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set)
    assert dialog.busy
    with qtbot.waitSignal(dialog.abandoned, timeout=30000):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        clicked.set()
    assert outcome == ["stopped itself"]
    assert not dialog.isVisible()
    assert session.proposal.partners == before
    assert session.undo_stack.count() == steps
    assert not dialogs.asked("error")


def test_sheets_and_cards_together_name_their_files(qtbot, tmp_path, main_window, session,
                                                    dialogs):
    from ssa_wizard import cards

    sheet = tmp_path / "list.csv"
    sheet.write_text("Name,Country\nAlpha,DE\nBeta,FR\n", encoding="utf-8")
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"")
    card = tmp_path / "Alpha.ssa-partner.json"
    cards.save_card(Partner(id="c", name="ALPHA", country="DE", city="Berlin"), card)
    dialog = main_window.partner_exchange.open_paths([str(sheet), str(broken), str(card)])
    _wait_step(qtbot, dialog, REVIEW)
    rows = _rows(dialog)
    assert list(rows) == ["list.csv, row 2", "list.csv, row 3", "Alpha.ssa-partner.json"]
    assert rows["Alpha.ssa-partner.json"][ACTION] == "Skipped"
    assert "same organisation as row 2 of list.csv" in rows["Alpha.ssa-partner.json"][FINDINGS]
    assert dialog.file_errors_label.isVisible()
    assert "broken.csv" in dialog.file_errors_label.text()
    assert not dialog.back_button.isVisible()  # no columns step for several files
    dialog.reject()
    assert session.proposal.partners == []


def test_plan_model_passes_the_model_tester(qtmodeltester):
    from ui.widgets.import_models import PlanModel

    sheet = exchange.parse_sheet(DUTCH_CSV, "p.csv")
    plan = exchange.plan_sheet(Proposal.new(), sheet)
    model = PlanModel(plan)
    qtmodeltester.check(model)
    assert model.rowCount() == 4


def test_the_review_predicts_the_verdict_after_import(qtbot, tmp_path, main_window, session,
                                                      dialogs):
    from ssa_wizard import storage
    from ssa_wizard.resources import resource_path

    session.load(storage.load(resource_path("examples", "digiretail.ssa.json")).proposal)
    assert session.report.eligible
    path = tmp_path / "new partners.csv"
    path.write_text("name,country,category,role\n"
                    "Lycée Hôtelier,FR,sector expertise,full partner\n"
                    "Chambre de Commerce,FR,sector expertise,full partner\n"
                    "Handelsverband,AT,sector expertise,associated partner\n",
                    encoding="utf-8")
    main_window.go_to("project")
    dialog = _start(qtbot, main_window, dialogs, path)
    _wait_step(qtbot, dialog, COLUMNS)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait_step(qtbot, dialog, REVIEW)
    text = dialog.verdict_label.text()
    assert text.startswith("Today: eligible. After import: not eligible — France has no full "
                           "participants of the categories")
    predicted = dialog.predicted_report()
    # Unticking the French rows: the prediction follows the ticks at once.
    model = dialog.plan_table.model()
    for row in (0, 1):
        model.setData(model.index(row, INCLUDE), Qt.CheckState.Unchecked.value,
                      Qt.ItemDataRole.CheckStateRole)
    assert dialog.verdict_label.text() == "Today: eligible. After import: still eligible."
    for row in (0, 1):
        model.setData(model.index(row, INCLUDE), Qt.CheckState.Checked.value,
                      Qt.ItemDataRole.CheckStateRole)
    assert "not eligible — France" in dialog.verdict_label.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    after = session.check_now()
    # What was predicted is what came.
    assert after.eligible == predicted.eligible is False
    assert sorted(f.rule for f in after.findings) == sorted(f.rule for f in predicted.findings)
    assert sorted(map(messages_of, after.findings)) == sorted(map(messages_of, predicted.findings))
    # The window shows the partners page with the new rows selected.
    assert main_window.current_key() == "partners"
    page = _page(main_window)
    selected = page.master.selected_ids()
    names = [session.proposal.partner(i).name for i in selected]
    assert names == ["Lycée Hôtelier", "Chambre de Commerce", "Handelsverband"]


def messages_of(finding) -> str:
    from ssa_wizard import messages

    return messages.message(finding)
