"""One way to put a proposal field on screen: its label, its input, its findings.

Every labelled input of the wizard (the Project, Plans, Partners and Activities
pages and the partner-card window) is a ``FieldRow`` built by a ``FieldRows``:

* the label is the input's buddy, so its mnemonic (``Na&me:``) moves the cursor
  there, and its text, without ``&`` and colon, is the input's accessible name (a
  check box carries its own text and has no label);
* the findings about the field (a ``FindingLabel``: plain text, word-wrapped,
  hidden when there are none) stand right under the input, in one column with it;
* texts are msgids, translated in ``retranslate()``, so a language switch re-words
  every row in place.

``FieldRows`` then does, by field name, what a page needs: put each finding of a
report under its row and hand back the others (``show_findings``), re-word
(``retranslate``), focus (``focus``), hide a row with its label (``FieldRow.set_shown``).
Names are the proposal's field names without ``prefix``: the member form's rows
are ``pic``, ``city`` … for the findings about ``partner.pic``, ``partner.city``.

Layout policy lives here too, so that forms look and shrink alike: ``form()``
makes a form whose inputs take the width; ``fit_form(form, width)`` puts the labels
above their inputs when the form is too narrow for both side by side (so an input
never shrinks to nothing and nothing scrolls sideways); ``WrappingCheckBox`` is a
check box whose long text wraps onto more lines instead of being cut;
``keep_focus_in_view(area)`` scrolls a scrolling form to whichever of its inputs gets
the keyboard focus, by Tab or by the program (a finding clicked, a member added), so
that the user never types into a field out of sight.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (QAbstractScrollArea, QAbstractSpinBox, QApplication, QCheckBox,
                               QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QScrollArea,
                               QSizePolicy, QStyle, QStyleOptionButton, QStyleOptionFocusRect,
                               QStylePainter, QVBoxLayout, QWidget)

from ssa_wizard.i18n import _

from .text import plain

if TYPE_CHECKING:  # every page has rows, and the Start page is up before the rules load
    from ssa_wizard.rules import Finding

    from .findings import FindingLabel


def text_box(minimum_height: int | None = None,
             maximum_height: int | None = None) -> QPlainTextEdit:
    """An input for a few lines of text in which Tab moves on, as in every other input."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    if minimum_height is not None:
        edit.setMinimumHeight(minimum_height)
    if maximum_height is not None:
        edit.setMaximumHeight(maximum_height)
    return edit


#: The width below which an input beside its label is too narrow to type into well:
#: the form then puts each label above its input (``fit_form``).
COMFORTABLE_INPUT_WIDTH = 220


def label_width(form: QFormLayout) -> int:
    """The width of the widest visible label of ``form``."""
    widest = 0
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        label = item.widget() if item is not None else None
        if label is not None and not label.isHidden():
            widest = max(widest, label.sizeHint().width())
    return widest


def comfortable_width(form: QFormLayout) -> int:
    """How wide ``form`` must be to keep its labels beside comfortably wide inputs
    (and at least as wide as the widest input must be)."""
    spacing = max(form.horizontalSpacing(), 0)
    margins = form.contentsMargins()
    field = COMFORTABLE_INPUT_WIDTH
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        widget = item.widget() if item is not None else None
        if widget is not None and not widget.isHidden():
            field = max(field, widget.minimumSizeHint().width())
    return label_width(form) + spacing + field + margins.left() + margins.right()


def fit_form(form: QFormLayout, width: int) -> None:
    """Labels beside their inputs when ``width`` allows it, else above them."""
    policy = (QFormLayout.RowWrapPolicy.DontWrapRows if width >= comfortable_width(form)
              else QFormLayout.RowWrapPolicy.WrapAllRows)
    if form.rowWrapPolicy() != policy:
        form.setRowWrapPolicy(policy)


class _FocusFollower(QObject):
    """Scrolls its scroll area to the widget inside it that gets the focus. A child of
    the area: when the area goes, so does the connection to the application."""

    def __init__(self, area: QScrollArea):
        super().__init__(area)
        self._area = area
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        content = self._area.widget()
        if new is not None and content is not None and content.isAncestorOf(new):
            self._area.ensureWidgetVisible(new)


class _WheelGuard(QObject):
    """Lets the mouse wheel scroll the form over a list or number box instead of changing
    its value unseen: in a form that scrolls, the wheel is always the form's; elsewhere
    a box gets it only when it has the keyboard focus. (New-user trials saw an
    activity's lead and end month change while scrolling the form, the second time
    over a lead just chosen, which had the focus.) The keyboard and the box's own
    list still change the value."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:  # the form around the box scrolls instead
            QApplication.sendEvent(area.viewport(), event)
            return True
        if watched.hasFocus():
            return False
        event.ignore()  # not accepted: Qt passes a real wheel turn on to the parent
        return True  # the box itself never sees it


_wheel_guard: _WheelGuard | None = None


def guard_wheel(widget: QWidget) -> None:
    """Make every list and number box in ``widget`` (and ``widget`` itself) take the
    wheel only when focused, and take the focus only by a click or Tab."""
    global _wheel_guard
    if _wheel_guard is None:
        _wheel_guard = _WheelGuard(QApplication.instance())
    boxes = [widget, *widget.findChildren(QWidget)]
    for box in boxes:
        if isinstance(box, (QComboBox, QAbstractSpinBox)):
            box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            box.installEventFilter(_wheel_guard)


class _UndoKeysToWindow(QObject):
    """Undo and Redo typed in an input go to the window's Undo and Redo, not to the
    input's own memory of the letters typed in it.

    The input's own undo knows nothing of the proposal: a new-user trial pressed Ctrl+Z
    in a field, which cleared the field as a new edit (Redo greyed, the edit it meant
    to undo still there). Every edit is already a step of the session's undo stack
    (typing in one field is one step), so the window's action is the one to run. Where
    no window-wide Undo exists (a card window), the key goes to the input as before.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # Filtered out and left unaccepted: Qt looks for the window's shortcut instead.
        return (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and (event.matches(QKeySequence.StandardKey.Undo)
                     or event.matches(QKeySequence.StandardKey.Redo)
                     or event.keyCombination() == _CTRL_Y))


_undo_keys: _UndoKeysToWindow | None = None
#: Redo on Windows, and the window's second Redo key everywhere (ui.main_window).
_CTRL_Y = QKeySequence("Ctrl+Y")[0]


def undo_keys_to_window(widget: QWidget) -> None:
    """Let Undo and Redo in ``widget`` (and every input inside it) reach the window's
    actions (see ``_UndoKeysToWindow``)."""
    global _undo_keys
    if _undo_keys is None:
        _undo_keys = _UndoKeysToWindow(QApplication.instance())
    for part in (widget, *widget.findChildren(QWidget)):
        part.installEventFilter(_undo_keys)


def keep_focus_in_view(area: QScrollArea) -> None:
    """Scroll ``area`` to each widget inside it that gets the keyboard focus, however
    it gets it (Tab, a click on a finding, a new record's first field)."""
    _FocusFollower(area)


class WrappingCheckBox(QCheckBox):
    """A check box whose text wraps onto more lines when it is narrower than its text.

    A plain ``QCheckBox`` keeps its text on one line: a long Dutch objective either
    forces the page wider than a laptop's screen or is cut. This one asks its layout
    for the height its text needs at the width it gets (``heightForWidth``), draws
    the box beside the first line and the text wrapped, and toggles when clicked
    anywhere on it. It is a ``QCheckBox`` in every other way (signals, mnemonic,
    accessible name).
    """

    _FLAGS = (Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextShowMnemonic
              | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _option(self) -> QStyleOptionButton:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        return option

    def _indent(self) -> int:
        """Where the text starts: the box and the style's spacing after it."""
        option = self._option()
        style = self.style()
        return (style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, option, self)
                + style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, option, self))

    def _text_rect(self, width: int) -> QRect:
        room = max(1, width - self._indent() - 2)
        return self.fontMetrics().boundingRect(QRect(0, 0, room, 1 << 20), int(self._FLAGS),
                                               self.text())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        indicator = self.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight,
                                             self._option(), self)
        return max(indicator, self._text_rect(width).height()) + 2

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # On one line when there is room: the natural width of the text.
        width = self._indent() + 2 + self.fontMetrics().horizontalAdvance(
            self.text().replace("&&", "\0").replace("&", "").replace("\0", "&"))
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        words = self.text().replace("&", "").split() or [""]
        width = self._indent() + 2 + max(self.fontMetrics().horizontalAdvance(w) for w in words)
        return QSize(width, self.heightForWidth(width))

    def hitButton(self, pos) -> bool:  # noqa: N802 - Qt's name
        return self.rect().contains(pos)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QStylePainter(self)
        option = self._option()
        style = self.style()
        indicator = QSize(style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, option, self),
                          style.pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight, option, self))
        line = self.fontMetrics().height()
        # The box beside the first line of the text, however many lines follow.
        option.rect = QRect(0, max(0, (line - indicator.height()) // 2) + 1,
                            indicator.width(), indicator.height())
        painter.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorCheckBox, option)
        text_rect = QRect(self._indent(), 1, self.width() - self._indent(), self.height() - 1)
        style.drawItemText(painter, text_rect, int(self._FLAGS), self.palette(),
                           self.isEnabled(), self.text(), self.foregroundRole())
        if self.hasFocus():
            focus = QStyleOptionFocusRect()
            focus.initFrom(self)
            focus.rect = self._text_rect(self.width()).translated(self._indent(), 1).adjusted(
                -1, 0, 1, 1)
            painter.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus)


@dataclass(eq=False)
class FieldRow:
    """One field on screen: its label, its input and the findings about it."""

    name: str
    #: The label's msgid (English, with its mnemonic), translated when shown.
    text: str
    #: The input: the label's buddy; it gets the accessible name and the focus.
    widget: QWidget
    findings: FindingLabel
    #: None for a check box, which shows ``text`` itself.
    label: QLabel | None
    #: The input (or its container) with the findings under it; None when the
    #: caller placed the parts itself (``FieldRows.make``).
    box: QWidget | None = None
    tooltip: str = ""
    #: A msgid read to screen-reader users after the name (the Plans' guidance).
    description: str = ""

    def retranslate(self) -> None:
        text = _(self.text)
        if self.label is not None:
            self.label.setText(text)
        else:
            self.widget.setText(text)
        self.widget.setAccessibleName(plain(text))
        if isinstance(self.widget, QAbstractSpinBox):
            # The text field inside a spin box is an input of its own for some tools.
            self.widget.findChild(QLineEdit).setAccessibleName(plain(text))
        if self.tooltip:
            self.widget.setToolTip(_(self.tooltip))
            if self.label is not None:
                self.label.setToolTip(_(self.tooltip))
        if self.description:
            self.widget.setAccessibleDescription(_(self.description))
        self.findings.refresh_text()

    def set_shown(self, shown: bool) -> None:
        """Show or hide the whole row: label, input and findings."""
        if self.label is not None:
            self.label.setVisible(shown)
        if self.box is not None:
            self.box.setVisible(shown)
        else:
            self.widget.setVisible(shown)
            if not shown:
                self.findings.setVisible(False)

    def is_shown(self) -> bool:
        return not (self.box or self.widget).isHidden()


class FieldRows:
    """The field rows of one form, by name; builds them and acts on them together."""

    def __init__(self, prefix: str = ""):
        #: What the findings' field names start with (``partner.``); names are without it.
        self.prefix = prefix
        self._rows: dict[str, FieldRow] = {}

    # --- building -------------------------------------------------------------------

    @staticmethod
    def form(parent: QWidget | None = None) -> QFormLayout:
        """A form layout as every form of the wizard has it: inputs take the width."""
        form = QFormLayout(parent) if parent is not None else QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setVerticalSpacing(6)  # the style's default (18) spreads a form thin
        return form

    def add(self, form: QFormLayout, name: str, widget: QWidget, text: str, *,
            editor: QWidget | None = None, tooltip: str = "", description: str = "") -> FieldRow:
        """Add a row to ``form``: the label ``text`` (a msgid), ``widget``, findings below.

        ``editor`` is the input that gets the buddy, the accessible name and the
        focus, when ``widget`` is a container around it (a date with a check box).
        """
        box = QWidget(form.parentWidget())
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        row = self.make(name, editor or widget, text, tooltip=tooltip, description=description,
                        parent=box)
        column.addWidget(row.findings)
        row.box = box
        if row.label is None:
            form.addRow(box)
        else:
            form.addRow(row.label, box)
        return row

    def make(self, name: str, widget: QWidget, text: str, *, tooltip: str = "",
             description: str = "", parent: QWidget | None = None) -> FieldRow:
        """A row whose label, input and findings the caller places itself (in a grid)."""
        from .findings import FindingLabel

        adjust = QComboBox.SizeAdjustPolicy
        if (isinstance(widget, QComboBox)
                and widget.sizeAdjustPolicy() == adjust.AdjustToContentsOnFirstShow):
            # By default a combo box is as wide as its longest item once shown: one long
            # member name would make the whole form wider than the page.
            widget.setSizeAdjustPolicy(adjust.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(16)
        guard_wheel(widget)
        undo_keys_to_window(widget)
        label = None
        if not isinstance(widget, QCheckBox):
            label = QLabel(parent)
            label.setBuddy(widget)
        row = FieldRow(name, text, widget, FindingLabel(parent), label, tooltip=tooltip,
                       description=description)
        self._rows[name] = row
        return row

    # --- looking up ------------------------------------------------------------------

    def __getitem__(self, name: str) -> FieldRow:
        return self._rows[name]

    def __contains__(self, name: object) -> bool:
        return name in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, name: str) -> FieldRow | None:
        return self._rows.get(name)

    def values(self) -> Iterable[FieldRow]:
        return self._rows.values()

    def items(self) -> Iterable[tuple[str, FieldRow]]:
        return self._rows.items()

    def unstored(self) -> list[tuple[str, str]]:
        """(label, text) of each input showing typed text the proposal does not hold (an
        impossible date): inputs that can hold such text say so by ``unstored_text()``."""
        found = []
        for row in self._rows.values():
            holder: QWidget | None = row.widget  # the input, or the widget around it
            while holder is not None and not hasattr(holder, "unstored_text"):
                holder = None if holder is row.box else holder.parentWidget()
            text = holder.unstored_text() if holder is not None and holder.isEnabled() else None
            if text is not None:
                found.append((plain(_(row.text)), text))
        return found

    def name_of(self, field: str | None) -> str | None:
        """The row name of a finding's field (``partner.pic`` -> ``pic``), if there is a row."""
        if not field or not field.startswith(self.prefix):
            return None
        name = field[len(self.prefix):]
        return name if name in self._rows else None

    def widget(self, name: str) -> QWidget | None:
        row = self._rows.get(name)
        return row.widget if row else None

    def findings_of(self, name: str) -> FindingLabel | None:
        row = self._rows.get(name)
        return row.findings if row else None

    # --- acting on every row ----------------------------------------------------------

    def retranslate(self) -> None:
        for row in self._rows.values():
            row.retranslate()

    def show_findings(self, findings: Iterable[Finding]) -> list[Finding]:
        """Put each finding under its field's row; return those about no row here."""
        by_name: dict[str, list[Finding]] = {}
        rest = []
        for finding in findings:
            name = self.name_of(finding.field)
            if name is None:
                rest.append(finding)
            else:
                by_name.setdefault(name, []).append(finding)
        for name, row in self._rows.items():
            row.findings.set_findings(by_name.get(name, []))
        return rest

    def focus(self, name: str) -> bool:
        """Put the cursor in the input of ``name`` (shown first); False if there is none."""
        row = self._rows.get(name)
        if row is None:
            return False
        if not row.is_shown():
            row.set_shown(True)
        row.widget.setFocus()
        return True
