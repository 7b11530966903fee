"""FindingsList: only the findings that changed are re-listed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ssa_wizard import i18n
from ssa_wizard.rules import Finding
from ui.widgets.findings import FindingsList

A = Finding(rule="E-COUNTRY-TRIO", severity="error", country="NO",
            params={"country": "NO", "missing": ["regulatory_body"], "programme": True})
B = Finding(rule="I-UMBRELLA-EXEMPTION", severity="info", country="DE",
            params={"country": "DE", "names": ["R&D <Labs>"]})
C = Finding(rule="I-ASSOCIATED-NOT-COUNTED", severity="info", params={"count": 3})
D = Finding(rule="I-ASSOCIATED-NOT-COUNTED", severity="info", params={"count": 4})


def _texts(widget: FindingsList) -> list[tuple]:
    return [(widget.item(i).text(), widget.item(i).toolTip(),
             widget.item(i).foreground().color().name(),
             widget.item(i).data(Qt.ItemDataRole.UserRole).key())
            for i in range(widget.count())]


def _fresh(qtbot, findings) -> FindingsList:
    widget = FindingsList()
    qtbot.addWidget(widget)
    widget.set_findings(findings)
    return widget


@pytest.mark.parametrize(("before", "after"), [
    ([B, C], [A, B, C]),   # one more at the front (a regulator gone)
    ([A, B, C], [B, C]),   # and gone again
    ([A, B], [A, C, B]),   # one in the middle
    ([A, B, C], [A, B, D]),  # a changed count at the end
    ([A, B, C], []),
    ([], [C, A]),
    ([A, B], [B, A]),
])
def test_the_list_shows_what_a_new_list_would_and_keeps_the_rest(qtbot, before, after):
    widget = _fresh(qtbot, before)
    kept = {widget.item(i).data(Qt.ItemDataRole.UserRole).key(): widget.item(i)
            for i in range(widget.count())}
    assert widget.set_findings(after) is True
    assert _texts(widget) == _texts(_fresh(qtbot, after))
    assert [f.key() for f in widget.findings()] == [f.key() for f in after]
    # The unchanged findings at the start and the end kept their items.
    same_start = next((i for i, (x, y) in enumerate(zip(before, after, strict=False))
                       if x.key() != y.key()), min(len(before), len(after)))
    for i in range(same_start):
        assert widget.item(i) is kept[after[i].key()]


def test_the_same_findings_rebuild_nothing(qtbot):
    widget = _fresh(qtbot, [A, B])
    widget.setCurrentRow(1)
    items = [widget.item(0), widget.item(1)]
    inserted = []
    widget.model().rowsInserted.connect(lambda *_: inserted.append(1))
    widget.model().rowsRemoved.connect(lambda *_: inserted.append(-1))
    assert widget.set_findings([A, B]) is False
    assert [widget.item(0), widget.item(1)] == items
    assert widget.currentRow() == 1 and inserted == []


def test_a_new_language_rewords_every_item(qtbot):
    widget = _fresh(qtbot, [A, B, C])
    english = _texts(widget)
    i18n.set_language("nl")
    assert widget.set_findings([A, B, C]) is True
    assert _texts(widget) == _texts(_fresh(qtbot, [A, B, C]))
    assert _texts(widget) != english
    assert "Duitsland" in widget.item(1).text()


def test_a_label_with_the_same_findings_is_not_reworded(qtbot):
    from ui.widgets.findings import FindingLabel

    label = FindingLabel()
    qtbot.addWidget(label)
    label.set_findings([C, A])
    text = label.text()
    assert text.startswith("✖ ")
    drawn = []
    draw = label._draw
    label._draw = lambda: drawn.append(1) or draw()
    label.set_findings([A, C])  # the same findings (sorted by severity alike)
    assert drawn == [] and label.text() == text
    label.hide()  # a hidden row hides its findings; the next report shows them again
    label.set_findings([A, C])
    assert not label.isHidden() and drawn == []
    i18n.set_language("nl")
    label.set_findings([A, C])
    assert drawn == [1] and "Noorwegen" in label.text()
    label.set_findings([])
    assert label.isHidden() and label.text() == ""
