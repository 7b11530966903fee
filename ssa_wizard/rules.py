"""The checker: every rule of ``shared/spec/rules.md`` as a plain function.

``check(proposal)`` runs the rules its rulebook names and returns a ``Report``:
the findings in a stable order (eligibility, completeness, advice; within a rule
in the order of the members or activities), the verdicts, and a summary of the
consortium (the country x category grid) that the wizard and the PDF draw.

A rule is a function over the draft that yields ``Finding``s. It never raises on
odd input: empty lists, missing texts, unknown codes. Messages are not made here:
``ssa_wizard.messages`` turns a rule ID and its params into text in a language.
Everything is linear in the number of members and activities.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from . import countries
from .folding import fold_name
from .model import TRIO, Partner, Proposal
from .rulebook import Rulebook
from .rulebook import load as load_rulebook

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One thing a rule found, about a partner, an activity, a country or the whole."""

    rule: str
    severity: Severity
    partner: str | None = None
    activity: str | None = None
    country: str | None = None
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    #: Where in the proposal the finding points, e.g. ``partner.role_description``.
    field: str | None = None

    @property
    def group(self) -> str:
        """``eligibility``, ``completeness`` or ``advice``, from the rule ID."""
        return group_of(self.rule)

    def key(self) -> tuple:
        """A value that identifies the finding with its params, for comparing sets."""
        return (self.rule, self.severity, self.partner, self.activity, self.country,
                repr(sorted(self.params.items())), self.field)


def group_of(rule_id: str) -> str:
    return {"E": "eligibility", "C": "completeness"}.get(rule_id[:1], "advice")


@dataclass(frozen=True)
class CountryStatus:
    """One row of the country x category grid."""

    code: str
    programme: bool
    eu_member: bool
    #: Full participants (umbrella organisations left out) from this country.
    members: int
    covered: frozenset[str]
    #: Exempt from the three categories because an umbrella organisation comes from here.
    exempt: bool

    @property
    def missing(self) -> tuple[str, ...]:
        if self.exempt:
            return ()
        return tuple(c for c in TRIO if c not in self.covered)

    def cell(self, category: str) -> CellState:
        """The state of this country's cell for ``category`` in the grid."""
        if category in self.covered:
            return "covered"
        return "exempt" if self.exempt else "missing"


CellState = Literal["covered", "missing", "exempt"]


@dataclass(frozen=True)
class Minimum:
    """One of the consortium's minimums and how far it is met."""

    #: ``countries``, ``eu_member_states`` or ``full_participants``.
    key: str
    count: int
    minimum: int

    @property
    def met(self) -> bool:
        return self.count >= self.minimum


@dataclass(frozen=True)
class Consortium:
    """The figures the minimums are checked against, and the grid."""

    countries: tuple[CountryStatus, ...]
    programme_countries: int
    eu_member_states: int
    full_participants: int
    minimum_countries: int
    minimum_eu_member_states: int
    minimum_full_participants: int

    @property
    def minimums(self) -> tuple[Minimum, ...]:
        """The three minimums, in the order the rules state them."""
        return (Minimum("countries", self.programme_countries, self.minimum_countries),
                Minimum("eu_member_states", self.eu_member_states, self.minimum_eu_member_states),
                Minimum("full_participants", self.full_participants,
                        self.minimum_full_participants))


@dataclass(frozen=True)
class Report:
    rulebook: str
    findings: tuple[Finding, ...]
    consortium: Consortium

    @property
    def eligible(self) -> bool:
        return not any(f.severity == "error" and f.group == "eligibility" for f in self.findings)

    @property
    def complete(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


# --- the rule registry --------------------------------------------------------

RuleFunction = Callable[["Context"], Iterator[Finding]]


@dataclass(frozen=True)
class RuleInfo:
    id: str
    severity: Severity
    function: RuleFunction


RULES: dict[str, RuleInfo] = {}


def rule(rule_id: str, severity: Severity) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under its ID from rules.md."""

    def register(function: RuleFunction) -> RuleFunction:
        RULES[rule_id] = RuleInfo(rule_id, severity, function)
        return function

    return register


#: Params that say where a finding's subjects stand (their rows, and the category that
#: names a member without a name), not what was found: they change when members move.
POSITION_PARAMS = frozenset({"member_row", "member_category", "activity_row", "rows",
                             "categories", "other_rows", "other_categories"})


class Context:
    """The draft, its rulebook, and what several rules derive from them (computed once)."""

    def __init__(self, proposal: Proposal, rulebook: Rulebook):
        self.proposal = proposal
        self.rulebook = rulebook

    def finding(self, rule_id: str, **kwargs: Any) -> Finding:
        """A finding of ``rule_id``; one about a member or an activity also carries its
        row number (and a member its category) in ``params``, so that a message can
        name one that has no name yet ("member 3 (VET provider, no name yet)")."""
        partner, activity = kwargs.get("partner"), kwargs.get("activity")
        if partner is not None or activity is not None:
            params = dict(kwargs.get("params") or {})
            if partner in self._member_rows:
                params.update(zip(("member_row", "member_category"), self._member_rows[partner],
                                  strict=True))
            if activity in self._activity_rows:
                params["activity_row"] = self._activity_rows[activity]
            kwargs["params"] = params
        return Finding(rule=rule_id, severity=RULES[rule_id].severity, **kwargs)

    @cached_property
    def _member_rows(self) -> dict[str, tuple[int, str]]:
        """Member id -> its row on the Partners page (from 1) and its category."""
        return {m.id: (row, m.category) for row, m in enumerate(self.proposal.partners, 1)}

    @cached_property
    def _activity_rows(self) -> dict[str, int]:
        return {a.id: row for row, a in enumerate(self.proposal.activities, 1)}

    def rows_of(self, members: list[Partner]) -> dict[str, list]:
        """The rows and categories of several members, for a finding that names them."""
        return {"rows": [self._member_rows[m.id][0] for m in members],
                "categories": [m.category for m in members]}

    @cached_property
    def full(self) -> list[Partner]:
        """The full participants: the applicant and the full partners (not associated)."""
        return [p for p in self.proposal.partners if p.role != "associated"]

    @cached_property
    def counted(self) -> list[Partner]:
        """Full participants that count towards minimums (umbrella organisations left out)."""
        return [p for p in self.full if not p.umbrella]

    @cached_property
    def involved(self) -> list[str]:
        """Countries involved, in order of first appearance: those of the counted members."""
        known = self.known_countries
        return list(dict.fromkeys(m.country for m in self.counted if m.country in known))

    @cached_property
    def umbrella_countries(self) -> list[str]:
        """Countries of umbrella organisations that are full participants."""
        known = self.known_countries
        return list(dict.fromkeys(m.country for m in self.full if m.umbrella and m.country in known))

    @cached_property
    def programme_involved(self) -> list[str]:
        return [c for c in self.involved if self.rulebook.is_programme_country(c)]

    @cached_property
    def eu_involved(self) -> list[str]:
        return [c for c in self.programme_involved if self.rulebook.is_eu_member(c)]

    @cached_property
    def members_by_id(self) -> dict[str, Partner]:
        return {p.id: p for p in self.proposal.partners}

    @cached_property
    def partner_ids(self) -> set[str]:
        return set(self.members_by_id)

    @cached_property
    def known_countries(self) -> frozenset[str]:
        """The members' countries that are known codes (each code looked up once)."""
        return frozenset(c for c in {p.country for p in self.proposal.partners}
                         if countries.is_known(c))

    @cached_property
    def grid(self) -> tuple[CountryStatus, ...]:
        covered: dict[str, set[str]] = {c: set() for c in self.involved}
        members: dict[str, int] = dict.fromkeys(self.involved, 0)
        for member in self.counted:
            if member.country in covered:
                members[member.country] += 1
                if member.category in TRIO:
                    covered[member.country].add(member.category)
        exempt = set(self.umbrella_countries)
        rows = [*self.involved, *(c for c in self.umbrella_countries if c not in covered)]
        return tuple(
            CountryStatus(
                code=code,
                programme=self.rulebook.is_programme_country(code),
                eu_member=self.rulebook.is_eu_member(code),
                members=members.get(code, 0),
                covered=frozenset(covered.get(code, ())),
                exempt=code in exempt,
            )
            for code in rows
        )

    @cached_property
    def activity_members(self) -> set[str]:
        """Ids of members that lead or take part in some activity."""
        ids: set[str] = set()
        for activity in self.proposal.activities:
            ids.add(activity.lead)
            ids.update(activity.partners)
        return ids


def _blank(text: str) -> bool:
    return not text.strip()


_PIC_SEPARATORS = str.maketrans("", "", "-\u2010\u2011\u2012\u2013")


@functools.lru_cache(maxsize=8192)
def fold_pic(pic: str) -> str:
    """The PIC without the spaces and hyphens people write in it (``949-123 456`` is
    ``949123456``), as the checks, the duplicates and the imports compare it (a pure
    function, so kept)."""
    return "".join(pic.split()).translate(_PIC_SEPARATORS)


# --- eligibility --------------------------------------------------------------

@rule("E-APPLICANT-COUNT", "error")
def applicant_count(ctx: Context) -> Iterator[Finding]:
    applicants = [p for p in ctx.proposal.partners if p.role == "applicant"]
    if not applicants:
        yield ctx.finding("E-APPLICANT-COUNT", params={"count": 0}, field="partner.role")
    elif len(applicants) > 1:
        # One finding about the consortium, naming the applicants in id order, so
        # that it does not depend on the order of the members.
        applicants.sort(key=lambda m: m.id)
        yield ctx.finding("E-APPLICANT-COUNT", field="partner.role", params={
            "count": len(applicants), "applicants": [m.id for m in applicants],
            "names": [m.name for m in applicants], **ctx.rows_of(applicants)})


@rule("E-APPLICANT-COUNTRY", "error")
def applicant_country(ctx: Context) -> Iterator[Finding]:
    for member in ctx.proposal.partners:
        if member.role == "applicant" and not ctx.rulebook.is_programme_country(member.country):
            yield ctx.finding("E-APPLICANT-COUNTRY", partner=member.id,
                              params={"name": member.name, "country": member.country},
                              field="partner.country")


@rule("E-MIN-COUNTRIES", "error")
def min_countries(ctx: Context) -> Iterator[Finding]:
    count, minimum = len(ctx.programme_involved), ctx.rulebook.minimum_countries
    if count < minimum:
        yield ctx.finding("E-MIN-COUNTRIES", params={
            "count": count, "minimum": minimum, "countries": sorted(ctx.programme_involved)})


@rule("E-MIN-EU-MEMBERS", "error")
def min_eu_members(ctx: Context) -> Iterator[Finding]:
    count, minimum = len(ctx.eu_involved), ctx.rulebook.minimum_eu_member_states
    if count < minimum:
        yield ctx.finding("E-MIN-EU-MEMBERS", params={
            "count": count, "minimum": minimum, "countries": sorted(ctx.eu_involved)})


@rule("E-MIN-ORGS", "error")
def min_orgs(ctx: Context) -> Iterator[Finding]:
    count, minimum = len(ctx.counted), ctx.rulebook.minimum_full_participants
    if count < minimum:
        yield ctx.finding("E-MIN-ORGS", params={"count": count, "minimum": minimum})


@rule("E-COUNTRY-TRIO", "error")
def country_trio(ctx: Context) -> Iterator[Finding]:
    for status in ctx.grid:
        if status.missing:
            yield ctx.finding("E-COUNTRY-TRIO", country=status.code, params={
                "country": status.code, "missing": list(status.missing),
                "programme": status.programme})


@rule("E-ONE-SSA", "error")
def one_ssa(ctx: Context) -> Iterator[Finding]:
    for member in ctx.full:
        if member.other_ssa and not _monopoly_applies(member):
            yield ctx.finding("E-ONE-SSA", partner=member.id,
                              params={"name": member.name, "category": member.category},
                              field="partner.other_ssa")


def _monopoly_applies(member: Partner) -> bool:
    return member.category == "regulatory_body" and member.sole_regulator_monopoly


@rule("E-MONOPOLY-NOT-REGULATOR", "error")
def monopoly_not_regulator(ctx: Context) -> Iterator[Finding]:
    for member in ctx.proposal.partners:
        if member.sole_regulator_monopoly and member.category != "regulatory_body":
            yield ctx.finding("E-MONOPOLY-NOT-REGULATOR", partner=member.id,
                              params={"name": member.name, "category": member.category},
                              field="partner.sole_regulator_monopoly")


@rule("E-DUPLICATE-ORG", "error")
def duplicate_org(ctx: Context) -> Iterator[Finding]:
    by_pic: dict[str, list[Partner]] = {}
    by_name: dict[tuple[str, str], list[Partner]] = {}
    for member in ctx.proposal.partners:
        pic = fold_pic(member.pic)
        if pic:
            by_pic.setdefault(pic, []).append(member)
        folded = fold_name(member.name)
        if folded:
            by_name.setdefault((folded, member.country), []).append(member)
    # One finding per member of a duplicate group, naming (a few of) the others, so
    # that the set of findings does not depend on which copy comes first. Each group
    # is sorted once; a member takes the first few others from it (linear overall).
    groups: dict[str, list[list[Partner]]] = {}
    reasons: dict[str, set[str]] = {}
    for reason, candidates in (("pic", by_pic.values()), ("name", by_name.values())):
        for group in candidates:
            if len(group) > 1:
                group = sorted(group, key=lambda m: m.id)
                for member in group:
                    groups.setdefault(member.id, []).append(group)
                    reasons.setdefault(member.id, set()).add(reason)
    union_sizes: dict[tuple[int, ...], int] = {}
    for member in ctx.proposal.partners:
        if member.id not in groups:
            continue
        own = groups[member.id]
        head = {m.id: m for g in own for m in g[:_DUPLICATES_NAMED + 1] if m is not member}
        shown = sorted(head.items())[:_DUPLICATES_NAMED]
        key = tuple(id(g) for g in own)
        if key not in union_sizes:  # members sharing both groups share the count
            union_sizes[key] = len({m.id for g in own for m in g})
        total = union_sizes[key] - 1
        yield ctx.finding("E-DUPLICATE-ORG", partner=member.id,
                          params={"name": member.name, "pic": member.pic,
                                  "same": sorted(reasons[member.id]),
                                  "others": [i for i, _m in shown],
                                  "other_names": [m.name for _i, m in shown],
                                  **{f"other_{key}": value for key, value
                                     in ctx.rows_of([m for _i, m in shown]).items()},
                                  "more": total - len(shown)},
                          field="partner.pic" if "pic" in reasons[member.id] else "partner.name")


#: How many other copies a duplicate finding names (the rest are counted).
_DUPLICATES_NAMED = 5


@rule("E-SECTOR", "error")
def sector(ctx: Context) -> Iterator[Finding]:
    chosen = ctx.proposal.project.sector
    if chosen not in ctx.rulebook.sectors:
        yield ctx.finding("E-SECTOR", params={"sector": chosen}, field="project.sector")


@rule("E-CORE-ACTIVITY", "error")
def core_activity(ctx: Context) -> Iterator[Finding]:
    kinds = ctx.rulebook.core_activity_kinds
    if not any(a.kind in kinds for a in ctx.proposal.activities):
        yield ctx.finding("E-CORE-ACTIVITY", params={"kinds": sorted(kinds)})


@rule("E-COUNTRY-CODE", "error")
def country_code(ctx: Context) -> Iterator[Finding]:
    for member in ctx.proposal.partners:
        if member.country not in ctx.known_countries:
            yield ctx.finding("E-COUNTRY-CODE", partner=member.id,
                              params={"name": member.name, "country": member.country},
                              field="partner.country")


# --- completeness -------------------------------------------------------------

@rule("C-TITLE", "error")
def title(ctx: Context) -> Iterator[Finding]:
    if _blank(ctx.proposal.project.title):
        yield ctx.finding("C-TITLE", field="project.title")


@rule("C-ROLE-DESCRIPTION", "error")
def role_description(ctx: Context) -> Iterator[Finding]:
    for member in ctx.proposal.partners:
        if _blank(member.role_description):
            yield ctx.finding("C-ROLE-DESCRIPTION", partner=member.id,
                              params={"name": member.name, "role": member.role},
                              field="partner.role_description")


@rule("C-EVIDENCE", "error")
def evidence(ctx: Context) -> Iterator[Finding]:
    for activity in ctx.proposal.activities:
        if activity.kind == "skills_needs" and _blank(activity.evidence):
            yield ctx.finding("C-EVIDENCE", activity=activity.id,
                              params={"title": activity.title}, field="activity.evidence")


@rule("C-QUALITY-ASSURANCE", "error")
def quality_assurance(ctx: Context) -> Iterator[Finding]:
    kinds = ctx.rulebook.curriculum_activity_kinds
    if (any(a.kind in kinds for a in ctx.proposal.activities)
            and _blank(ctx.proposal.plans.quality_assurance)):
        yield ctx.finding("C-QUALITY-ASSURANCE", field="plans.quality_assurance")


@rule("C-RECOGNITION", "error")
def recognition(ctx: Context) -> Iterator[Finding]:
    if _blank(ctx.proposal.plans.recognition):
        yield ctx.finding("C-RECOGNITION", field="plans.recognition")


@rule("C-SUSTAINABILITY", "error")
def sustainability(ctx: Context) -> Iterator[Finding]:
    if _blank(ctx.proposal.plans.sustainability):
        yield ctx.finding("C-SUSTAINABILITY", field="plans.sustainability")


@rule("C-MOBILITY-PURPOSE", "error")
def mobility_purpose(ctx: Context) -> Iterator[Finding]:
    # The file format has no field of its own for this: a proposal written by hand
    # says it in the description, the wizard in ``purpose``. Either will do.
    for activity in ctx.proposal.activities:
        if (activity.kind == "mobility" and _blank(activity.purpose)
                and _blank(activity.description)):
            yield ctx.finding("C-MOBILITY-PURPOSE", activity=activity.id,
                              params={"title": activity.title}, field="activity.purpose")


@rule("C-ACTIVITY-LEAD", "error")
def activity_lead(ctx: Context) -> Iterator[Finding]:
    known = ctx.partner_ids
    for activity in ctx.proposal.activities:
        if not activity.lead:
            yield ctx.finding("C-ACTIVITY-LEAD", activity=activity.id,
                              params={"title": activity.title, "problem": "no_lead"},
                              field="activity.lead")
        unknown = [pid for pid in [activity.lead, *activity.partners] if pid and pid not in known]
        if unknown:
            yield ctx.finding("C-ACTIVITY-LEAD", activity=activity.id,
                              params={"title": activity.title, "problem": "unknown_partner",
                                      "unknown": list(dict.fromkeys(unknown))},
                              field="activity.lead" if activity.lead in unknown
                              else "activity.partners")


PeriodStatus = Literal["ok", "missing", "outside", "order"]


def period_status(start: int | None, end: int | None, duration: int | None) -> PeriodStatus:
    """Whether an activity's months are a period of the project (C-ACTIVITY-PERIOD).

    ``missing``: a month is not given; ``outside``: it starts before month 1 or ends
    after the project; ``order``: it ends before it starts. The timeline, the printed
    summary and the rule all read a period through this one function.
    """
    if start is None or end is None:
        return "missing"
    if start < 1 or (duration is not None and end > duration):
        return "outside"
    if start > end:
        return "order"
    return "ok"


@rule("C-ACTIVITY-PERIOD", "error")
def activity_period(ctx: Context) -> Iterator[Finding]:
    duration = ctx.proposal.project.duration_months
    for activity in ctx.proposal.activities:
        start, end = activity.start_month, activity.end_month
        params: dict[str, Any] = {"title": activity.title, "start": start, "end": end,
                                  "duration": duration}
        problem = period_status(start, end, duration)
        if problem == "ok":
            continue
        yield ctx.finding("C-ACTIVITY-PERIOD", activity=activity.id,
                          params={**params, "problem": problem}, field="activity.period")


_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


def tidy_pic(pic: str) -> str:
    """A PIC as it is best kept and shown: its nine digits alone when that is what was
    written with spaces or hyphens (``949-123 456`` -> ``949123456``), else as written
    (a wrong one stays as typed, for its finding to quote)."""
    folded = fold_pic(pic)
    return folded if valid_pic(folded) else pic


def valid_pic(pic: str) -> bool:
    """Nine ASCII digits (a regex's ``\\d`` would also take other scripts' digits)."""
    return len(pic) == 9 and pic.isascii() and pic.isdigit()


@rule("C-PIC-FORMAT", "error")
def pic_format(ctx: Context) -> Iterator[Finding]:
    for member in ctx.proposal.partners:
        # Spaces are how people write long numbers ("949 123 456"), not part of the PIC.
        if member.pic and not valid_pic(fold_pic(member.pic)):
            yield ctx.finding("C-PIC-FORMAT", partner=member.id,
                              params={"name": member.name, "pic": member.pic},
                              field="partner.pic")


@functools.lru_cache(maxsize=8192)
def _valid_email(text: str) -> bool:
    """Whether a contact address looks like one (a pure function of the text, so kept)."""
    email = text.strip()
    return not email or (bool(_EMAIL.fullmatch(email)) and ".." not in email)


@rule("C-EMAIL-FORMAT", "error")
def email_format(ctx: Context) -> Iterator[Finding]:
    for member in ctx.proposal.partners:
        if member.contact_email and not _valid_email(member.contact_email):
            yield ctx.finding("C-EMAIL-FORMAT", partner=member.id,
                              params={"name": member.name, "email": member.contact_email},
                              field="partner.contact_email")


# --- advice -------------------------------------------------------------------

@rule("Q-OBJECTIVE", "warning")
def objective(ctx: Context) -> Iterator[Finding]:
    if not any(o in ctx.rulebook.objectives for o in ctx.proposal.project.objectives):
        yield ctx.finding("Q-OBJECTIVE", field="project.objectives")


@rule("Q-TASKS", "warning")
def tasks(ctx: Context) -> Iterator[Finding]:
    busy = ctx.activity_members
    for member in ctx.full:
        if member.id not in busy:
            yield ctx.finding("Q-TASKS", partner=member.id, params={"name": member.name})


@rule("Q-ASSOCIATED-LEAD", "warning")
def associated_lead(ctx: Context) -> Iterator[Finding]:
    members = ctx.members_by_id
    for activity in ctx.proposal.activities:
        lead = members.get(activity.lead)
        if lead is not None and lead.role == "associated":
            yield ctx.finding("Q-ASSOCIATED-LEAD", activity=activity.id, partner=lead.id,
                              params={"title": activity.title, "name": lead.name},
                              field="activity.lead")


@rule("Q-PIC-MISSING", "warning")
def pic_missing(ctx: Context) -> Iterator[Finding]:
    for member in ctx.full:
        if _blank(member.pic):
            yield ctx.finding("Q-PIC-MISSING", partner=member.id, params={"name": member.name},
                              field="partner.pic")


@rule("Q-INNOVATION", "warning")
def innovation(ctx: Context) -> Iterator[Finding]:
    if _blank(ctx.proposal.plans.innovation):
        yield ctx.finding("Q-INNOVATION", field="plans.innovation")


@rule("I-UMBRELLA-EXEMPTION", "info")
def umbrella_exemption(ctx: Context) -> Iterator[Finding]:
    for code in ctx.umbrella_countries:
        names = sorted(p.name for p in ctx.full if p.umbrella and p.country == code)
        yield ctx.finding("I-UMBRELLA-EXEMPTION", country=code,
                          params={"country": code, "names": names})


@rule("I-MONOPOLY-EXCEPTION", "info")
def monopoly_exception(ctx: Context) -> Iterator[Finding]:
    for member in ctx.full:
        if member.other_ssa and _monopoly_applies(member):
            yield ctx.finding("I-MONOPOLY-EXCEPTION", partner=member.id,
                              params={"name": member.name},
                              field="partner.sole_regulator_monopoly")


@rule("I-ASSOCIATED-NOT-COUNTED", "info")
def associated_not_counted(ctx: Context) -> Iterator[Finding]:
    count = sum(1 for p in ctx.proposal.partners if p.role == "associated")
    if count:
        yield ctx.finding("I-ASSOCIATED-NOT-COUNTED", params={"count": count})


# --- the checker --------------------------------------------------------------

def check(proposal: Proposal, rulebook: Rulebook | None = None) -> Report:
    """Check ``proposal`` against its rulebook (or ``rulebook``) and return the Report."""
    book = rulebook or load_rulebook(proposal.rulebook)
    ctx = Context(proposal, book)
    findings: list[Finding] = []
    for rule_id in book.rules:
        findings.extend(RULES[rule_id].function(ctx))
    consortium = Consortium(
        countries=ctx.grid,
        programme_countries=len(ctx.programme_involved),
        eu_member_states=len(ctx.eu_involved),
        full_participants=len(ctx.counted),
        minimum_countries=book.minimum_countries,
        minimum_eu_member_states=book.minimum_eu_member_states,
        minimum_full_participants=book.minimum_full_participants,
    )
    return Report(rulebook=book.id, findings=tuple(findings), consortium=consortium)
