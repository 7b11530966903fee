"""ui.tasks.Task: work off the GUI thread hands back exactly one outcome, in plain words."""

from __future__ import annotations

import errno
import threading

import pytest

from ssa_wizard.storage import FileRefused
from ui.tasks import Task


def _outcome(qtbot, task: Task) -> tuple[str, object]:
    seen: list[tuple[str, object]] = []
    task.succeeded.connect(lambda result: seen.append(("succeeded", result)))
    task.failed.connect(lambda message: seen.append(("failed", message)))
    task.stopped.connect(lambda: seen.append(("stopped", None)))
    task.start()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    qtbot.wait(50)  # nothing more may arrive
    assert len(seen) == 1
    assert not task.running
    return seen[0]


def test_a_result_and_its_progress_arrive_on_the_gui_thread(qtbot):
    gui = threading.get_ident()
    threads, progress = [], []

    def work(report, cancelled):
        threads.append(threading.get_ident())
        for step in range(3):
            report(step + 1, 3)
        return "done"

    task = Task(work)
    task.progressed.connect(lambda done, total: progress.append((done, total, threading.get_ident())))
    assert _outcome(qtbot, task) == ("succeeded", "done")
    assert threads and threads[0] != gui
    assert [(d, t) for d, t, _ in progress] == [(1, 3), (2, 3), (3, 3)]
    assert {thread for *_, thread in progress} == {gui}


@pytest.mark.parametrize(("error", "message"), [
    (FileRefused("list.csv", "the sheet is empty"), "list.csv: the sheet is empty"),
    (OSError(errno.ENOSPC, "No space left on device"), "the disk is full"),
])
def test_a_failure_is_told_in_plain_words(qtbot, error, message):
    def work(report, cancelled):
        raise error

    kind, text = _outcome(qtbot, Task(work))
    assert kind == "failed"
    assert message in text


def test_a_bug_is_logged_and_told_without_its_traceback(qtbot, caplog):
    def work(report, cancelled):
        raise KeyError("internal detail")

    kind, text = _outcome(qtbot, Task(work))
    assert kind == "failed"
    assert "KeyError" in text and "internal detail" not in text and "Traceback" not in text
    assert any(record.exc_info for record in caplog.records)


def test_after_cancel_the_outcome_is_stopped_even_if_the_work_finished(qtbot):
    release = threading.Event()

    def work(report, cancelled):
        assert release.wait(10)
        return "a result nobody wants any more"

    task = Task(work)
    seen = []
    task.succeeded.connect(lambda result: seen.append("succeeded"))
    task.stopped.connect(lambda: seen.append("stopped"))
    task.start()
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert seen == ["stopped"]
