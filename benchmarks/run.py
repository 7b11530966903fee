"""``make bench``: how SSA Wizard performs what it exists for, against baselines.

    .venv/bin/python benchmarks/run.py [--runs 11] [--only startup,pdf,...] [--no-write]

Every figure is the median of at least 10 runs, ours and the baseline ALTERNATING
(ours, baseline, ours, baseline, ...), so that a slow moment of the machine hits
both alike. Rows (the goals are those of issue #9):

startup   process start -> first page painted: ``ssa-wizard`` on a new proposal vs
          ``baseline_wizard.py`` (a bare QWizard with seven empty pages), both with
          QT_QPA_PLATFORM=offscreen and SSA_WIZARD_EXIT_AFTER_FIRST_PAINT=1; wall
          clock around the child process.
memory    peak RSS of those same processes, read per child from ``os.wait4`` (the
          parent's RUSAGE_CHILDREN is a running maximum, so it cannot be used).
open      read + migrate + check a 300-member proposal (``storage.load`` +
          ``rules.check``) vs ``json.loads`` + ``Proposal.model_validate``, in process.
recheck   ``rules.check`` vs ``Proposal.model_validate`` of the same proposal.
keystroke a key typed into a member's name on the Partners page -> the frame that
          shows the re-check, 300 members, offscreen (``keystroke.py``, in a child
          process); p95 against one frame, 16 ms. ``flip`` is the same for an edit
          that flips a cell of the consortium grid, so the panel must repaint.
pdf       ``ssa-wizard pdf`` vs ``baseline_pdf.py`` (bare ReportLab, the same member
          table and font), both as child processes.
bundle    ``dist/ssa-wizard/`` vs the bare-QWizard bundle built the same way; "not
          built" when ``make bundle`` has not been run.

The table is printed and written to ``benchmarks/RESULTS.md`` with the date, the
machine and the library versions. Nothing here is a test: ``make test`` never times.
The 300-member proposal is made by ``make_proposal.py`` into ``benchmarks/out/``.
"""

from __future__ import annotations

import argparse
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
ROWS = ("startup", "memory", "open", "recheck", "keystroke", "pdf", "bundle")
#: Where the bare-QWizard bundle may have been built (benchmarks/baseline_bundle/baseline.spec).
BASELINE_BUNDLES = (HERE / "out" / "dist" / "bare-wizard",
                    HERE / "baseline_bundle" / "dist" / "bare-wizard")
OUR_BUNDLE = ROOT / "dist" / "ssa-wizard"
FRAME_MS = 16.0
CHILD_TIMEOUT = 120.0


@dataclass
class Row:
    figure: str
    ours: str
    baseline: str
    ratio: float | None
    goal: str
    passed: bool | None  # None: not measured
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
    return [sys.executable, "-c", "import sys; from ssa_wizard.cli import main; sys.exit(main())"]


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


def _ratio_row(figure: str, ours: float, base: float, limit: float, fmt=_ms,
               note: str = "") -> Row:
    ratio = ours / base if base else float("inf")
    return Row(figure, fmt(ours), fmt(base), ratio, f"≤ {limit:g}×", ratio <= limit, note)


# --- the rows ---------------------------------------------------------------------------

def bench_startup(runs: int, home: Path) -> list[Row]:
    env = _child_env(home)
    ours_argv = _ours_cli()
    base_argv = [sys.executable, str(HERE / "baseline_wizard.py")]
    log = OUT / "startup.log"
    log.write_bytes(b"")
    run_child(ours_argv, env, log)  # warm the file cache for both, untimed
    run_child(base_argv, env, log)
    ours, base = alternate(runs, lambda: run_child(ours_argv, env, log),
                           lambda: run_child(base_argv, env, log))
    t_ours, t_base = _median([w for w, _m in ours]), _median([w for w, _m in base])
    m_ours, m_base = _median([m for _w, m in ours]), _median([m for _w, m in base])
    return [
        _ratio_row("start-up: process start → first page painted", t_ours, t_base, 1.5),
        _ratio_row("memory at first page (peak RSS)", m_ours, m_base, 1.3, fmt=_mib),
    ]


def bench_open(runs: int, path: Path) -> list[Row]:
    from pydantic import BaseModel  # noqa: F401 - imported before timing, like ours

    from ssa_wizard import rules, storage
    from ssa_wizard.model import Proposal

    def ours() -> None:
        rules.check(storage.load(path).proposal)

    def baseline() -> None:
        Proposal.model_validate(json.loads(path.read_bytes()))

    ours(), baseline()  # first use (rulebook, catalogues) is not what this row measures
    a, b = alternate(max(runs, 15), _timed(ours), _timed(baseline))
    return [_ratio_row("open a 300-member proposal: read, migrate, check", _median(a),
                       _median(b), 1.5)]


def bench_recheck(runs: int, path: Path) -> list[Row]:
    from ssa_wizard import rules, storage
    from ssa_wizard.model import Proposal

    proposal = storage.load(path).proposal
    data = json.loads(path.read_bytes())
    rules.check(proposal), Proposal.model_validate(data)
    a, b = alternate(max(runs, 21), _timed(lambda: rules.check(proposal)),
                     _timed(lambda: Proposal.model_validate(data)))
    return [_ratio_row("full re-check of a 300-member proposal", _median(a), _median(b), 2.0)]


def bench_keystroke(runs: int, path: Path, home: Path) -> list[Row]:
    env = _child_env(home)
    env.pop("SSA_WIZARD_EXIT_AFTER_FIRST_PAINT")
    keys, flips = max(60, 6 * runs), max(30, 3 * runs)
    result = subprocess.run(
        [sys.executable, str(HERE / "keystroke.py"), str(path), "--keys", str(keys),
         "--flips", str(flips)], env=env, cwd=ROOT, capture_output=True, text=True,
        timeout=600)
    (OUT / "keystroke.log").write_text(result.stderr, encoding="utf-8")
    if result.returncode != 0:
        raise RuntimeError(f"keystroke.py failed: {result.stderr.strip().splitlines()[-1:]}")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    if data["typed_chars"] <= 0 or data["flip_panel_repaints"] < flips:
        raise RuntimeError(f"keystroke.py did not do what it should: {data}")
    rows = []
    for key, figure, repaints in (
            ("type_ms", "keystroke → consortium panel redrawn, 300 members",
             data["type_panel_repaints"]),
            ("flip_ms", "edit that flips a grid cell → panel repainted, 300 members",
             data["flip_panel_repaints"])):
        times = data[key]
        p95 = _p95(times)
        rows.append(Row(figure, f"p95 {p95:.1f} ms (median {_median(times):.1f})",
                        f"a frame: {FRAME_MS:g} ms", p95 / FRAME_MS, f"p95 ≤ {FRAME_MS:g} ms",
                        p95 <= FRAME_MS,
                        f"{len(times)} edits, {repaints} repainted the panel"))
    return rows


def bench_pdf(runs: int, path: Path, home: Path) -> list[Row]:
    env = _child_env(home)
    ours_argv = _ours_cli() + ["pdf", str(path), "-o", str(OUT / "ours.pdf")]
    base_argv = [sys.executable, str(HERE / "baseline_pdf.py"), str(path), "-o",
                 str(OUT / "baseline.pdf")]
    log = OUT / "pdf.log"
    log.write_bytes(b"")
    run_child(ours_argv, env, log), run_child(base_argv, env, log)
    ours, base = alternate(runs, lambda: run_child(ours_argv, env, log),
                           lambda: run_child(base_argv, env, log))
    pages = ""
    try:
        from pypdf import PdfReader
        pages = (f"{len(PdfReader(OUT / 'ours.pdf').pages)} pages vs "
                 f"{len(PdfReader(OUT / 'baseline.pdf').pages)}")
    except Exception:  # noqa: BLE001 - page counts are a courtesy
        pass
    return [_ratio_row("PDF of a 300-member proposal", _median([w for w, _m in ours]),
                       _median([w for w, _m in base]), 1.5, note=pages)]


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def bench_bundle() -> list[Row]:
    figure = "bundle size"
    baseline = next((p for p in BASELINE_BUNDLES if p.is_dir()), None)
    if not OUR_BUNDLE.is_dir() or baseline is None:
        missing = [str(p.relative_to(ROOT)) for p in (OUR_BUNDLE,) if not p.is_dir()]
        if baseline is None:
            missing.append("the bare-wizard baseline bundle")
        return [Row(figure, "not built (run make bundle)" if not OUR_BUNDLE.is_dir() else
                    _mib(_size(OUR_BUNDLE) / 1024),
                    _mib(_size(baseline) / 1024) if baseline else "not built", None,
                    "≤ 1.25×", None, "missing: " + ", ".join(missing))]
    ours, base = _size(OUR_BUNDLE), _size(baseline)
    return [_ratio_row(figure, ours / 1024, base / 1024, 1.25, fmt=_mib,
                       note=str(baseline.relative_to(ROOT)))]


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
    return "\n".join([
        "# Benchmark results",
        "",
        "Written by `make bench` (`benchmarks/run.py`); goals from issue #9. Medians of "
        f"{runs} alternating runs each (ours, baseline, ours, …) unless the note says otherwise.",
        "",
        f"- date: {_dt.datetime.now().strftime('%Y-%m-%d %H:%M')}",
        f"- machine: {_cpu()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        f"- libraries: {_versions()}",
        "- the proposal: `benchmarks/make_proposal.py` (300 members, 33 countries, 60 activities)",
        f"- the whole run took {seconds:.0f} s",
        "",
        table(rows),
        "",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs of each side (at least 10)")
    parser.add_argument("--only", default=",".join(ROWS),
                        help="comma-separated rows: " + ", ".join(ROWS))
    parser.add_argument("--no-write", action="store_true", help="do not write RESULTS.md")
    args = parser.parse_args(argv)
    runs = max(10, args.runs)
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = only - set(ROWS)
    if unknown:
        parser.error("unknown rows: " + ", ".join(sorted(unknown)))

    started = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    from make_proposal import write  # noqa: E402 - benchmarks/ is on sys.path when run

    path = write(OUT / "p300.ssa.json")
    home = Path(tempfile.mkdtemp(prefix="ssa-bench-home-"))
    rows: list[Row] = []
    try:
        steps: list[tuple[str, Callable[[], list[Row]]]] = [
            ("startup", lambda: bench_startup(runs, home)),
            ("open", lambda: bench_open(runs, path)),
            ("recheck", lambda: bench_recheck(runs, path)),
            ("keystroke", lambda: bench_keystroke(runs, path, home)),
            ("pdf", lambda: bench_pdf(runs, path, home)),
            ("bundle", bench_bundle),
        ]
        for name, step in steps:
            if name not in only and not (name == "startup" and "memory" in only):
                continue
            print(f"measuring {name} …", file=sys.stderr, flush=True)
            try:
                rows += step()
            except Exception as exc:  # noqa: BLE001 - one broken row must not hide the others
                rows.append(Row(name, "error", "", None, "", False, str(exc)[:200]))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    text = report(rows, runs, time.perf_counter() - started)
    print(table(rows))
    if not args.no_write:
        RESULTS.write_text(text, encoding="utf-8")
        print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0 if all(r.passed is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
