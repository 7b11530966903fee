"""The activities page, driven like a user: keys and clicks on real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QLineEdit,
                               QPlainTextEdit, QSpinBox, QWidget)

from ssa_wizard import i18n, storage
from ssa_wizard.model import Activity, Partner, Proposal
from ssa_wizard.resources import resource_path
from ssa_wizard.rules import Finding
from ui.session import Session
from ui.wizard.activities_page import ActivitiesPage

from .pages import choose as _choose
from .pages import offscreen, retype, show_page


def _page(qtbot, proposal: Proposal) -> tuple[ActivitiesPage, Session]:
    return show_page(qtbot, ActivitiesPage, proposal)


@pytest.fixture
def example(qtbot):
    proposal = storage.load(resource_path("examples", "digiretail.ssa.json")).proposal
    return _page(qtbot, proposal)


@pytest.fixture
def small(qtbot):
    proposal = Proposal.new()
    proposal.partners = [Partner(id="p1", name="Alpha", role="applicant"),
                         Partner(id="p2", name="Beta", role="associated")]
    proposal.activities = [Activity(id="a1", kind="management", title="Run it",
                                    start_month=1, end_month=36)]
    return _page(qtbot, proposal)


@offscreen
def test_evidence_only_for_skills_needs_and_purpose_only_for_mobility(qtbot, small):
    page, session = small
    evidence, purpose = page.field_widget("evidence"), page.field_widget("purpose")
    assert not evidence.isVisibleTo(page) and not purpose.isVisibleTo(page)
    _choose(qtbot, page.kind_combo, "skills_needs")
    assert session.proposal.activity("a1").kind == "skills_needs"
    assert evidence.isVisibleTo(page) and not purpose.isVisibleTo(page)
    session.check_now()
    assert page.field_findings("evidence").isVisibleTo(page)  # C-EVIDENCE
    evidence.setFocus()
    qtbot.keyClicks(evidence, "Eurostat survey")
    session.check_now()
    assert session.proposal.activity("a1").evidence == "Eurostat survey"
    assert not page.field_findings("evidence").isVisibleTo(page)
    _choose(qtbot, page.kind_combo, "mobility")
    assert purpose.isVisibleTo(page) and not evidence.isVisibleTo(page)
    # The hidden evidence is kept, not thrown away.
    assert session.proposal.activity("a1").evidence == "Eurostat survey"


@offscreen
def test_period_findings_are_shown_and_months_are_not_clamped(qtbot, example):
    page, session = example
    session.set_activity_field("a2", "end_month", 40)  # a draft value beyond 36 months
    session.check_now()
    page.select_activity("a2")
    assert page.end_spin.value() == 40
    label = page.field_findings("period")
    assert label.isVisibleTo(page)
    assert any(f.rule == "C-ACTIVITY-PERIOD" for f in label.findings())
    retype(qtbot, page.end_spin, "20")
    session.check_now()
    assert session.proposal.activity("a2").end_month == 20
    assert not label.isVisibleTo(page)
    # The end before the start: shown again.
    retype(qtbot, page.start_spin, "25")
    session.check_now()
    assert label.isVisibleTo(page)
    assert label.findings()[0].params["problem"] == "order"


@offscreen
def test_add_duplicate_remove_move_and_undo(qtbot, example):
    page, session = example
    ids = [a.id for a in session.proposal.activities]
    page.select_activity("a1")
    qtbot.mouseClick(page.toolbar.widgetForAction(page.add_action), Qt.MouseButton.LeftButton)
    new_id = page.current_id()
    assert [a.id for a in session.proposal.activities] == [ids[0], new_id, *ids[1:]]
    assert page.kind_combo.hasFocus()
    page.title_edit.setFocus()
    qtbot.keyClicks(page.title_edit, "Kick-off")
    assert session.proposal.activity(new_id).title == "Kick-off"
    assert page.list.item(1).text().startswith("2. Kick-off")

    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert session.proposal.activities[2].id == new_id
    assert page.current_id() == new_id
    qtbot.keyClick(page.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(session.proposal.activities) == len(ids) + 2
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Delete)
    assert len(session.proposal.activities) == len(ids) + 1

    for _ in range(5):  # remove, duplicate, move, title, add
        session.undo_stack.undo()
    assert [a.id for a in session.proposal.activities] == ids
    assert page.list.count() == len(ids)
    session.undo_stack.redo()
    assert page.list.count() == len(ids) + 1


@offscreen
def test_lead_marks_associated_partners_and_participants_are_checkable(qtbot, small):
    page, session = small
    texts = [page.lead_combo.itemText(i) for i in range(page.lead_combo.count())]
    assert any("Beta" in t and "associated" in t for t in texts)
    _choose(qtbot, page.lead_combo, "p1")
    assert session.proposal.activity("a1").lead == "p1"
    page.participants_list.setFocus()
    page.participants_list.setCurrentRow(1)
    qtbot.keyClick(page.participants_list, Qt.Key.Key_Space)
    assert session.proposal.activity("a1").partners == ["p2"]
    qtbot.keyClick(page.participants_list, Qt.Key.Key_Space)
    assert session.proposal.activity("a1").partners == []


@offscreen
def test_core_activity_finding_listed_and_focuses_kind(qtbot, small):
    page, session = small
    rules = [f.rule for f in page.page_findings.findings()]
    assert "E-CORE-ACTIVITY" in rules
    item = page.page_findings.item(rules.index("E-CORE-ACTIVITY"))
    qtbot.mouseClick(page.page_findings.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.page_findings.visualItemRect(item).center())
    assert page.kind_combo.hasFocus()
    _choose(qtbot, page.kind_combo, "curriculum_design")
    session.check_now()
    assert "E-CORE-ACTIVITY" not in [f.rule for f in page.page_findings.findings()]
    # What is left about all activities: members still without a task, given here.
    assert {f.rule for f in page.page_findings.findings()} <= {"Q-TASKS"}


@offscreen
def test_focus_finding_selects_activity_and_field(qtbot, example):
    page, _session = example
    page.focus_finding(Finding("C-ACTIVITY-LEAD", "error", activity="a3", field="activity.lead"))
    assert page.current_id() == "a3"
    assert page.lead_combo.hasFocus()
    page.focus_finding(Finding("C-ACTIVITY-PERIOD", "error", activity="a4",
                               field="activity.period", params={"problem": "missing"}))
    assert page.current_id() == "a4"
    assert page.start_spin.hasFocus()


@offscreen
def test_timeline_follows_the_list(qtbot, example):
    page, session = example
    assert len(page.timeline.bar_rects()) == len(session.proposal.activities)
    page.add_activity()
    assert len(page.timeline.bar_rects()) == len(session.proposal.activities) - 1
    retype(qtbot, page.start_spin, "3")
    retype(qtbot, page.end_spin, "4")
    bar = page.timeline.bar_rects()[1]
    assert bar.activity == page.current_id() and not bar.outside
    assert len(page.timeline.bar_rects()) == len(session.proposal.activities)


@offscreen
def test_every_input_has_an_accessible_name(qtbot, example):
    page, _session = example
    page.select_activity("a1")
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QSpinBox, QAbstractItemView)
    inputs = [w for w in page.findChildren(QWidget)
              if isinstance(w, kinds) and w.window() is page.window()]
    assert len(inputs) >= 10
    nameless = [type(w).__name__ for w in inputs if not w.accessibleName().strip()]
    assert nameless == []
    assert page.timeline.accessibleName()
    assert "month 1 to 9" in page.timeline.accessibleDescription()


@offscreen
def test_keyboard_only_pass_through_the_form(qtbot, example):
    page, session = example
    page.select_activity("a1")  # skills needs: evidence shown
    page.list.setFocus()
    seen = []
    for _ in range(30):
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Tab)
        seen.append(page.focusWidget())
        if page.focusWidget() is page.list:
            break
    expected = [page.kind_combo, page.title_edit, page.description_edit, page.lead_combo,
                page.participants_list, page.start_spin, page.end_spin, page.evidence_edit]
    for widget in expected:
        assert widget in seen, widget.accessibleName()
    qtbot.keyClick(page.list, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert page.title_edit.hasFocus()
    qtbot.keyClicks(page.title_edit, "!")
    qtbot.keyClick(page.title_edit, Qt.Key.Key_Return)
    assert session.proposal.activity("a1").title.endswith("!")


@offscreen
def test_language_switch_keeps_data(qtbot, example):
    page, session = example
    page.select_activity("a4")
    before = session.proposal.to_json()
    i18n.set_language("nl")
    page.retranslate()
    assert session.proposal.to_json() == before
    assert page.current_id() == "a4"
    assert page.kind_combo.currentData() == "mobility"


def test_a_hidden_page_catches_up_when_shown(example):
    """Edits elsewhere do not rebuild a hidden page's choices; showing it brings them up to date."""
    page, session = example
    page.hide()
    built = page.lead_combo.count()
    session.set_partner_field("p2", "name", "Detailhandel NL (renamed)")
    names = [page.lead_combo.itemText(i) for i in range(page.lead_combo.count())]
    assert "Detailhandel NL (renamed)" not in names  # not rebuilt while hidden
    page.show()
    names = [page.lead_combo.itemText(i) for i in range(page.lead_combo.count())]
    assert "Detailhandel NL (renamed)" in names and page.lead_combo.count() == built


def _in_sight(area, widget) -> bool:
    viewport = area.viewport()
    return viewport.rect().contains(QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size()))


@offscreen
def test_a_new_or_newly_chosen_activity_shows_its_form_from_the_top(qtbot, example):
    page, session = example
    page.resize(1093, 420)  # the page's room in a window of 1093 x 560
    qtbot.waitUntil(lambda: page.master.scroll.verticalScrollBar().maximum() > 0)
    scroll = page.master.scroll.verticalScrollBar()
    page.select_activity(session.proposal.activities[0].id)
    scroll.setValue(scroll.maximum())  # the user scrolled down to the last fields
    assert not _in_sight(page.master.scroll, page.title_edit)
    qtbot.mouseClick(page.toolbar.widgetForAction(page.add_action), Qt.MouseButton.LeftButton)
    assert page.kind_combo.hasFocus()
    assert scroll.value() == 0
    assert _in_sight(page.master.scroll, page.kind_combo)
    assert _in_sight(page.master.scroll, page.title_edit)
    # Choosing another activity in the list: its form from the top too.
    scroll.setValue(scroll.maximum())
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Up)
    assert scroll.value() == 0


@offscreen
def test_a_hidden_page_shows_the_latest_report_when_shown(qtbot, small):
    page, session = small
    tooltip = page.list.item(0).toolTip()  # "Run it" has no lead
    assert "lead" in tooltip and "month" not in tooltip
    shown_findings = page.field_findings("period").findings()
    page.hide()
    session.set_activity_field("a1", "end_month", 99)  # beyond the project's 36 months
    session.check_now()
    # Hidden: neither the list's icons nor the form's findings are redrawn ...
    assert page.list.item(0).toolTip() == tooltip
    assert page.field_findings("period").findings() == shown_findings
    page.show()  # ... until the page is shown
    qtbot.waitExposed(page)
    about = [f for f in session.report.findings if f.activity == "a1"]
    assert "month" in page.list.item(0).toolTip()
    assert {f.key() for f in page.field_findings("period").findings()} == {
        f.key() for f in about if f.field == "activity.period"}
