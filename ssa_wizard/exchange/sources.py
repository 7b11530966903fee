"""What an import reads, and its plan: the one orchestration the CLI and the wizard share.

``read_sources`` reads sheets and partner cards (a card by its name,
``*.ssa-partner.json``, everything else as a sheet told apart by content);
``plan_sources`` turns what was read into one merge plan. Kept out of the package's
``__init__`` because it sits above both sheets and cards (``ssa_wizard.cards``
builds on ``exchange.plan``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import cards
from ..model import Proposal
from ..storage import FileRefused
from .columns import ColumnMapping
from .plan import Candidate, MergePlan, build_plan, plan_sheet, sheet_candidates
from .sheets import Cancelled, Progress, Sheet, SheetError, read_sheet


@dataclass
class Sources:
    """What was read: sheets and cards (in the order given), and the files that failed."""

    items: list[Sheet | cards.Card] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def notes(self) -> list[str]:
        """One line per text of a card that held a character no file can hold (a part
        of a broken emoji), replaced on reading: which file, which field."""
        return [repair.message(item.source) for item in self.items
                if isinstance(item, cards.Card) for repair in item.repairs]

    @property
    def single_sheet(self) -> Sheet | None:
        """The sheet, when exactly one sheet and nothing else was read (it gets a mapping step)."""
        if len(self.items) == 1 and isinstance(self.items[0], Sheet):
            return self.items[0]
        return None


def read_sources(paths: Sequence[str], progress: Progress | None = None,
                 cancelled: Cancelled | None = None, *, keep_going: bool = True) -> Sources:
    """Read sheets and cards in the order given.

    A file that cannot be read raises its ``FileRefused`` when it is the only one or
    when ``keep_going`` is false (the command line refuses the whole import); otherwise
    it is listed in ``errors`` and the rest go on (the wizard shows what it could read).
    """
    sources = Sources()
    for path in paths:
        try:
            if cards.is_card_file(path):
                sources.items.append(cards.load_card(path))
            else:
                sources.items.append(read_sheet(path, progress=progress, cancelled=cancelled))
        except FileRefused as exc:
            if len(paths) == 1 or not keep_going:
                raise
            sources.errors.append(str(exc))
    return sources


def plan_sources(proposal: Proposal, sources: Sources, mapping: ColumnMapping | None = None,
                 progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> tuple[MergePlan, list[str]]:
    """The merge plan of what was read, and the sheets that gave no rows (their messages).

    A single sheet is planned with ``mapping`` (the guessed one when ``None``); several
    files are planned together with each sheet's own guessed mapping.
    """
    sheet = sources.single_sheet
    if sheet is not None:
        return plan_sheet(proposal, sheet, mapping, progress=progress, cancelled=cancelled), []
    candidates: list[Candidate] = []
    errors: list[str] = []
    for item in sources.items:
        if isinstance(item, cards.Card):
            candidates.append(item.candidate())
            continue
        try:
            candidates.extend(sheet_candidates(item, progress=progress, cancelled=cancelled))
        except SheetError as exc:
            errors.append(str(exc))
    return build_plan(proposal, candidates, progress=progress, cancelled=cancelled), errors
