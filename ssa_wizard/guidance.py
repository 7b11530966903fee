"""Where each finding is fixed, and the one thing to do next.

The wizard's pages are plain data here (their keys and titles), so that the core can
say where a finding is fixed: the GUI's side list, its "go to" and the wording of a
message (which never sends the user to the page they are on) all read ``page_of``.

``next_step(report)`` chooses the single most useful thing to do next, the same way
for every front end: eligibility before completeness before advice; among the
eligibility findings the wizard's page order, and on the Partners page a member's
missing country, then the applicant, then a country's missing category before the
minimums and the rest; within a rule the report's own order (members and activities
as the user ordered them). Notes (``info``) are never a step. ``open_points`` lists
the errors and warnings in that same order, the first of them being the next step.
``messages.step_text`` words a step in a language, naming its page only when the user is
elsewhere.

This module is light on purpose: the Start page imports it (through the page
titles) before the proposal model and the rules are loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from . import i18n
from .i18n import N_

if TYPE_CHECKING:
    from .rules import Finding, Report

#: Page keys, in the order of the wizard.
PAGES = ("start", "project", "sector", "partners", "activities", "plans", "review")
#: Each page's title (a msgid, translated at use).
PAGE_TITLES = {
    "start": N_("Welcome"), "project": N_("Project"), "sector": N_("Sector and objectives"),
    "partners": N_("Partners"), "activities": N_("Activities"), "plans": N_("Plans"),
    "review": N_("Review"),
}

_FIELD_PAGES = {
    "project.title": "project", "project.acronym": "project",
    "project.duration_months": "project", "project.start_date": "project",
    "project.summary": "project",
    "project.sector": "sector", "project.objectives": "sector",
}
_RULE_PAGES = {
    "E-CORE-ACTIVITY": "activities",
    "E-MIN-COUNTRIES": "partners", "E-MIN-EU-MEMBERS": "partners", "E-MIN-ORGS": "partners",
    "E-COUNTRY-TRIO": "partners", "E-APPLICANT-COUNT": "partners",
    "I-UMBRELLA-EXEMPTION": "partners", "I-ASSOCIATED-NOT-COUNTED": "partners",
}


#: Findings about a member that are fixed on another page than the member's own.
_FIXED_ELSEWHERE = {"Q-TASKS": "activities"}  # a task is given in an activity


def page_of_field(field: str) -> str | None:
    """The key of the page where the field ``field`` (``project.title``, ``partner.pic``)
    is edited, or None for one no page shows."""
    if field in _FIELD_PAGES:
        return _FIELD_PAGES[field]
    for prefix, page in (("plans.", "plans"), ("activity.", "activities"),
                         ("partner.", "partners")):
        if field.startswith(prefix):
            return page
    return None


def page_of(finding: Finding) -> str:
    """The key of the page where the user fixes ``finding``."""
    if finding.rule in _FIXED_ELSEWHERE:
        return _FIXED_ELSEWHERE[finding.rule]
    field = finding.field or ""
    if field in _FIELD_PAGES:
        return _FIELD_PAGES[field]
    if field.startswith("plans."):
        return "plans"
    if finding.activity is not None or field.startswith("activity."):
        return "activities"
    if finding.partner is not None or field.startswith("partner."):
        return "partners"
    return _RULE_PAGES.get(finding.rule, "review")


def page_title(key: str, lang: str | None = None) -> str:
    """The title of the page ``key`` in ``lang`` (or the current language)."""
    return i18n.translation(lang or i18n.current_language()).gettext(PAGE_TITLES[key])


# --- the next step ---------------------------------------------------------------

#: Eligibility (E-), completeness (C-), advice (the rest), by the rule ID's letter.
_GROUP_RANK = {"E": 0, "C": 1}
_PAGE_INDEX = {key: index for index, key in enumerate(PAGES)}
#: Within the eligibility findings of the Partners page: what blocks the rest first
#: (a member without a country is in no row of the grid), then the applicant, then a
#: country's missing category (one click adds it), then the minimums.
_RULE_RANK = {rule: rank for rank, rule in enumerate((
    "E-COUNTRY-CODE", "E-APPLICANT-COUNT", "E-APPLICANT-COUNTRY", "E-COUNTRY-TRIO",
    "E-MIN-COUNTRIES", "E-MIN-EU-MEMBERS", "E-MIN-ORGS", "E-DUPLICATE-ORG", "E-ONE-SSA",
    "E-MONOPOLY-NOT-REGULATOR"))}


class Step(NamedTuple):
    """The next thing to do: a finding, where it is fixed, and for a country's missing
    category which member to add (``country`` and ``category``, the red cell).

    (A named tuple, not a dataclass: the Start page loads this module, and with it
    whatever it imports, before its first paint.)"""

    finding: Finding
    page: str
    country: str | None = None
    category: str | None = None

    @property
    def adds_member(self) -> bool:
        """True when the step is a red cell: add a member of ``category`` in ``country``."""
        return self.category is not None


def _priority(indexed: tuple[int, Finding]) -> tuple[int, int, int, int]:
    index, finding = indexed
    group = _GROUP_RANK.get(finding.rule[:1], 2)
    rank = _RULE_RANK.get(finding.rule, len(_RULE_RANK)) if group == 0 else 0
    return (group, _PAGE_INDEX[page_of(finding)], rank, index)


def _todo(report: Report) -> list[tuple[int, Finding]]:
    return [(i, f) for i, f in enumerate(report.findings) if f.severity != "info"]


def open_points(report: Report) -> list[Finding]:
    """The errors and warnings of ``report``, the most useful first (``next_step`` order)."""
    return [f for _i, f in sorted(_todo(report), key=_priority)]


def next_step(report: Report) -> Step | None:
    """The single most useful thing to do next; None when nothing is left but notes.

    It runs on every report (each keystroke): one pass, and the full priority only
    for the findings of the most urgent group.
    """
    todo = _todo(report)
    if not todo:
        return None
    first = min(_GROUP_RANK.get(f.rule[:1], 2) for _i, f in todo)
    _index, finding = min((item for item in todo
                           if _GROUP_RANK.get(item[1].rule[:1], 2) == first), key=_priority)
    return step_for(finding)


def step_for(finding: Finding) -> Step:
    """The step that fixes ``finding``: for a country's missing category, adding the
    first missing one (the red cell); else going to the finding's page and field."""
    if finding.rule == "E-COUNTRY-TRIO" and finding.params.get("missing"):
        return Step(finding, "partners", country=finding.params["country"],
                    category=finding.params["missing"][0])
    return Step(finding, page_of(finding))
