"""The proposal file as pydantic models (``shared/spec/file-format.md``, version 1).

A draft is normal: every field but ``format``, ``version`` and the list ids may be
missing or empty, and rules are checked elsewhere (``rules``), never enforced here.
Fields this version does not know are kept (``extra="allow"``) so that re-saving a
file never drops them. Codes, never display names, are stored.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import threading
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import SchemaValidator

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


# --- reading a file's JSON quickly --------------------------------------------------------


def _is_null_is_empty(function: Any) -> bool:
    return getattr(function, "__func__", None) is vars(_Record)["_null_is_empty"].__func__


def _without_null_is_empty(schema: Any) -> Any:
    """A copy of a pydantic core schema with every ``_null_is_empty`` validator left out."""
    if isinstance(schema, dict):
        if (schema.get("type") == "function-before"
                and _is_null_is_empty((schema.get("function") or {}).get("function"))):
            return _without_null_is_empty(schema["schema"])
        return {key: _without_null_is_empty(value) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_without_null_is_empty(item) for item in schema]
    return schema


_READER_LOCK = threading.Lock()


@functools.cache
def _reader_without_nulls() -> SchemaValidator:
    schema = _without_null_is_empty(Proposal.__pydantic_core_schema__)
    # pydantic-core builds a model's schema from the model's own validator when the
    # class is complete (its "prebuilt" shortcut), which would bring the calls back:
    # the classes pass for incomplete while this one is built, once per process.
    classes = [Proposal, Project, Partner, Activity, Plans]
    with _READER_LOCK:
        try:
            for cls in classes:
                type.__setattr__(cls, "__pydantic_complete__", False)
            return SchemaValidator(schema)
        finally:
            for cls in classes:
                type.__setattr__(cls, "__pydantic_complete__", True)


def validate_json_without_nulls(data: bytes | str) -> Proposal:
    """``Proposal.model_validate_json(data, strict=True)`` for the files this program writes.

    About twice as fast: half of pydantic's work on a file is calling ``_null_is_empty``
    once per field, in Python, only to find no null. This reads with the same schema
    minus those calls, so a null where the field takes none (``"name": null``) raises
    ``ValidationError`` instead of reading as empty: call ``model_validate_json`` then.
    Whatever it accepts it reads exactly as ``model_validate_json`` does, since there
    ``_null_is_empty`` changes nothing but nulls (a null in an optional field, such as
    ``duration_months``, is no error and stays ``None`` either way).
    """
    return _reader_without_nulls().validate_json(data, strict=True)


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
