"""Any valid proposal survives save and open unchanged, unknown fields included."""

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ssa_wizard import storage
from ssa_wizard.model import Activity, Partner, Plans, Project, Proposal

# Text as people type it: any script, emoji, quotes, line breaks, control characters.
text = st.text(max_size=40)
json_leaf = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | text
json_value = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(text, inner, max_size=3), max_leaves=8)


def extras(model) -> st.SearchStrategy[dict]:
    """Fields a newer version (or another tool) may have added at this level."""
    known = set(model.model_fields)
    return st.dictionaries(text.filter(lambda k: k not in known), json_value, max_size=3)


def record(model, fields: dict) -> st.SearchStrategy[dict]:
    return st.builds(lambda known, extra: {**extra, **known},
                     st.fixed_dictionaries({}, optional=fields), extras(model))


dates = st.dates().map(lambda d: d.isoformat()) | st.just("")
months = st.none() | st.integers(1, 120)
flag = st.booleans()

project = record(Project, {
    "title": text, "acronym": text, "sector": text, "objectives": st.lists(text, max_size=3),
    "duration_months": months, "start_date": dates, "summary": text})
plans = record(Plans, {k: text for k in ("quality_assurance", "recognition", "sustainability", "innovation")})


def partner(pid: str) -> st.SearchStrategy[dict]:
    return record(Partner, {
        "name": text, "acronym": text, "country": text, "city": text, "pic": text,
        "category": st.sampled_from(["vet_provider", "sector_expertise", "regulatory_body", "other", ""]),
        "role": st.sampled_from(["applicant", "full", "associated"]),
        "umbrella": flag, "other_ssa": flag, "sole_regulator_monopoly": flag,
        "contact_name": text, "contact_email": text, "role_description": text, "expertise": text,
    }).map(lambda d: {**d, "id": pid})


def activity(aid: str) -> st.SearchStrategy[dict]:
    return record(Activity, {
        "kind": text, "title": text, "description": text, "lead": text,
        "partners": st.lists(text, max_size=3), "start_month": st.none() | st.integers(-5, 200),
        "end_month": st.none() | st.integers(-5, 200), "evidence": text, "purpose": text,
    }).map(lambda d: {**d, "id": aid})


def listed(make) -> st.SearchStrategy[list]:
    return st.lists(text.filter(bool), max_size=4, unique=True).flatmap(
        lambda ids: st.tuples(*(make(i) for i in ids)).map(list))


proposals = record(Proposal, {
    # A file is only opened for a rulebook this version has (test_storage_read).
    "rulebook": st.just("ssa-2014"), "language": text, "project": project, "plans": plans,
    "partners": listed(partner), "activities": listed(activity),
}).map(lambda d: {**d, "format": "ssa-proposal", "version": 1})


@settings(max_examples=150, deadline=None)
@given(proposals)
def test_any_proposal_survives_save_and_load(data):
    proposal = Proposal.model_validate(data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roundtrip.ssa.json"
        stamp = storage.save(proposal, path).stamp
        loaded = storage.load(path)
        assert loaded.proposal == proposal
        assert loaded.proposal.model_dump() == proposal.model_dump()
        assert loaded.stamp == stamp and not loaded.read_only
        # The unknown fields are in the file itself, at every level.
        written = json.loads(path.read_text("utf-8"))
        for key, value in (proposal.model_extra or {}).items():
            assert written[key] == value
        for key, value in (proposal.project.model_extra or {}).items():
            assert written["project"][key] == value
        for i, member in enumerate(proposal.partners):
            for key, value in (member.model_extra or {}).items():
                assert written["partners"][i][key] == value
        # And saving what was loaded changes nothing.
        storage.save(loaded.proposal, path, expected=loaded.stamp)
        assert storage.load(path).proposal == proposal
