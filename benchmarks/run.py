"""``make bench``: how SSA Wizard performs what it exists for, against baselines.

    .venv/bin/python benchmarks/run.py [--runs 11] [--only startup,pdf,...] [--no-write]
    .venv/bin/python benchmarks/run.py --smoke --json OUT.json   # what `make test` runs

Every figure is the median of at least 10 runs, ours and the baseline ALTERNATING
(ours, baseline, ours, baseline, ...), so that a slow moment of the machine hits
both alike. Rows (the goals are those of issues #9 and #14):

startup   process start -> first page painted: ``ssa-wizard`` on a new proposal vs
          ``baseline_wizard.py`` (a bare QWizard with seven empty pages), both with
          QT_QPA_PLATFORM=offscreen and SSA_WIZARD_EXIT_AFTER_FIRST_PAINT=1; wall
          clock around the child process. Goal 1.3x.
memory    peak RSS of those same processes, read per child from ``os.wait4`` (the
          parent's RUSAGE_CHILDREN is a running maximum, so it cannot be used). 1.2x.
open      read + migrate + check a 300-member proposal (``storage.load`` +
          ``rules.check``) vs ``json.loads`` + ``Proposal.model_validate``, in process. 1.5x.
recheck   ``rules.check`` vs ``Proposal.model_validate`` of the same proposal. 1x.
keystroke a key typed into a member's name on the Partners page -> the frame that
          shows the re-check, 1,000 members, offscreen (``keystroke.py``, in a child
          process); p95 at most 8 ms. ``flip`` is the same for an edit that flips a
          cell of the consortium grid, so the panel must repaint.
pdf       ``ssa-wizard pdf`` vs ``baseline_pdf.py`` (bare ReportLab, the same member
          table and font), both as child processes. 1.5x.
growth    how cost grows: re-check, open and PDF of a 3,000-member proposal against
          the same of the 300-member one, alternating; each at most 11x.
frozen    the bundled program's own start-up (``dist/ssa-wizard/ssa-wizard``, frozen,
          to first paint) vs the bare frozen QWizard (``baseline_bundle/``). 1.3x.
bundle    size of ``dist/ssa-wizard/`` vs the bare-QWizard bundle built the same way. 1.1x.

``make bench`` builds both bundles first when they are missing or stale. The table is
printed and written to ``benchmarks/RESULTS.md`` with the date, the machine and the
library versions. Nothing here is a test: ``make test`` runs ``--smoke`` (every row
once, on small proposals, no verdicts, nothing written but ``--json``) so that a
refactor that breaks a script fails the suite. The proposals are made by
``make_proposal.py`` into ``benchmarks/out/``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as _dt
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = HERE / "out" / "bench"
RESULTS = HERE / "RESULTS.md"
ROWS = ("startup", "memory", "open", "recheck", "keystroke", "pdf", "growth", "frozen",
        "bundle")
#: Where `make bench` builds the bare-QWizard bundle (benchmarks/baseline_bundle/baseline.spec).
BASELINE_BUNDLE = HERE / "out" / "dist" / "bare-wizard"
OUR_BUNDLE = ROOT / "dist" / "ssa-wizard"
#: The goals: ratios against the baseline of the same run, and the keystroke's p95.
GOALS = {"startup": 1.3, "memory": 1.2, "open": 1.5, "recheck": 1.0, "pdf": 1.5,
         "growth": 11.0, "frozen": 1.3, "bundle": 1.1}
KEYSTROKE_MS = 8.0
#: Members of the proposals: (the usual one, the keystroke's, the large one of growth).
SIZES = (300, 1000, 3000)
#: --smoke: small proposals (99 is the smallest the generator makes: 33 country trios).
SMOKE_SIZES = (99, 120, 200)
CHILD_TIMEOUT = 300.0


@dataclass
class Row:
    figure: str
    ours: str
    baseline: str
    ratio: float | None
    goal: str
    passed: bool | None  # None: not measured, or not judged (--smoke)
    note: str = ""

    @property
    def verdict(self) -> str:
        return {True: "PASS", False: "FAIL", None: "—"}[self.passed]


# --- helpers ----------------------------------------------------------------------------

def _median(values: list[float]) -> float:
    return statistics.median(values)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]  # nearest rank


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def _mib(kib: float) -> str:
    return f"{kib / 1024:.1f} MiB"


def _ours_cli() -> list[str]:
    script = Path(sys.executable).parent / "ssa-wizard"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from ui.main import main; sys.exit(main())"]


def _child_env(home: Path) -> dict[str, str]:
    """Offscreen, and settings/logs/recovery in a scratch folder, never the user's own."""
    env = dict(os.environ)
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "SSA_WIZARD_EXIT_AFTER_FIRST_PAINT": "1",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "PYTHONDONTWRITEBYTECODE": "",
    })
    env.pop("PYTHONDONTWRITEBYTECODE")
    (home / "runtime").mkdir(parents=True, exist_ok=True)
    os.chmod(home / "runtime", 0o700)
    return env


def run_child(argv: list[str], env: dict[str, str], log: Path) -> tuple[float, int]:
    """Run ``argv``; return (wall seconds, peak RSS in KiB of that child alone)."""
    with open(log, "ab") as sink:
        start = time.perf_counter()
        process = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=sink,
                                   stderr=sink, cwd=ROOT)
        deadline = start + CHILD_TIMEOUT
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                process.returncode = -9
                raise RuntimeError(f"{argv[0]} did not finish in {CHILD_TIMEOUT:.0f} s (see {log})")
            time.sleep(0.0005)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {process.returncode} (see {log})")
    return wall, usage.ru_maxrss  # Linux: KiB


def alternate(runs: int, ours: Callable[[], object], baseline: Callable[[], object]
              ) -> tuple[list, list]:
    """Call ours, baseline, ours, baseline, ... ``runs`` times each; collect results."""
    a: list = []
    b: list = []
    for _ in range(runs):
        a.append(ours())
        b.append(baseline())
    return a, b


def _timed(function: Callable[[], object]) -> Callable[[], float]:
    def run() -> float:
        gc.collect()
        start = time.perf_counter()
        function()
        return time.perf_counter() - start
    return run


#: --smoke: rows are measured once but not judged (a single run says nothing).
JUDGE = True


def _ratio_row(figure: str, ours: float, base: float, limit: float, fmt=_ms,
               note: str = "") -> Row:
    ratio = ours / base if base else float("inf")
    return Row(figure, fmt(ours), fmt(base), ratio, f"≤ {limit:g}×",
               ratio <= limit if JUDGE else None, note)


def _warm_and_alternate(runs: int, ours_argv: list[str], base_argv: list[str],
                        env: dict[str, str], log: Path) -> tuple[list, list]:
    """Child processes: one untimed run of each (the file cache), then alternating."""
    log.write_bytes(b"")
    run_child(ours_argv, env, log)
    run_child(base_argv, env, log)
    return alternate(runs, lambda: run_child(ours_argv, env, log),
                     lambda: run_child(base_argv, env, log))


# --- the rows ---------------------------------------------------------------------------

def bench_startup(runs: int, home: Path) -> list[Row]:
    env = _child_env(home)
    ours, base = _warm_and_alternate(runs, _ours_cli(),
                                     [sys.executable, str(HERE / "baseline_wizard.py")],
                                     env, OUT / "startup.log")
    t_ours, t_base = _median([w for w, _m in ours]), _median([w for w, _m in base])
    m_ours, m_base = _median([m for _w, m in ours]), _median([m for _w, m in base])
    return [
        _ratio_row("start-up: process start → first page painted", t_ours, t_base,
                   GOALS["startup"]),
        _ratio_row("memory at first page (peak RSS)", m_ours, m_base, GOALS["memory"],
                   fmt=_mib),
    ]


def _open_and_check(path: Path) -> None:
    from ssa_wizard import rules, storage

    rules.check(storage.load(path).proposal)


def bench_open(runs: int, path: Path, members: int) -> list[Row]:
    from pydantic import BaseModel  # noqa: F401 - imported before timing, like ours

    from ssa_wizard.model import Proposal

    def baseline() -> None:
        Proposal.model_validate(json.loads(path.read_bytes()))

    _open_and_check(path), baseline()  # first use (rulebook, catalogues) is not measured
    a, b = alternate(max(runs, 15), _timed(lambda: _open_and_check(path)), _timed(baseline))
    return [_ratio_row(f"open a {members:,}-member proposal: read, migrate, check",
                       _median(a), _median(b), GOALS["open"])]


def bench_recheck(runs: int, path: Path, members: int) -> list[Row]:
    from ssa_wizard import rules, storage
    from ssa_wizard.model import Proposal

    proposal = storage.load(path).proposal
    data = json.loads(path.read_bytes())
    rules.check(proposal), Proposal.model_validate(data)
    a, b = alternate(max(runs, 21), _timed(lambda: rules.check(proposal)),
                     _timed(lambda: Proposal.model_validate(data)))
    return [_ratio_row(f"full re-check of a {members:,}-member proposal "
                       "(baseline: pydantic parse of it)", _median(a), _median(b),
                       GOALS["recheck"])]


def bench_keystroke(runs: int, path: Path, members: int, home: Path, smoke: bool) -> list[Row]:
    env = _child_env(home)
    env.pop("SSA_WIZARD_EXIT_AFTER_FIRST_PAINT")
    keys, flips = (3, 2) if smoke else (max(60, 6 * runs), max(30, 3 * runs))
    result = subprocess.run(
        [sys.executable, str(HERE / "keystroke.py"), str(path), "--keys", str(keys),
         "--flips", str(flips)], env=env, cwd=ROOT, capture_output=True, text=True,
        timeout=900)
    (OUT / "keystroke.log").write_text(result.stderr, encoding="utf-8")
    if result.returncode != 0:
        raise RuntimeError(f"keystroke.py failed: {result.stderr.strip().splitlines()[-1:]}")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    if (data["typed_chars"] <= 0 or data["flip_panel_repaints"] < flips
            or len(data["type_ms"]) != keys or data["members"] != members):
        raise RuntimeError(f"keystroke.py did not do what it should: {data}")
    rows = []
    for key, figure, repaints in (
            ("type_ms", f"keystroke → consortium panel redrawn, {members:,} members",
             data["type_panel_repaints"]),
            ("flip_ms", f"edit that flips a grid cell → panel repainted, {members:,} members",
             data["flip_panel_repaints"])):
        times = data[key]
        p95 = _p95(times)
        rows.append(Row(figure, f"p95 {p95:.1f} ms (median {_median(times):.1f})",
                        f"{KEYSTROKE_MS:g} ms (half a frame)", p95 / KEYSTROKE_MS,
                        f"p95 ≤ {KEYSTROKE_MS:g} ms", p95 <= KEYSTROKE_MS if JUDGE else None,
                        f"{len(times)} edits, {repaints} repainted the panel"))
    return rows


def _pdf_argv(path: Path, out: Path) -> list[str]:
    return _ours_cli() + ["pdf", str(path), "-o", str(out)]


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def bench_pdf(runs: int, path: Path, members: int, home: Path) -> list[Row]:
    env = _child_env(home)
    base_argv = [sys.executable, str(HERE / "baseline_pdf.py"), str(path), "-o",
                 str(OUT / "baseline.pdf")]
    ours, base = _warm_and_alternate(runs, _pdf_argv(path, OUT / "ours.pdf"), base_argv, env,
                                     OUT / "pdf.log")
    pages = f"{_pages(OUT / 'ours.pdf')} pages vs {_pages(OUT / 'baseline.pdf')}"
    return [_ratio_row(f"PDF of a {members:,}-member proposal", _median([w for w, _m in ours]),
                       _median([w for w, _m in base]), GOALS["pdf"], note=pages)]


def bench_growth(runs: int, small: Path, large: Path, sizes: tuple[int, int], home: Path,
                 smoke: bool) -> list[Row]:
    """Each figure of the large proposal against the same of the small one, alternating."""
    from ssa_wizard import rules, storage

    n_small, n_large = sizes
    what = f"{n_large:,} vs {n_small:,} members"
    rows = []
    small_proposal, large_proposal = storage.load(small).proposal, storage.load(large).proposal
    rules.check(small_proposal), rules.check(large_proposal)
    a, b = alternate(max(runs, 21), _timed(lambda: rules.check(large_proposal)),
                     _timed(lambda: rules.check(small_proposal)))
    rows.append(_ratio_row(f"growth of the re-check, {what}", _median(a), _median(b),
                           GOALS["growth"]))
    _open_and_check(small), _open_and_check(large)
    a, b = alternate(max(runs, 15), _timed(lambda: _open_and_check(large)),
                     _timed(lambda: _open_and_check(small)))
    rows.append(_ratio_row(f"growth of open (read, migrate, check), {what}", _median(a),
                           _median(b), GOALS["growth"]))
    # A 3,000-member PDF takes seconds: 5 alternating runs, said in the note.
    pdf_runs = runs if smoke else min(runs, 5)
    env = _child_env(home)
    ours, base = _warm_and_alternate(pdf_runs, _pdf_argv(large, OUT / "large.pdf"),
                                     _pdf_argv(small, OUT / "small.pdf"), env,
                                     OUT / "growth-pdf.log")
    rows.append(_ratio_row(f"growth of the PDF, {what}", _median([w for w, _m in ours]),
                           _median([w for w, _m in base]), GOALS["growth"],
                           note=f"{pdf_runs} runs each; {_pages(OUT / 'large.pdf')} pages vs "
                                f"{_pages(OUT / 'small.pdf')}"))
    return rows


def _missing(ours: Path, baseline: Path) -> list[str]:
    return [str(folder) for folder in (ours, baseline) if not folder.is_dir()]


def bench_frozen(runs: int, home: Path, ours_dir: Path, baseline_dir: Path) -> list[Row]:
    figure = "bundled program's start-up (frozen) → first page painted"
    missing = _missing(ours_dir, baseline_dir)
    if missing:
        return [Row(figure, "not built", "not built", None, f"≤ {GOALS['frozen']:g}×", None,
                    "missing: " + ", ".join(missing) + " (make bench builds them)")]
    ours, base = _warm_and_alternate(runs, [str(ours_dir / "ssa-wizard")],
                                     [str(baseline_dir / "bare-wizard")], _child_env(home),
                                     OUT / "frozen.log")
    return [_ratio_row(figure, _median([w for w, _m in ours]), _median([w for w, _m in base]),
                       GOALS["frozen"])]


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def bench_bundle(ours_dir: Path, baseline_dir: Path) -> list[Row]:
    figure = "bundle size"
    missing = _missing(ours_dir, baseline_dir)
    if missing:
        return [Row(figure, "not built", "not built", None, f"≤ {GOALS['bundle']:g}×", None,
                    "missing: " + ", ".join(missing) + " (make bench builds them)")]
    return [_ratio_row(figure, _size(ours_dir) / 1024, _size(baseline_dir) / 1024,
                       GOALS["bundle"], fmt=_mib)]


# --- report -----------------------------------------------------------------------------

def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _versions() -> str:
    names = ["PySide6-Essentials", "shiboken6", "pydantic", "pydantic-core", "reportlab",
             "pycountry", "openpyxl", "Babel"]
    parts = [f"Python {platform.python_version()}"]
    for name in names:
        try:
            parts.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    try:
        from PySide6.QtCore import qVersion
        parts.append(f"Qt {qVersion()}")
    except ImportError:
        pass
    return ", ".join(parts)


def table(rows: list[Row]) -> str:
    lines = ["| figure | ours | baseline | ratio | goal | result | note |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        ratio = "—" if r.ratio is None else f"{r.ratio:.2f}×"
        lines.append(f"| {r.figure} | {r.ours} | {r.baseline} | {ratio} | {r.goal} | "
                     f"**{r.verdict}** | {r.note} |")
    return "\n".join(lines)


def report(rows: list[Row], runs: int, seconds: float) -> str:
    base, keystroke, large = SIZES
    return "\n".join([
        "# Benchmark results",
        "",
        "Written by `make bench` (`benchmarks/run.py`); goals from issues #9 and #14. Medians "
        f"of {runs} alternating runs each (ours, baseline, ours, …) unless the note says otherwise.",
        "",
        f"- date: {_dt.datetime.now().strftime('%Y-%m-%d %H:%M')}",
        f"- machine: {_cpu()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        f"- libraries: {_versions()}",
        f"- the proposals: `benchmarks/make_proposal.py`, {base:,} members (33 countries, "
        f"60 activities), {keystroke:,} for the keystroke and {large:,} for growth",
        f"- the whole run took {seconds:.0f} s",
        "",
        table(rows),
        "",
    ])


def main(argv: list[str] | None = None) -> int:
    global JUDGE, OUT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs of each side (at least 10)")
    parser.add_argument("--only", default=",".join(ROWS),
                        help="comma-separated rows: " + ", ".join(ROWS))
    parser.add_argument("--no-write", action="store_true", help="do not write RESULTS.md")
    parser.add_argument("--smoke", action="store_true",
                        help="every row once on small proposals, no verdicts, no RESULTS.md "
                             "(what `make test` runs: the scripts work, nothing is timed)")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument("--out", type=Path, default=OUT,
                        help="scratch folder for proposals, PDFs and logs (default: benchmarks/out/bench)")
    parser.add_argument("--our-bundle", type=Path, default=OUR_BUNDLE,
                        help="the bundle to measure (default: dist/ssa-wizard)")
    parser.add_argument("--baseline-bundle", type=Path, default=BASELINE_BUNDLE,
                        help="the bare-QWizard bundle (default: benchmarks/out/dist/bare-wizard)")
    args = parser.parse_args(argv)
    runs = 1 if args.smoke else max(10, args.runs)
    JUDGE = not args.smoke
    OUT = args.out.resolve()
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = only - set(ROWS)
    if unknown:
        parser.error("unknown rows: " + ", ".join(sorted(unknown)))
    base_n, keystroke_n, large_n = SMOKE_SIZES if args.smoke else SIZES

    started = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    from make_proposal import write

    made: dict[int, Path] = {}

    def proposal(members: int) -> Path:
        if members not in made:
            made[members] = write(OUT / f"p{members}.ssa.json", members=members)
        return made[members]

    home = Path(tempfile.mkdtemp(prefix="ssa-bench-home-"))
    rows: list[Row] = []
    try:
        steps: list[tuple[str, Callable[[], list[Row]]]] = [
            ("startup", lambda: bench_startup(runs, home)),
            ("open", lambda: bench_open(runs, proposal(base_n), base_n)),
            ("recheck", lambda: bench_recheck(runs, proposal(base_n), base_n)),
            ("keystroke", lambda: bench_keystroke(runs, proposal(keystroke_n), keystroke_n,
                                                  home, args.smoke)),
            ("pdf", lambda: bench_pdf(runs, proposal(base_n), base_n, home)),
            ("growth", lambda: bench_growth(runs, proposal(base_n), proposal(large_n),
                                            (base_n, large_n), home, args.smoke)),
            ("frozen", lambda: bench_frozen(runs, home, args.our_bundle, args.baseline_bundle)),
            ("bundle", lambda: bench_bundle(args.our_bundle, args.baseline_bundle)),
        ]
        for name, step in steps:
            if name not in only and not (name == "startup" and "memory" in only):
                continue
            print(f"measuring {name} …", file=sys.stderr, flush=True)
            try:
                rows += step()
            except Exception as exc:  # noqa: BLE001 - one broken row must not hide the others
                rows.append(Row(name, "error", "", None, "", False,
                                f"{type(exc).__name__}: {exc}"[:300]))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    text = report(rows, runs, time.perf_counter() - started)
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps([dataclasses.asdict(r) for r in rows], indent=1),
                             encoding="utf-8")
    if not (args.no_write or args.smoke):
        RESULTS.write_text(text, encoding="utf-8")
        print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0 if all(r.passed is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
