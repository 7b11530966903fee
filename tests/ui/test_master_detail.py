"""The one master-detail helper, behind a sorting proxy: the view's order is not the file's.

The Partners and Activities pages are tested through their own tests; here the
helper is driven with a view sorted by name (descending) over the members model,
as a sortable members table will be: the chosen record is found in the view,
while Add and Move act on the order in the file, and undo keeps the choice.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QLineEdit, QTableView, QVBoxLayout, QWidget

from ssa_wizard.model import Partner, Proposal
from ui.session import Session
from ui.widgets.master_detail import MasterDetail, Records
from ui.widgets.partners_model import NAME, PartnersModel


@pytest.fixture
def sorted_members(qtbot):
    proposal = Proposal.new()
    proposal.partners = [Partner(id="a", name="Alpha"), Partner(id="b", name="Beta"),
                         Partner(id="c", name="Gamma")]
    session = Session(proposal)
    page = QWidget()
    qtbot.addWidget(page)
    model = PartnersModel(session, page)
    proxy = QSortFilterProxyModel(page)
    proxy.setSourceModel(model)
    proxy.sort(NAME, Qt.SortOrder.DescendingOrder)
    view = QTableView(page)
    view.setModel(proxy)
    master = MasterDetail(page, view, Records(
        ids=lambda: [p.id for p in session.proposal.partners],
        add=lambda index: session.add_partner(index=index),
        duplicate=session.duplicate_partner, remove=session.remove_partners,
        move=session.move_partner), id_role=PartnersModel.IdRole,
        orientation=Qt.Orientation.Vertical, sizes=(200, 200))
    name = QLineEdit()
    master.set_form(name, add_focus=name, duplicate_focus=name)
    proxy.modelReset.connect(master.follow_rows)
    chosen: list = []
    master.current_changed.connect(chosen.append)
    layout = QVBoxLayout(page)
    layout.addWidget(master.toolbar)
    layout.addWidget(master.splitter)
    page.resize(600, 500)
    page.show()
    qtbot.waitExposed(page)
    return master, session, view, name, chosen


def _view_ids(view) -> list[str]:
    model = view.model()
    return [model.index(r, 0).data(PartnersModel.IdRole) for r in range(model.rowCount())]


def test_choosing_a_record_selects_its_row_in_the_sorted_view(sorted_members):
    master, session, view, _name, chosen = sorted_members
    assert _view_ids(view) == ["c", "b", "a"]
    master.select("a")
    assert master.current_id() == "a" and chosen[-1] == "a"
    assert view.currentIndex().row() == 2
    assert [i.row() for i in view.selectionModel().selectedRows()] == [2]
    assert master.position("a") == (1, 3)  # the file's order, not the view's


def test_move_and_add_work_on_the_file_order(qtbot, sorted_members):
    master, session, view, name, _chosen = sorted_members
    master.select("a")
    assert not master.editing.move_up.isEnabled() and master.editing.move_down.isEnabled()
    master.move(1)
    assert [p.id for p in session.proposal.partners] == ["b", "a", "c"]
    assert _view_ids(view) == ["c", "b", "a"]  # the sorted view does not change
    assert master.current_id() == "a"
    assert view.model().index(view.currentIndex().row(), 0).data(PartnersModel.IdRole) == "a"

    master.select("b")
    new_id = master.add()
    assert [p.id for p in session.proposal.partners] == ["b", new_id, "a", "c"]
    assert master.current_id() == new_id and name.hasFocus()
    assert view.model().index(view.currentIndex().row(), 0).data(PartnersModel.IdRole) == new_id


def test_remove_chooses_the_row_in_its_place_and_undo_keeps_the_choice(sorted_members):
    master, session, view, _name, chosen = sorted_members
    master.select("b")  # the middle row of the view
    master.remove()
    assert [p.id for p in session.proposal.partners] == ["a", "c"]
    assert _view_ids(view) == ["c", "a"]
    assert master.current_id() == "a" and chosen[-1] == "a"
    session.undo_stack.undo()
    assert _view_ids(view) == ["c", "b", "a"]
    assert master.current_id() == "a"
    master.remove()
    master.remove()
    master.remove()
    assert session.proposal.partners == []
    assert master.current_id() is None and chosen[-1] is None
    assert not master.editing.duplicate.isEnabled() and not master.editing.remove.isEnabled()
    assert master.duplicate() is None
