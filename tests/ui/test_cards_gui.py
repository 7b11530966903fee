"""Partner cards and export in the window: save a member as a card, add cards back, drop
files on the partners page, export and import again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from ssa_wizard import cards, exchange, i18n, storage
from ssa_wizard.model import Partner, Proposal
from ssa_wizard.resources import resource_path
from ui.import_dialog import ACTION, FINDINGS, REVIEW, WHERE

DIGIRETAIL = resource_path("examples", "digiretail.ssa.json")


def _page(window):
    return window.pages["partners"]


def _wait_review(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.step == REVIEW and not dialog.busy, timeout=30000)


def _texts(dialog, column: int) -> list[str]:
    model = dialog.plan_table.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


@pytest.fixture
def example(session):
    proposal = storage.load(DIGIRETAIL).proposal
    session.load(proposal)
    return session


def test_save_card_is_off_without_a_member(main_window, session):
    page = _page(main_window)
    assert session.proposal.partners == []
    assert not page.save_card_action.isEnabled()
    assert page.import_action.isVisible() and page.more_button_action.isVisible()
    page.add_member()
    assert page.save_card_action.isEnabled()


def test_save_a_member_as_card_then_add_it_back(qtbot, tmp_path, main_window, example, dialogs):
    page = _page(main_window)
    member = example.proposal.partners[1]
    page.select_member(member.id)
    default = cards.card_file_name(member)
    target = tmp_path / "card"  # the suffix is added
    dialogs.script("save_file", str(target))
    page.save_card_action.trigger()
    _kind, _title, suggested = dialogs.asked("save_file")[0]
    assert suggested.endswith(default)
    saved = tmp_path / ("card" + cards.SUFFIX)
    partner, findings = cards.load_card(saved).partner("x")
    assert partner.model_dump(exclude={"id"}) == member.model_dump(exclude={"id"})
    assert not findings

    # Unchanged: adding the card back changes nothing.
    dialogs.script("open_files", [str(saved)])
    page.add_cards_action.trigger()
    dialog = main_window.partner_exchange.dialog
    _wait_review(qtbot, dialog)
    assert _texts(dialog, ACTION) == ["Already there"]
    assert _texts(dialog, WHERE) == [saved.name]
    assert dialog.plan_table.model().headerData(WHERE, Qt.Orientation.Horizontal) == "Card"
    assert not dialog.import_button.isEnabled()
    dialog.reject()

    # The member was changed since: the card updates it back, as one undo step.
    example.set_partner_field(member.id, "city", "Somewhere else")
    dialogs.script("open_files", [str(saved)])
    page.add_cards_action.trigger()
    dialog = main_window.partner_exchange.dialog
    _wait_review(qtbot, dialog)
    assert _texts(dialog, ACTION) == ["Updates a member"]
    assert "City" in _texts(dialog, FINDINGS)[0]
    steps, count = example.undo_stack.count(), len(example.proposal.partners)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert example.proposal.partner(member.id).city == member.city
    assert example.undo_stack.count() == steps + 1
    assert len(example.proposal.partners) == count


def test_a_card_with_problems_shows_its_findings(qtbot, tmp_path, main_window, session, dialogs):
    bad = tmp_path / "Bad.ssa-partner.json"
    bad.write_text('{"format": "ssa-partner", "version": 1, "partner": '
                   '{"name": "Ècole <Nord>", "country": "Frankrijkk", "pic": "12"}}',
                   encoding="utf-8")
    good = tmp_path / "Good.ssa-partner.json"
    cards.save_card(Partner(id="g", name="Good GmbH", country="AT", pic="123456789"), good)
    not_card = tmp_path / "Other.ssa-partner.json"
    not_card.write_text('{"format": "ssa-proposal"}', encoding="utf-8")
    dialogs.script("open_files", [str(bad), str(good), str(not_card)])
    _page(main_window).add_cards_action.trigger()
    dialog = main_window.partner_exchange.dialog
    _wait_review(qtbot, dialog)
    assert _texts(dialog, WHERE) == ["Bad.ssa-partner.json", "Good.ssa-partner.json"]
    assert _texts(dialog, ACTION) == ["Skipped", "New member"]
    assert "“Frankrijkk” is not known" in _texts(dialog, FINDINGS)[0]
    assert "not nine digits" in _texts(dialog, FINDINGS)[0]
    assert "this is a proposal, not a partner card" in dialog.file_errors_label.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in session.proposal.partners] == ["Good GmbH"]


def _drop(widget, paths) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    if enter.isAccepted():
        QApplication.sendEvent(widget, drop)
    return enter


def test_dropping_cards_on_the_page_merges_them(qtbot, tmp_path, main_window, session, dialogs):
    page = _page(main_window)
    main_window.go_to("partners")
    one = tmp_path / "One.ssa-partner.json"
    two = tmp_path / "Two.ssa-partner.json"
    cards.save_card(Partner(id="a", name="One BV", country="NL", category="vet_provider"), one)
    cards.save_card(Partner(id="b", name="Two SA", country="Griekenland"), two)
    assert page.acceptDrops()
    enter = _drop(page, [one, two])
    assert enter.isAccepted()
    dialog = main_window.partner_exchange.dialog
    _wait_review(qtbot, dialog)
    assert _texts(dialog, ACTION) == ["New member", "New member"]
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert [(p.name, p.country) for p in session.proposal.partners] == [
        ("One BV", "NL"), ("Two SA", "GR")]
    assert page.current_id() == session.proposal.partners[0].id
    session.undo_stack.undo()
    assert session.proposal.partners == []


def test_other_files_are_not_taken_by_a_drop(tmp_path, main_window):
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    enter = _drop(_page(main_window), [other])
    assert not enter.isAccepted()
    assert main_window.partner_exchange.dialog is None


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_gives_the_same_members(qtbot, tmp_path, main_window, example,
                                                   dialogs, suffix):
    page = _page(main_window)
    originals = [p.model_dump(exclude={"id"}) for p in example.proposal.partners]
    target = tmp_path / ("partners" + suffix)
    dialogs.script("save_file", str(target))
    page.export_partners_action.trigger()
    _kind, _title, suggested = dialogs.asked("save_file")[0]
    assert suggested.endswith("DIGIRETAIL partners.csv")
    assert target.exists()
    headers = exchange.read_sheet(target).headers
    assert headers[:3] == ["Name", "Acronym", "Country"]  # the window's language (English)

    # Back into the same proposal: every member is already there.
    dialogs.script("open_file", str(target))
    page.import_action.trigger()
    dialog = main_window.partner_exchange.dialog
    qtbot.waitUntil(lambda: dialog.sheet is not None and not dialog.busy, timeout=30000)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait_review(qtbot, dialog)
    assert set(_texts(dialog, ACTION)) == {"Already there"}
    dialog.reject()

    # Into an empty proposal: the same members.
    example.load(Proposal.new())
    dialogs.script("open_file", str(target))
    page.import_action.trigger()
    dialog = main_window.partner_exchange.dialog
    qtbot.waitUntil(lambda: dialog.sheet is not None and not dialog.busy, timeout=30000)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait_review(qtbot, dialog)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert [p.model_dump(exclude={"id"}) for p in example.proposal.partners] == originals


def test_export_in_dutch_and_a_missing_suffix_becomes_csv(tmp_path, main_window, example,
                                                          dialogs):
    main_window.set_language("nl")
    try:
        dialogs.script("save_file", str(tmp_path / "leden"))
        _page(main_window).export_partners_action.trigger()
        sheet = exchange.read_sheet(tmp_path / "leden.csv")
        assert sheet.headers[:3] == ["Naam", "Afkorting", "Land"]
        assert len(sheet.preview(100)) == len(example.proposal.partners)
    finally:
        main_window.set_language("en")


def test_export_to_an_unwritable_place_says_so(tmp_path, main_window, example, dialogs):
    dialogs.script("save_file", str(tmp_path / "no-such-folder" / "p.xlsx"))
    _page(main_window).export_partners_action.trigger()
    errors = dialogs.asked("error")
    assert len(errors) == 1 and "no-such-folder" in errors[0][2]


def test_file_menu_holds_the_partner_actions(main_window):
    menu = main_window.exchange_menu
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["&Import from a sheet…", "Add from partner &cards…",
                     "&Save member as card…", "&Export partners…",
                     "New partner card (&my organisation)…", "Edit a partner car&d…"]
    assert menu.menuAction() in main_window.file_menu.actions()
    assert i18n.current_language() == "en"


def _repaired_card(tmp_path):
    path = tmp_path / "Agoria.ssa-partner.json"
    path.write_text('{"format": "ssa-partner", "version": 1, '
                    '"partner": {"name": "Agoria \\ud800", "country": "BE"}}', encoding="utf-8")
    return path


def test_a_card_whose_text_was_repaired_says_so_when_edited(qtbot, tmp_path, main_window, dialogs):
    window = main_window.partner_exchange.edit_card(str(_repaired_card(tmp_path)))
    assert window is not None
    (_kind, title, text), = dialogs.asked("inform")
    assert title == "Some characters were replaced"
    assert "Agoria.ssa-partner.json" in text and "organisation, name" in text
    window.reject()


def test_a_card_whose_text_was_repaired_says_so_in_the_import(qtbot, tmp_path, main_window,
                                                              dialogs):
    dialog = main_window.partner_exchange.open_paths([str(_repaired_card(tmp_path))])
    _wait_review(qtbot, dialog)
    assert dialog.notes_label.isVisible()
    assert dialog.notes_label.text().startswith("Agoria.ssa-partner.json: organisation, name: ")
    dialog.reject()
