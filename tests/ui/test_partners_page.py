"""The partners page, driven like a user: keys and clicks on real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QLineEdit,
                               QPlainTextEdit, QSpinBox, QWidget)

from ssa_wizard import i18n, storage
from ssa_wizard.model import Partner, Proposal
from ssa_wizard.resources import resource_path
from ssa_wizard.rules import Finding
from ui.session import Session
from ui.widgets.partners_model import COUNTRY, NAME, PIC
from ui.wizard.partners_page import PartnersPage

from .pages import offscreen, retype, show_page


def _page(qtbot, proposal: Proposal) -> tuple[PartnersPage, Session]:
    return show_page(qtbot, PartnersPage, proposal)


@pytest.fixture
def example(qtbot):
    proposal = storage.load(resource_path("examples", "digiretail.ssa.json")).proposal
    return _page(qtbot, proposal)


@pytest.fixture
def small(qtbot):
    proposal = Proposal.new()
    proposal.partners = [Partner(id="p1", name="Alpha", country="NL", category="vet_provider",
                                 role="applicant"),
                         Partner(id="p2", name="Beta", country="DE", category="other")]
    return _page(qtbot, proposal)


def _button(page: PartnersPage, action) -> QWidget:
    return page.toolbar.widgetForAction(action)


@offscreen
def test_add_duplicate_remove_and_undo_redo_with_buttons(qtbot, small):
    page, session = small
    page.select_member("p1")
    qtbot.mouseClick(_button(page, page.add_action), Qt.MouseButton.LeftButton)
    assert [p.id for p in session.proposal.partners] == ["p1", "p3", "p2"]
    assert page.current_id() == "p3"
    assert page.form.name_edit.hasFocus()
    qtbot.keyClicks(page.form.name_edit, "Gamma & <Co>")
    assert session.proposal.partner("p3").name == "Gamma & <Co>"
    assert page.model.index(1, NAME).data() == "Gamma & <Co>"

    qtbot.mouseClick(_button(page, page.duplicate_action), Qt.MouseButton.LeftButton)
    assert [p.name for p in session.proposal.partners] == [
        "Alpha", "Gamma & <Co>", "Gamma & <Co>", "Beta"]
    assert page.current_id() == session.proposal.partners[2].id

    qtbot.mouseClick(_button(page, page.remove_action), Qt.MouseButton.LeftButton)
    assert [p.name for p in session.proposal.partners] == ["Alpha", "Gamma & <Co>", "Beta"]

    session.undo_stack.undo()  # the removal
    assert len(session.proposal.partners) == 4
    session.undo_stack.undo()  # the duplicate
    session.undo_stack.undo()  # typing the name: one step
    assert session.proposal.partner("p3").name == ""
    assert page.model.index(1, NAME).data() == "(no name yet)"
    session.undo_stack.undo()  # the addition
    assert [p.id for p in session.proposal.partners] == ["p1", "p2"]
    assert page.model.rowCount() == 2
    session.undo_stack.redo()
    session.undo_stack.redo()
    assert session.proposal.partner("p3").name == "Gamma & <Co>"
    assert page.model.index(1, NAME).data() == "Gamma & <Co>"


@offscreen
def test_keyboard_shortcuts(qtbot, small):
    page, session = small
    page.select_member("p1")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [p.id for p in session.proposal.partners] == ["p2", "p1"]
    assert page.current_id() == "p1"
    qtbot.keyClick(page.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [p.id for p in session.proposal.partners] == ["p1", "p2"]
    qtbot.keyClick(page.table, Qt.Key.Key_Insert)
    assert len(session.proposal.partners) == 3
    assert page.form.name_edit.hasFocus()
    qtbot.keyClick(page.form.name_edit, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(session.proposal.partners) == 4
    page.select_member("p1")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(session.proposal.partners) == 5
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert len(session.proposal.partners) == 4
    # Delete in a text field edits the text, it does not remove the member.
    page.select_member("p1")
    page.form.name_edit.setFocus()
    page.form.name_edit.setCursorPosition(0)
    qtbot.keyClick(page.form.name_edit, Qt.Key.Key_Delete)
    assert len(session.proposal.partners) == 4
    assert session.proposal.partner("p1").name == "lpha"


@offscreen
def test_buttons_are_disabled_when_nothing_is_selected(qtbot):
    page, session = _page(qtbot, Proposal.new())
    assert page.current_id() is None
    assert page.add_action.isEnabled()
    for action in (page.duplicate_action, page.remove_action, page.move_up_action,
                   page.move_down_action):
        assert not action.isEnabled()
    assert not page.form.isEnabled()
    page.add_member()
    assert page.duplicate_action.isEnabled() and page.remove_action.isEnabled()
    assert not page.move_up_action.isEnabled() and not page.move_down_action.isEnabled()
    session.undo_stack.undo()
    assert not page.duplicate_action.isEnabled()


@offscreen
def test_detail_form_edits_the_session_and_the_row(qtbot, example):
    page, session = example
    page.select_member("p4")
    retype(qtbot, page.form.city_edit, "Bonn")
    assert session.proposal.partner("p4").city == "Bonn"
    retype(qtbot, page.form.role_description_edit, "Teaches.")
    assert session.proposal.partner("p4").role_description == "Teaches."
    retype(qtbot, page.form.country_picker.lineEdit(), "Austri")
    popup = page.form.country_picker.completer().popup()
    qtbot.keyClick(popup if popup.isVisible() else page.form.country_picker.lineEdit(),
                   Qt.Key.Key_Return)
    assert session.proposal.partner("p4").country == "AT"
    assert page.model.index(3, COUNTRY).data() == "Austria (AT)"
    page.form.umbrella_check.setFocus()
    qtbot.keyClick(page.form.umbrella_check, Qt.Key.Key_Space)
    assert session.proposal.partner("p4").umbrella is True
    page.form.role_combo.setFocus()
    qtbot.keyClick(page.form.role_combo, Qt.Key.Key_Down)
    assert session.proposal.partner("p4").role == "associated"
    # Undo walks back through the form's edits, and the form follows.
    session.undo_stack.undo()
    assert page.form.role_combo.currentData() == "full"
    session.undo_stack.undo()
    assert not page.form.umbrella_check.isChecked()
    session.undo_stack.undo()
    assert page.form.country_picker.country() == "DE"


@offscreen
def test_row_icon_and_inline_finding_for_a_bad_pic(qtbot, example):
    page, session = example
    page.select_member("p2")
    retype(qtbot, page.form.pic_edit, "123")
    session.check_now()
    assert page.model.worst_severity("p2") == "error"
    assert not page.model.index(1, NAME).data(Qt.ItemDataRole.DecorationRole).isNull()
    label = page.field_findings("pic")
    assert label.isVisibleTo(page)
    assert "123" in label.text()
    page.form.pic_edit.selectAll()
    qtbot.keyClicks(page.form.pic_edit, "912345699")
    session.check_now()
    assert page.model.worst_severity("p2") is None
    assert page.model.index(1, NAME).data(Qt.ItemDataRole.DecorationRole) is None
    assert not label.isVisibleTo(page)


@offscreen
def test_sole_regulator_box_only_for_regulatory_bodies(qtbot, example):
    page, session = example
    page.select_member("p1")  # a VET provider
    assert not page.form.monopoly_check.isVisibleTo(page)
    page.select_member("p3")  # a regulatory body
    assert page.form.monopoly_check.isVisibleTo(page)
    page.select_member("p1")
    page.form.category_combo.setFocus()
    while page.form.category_combo.currentData() != "regulatory_body":
        qtbot.keyClick(page.form.category_combo, Qt.Key.Key_Down)
    assert session.proposal.partner("p1").category == "regulatory_body"
    assert page.form.monopoly_check.isVisibleTo(page)
    qtbot.keyClick(page.form.category_combo, Qt.Key.Key_Down)
    assert session.proposal.partner("p1").category == "other"
    assert not page.form.monopoly_check.isVisibleTo(page)


@offscreen
def test_preselect_country_adds_a_member_there(qtbot, example):
    page, session = example
    before = len(session.proposal.partners)
    new_id = page.preselect_country("IT", "sector_expertise")
    member = session.proposal.partner(new_id)
    assert (member.country, member.category) == ("IT", "sector_expertise")
    assert len(session.proposal.partners) == before + 1
    assert page.current_id() == new_id
    assert page.form.name_edit.hasFocus()
    assert page.form.country_picker.country() == "IT"
    session.undo_stack.undo()  # one step
    assert len(session.proposal.partners) == before


@offscreen
def test_preselect_country_takes_a_member_without_category(qtbot, small):
    page, session = small
    session.set_partner_field("p2", "category", "")
    assert page.preselect_country("DE", "regulatory_body") == "p2"
    assert len(session.proposal.partners) == 2
    assert session.proposal.partner("p2").category == "regulatory_body"
    assert page.current_id() == "p2"


@offscreen
def test_consortium_findings_listed_and_click_focuses(qtbot, small):
    page, session = small
    rules = {f.rule for f in page.page_findings.findings()}
    assert {"E-MIN-COUNTRIES", "E-MIN-ORGS", "E-COUNTRY-TRIO"} <= rules
    assert all(f.partner is None for f in page.page_findings.findings())
    trio = next(i for i in range(page.page_findings.count())
                if page.page_findings.item(i).data(Qt.ItemDataRole.UserRole).rule
                == "E-COUNTRY-TRIO"
                and page.page_findings.item(i).data(Qt.ItemDataRole.UserRole).country == "DE")
    item = page.page_findings.item(trio)
    page.page_findings.scrollToItem(item)
    qtbot.mouseClick(page.page_findings.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.page_findings.visualItemRect(item).center())
    assert page.current_id() == "p2"
    assert page.form.country_picker.hasFocus() or page.form.country_picker.lineEdit().hasFocus()


@offscreen
def test_focus_finding_selects_member_and_field(qtbot, example):
    page, session = example
    page.focus_finding(Finding("C-EMAIL-FORMAT", "error", partner="p7",
                               field="partner.contact_email"))
    assert page.current_id() == "p7"
    assert page.form.contact_email_edit.hasFocus()
    page.focus_finding(Finding("E-MONOPOLY-NOT-REGULATOR", "error", partner="p1",
                               field="partner.sole_regulator_monopoly"))
    assert page.form.monopoly_check.hasFocus()


@offscreen
def test_every_input_has_an_accessible_name(qtbot, example):
    page, _session = example
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QSpinBox, QAbstractItemView)
    inputs = [w for w in page.findChildren(QWidget)
              if isinstance(w, kinds) and w.window() is page.window()]
    assert len(inputs) >= 16
    nameless = [type(w).__name__ for w in inputs if not w.accessibleName().strip()]
    assert nameless == []


@offscreen
def test_keyboard_only_pass_through_the_form(qtbot, example):
    page, session = example
    page.select_member("p3")  # a regulatory body: every field is shown
    page.table.setFocus()
    seen = []
    for _ in range(40):
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Tab)
        widget = page.focusWidget()
        if widget is page.form.country_picker.lineEdit():
            widget = page.form.country_picker
        seen.append(widget)
        if widget is page.table:
            break
    expected = [page.form.name_edit, page.form.acronym_edit, page.form.country_picker, page.form.city_edit,
                page.form.category_combo, page.form.role_combo, page.form.pic_edit, page.form.umbrella_check,
                page.form.other_ssa_check, page.form.monopoly_check, page.form.contact_name_edit,
                page.form.contact_email_edit, page.form.role_description_edit, page.form.expertise_edit]
    for widget in expected:
        assert widget in seen, widget.accessibleName()
    # Typing after tabbing lands in the session, and Enter does nothing surprising.
    retype(qtbot, page.form.acronym_edit, "SBB-NL")
    qtbot.keyClick(page.form.acronym_edit, Qt.Key.Key_Return)
    assert session.proposal.partner("p3").acronym == "SBB-NL"


@offscreen
def test_mnemonic_moves_to_the_field(qtbot, example):
    page, _session = example
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert page.form.pic_edit.hasFocus()


@offscreen
def test_language_switch_rewords_and_keeps_data(qtbot, example):
    page, session = example
    page.select_member("p4")
    before = session.proposal.to_json()
    i18n.set_language("nl")
    page.retranslate()
    assert page.form.country_picker.currentText() == "Duitsland (DE)"
    assert page.model.index(3, COUNTRY).data() == "Duitsland (DE)"
    assert session.proposal.to_json() == before
    assert page.current_id() == "p4"


# --- work an edit does not need --------------------------------------------------------------

def _count_calls(obj, name: str) -> list:
    """Record the calls of ``obj.name`` (one of our methods), still calling it."""
    calls: list = []
    method = getattr(obj, name)
    setattr(obj, name, lambda *args: calls.append(args) or method(*args))
    return calls


@offscreen
def test_an_edit_of_another_member_leaves_the_form_alone(qtbot, small):
    page, session = small
    page.select_member("p1")
    fills = _count_calls(page.form, "fill")
    session.set_partner_field("p2", "name", "Gamma")
    session.set_project_field("acronym", "ABC")
    assert fills == []
    assert page.heading.text() == "Member 1 of 2: Alpha"
    retype(qtbot, page.form.name_edit, "Alef")
    assert len(fills) == 4  # one per key of the chosen member's name
    assert page.heading.text() == "Member 1 of 2: Alef"
    session.undo_stack.undo()  # the name back, by undo: the form follows
    assert page.form.name_edit.text() == "Alpha"
    assert page.heading.text() == "Member 1 of 2: Alpha"
    session.proposal.partners[0].city = "Assen"  # behind the session's back ...
    session.proposal_changed.emit()  # ... announced without detail: the form looks again
    assert page.form.city_edit.text() == "Assen"


@offscreen
def test_unchanged_consortium_findings_are_not_relisted_or_measured(qtbot, small):
    page, session = small
    listed = [page.page_findings.item(i) for i in range(page.page_findings.count())]
    sized = _count_calls(page.master, "_size_findings")
    retype(qtbot, page.form.name_edit, "Alef")  # changes no consortium finding
    session.check_now()
    assert [page.page_findings.item(i) for i in range(page.page_findings.count())] == listed
    assert sized == []
    session.set_partner_field("p2", "category", "regulatory_body")  # now it does
    session.check_now()
    assert sized == [()]
    trio = [f for f in page.page_findings.findings() if f.rule == "E-COUNTRY-TRIO"]
    assert [f.params["missing"] for f in trio if f.country == "DE"] == [
        ["vet_provider", "sector_expertise"]]


@offscreen
def test_a_hidden_page_shows_the_latest_report_when_shown(qtbot, small):
    from ui.wizard.base import findings_on

    page, session = small
    page.select_member("p2")
    before = [f.key() for f in page.page_findings.findings()]
    pic_before = [f.rule for f in page.field_findings("pic").findings()]
    page.hide()
    session.set_partner_field("p2", "pic", "12")
    session.set_partner_field("p2", "category", "regulatory_body")
    session.check_now()
    # Not shown, not redrawn: the lists still show the report of before ...
    assert [f.key() for f in page.page_findings.findings()] == before
    assert [f.rule for f in page.field_findings("pic").findings()] == pic_before
    assert page.model.worst_severity("p2") == "error"  # (the table's model keeps up)
    page.show()  # ... and the latest when shown
    qtbot.waitExposed(page)
    general = [f for f in findings_on(session.report, "partners") if f.partner is None]
    assert [f.key() for f in page.page_findings.findings()] == [f.key() for f in general]
    assert [f.key() for f in page.page_findings.findings()] != before
    assert [f.rule for f in page.field_findings("pic").findings()] == ["C-PIC-FORMAT"]


@offscreen
def test_a_pic_typed_with_spaces_or_hyphens_is_kept_as_its_nine_digits(qtbot, small):
    """A new-user trial typed PICs with hyphens and spaces; the table, the filter and the
    summary then showed three forms, and the filter on the digits found none."""
    page, session = small
    page.select_member("p1")
    pic = page.form.pic_edit
    pic.setFocus()
    qtbot.keyClicks(pic, "949-123-456")
    assert session.proposal.partner("p1").pic == "949-123-456"  # as typed, while typing
    qtbot.keyClick(pic, Qt.Key.Key_Tab)
    assert session.proposal.partner("p1").pic == "949123456"
    assert pic.text() == "949123456"
    session.undo_stack.undo()  # typing and tidying were one edit of the field
    assert session.proposal.partner("p1").pic == ""
    # A wrong one stays as typed, for its finding to quote.
    retype(qtbot, pic, "949-12")
    qtbot.keyClick(pic, Qt.Key.Key_Tab)
    assert session.proposal.partner("p1").pic == "949-12"
    # The table keeps it the same way.
    model = page.model
    assert model.setData(model.index(1, PIC), "912 345 678", Qt.ItemDataRole.EditRole)
    assert session.proposal.partner("p2").pic == "912345678"


@offscreen
def test_the_filter_finds_a_pic_however_it_is_spaced(qtbot):
    proposal = Proposal.new()
    proposal.partners = [Partner(id="a", name="Alpha", country="NL", pic="949 123 456"),
                         Partner(id="b", name="Beta", country="DE", pic="987654321")]
    page, _session = _page(qtbot, proposal)
    for needle, found in (("949123456", "Alpha"), ("987-654", "Beta"), ("Beta", "Beta")):
        page.filter_box.clear()
        qtbot.keyClicks(page.filter_box, needle)
        view = page.table.model()
        assert [view.index(r, NAME).data() for r in range(view.rowCount())] == [found], needle


@offscreen
def test_a_filter_that_hides_every_member_says_so(qtbot, small):
    page, _session = small
    qtbot.keyClicks(page.filter_box, "zzz")
    assert page.current_id() is None
    assert page.heading.text() == ("No member matches the filter. Empty it to see all 2 "
                                   "members.")
    page.filter_box.clear()
    page.select_member("p1")
    assert page.heading.text().startswith("Member 1 of 2")
