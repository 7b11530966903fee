"""A month of the project, typed as it is meant: 40 stays 40.

A spin box whose maximum is the project's duration turns a typed ``40`` into ``4``
(the ``0`` is refused) and then the rules say the activity ends before it starts.
``MonthField`` accepts any month up to 999 as typed, so the rules can flag a month
outside the project with their own message (C-ACTIVITY-PERIOD); only the arrows
stay within the project's months. 0 is "not set".
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox, QSpinBox, QWidget

#: The largest month that can be typed: far beyond any project, so nothing is cut.
TYPED_MAXIMUM = 999


class MonthField(QSpinBox):
    """A month number; typing is free, stepping keeps within ``1..duration``."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._duration = 120
        self.setRange(0, TYPED_MAXIMUM)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)

    def set_duration(self, months: int | None) -> None:
        """The project's length: where the arrows stop (typing may go beyond)."""
        self._duration = months or 120

    def duration(self) -> int:
        return self._duration

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt's name
        value = self.value()
        if value > self._duration:
            # Beyond the project (typed or from a file): down goes back inside, up adds nothing.
            target = self._duration if steps < 0 else value
        else:
            target = min(max(value + steps, 0), self._duration)
        self.setValue(target)

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:  # noqa: N802 - Qt's name
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self.value() < self._duration:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        if self.value() > 0:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return flags

    def minimumSizeHint(self):  # noqa: N802 - Qt's name
        # Wide enough for "not set" in full (and three digits), in any language.
        hint = super().minimumSizeHint()
        text = max(self.specialValueText(), "999", key=self.fontMetrics().horizontalAdvance)
        hint.setWidth(max(hint.width(), self.fontMetrics().horizontalAdvance(text) + 40))
        return hint
