"""Every benchmark script still runs: ``benchmarks/run.py --smoke`` measures each row once.

``make bench`` is run by hand, so a refactor that renamed what a script drives
(``keystroke.py`` once used a widget attribute that moved) broke it unseen. Here the
whole benchmark runs once on small proposals: the generator, the baselines
(``baseline_wizard.py``, ``baseline_pdf.py``), ``keystroke.py`` in the real window,
the growth rows and the frozen rows. Nothing is timed or judged: the test asserts
that every row produced its figures. The frozen rows run against two stand-in
"bundles" (a launcher of the program and one of the bare wizard), because building
real ones takes minutes; they go through the same code as the real bundles.
"""

from __future__ import annotations

import json
import math
import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks"

#: The rows of the table, by the start of their figure, in order.
EXPECTED = [
    "start-up:", "memory at first page", "open a 99-member", "full re-check of a 99-member",
    "keystroke → consortium panel redrawn, 120 members",
    "edit that flips a grid cell → panel repainted, 120 members",
    "PDF of a 99-member", "growth of the re-check, 200 vs 99", "growth of open",
    "growth of the PDF, 200 vs 99", "bundled program's start-up (frozen)", "bundle size",
]


def _launcher(folder: Path, name: str, code: str) -> None:
    """An executable ``folder/name`` that runs ``code`` with this Python."""
    folder.mkdir(parents=True)
    (folder / f"{name}.py").write_text(code, encoding="utf-8")
    script = folder / name
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{folder / name}.py" "$@"\n',
                      encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def test_every_benchmark_row_runs_once(tmp_path):
    ours = tmp_path / "ours-bundle"
    bare = tmp_path / "bare-bundle"
    _launcher(ours, "ssa-wizard", "import sys; from ui.main import main; sys.exit(main())")
    _launcher(bare, "bare-wizard",
              f"import runpy; runpy.run_path({str(BENCH / 'baseline_wizard.py')!r}, "
              "run_name=\"__main__\")")
    (ours / "payload").write_bytes(b"x" * 3000)  # so the two sizes differ and are not 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--smoke", "--json", str(tmp_path / "rows.json"),
         "--out", str(tmp_path / "out"), "--our-bundle", str(ours), "--baseline-bundle", str(bare)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    rows = json.loads((tmp_path / "rows.json").read_text(encoding="utf-8"))

    assert len(rows) == len(EXPECTED), [row["figure"] for row in rows]
    for row, start in zip(rows, EXPECTED, strict=True):
        assert row["figure"].startswith(start), (row["figure"], start)
        assert row["ours"] not in ("error", "not built"), row
        assert row["ratio"] is not None and math.isfinite(row["ratio"]) and row["ratio"] > 0, row
        assert row["passed"] is None, row  # one run is never judged
    flip = rows[5]
    assert flip["note"] == "2 edits, 2 repainted the panel"
    # The smoke run writes its scratch files where it was told, and no RESULTS.md.
    assert (tmp_path / "out" / "p200.ssa.json").is_file()
    assert (tmp_path / "out" / "large.pdf").read_bytes().startswith(b"%PDF-")
    assert "written to" not in result.stdout


def test_the_baseline_bundle_is_the_start_up_yardstick():
    """The frozen baseline is baseline_wizard.py itself, so it quits after its first paint."""
    spec = (BENCH / "baseline_bundle" / "baseline.spec").read_text(encoding="utf-8")
    assert '"baseline_wizard.py"' in spec
    code = (BENCH / "baseline_wizard.py").read_text(encoding="utf-8")
    assert "SSA_WIZARD_EXIT_AFTER_FIRST_PAINT" in code
