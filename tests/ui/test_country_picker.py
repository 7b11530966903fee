"""CountryPicker: finds a country by name (current language or English) or code, at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ssa_wizard import i18n
from ui.widgets.country_picker import CountryPicker

# The completer's popup is a real popup window; the offscreen platform says it cannot
# raise it or grab the keyboard for it. That is the platform, not the picker. (A
# marker on the function, because tests/ui/conftest.py adds its own item marker,
# which would hide a module-level one.)
offscreen_popups = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard",
    "This plugin does not support propagateSizeHints")


@pytest.fixture
def picker(qtbot):
    widget = CountryPicker()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _type_and_enter(qtbot, picker: CountryPicker, text: str) -> None:
    picker.lineEdit().setFocus()
    picker.lineEdit().selectAll()
    qtbot.keyClicks(picker.lineEdit(), text)
    popup = picker.completer().popup()
    target = popup if popup.isVisible() else picker.lineEdit()
    qtbot.keyClick(target, Qt.Key.Key_Return)


@offscreen_popups
@pytest.mark.parametrize(("typed", "code"), [
    ("Duitsland", "DE"), ("Germany", "DE"), ("DE", "DE"), ("Ger", "DE"), ("Duits", "DE"),
    ("Grie", "GR"), ("EL", "GR"), ("Griekenland", "GR"), ("Oostenrijk", "AT"),
    ("UK", "GB"), ("Kosovo", "XK"), ("ned", "NL"),
])
def test_dutch_finds(qtbot, picker, typed, code):
    i18n.set_language("nl")
    picker.retranslate()
    assert picker.matches(typed)[0] == code
    with qtbot.waitSignal(picker.country_chosen, timeout=1000) as chosen:
        _type_and_enter(qtbot, picker, typed)
    assert chosen.args == [code]
    assert picker.country() == code


@offscreen_popups
@pytest.mark.parametrize(("typed", "code"), [
    ("Germany", "DE"), ("DE", "DE"), ("Ger", "DE"), ("EL", "GR"), ("Greece", "GR"),
    ("gre", "GR"), ("switz", "CH"), ("Turk", "TR"),
])
def test_english_finds(qtbot, picker, typed, code):
    assert picker.matches(typed)[0] == code
    _type_and_enter(qtbot, picker, typed)
    assert picker.country() == code


@offscreen_popups
def test_dutch_names_shown_with_eu_code(qtbot, picker):
    i18n.set_language("nl")
    picker.retranslate()
    picker.set_country("GR")
    assert picker.currentText() == "Griekenland (EL)"
    picker.set_country("EL")  # the EU's spelling is stored as ISO
    assert picker.country() == "GR"


@offscreen_popups
def test_popup_offers_the_best_match_first_while_typing(qtbot, picker):
    i18n.set_language("nl")
    picker.retranslate()
    picker.lineEdit().setFocus()
    qtbot.keyClicks(picker.lineEdit(), "DE")
    assert picker.completer().popup().isVisible()
    assert picker.completion_codes()[0] == "DE"
    assert "DK" in picker.completion_codes()  # Denemarken starts with "De"


@offscreen_popups
def test_picking_with_arrow_keys_takes_the_row(qtbot, picker):
    picker.lineEdit().setFocus()
    qtbot.keyClicks(picker.lineEdit(), "Gre")
    popup = picker.completer().popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    chosen_row = popup.currentIndex().data()
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.currentText() == chosen_row
    assert picker.country() in {"GR", "GL", "GD"}


@offscreen_popups
def test_groups_programme_countries_first_with_a_note(picker):
    model = picker.model()
    texts = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert texts[0] == "Programme countries"
    partner_header = next(i for i, t in enumerate(texts) if t.startswith("Partner countries"))
    assert "applicant" in texts[partner_header]
    programme = {model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1)
                 for r in range(1, partner_header)}
    assert {"DE", "NL", "GR", "TR"} <= programme
    assert "CH" not in programme
    # Headers cannot be chosen.
    assert not model.index(0, 0).flags() & Qt.ItemFlag.ItemIsSelectable


@offscreen_popups
def test_nonsense_keeps_the_chosen_country(qtbot, picker):
    picker.set_country("PL")
    spy = []
    picker.country_chosen.connect(spy.append)
    _type_and_enter(qtbot, picker, "xqzw")
    assert picker.country() == "PL"
    assert spy == []
    assert picker.currentText() == "Poland (PL)"


@offscreen_popups
def test_clearing_the_field_clears_the_country(qtbot, picker):
    picker.set_country("PL")
    with qtbot.waitSignal(picker.country_chosen, timeout=1000) as chosen:
        picker.lineEdit().setFocus()
        picker.lineEdit().selectAll()
        qtbot.keyClick(picker.lineEdit(), Qt.Key.Key_Delete)
        qtbot.keyClick(picker.lineEdit(), Qt.Key.Key_Return)
    assert chosen.args == [""]
    assert picker.country() == ""


@offscreen_popups
def test_set_country_does_not_emit(qtbot, picker):
    with qtbot.assertNotEmitted(picker.country_chosen):
        picker.set_country("DE")
    assert picker.country() == "DE"


@offscreen_popups
def test_unknown_code_from_a_file_is_shown_as_it_is(picker):
    picker.set_country("ZZ")
    assert picker.country() == "ZZ"
    assert picker.currentText() == "ZZ"


@offscreen_popups
def test_retranslate_keeps_the_choice(picker):
    picker.set_country("DE")
    i18n.set_language("nl")
    picker.retranslate()
    assert picker.country() == "DE"
    assert picker.currentText() == "Duitsland (DE)"


@offscreen_popups
def test_the_picker_and_the_sheet_import_share_one_index(picker):
    from ssa_wizard.exchange import parse_country

    i18n.set_language("nl")
    picker.retranslate()
    for typed in ("Holland", "Deutschland", "DEU", "EL"):
        assert picker.matches(typed)[0] == parse_country(typed), typed


@offscreen_popups
def test_accessible_name(picker):
    assert picker.accessibleName()
    assert picker.lineEdit().accessibleName()


def test_a_hidden_picker_builds_its_list_only_when_first_used(qtbot):
    """A window holds pickers on pages never opened: they cost nothing until shown."""
    from ui.widgets.country_picker import CountryPicker

    picker = CountryPicker()
    qtbot.addWidget(picker)
    picker.set_country("GR")
    assert picker.count() == 0               # nothing built yet
    assert picker.currentText() == "Greece (EL)"
    picker.show()
    qtbot.waitExposed(picker)
    assert picker.count() > 200 and picker.country() == "GR"
    assert picker.currentText() == "Greece (EL)"
