"""Session: which field of which record an edit set is said with the change."""

from __future__ import annotations

import pytest

from ssa_wizard.model import Activity, Partner, Proposal
from ui.session import Session


@pytest.fixture
def two(qapp):
    proposal = Proposal.new()
    proposal.partners = [Partner(id="p1", name="Alpha", role="applicant"),
                         Partner(id="p2", name="Beta")]
    proposal.activities = [Activity(id="a1", title="Run it")]
    return Session(proposal)


def _record(session: Session) -> list:
    said: list = []
    session.field_changed.connect(lambda *where: said.append(where))
    session.proposal_changed.connect(lambda: said.append("changed"))
    session.structure_changed.connect(lambda: said.append("structure"))
    return said


def test_a_field_edit_says_which_record_and_field_before_the_change(two):
    said = _record(two)
    two.set_partner_field("p2", "name", "Gamma")
    two.set_activity_field("a1", "title", "Lead it")
    two.set_project_field("acronym", "ABC")
    assert said == [("partner", "p2", "name"), "changed",
                    ("activity", "a1", "title"), "changed",
                    ("project", "", "acronym"), "changed"]


def test_undo_and_redo_say_it_too(two):
    two.set_partner_field("p1", "category", "other")
    said = _record(two)
    two.undo_stack.undo()
    assert two.proposal.partner("p1").category == ""
    two.undo_stack.redo()
    assert said == [("partner", "p1", "category"), "changed"] * 2


def test_typing_is_one_undo_step_and_each_key_is_said(two):
    said = _record(two)
    for text in ("B", "Be", "Bet"):
        two.set_partner_field("p1", "name", text)
    assert two.undo_stack.count() == 1
    assert said == [("partner", "p1", "name"), "changed"] * 3


def test_structural_edits_and_unchanged_values_say_no_field(two):
    said = _record(two)
    two.set_partner_field("p1", "name", "Alpha")  # the value it has: no edit at all
    assert said == []
    two.add_partner()
    two.move_partner("p1", 2)
    two.remove_partners(["p2"])
    two.load(Proposal.new())
    assert all(not isinstance(what, tuple) for what in said)
    assert said.count("structure") == 4
