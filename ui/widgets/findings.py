"""Showing findings: under a field, and as a clickable list.

Errors, warnings and notes look different (icon and colour), and every text is
plain text: a partner called ``<b>ACME`` is shown as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QStyle, QWidget

from ssa_wizard import labels, messages
from ssa_wizard.guidance import page_of
from ssa_wizard.i18n import current_language
from ssa_wizard.rules import Finding, Report

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
#: Text colours that stay readable on light and dark backgrounds.
SEVERITY_COLOURS = {"error": "#c62828", "warning": "#9a6700", "info": "#1f5fa8"}


def severity_icon(severity: str, widget: QWidget | None = None) -> QIcon:
    """The standard message-box icon of a severity."""
    from PySide6.QtWidgets import QApplication

    style = widget.style() if widget is not None else QApplication.style()
    pixmap = {
        "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    }.get(severity, QStyle.StandardPixmap.SP_MessageBoxInformation)
    return style.standardIcon(pixmap)


def worst(findings: Iterable[Finding]) -> str | None:
    """The most serious severity among ``findings``, or None."""
    best = None
    for finding in findings:
        if best is None or SEVERITY_ORDER[finding.severity] < SEVERITY_ORDER[best]:
            best = finding.severity
    return best


def select(report: Report, field: str | None = None, *, partner: str | None = None,
           activity: str | None = None) -> list[Finding]:
    """The findings of ``report`` about a field (``partner.pic``) of a record."""
    chosen = []
    for finding in report.findings:
        if field is not None and finding.field != field:
            continue
        if partner is not None and finding.partner != partner:
            continue
        if activity is not None and finding.activity != activity:
            continue
        chosen.append(finding)
    return chosen


class FindingLabel(QLabel):
    """The findings about one field, shown right under it; hidden when there are none."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setVisible(False)
        self._findings: list[Finding] = []
        #: The findings' keys and the language of the text shown.
        self._shown: tuple = (None, None)

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def set_findings(self, findings: Sequence[Finding]) -> None:
        findings = sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])
        shown = ([f.key() for f in findings], current_language())
        if shown == self._shown:
            # The same text: only shown again if a hidden row hid it (as a new text would).
            self.setVisible(bool(self._findings))
            return
        self._findings = list(findings)
        self.refresh_text()

    def refresh_text(self) -> None:
        """Re-word the findings (after a language switch)."""
        self._shown = ([f.key() for f in self._findings], current_language())
        self._draw()

    def _draw(self) -> None:
        if not self._findings:
            self.clear()
            self.setAccessibleName("")
            self.setAccessibleDescription("")
            self.setVisible(False)
            return
        # Shown where the finding is fixed: its message does not send the user there.
        text = "\n".join(f"{_marker(f.severity)} {messages.message(f, here=page_of(f))}"
                         for f in self._findings)
        self.setText(text)
        self.setAccessibleDescription(text)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText,
                         QColor(SEVERITY_COLOURS[worst(self._findings) or "info"]))
        self.setPalette(palette)
        self.setAccessibleName(labels.severity(worst(self._findings) or "info"))
        self.setVisible(True)


def _marker(severity: str) -> str:
    # A shape as well as a colour, for people who cannot tell red from orange.
    return {"error": "✖", "warning": "▲"}.get(severity, "ℹ")


class FindingsList(QListWidget):
    """A list of findings; activating one (double-click, Enter) emits it."""

    finding_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.itemActivated.connect(self._activated)
        #: What the items show: the findings' keys and the language they are worded in.
        self._shown: tuple = ((), None)

    def set_findings(self, findings: Sequence[Finding]) -> bool:
        """List ``findings``; False when they are the ones listed, in this language.

        Only the items that changed are replaced: those before and after the change
        (compared by ``Finding.key``) stay as they are, with the selection on them. A
        new language re-words them all."""
        keys = tuple(f.key() for f in findings)
        language = current_language()
        old_keys, old_language = self._shown
        if (keys, language) == self._shown:
            return False
        self._shown = (keys, language)
        start, old_end, new_end = 0, len(old_keys), len(keys)
        if language == old_language:
            while start < min(old_end, new_end) and old_keys[start] == keys[start]:
                start += 1
            while (old_end > start and new_end > start
                   and old_keys[old_end - 1] == keys[new_end - 1]):
                old_end, new_end = old_end - 1, new_end - 1
        for _ in range(start, old_end):
            self.takeItem(start)
        for row in range(start, new_end):
            self.insertItem(row, self._item(findings[row]))
        return True

    def _item(self, finding: Finding) -> QListWidgetItem:
        item = QListWidgetItem(severity_icon(finding.severity, self),
                               messages.message(finding, here=page_of(finding)))
        item.setData(Qt.ItemDataRole.UserRole, finding)
        item.setToolTip(f"{finding.rule}: {messages.title(finding.rule)}")
        item.setForeground(QColor(SEVERITY_COLOURS[finding.severity]))
        return item

    def findings(self) -> list[Finding]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        self.finding_activated.emit(item.data(Qt.ItemDataRole.UserRole))
