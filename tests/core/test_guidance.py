"""The next step and the open points are chosen in the core, the same for every front end;
a message never sends the user to the page they are on."""

from __future__ import annotations

import dataclasses

import pytest

from ssa_wizard import guidance, messages
from ssa_wizard.model import Proposal
from ssa_wizard.rules import check

from .factories import eligible_complete, member
from .test_messages import ALL


def _every_rule() -> list:
    """Reports with a finding of every rule: the one of the drafts of test_messages, and
    all of them at once."""
    whole = dataclasses.replace(check(Proposal.new()), findings=tuple(ALL))
    return [check(Proposal.new()), check(eligible_complete()), whole]


def _without_belgian_regulator() -> Proposal:
    """Eligible but for Belgium, which has a VET provider and sector expertise only."""
    proposal = eligible_complete()
    proposal.partners += [member("p10", "BE", "vet_provider"),
                          member("p11", "BE", "sector_expertise")]
    proposal.plans = proposal.plans.model_copy(update={"recognition": ""})
    return proposal


def test_an_empty_draft_starts_with_eligibility_in_page_order():
    report = check(Proposal.new())
    step = guidance.next_step(report)
    assert step.finding.rule == "E-SECTOR" and step.page == "sector"
    assert not step.adds_member
    assert messages.step_text(step, "en") == (
        "Next: choose the sector (on the Sector and objectives page).")
    assert messages.step_text(step, "en", here="sector") == "Next: choose the sector."
    assert messages.step_text(step, "nl", here="sector").startswith("Volgende stap: kies")


def test_a_missing_category_comes_before_a_missing_text():
    report = check(_without_belgian_regulator())
    assert {f.rule for f in report.findings if f.severity == "error"} == {
        "E-COUNTRY-TRIO", "C-RECOGNITION"}
    step = guidance.next_step(report)
    assert (step.country, step.category, step.page) == ("BE", "regulatory_body", "partners")
    assert step.adds_member
    assert messages.step_text(step, "en", here="partners") == (
        "Next: add a regulatory body in Belgium.")
    assert messages.step_text(step, "nl", here="partners") == (
        "Volgende stap: voeg een toezichthouder in België toe.")


def test_the_first_missing_category_of_a_country_in_grid_order():
    proposal = eligible_complete()
    proposal.partners.append(member("p10", "BE", "regulatory_body"))
    step = guidance.next_step(check(proposal))
    assert (step.country, step.category) == ("BE", "vet_provider")


def test_the_applicant_before_the_grid_and_a_missing_country_before_both():
    proposal = eligible_complete()
    proposal.partners[0].role = "full"
    proposal.partners.append(member("p10", "BE", "vet_provider"))
    assert guidance.next_step(check(proposal)).finding.rule == "E-APPLICANT-COUNT"
    proposal.partners[5].country = ""
    step = guidance.next_step(check(proposal))
    assert step.finding.rule == "E-COUNTRY-CODE" and step.finding.partner == "p6"
    assert messages.step_text(step, "en") == (
        "Next: choose the country of “Organisation p6” (on the Partners page).")


def test_eligible_but_incomplete_names_the_text_and_its_page():
    proposal = eligible_complete()
    proposal.plans = proposal.plans.model_copy(update={"recognition": "", "innovation": ""})
    report = check(proposal)
    assert report.eligible and not report.complete
    step = guidance.next_step(report)
    assert step.finding.rule == "C-RECOGNITION" and step.page == "plans"
    assert messages.step_text(step, "en", here="partners") == (
        "Next: describe how the skills will be recognised (on the Plans page).")
    # Advice comes only when nothing is missing.
    proposal.plans = proposal.plans.model_copy(update={"recognition": "R"})
    step = guidance.next_step(check(proposal))
    assert step.finding.rule == "Q-INNOVATION"


def test_a_complete_proposal_has_nothing_left():
    report = check(eligible_complete())
    assert guidance.next_step(report) is None
    assert guidance.open_points(report) == []
    assert messages.step_text(None, "en") == "Nothing left to do: the proposal meets every rule."


def test_notes_are_never_a_step():
    proposal = eligible_complete()
    proposal.partners.append(member("p10", "BE", "other", "associated"))
    report = check(proposal)
    assert [f.rule for f in report.findings] == ["I-ASSOCIATED-NOT-COUNTED"]
    assert guidance.next_step(report) is None


def test_open_points_are_the_errors_and_warnings_with_the_next_step_first():
    for report in _every_rule():
        points = guidance.open_points(report)
        expected = [f for f in report.findings if f.severity != "info"]
        assert sorted(f.key() for f in points) == sorted(f.key() for f in expected)
        if points:
            assert points[0] is guidance.next_step(report).finding
        groups = [f.group for f in points]
        assert groups == sorted(groups, key=["eligibility", "completeness", "advice"].index)
        # Deterministic: the same report, the same order.
        assert guidance.open_points(dataclasses.replace(report)) == points


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_open_point_has_an_instruction(lang):
    for report in _every_rule():
        for finding in guidance.open_points(report):
            step = guidance.Step(finding, guidance.page_of(finding))
            text = messages.action(step, lang)
            assert text and text[0].islower() and not text.endswith(".")
            assert "p1" not in text.split() and "a4" not in text.split()


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_message_never_sends_the_user_to_the_page_they_are_on(lang):
    page_words = {"en": " page", "nl": "pagina"}[lang]
    seen = set()
    for report in _every_rule():
        for finding in report.findings:
            page = guidance.page_of(finding)
            here = messages.message(finding, lang, here=page)
            title = guidance.page_title(page, lang)
            assert not (title in here and page_words in here), here
            elsewhere = messages.message(finding, lang, here="review")
            assert messages.message(finding, lang) == elsewhere  # the CLI keeps the hint
            if elsewhere != here:
                seen.add(finding.rule)
                assert title in elsewhere
    assert seen == {"E-APPLICANT-COUNT", "C-TITLE", "C-QUALITY-ASSURANCE", "C-RECOGNITION",
                    "C-SUSTAINABILITY", "Q-INNOVATION"}


def test_the_pages_are_plain_data_in_the_core():
    assert guidance.PAGES[0] == "start" and guidance.PAGES[-1] == "review"
    assert set(guidance.PAGE_TITLES) == set(guidance.PAGES)
    assert guidance.page_title("plans", "nl") == "Plannen"


def test_a_member_without_a_task_is_sent_to_the_activities_page():
    # The member's form has no field for tasks: they are given in an activity.
    from ssa_wizard.rules import Finding

    finding = Finding(rule="Q-TASKS", severity="warning", partner="p3", params={"name": "Agoria"})
    assert guidance.page_of(finding) == "activities"
    assert guidance.step_for(finding).page == "activities"
