"""The activities drawn as bars over the project's months, to see the plan at a glance.

One row per activity: its title on the left (with a swatch of its kind's colour),
a bar from its start month to its end month over a month ruler. What is wrong is
visible, not hidden by clamping: months after the end of the project are shaded,
the part of a bar outside the project is hatched in red, a bar whose end comes
before its start is drawn hatched between the two, and an activity without months
says so in its row. The widget reads the session's proposal when it paints; it
keeps no copy. ``bar_rects()`` gives the geometry that ``paintEvent`` draws, so
tests check bars without reading pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ssa_wizard import labels
from ssa_wizard.i18n import _
from ssa_wizard.model import Activity

from ..session import Session

#: Okabe-Ito colours: told apart by people with the common colour-vision deficiencies.
KIND_COLOURS = {
    "skills_needs": "#E69F00",
    "curriculum_design": "#56B4E9",
    "curriculum_delivery": "#009E73",
    "mobility": "#CC79A7",
    "management": "#0072B2",
    "dissemination": "#D55E00",
    "other": "#999999",
}
_NO_KIND = "#BBBBBB"
_WRONG = QColor("#c62828")


@dataclass(frozen=True)
class Bar:
    """Where one activity's bar is drawn."""

    activity: str
    rect: QRectF
    #: Part of the bar lies before month 1 or after the project's last month.
    outside: bool
    #: The end month comes before the start month.
    reversed: bool


class TimelineWidget(QWidget):
    """Activities as bars over the months of the project."""

    #: The user clicked the row of an activity (its id).
    activity_clicked = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._current: str | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMouseTracking(False)
        session.proposal_changed.connect(self._changed)
        session.structure_changed.connect(self._changed)
        session.report_changed.connect(lambda _report: self._changed())
        self.retranslate()

    # --- reading the proposal --------------------------------------------------------

    def _activities(self) -> list[Activity]:
        return self._session.proposal.activities

    def duration(self) -> int | None:
        return self._session.proposal.project.duration_months

    def months_shown(self) -> int:
        """How many months the ruler covers: the project, and any month an activity names."""
        shown = self.duration() or 0
        for activity in self._activities():
            for month in (activity.start_month, activity.end_month):
                if month is not None:
                    shown = max(shown, month)
        return max(shown, 1)

    # --- geometry -------------------------------------------------------------------

    def _metrics(self) -> tuple[int, int, float, float]:
        fm = QFontMetrics(self.font())
        ruler = fm.height() + 10
        row = fm.height() + 10
        label = min(max(140.0, self.width() * 0.3), 260.0)
        months = self.months_shown()
        month = max((self.width() - label - 8) / months, 1.0)
        return ruler, row, label, month

    def _month_x(self, month: float) -> float:
        """The x of the left edge of ``month`` (1-based; may be outside the ruler)."""
        _ruler, _row, label, width = self._metrics()
        return label + (month - 1) * width

    def bar_rects(self) -> list[Bar]:
        """The bars, in the order of the activities; activities without months have none."""
        ruler, row_height, _label, _month = self._metrics()
        duration = self.duration()
        bars = []
        for row, activity in enumerate(self._activities()):
            start, end = activity.start_month, activity.end_month
            if start is None or end is None:
                continue
            reversed_ = end < start
            first, last = (end, start) if reversed_ else (start, end)
            first_shown = max(first, 1)
            left = self._month_x(first_shown)
            right = self._month_x(last + 1)
            top = ruler + row * row_height + 4
            outside = first < 1 or (duration is not None and last > duration)
            bars.append(Bar(activity.id, QRectF(left, top, max(right - left, 2.0),
                                                row_height - 8), outside, reversed_))
        return bars

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        ruler, row, _label, _month = self._metrics()
        return QSize(640, ruler + max(len(self._activities()), 1) * row + 6)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        ruler, row, _label, _month = self._metrics()
        return QSize(320, ruler + row + 6)

    # --- state ------------------------------------------------------------------------

    def set_current(self, activity_id: str | None) -> None:
        """Highlight the row of the activity being edited."""
        if activity_id != self._current:
            self._current = activity_id
            self.update()

    def retranslate(self) -> None:
        self.setAccessibleName(_("Timeline of the activities"))
        self._describe()
        self.update()

    def _changed(self) -> None:
        self.updateGeometry()
        self._describe()
        self.update()

    def _describe(self) -> None:
        """A text version of the drawing, for screen readers and tooltips."""
        lines = []
        for activity in self._activities():
            title = activity.title or _("(no title yet)")
            if activity.start_month is None or activity.end_month is None:
                lines.append(_("{title}: months not set yet").format(title=title))
            else:
                lines.append(_("{title}: month {start} to {end}").format(
                    title=title, start=activity.start_month, end=activity.end_month))
        duration = self.duration()
        head = (_("The project lasts {months} months.").format(months=duration)
                if duration else _("The project has no duration yet."))
        self.setAccessibleDescription("\n".join([head, *lines]))

    # --- painting ----------------------------------------------------------------------

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        ruler, row_height, label_width, month_width = self._metrics()
        months = self.months_shown()
        duration = self.duration()
        fm = QFontMetrics(self.font())
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        grid = QColor(text_colour)
        grid.setAlpha(40)
        activities = self._activities()
        bottom = ruler + max(len(activities), 1) * row_height

        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        # Months after the end of the project.
        if duration is not None and months > duration:
            shade = QRectF(self._month_x(duration + 1), 0,
                           self._month_x(months + 1) - self._month_x(duration + 1), bottom)
            after = QColor(_WRONG)
            after.setAlpha(30)
            painter.fillRect(shade, after)

        # The ruler: a tick per month, a number where it fits, a line per year.
        step = 1
        while step * month_width < fm.horizontalAdvance("00") + 6:
            step = {1: 3, 3: 6, 6: 12}.get(step, step + 12)
        painter.setPen(text_colour)
        for month in range(1, months + 1):
            x = self._month_x(month)
            yearly = (month - 1) % 12 == 0
            painter.setPen(QPen(text_colour if yearly else grid, 1))
            painter.drawLine(QPointF(x, ruler - (8 if yearly else 4)), QPointF(x, bottom))
            if month == 1 or month % step == 0:
                painter.setPen(text_colour)
                painter.drawText(QRectF(x, 0, max(month_width * step, 24), ruler - 6),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                                 str(month))
        end_x = self._month_x(months + 1)
        painter.setPen(QPen(grid, 1))
        painter.drawLine(QPointF(label_width, ruler), QPointF(end_x, ruler))
        if duration is not None:
            painter.setPen(QPen(_WRONG if months > duration else text_colour, 2))
            x = self._month_x(duration + 1)
            painter.drawLine(QPointF(x, ruler - 8), QPointF(x, bottom))

        if not activities:
            painter.setPen(text_colour)
            painter.drawText(QRectF(label_width, ruler, end_x - label_width, row_height),
                             Qt.AlignmentFlag.AlignCenter, _("No activities yet."))

        bars = {bar.activity: bar for bar in self.bar_rects()}
        for row, activity in enumerate(activities):
            top = ruler + row * row_height
            if activity.id == self._current:
                painter.fillRect(QRectF(0, top, self.width(), row_height),
                                 palette.color(QPalette.ColorRole.AlternateBase))
            colour = QColor(KIND_COLOURS.get(activity.kind, _NO_KIND))
            swatch = QRectF(4, top + 5, 10, row_height - 10)
            painter.fillRect(swatch, colour)
            painter.setPen(text_colour)
            title = activity.title or _("(no title yet)")
            painter.drawText(QRectF(20, top, label_width - 26, row_height),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             fm.elidedText(title, Qt.TextElideMode.ElideRight,
                                           int(label_width - 26)))
            bar = bars.get(activity.id)
            if bar is None:
                painter.setPen(_WRONG)
                painter.drawText(QRectF(label_width + 4, top, end_x - label_width, row_height),
                                 Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                                 _("months not set yet"))
                continue
            self._paint_bar(painter, bar, colour, duration)
        painter.end()

    def _paint_bar(self, painter: QPainter, bar: Bar, colour: QColor,
                   duration: int | None) -> None:
        rect = bar.rect
        if bar.reversed:
            painter.fillRect(rect, QBrush(_WRONG, Qt.BrushStyle.BDiagPattern))
            painter.setPen(QPen(_WRONG, 2, Qt.PenStyle.DashLine))
            painter.drawRect(rect)
            return
        painter.fillRect(rect, colour)
        if bar.outside and duration is not None:
            limit = self._month_x(duration + 1)
            if rect.right() > limit:
                over = QRectF(limit, rect.top(), rect.right() - limit, rect.height())
                painter.fillRect(over, QBrush(_WRONG, Qt.BrushStyle.BDiagPattern))
                painter.setPen(QPen(_WRONG, 2))
                painter.drawRect(over)
        if bar.outside:
            painter.setPen(QPen(_WRONG, 2))
            painter.drawRect(rect)
        else:
            painter.setPen(QPen(colour.darker(140), 1))
            painter.drawRect(rect)

    # --- interaction --------------------------------------------------------------------

    def _row_at(self, y: float) -> int:
        ruler, row_height, _label, _month = self._metrics()
        if y < ruler:
            return -1
        row = int((y - ruler) // row_height)
        return row if row < len(self._activities()) else -1

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        row = self._row_at(event.position().y())
        if row >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self.activity_clicked.emit(self._activities()[row].id)
            event.accept()
            return
        super().mousePressEvent(event)

    def event(self, event: QEvent) -> bool:  # Qt's override, for per-row tooltips
        if event.type() == QEvent.Type.ToolTip:
            row = self._row_at(event.pos().y())
            if row >= 0:
                activity = self._activities()[row]
                text = "\n".join(filter(None, [
                    activity.title or _("(no title yet)"),
                    labels.activity_kind(activity.kind),
                    (_("Month {start} to {end}").format(start=activity.start_month,
                                                        end=activity.end_month)
                     if activity.start_month is not None and activity.end_month is not None
                     else _("months not set yet")),
                ]))
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
