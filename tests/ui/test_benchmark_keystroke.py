"""benchmarks/keystroke.py still drives the real window (no timing is checked here).

The script reaches into the Partners page; when the page was refactored it broke
and only ``make bench`` noticed. Running it for a few keys keeps it honest.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks"


def _write_proposal(path: Path) -> Path:
    spec = importlib.util.spec_from_file_location("make_proposal", BENCH / "make_proposal.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write(path, members=40)


def test_keystroke_script_types_into_the_partners_page_and_flips_a_cell(tmp_path):
    proposal = _write_proposal(tmp_path / "bench.ssa.json")
    home = tmp_path / "home"
    (home / "runtime").mkdir(parents=True)
    os.chmod(home / "runtime", 0o700)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home),
               XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               XDG_CACHE_HOME=str(home / "cache"), XDG_STATE_HOME=str(home / "state"),
               XDG_RUNTIME_DIR=str(home / "runtime"))
    done = subprocess.run([sys.executable, str(BENCH / "keystroke.py"), str(proposal),
                           "--keys", "3", "--flips", "2"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    data = json.loads(done.stdout.strip().splitlines()[-1])
    # What benchmarks/run.py demands of it: the keys reached the member's name through
    # the form and the session, and every flip repainted the consortium panel.
    assert data["typed_chars"] > 0
    assert data["flip_panel_repaints"] == 2
    assert len(data["type_ms"]) == 3 and len(data["flip_ms"]) == 2
