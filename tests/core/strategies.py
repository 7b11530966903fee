"""Hypothesis strategies for drafts: odd, partial, and sometimes eligible."""

from __future__ import annotations

from hypothesis import strategies as st

from ssa_wizard.model import CATEGORIES, ROLES, Activity, Partner, Plans, Project, Proposal

COUNTRIES = ["NL", "DE", "PL", "BE", "FR", "GR", "NO", "TR", "CH", "XK", "RS", "ZZ", ""]
KINDS = ["skills_needs", "curriculum_design", "curriculum_delivery", "mobility",
         "management", "dissemination", "other", "", "bogus"]
texts = st.sampled_from(["", "  ", "Text", "R&D <Labs>", "Łódź", "Ωmega"])


@st.composite
def partners(draw, pid: str) -> Partner:
    return Partner(
        id=pid,
        name=draw(st.sampled_from(["", "ROC A", "roc a", "Ŕoc-A", "B", "C & D"])),
        country=draw(st.sampled_from(COUNTRIES)),
        pic=draw(st.sampled_from(["", "123456789", "123456780", "12", "x"])),
        category=draw(st.sampled_from([*CATEGORIES, ""])),
        role=draw(st.sampled_from(ROLES)),
        umbrella=draw(st.booleans()),
        other_ssa=draw(st.booleans()),
        sole_regulator_monopoly=draw(st.booleans()),
        contact_email=draw(st.sampled_from(["", "a@b.nl", "bad"])),
        role_description=draw(texts),
    )


@st.composite
def activities(draw, aid: str, partner_ids: list[str]) -> Activity:
    refs = st.sampled_from([*partner_ids, "", "p999"]) if partner_ids else st.just("")
    return Activity(
        id=aid,
        kind=draw(st.sampled_from(KINDS)),
        title=draw(texts),
        lead=draw(refs),
        partners=draw(st.lists(refs, max_size=3)),
        start_month=draw(st.one_of(st.none(), st.integers(-2, 50))),
        end_month=draw(st.one_of(st.none(), st.integers(-2, 50))),
        evidence=draw(texts),
        purpose=draw(texts),
    )


@st.composite
def proposals(draw, max_partners: int = 14) -> Proposal:
    n = draw(st.integers(0, max_partners))
    members = [draw(partners(f"p{i + 1}")) for i in range(n)]
    ids = [m.id for m in members]
    acts = [draw(activities(f"a{i + 1}", ids)) for i in range(draw(st.integers(0, 4)))]
    return Proposal(
        format="ssa-proposal", version=1,
        project=Project(
            title=draw(texts),
            sector=draw(st.sampled_from(["", "commerce", "tourism", "banking"])),
            objectives=draw(st.lists(st.sampled_from(["language_learning", "ict", ""]), max_size=2)),
            duration_months=draw(st.one_of(st.none(), st.integers(1, 60)))),
        partners=members, activities=acts,
        plans=Plans(quality_assurance=draw(texts), recognition=draw(texts),
                    sustainability=draw(texts), innovation=draw(texts)),
    )
