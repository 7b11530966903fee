"""One way to run slow work off the GUI thread: ``Task``.

Like Picard's ``run_task``: the work is a plain function ``work(progress, cancelled)``
run by a ``QRunnable`` on the global ``QThreadPool``; it may call ``progress(done,
total)`` and should look at ``cancelled()`` between steps. The ``Task`` (a QObject
of the GUI thread) hands back exactly one of ``succeeded(result)``,
``failed(message)`` or ``stopped()``, queued to the GUI thread. Once ``cancel()``
has been called the outcome is ``stopped``, whatever the work did after: a result
that arrives as Cancel is pressed is discarded, never half used.

Failures are told in plain words: a ``FileRefused`` (and its kin for sheets and
cards) by its own one-line message, an ``OSError`` by ``storage.describe_os_error``;
anything else is a bug, logged with its traceback and told without it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ssa_wizard import storage
from ssa_wizard.i18n import _

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Work = Callable[[Progress, Cancelled], Any]


def describe_failure(exc: BaseException) -> str:
    """One line for the user about an exception that stopped some work."""
    if isinstance(exc, storage.FileRefused):
        return str(exc)
    if isinstance(exc, OSError):
        return storage.describe_os_error(exc)
    return _("SSA Wizard ran into an unexpected problem ({error}). Your proposal is not "
             "affected; please report the problem.").format(error=type(exc).__name__)


class _Runnable(QRunnable):
    """Runs the work on a pool thread and reports through the task's private signals."""

    def __init__(self, work: Work, progress: Progress, cancelled: Cancelled,
                 returned: Callable[[Any], None], raised: Callable[[BaseException], None]):
        super().__init__()
        self.setAutoDelete(False)  # the task keeps it: Qt must not delete a Python object
        self._work = work
        self._progress, self._cancelled = progress, cancelled
        self._returned, self._raised = returned, raised

    def run(self) -> None:
        try:
            result = self._work(self._progress, self._cancelled)
        except Exception as exc:  # handed to the GUI thread; bugs are logged here
            if not isinstance(exc, (storage.FileRefused, OSError)) and not self._cancelled():
                log.error("background work failed", exc_info=exc)
            self._raised(exc)
        else:
            self._returned(result)


class Task(QObject):
    """Slow work on a pool thread, reporting to the GUI thread; cancellable."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    stopped = Signal()
    #: From the pool thread; turned into one of the public outcomes above.
    _returned = Signal(object)
    _raised = Signal(object)

    def __init__(self, work: Work, parent: QObject | None = None):
        super().__init__(parent)
        self._cancel = threading.Event()
        self._running = False
        #: What the work raised, when it ``failed`` (for callers that tell causes apart).
        self.error: BaseException | None = None
        self._runnable = _Runnable(work, self.progressed.emit, self.is_cancelled,
                                   self._returned.emit, self._raised.emit)
        self._returned.connect(self._on_returned)
        self._raised.connect(self._on_raised)

    def start(self) -> Task:
        self._running = True
        QThreadPool.globalInstance().start(self._runnable)
        return self

    def cancel(self) -> None:
        """Ask the work to stop; the task then reports ``stopped``."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def running(self) -> bool:
        return self._running

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the pool (tests and shutdown only; never on a user's action)."""
        return QThreadPool.globalInstance().waitForDone(msecs)

    def _on_returned(self, result: Any) -> None:
        self._running = False
        if self.is_cancelled():
            self.stopped.emit()
        else:
            self.succeeded.emit(result)

    def _on_raised(self, exc: BaseException) -> None:
        self._running = False
        if self.is_cancelled():
            self.stopped.emit()
        else:
            self.error = exc
            self.failed.emit(describe_failure(exc))
