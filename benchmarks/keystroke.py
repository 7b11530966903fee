"""Keystroke -> consortium panel redrawn, in the real window, offscreen.

    .venv/bin/python benchmarks/keystroke.py PROPOSAL.ssa.json [--keys 60] [--flips 30] [--profile OUT]

Builds ``MainWindow`` on the proposal, opens the Partners page on one member and
times two kinds of edit, each from the input event to the first frame that shows
its result (the re-check delivered to every page and the panel, and the repaint
that follows, when something on the panel changed):

``type``  a character typed into the member's name field (``QTest.keyClick`` on the
          input the page gives for ``field_widget("name")``, the pages' documented way
          to their inputs: the path of a real keystroke, table and form included);
``flip``  the category of a country's only regulator switched back and forth
          through the session (``Session.set_partner_field``), which flips a grid
          cell and the verdict, so the panel must repaint.

"Redrawn" is observed, not assumed: an event filter on the panel and all its
descendants records Paint events, and the timing of an edit ends after the event
loop pass that painted (or, when the panel had nothing to redraw, after the pass
that would have painted). Prints one JSON object: the times in milliseconds and
how many of the edits repainted the panel. Run by ``benchmarks/run.py``.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

#: Event-loop passes after the report arrived in which a repaint may still come.
_SETTLE_PASSES = 3


class _PaintWatch(QObject):
    """Counts Paint events of the panel and everything inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0
        self._watched: set[int] = set()

    def watch(self, root: QWidget) -> None:
        for widget in [root, *root.findChildren(QWidget)]:
            if id(widget) not in self._watched:
                self._watched.add(id(widget))
                widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def _pass(app: QApplication) -> None:
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
    app.sendPostedEvents()


def measure(path: str, keys: int, flips: int, profile: str | None = None) -> dict:
    app = QApplication.instance() or QApplication([sys.argv[0]])
    from ssa_wizard import storage
    from ui.main_window import MainWindow

    QCoreApplication.setOrganizationName("ssa-wizard-bench")
    settings_file = Path(tempfile.mkdtemp(prefix="ssa-bench-")) / "settings.ini"
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    loaded = storage.load(path)
    window.session.load(loaded.proposal, path)
    window.resize(1280, 800)
    window.show()
    QTest.qWaitForWindowExposed(window)
    page = window.go_to("partners")
    proposal = window.session.proposal
    member = proposal.partners[len(proposal.partners) // 2]
    original_name = member.name
    page.select_member(member.id)
    # The page's stable API (ui/wizard/base.py), not the name of a widget inside it.
    edit = page.field_widget("name")
    if edit is None:
        raise SystemExit("the Partners page has no input for the member's name")
    edit.setFocus()
    edit.end(False)
    for _ in range(10):
        _pass(app)

    watch = _PaintWatch()
    arrived: list[float] = []
    window.session.report_changed.connect(lambda _report: arrived.append(time.perf_counter()))

    def one(action) -> tuple[float, bool]:
        watch.watch(window.panel)  # rows may have been added: watch them too
        arrived.clear()
        paints_before = watch.paints
        start = time.perf_counter()
        action()
        end = None
        deadline = start + 5.0
        while not arrived and time.perf_counter() < deadline:
            _pass(app)
        if not arrived:
            raise SystemExit("no report arrived within 5 s of the edit")
        end = time.perf_counter()
        painted_at = watch.paints
        for _ in range(_SETTLE_PASSES):
            _pass(app)
            if watch.paints != painted_at:
                painted_at = watch.paints
                end = time.perf_counter()
        if watch.paints == paints_before:  # nothing to redraw: one pass shows the frame
            end = max(end, arrived[-1])
        return (end - start) * 1000.0, watch.paints != paints_before

    # A country whose only full regulator can flip a cell (and the verdict). In a
    # large alliance every country may have several: then the others of the country
    # with the fewest become "other" first, untimed, through the session.
    regulators: dict[str, list] = {}
    for p in proposal.partners:
        if p.role != "associated" and p.category == "regulatory_body":
            regulators.setdefault(p.country, []).append(p)
    umbrella_countries = {p.country for p in proposal.partners if p.umbrella}
    candidates = sorted((len(ps), code) for code, ps in regulators.items()
                        if code not in umbrella_countries)
    if not candidates:
        raise SystemExit("no country without an umbrella has a full regulator to flip")
    sole, *others = regulators[candidates[0][1]]
    for other in others:
        window.session.set_partner_field(other.id, "category", "other")

    def type_key(n: int) -> None:
        QTest.keyClick(edit, Qt.Key.Key_Backspace if n % 5 == 4 else Qt.Key.Key_A + n % 26)

    def flip(n: int) -> None:
        window.session.set_partner_field(
            sole.id, "category", "other" if n % 2 == 0 else "regulatory_body")

    for n in range(5):  # warm up both paths (first-use imports, caches of Qt)
        one(lambda n=n: type_key(n))
        one(lambda n=n: flip(n))
    if sole.category != "regulatory_body":
        one(lambda: flip(1))

    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    typed = [one(lambda n=n: type_key(n)) for n in range(keys)]
    flipped = [one(lambda n=n: flip(n)) for n in range(flips)]
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    typed_name = window.session.proposal.partner(member.id).name
    window.hide()  # not close(): that would ask whether to save the edits
    return {
        "members": len(proposal.partners),
        "type_ms": [t for t, _p in typed],
        "type_panel_repaints": sum(p for _t, p in typed),
        "flip_ms": [t for t, _p in flipped],
        "flip_panel_repaints": sum(p for _t, p in flipped),
        "typed_into": member.id,
        # Proof that the keys reached the proposal through the form and the session.
        "typed_chars": len(typed_name) - len(original_name),
        "flipped": sole.id,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("proposal")
    parser.add_argument("--keys", type=int, default=60)
    parser.add_argument("--flips", type=int, default=30)
    parser.add_argument("--profile", help="write cProfile stats of the timed edits here")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.proposal, args.keys, args.flips, args.profile)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
