"""The consortium panel follows the session: verdict, minimums and the country grid."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

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
