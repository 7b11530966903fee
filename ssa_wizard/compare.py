"""What changed between two versions of a proposal, and the fingerprint of one.

The contract is ``shared/spec/file-format.md``, "Comparing two versions, and the
fingerprint". ``fingerprint(proposal)`` is the short code printed on the summary and
shown on the Review page; ``compare(old, new)`` gives the ordered list of ``Change``s
and both verdicts, which ``ssa-wizard diff``, the wizard's Compare dialog and the
printed list of changes all show. The rest of this module says the changes as a
person reads them (country names, category labels, "month 36 → 30"), in a language.

Members are matched by id, then PIC, then folded name and country (the folding of
E-DUPLICATE-ORG); activities by id, then folded title. Each pass is one walk over a
dictionary of the unmatched records, so the whole comparison is linear in the size of
the two proposals. Ids are how activities refer to members: when a member matched by
its PIC or name has a new id, the change of ``id`` is reported on the member, and the
activities' references are compared through the matching, so the renaming is told once.
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import Any

from . import countries, i18n, labels
from .folding import fold_name
from .i18n import N_
from .model import Proposal

#: The parts of a proposal that make up its content (file-format.md): not ``format``,
#: ``version`` or ``language``, and not the fields of the file's top level that this
#: version does not know (the contract names the content exactly).
CONTENT_KEYS = ("rulebook", "project", "plans", "partners", "activities")
#: The order of the groups of changes (``Change.what``).
WHATS = ("project", "plans", "partner", "activity")

Dump = dict[str, Any]


# --- the fingerprint ------------------------------------------------------------------

#: One encoder for every record (``json.dumps`` with options would make one per call).
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _encode(value: Any) -> str:
    """Canonical JSON: keys sorted, no whitespace, text as it is (``ensure_ascii`` off)."""
    return _ENCODER.encode(value)


class _Content:
    """A proposal's content as saved, each member and activity encoded once.

    The canonical JSON of the whole is put together from the records' own encodings
    (a list's canonical JSON is its items' joined by commas), so the fingerprint and
    the comparison share the work, and two records are the same exactly when their
    encodings are: ``1``, ``1.0`` and ``true`` stay different values, as in a file.
    """

    def __init__(self, proposal: Proposal):
        self.dump: Dump = proposal.model_dump(mode="json")
        self.partners = [_encode(record) for record in self.dump["partners"]]
        self.activities = [_encode(record) for record in self.dump["activities"]]

    def canonical(self) -> bytes:
        def by_id(records: list[Dump], encoded: list[str]) -> str:
            order = sorted(range(len(records)), key=lambda i: records[i]["id"])
            return ",".join(encoded[i] for i in order)

        # The keys in sorted order: activities, partners, plans, project, rulebook.
        text = "".join((
            '{"activities":[', by_id(self.dump["activities"], self.activities),
            '],"partners":[', by_id(self.dump["partners"], self.partners),
            '],"plans":', _encode(self.dump["plans"]),
            ',"project":', _encode(self.dump["project"]),
            ',"rulebook":', _encode(self.dump["rulebook"]), "}"))
        # A lone surrogate (typed, never saved: no file can hold it) still gets a code.
        return text.encode("utf-8", "surrogatepass")

    def fingerprint(self) -> str:
        digits = hashlib.sha256(self.canonical()).hexdigest()[:8].upper()
        return f"{digits[:4]}-{digits[4:]}"


def content(proposal: Proposal) -> Dump:
    """The content of ``proposal`` as the fingerprint sees it: saved form, lists by id."""
    data = proposal.model_dump(mode="json")
    return {
        "rulebook": data["rulebook"],
        "project": data["project"],
        "plans": data["plans"],
        "partners": sorted(data["partners"], key=lambda record: record["id"]),
        "activities": sorted(data["activities"], key=lambda record: record["id"]),
    }


def canonical_json(proposal: Proposal) -> bytes:
    """The canonical JSON of the content (``content``): keys sorted, no whitespace, UTF-8."""
    return _Content(proposal).canonical()


def fingerprint(proposal: Proposal) -> str:
    """``3F9A-21C0``: the first 8 hex digits of the SHA-256 of the canonical content."""
    return _Content(proposal).fingerprint()


# --- the comparison -------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    """One change from the old version to the new one.

    ``what`` is ``project``, ``plans``, ``partner`` or ``activity``; ``change`` is
    ``added``, ``removed`` or ``changed``; ``id`` and ``name`` (a member's name, an
    activity's title) are those of the new version, or of the old for a removed one;
    ``old_id`` is the id in the old version (it differs from ``id`` when a member was
    matched by PIC or name). ``fields`` holds ``(field, old value, new value)`` in the
    order of the format, values as stored.
    """

    what: str
    change: str
    id: str | None = None
    name: str | None = None
    fields: tuple[tuple[str, Any, Any], ...] = ()
    old_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        """This change as in ``diff --json``."""
        data: dict[str, Any] = {"what": self.what, "change": self.change}
        if self.what in ("partner", "activity"):
            data["id"] = self.id
            data["name"] = self.name
        if self.change == "changed":
            data["fields"] = {field: [old, new] for field, old, new in self.fields}
        return data


@dataclass(frozen=True)
class Verdict:
    eligible: bool
    complete: bool

    def to_json(self) -> dict[str, bool]:
        return {"eligible": self.eligible, "complete": self.complete}


@dataclass(frozen=True)
class Comparison:
    """Two versions of a proposal, what changed between them, and both verdicts."""

    old: Proposal
    new: Proposal
    changes: tuple[Change, ...]
    fingerprints: tuple[str, str]
    verdicts: tuple[Verdict, Verdict]
    #: The errors (``rules.Finding``) of the new version that the old one did not
    #: have, in the report's order (eligibility first): why the verdict changed.
    new_errors: tuple[Any, ...] = ()

    @property
    def same(self) -> bool:
        return not self.changes

    def of(self, what: str) -> list[Change]:
        return [change for change in self.changes if change.what == what]

    def to_json(self, old_name: str, new_name: str) -> dict[str, Any]:
        """The ``diff --json`` object of file-format.md."""
        return {
            "old": old_name, "new": new_name, "same": self.same,
            "fingerprints": {"old": self.fingerprints[0], "new": self.fingerprints[1]},
            "verdicts": {"old": self.verdicts[0].to_json(), "new": self.verdicts[1].to_json()},
            "changes": [change.to_json() for change in self.changes],
        }


def _differs(old: Any, new: Any) -> bool:
    # JSON values: 1 == 1.0 == true in Python, but they are different values in a file.
    if type(old) is not type(new):
        return True
    if isinstance(old, (str, int, bool)) or old is None:
        return old != new
    return json.dumps(old, sort_keys=True) != json.dumps(new, sort_keys=True)


def _field_changes(old: Dump, new: Dump, skip: tuple[str, ...] = (),
                   same: Callable[[str, Any, Any], bool] | None = None
                   ) -> tuple[tuple[str, Any, Any], ...]:
    """The fields of two records that differ, in the new record's order (then the old's)."""
    found = []
    for name in (*new, *(key for key in old if key not in new)):
        if name in skip:
            continue
        before, after = old.get(name), new.get(name)  # a field one side lacks: null
        differs = (name in old) != (name in new) or _differs(before, after)
        if differs and (same is None or not same(name, before, after)):
            found.append((name, before, after))
    return tuple(found)


def _match(old: list[Dump], new: list[Dump],
           keys: tuple[Callable[[Dump], Hashable], ...]) -> dict[int, int]:
    """New index -> old index: each key in turn pairs what is still unmatched, in order.

    A key that gives a false value (no PIC, no name) matches nothing.
    """
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for key in keys:
        pool: dict[Hashable, deque[int]] = {}
        for index, record in enumerate(old):
            if index not in taken:
                value = key(record)
                if value:
                    pool.setdefault(value, deque()).append(index)
        if not pool:
            continue
        for index, record in enumerate(new):
            if index in matched:
                continue
            value = key(record)
            candidates = pool.get(value) if value else None
            if candidates:
                found = candidates.popleft()
                matched[index] = found
                taken.add(found)
    return matched


def _pic(record: Dump) -> str:
    return "".join(str(record.get("pic") or "").split())


def _member_name(record: Dump) -> tuple[str, str] | None:
    folded = fold_name(str(record.get("name") or ""))
    return (folded, str(record.get("country") or "")) if folded else None


def _activity_title(record: Dump) -> str:
    return fold_name(str(record.get("title") or ""))


def _record_id(record: Dump) -> str:
    return str(record.get("id"))


def _records(what: str, old: list[Dump], new: list[Dump], keys, name_field: str,
             encoded: tuple[list[str], list[str]],
             same: Callable[[str, Any, Any], bool] | None = None
             ) -> tuple[list[Change], dict[str, str]]:
    """The changes of one list, and the old id -> new id of the records matched.

    ``encoded`` holds each record's canonical JSON (``_Content``): a record encoded
    alike in both versions has not changed, and is not looked at field by field.
    """
    matched = _match(old, new, keys)
    changes = []
    renamed: dict[str, str] = {}
    for index, record in enumerate(new):
        if index not in matched:
            changes.append(Change(what, "added", record["id"], record.get(name_field, ""),
                                  old_id=None))
            continue
        before = old[matched[index]]
        renamed[before["id"]] = record["id"]
        if encoded[0][matched[index]] == encoded[1][index]:
            continue
        fields = _field_changes(before, record, skip=("id",), same=same)
        if before["id"] != record["id"]:
            fields = (("id", before["id"], record["id"]), *fields)
        if fields:
            changes.append(Change(what, "changed", record["id"], record.get(name_field, ""),
                                  fields, old_id=before["id"]))
    matched_old = set(matched.values())
    for index, record in enumerate(old):
        if index not in matched_old:
            changes.append(Change(what, "removed", record["id"], record.get(name_field, ""),
                                  old_id=record["id"]))
    return changes, renamed


def compare(old: Proposal, new: Proposal, *, old_report=None, new_report=None) -> Comparison:
    """What changed from ``old`` to ``new`` (file-format.md), with both verdicts.

    ``old_report`` and ``new_report`` are the proposals' ``rules.Report``s when the
    caller has them; they are made here otherwise.
    """
    from .rules import check

    old_content, new_content = _Content(old), _Content(new)
    old_dump, new_dump = old_content.dump, new_content.dump
    changes: list[Change] = []
    project = _field_changes(old_dump["project"], new_dump["project"])
    if old_dump["rulebook"] != new_dump["rulebook"]:  # part of the content, shown with the project
        project = (("rulebook", old_dump["rulebook"], new_dump["rulebook"]), *project)
    if project:
        changes.append(Change("project", "changed", fields=project))
    plans = _field_changes(old_dump["plans"], new_dump["plans"])
    if plans:
        changes.append(Change("plans", "changed", fields=plans))
    members, renamed = _records("partner", old_dump["partners"], new_dump["partners"],
                                (_record_id, _pic, _member_name), "name",
                                (old_content.partners, new_content.partners))
    changes += members

    def same_reference(name: str, before: Any, after: Any) -> bool:
        # A member matched under a new id is the same member for its activities.
        if name == "lead" and isinstance(before, str):
            return renamed.get(before, before) == after
        if name == "partners" and isinstance(before, list):
            return [renamed.get(ref, ref) if isinstance(ref, str) else ref
                    for ref in before] == after
        return False

    activities, _renamed = _records("activity", old_dump["activities"],
                                    new_dump["activities"], (_record_id, _activity_title),
                                    "title", (old_content.activities, new_content.activities),
                                    same=same_reference)
    changes += activities
    old_report = old_report if old_report is not None else check(old)
    new_report = new_report if new_report is not None else check(new)
    old_keys = {f.key() for f in old_report.findings}
    new_errors = tuple(f for f in new_report.findings
                       if f.severity == "error" and f.key() not in old_keys)
    return Comparison(
        old=old, new=new, changes=tuple(changes),
        fingerprints=(old_content.fingerprint(), new_content.fingerprint()),
        verdicts=(Verdict(old_report.eligible, old_report.complete),
                  Verdict(new_report.eligible, new_report.complete)),
        new_errors=new_errors)


# --- as a person reads it ---------------------------------------------------------------

GROUP_TITLES = {"project": N_("Project"), "plans": N_("Plans"), "partner": N_("Members"),
                "activity": N_("Activities")}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "project": {
        "rulebook": N_("Rulebook"), "title": N_("Title"), "acronym": N_("Acronym"),
        "sector": N_("Sector"), "objectives": N_("Specific objectives"),
        "duration_months": N_("Duration"), "start_date": N_("Start date"),
        "summary": N_("Summary"),
    },
    "plans": {
        "quality_assurance": N_("Quality assurance"), "recognition": N_("Recognition"),
        "sustainability": N_("Sustainability"), "innovation": N_("Innovation"),
    },
    "partner": {
        "id": N_("Identifier"), "name": N_("Name"), "acronym": N_("Acronym"),
        "country": N_("Country"), "city": N_("City"), "pic": N_("PIC"),
        "category": N_("Category"), "role": N_("Role"),
        "umbrella": N_("Umbrella organisation"),
        "other_ssa": N_("Takes part in another SSA proposal"),
        "sole_regulator_monopoly": N_("Sole regulator with a monopoly"),
        "contact_name": N_("Contact person"), "contact_email": N_("E-mail address"),
        "role_description": N_("Role and added value"), "expertise": N_("Expertise"),
    },
    "activity": {
        "id": N_("Identifier"), "kind": N_("Kind"), "title": N_("Title"),
        "description": N_("Description"), "lead": N_("Lead"), "partners": N_("Participants"),
        "start_month": N_("Start month"), "end_month": N_("End month"),
        "evidence": N_("Evidence of the needs"), "purpose": N_("Purpose of the mobility"),
    },
}

#: Texts longer than this are shortened in one-line output (the diff's text, the dialog's list).
SHORT = 70
_ELLIPSIS = "…"


def field_label(what: str, field: str, lang: str | None = None) -> str:
    """The name of ``field`` of a ``what`` as the wizard labels it (an unknown field: its name)."""
    label = FIELD_LABELS.get(what, {}).get(field)
    return i18n.translation(_lang(lang)).gettext(label) if label else field


def _lang(lang: str | None) -> str:
    return i18n.normalize_language(lang or i18n.current_language())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str, width: int = SHORT) -> str:
    """``text`` on one line, at most ``width`` characters (cut with an ellipsis)."""
    line = _one_line(text)
    return line if len(line) <= width else line[:width - 1].rstrip() + _ELLIPSIS


def shorten_pair(old: str, new: str, width: int = SHORT) -> tuple[str, str]:
    """Two versions of a long text, each cut to ``width`` around where they differ.

    The part both share at the start and the end is left out (shown as ``…``), so a
    word changed in the middle of a long summary is what the reader sees.
    """
    old, new = _one_line(old), _one_line(new)
    if len(old) <= width and len(new) <= width:
        return old, new
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    context = 12
    begin = max(0, start - context)
    while begin > 0 and old[begin - 1] != " " and start - begin < 2 * context:
        begin -= 1  # start the shown part at a word

    def cut(text: str) -> str:
        stop = len(text) - max(0, end - context)
        piece = text[begin:stop]
        shown = (_ELLIPSIS if begin else "") + piece
        if stop < len(text):
            shown += _ELLIPSIS
        return shown if len(shown) <= width else shown[:width - 1].rstrip() + _ELLIPSIS

    return cut(old), cut(new)


class Reader:
    """Says the changes of one comparison as a person reads them, in one language."""

    def __init__(self, comparison: Comparison, lang: str | None = None):
        self.comparison = comparison
        self.lang = _lang(lang)
        translation = i18n.translation(self.lang)
        self.gettext = translation.gettext
        self.ngettext = translation.ngettext
        self._names: list[dict[str, str] | None] = [None, None]

    # --- names ---------------------------------------------------------------------------

    def _members(self, version: int) -> dict[str, str]:
        names = self._names[version]
        if names is None:
            proposal = (self.comparison.old, self.comparison.new)[version]
            names = self._names[version] = {p.id: self._partner_name(p.id, p.name)
                                            for p in proposal.partners}
        return names

    def _partner_name(self, pid: str, name: str) -> str:
        return _one_line(name) or self.gettext("member without a name ({id})").format(id=pid)

    def record_name(self, change: Change) -> str:
        """The member's name or the activity's title, or what stands for it when empty."""
        name = _one_line(change.name or "")
        if name:
            return name
        if change.what == "partner":
            return self.gettext("member without a name ({id})").format(id=change.id)
        return self.gettext("activity without a title ({id})").format(id=change.id)

    def group_title(self, what: str) -> str:
        return self.gettext(GROUP_TITLES[what])

    def field_label(self, what: str, field: str) -> str:
        return field_label(what, field, self.lang)

    # --- values ---------------------------------------------------------------------------

    def value(self, what: str, field: str, value: Any, version: int,
              width: int | None = None) -> str:
        """One stored value as a person reads it (``version``: 0 old, 1 new)."""
        _ = self.gettext
        if value is None or value == "" or value == []:
            return _("(empty)")
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if field == "country" and isinstance(value, str):
            if countries.is_known(value):
                return f"{countries.name(value, self.lang)} ({countries.display_code(value)})"
            return _("unknown country “{code}”").format(code=value)
        if isinstance(value, str):
            coded = {"category": labels.category, "role": labels.role,
                     "sector": labels.sector, "kind": labels.activity_kind}
            if field in coded and what in ("partner", "activity", "project"):
                return coded[field](value, self.lang)
            if field == "lead" and what == "activity":
                return self._members(version).get(value) or _("unknown member ({id})").format(
                    id=value)
            return "“" + (shorten(value, width) if width else value) + "”"
        if isinstance(value, int) and field in ("start_month", "end_month"):
            return _("month {n}").format(n=value)
        if isinstance(value, int) and field == "duration_months":
            return self.ngettext("{n} month", "{n} months", value).format(n=value)
        if isinstance(value, list) and field == "objectives":
            return "; ".join(labels.objective(str(code), self.lang) for code in value)
        if isinstance(value, list) and field == "partners" and what == "activity":
            members = self._members(version)
            text = ", ".join(members.get(ref) or _("unknown member ({id})").format(id=ref)
                             for ref in value)
            return shorten(text, width) if width else text
        text = json.dumps(value, ensure_ascii=False)
        return shorten(text, width) if width else text

    def pair(self, what: str, field: str, old: Any, new: Any, width: int | None = None) -> str:
        """``old → new`` as a person reads it (``month 36 → 30``); ``width`` shortens texts."""
        if field in ("start_month", "end_month") and isinstance(old, int) and isinstance(
                new, int) and not isinstance(old, bool) and not isinstance(new, bool):
            return self.gettext("month {old} → {new}").format(old=old, new=new)
        if width and isinstance(old, str) and isinstance(new, str) and old and new and field not in (
                "country", "category", "role", "sector", "kind", "lead"):
            before, after = shorten_pair(old, new, width)
            return f"“{before}” → “{after}”"
        return f"{self.value(what, field, old, 0, width)} → {self.value(what, field, new, 1, width)}"

    def field_line(self, what: str, field: str, old: Any, new: Any,
                   width: int | None = SHORT) -> str:
        """``Country: Netherlands (NL) → Belgium (BE)``."""
        return self.gettext("{field}: {change}").format(
            field=self.field_label(what, field), change=self.pair(what, field, old, new, width))

    def headline(self, change: Change) -> str:
        """``Added: Agoria (Belgium)``, ``Removed: …``, or the record's name when changed."""
        _ = self.gettext
        name = self.record_name(change)
        if change.what == "partner" and change.change != "changed":
            proposal = self.comparison.new if change.change == "added" else self.comparison.old
            member = proposal.partner(change.id or "")
            if member is not None and countries.is_known(member.country):
                name = _("{name} ({country})").format(
                    name=name, country=countries.name(member.country, self.lang))
        if change.change == "added":
            return _("Added: {name}").format(name=name)
        if change.change == "removed":
            return _("Removed: {name}").format(name=name)
        return name

    # --- the verdict --------------------------------------------------------------------------

    def _state(self, verdict: Verdict) -> str:
        _ = self.gettext
        if not verdict.eligible:
            return _("not eligible")
        return _("eligible and complete") if verdict.complete else _("eligible but not complete")

    def verdict(self) -> str:
        """``Was eligible and complete, now not eligible: Belgium has no …``."""
        from . import messages

        _ = self.gettext
        before, after = self.comparison.verdicts
        old_state, new_state = self._state(before), self._state(after)
        reasons = list(self.comparison.new_errors)
        reason = ""
        if reasons:
            reason = messages.message(reasons[0], self.lang)
            if len(reasons) > 1:
                reason += " " + self.ngettext("(and {n} more new error)",
                                              "(and {n} more new errors)",
                                              len(reasons) - 1).format(n=len(reasons) - 1)
        if old_state == new_state:
            if reason:
                return _("Still {state}; new: {reason}").format(state=new_state, reason=reason)
            return _("Still {state}.").format(state=new_state)
        if reason:
            return _("Was {old}, now {new}: {reason}").format(old=old_state, new=new_state,
                                                              reason=reason)
        return _("Was {old}, now {new}.").format(old=old_state, new=new_state)

    def summary(self) -> str:
        """``3 changes.`` or ``No changes: the two versions have the same content.``."""
        count = len(self.comparison.changes)
        if not count:
            return self.gettext("No changes: the two versions have the same content.")
        return self.ngettext("{n} change.", "{n} changes.", count).format(n=count)

    # --- the whole, as text ---------------------------------------------------------------------

    def lines(self, old_name: str, new_name: str, width: int = SHORT) -> Iterator[str]:
        """The text of ``ssa-wizard diff``: Project, Plans, Members, Activities, Verdict."""
        _ = self.gettext
        old_print, new_print = self.comparison.fingerprints
        yield _("From {old} (version {old_print}) to {new} (version {new_print}).").format(
            old=old_name, old_print=old_print, new=new_name, new_print=new_print)
        yield self.summary()
        for what in WHATS:
            changes = self.comparison.of(what)
            if not changes:
                continue
            yield ""
            yield self.group_title(what)
            for change in changes:
                if what in ("project", "plans"):
                    for field, old, new in change.fields:
                        yield "  " + self.field_line(what, field, old, new, width)
                    continue
                yield "  " + self.headline(change)
                for field, old, new in change.fields:
                    yield "    " + self.field_line(what, field, old, new, width)
        yield ""
        yield _("Verdict")
        yield "  " + self.verdict()
