"""PartnersModel: a consistent Qt model over the session's live list of members."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from ssa_wizard import i18n, storage
from ssa_wizard.model import Partner, Proposal
from ssa_wizard.resources import resource_path
from ui.session import Session
from ui.widgets.partners_model import COUNTRY, NAME, PIC, ROLE, UMBRELLA, PartnersModel


def _members(count: int) -> list[Partner]:
    countries = ["NL", "DE", "PL", "GR", "CH"]
    categories = ["vet_provider", "sector_expertise", "regulatory_body", "other"]
    return [Partner(id=f"p{i + 1}", name=f"Member {i + 1}", country=countries[i % 5],
                    category=categories[i % 4], role="applicant" if i == 0 else "full",
                    pic="" if i % 7 else "12345", umbrella=i % 11 == 0,
                    role_description="Does things.")
            for i in range(count)]


@pytest.fixture
def session(qapp):
    proposal = Proposal.new()
    proposal.partners = _members(4)
    return Session(proposal)


def test_modeltester_with_a_few_members(qtmodeltester, session):
    model = PartnersModel(session)
    qtmodeltester.check(model, force_py=True)


def test_modeltester_with_300_members(qtmodeltester, qapp):
    proposal = Proposal.new()
    proposal.partners = _members(300)
    session = Session(proposal)
    model = PartnersModel(session)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 300


def test_modeltester_through_edits(qtmodeltester, session):
    model = PartnersModel(session)
    qtmodeltester.check(model, force_py=True)
    session.add_partner()
    session.set_partner_field("p2", "name", "Changed")
    session.remove_partners(["p1"])
    session.check_now()
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 4


def test_reads_the_session_live_and_shows_codes_as_names(session):
    model = PartnersModel(session)
    session.proposal.partners[3].country = "GR"  # no copy: the model sees it at once
    assert model.index(3, COUNTRY).data() == "Greece (EL)"
    assert model.index(3, COUNTRY).data(Qt.ItemDataRole.EditRole) == "GR"
    i18n.set_language("nl")
    model.retranslate()
    assert model.index(3, COUNTRY).data() == "Griekenland (EL)"


def test_field_edit_emits_data_changed_for_that_row_only(qtbot, session):
    model = PartnersModel(session)
    rows = []
    model.dataChanged.connect(lambda first, last, *_: rows.append((first.row(), last.row())))
    session.set_partner_field("p3", "name", "Renamed")
    assert rows == [(2, 2)]
    assert model.index(2, NAME).data() == "Renamed"


def test_structural_change_resets(qtbot, session):
    model = PartnersModel(session)
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        session.add_partner()
    assert model.rowCount() == 5
    session.undo_stack.undo()
    assert model.rowCount() == 4


def test_icon_and_tooltip_follow_findings(session):
    model = PartnersModel(session)
    session.set_partner_field("p2", "pic", "123")
    session.check_now()
    assert model.worst_severity("p2") == "error"
    assert not model.index(1, NAME).data(Qt.ItemDataRole.DecorationRole).isNull()
    assert "123" in model.index(1, NAME).data(Qt.ItemDataRole.ToolTipRole)
    session.set_partner_field("p2", "pic", "912345678")
    session.check_now()
    assert model.worst_severity("p2") != "error"
    tooltip = model.index(1, NAME).data(Qt.ItemDataRole.ToolTipRole) or ""
    assert "123" not in tooltip.replace("912345678", "")


def test_report_emits_only_rows_whose_findings_changed(session):
    model = PartnersModel(session)
    session.check_now()
    rows = []
    model.dataChanged.connect(lambda first, last, *_: rows.append((first.row(), last.row())))
    session.proposal.partners[2].pic = "1"  # bypass the field signal: only the report tells
    session.check_now()
    assert rows == [(2, 2)]


def test_edits_in_the_table_go_through_the_session(session):
    model = PartnersModel(session)
    assert model.setData(model.index(0, PIC), "912345678")
    assert session.proposal.partners[0].pic == "912345678"
    assert session.proposal.partners[1].umbrella is False
    assert model.setData(model.index(1, UMBRELLA), Qt.CheckState.Checked.value,
                         Qt.ItemDataRole.CheckStateRole)
    assert session.proposal.partners[1].umbrella is True
    assert model.index(1, UMBRELLA).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert not model.setData(model.index(0, ROLE), "boss")
    assert not model.setData(model.index(0, COUNTRY), "DE")  # the form's picker does that
    session.undo_stack.undo()
    assert session.proposal.partners[1].umbrella is False
    assert session.proposal.partners[0].pic == "912345678"
    session.undo_stack.undo()
    assert session.proposal.partners[0].pic == "12345"


def test_user_text_is_plain_data(session):
    model = PartnersModel(session)
    session.set_partner_field("p1", "name", "<b>R&D</b> Labs")
    assert model.index(0, NAME).data() == "<b>R&D</b> Labs"


def test_data_is_fast_with_300_members(qapp):
    proposal = storage.load(resource_path("examples", "digiretail.ssa.json")).proposal
    proposal.partners = _members(300)
    session = Session(proposal)
    model = PartnersModel(session)
    session.check_now()
    started = time.perf_counter()
    for row in range(300):
        for column in range(6):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
                         Qt.ItemDataRole.ToolTipRole):
                index.data(role)
    elapsed = time.perf_counter() - started
    # 5400 look-ups; generous bound, only to catch an accidental O(n) per cell.
    assert elapsed < 2.0, elapsed


# --- the incremental path: one edit, one cell ---------------------------------------------

_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.CheckStateRole,
          Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole, PartnersModel.IdRole)


def _shown(model: PartnersModel) -> list:
    """Everything the table shows, cell by cell (the icon as its severity)."""
    cells = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            icon = index.data(Qt.ItemDataRole.DecorationRole)
            cells.append(([index.data(role) for role in _ROLES],
                          None if icon is None else model.worst_severity(index.data(model.IdRole))))
    return cells


def test_after_each_edit_undo_and_redo_the_table_shows_what_a_new_model_would(qapp):
    proposal = Proposal.new()
    proposal.partners = _members(40)
    session = Session(proposal)
    model = PartnersModel(session)
    edits = [("p7", "name", "Zeta & <Co>"), ("p7", "name", "Zeta & <Co> BV"),
             ("p12", "country", "BE"), ("p3", "category", ""), ("p40", "role", "associated"),
             ("p1", "umbrella", True), ("p20", "pic", "912345678"),
             ("p20", "role_description", "")]  # a field the table does not show
    for partner_id, name, value in edits:
        session.set_partner_field(partner_id, name, value)
        session.check_now()
        assert _shown(model) == _shown(PartnersModel(session)), (partner_id, name)
    while session.undo_stack.canUndo():
        session.undo_stack.undo()
        session.check_now()
        assert _shown(model) == _shown(PartnersModel(session))
    assert model.index(6, NAME).data() == "Member 7"
    while session.undo_stack.canRedo():
        session.undo_stack.redo()
        session.check_now()
        assert _shown(model) == _shown(PartnersModel(session))
    assert model.index(6, NAME).data() == "Zeta & <Co> BV"


def test_a_field_edit_announces_one_cell_and_compares_no_other_row(qapp):
    proposal = Proposal.new()
    proposal.partners = _members(300)
    session = Session(proposal)
    model = PartnersModel(session)
    compared = []
    row_values = model._row_values
    model._row_values = lambda partner: compared.append(partner.id) or row_values(partner)
    cells = []
    model.dataChanged.connect(lambda first, last, *_: cells.append(
        (first.row(), first.column(), last.row(), last.column())))
    session.set_partner_field("p150", "name", "Renamed")
    assert cells == [(149, NAME, 149, NAME)]
    assert compared == ["p150"]  # not the 299 others
    session.set_partner_field("p150", "pic", "912345678")
    assert cells[1:] == [(149, PIC, 149, PIC)]
    session.undo_stack.undo()  # the PIC back
    assert cells[2:] == [(149, PIC, 149, PIC)]
    cells.clear()
    session.set_partner_field("p150", "role_description", "")  # not shown in the table
    session.set_project_field("acronym", "ABC")
    assert cells == []
    assert compared == ["p150"] * 3


def test_a_change_the_session_does_not_detail_is_still_found(session):
    model = PartnersModel(session)
    session.add_partner(Partner(id="x", name="Alpha"))
    session.add_partner(Partner(id="x", name="Beta"))
    rows = []
    model.dataChanged.connect(lambda first, last, *_: rows.append((first.row(), last.row())))
    session.proposal.partners[1].name = "Gamma"  # behind the session's back ...
    session.proposal_changed.emit()  # ... and announced without saying what changed
    assert rows == [(1, 1)]
    assert model.index(1, NAME).data() == "Gamma"


def test_rows_are_found_after_members_moved(session):
    model = PartnersModel(session)
    ids = [session.add_partner(Partner(id="x", name=n)) for n in ("A", "B", "C")]
    session.move_partner(ids[0], 2)
    cells = []
    model.dataChanged.connect(lambda first, last, *_: cells.append((first.row(), last.row())))
    session.set_partner_field(ids[0], "name", "A2")
    assert cells == [(2, 2)]
    assert model.index(2, NAME).data() == "A2"
    assert model.row_of(ids[0]) == 2 and model.row_of("nobody") == -1
