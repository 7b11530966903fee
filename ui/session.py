"""The one owner of the proposal being edited, and of its latest Report.

Pages never keep their own copy of the data and never decide eligibility: they
edit through the Session and redraw from its signals. Every edit re-checks the
proposal, coalesced by a zero-delay timer so that several edits in one event-loop
turn cost one check; ``check_now()`` forces it (before saving or printing, and in
tests).

A field edit, its undo and its redo also say which field of which record they set
(``field_changed``, just before ``proposal_changed``): the views then update that
one record, so a keystroke costs the same with 1,000 members as with 9.

Every edit is a step on one ``QUndoStack``, so undo always walks back through
exactly the states the user saw. Field edits are small commands; consecutive edits
of the same field merge into one step (typing a name is one undo). Structural
edits (adding, removing, moving, duplicating, importing members and activities)
are snapshots of both lists, which keeps them consistent: removing a member also
drops it from the activities, and undo restores both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ssa_wizard.i18n import _
from ssa_wizard.model import Activity, Partner, Proposal, fresh_ids, next_id
from ssa_wizard.rules import Report, check

_Lists = tuple[list[Partner], list[Activity]]


def _copy_lists(proposal: Proposal) -> _Lists:
    return ([p.model_copy(deep=True) for p in proposal.partners],
            [a.model_copy(deep=True) for a in proposal.activities])


class _FieldCommand(QUndoCommand):
    """Set one field of one record; consecutive edits of that field merge."""

    ID = 1

    def __init__(self, session: "Session", where: tuple[str, str], name: str,
                 old: Any, new: Any):
        super().__init__(_("Edit"))
        self._session, self._where, self._name = session, where, name
        self._old, self._new = old, new
        self._pushed = False  # the first redo is the edit itself, the later ones Redo

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, _FieldCommand) or (other._where, other._name) != (
                self._where, self._name):
            return False
        self._new = other._new
        return True

    def redo(self) -> None:
        self._session._apply_field(self._where, self._name, self._new)
        if self._pushed:
            self._session.replayed.emit(*self._where, self._name)
        self._pushed = True

    def undo(self) -> None:
        self._session._apply_field(self._where, self._name, self._old)
        self._session.replayed.emit(*self._where, self._name)


class _SnapshotCommand(QUndoCommand):
    """An undo step that swaps the partner and activity lists between two snapshots."""

    def __init__(self, session: "Session", text: str, before: _Lists, after: _Lists):
        super().__init__(text)
        self._session = session
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._session._restore(self._after)

    def undo(self) -> None:
        self._session._restore(self._before)


class Session(QObject):
    """The current proposal, its file state and its Report."""

    #: Any change to the proposal's data.
    proposal_changed = Signal()
    #: One field of one record was set (an edit, its undo or redo): the kind of record
    #: (``partner``, ``activity``, ``project``, ``plans``, ``proposal``), its id (``""``
    #: for the last three) and the field's name. Emitted right before the
    #: ``proposal_changed`` of the same change, so that a view can update that one
    #: record instead of comparing all of them.
    field_changed = Signal(str, str, str)
    #: An Undo or Redo set that field of that record (kind, id, name, as
    #: ``field_changed``): the window shows where, since the user may be elsewhere.
    replayed = Signal(str, str, str)
    #: Members or activities were added, removed, reordered, or the proposal replaced.
    structure_changed = Signal()
    #: A new Report, after a re-check.
    report_changed = Signal(object)
    dirty_changed = Signal(bool)
    path_changed = Signal(object)
    read_only_changed = Signal(bool)
    #: The whole proposal was replaced (New, Open, restore).
    proposal_replaced = Signal()
    #: Records were removed by the user (kind "partner" or "activity", their names or
    #: titles): the window says which, and that Undo brings them back.
    records_removed = Signal(str, list)

    def __init__(self, proposal: Proposal | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._proposal = proposal or Proposal.new()
        self._report = check(self._proposal)
        self._path: Path | None = None
        self._dirty = False
        self._read_only = False
        self.undo_stack = QUndoStack(self)
        # Undoing back to the saved state makes the proposal clean again (no "*").
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(0)
        self._recheck.timeout.connect(self.check_now)

    # --- state ------------------------------------------------------------------

    @property
    def proposal(self) -> Proposal:
        return self._proposal

    @property
    def report(self) -> Report:
        return self._report

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def read_only(self) -> bool:
        return self._read_only

    def load(self, proposal: Proposal, path: str | Path | None = None, *,
             read_only: bool = False, dirty: bool = False) -> None:
        """Replace the whole proposal (New, Open, restore from recovery)."""
        self._proposal = proposal
        self.undo_stack.clear()
        if dirty:
            self.undo_stack.resetClean()  # recovered work: no state of the stack is on disk
        self._set_path(Path(path) if path else None)
        if read_only != self._read_only:
            self._read_only = read_only
            self.read_only_changed.emit(read_only)
        self._set_dirty(dirty)
        self.proposal_replaced.emit()
        self.structure_changed.emit()
        self.proposal_changed.emit()
        self.check_now()

    def mark_saved(self, path: str | Path) -> None:
        """The proposal was written to ``path``: it is clean, and writable there."""
        self._set_path(Path(path))
        if self._read_only:
            self._read_only = False
            self.read_only_changed.emit(False)
        self.undo_stack.setClean()
        self._set_dirty(False)

    def _set_path(self, path: Path | None) -> None:
        if path != self._path:
            self._path = path
            self.path_changed.emit(path)

    def _clean_changed(self, clean: bool) -> None:
        self._set_dirty(not clean)

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def check_now(self) -> Report:
        """Re-check at once and emit the new Report."""
        self._recheck.stop()
        self._report = check(self._proposal)
        self.report_changed.emit(self._report)
        return self._report

    def _changed(self, structure: bool = False,
                 field: tuple[str, str, str] | None = None) -> None:
        self._set_dirty(True)
        if structure:
            self.structure_changed.emit()
        if field is not None:
            self.field_changed.emit(*field)
        self.proposal_changed.emit()
        self._recheck.start()

    # --- field edits ---------------------------------------------------------------

    def _record(self, where: tuple[str, str]) -> Any:
        kind, record_id = where
        if kind == "partner":
            return self._proposal.partner(record_id)
        if kind == "activity":
            return self._proposal.activity(record_id)
        return {"proposal": self._proposal, "project": self._proposal.project,
                "plans": self._proposal.plans}[kind]

    def _set(self, where: tuple[str, str], name: str, value: Any) -> None:
        record = self._record(where)
        if record is not None and getattr(record, name) != value:
            self.undo_stack.push(_FieldCommand(self, where, name, getattr(record, name), value))

    def _apply_field(self, where: tuple[str, str], name: str, value: Any) -> None:
        record = self._record(where)
        if record is not None:
            setattr(record, name, value)
            self._changed(field=(*where, name))

    def set_proposal_field(self, name: str, value: Any) -> None:
        """Top-level fields such as ``language``."""
        self._set(("proposal", ""), name, value)

    def set_project_field(self, name: str, value: Any) -> None:
        self._set(("project", ""), name, value)

    def set_plans_field(self, name: str, value: Any) -> None:
        self._set(("plans", ""), name, value)

    def set_partner_field(self, partner_id: str, name: str, value: Any) -> None:
        self._set(("partner", partner_id), name, value)

    def set_activity_field(self, activity_id: str, name: str, value: Any) -> None:
        self._set(("activity", activity_id), name, value)

    # --- structural edits, each one undo step ----------------------------------------

    def _structural(self, text: str, mutate: Callable[[Proposal], None]) -> None:
        before = _copy_lists(self._proposal)
        mutate(self._proposal)
        after = _copy_lists(self._proposal)
        # push() calls redo(), which restores `after`: the same content, so no harm.
        self.undo_stack.push(_SnapshotCommand(self, text, before, after))

    def _restore(self, lists: _Lists) -> None:
        partners, activities = lists
        self._proposal.partners = [p.model_copy(deep=True) for p in partners]
        self._proposal.activities = [a.model_copy(deep=True) for a in activities]
        self._changed(structure=True)

    def add_partner(self, partner: Partner | None = None, index: int | None = None,
                    text: str | None = None) -> str:
        """Add a member (a new empty one by default); return its id."""
        new_id = next_id("p", [p.id for p in self._proposal.partners])
        partner = (partner.model_copy(update={"id": new_id}) if partner is not None
                   else Partner(id=new_id))

        def mutate(proposal: Proposal) -> None:
            at = len(proposal.partners) if index is None else index
            proposal.partners.insert(at, partner)

        self._structural(text or _("Add member"), mutate)
        return new_id

    def duplicate_partner(self, partner_id: str) -> str | None:
        """Add a copy of a member right after it (with no PIC, which must be unique)."""
        source = self._proposal.partner(partner_id)
        if source is None:
            return None
        index = self._proposal.partners.index(source) + 1
        copy = source.model_copy(deep=True, update={"pic": "", "role": (
            "full" if source.role == "applicant" else source.role)})
        return self.add_partner(copy, index, text=_("Duplicate member"))

    def remove_partners(self, partner_ids: Iterable[str]) -> None:
        """Remove members, and drop them from the activities that name them."""
        ids = set(partner_ids)
        if not ids:
            return

        def mutate(proposal: Proposal) -> None:
            proposal.partners = [p for p in proposal.partners if p.id not in ids]
            for activity in proposal.activities:
                if activity.lead in ids:
                    activity.lead = ""
                activity.partners = [pid for pid in activity.partners if pid not in ids]

        names = [p.name for p in self._proposal.partners if p.id in ids]
        self._structural(_("Remove member") if len(ids) == 1 else _("Remove members"), mutate)
        self.records_removed.emit("partner", names)

    def move_partner(self, partner_id: str, index: int) -> None:
        self._move(self._proposal.partners, partner_id, index, _("Move member"))

    def add_activity(self, activity: Activity | None = None, index: int | None = None,
                     text: str | None = None) -> str:
        new_id = next_id("a", [a.id for a in self._proposal.activities])
        activity = (activity.model_copy(update={"id": new_id}) if activity is not None
                    else Activity(id=new_id))

        def mutate(proposal: Proposal) -> None:
            at = len(proposal.activities) if index is None else index
            proposal.activities.insert(at, activity)

        self._structural(text or _("Add activity"), mutate)
        return new_id

    def duplicate_activity(self, activity_id: str) -> str | None:
        source = self._proposal.activity(activity_id)
        if source is None:
            return None
        index = self._proposal.activities.index(source) + 1
        return self.add_activity(source.model_copy(deep=True), index, text=_("Duplicate activity"))

    def remove_activities(self, activity_ids: Iterable[str]) -> None:
        ids = set(activity_ids)
        if ids:
            titles = [a.title for a in self._proposal.activities if a.id in ids]
            self._structural(_("Remove activity"), lambda proposal: setattr(
                proposal, "activities", [a for a in proposal.activities if a.id not in ids]))
            self.records_removed.emit("activity", titles)

    def move_activity(self, activity_id: str, index: int) -> None:
        self._move(self._proposal.activities, activity_id, index, _("Move activity"))

    def _move(self, items: list, item_id: str, index: int, text: str) -> None:
        ids = [item.id for item in items]
        if item_id not in ids:
            return
        index = max(0, min(index, len(items) - 1))
        if ids.index(item_id) == index:
            return

        def mutate(proposal: Proposal) -> None:
            # Find the list again on the proposal: `items` may be stale after a restore.
            current = (proposal.partners if items and isinstance(items[0], Partner)
                       else proposal.activities)
            item = next(i for i in current if i.id == item_id)
            current.remove(item)
            current.insert(index, item)

        self._structural(text, mutate)

    def merge_partners(self, new: Iterable[Partner], updates: dict[str, dict[str, Any]],
                       text: str | None = None) -> list[str]:
        """Add ``new`` members and apply ``updates`` (id -> fields) as one undo step."""
        new = list(new)
        added: list[str] = []

        def mutate(proposal: Proposal) -> None:
            ids = fresh_ids("p", [p.id for p in proposal.partners], len(new))
            added.extend(ids)
            proposal.partners.extend(
                partner.model_copy(update={"id": new_id}) for partner, new_id in zip(new, ids, strict=True))
            for partner_id, fields in updates.items():
                target = proposal.partner(partner_id)
                if target is not None:
                    for name, value in fields.items():
                        setattr(target, name, value)

        if new or updates:
            self._structural(text or _("Import members"), mutate)
        return added
