"""Rulebooks: the parameters of a call (countries, sectors, minimums), as data.

A rulebook is a JSON file under ``resources/rulebooks/``. Every parameter carries
its source, so the wizard and the PDF can say where a figure comes from. Which
rules a call applies is data too (``rules``); the logic of each rule lives in
``ssa_wizard.rules``. Adding a call is a new file, plus one function per new rule.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field

from .i18n import N_
from .resources import resource_path

#: The titles of the shipped rulebooks (resources/rulebooks/*.json), marked here so that
#: the catalogues translate them; they are translated where they are shown.
TITLES = (N_("Sector Skills Alliances, calls 2014 and 2015"),)


class RulebookError(Exception):
    """A rulebook that is missing or malformed."""


@dataclass(frozen=True)
class Rulebook:
    id: str
    title: str
    programme_countries: frozenset[str]
    eu_member_states: frozenset[str]
    minimum_countries: int
    minimum_eu_member_states: int
    minimum_full_participants: int
    sectors: tuple[str, ...]
    objectives: tuple[str, ...]
    activity_kinds: tuple[str, ...]
    core_activity_kinds: frozenset[str]
    curriculum_activity_kinds: frozenset[str]
    rules: tuple[str, ...]
    sources: dict[str, str] = field(default_factory=dict)
    #: The raw parameter entries, with their ``source`` and ``quote``.
    parameters: dict[str, dict] = field(default_factory=dict)

    def is_programme_country(self, code: str) -> bool:
        return code in self.programme_countries

    def is_eu_member(self, code: str) -> bool:
        return code in self.eu_member_states

    def source_of(self, parameter: str) -> str:
        """The citation of a parameter, for explanations."""
        entry = self.parameters.get(parameter, {})
        return self.sources.get(entry.get("source", ""), entry.get("source", ""))


_PARAMETERS = (
    "programme_countries", "eu_member_states", "minimum_countries",
    "minimum_eu_member_states", "minimum_full_participants", "sectors",
    "objectives", "activity_kinds", "core_activity_kinds", "curriculum_activity_kinds",
)


def available() -> list[str]:
    """The ids of the rulebooks that ship."""
    return sorted(p.name.removesuffix(".json") for p in resource_path("rulebooks").glob("*.json"))


@functools.cache
def load(rulebook_id: str) -> Rulebook:
    """Load a shipped rulebook by id (``ssa-2014``); raise RulebookError if unknown."""
    if rulebook_id not in available():
        raise RulebookError(f"unknown rulebook {rulebook_id!r} (known: {', '.join(available())})")
    path = resource_path("rulebooks", rulebook_id + ".json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        params = {name: data[name] for name in _PARAMETERS}
        values = {name: entry["value"] for name, entry in params.items()}
        return Rulebook(
            id=data["id"],
            title=data.get("title", data["id"]),
            programme_countries=frozenset(values["programme_countries"]),
            eu_member_states=frozenset(values["eu_member_states"]),
            minimum_countries=int(values["minimum_countries"]),
            minimum_eu_member_states=int(values["minimum_eu_member_states"]),
            minimum_full_participants=int(values["minimum_full_participants"]),
            sectors=tuple(values["sectors"]),
            objectives=tuple(values["objectives"]),
            activity_kinds=tuple(values["activity_kinds"]),
            core_activity_kinds=frozenset(values["core_activity_kinds"]),
            curriculum_activity_kinds=frozenset(values["curriculum_activity_kinds"]),
            rules=tuple(data["rules"]),
            sources=dict(data.get("sources", {})),
            parameters=params,
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RulebookError(f"rulebook {rulebook_id!r} is malformed: {exc}") from exc
