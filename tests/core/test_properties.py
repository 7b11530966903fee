"""Properties of the checker over generated drafts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ssa_wizard import messages
from ssa_wizard.rules import POSITION_PARAMS, check

from .factories import member
from .strategies import proposals


def finding_set(report):
    """The findings without where their subjects stand (rows move when members move)."""
    return sorted((f.rule, f.severity, f.partner, f.activity, f.country, f.field,
                   repr(sorted((k, v) for k, v in f.params.items() if k not in POSITION_PARAMS)))
                  for f in report.findings)


@settings(max_examples=150, deadline=None)
@given(proposals(), st.randoms())
def test_reordering_members_never_changes_the_findings(proposal, rnd):
    before = check(proposal)
    shuffled = proposal.model_copy(deep=True)
    rnd.shuffle(shuffled.partners)
    after = check(shuffled)
    assert finding_set(before) == finding_set(after)
    assert (before.eligible, before.complete) == (after.eligible, after.complete)


@settings(max_examples=150, deadline=None)
@given(proposals(), st.sampled_from(["NL", "CH", "RS", "ZZ", ""]),
       st.sampled_from(["vet_provider", "regulatory_body", "other", ""]), st.booleans())
def test_an_associated_partner_never_changes_eligibility(proposal, country, category, umbrella):
    before = check(proposal).eligible
    extra = member("p900", country, category, "associated", umbrella=umbrella,
                   name="Associated extra", pic="")
    proposal.partners.append(extra)
    assert check(proposal).eligible == before


@settings(max_examples=300, deadline=None)
@given(proposals())
def test_no_draft_makes_the_checker_or_its_messages_raise(proposal):
    report = check(proposal)
    assert report.eligible == (not any(f.rule.startswith("E-") for f in report.findings))
    for finding in report.findings:
        for lang in ("en", "nl"):
            assert messages.message(finding, lang).strip()
