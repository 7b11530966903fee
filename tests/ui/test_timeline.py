"""TimelineWidget: bars over the months, checked through their geometry, not pixels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from ssa_wizard.model import Activity, Proposal
from ui.session import Session
from ui.widgets.timeline import TimelineWidget


@pytest.fixture
def timeline(qtbot):
    proposal = Proposal.new()  # 36 months
    proposal.activities = [
        Activity(id="a1", kind="skills_needs", title="Survey", start_month=1, end_month=9),
        Activity(id="a2", kind="management", title="Run", start_month=1, end_month=36),
        Activity(id="a3", kind="mobility", title="Exchange", start_month=30, end_month=40),
        Activity(id="a4", kind="other", title="Backwards", start_month=10, end_month=5),
        Activity(id="a5", kind="", title="Unplanned"),
    ]
    session = Session(proposal)
    widget = TimelineWidget(session)
    qtbot.addWidget(widget)
    widget.resize(800, widget.sizeHint().height())
    widget.show()
    qtbot.waitExposed(widget)
    return widget, session


def test_one_bar_per_activity_with_months(timeline):
    widget, _session = timeline
    bars = widget.bar_rects()
    assert [b.activity for b in bars] == ["a1", "a2", "a3", "a4"]
    tops = [b.rect.top() for b in bars]
    assert tops == sorted(tops) and len(set(tops)) == 4  # one row each, in order


def test_bars_span_their_months(timeline):
    widget, _session = timeline
    bars = {b.activity: b for b in widget.bar_rects()}
    survey, run = bars["a1"].rect, bars["a2"].rect
    assert survey.left() == pytest.approx(run.left())
    assert survey.width() == pytest.approx(run.width() * 9 / 36)
    assert not bars["a1"].outside and not bars["a2"].outside


def test_out_of_range_and_reversed_are_flagged(timeline):
    widget, _session = timeline
    bars = {b.activity: b for b in widget.bar_rects()}
    assert bars["a3"].outside and not bars["a3"].reversed
    assert bars["a4"].reversed
    # The ruler grows to show month 40 rather than cutting the bar off.
    assert widget.months_shown() == 40
    assert bars["a3"].rect.right() <= widget.width()


def test_redraws_from_the_session(qtbot, timeline):
    widget, session = timeline
    session.set_activity_field("a5", "start_month", 2)
    session.set_activity_field("a5", "end_month", 3)
    assert "a5" in [b.activity for b in widget.bar_rects()]
    session.remove_activities(["a1"])
    assert "a1" not in [b.activity for b in widget.bar_rects()]
    assert "Survey" not in widget.accessibleDescription()
    session.undo_stack.undo()
    assert "Survey: month 1 to 9" in widget.accessibleDescription()


def test_size_hint_grows_with_rows(timeline):
    widget, session = timeline
    before = widget.sizeHint().height()
    session.add_activity()
    assert widget.sizeHint().height() > before
    assert widget.minimumSizeHint().height() < before


def test_click_on_a_row_reports_the_activity(qtbot, timeline):
    widget, _session = timeline
    bar = {b.activity: b for b in widget.bar_rects()}["a2"]
    with qtbot.waitSignal(widget.activity_clicked, timeout=1000) as clicked:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton,
                         pos=QPoint(int(bar.rect.center().x()), int(bar.rect.center().y())))
    assert clicked.args == ["a2"]


def test_paints_without_activities_or_duration(qtbot):
    proposal = Proposal.new()
    proposal.project.duration_months = None
    widget = TimelineWidget(Session(proposal))
    qtbot.addWidget(widget)
    widget.show()
    image = widget.grab()  # paintEvent runs; no exception, no Qt warning
    assert not image.isNull()
    assert widget.bar_rects() == []
    assert "no duration" in widget.accessibleDescription()
