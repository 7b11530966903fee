"""Every rule of rules.md: a proposal that passes it and one that fails it."""

from __future__ import annotations

import pytest

from ssa_wizard.model import Activity, Partner, Proposal
from ssa_wizard.rules import RULES, check
from ssa_wizard.rulebook import load

from .factories import eligible_complete, member


def findings(proposal, rule_id):
    return [f for f in check(proposal).findings if f.rule == rule_id]


def test_baseline_has_no_findings():
    report = check(eligible_complete())
    assert report.findings == ()
    assert report.eligible and report.complete


def test_every_rule_of_the_rulebook_is_implemented_in_order():
    book = load("ssa-2014")
    assert set(book.rules) == set(RULES)
    groups = [r[0] for r in book.rules]
    # eligibility, then completeness, then advice (warnings and infos)
    assert groups == sorted(groups, key="ECQI".index)


# --- eligibility ---------------------------------------------------------------

def test_applicant_count_none():
    p = eligible_complete()
    p.partners[0].role = "full"
    (f,) = findings(p, "E-APPLICANT-COUNT")
    assert f.severity == "error" and f.partner is None and f.params["count"] == 0
    assert not check(p).eligible


def test_applicant_count_two_is_one_finding_naming_both():
    p = eligible_complete()
    p.partners[3].role = "applicant"
    (f,) = findings(p, "E-APPLICANT-COUNT")
    assert (f.severity, f.partner, f.params["count"]) == ("error", None, 2)
    assert f.params["applicants"] == ["p1", "p4"]
    from ssa_wizard import messages
    assert "“Organisation p1” and “Organisation p4”" in messages.message(f, "en")


def test_applicant_country_partner_country():
    p = eligible_complete()
    p.partners.append(member("p10", "CH", "other", "associated"))
    assert findings(p, "E-APPLICANT-COUNTRY") == []
    p.partners[0].role = "full"
    p.partners[9].role = "applicant"
    (f,) = findings(p, "E-APPLICANT-COUNTRY")
    # One subject per finding: the member; its country is in the params.
    assert (f.severity, f.partner, f.activity, f.country) == ("error", "p10", None, None)
    assert f.params["country"] == "CH"


def test_min_countries_counts_programme_countries_only():
    p = eligible_complete()
    for m in p.partners[6:]:
        m.country = "CH"  # Switzerland: a partner country
    (f,) = findings(p, "E-MIN-COUNTRIES")
    assert f.severity == "error" and f.params["count"] == 2 and f.params["minimum"] == 3


def test_min_countries_ignores_associated_and_umbrella():
    p = eligible_complete()
    p.partners = p.partners[:6]
    p.partners.append(member("p7", "PL", "vet_provider", "associated"))
    p.partners.append(member("p8", "FR", "sector_expertise", umbrella=True))
    (f,) = findings(p, "E-MIN-COUNTRIES")
    assert f.params["count"] == 2


def test_min_eu_members():
    p = eligible_complete()
    for m in p.partners[3:6]:
        m.country = "NO"
    for m in p.partners[6:]:
        m.country = "TR"
    assert findings(p, "E-MIN-COUNTRIES") == []
    (f,) = findings(p, "E-MIN-EU-MEMBERS")
    assert f.severity == "error" and f.params["count"] == 1 and f.params["minimum"] == 2


def test_min_orgs_leaves_out_umbrella_and_associated():
    p = eligible_complete()
    assert findings(p, "E-MIN-ORGS") == []
    p.partners[8].umbrella = True
    (f,) = findings(p, "E-MIN-ORGS")
    assert f.params["count"] == 8 and f.severity == "error"
    p.partners[8].umbrella = False
    p.partners[8].role = "associated"
    assert findings(p, "E-MIN-ORGS")[0].params["count"] == 8


def test_country_trio_names_missing_categories():
    p = eligible_complete()
    p.partners[5].category = "other"  # DE's regulatory body
    (f,) = findings(p, "E-COUNTRY-TRIO")
    assert (f.severity, f.country, f.params["missing"]) == ("error", "DE", ["regulatory_body"])


def test_country_trio_one_finding_per_failing_country():
    p = eligible_complete()
    p.partners[2].category = "other"
    p.partners[7].category = "other"
    p.partners[6].category = "other"
    found = findings(p, "E-COUNTRY-TRIO")
    assert [(f.country, f.params["missing"]) for f in found] == [
        ("NL", ["regulatory_body"]), ("PL", ["vet_provider", "sector_expertise"])]


def test_country_trio_umbrella_exempts_its_country():
    p = eligible_complete()
    p.partners[5].category = "other"
    p.partners.append(member("p10", "DE", "other", umbrella=True))
    assert findings(p, "E-COUNTRY-TRIO") == []
    (info,) = findings(p, "I-UMBRELLA-EXEMPTION")
    assert info.severity == "info" and info.country == "DE"


def test_associated_umbrella_does_not_exempt():
    p = eligible_complete()
    p.partners[5].category = "other"
    p.partners.append(member("p10", "DE", "other", "associated", umbrella=True))
    assert [f.country for f in findings(p, "E-COUNTRY-TRIO")] == ["DE"]
    assert findings(p, "I-UMBRELLA-EXEMPTION") == []


def test_umbrella_does_not_count_for_a_trio():
    p = eligible_complete()
    p.partners[5].category = "other"
    p.partners[4].umbrella = True  # DE's sector body becomes the umbrella: DE exempt
    assert findings(p, "E-COUNTRY-TRIO") == []
    p.partners[4].umbrella = False
    p.partners.append(member("p10", "NL", "regulatory_body", umbrella=True))
    # An umbrella from NL exempts NL, but its category does not fill DE's gap.
    assert [f.country for f in findings(p, "E-COUNTRY-TRIO")] == ["DE"]


def test_full_partner_from_partner_country_involves_it():
    p = eligible_complete()
    p.partners.append(member("p10", "CH", "vet_provider"))
    (f,) = findings(p, "E-COUNTRY-TRIO")
    assert f.country == "CH" and f.params["missing"] == ["sector_expertise", "regulatory_body"]
    assert f.params["programme"] is False
    p.partners[9].role = "associated"
    assert findings(p, "E-COUNTRY-TRIO") == []


def test_one_ssa_and_monopoly_exception():
    p = eligible_complete()
    p.partners[1].other_ssa = True
    (f,) = findings(p, "E-ONE-SSA")
    assert (f.severity, f.partner) == ("error", "p2")
    p.partners[1].other_ssa = False
    p.partners[2].other_ssa = True          # NL's regulatory body
    p.partners[2].sole_regulator_monopoly = True
    assert findings(p, "E-ONE-SSA") == []
    (info,) = findings(p, "I-MONOPOLY-EXCEPTION")
    assert (info.severity, info.partner) == ("info", "p3")


def test_one_ssa_ignores_associated_partners():
    p = eligible_complete()
    p.partners.append(member("p10", "FR", "other", "associated", other_ssa=True))
    assert findings(p, "E-ONE-SSA") == []


def test_monopoly_claim_by_non_regulator():
    p = eligible_complete()
    p.partners[1].other_ssa = True
    p.partners[1].sole_regulator_monopoly = True  # a sector body: not a regulator
    (f,) = findings(p, "E-MONOPOLY-NOT-REGULATOR")
    assert (f.severity, f.partner) == ("error", "p2")
    assert [f.partner for f in findings(p, "E-ONE-SSA")] == ["p2"]
    assert findings(p, "I-MONOPOLY-EXCEPTION") == []


def test_duplicate_by_pic():
    p = eligible_complete()
    p.partners[4].pic = p.partners[1].pic
    found = findings(p, "E-DUPLICATE-ORG")
    assert [(f.partner, f.params["others"]) for f in found] == [("p2", ["p5"]), ("p5", ["p2"])]
    assert all(f.severity == "error" for f in found)


def test_duplicate_by_folded_name_and_country():
    p = eligible_complete()
    p.partners[0].name = "Ŕ&D  Labs, GmbH"
    p.partners[1].name = "r&d labs gmbh"
    assert [f.partner for f in findings(p, "E-DUPLICATE-ORG")] == ["p1", "p2"]
    p.partners[1].country = "DE"  # same name, other country: not a duplicate
    assert findings(p, "E-DUPLICATE-ORG") == []


def test_sector():
    p = eligible_complete()
    p.project.sector = ""
    assert findings(p, "E-SECTOR")[0].params == {"sector": ""}
    p.project.sector = "banking"
    (f,) = findings(p, "E-SECTOR")
    assert f.severity == "error" and f.params["sector"] == "banking"


def test_core_activity():
    p = eligible_complete()
    for a in p.activities:
        a.kind = "dissemination"
    (f,) = findings(p, "E-CORE-ACTIVITY")
    assert f.severity == "error"
    p.activities[0].kind = "curriculum_delivery"
    assert findings(p, "E-CORE-ACTIVITY") == []


def test_country_code_unknown_and_missing_kosovo_known():
    p = eligible_complete()
    p.partners.append(member("p10", "XK", "other", "associated"))
    assert findings(p, "E-COUNTRY-CODE") == []
    p.partners.append(member("p11", "ZZ", "other", "associated"))
    p.partners.append(member("p12", "", "other", "associated"))
    assert [(f.partner, f.severity) for f in findings(p, "E-COUNTRY-CODE")] == [
        ("p11", "error"), ("p12", "error")]


def test_eu_spellings_are_stored_as_iso():
    assert Partner(id="x", country="EL").country == "GR"
    assert Partner(id="x", country="uk").country == "GB"


# --- completeness ----------------------------------------------------------------

def test_title():
    p = eligible_complete()
    p.project.title = "   "
    (f,) = findings(p, "C-TITLE")
    assert f.severity == "error" and f.field == "project.title"
    report = check(p)
    assert report.eligible and not report.complete


def test_role_description_every_member_including_associated():
    p = eligible_complete()
    p.partners.append(member("p10", "CH", "other", "associated", role_description=""))
    (f,) = findings(p, "C-ROLE-DESCRIPTION")
    assert (f.partner, f.severity) == ("p10", "error")


def test_evidence():
    p = eligible_complete()
    p.activities[0].evidence = ""
    (f,) = findings(p, "C-EVIDENCE")
    assert (f.activity, f.severity) == ("a1", "error")


def test_quality_assurance_only_with_curricula():
    p = eligible_complete()
    p.plans.quality_assurance = ""
    (f,) = findings(p, "C-QUALITY-ASSURANCE")
    assert f.severity == "error"
    p.activities[1].kind = "dissemination"
    assert findings(p, "C-QUALITY-ASSURANCE") == []


@pytest.mark.parametrize("plan, rule_id", [("recognition", "C-RECOGNITION"),
                                           ("sustainability", "C-SUSTAINABILITY")])
def test_plans(plan, rule_id):
    p = eligible_complete()
    setattr(p.plans, plan, "")
    (f,) = findings(p, rule_id)
    assert f.severity == "error" and f.field == f"plans.{plan}"


def test_mobility_purpose():
    p = eligible_complete()
    p.activities.append(Activity(id="a3", kind="mobility", lead="p1", start_month=1, end_month=2))
    (f,) = findings(p, "C-MOBILITY-PURPOSE")
    assert (f.activity, f.severity) == ("a3", "error")
    p.activities[2].purpose = "Teachers learn the curriculum."
    assert findings(p, "C-MOBILITY-PURPOSE") == []
    p.activities[2].purpose = ""  # a file written by hand says it in the description
    p.activities[2].description = "Teachers job-shadow to learn to deliver the curriculum."
    assert findings(p, "C-MOBILITY-PURPOSE") == []


def test_activity_lead_missing_and_unknown():
    p = eligible_complete()
    p.activities[0].lead = ""
    p.activities[1].partners.append("p99")
    found = findings(p, "C-ACTIVITY-LEAD")
    assert [(f.activity, f.params["problem"]) for f in found] == [
        ("a1", "no_lead"), ("a2", "unknown_partner")]
    assert found[1].params["unknown"] == ["p99"]


@pytest.mark.parametrize("start, end, problem", [
    (None, 5, "missing"), (0, 5, "outside"), (30, 40, "outside"), (9, 3, "order")])
def test_activity_period(start, end, problem):
    p = eligible_complete()
    p.activities[0].start_month, p.activities[0].end_month = start, end
    (f,) = findings(p, "C-ACTIVITY-PERIOD")
    assert (f.activity, f.severity, f.params["problem"]) == ("a1", "error", problem)


def test_activity_period_at_the_edges_is_fine():
    p = eligible_complete()
    p.activities[0].start_month, p.activities[0].end_month = 1, 36
    assert findings(p, "C-ACTIVITY-PERIOD") == []


@pytest.mark.parametrize("pic, bad", [("123456789", False), ("12345678", True),
                                      ("12345678a", True), ("1234567890", True)])
def test_pic_format(pic, bad):
    p = eligible_complete()
    p.partners[0].pic = pic
    assert [f.partner for f in findings(p, "C-PIC-FORMAT")] == (["p1"] if bad else [])


@pytest.mark.parametrize("email, bad", [("a.devries@example.nl", False), ("", False),
                                        ("anouk@", True), ("no at sign", True),
                                        ("a@b", True), ("a@b..nl", True)])
def test_email_format(email, bad):
    p = eligible_complete()
    p.partners[0].contact_email = email
    found = findings(p, "C-EMAIL-FORMAT")
    assert [f.partner for f in found] == (["p1"] if bad else [])


# --- advice ----------------------------------------------------------------------

def test_objective():
    p = eligible_complete()
    p.project.objectives = []
    (f,) = findings(p, "Q-OBJECTIVE")
    assert f.severity == "warning"
    assert check(p).complete  # advice never blocks


def test_tasks():
    p = eligible_complete()
    p.activities[0].partners.remove("p2")
    (f,) = findings(p, "Q-TASKS")
    assert (f.partner, f.severity) == ("p2", "warning")


def test_associated_lead():
    p = eligible_complete()
    p.partners.append(member("p10", "CH", "other", "associated"))
    p.activities[1].lead = "p10"
    p.activities[1].partners.append("p4")
    (f,) = findings(p, "Q-ASSOCIATED-LEAD")
    assert (f.activity, f.partner, f.severity) == ("a2", "p10", "warning")


def test_pic_missing_full_participants_only():
    p = eligible_complete()
    p.partners[0].pic = ""
    p.partners.append(member("p10", "CH", "other", "associated", pic=""))
    (f,) = findings(p, "Q-PIC-MISSING")
    assert (f.partner, f.severity) == ("p1", "warning")


def test_innovation():
    p = eligible_complete()
    p.plans.innovation = ""
    (f,) = findings(p, "Q-INNOVATION")
    assert f.severity == "warning"


def test_associated_not_counted():
    p = eligible_complete()
    p.partners.append(member("p10", "CH", "other", "associated"))
    (f,) = findings(p, "I-ASSOCIATED-NOT-COUNTED")
    assert f.severity == "info" and f.params["count"] == 1
    assert check(p).eligible


# --- verdicts and the grid --------------------------------------------------------

def test_order_is_eligibility_completeness_advice():
    p = eligible_complete()
    p.project.title = ""
    p.plans.innovation = ""
    p.partners[0].role = "full"
    rules = [f.rule for f in check(p).findings]
    assert rules == ["E-APPLICANT-COUNT", "C-TITLE", "Q-INNOVATION"]


def test_grid_reports_coverage_and_exemption():
    p = eligible_complete()
    p.partners[5].category = "other"
    p.partners.append(member("p10", "FR", "other", umbrella=True))
    grid = {c.code: c for c in check(p).consortium.countries}
    assert grid["DE"].missing == ("regulatory_body",)
    assert grid["NL"].missing == () and grid["NL"].members == 3
    assert grid["FR"].exempt and grid["FR"].members == 0
    consortium = check(p).consortium
    assert (consortium.programme_countries, consortium.eu_member_states,
            consortium.full_participants) == (3, 3, 9)


def test_a_large_duplicate_group_names_a_few_and_counts_the_rest():
    p = eligible_complete()
    for m in p.partners:
        m.pic = "123456789"
    found = findings(p, "E-DUPLICATE-ORG")
    assert len(found) == 9
    first = found[0]
    assert first.params["others"] == ["p2", "p3", "p4", "p5", "p6"]
    assert first.params["more"] == 3
    from ssa_wizard import messages
    assert "3 others" in messages.message(first, "en")


def test_pic_digits_are_ascii_digits():
    p = eligible_complete()
    p.partners[0].pic = "١٢٣٤٥٦٧٨٩"  # Arabic-Indic digits: not a PIC the forms accept
    assert [f.partner for f in findings(p, "C-PIC-FORMAT")] == ["p1"]


# --- what the views show, answered by the report (issue #14) ---------------------------


def test_the_report_says_which_minimums_are_met():
    from ssa_wizard.rules import check

    report = check(Proposal.new())
    assert [(m.key, m.count, m.minimum, m.met) for m in report.consortium.minimums] == [
        ("countries", 0, 3, False), ("eu_member_states", 0, 2, False),
        ("full_participants", 0, 9, False)]


@pytest.mark.parametrize(("covered", "exempt", "states"), [
    ({"vet_provider"}, False, ("covered", "missing", "missing")),
    ({"vet_provider"}, True, ("covered", "exempt", "exempt")),
    (set(), True, ("exempt", "exempt", "exempt")),
])
def test_each_grid_cell_has_one_state(covered, exempt, states):
    from ssa_wizard.model import TRIO
    from ssa_wizard.rules import CountryStatus

    status = CountryStatus("NL", True, True, 1, frozenset(covered), exempt)
    assert tuple(status.cell(c) for c in TRIO) == states


@pytest.mark.parametrize(("start", "end", "duration", "status"), [
    (None, 3, 36, "missing"), (1, None, 36, "missing"), (0, 3, 36, "outside"),
    (1, 40, 36, "outside"), (9, 3, 36, "order"), (1, 36, 36, "ok"), (5, 5, None, "ok"),
])
def test_period_status_is_the_rules_reading(start, end, duration, status):
    from ssa_wizard.rules import period_status

    assert period_status(start, end, duration) == status


def test_the_counts_line_speaks_the_language():
    from ssa_wizard import messages
    from ssa_wizard.rules import check

    report = check(Proposal.new())
    errors = report.count("error")
    assert messages.counts(report, "en").startswith(f"{errors} errors, ")
    assert messages.counts(report, "nl").startswith(f"{errors} fouten, ")


@pytest.mark.parametrize(("pic", "flagged"), [
    ("949123456", False), ("949 123 456", False), (" 949 123 456 ", False),
    ("949-123-456", False), ("949–123–456", False), ("949 - 123 - 456", False),
    ("94912345", True), ("949.123.456", True), ("９４９１２３４５６", True), ("949 123 4567", True),
    ("949-123-45", True),
])
def test_a_pic_may_be_written_with_spaces_or_hyphens_but_has_nine_digits(pic, flagged):
    proposal = eligible_complete()
    proposal.partners[0].pic = pic
    found = [f for f in check(proposal).findings if f.rule == "C-PIC-FORMAT"]
    assert bool(found) == flagged


def test_a_pic_written_with_hyphens_is_the_same_organisation_as_without():
    proposal = eligible_complete()
    twin = proposal.partners[0].model_copy(update={"id": "twin", "pic": "949-123-456"})
    proposal.partners[0].pic = "949123456"
    proposal.partners.append(twin)
    duplicates = [f for f in check(proposal).findings if f.rule == "E-DUPLICATE-ORG"]
    assert duplicates and all(f.field == "partner.pic" for f in duplicates)
