"""The fingerprint and the comparison of two versions (file-format.md, "Comparing two versions")."""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssa_wizard import storage
from ssa_wizard.compare import Reader, compare, fingerprint, shorten_pair
from ssa_wizard.model import CATEGORIES, ROLES, Activity, Partner, Proposal

from .factories import eligible_complete, member
from .strategies import proposals

FINGERPRINT = r"^[0-9A-F]{4}-[0-9A-F]{4}$"


def spec_fingerprint(file_text: str) -> str:
    """The fingerprint worked out from a saved file, as the contract words it."""
    data = json.loads(file_text)
    for key in ("format", "version", "language"):
        data.pop(key)
    content = {key: data[key] for key in ("rulebook", "project", "plans", "partners",
                                          "activities")}
    content["partners"].sort(key=lambda p: p["id"])
    content["activities"].sort(key=lambda a: a["id"])
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digits = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8].upper()
    return f"{digits[:4]}-{digits[4:]}"


def copy(proposal: Proposal) -> Proposal:
    return proposal.model_copy(deep=True)


# --- the fingerprint --------------------------------------------------------------------

@given(proposals())
def test_fingerprint_is_the_contracts_hash_of_the_saved_content(proposal):
    code = fingerprint(proposal)
    assert code == spec_fingerprint(proposal.to_json())
    assert re.fullmatch(FINGERPRINT, code)


def test_fingerprint_of_the_example_is_fixed():
    # A change of the definition changes every signed copy's code: it must be deliberate.
    loaded = storage.load(Path("resources/examples/digiretail.ssa.json"))
    assert fingerprint(loaded.proposal) == "82C1-FE5A"


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(proposals(), st.randoms(use_true_random=False))
def test_reordered_proposal_has_no_changes_and_the_same_fingerprint(proposal, random):
    reordered = copy(proposal)
    random.shuffle(reordered.partners)
    random.shuffle(reordered.activities)
    reordered.language = "nl" if proposal.language == "en" else "en"  # not content either
    comparison = compare(proposal, reordered)
    assert comparison.changes == ()
    assert comparison.same
    assert fingerprint(reordered) == fingerprint(proposal)
    assert comparison.fingerprints[0] == comparison.fingerprints[1]


@settings(max_examples=40, deadline=None)
@given(proposals())
def test_fingerprint_of_a_saved_and_reopened_file_is_unchanged(proposal):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.ssa.json"
        storage.save(proposal, path)
        reopened = storage.load(path).proposal
        assert fingerprint(reopened) == fingerprint(proposal)
        storage.save(reopened, path, expected=storage.file_stamp(path))
        assert fingerprint(storage.load(path).proposal) == fingerprint(proposal)


def test_country_spelling_and_missing_defaults_do_not_change_the_fingerprint():
    written = {"format": "ssa-proposal", "version": 1, "project": {"title": "T"},
               "partners": [{"id": "p1", "country": "EL"}]}
    spelled = storage.parse(json.dumps(written)).proposal
    written["partners"][0]["country"] = "GR"
    written["partners"][0]["umbrella"] = False
    written["rulebook"] = "ssa-2014"
    assert fingerprint(storage.parse(json.dumps(written)).proposal) == fingerprint(spelled)


@pytest.mark.parametrize("where", ["project", "plans", "partner", "activity"])
def test_unknown_fields_take_part_in_the_fingerprint_and_the_comparison(where):
    data = json.loads(eligible_complete().to_json())
    before = Proposal.model_validate(data)
    record = {"project": data["project"], "plans": data["plans"],
              "partner": data["partners"][3], "activity": data["activities"][1]}[where]
    record["budget_eur"] = 125000
    with_field = Proposal.model_validate(data)
    record["budget_eur"] = 125001
    other_value = Proposal.model_validate(data)
    assert len({fingerprint(before), fingerprint(with_field), fingerprint(other_value)}) == 3
    comparison = compare(with_field, other_value)
    assert [change.what for change in comparison.changes] == [where]
    assert comparison.changes[0].to_json()["fields"] == {"budget_eur": [125000, 125001]}
    added = compare(before, with_field).changes[0]
    assert added.to_json()["fields"] == {"budget_eur": [None, 125000]}


def test_unknown_fields_of_the_top_level_are_not_content():
    # The contract names the content: rulebook, project, plans, partners, activities.
    data = json.loads(eligible_complete().to_json())
    data["written_by"] = "SSA Wizard 9"
    assert fingerprint(Proposal.model_validate(data)) == fingerprint(eligible_complete())


def test_a_value_of_another_json_type_is_a_change():
    data = json.loads(eligible_complete().to_json())
    data["project"]["flag"] = 1
    one = Proposal.model_validate(data)
    data["project"]["flag"] = True
    true = Proposal.model_validate(data)
    assert fingerprint(one) != fingerprint(true)
    assert compare(one, true).changes[0].fields == (("flag", 1, True),)


# --- one edit, one change ------------------------------------------------------------------

def _other(value, field: str, draw):
    """A valid value for ``field`` that differs from ``value``."""
    if field == "category":
        return draw(st.sampled_from([c for c in (*CATEGORIES, "") if c != value]))
    if field == "role":
        return draw(st.sampled_from([r for r in ROLES if r != value]))
    if field == "country":
        return draw(st.sampled_from([c for c in ("NL", "BE", "XK", "") if c != value]))
    if field == "start_date":
        return "2027-01-01" if value != "2027-01-01" else ""
    if isinstance(value, bool):
        return not value
    if field == "duration_months":
        return draw(st.sampled_from([m for m in (None, 1, 24, 120) if m != value]))
    if isinstance(value, int) or value is None:
        return draw(st.sampled_from([m for m in (None, 1, 7, 36) if m != value]))
    if isinstance(value, list):
        return [*value, "x"]
    return value + draw(st.sampled_from(["x", " ", "Ł", "\n"]))


@st.composite
def single_edits(draw):
    proposal = draw(proposals(max_partners=6))
    places = [("project", None, name) for name in type(proposal.project).model_fields]
    places += [("plans", None, name) for name in type(proposal.plans).model_fields]
    places += [("partner", p.id, name) for p in proposal.partners
               for name in type(p).model_fields if name != "id"]
    places += [("activity", a.id, name) for a in proposal.activities
               for name in type(a).model_fields if name != "id"]
    what, record_id, field = draw(st.sampled_from(places))
    edited = copy(proposal)
    record = {"project": lambda: edited.project, "plans": lambda: edited.plans,
              "partner": lambda: edited.partner(record_id),
              "activity": lambda: edited.activity(record_id)}[what]()
    setattr(record, field, _other(getattr(record, field), field, draw))
    return proposal, edited, what, record_id, field


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(single_edits())
def test_any_single_field_edit_gives_exactly_one_change_naming_that_field(edit):
    proposal, edited, what, record_id, field = edit
    comparison = compare(proposal, edited)
    assert len(comparison.changes) == 1
    change = comparison.changes[0]
    assert (change.what, change.change, change.id) == (what, "changed", record_id)
    assert [name for name, _old, _new in change.fields] == [field]
    assert comparison.fingerprints[0] != comparison.fingerprints[1]
    # Said in both languages without fail, naming the field.
    for lang in ("en", "nl"):
        text = "\n".join(Reader(comparison, lang).lines("old", "new"))
        assert Reader(comparison, lang).field_label(what, field) in text


@given(proposals(max_partners=6), st.integers(0, 6))
def test_adding_then_removing_a_member_gives_no_change(proposal, where):
    edited = copy(proposal)
    newcomer = Partner(id="p-new", name="Agoria", country="BE", category="sector_expertise")
    edited.partners.insert(min(where, len(edited.partners)), newcomer)
    assert [c.change for c in compare(proposal, edited).changes] == ["added"]
    edited.partners = [p for p in edited.partners if p.id != "p-new"]
    comparison = compare(proposal, edited)
    assert comparison.changes == ()
    assert fingerprint(edited) == fingerprint(proposal)


@given(proposals(max_partners=8), proposals(max_partners=8))
def test_same_exactly_when_the_fingerprints_agree(one, other):
    comparison = compare(one, other)
    assert comparison.same == (comparison.fingerprints[0] == comparison.fingerprints[1])


# --- matching ---------------------------------------------------------------------------------

def test_members_are_matched_by_id_then_pic_then_folded_name_and_country():
    old = eligible_complete()
    new = copy(old)
    by_pic = new.partner("p2")
    by_pic.id, by_pic.name = "p20", "Renamed but same PIC"
    by_name = new.partner("p3")
    by_name.id, by_name.pic, by_name.name = "p30", "", "  ORGANISATION   p3!"
    old.partner("p3").pic = ""
    comparison = compare(old, new)
    assert [(c.change, c.id, c.old_id) for c in comparison.changes] == [
        ("changed", "p20", "p2"), ("changed", "p30", "p3")]
    assert comparison.changes[0].fields == (("id", "p2", "p20"),
                                            ("name", "Organisation p2", "Renamed but same PIC"))
    assert comparison.changes[1].fields == (("id", "p3", "p30"),
                                            ("name", "Organisation p3", "  ORGANISATION   p3!"))


def test_a_member_under_a_new_id_is_the_same_member_for_the_activities():
    old = eligible_complete()
    new = copy(old)
    new.partner("p2").id = "p20"
    for activity in new.activities:
        activity.partners = ["p20" if ref == "p2" else ref for ref in activity.partners]
    comparison = compare(old, new)
    assert [(c.what, c.fields) for c in comparison.changes] == [("partner", (("id", "p2", "p20"),))]
    new.activities[0].partners.reverse()  # a real change of the activity is still one
    assert [c.what for c in compare(old, new).changes] == ["partner", "activity"]


def test_same_name_in_another_country_is_another_member():
    old = eligible_complete()
    new = copy(old)
    moved = new.partner("p5")
    moved.id, moved.pic, moved.country = "p50", "", "BE"
    comparison = compare(old, new)
    assert [(c.change, c.id) for c in comparison.changes] == [("added", "p50"), ("removed", "p5")]


def test_activities_are_matched_by_id_then_folded_title():
    old = eligible_complete()
    new = copy(old)
    new.activities[0].id = "a9"
    new.activities[0].title = "SURVEY."
    new.activities.append(Activity(id="a3", title="Pilot delivery", kind="curriculum_delivery"))
    comparison = compare(old, new)
    assert [(c.change, c.id, [f for f, _o, _n in c.fields]) for c in comparison.changes] == [
        ("changed", "a9", ["id", "title"]), ("added", "a3", [])]


def test_changes_come_in_the_order_of_the_contract():
    old = eligible_complete()
    old.partners.append(member("p10", "BE", role="associated"))
    old.partners.append(member("p11", "BE", role="associated"))
    new = copy(old)
    new.partners = [p for p in new.partners if p.id not in ("p10", "p11")]
    new.partners.insert(0, member("p12", "BE", "sector_expertise", name="Agoria"))
    new.partner("p2").country = "BE"
    new.partners.reverse()
    new.activities[1].end_month = 30
    new.plans.innovation = "New"
    new.project.title = "New title"
    comparison = compare(old, new)
    data = comparison.to_json("signed.ssa.json", "today.ssa.json")
    assert set(data) == {"old", "new", "same", "fingerprints", "verdicts", "changes"}
    assert (data["old"], data["new"], data["same"]) == ("signed.ssa.json", "today.ssa.json", False)
    assert data["verdicts"] == {"old": {"eligible": True, "complete": True},
                                "new": {"eligible": False, "complete": False}}
    assert data["changes"] == [
        {"what": "project", "change": "changed", "fields": {"title": ["T", "New title"]}},
        {"what": "plans", "change": "changed", "fields": {"innovation": ["I", "New"]}},
        # In the order of NEW (reversed), then the removed ones in the order of OLD.
        {"what": "partner", "change": "changed", "id": "p2", "name": "Organisation p2",
         "fields": {"country": ["NL", "BE"]}},
        {"what": "partner", "change": "added", "id": "p12", "name": "Agoria"},
        {"what": "partner", "change": "removed", "id": "p10", "name": "Organisation p10"},
        {"what": "partner", "change": "removed", "id": "p11", "name": "Organisation p11"},
        {"what": "activity", "change": "changed", "id": "a2", "name": "Design",
         "fields": {"end_month": [24, 30]}},
    ]


# --- as a person reads it ---------------------------------------------------------------------

def test_the_text_reads_like_the_review_page_in_english_and_dutch():
    old = eligible_complete()
    new = copy(old)
    new.partner("p2").country = "BE"
    new.partner("p2").category = "regulatory_body"
    new.activities[1].end_month = 30
    new.project.duration_months = 30
    comparison = compare(old, new)
    english = list(Reader(comparison, "en").lines("signed.ssa.json", "today.ssa.json"))
    assert english[0] == (f"From signed.ssa.json (version {comparison.fingerprints[0]}) to "
                          f"today.ssa.json (version {comparison.fingerprints[1]}).")
    assert english[1] == "3 changes."
    assert [line for line in english if line and not line.startswith(" ")][2:] == [
        "Project", "Members", "Activities", "Verdict"]
    assert "  Duration: 36 months → 30 months" in english
    assert "    Country: Netherlands (NL) → Belgium (BE)" in english
    assert "    Category: Sector expertise → Regulatory body" in english
    assert "    End month: month 24 → 30" in english
    verdict = english[-1]
    assert verdict.startswith("  Was eligible and complete, now not eligible: ")
    dutch = list(Reader(comparison, "nl").lines("a", "b"))
    assert "    Land: Nederland (NL) → België (BE)" in dutch
    assert "    Eindmaand: maand 24 → 30" in dutch
    assert "Oordeel" in dutch and "Leden" in dutch
    assert dutch[-1].startswith("  Was subsidiabel en volledig, nu niet subsidiabel: ")


def test_long_texts_are_shortened_around_the_change():
    start = "Small retailers in the Netherlands lack staff with digital sales skills. " * 3
    end = " The alliance designs a joint curriculum and delivers it in pilot courses." * 3
    before, after = shorten_pair(start + "in three countries" + end,
                                 start + "in four countries" + end, 70)
    assert len(before) <= 70 and len(after) <= 70
    assert "three" in before and "four" in after
    assert before.startswith("…") and before.endswith("…")
    old, new = eligible_complete(), eligible_complete()
    new.project.summary = start + "in four countries" + end
    old.project.summary = start + "in three countries" + end
    comparison = compare(old, new)
    line = next(text for text in Reader(comparison, "en").lines("a", "b") if "Summary" in text)
    assert "four" in line and len(line) < 200
    # The JSON keeps the texts whole.
    assert comparison.to_json("a", "b")["changes"][0]["fields"]["summary"][1] == new.project.summary


def test_members_are_named_in_activities_and_removed_members_by_their_country():
    old = eligible_complete()
    new = copy(old)
    new.activities[0].lead = "p2"
    new.partners = [p for p in new.partners if p.id != "p9"]
    for activity in new.activities:
        activity.partners = [ref for ref in activity.partners if ref != "p9"]
    lines = list(Reader(compare(old, new), "en").lines("a", "b"))
    assert "    Lead: Organisation p1 → Organisation p2" in lines
    assert "  Removed: Organisation p9 (Poland)" in lines


def test_fingerprint_of_3000_members_proposal_pair(tmp_path):
    # Linear matching: 3,000 members, all reordered and one changed, compare as expected.
    # (The time is measured in benchmarks, not asserted here.)
    partners = [member(f"p{i}", ("NL", "DE", "PL")[i % 3]) for i in range(1, 3001)]
    old = Proposal(format="ssa-proposal", version=1, partners=partners)
    new = copy(old)
    new.partners.reverse()
    new.partners[10].city = "Gent"
    comparison = compare(old, new)
    assert [(c.id, c.fields) for c in comparison.changes] == [("p2990", (("city", "", "Gent"),))]
