"""Every rule speaks: a message naming its subject and saying what to do, and a why."""

from __future__ import annotations

import pytest

from ssa_wizard import messages
from ssa_wizard.model import Activity, Proposal
from ssa_wizard.rules import RULES, check

from .factories import eligible_complete, member


def _findings_of_every_rule():
    """Drafts that together break (or trigger) every rule once."""
    a = eligible_complete()
    a.partners[0].country = "CH"                        # applicant from a partner country
    a.partners[1].other_ssa = True                      # E-ONE-SSA
    a.partners[4].sole_regulator_monopoly = True        # E-MONOPOLY-NOT-REGULATOR
    a.partners[5].pic = a.partners[6].pic               # E-DUPLICATE-ORG
    a.partners[7].country = "ZZ"                        # E-COUNTRY-CODE
    a.partners[8].pic = "12"                            # C-PIC-FORMAT
    a.partners[8].contact_email = "nobody@"             # C-EMAIL-FORMAT
    a.partners[3].pic = ""                              # Q-PIC-MISSING
    a.partners[2].role_description = ""                 # C-ROLE-DESCRIPTION
    a.partners.append(member("p10", "FR", "other", umbrella=True))  # umbrella
    a.partners.append(member("p11", "BE", "other", "associated", pic=""))
    a.partners.append(member("p12", "NL", "regulatory_body", other_ssa=True,
                             sole_regulator_monopoly=True, name="Sole Regulator"))
    a.project.sector = "banking"
    a.project.title = ""
    a.project.objectives = []
    a.plans = a.plans.model_copy(update={"quality_assurance": "", "recognition": "",
                                         "sustainability": "", "innovation": ""})
    a.activities[0].evidence = ""
    a.activities.append(Activity(id="a3", kind="mobility", title="Visit", lead="p11",
                                 partners=["p99"], start_month=40, end_month=50))
    a.activities.append(Activity(id="a4", kind="other", title=""))
    b = eligible_complete()
    b.partners = []                                     # no applicant, minimums, trio
    b.activities = []
    c = eligible_complete()
    c.partners[0].role = "full"
    c.partners[1].role = "applicant"
    c.partners[2].role = "applicant"
    c.partners[5].category = "other"
    for proposal in (a, b, c):
        yield from check(proposal).findings


ALL = list(_findings_of_every_rule())


def test_the_scenarios_cover_every_rule():
    assert {f.rule for f in ALL} == set(RULES)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_message_is_words_not_codes(lang):
    for finding in ALL:
        text = messages.message(finding, lang)
        assert len(text) > 30, (finding.rule, text)
        assert "{" not in text and "}" not in text, (finding.rule, text)


def test_messages_name_what_they_are_about():
    by_rule = {}
    for finding in ALL:
        by_rule.setdefault(finding.rule, finding)
    assert "Organisation p2" in messages.message(by_rule["E-ONE-SSA"], "en")
    trio = next(f for f in ALL if f.rule == "E-COUNTRY-TRIO" and f.country == "DE")
    assert "Germany" in messages.message(trio, "en")
    assert "Duitsland" in messages.message(trio, "nl")
    assert "“Visit”" in messages.message(by_rule["C-MOBILITY-PURPOSE"], "en")
    untitled = next(f for f in ALL if f.rule == "C-ACTIVITY-LEAD" and f.activity == "a4")
    assert "The activity number 4 (no title yet) has no lead" in messages.message(untitled, "en")
    assert "a4" not in messages.message(untitled, "en")


def test_a_member_without_a_name_is_named_by_row_and_category_never_by_id():
    proposal = Proposal.new()
    proposal.partners = [member("p1", "NL", "vet_provider", "applicant", name="ROC Utrecht"),
                         member("p7", "", "regulatory_body", "full", name=""),
                         member("p9", "", "", "full", name="")]
    found = {f.partner: f for f in check(proposal).findings if f.rule == "E-COUNTRY-CODE"}
    assert messages.message(found["p7"], "en").startswith(
        "Member 2 (Regulatory body, no name yet) has no country.")
    assert messages.message(found["p7"], "nl").startswith("Lid 2 (Toezichthouder, nog geen naam)")
    assert messages.message(found["p9"], "en").startswith("Member 3 (no name yet) has no country.")
    assert not any("p7" in messages.message(f, lang) or "p9" in messages.message(f, lang)
                   for f in check(proposal).findings for lang in ("en", "nl"))


def test_every_error_and_warning_says_what_to_do():
    verbs = ("Add", "Choose", "Give", "Describe", "Correct", "Copy", "Keep", "Make", "Move",
             "Name", "Set", "Let", "register", "remove", "keep", "choose", "describe",
             "Associated partners")
    for finding in (f for f in ALL if f.severity != "info"):
        text = messages.message(finding, "en")
        assert any(v in text for v in verbs), (finding.rule, text)


def test_every_rule_has_a_title_and_explanation_in_both_languages():
    for rule_id in RULES:
        for lang in ("en", "nl"):
            assert messages.title(rule_id, lang).strip()
            assert len(messages.explanation(rule_id, lang)) > 40


def test_sources_quote_the_dutch_page():
    page = (__import__("pathlib").Path(__file__).resolve().parents[3]
            / "shared" / "spec" / "sector-skills-alliances.nl.txt")
    text = " ".join(page.read_text(encoding="utf-8").split()) if page.exists() else None
    quoted = [r for r in RULES if messages.source(r)]
    assert len(quoted) >= 15
    if text is not None:  # the spec folder sits beside the checkout in CI and here
        for rule_id in quoted:
            fragment = messages.source(rule_id).split("…")[0].strip()[:40]
            assert fragment.replace("Concreet houdt dit in: ", "")[:20] in text, rule_id


def test_partner_text_is_kept_literally():
    p = eligible_complete()
    p.partners[1].other_ssa = True
    p.partners[1].name = "<b>ACME</b> & R&D"
    (f,) = [f for f in check(p).findings if f.rule == "E-ONE-SSA"]
    assert "“<b>ACME</b> & R&D”" in messages.message(f, "en")


@pytest.mark.parametrize(("start", "end", "en", "nl"), [
    (3, None, "has no end month. Set it.", "heeft geen eindmaand. Vul die in."),
    (None, 9, "has no start month. Set it.", "heeft geen beginmaand. Vul die in."),
    (None, None, "has no start or end month. Set both.", "heeft geen begin- of eindmaand."),
])
def test_an_activity_without_a_month_is_told_which_one(start, end, en, nl):
    """A second new-user trial read 'no start or end month' with the start month filled."""
    proposal = eligible_complete()
    activity = proposal.activities[0]
    activity.start_month, activity.end_month = start, end
    found = next(f for f in check(proposal).findings if f.rule == "C-ACTIVITY-PERIOD")
    assert en in messages.message(found, "en")
    assert nl in " ".join(messages.message(found, "nl").split())
