"""A save killed at every step leaves the old file or the new one, never less.

A child Python process runs the real ``storage.save`` and SIGKILLs itself at one
chosen step (through the ``_crash_point`` seam, which is called between the real
system calls); the parent then looks at what is on disk.
"""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ssa_wizard import storage
from ssa_wizard.model import Proposal

ROOT = Path(__file__).resolve().parents[2]

STEPS = ["temp-created", "temp-partial", "temp-written", "temp-synced", "replaced", "folder-synced"]
POINTS = [f"backup:{s}" for s in STEPS] + [f"file:{s}" for s in STEPS]

CHILD = r"""
import os, signal, sys
from ssa_wizard import fs, storage

path, point = sys.argv[1], sys.argv[2]
fs._CHUNK = 64  # several writes, so that "temp-partial" is really partial

def crash(step):
    if step == point:
        os.kill(os.getpid(), signal.SIGKILL)

fs._crash_point = crash
loaded = storage.load(path)
proposal = loaded.proposal
proposal.project.title = "Nieuw: vaardigheden voor de groene economie – ÿ€𝄞"
proposal.project.summary = "x" * 5000
storage.save(proposal, path, expected=loaded.stamp)
print("finished")
"""


def run_child(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", CHILD, *args], env=env, cwd=ROOT,
                          capture_output=True, text=True)


def expected_new(old_path: Path) -> bytes:
    proposal = storage.load(old_path).proposal
    proposal.project.title = "Nieuw: vaardigheden voor de groene economie – ÿ€𝄞"
    proposal.project.summary = "x" * 5000
    return proposal.to_json().encode("utf-8")


@pytest.fixture
def old_file(tmp_path):
    path = tmp_path / "crash.ssa.json"
    proposal = Proposal.new()
    proposal.project.title = "Old title"
    storage.save(proposal, path)
    return path


@pytest.mark.parametrize("point", POINTS)
def test_killed_save_leaves_old_or_new_file(old_file, point):
    old = old_file.read_bytes()
    new = expected_new(old_file)
    result = run_child(str(old_file), point)
    # The child really died at that point (not finished, not failed otherwise).
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert "finished" not in result.stdout

    now = old_file.read_bytes()
    if POINTS.index(point) < POINTS.index("file:replaced"):
        assert now == old
    else:
        assert now == new
    storage.load(old_file)  # and it reads as a proposal

    backup = storage.backup_path(old_file)
    if POINTS.index(point) < POINTS.index("backup:replaced"):
        assert not backup.exists()
    else:
        assert backup.read_bytes() == old


def test_temp_files_of_a_killed_save_are_removed_by_the_next_save(old_file):
    result = run_child(str(old_file), "file:temp-partial")
    assert result.returncode == -signal.SIGKILL
    folder = old_file.parent
    assert any(p.name.endswith(".tmp") for p in folder.iterdir())  # the killed child's litter

    loaded = storage.load(old_file)
    loaded.proposal.project.acronym = "AFTER"
    storage.save(loaded.proposal, old_file, expected=loaded.stamp)

    assert sorted(p.name for p in folder.iterdir()) == ["crash.ssa.json", "crash.ssa.json.bak"]
    assert json.loads(old_file.read_text("utf-8"))["project"]["acronym"] == "AFTER"


def test_temp_file_of_a_live_process_is_left_alone(old_file):
    # A temporary file named after a running process (ours is the test's parent,
    # pid 1 is init) may be a save in progress: never removed.
    live = old_file.with_name(f".{old_file.name}.1-abcd1234.tmp")
    live.write_bytes(b"in progress")
    loaded = storage.load(old_file)
    storage.save(loaded.proposal, old_file, expected=loaded.stamp)
    assert live.read_bytes() == b"in progress"
