"""From rows or cards to a merge plan: findings first, then new members and updates.

Each row of a sheet (or each partner card) becomes a ``Candidate``: the fields it
gives, already turned into codes, and what was wrong with them. ``build_plan`` then
matches candidates against the proposal (by PIC, then by folded name and country,
as the checker's E-DUPLICATE-ORG does) and against each other, and returns a
``MergePlan``: per row or card a ``PlanItem`` that says new / update / unchanged /
skip, with its findings. ``plan.new`` and ``plan.updates`` feed
``Session.merge_partners`` directly (one undo step); ``apply_plan`` does the same to a
Proposal without Qt, for the command line. Nothing is changed before the plan is
applied, and an empty cell never erases what a member already has.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any, Literal

from pydantic import ValidationError

from ..i18n import _
from ..model import Partner, Proposal
from ..rules import fold_name, fold_pic
from .columns import FIELDS, FLAG_FIELDS, TEXT_FIELDS, ColumnMapping, field_label
from .sheets import (
    CHUNK,
    UNCLOSED_QUOTE,
    UNREADABLE_TEXT,
    Cancelled,
    ImportCancelled,
    Progress,
    Sheet,
    SheetError,
    reading_problem,
)
from .values import parse_category, parse_country, parse_flag, parse_pic, parse_role, unguard_formula

Severity = Literal["error", "warning", "info"]
Action = Literal["new", "update", "unchanged", "skip"]

# Finding codes. Errors keep a row or card out of the import; warnings and notes do not.
MISSING_NAME = "missing-name"
UNKNOWN_COUNTRY = "unknown-country"
UNKNOWN_CATEGORY = "unknown-category"
UNKNOWN_ROLE = "unknown-role"
UNKNOWN_FLAG = "unknown-flag"
UNREADABLE_VALUE = "unreadable-value"
BAD_PIC = "bad-pic"
DUPLICATE = "duplicate"
UPDATE = "update"
UNCHANGED = "unchanged"
PIC_CHANGES = "pic-changes"
NEWER_CARD = "newer-card"
INVALID = "invalid"

SEVERITY: dict[str, Severity] = {
    MISSING_NAME: "error", UNKNOWN_COUNTRY: "error", UNKNOWN_CATEGORY: "error",
    UNKNOWN_ROLE: "error", UNKNOWN_FLAG: "error", UNREADABLE_VALUE: "error",
    DUPLICATE: "error", INVALID: "error", UNCLOSED_QUOTE: "error", UNREADABLE_TEXT: "error",
    BAD_PIC: "warning", PIC_CHANGES: "warning", NEWER_CARD: "warning",
    UPDATE: "info", UNCHANGED: "info",
}


@dataclass(frozen=True)
class ImportFinding:
    """One thing found about a row of a sheet or a partner card, before importing it."""

    code: str
    severity: Severity
    #: The sheet's or card's file name.
    source: str
    #: The row number as the user sees it in the sheet (header row = 1); ``None`` for a card.
    row: int | None = None
    #: The Partner field concerned, if any.
    field: str | None = None
    #: The sheet column (0-based) the value came from, if any.
    column: int | None = None
    params: dict[str, Any] = dc_field(default_factory=dict, hash=False, compare=False)

    @property
    def blocks(self) -> bool:
        """Whether this finding keeps its row or card out of the import."""
        return self.severity == "error"


def _finding(code: str, cand: "Candidate", field_name: str | None = None,
             **params: Any) -> ImportFinding:
    column = cand.columns.get(field_name) if field_name else None
    if column is not None and "column_header" not in params and cand.headers:
        params["column_header"] = cand.headers[column] if column < len(cand.headers) else ""
    return ImportFinding(code=code, severity=SEVERITY[code], source=cand.source, row=cand.row,
                         field=field_name, column=column, params=params)


def _by_text(by: str) -> str:
    return _("PIC") if by == "pic" else _("name and country")


def problem(finding: ImportFinding) -> str:
    """What a finding says, without saying where (in the current language)."""
    p = finding.params
    code = finding.code
    if code == MISSING_NAME:
        if finding.row is None:
            return _("the card has no organisation name; it cannot be imported")
        return _("the organisation's name is missing; fill it in, or delete the row "
                 "if it is not a partner")
    if code == UNKNOWN_COUNTRY:
        return _("the country “{value}” is not known; write its name in English or Dutch, "
                 "or its two-letter code (for example DE, or EL for Greece)").format(value=p["value"])
    if code == UNKNOWN_CATEGORY:
        return _("the category “{value}” is not known; write VET provider, sector expertise, "
                 "regulatory body or other").format(value=p["value"])
    if code == UNKNOWN_ROLE:
        return _("the role “{value}” is not known; write applicant, full partner or "
                 "associated partner").format(value=p["value"])
    if code == UNKNOWN_FLAG:
        return _("“{value}” under {field} is not yes or no; write yes or no").format(
            value=p["value"], field=field_label(finding.field or ""))
    if code == UNREADABLE_VALUE:
        return _("the value under {field} is not text; write it as text").format(
            field=field_label(finding.field or ""))
    if code == BAD_PIC:
        return _("the PIC “{value}” is not nine digits; it is imported as written, check it "
                 "in the Participant Portal").format(value=p["value"])
    if code == DUPLICATE:
        if p.get("other_row") is not None and p.get("other_source", finding.source) != finding.source:
            return _("the same organisation as row {other} of {file} (same {by}); only the first "
                     "one is imported").format(other=p["other_row"], file=p["other_source"],
                                               by=_by_text(p["by"]))
        if p.get("other_row") is not None:
            return _("the same organisation as row {other} (same {by}); only the first one is "
                     "imported").format(other=p["other_row"], by=_by_text(p["by"]))
        return _("the same organisation as {other} (same {by}); only the first one is "
                 "imported").format(other=p["other_card"], by=_by_text(p["by"]))
    if code == UPDATE:
        return _("updates the member {name} already in the proposal (same {by}): "
                 "{fields}").format(name=p["name"], by=_by_text(p["by"]),
                                    fields=", ".join(field_label(f) for f in p["fields"]))
    if code == UNCHANGED:
        return _("{name} is already in the proposal with these details; nothing changes").format(
            name=p["name"])
    if code == PIC_CHANGES:
        return _("the PIC of {name} changes from {old} to {new}; check which one is "
                 "right").format(name=p["name"], old=p["old"], new=p["new"])
    if code == NEWER_CARD:
        return _("the card was made by a newer version of SSA Wizard (card version {version}); "
                 "details this version does not know are kept as they are").format(
            version=p["version"])
    if code == INVALID:
        return _("cannot be imported: {reason}").format(reason=p.get("reason", ""))
    if code in (UNCLOSED_QUOTE, UNREADABLE_TEXT):
        return reading_problem(code, p)
    return code


def _located(source: str, row: int | None, text: str, with_file: bool) -> str:
    if row is None:
        return _("{file}: {problem}").format(file=source, problem=text)
    if with_file:
        return _("{file}, row {row}: {problem}").format(file=source, row=row, problem=text)
    return _("Row {row}: {problem}").format(row=row, problem=text)


def finding_message(finding: ImportFinding, with_file: bool = False) -> str:
    """The finding as one line for the user: ``Row 7: the country “Duitslandd” is not known; …``.

    A card's findings start with its file name. ``with_file`` names the sheet too (the
    command line, where several files are read).
    """
    return _located(finding.source, finding.row, problem(finding), with_file)


def item_message(item: "PlanItem", with_file: bool = False,
                 severities: tuple[str, ...] = ("error",)) -> str:
    """One line for a row or card: where, then each of its findings of ``severities``.

    The command line prints this for each skipped row (the reasons it was skipped);
    ``''`` when the item has no such finding.
    """
    found = [problem(f) for f in item.findings if f.severity in severities]
    return _located(item.source, item.row, "; ".join(found), with_file) if found else ""


# --- candidates -------------------------------------------------------------------------

@dataclass
class Candidate:
    """One row or card, its values turned into Partner field values, before matching."""

    source: str
    row: int | None
    #: The fields it gives (empty cells left out), as the model stores them.
    values: dict[str, Any]
    findings: list[ImportFinding] = dc_field(default_factory=list)
    #: Fields this version does not know (from a newer card): kept as they are.
    extra: dict[str, Any] = dc_field(default_factory=dict)
    #: field -> sheet column, and the sheet's headers (empty for a card).
    columns: dict[str, int] = dc_field(default_factory=dict)
    headers: Sequence[str] = ()

    @property
    def label(self) -> str:
        return self.source if self.row is None else str(self.row)


_SPACES = " \u00a0"


def interpret(raw: dict[str, Any], *, source: str, row: int | None = None,
              columns: dict[str, int] | None = None, headers: Sequence[str] = (),
              extra: dict[str, Any] | None = None) -> Candidate:
    """Turn raw values (cell texts, or a card's JSON values) into a Candidate with findings."""
    cand = Candidate(source=source, row=row, values={}, columns=dict(columns or {}),
                     headers=headers, extra=dict(extra or {}))
    for name in FIELDS:
        if name not in raw:
            continue
        value = raw[name]
        if value is None:
            continue
        if isinstance(value, (dict, list)):
            cand.findings.append(_finding(UNREADABLE_VALUE, cand, name))
            continue
        if name in FLAG_FIELDS:
            if isinstance(value, str) and not value.strip():
                continue
            flag = parse_flag(value)
            if flag is None:
                cand.findings.append(_finding(UNKNOWN_FLAG, cand, name, value=str(value).strip()))
            else:
                cand.values[name] = flag
            continue
        text = value if isinstance(value, str) else str(value)
        if name == "pic":
            if not text.strip():
                continue
            pic, good = parse_pic(value)
            cand.values["pic"] = pic
            if not good:
                cand.findings.append(_finding(BAD_PIC, cand, "pic", value=pic))
            continue
        if not text.strip():
            continue
        if name in TEXT_FIELDS:
            # Stray spaces around a cell are noise; tabs and line breaks are kept, so that
            # text survives an export and import unchanged.
            cand.values[name] = text.strip(_SPACES)
            continue
        text = text.strip()
        if name == "country":
            code = parse_country(text)
            if code is None:
                cand.findings.append(_finding(UNKNOWN_COUNTRY, cand, name, value=text))
            else:
                cand.values[name] = code
        elif name == "category":
            code = parse_category(text)
            if code is None:
                cand.findings.append(_finding(UNKNOWN_CATEGORY, cand, name, value=text))
            else:
                cand.values[name] = code
        elif name == "role":
            code = parse_role(text)
            if code is None:
                cand.findings.append(_finding(UNKNOWN_ROLE, cand, name, value=text))
            else:
                cand.values[name] = code
    return cand


def sheet_candidates(sheet: Sheet, mapping: ColumnMapping | None = None, *,
                     progress: Progress | None = None,
                     cancelled: Cancelled | None = None) -> list[Candidate]:
    """One Candidate per non-blank row below the header, read through ``mapping``.

    Raises ``SheetError`` when no column gives the names or there are no rows below the
    header: nothing could be imported from such a sheet.
    """
    mapping = mapping or sheet.guess_mapping()
    if not mapping.has_name:
        raise SheetError(sheet.source, _(
            "no column holds the organisations' names; call one column “Name” (or “Naam”), "
            "or choose it when importing"))
    columns = mapping.columns
    headers = sheet.headers
    rows = list(sheet.data_rows())
    if not rows:
        raise SheetError(sheet.source, _(
            "the sheet has a header row but no partners below it"))
    guarded = sheet.kind == "csv"  # export puts a ' before formula-like CSV cells
    result = []
    for done, (number, cells) in enumerate(rows, 1):
        raw = {}
        for name, column in columns.items():
            value = cells[column] if column < len(cells) else ""
            raw[name] = unguard_formula(value) if guarded else value
        cand = interpret(raw, source=sheet.source, row=number, columns=columns, headers=headers)
        # A row that could not be read as written is skipped with that reason first.
        cand.findings[:0] = [
            ImportFinding(code=code, severity=SEVERITY[code], source=sheet.source, row=number,
                          params=dict(params))
            for code, params in sheet.row_problems.get(number, ())]
        result.append(cand)
        if done % CHUNK == 0:
            _tick(progress, cancelled, done, len(rows))
    return result


def _tick(progress: Progress | None, cancelled: Cancelled | None, done: int, total: int) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelled()
    if progress is not None:
        progress(done, total)


# --- the plan ---------------------------------------------------------------------------

@dataclass
class PlanItem:
    """What happens to one row or card."""

    candidate: Candidate
    action: Action
    findings: list[ImportFinding]
    #: For "update" and "unchanged": the id of the existing member.
    target: str | None = None
    #: For "new": the member to add (its id is a placeholder; the merge assigns the real one).
    partner: Partner | None = None
    #: For "update": field -> new value, only the fields that change.
    changes: dict[str, Any] = dc_field(default_factory=dict)
    #: The GUI may untick a row; skipped rows are never imported whatever this says.
    included: bool = True

    @property
    def source(self) -> str:
        return self.candidate.source

    @property
    def row(self) -> int | None:
        return self.candidate.row

    @property
    def name(self) -> str:
        return self.candidate.values.get("name", "")

    @property
    def skipped(self) -> bool:
        return self.action == "skip"

    @property
    def importing(self) -> bool:
        """Whether applying the plan changes something for this item."""
        return self.included and self.action in ("new", "update")

    @property
    def reasons(self) -> list[ImportFinding]:
        """The findings that keep this item out (errors)."""
        return [f for f in self.findings if f.blocks]


@dataclass
class MergePlan:
    """The outcome of reading rows or cards, to show and then apply as one step."""

    items: list[PlanItem]

    @property
    def findings(self) -> list[ImportFinding]:
        return [f for item in self.items for f in item.findings]

    @property
    def new(self) -> list[Partner]:
        """Members to add (placeholder ids), for ``Session.merge_partners(new, updates)``."""
        return [item.partner for item in self.items
                if item.action == "new" and item.included and item.partner is not None]

    @property
    def updates(self) -> dict[str, dict[str, Any]]:
        """Existing member id -> {field: new value}, for ``Session.merge_partners``."""
        result: dict[str, dict[str, Any]] = {}
        for item in self.items:
            if item.action == "update" and item.included and item.target is not None:
                result.setdefault(item.target, {}).update(item.changes)
        return result

    def count(self, action: Action) -> int:
        return sum(1 for item in self.items if item.action == action)

    @property
    def skipped(self) -> list[PlanItem]:
        return [item for item in self.items if item.skipped]

    @property
    def changes_anything(self) -> bool:
        return any(item.importing for item in self.items)


def _name_key(values: dict[str, Any]) -> tuple[str, str]:
    return fold_name(values.get("name", "")), values.get("country", "")


def build_plan(proposal: Proposal, candidates: Iterable[Candidate], *,
               progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> MergePlan:
    """Match candidates against the proposal and each other; nothing is changed.

    A candidate with an error is skipped. A candidate that matches an existing member
    (same PIC, else same folded name and country) updates it with the fields it gives
    that differ; two candidates for one organisation: the first wins, the later one is
    a duplicate. Linear in the number of candidates and members.
    """
    candidates = list(candidates)
    by_pic: dict[str, Partner] = {}
    by_name: dict[tuple[str, str], Partner] = {}
    for member in proposal.partners:
        if fold_pic(member.pic):
            by_pic.setdefault(fold_pic(member.pic), member)
        if fold_name(member.name):
            by_name.setdefault((fold_name(member.name), member.country), member)
    seen_pic: dict[str, Candidate] = {}
    seen_name: dict[tuple[str, str], Candidate] = {}
    claimed: dict[str, Candidate] = {}
    items: list[PlanItem] = []
    placeholder = 0
    for done, cand in enumerate(candidates, 1):
        if done % CHUNK == 0:
            _tick(progress, cancelled, done, len(candidates))
        findings = list(cand.findings)
        values = cand.values
        if not values.get("name"):
            findings.insert(0, _finding(MISSING_NAME, cand, "name"))
        if any(f.blocks for f in findings):
            items.append(PlanItem(cand, "skip", findings))
            continue
        pic_key = fold_pic(values.get("pic", ""))
        name_key = _name_key(values)
        target, match_by = None, None
        if pic_key and pic_key in by_pic:
            target, match_by = by_pic[pic_key], "pic"
        elif name_key[0] and name_key in by_name:
            target, match_by = by_name[name_key], "name"
        first, dup_by = None, None
        if pic_key and pic_key in seen_pic:
            first, dup_by = seen_pic[pic_key], "pic"
        elif name_key[0] and name_key in seen_name:
            first, dup_by = seen_name[name_key], "name"
        elif target is not None and target.id in claimed:
            first, dup_by = claimed[target.id], match_by
        if first is not None:
            params: dict[str, Any] = (
                {"other_row": first.row} if first.row is not None
                else {"other_row": None, "other_card": first.source})
            if first.source != cand.source:
                params["other_source"] = first.source
            findings.append(_finding(DUPLICATE, cand, "pic" if dup_by == "pic" else "name",
                                     by=dup_by, **params))
            items.append(PlanItem(cand, "skip", findings))
            continue
        if pic_key:
            seen_pic[pic_key] = cand
        if name_key[0]:
            seen_name[name_key] = cand
        if target is not None:
            claimed[target.id] = cand
            items.append(_update_item(cand, findings, target, match_by or "name"))
            continue
        placeholder += 1
        try:
            partner = Partner(**{**cand.extra, **values, "id": f"new{placeholder}"})
        except ValidationError as exc:
            findings.append(_finding(INVALID, cand, reason=exc.errors()[0]["msg"]))
            items.append(PlanItem(cand, "skip", findings))
            continue
        items.append(PlanItem(cand, "new", findings, partner=partner))
    if progress is not None:
        progress(len(candidates), len(candidates))
    return MergePlan(items)


def _update_item(cand: Candidate, findings: list[ImportFinding], target: Partner,
                 by: str) -> PlanItem:
    current = target.model_dump()
    changes = {name: value for name, value in {**cand.extra, **cand.values}.items()
               if name != "id" and current.get(name) != value}
    if not changes:
        findings.append(_finding(UNCHANGED, cand, member=target.id, name=target.name, by=by))
        return PlanItem(cand, "unchanged", findings, target=target.id)
    findings.append(_finding(UPDATE, cand, member=target.id, name=target.name, by=by,
                             fields=[f for f in changes if f in FIELDS]
                             or sorted(changes)))
    if "pic" in changes and fold_pic(target.pic):
        findings.append(_finding(PIC_CHANGES, cand, "pic", name=target.name, old=target.pic,
                                 new=changes["pic"]))
    return PlanItem(cand, "update", findings, target=target.id, changes=changes)


def plan_sheet(proposal: Proposal, sheet: Sheet, mapping: ColumnMapping | None = None, *,
               progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> MergePlan:
    """The merge plan of a sheet read through ``mapping`` (default: the guessed one)."""
    return build_plan(proposal, sheet_candidates(sheet, mapping, progress=progress,
                                                 cancelled=cancelled),
                      progress=progress, cancelled=cancelled)


def _next_id(taken: set[str]) -> str:
    """``model.next_id("p", taken)`` without copying ``taken`` each time (10,000 rows)."""
    n = len(taken) + 1
    while f"p{n}" in taken:
        n += 1
    return f"p{n}"


def apply_plan(proposal: Proposal, plan: MergePlan) -> tuple[Proposal, list[str]]:
    """A copy of ``proposal`` with the plan merged in, and the ids given to new members.

    Does what ``Session.merge_partners(plan.new, plan.updates)`` does, without Qt.
    """
    result = proposal.model_copy(deep=True)
    taken = {p.id for p in result.partners}
    added: list[str] = []
    for partner in plan.new:
        new_id = _next_id(taken)
        taken.add(new_id)
        added.append(new_id)
        result.partners.append(partner.model_copy(update={"id": new_id}, deep=True))
    for partner_id, fields in plan.updates.items():
        target = result.partner(partner_id)
        if target is not None:
            for name, value in fields.items():
                setattr(target, name, value)
    return result, added

