"""Month boxes keep what is typed; the rules flag a month outside the project."""

from __future__ import annotations


from ssa_wizard import storage
from ssa_wizard.resources import resource_path
from ui.widgets.month_field import MonthField
from ui.wizard.activities_page import ActivitiesPage

from .pages import offscreen, retype, show_page


@offscreen
def test_typing_40_in_a_36_month_project_stores_40_and_shows_the_period_rule(qtbot):
    proposal = storage.load(resource_path("examples", "digiretail.ssa.json")).proposal
    assert proposal.project.duration_months == 36
    page, session = show_page(qtbot, ActivitiesPage, proposal)
    page.select_activity("a2")
    retype(qtbot, page.end_spin, "40")
    assert page.end_spin.text() == "40"
    assert session.proposal.activity("a2").end_month == 40
    session.check_now()
    label = page.field_findings("period")
    assert label.isVisibleTo(page)
    found = [f for f in label.findings() if f.rule == "C-ACTIVITY-PERIOD"]
    assert found and found[0].params.get("problem") != "order"
    # Focus leaves: still 40, not corrected to the duration.
    page.title_edit.setFocus()
    assert session.proposal.activity("a2").end_month == 40
    assert page.end_spin.value() == 40
    # Typing it as one undo step: undo goes back to the month before.
    before = storage.load(resource_path("examples", "digiretail.ssa.json")).proposal
    session.undo_stack.undo()
    assert session.proposal.activity("a2").end_month == before.activity("a2").end_month


def test_arrows_stay_within_the_project(qtbot):
    field = MonthField()
    qtbot.addWidget(field)
    field.set_duration(36)
    field.setValue(36)
    field.stepBy(1)
    assert field.value() == 36
    field.setValue(40)
    field.stepBy(1)
    assert field.value() == 40
    field.stepBy(-1)
    assert field.value() == 36
    field.setValue(0)
    field.stepBy(1)
    assert field.value() == 1


def test_not_set_fits_in_full(qtbot):
    field = MonthField()
    qtbot.addWidget(field)
    field.setSpecialValueText("niet ingesteld")
    field.setValue(0)
    assert field.minimumSizeHint().width() > field.fontMetrics().horizontalAdvance("niet ingesteld")
