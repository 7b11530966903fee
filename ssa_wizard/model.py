"""The proposal file as pydantic models (``shared/spec/file-format.md``, version 1).

A draft is normal: every field but ``format``, ``version`` and the list ids may be
missing or empty, and rules are checked elsewhere (``rules``), never enforced here.
Fields this version does not know are kept (``extra="allow"``) so that re-saving a
file never drops them. Codes, never display names, are stored.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from .countries import normalize_code

FORMAT: Literal["ssa-proposal"] = "ssa-proposal"
#: The newest file version this program reads and writes.
VERSION = 1

Category = Literal["vet_provider", "sector_expertise", "regulatory_body", "other", ""]
Role = Literal["applicant", "full", "associated"]

CATEGORIES: tuple[str, ...] = ("vet_provider", "sector_expertise", "regulatory_body", "other")
#: The three categories every involved country needs (E-COUNTRY-TRIO).
TRIO: tuple[str, ...] = ("vet_provider", "sector_expertise", "regulatory_body")
ROLES: tuple[str, ...] = ("applicant", "full", "associated")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Record(BaseModel):
    """Base of every record: keeps unknown fields, treats null texts as empty."""

    model_config = ConfigDict(extra="allow", validate_assignment=True)

    @field_validator("*", mode="before")
    @classmethod
    def _null_is_empty(cls, value: Any, info: ValidationInfo) -> Any:
        # A null in a draft means "not filled in": an empty text, an empty list, false.
        if value is None and info.field_name is not None:
            field = cls.model_fields[info.field_name]
            if not field.is_required() and type(None) not in get_args(field.annotation):
                return field.get_default(call_default_factory=True)
        return value


class Project(_Record):
    title: str = ""
    acronym: str = ""
    sector: str = ""
    objectives: list[str] = Field(default_factory=list)
    duration_months: int | None = Field(default=None, ge=1, le=120)
    start_date: str = ""
    summary: str = ""

    @field_validator("start_date")
    @classmethod
    def _iso_date(cls, value: str) -> str:
        value = value.strip()
        if value:
            # Only the form the format names: fromisoformat also takes 20270101 and 2027-W01-1.
            try:
                if not _DATE.fullmatch(value):
                    raise ValueError
                _dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError("not a date of the form YYYY-MM-DD") from None
        return value


class Partner(_Record):
    id: str = Field(min_length=1)
    name: str = ""
    acronym: str = ""
    country: str = ""
    city: str = ""
    pic: str = ""
    category: Category = ""
    role: Role = "full"
    umbrella: bool = False
    other_ssa: bool = False
    sole_regulator_monopoly: bool = False
    contact_name: str = ""
    contact_email: str = ""
    role_description: str = ""
    expertise: str = ""

    @field_validator("country", mode="before")
    @classmethod
    def _iso_country(cls, value: Any) -> Any:
        # EL and UK, the EU's spellings, are stored as ISO GR and GB.
        return normalize_code(value) if isinstance(value, str) else value

    @field_validator("role", mode="before")
    @classmethod
    def _empty_role_is_full(cls, value: Any) -> Any:
        return "full" if value == "" else value


class Activity(_Record):
    id: str = Field(min_length=1)
    kind: str = ""
    title: str = ""
    description: str = ""
    lead: str = ""
    partners: list[str] = Field(default_factory=list)
    start_month: int | None = None
    end_month: int | None = None
    evidence: str = ""
    #: How a mobility activity serves the project's objectives (C-MOBILITY-PURPOSE).
    purpose: str = ""


class Plans(_Record):
    quality_assurance: str = ""
    recognition: str = ""
    sustainability: str = ""
    innovation: str = ""


class Proposal(_Record):
    format: Literal["ssa-proposal"]
    version: int = Field(strict=True)  # never "1" or true: a file must say 1
    rulebook: str = "ssa-2014"
    language: str = "en"
    project: Project = Field(default_factory=Project)
    partners: list[Partner] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    plans: Plans = Field(default_factory=Plans)

    @field_validator("rulebook")
    @classmethod
    def _empty_rulebook_is_the_default(cls, value: str) -> str:
        # A draft may leave it empty, like any text; the call it was made for is the default.
        return value.strip() or "ssa-2014"

    @field_validator("partners", "activities")
    @classmethod
    def _unique_ids(cls, items: list[Any]) -> list[Any]:
        # Activities refer to partners by id: two records with one id would be ambiguous.
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise ValueError(f"the id {item.id!r} is used twice")
            seen.add(item.id)
        return items

    @classmethod
    def new(cls, *, language: str = "en", rulebook: str = "ssa-2014") -> "Proposal":
        """An empty draft of the current version, with a sensible duration."""
        return cls(
            format=FORMAT,
            version=VERSION,
            rulebook=rulebook,
            language=language,
            project=Project(duration_months=36),
        )

    def partner(self, partner_id: str) -> Partner | None:
        """The member with ``partner_id``, or ``None``."""
        for member in self.partners:
            if member.id == partner_id:
                return member
        return None

    def activity(self, activity_id: str) -> Activity | None:
        for activity in self.activities:
            if activity.id == activity_id:
                return activity
        return None

    def to_json(self) -> str:
        """The file's text: pretty, UTF-8 friendly, unknown fields kept."""
        return self.model_dump_json(indent=2) + "\n"


def next_id(prefix: str, taken: list[str] | set[str]) -> str:
    """A fresh id like ``p7`` that is not in ``taken`` (ids stay stable across edits)."""
    return fresh_ids(prefix, taken, 1)[0]


def fresh_ids(prefix: str, taken: list[str] | set[str], count: int) -> list[str]:
    """``count`` fresh ids not in ``taken``, in one pass (for imports of many members)."""
    taken = set(taken)
    n = len(taken)
    ids: list[str] = []
    while len(ids) < count:
        n += 1
        candidate = f"{prefix}{n}"
        if candidate not in taken:
            ids.append(candidate)
    return ids
