"""The one field-row builder: label, input and findings, as every form of the wizard has them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QLineEdit, QScrollArea, QSpinBox,
                               QVBoxLayout, QWidget)

from ssa_wizard import i18n
from ssa_wizard.i18n import N_
from ssa_wizard.model import Partner, Proposal
from ssa_wizard.rules import check
from ui.widgets.field_rows import FieldRows, keep_focus_in_view


@pytest.fixture
def form(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    column = QVBoxLayout(window)
    rows = FieldRows(prefix="partner.")
    layout = FieldRows.form()
    column.addLayout(layout)
    widgets = {"name": QLineEdit(), "pic": QLineEdit(), "umbrella": QCheckBox(),
               "count": QSpinBox()}
    rows.add(layout, "name", widgets["name"], N_("Na&me:"))
    rows.add(layout, "pic", widgets["pic"], N_("&PIC:"),
             tooltip=N_("The organisation's Participant Identification Code: nine digits."))
    rows.add(layout, "umbrella", widgets["umbrella"], N_("&Umbrella organisation"))
    rows.add(layout, "count", widgets["count"], N_("&Duration:"))
    rows.retranslate()
    window.resize(600, 400)
    window.show()
    qtbot.waitExposed(window)
    return window, rows, widgets


def test_label_is_the_buddy_and_names_the_input(qtbot, form):
    window, rows, widgets = form
    assert rows["name"].label.buddy() is widgets["name"]
    assert rows["name"].label.text() == "Na&me:"
    assert widgets["name"].accessibleName() == "Name"
    # A check box carries its own text and has no separate label.
    assert rows["umbrella"].label is None
    assert widgets["umbrella"].text() == "&Umbrella organisation"
    assert widgets["umbrella"].accessibleName() == "Umbrella organisation"
    # The tooltip is on the label and the input; a spin box's inner text field is named too.
    assert "nine digits" in widgets["pic"].toolTip() and "nine digits" in rows["pic"].label.toolTip()
    assert widgets["count"].findChild(QLineEdit).accessibleName() == "Duration"
    # The mnemonic moves the cursor to the input.
    widgets["name"].setFocus()
    qtbot.keyClick(widgets["name"], Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert widgets["pic"].hasFocus()


def test_findings_go_under_their_row_and_the_rest_comes_back(qtbot, form):
    window, rows, widgets = form
    proposal = Proposal.new()
    proposal.partners = [Partner(id="p1", name="Alpha", country="NL", pic="123")]
    findings = check(proposal).findings
    rest = rows.show_findings(findings)
    pic = rows.findings_of("pic")
    assert pic.isVisible() and [f.field for f in pic.findings()] == ["partner.pic"]
    assert "123" in pic.text() and pic.wordWrap()
    assert pic.textFormat() == Qt.TextFormat.PlainText
    assert not rows.findings_of("name").isVisible()
    assert all(f.field != "partner.pic" for f in rest)
    assert len(rest) == len(findings) - len(pic.findings())
    # The label follows the input, right under it.
    assert pic.geometry().top() >= widgets["pic"].geometry().bottom()
    rows.show_findings([])
    assert not pic.isVisible()


def test_language_switch_rewords_labels_and_findings(qtbot, form):
    window, rows, widgets = form
    proposal = Proposal.new()
    proposal.partners = [Partner(id="p1", name="Alpha", country="NL", pic="123")]
    rows.show_findings(check(proposal).findings)
    english = rows.findings_of("pic").text()
    i18n.set_language("nl")
    rows.retranslate()
    assert rows["name"].label.text() == "&Naam:"
    assert widgets["name"].accessibleName() == "Naam"
    assert rows.findings_of("pic").text() not in ("", english)


def test_hiding_a_row_hides_its_label_and_focus_shows_it_again(qtbot, form):
    window, rows, widgets = form
    row = rows["pic"]
    row.set_shown(False)
    assert not row.label.isVisible() and not widgets["pic"].isVisible()
    assert not row.is_shown()
    assert rows.focus("pic")
    assert row.label.isVisible() and widgets["pic"].isVisible() and widgets["pic"].hasFocus()
    assert not rows.focus("no_such_field")
    assert rows.name_of("partner.pic") == "pic"
    assert rows.name_of("pic") is None and rows.name_of("partner.nothing") is None


def test_make_leaves_the_placing_to_the_caller(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    rows = FieldRows()
    edit = QLineEdit(window)
    row = rows.make("plans.innovation", edit, N_("Inno&vation"),
                    description=N_("Sector Skills Alliances must focus on innovation: say what "
                                   "is new in your approach."), parent=window)
    rows.retranslate()
    assert row.box is None and row.label.buddy() is edit
    assert edit.accessibleName() == "Innovation"
    assert "innovation" in edit.accessibleDescription()
    assert row.findings.parentWidget() is window


def test_a_combo_box_with_a_long_item_does_not_widen_the_form(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    rows = FieldRows()
    layout = FieldRows.form(window)
    combo = QComboBox()
    combo.addItem("Stichting Samenwerkingsorganisatie Beroepsonderwijs Bedrijfsleven " * 3)
    rows.add(layout, "lead", combo, N_("Le&ad:"))
    window.resize(500, 200)
    window.show()
    qtbot.waitExposed(window)
    assert combo.minimumSizeHint().width() < 300
    assert layout.minimumSize().width() <= window.width()
    assert combo.geometry().right() <= window.width()  # nothing cut off at the right


def _in_sight(area, widget) -> bool:
    viewport = area.viewport()
    return viewport.rect().contains(QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size()))


def test_a_scrolling_form_scrolls_to_the_input_that_gets_the_focus(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    area = QScrollArea(window)
    area.setWidgetResizable(True)
    keep_focus_in_view(area)
    body = QWidget()
    layout = FieldRows.form(body)
    edits = [QLineEdit() for _ in range(40)]
    for number, edit in enumerate(edits):
        layout.addRow(f"Field {number}", edit)
    area.setWidget(body)
    outside = QLineEdit()  # beside the form: getting the focus scrolls nothing
    column = QVBoxLayout(window)
    column.addWidget(area)
    column.addWidget(outside)
    window.resize(400, 230)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert not _in_sight(area, edits[-1])
    edits[-1].setFocus()  # by the program: a finding clicked, say
    assert _in_sight(area, edits[-1])
    edits[0].setFocus()
    assert _in_sight(area, edits[0]) and not _in_sight(area, edits[-1])
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum() // 2)
    value = area.verticalScrollBar().value()
    outside.setFocus()
    assert outside.hasFocus() and area.verticalScrollBar().value() == value


def _wheel(widget, steps: int = -1) -> None:
    """A real wheel turn over ``widget``, delivered as the window system would."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_form_over_a_box_never_changing_it(qtbot):
    # Scrolling a long form with the wheel must never change a value on its way.
    window = QWidget()
    qtbot.addWidget(window)
    area = QScrollArea(window)
    area.setWidgetResizable(True)
    body = QWidget()
    layout = FieldRows.form(body)
    rows = FieldRows()
    fillers = [QLineEdit() for _ in range(30)]
    for number, edit in enumerate(fillers[:15]):
        layout.addRow(f"Field {number}", edit)
    lead, months = QComboBox(), QSpinBox()
    lead.addItems(["VTI Brugge", "Agoria", "Müller Gebäudetechnik GmbH"])
    months.setRange(0, 36)
    months.setValue(24)
    rows.add(layout, "lead", lead, N_("Le&ad:"))
    rows.add(layout, "end", months, N_("&End month:"))
    for number, edit in enumerate(fillers[15:]):
        layout.addRow(f"Field {number + 15}", edit)
    area.setWidget(body)
    QVBoxLayout(window).addWidget(area)
    window.resize(400, 230)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    area.ensureWidgetVisible(lead)
    before = area.verticalScrollBar().value()
    for box in (lead, months):
        _wheel(box, steps=1)
    assert (lead.currentText(), months.value()) == ("VTI Brugge", 24)
    assert area.verticalScrollBar().value() < before  # the form scrolled up instead
    # Even when the box has the focus (a lead just chosen), the wheel over it scrolls
    # the form: a second trial scrolled on and changed the lead it had just chosen.
    months.setFocus()
    assert months.hasFocus()
    area.ensureWidgetVisible(months)
    before = area.verticalScrollBar().value()
    _wheel(months, steps=1)
    assert months.value() == 24
    assert area.verticalScrollBar().value() < before
    qtbot.keyClick(months, Qt.Key.Key_Up)  # the keyboard still changes it
    assert months.value() == 25
