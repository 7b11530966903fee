"""Partner cards: one organisation's details in a small file, ``NAME.ssa-partner.json``.

A partner fills in a card (the wizard's "my organisation" mode) and e-mails it to the
coordinator, who drops it on the partners page: cards merge like the rows of a sheet,
with the same per-card findings (``ssa_wizard.exchange``). The shape::

    {"format": "ssa-partner", "version": 1, "partner": {...Partner fields, no id...}}

Fields this version does not know are kept, in the partner and around it. Values are
read as leniently as sheet cells (``"Duitsland"`` is Germany), with findings rather
than refusals; only a file that is no card at all is refused, with ``CardRefused``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .exchange.plan import (
    NEWER_CARD,
    SEVERITY,
    Candidate,
    ImportFinding,
    MergePlan,
    build_plan,
    interpret,
)
from .exchange.sheets import Cancelled, Progress
from .i18n import _
from .model import Partner, Proposal
from .storage import (FileRefused, JsonProblem, Repair, read_json, read_regular, refusing,
                      safe_stem, write_bytes_atomic)

FORMAT = "ssa-partner"
#: The newest card version this program reads and writes.
VERSION = 1
SUFFIX = ".ssa-partner.json"
#: Cards are small; a bigger file is not a card (and would be slow to read).
MAX_BYTES = 1_000_000


class CardRefused(FileRefused):
    """A file that is not a readable partner card; ``str(exc)`` is one line for the user."""


@dataclass(frozen=True)
class Card:
    """A partner card as read: the partner's raw fields and anything else the file held."""

    source: str
    version: int
    #: The ``partner`` object as written in the file (codes or words, as the card has them).
    data: dict[str, Any]
    #: Top-level fields besides format, version and partner (kept when the card is re-saved).
    extra: dict[str, Any] = field(default_factory=dict)
    #: Texts that held characters no file can hold (lone surrogates), now U+FFFD:
    #: ``Repair.message(path)`` is one line for the user about each.
    repairs: tuple[Repair, ...] = ()

    def candidate(self) -> Candidate:
        """The card as a merge candidate, with its findings (the same as a sheet row's)."""
        known = {k: v for k, v in self.data.items() if k in Partner.model_fields and k != "id"}
        unknown = {k: v for k, v in self.data.items() if k not in Partner.model_fields}
        cand = interpret(known, source=self.source, extra=unknown)
        if self.version > VERSION:
            cand.findings.append(ImportFinding(
                code=NEWER_CARD, severity=SEVERITY[NEWER_CARD], source=self.source,
                params={"version": self.version}))
        return cand

    def partner(self, partner_id: str = "card") -> tuple[Partner, list[ImportFinding]]:
        """The card's organisation as a Partner (for editing it), and what could not be read.

        Values that could not be understood are left out of the Partner and named in
        the findings, so the caller can tell the user.
        """
        cand = self.candidate()
        partner = Partner(**{**cand.extra, **cand.values, "id": partner_id})
        return partner, cand.findings


def card_data(partner: Partner, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON object of a card for ``partner`` (its id left out: ids belong to a proposal)."""
    fields = partner.model_dump(mode="json")
    fields.pop("id", None)
    return {**(extra or {}), "format": FORMAT, "version": VERSION, "partner": fields}


def card_bytes(partner: Partner, extra: dict[str, Any] | None = None) -> bytes:
    return (json.dumps(card_data(partner, extra), ensure_ascii=False, indent=2) + "\n").encode()


def save_card(partner: Partner, path: str | Path, extra: dict[str, Any] | None = None) -> None:
    """Write ``partner`` as a card to ``path``, atomically (the old file stays whole on failure)."""
    write_bytes_atomic(path, card_bytes(partner, extra))


def card_file_name(partner: Partner) -> str:
    """A file name to offer when saving a card: ``ROC Midden Nederland.ssa-partner.json``."""
    return safe_stem(partner.acronym, partner.name, fallback=_("partner")) + SUFFIX


def parse_card(data: bytes | str, name: str | Path = "card") -> Card:
    """Read the bytes or text of a card; raise ``CardRefused`` when it is no card."""
    label = Path(name).name
    try:
        content, repairs = read_json(data)
    except JsonProblem as exc:
        if exc.empty:
            raise CardRefused(name, exc.problem) from None
        raise CardRefused(name, _("not a partner card: {problem}").format(problem=exc.problem)) from None
    if not isinstance(content, dict) or "format" not in content:
        raise CardRefused(name, _('not a partner card (no "format" field)'))
    if content["format"] != FORMAT:
        if content["format"] == "ssa-proposal":
            raise CardRefused(name, _(
                "this is a proposal, not a partner card; open it with SSA Wizard instead"))
        raise CardRefused(name, _('not a partner card (format is “{found}”, expected “{expected}”)').format(
            found=content["format"], expected=FORMAT))
    version = content.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CardRefused(name, _('"version" must be a whole number of at least 1'))
    partner = content.get("partner")
    if not isinstance(partner, dict):
        raise CardRefused(name, _('the card holds no organisation (no "partner" object)'))
    extra = {k: v for k, v in content.items() if k not in ("format", "version", "partner")}
    return Card(source=label, version=version, data=partner, extra=extra, repairs=repairs)


def load_card(path: str | Path) -> Card:
    """Read the card at ``path`` (see ``parse_card``)."""
    path = Path(path)
    with refusing(path, CardRefused):
        raw, _status = read_regular(path, MAX_BYTES)
    return parse_card(raw, path)


def is_card_file(path: str | Path) -> bool:
    """Whether ``path`` is named like a card (for telling cards from sheets by name)."""
    return str(path).lower().endswith(SUFFIX)


def plan_cards(proposal: Proposal, cards: Iterable[Card], *, progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> MergePlan:
    """The merge plan of one or more cards: new members, updates, and per-card findings."""
    return build_plan(proposal, [card.candidate() for card in cards],
                      progress=progress, cancelled=cancelled)
