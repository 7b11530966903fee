"""The consortium panel follows the session: verdict, minimums and the country grid."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from ssa_wizard.model import Partner
from ui.widgets.consortium_panel import ConsortiumPanel
from ui.wizard.base import PAGES

TRIO = ("vet_provider", "sector_expertise", "regulatory_body")


@pytest.fixture
def panel(qtbot, session):
    widget = ConsortiumPanel()
    qtbot.addWidget(widget)
    session.report_changed.connect(widget.show_report)
    widget.show_report(session.report)
    widget.show()
    return widget


def add(session, country, category, role="full", **extra) -> str:
    partner_id = session.add_partner(Partner(id="x", name=f"{country} {category} {role}",
                                             country=country, category=category, role=role,
                                             **extra))
    session.check_now()
    return partner_id


def test_empty_proposal(panel):
    assert panel.eligible_label.text() == "✗ Not eligible"
    assert panel.complete_label.text().startswith("✗ ")
    assert "missing" in panel.complete_label.text()
    assert panel.count_labels["countries"].text() == "✗ Programme countries: 0 of at least 3"
    assert panel.count_labels["eu_member_states"].text() == "✗ EU Member States: 0 of at least 2"
    assert panel.count_labels["full_participants"].text() == "✗ Full participants: 0 of at least 9"
    assert panel.shown_countries() == []
    assert panel.empty_label.isVisible()


def test_a_cell_turns_green_with_each_category(panel, session):
    add(session, "NL", "vet_provider", role="applicant")
    assert panel.shown_countries() == ["NL"]
    assert [panel.cell_state("NL", c) for c in TRIO] == ["covered", "missing", "missing"]
    assert panel.cell("NL", "vet_provider").text() == "✓"
    assert panel.cell("NL", "sector_expertise").text() == "✗"
    add(session, "NL", "sector_expertise")
    assert panel.cell_state("NL", "regulatory_body") == "missing"
    add(session, "NL", "regulatory_body")
    assert [panel.cell_state("NL", c) for c in TRIO] == ["covered"] * 3
    assert panel.count_labels["full_participants"].text() == "✗ Full participants: 3 of at least 9"
    assert panel.row_label("NL").text() == "Netherlands (NL)"


def test_verdict_turns_eligible_with_the_ninth_member(panel, session):
    from ssa_wizard.model import Activity

    session.set_project_field("sector", "commerce")
    session.add_activity(Activity(id="x", kind="skills_needs"))
    add(session, "NL", "vet_provider", role="applicant")
    for country in ("NL", "DE", "GR"):
        for category in TRIO:
            if (country, category) != ("NL", "vet_provider"):
                if (country, category) == ("GR", "regulatory_body"):
                    assert panel.eligible_label.text() == "✗ Not eligible"
                add(session, country, category)
    assert panel.eligible_label.text() == "✓ Eligible"
    assert panel.count_labels["countries"].text() == "✓ Programme countries: 3 of at least 3"
    assert panel.count_labels["eu_member_states"].text().startswith("✓ ")
    assert panel.count_labels["full_participants"].text() == "✓ Full participants: 9 of at least 9"
    assert panel.row_label("GR").text() == "Greece (EL)"  # the EU's code for Greece
    # Associated partners never count.
    add(session, "FR", "vet_provider", role="associated")
    assert "FR" not in panel.shown_countries()


def test_umbrella_country_is_exempt_and_partner_country_marked(panel, session):
    add(session, "BE", "sector_expertise", umbrella=True)
    assert panel.shown_countries() == ["BE"]
    assert [panel.cell_state("BE", c) for c in TRIO] == ["exempt"] * 3
    assert panel.cell("BE", "vet_provider").text() == "exempt"
    assert "umbrella" in panel.cell("BE", "vet_provider").accessibleName()
    add(session, "CH", "vet_provider")
    assert "partner country" in panel.row_label("CH").text()
    assert panel.cell_state("CH", "regulatory_body") == "missing"


def test_cells_have_names_and_only_missing_ones_take_focus(panel, session):
    add(session, "PL", "vet_provider")
    covered, missing = panel.cell("PL", "vet_provider"), panel.cell("PL", "regulatory_body")
    assert covered.accessibleName() == "Poland: VET provider present"
    assert "Regulatory body missing" in missing.accessibleName()
    assert missing.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert covered.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_clicking_a_red_cell_emits_country_and_category(qtbot, panel, session):
    add(session, "DE", "vet_provider")
    with qtbot.waitSignal(panel.missing_cell_clicked) as blocker:
        panel.cell("DE", "sector_expertise").click()
    assert blocker.args == ["DE", "sector_expertise"]
    with qtbot.assertNotEmitted(panel.missing_cell_clicked):
        panel.cell("DE", "vet_provider").click()


def test_only_changed_rows_are_redrawn(panel, session):
    first = add(session, "NL", "vet_provider")
    add(session, "DE", "vet_provider")
    nl_widgets = [panel.row_label("NL"), *(panel.cell("NL", c) for c in TRIO)]
    de_status = panel._rows["DE"].status
    session.set_partner_field(first, "name", "Renamed")
    session.check_now()
    assert [panel.row_label("NL"), *(panel.cell("NL", c) for c in TRIO)] == nl_widgets
    assert panel._rows["DE"].status is de_status  # untouched: its status did not change
    session.remove_partners([first])
    session.check_now()
    assert panel.shown_countries() == ["DE"]


def test_undo_redraws_the_panel(panel, session):
    add(session, "NL", "vet_provider")
    session.undo_stack.undo()
    session.check_now()
    assert panel.shown_countries() == []


def test_red_cell_in_the_window_goes_to_the_partners_page(qtbot, main_window, session):
    add(session, "PT", "vet_provider")
    main_window.go_to("sector")
    main_window.panel.cell("PT", "regulatory_body").click()
    assert main_window.current_key() == "partners"
    partners = main_window.pages["partners"]
    if hasattr(partners, "preselect_country"):
        session.check_now()
        added = [p for p in session.proposal.partners if p.category == "regulatory_body"]
        assert [(p.country, p.category) for p in added] == [("PT", "regulatory_body")]
    assert PAGES.index("partners") == main_window.nav.currentRow()


def test_the_grid_stays_at_the_top_with_no_country_and_with_some(qtbot):
    """Only the row below the last country stretches: the headers never float mid-panel."""
    from ssa_wizard.model import Partner, Proposal
    from ssa_wizard.rules import check
    from ui.widgets.consortium_panel import ConsortiumPanel

    panel = ConsortiumPanel()
    qtbot.addWidget(panel)
    panel.resize(320, 900)
    panel.show_report(check(Proposal.new()))
    grid = panel._grid
    stretched = [row for row in range(grid.rowCount()) if grid.rowStretch(row)]
    assert stretched == [2]
    proposal = Proposal.new()
    proposal.partners = [Partner(id=f"p{i}", country=c, role="full")
                         for i, c in enumerate(["NL", "DE", "PL"], start=1)]
    panel.show_report(check(proposal))
    stretched = [row for row in range(grid.rowCount()) if grid.rowStretch(row)]
    assert stretched == [4]


class _Paints(QObject):
    """Which of the watched widgets got a Paint event."""

    def __init__(self, widgets):
        super().__init__()
        self.painted: list = []
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.painted.append(watched)
        return False


def _settle(qtbot) -> None:
    for _ in range(3):  # the layout pass, then the paint it may ask for
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def test_a_flipped_cell_repaints_alone_and_the_grid_stays_put(qtbot, session):
    panel = ConsortiumPanel()
    qtbot.addWidget(panel)
    session.report_changed.connect(panel.show_report)
    from ssa_wizard.model import Activity

    session.set_project_field("sector", "commerce")
    session.add_activity(Activity(id="x", kind="skills_needs"))
    ids = {}
    for country in ("NL", "DE", "PL", "BE"):
        for category in TRIO:
            ids[country, category] = add(session, country, category,
                                         role="applicant" if not ids else "full")
    panel.resize(300, 700)
    panel.show()
    qtbot.waitExposed(panel)
    _settle(qtbot)
    grid_at = panel._scroll.geometry()
    cells = [panel.cell(code, category) for code in panel.shown_countries() for category in TRIO]
    labels = [panel.row_label(code) for code in panel.shown_countries()]
    flipped = panel.cell("DE", "regulatory_body")
    steps = set()
    for category in ("other", "regulatory_body", "other", "regulatory_body"):
        paints = _Paints([*cells, *labels])
        session.set_partner_field(ids["DE", "regulatory_body"], "category", category)
        session.check_now()
        _settle(qtbot)
        steps.add(panel.step_text())
        assert panel.cell_state("DE", "regulatory_body") == (
            "missing" if category == "other" else "covered")
        assert set(paints.painted) == {flipped}  # not the other cells, not the names
        assert panel._scroll.geometry() == grid_at
    assert len(steps) == 2, steps  # the next step changed with each flip: the grid did not move


def test_cell_colours_say_the_state(panel, session):
    add(session, "NL", "vet_provider")
    covered, missing = panel.cell("NL", "vet_provider"), panel.cell("NL", "regulatory_body")
    for cell, colour in ((covered, "#2e7d32"), (missing, "#c62828")):
        for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
            assert cell.palette().color(role).name() == colour
        assert cell.font().bold()
    add(session, "NL", "regulatory_body")
    assert missing.palette().color(QPalette.ColorRole.ButtonText).name() == "#2e7d32"
    add(session, "DE", "sector_expertise", umbrella=True)
    exempt = panel.cell("DE", "vet_provider")
    assert exempt.palette().color(QPalette.ColorRole.ButtonText).name() == "#6b6b6b"
    assert not exempt.font().bold()


def test_the_next_step_keeps_two_lines_when_it_is_short(qtbot):
    from ui.widgets.guidance import WrapButton

    button = WrapButton(min_lines=2)
    qtbot.addWidget(button)
    button.resize(300, 100)
    button.set_text("Next: go.", None)
    line = button.label.fontMetrics().lineSpacing()
    short = button.heightForWidth(300)
    assert short >= 2 * line
    button.set_text("Next: " + "a long step that needs more than two lines " * 4, None)
    assert button.heightForWidth(300) > short  # a longer text still gets its room
    one = WrapButton()
    qtbot.addWidget(one)
    one.set_text("Next: go.", None)
    assert one.heightForWidth(300) < 2 * line
