"""My organisation: one organisation's details typed in a window and saved as a partner card."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from ssa_wizard import cards
from ssa_wizard.model import Partner
from ui.card_dialog import CardDialog, member_findings


@pytest.fixture
def window(qtbot, dialogs):
    dialog = CardDialog(dialogs)
    # Not qtbot.addWidget: pytest-qt would close it before this fixture could script
    # the answer to "Save the partner card?".
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    if dialog.isVisible():
        if dialog.dirty:
            dialogs.script("choose", "discard")
        dialog.close()
    dialog.deleteLater()


def _type(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def _choose_country(qtbot, picker, text: str) -> None:
    picker.lineEdit().setFocus()
    picker.lineEdit().selectAll()
    qtbot.keyClicks(picker.lineEdit(), text)
    popup = picker.completer().popup()
    qtbot.keyClick(popup if popup.isVisible() else picker.lineEdit(), Qt.Key.Key_Return)


def test_typed_details_are_saved_as_a_card(qtbot, tmp_path, window, dialogs):
    assert not window.dirty
    _type(qtbot, window.form.name_edit, "Berufskolleg R&D <Koeln>")
    _type(qtbot, window.form.acronym_edit, "BKK")
    _choose_country(qtbot, window.form.country_picker, "Germany")
    _type(qtbot, window.form.city_edit, "Koeln")
    window.form.category_combo.setFocus()
    qtbot.keyClicks(window.form.category_combo, "VET")
    _type(qtbot, window.form.pic_edit, "12345")
    _type(qtbot, window.form.contact_email_edit, "info@bk")
    _type(qtbot, window.form.role_description_edit, "Teaches retail apprentices.")
    assert window.dirty and window.isWindowModified()
    window.check_now()
    # The checker's findings about this organisation, under their fields.
    pic = window.field_findings("pic")
    assert pic.isVisible() and "12345" in pic.text()
    assert window.field_findings("contact_email").isVisible()
    # Nothing about the consortium (countries, minimums, activities).
    rules = {f.rule for f in window.check_now()}
    assert rules == {"C-PIC-FORMAT", "C-EMAIL-FORMAT"}

    window.form.pic_edit.selectAll()
    qtbot.keyClicks(window.form.pic_edit, "934567890")
    _type(qtbot, window.form.contact_email_edit, ".de")
    window.check_now()
    assert not window.field_findings("pic").isVisible()
    assert not window.field_findings("contact_email").isVisible()

    target = tmp_path / "BKK.ssa-partner.json"
    dialogs.script("save_file", str(target))
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    _kind, _title, suggested = dialogs.asked("save_file")[0]
    assert suggested.endswith("BKK.ssa-partner.json")
    assert not window.dirty and "BKK.ssa-partner.json" in window.windowTitle()
    partner, findings = cards.load_card(target).partner("x")
    assert not findings
    assert (partner.name, partner.acronym, partner.country, partner.city, partner.category,
            partner.pic, partner.contact_email, partner.role_description) == (
        "Berufskolleg R&D <Koeln>", "BKK", "DE", "Koeln", "vet_provider", "934567890",
        "info@bk.de", "Teaches retail apprentices.")
    # Saving again writes to the same file without asking.
    _type(qtbot, window.form.city_edit, " Mitte")
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert len(dialogs.asked("save_file")) == 1
    assert cards.load_card(target).partner()[0].city == "Koeln Mitte"


def test_a_card_needs_a_name(qtbot, window, dialogs, tmp_path):
    dialogs.script("save_file", str(tmp_path / "x.ssa-partner.json"))
    _type(qtbot, window.form.city_edit, "Gent")
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert [c[0] for c in dialogs.calls] == ["save_file", "error"]
    assert not (tmp_path / "x.ssa-partner.json").exists()
    assert window.dirty


def test_closing_with_changes_asks_first(qtbot, window, dialogs):
    _type(qtbot, window.form.name_edit, "Unsaved")
    dialogs.script("choose", "cancel")
    window.close()
    assert window.isVisible()
    dialogs.script("choose", "discard")
    window.close()
    assert not window.isVisible()
    assert len(dialogs.asked("choose")) == 2


def test_an_existing_card_is_opened_edited_and_keeps_what_it_does_not_know(
        qtbot, tmp_path, main_window, dialogs):
    path = tmp_path / "Ours.ssa-partner.json"
    path.write_text(json.dumps({
        "format": "ssa-partner", "version": 1, "note": "from the future",
        "partner": {"name": "Ours", "country": "Belgique", "category": "toezichthouder",
                    "role": "Duitsland", "shoe_size": 44}}), encoding="utf-8")
    dialogs.script("open_file", str(path))
    main_window.partner_exchange.open_card_action.trigger()
    window = main_window.partner_exchange.card_windows[-1]
    qtbot.addWidget(window)
    assert window.form.name_edit.text() == "Ours"
    assert window.form.country_picker.country() == "BE"
    assert window.form.category_combo.currentData() == "regulatory_body"
    assert window.form.monopoly_check.parentWidget().isVisibleTo(window)
    # The role could not be read: said above the form.
    assert window.card_note.isVisibleTo(window) and "Duitsland" in window.card_note.text()
    _type(qtbot, window.form.city_edit, "Brussel")
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)  # its own file, no question
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["note"] == "from the future"
    assert data["partner"]["shoe_size"] == 44
    assert data["partner"]["city"] == "Brussel" and data["partner"]["country"] == "BE"
    window.close()
    assert not main_window.partner_exchange.card_windows


def test_new_card_from_the_file_menu(qtbot, main_window):
    main_window.partner_exchange.new_card_action.trigger()
    window = main_window.partner_exchange.card_windows[-1]
    qtbot.addWidget(window)
    assert isinstance(window, CardDialog) and window.isVisible()
    assert window.windowTitle().startswith("New partner card")
    assert window.path is None


def test_member_findings_leave_out_the_consortium():
    found = member_findings(Partner(id="z", name="Solo", country="US", role="applicant",
                                    pic="abc"))
    rules = {f.rule for f in found}
    assert "C-PIC-FORMAT" in rules and "E-APPLICANT-COUNTRY" in rules
    assert not rules & {"Q-TASKS", "E-MIN-COUNTRIES", "E-COUNTRY-TRIO", "E-APPLICANT-COUNT"}


def test_new_card_from_the_start_page(qtbot, main_window):
    """A partner with no proposal of their own starts the card window from the Start page."""
    start = main_window.pages["start"]
    assert start.card_button.isVisibleTo(start) and start.card_button.accessibleName()
    qtbot.mouseClick(start.card_button, Qt.MouseButton.LeftButton)
    window = main_window.partner_exchange.card_windows[-1]
    qtbot.addWidget(window)
    assert isinstance(window, CardDialog) and window.isVisible()
    assert main_window.current_key() == "start"  # the proposal is left as it was


def test_opening_a_card_whose_text_was_repaired_says_where(tmp_path, window, dialogs):
    path = tmp_path / "Agoria.ssa-partner.json"
    path.write_text('{"format": "ssa-partner", "version": 1, '
                    '"partner": {"name": "Agoria \\ud800", "country": "BE"}}', encoding="utf-8")
    dialogs.script("open_file", str(path))
    assert window.open_card()
    assert window.partner.name == "Agoria \ufffd"
    (_kind, title, text), = dialogs.asked("inform")
    assert title == "Some characters were replaced"
    assert "Agoria.ssa-partner.json" in text and "organisation, name" in text
