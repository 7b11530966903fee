"""Start the wizard: the application, its languages, the window, and a safety net.

``main(argv)`` is what ``ssa-wizard`` and ``ssa-wizard FILE`` run. No traceback
ever reaches the user: unexpected errors are logged, the proposal is written to
the recovery folder if it has unsaved changes, and a plain message says so.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QStandardPaths, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ssa_wizard import i18n
from ssa_wizard.i18n import _
from ssa_wizard.resources import resource_path

from .language import install_qt_translator, system_language

APP_NAME = "SSA Wizard"
ORGANISATION = "SSA Wizard"


def _log_file() -> Path | None:
    """The log file in the user's data folder (made), or None when it cannot be made."""
    try:
        folder = Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.AppDataLocation))
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder / "ssa-wizard.log"


def _setup_logging(path: Path | None) -> None:
    """Log to ``path`` (and stderr). Done once, after the first page is painted (the
    logging package is not needed to paint it) or by the error hook if that is sooner."""
    import logging

    if logging.getLogger().handlers:
        return
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if path is not None:
        try:
            handlers.append(logging.FileHandler(path, encoding="utf-8"))
        except OSError:
            pass
    logging.basicConfig(level=logging.INFO, handlers=handlers,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


class _ExitAfterFirstPaint(QObject):
    """For the start-up benchmark: quit once the first page has painted."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False


def install_excepthook(window, log_file: Path | None = None) -> None:
    """Unexpected errors: log, recovery-save, and tell the user in plain words."""
    busy = False

    def hook(exc_type, exc, tb) -> None:
        nonlocal busy
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        import logging

        if log_file is not None:  # an error before the first paint: the file must have it
            _setup_logging(log_file)
        log = logging.getLogger("ssa_wizard")
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        if busy:  # an error while reporting an error: the log has it
            return
        busy = True
        try:
            files = getattr(window, "files", None)
            saved = files.recovery_save() if files is not None else None
            detail = [_("What you typed is still in the window. Save your work now, under a "
                        "new name to be safe.")]
            if saved is not None:
                detail.append(_("A copy of your proposal was saved to {path}.").format(path=saved))
            if log_file is not None:
                detail.append(_("The details are in {path}; please send that file with a "
                                "description of what you did.").format(path=log_file))
            window.dialogs.error(_("Something went wrong"),
                                 _("SSA Wizard ran into an unexpected problem."),
                                 "\n\n".join(detail))
        except Exception:
            log.exception("the error report failed")
        finally:
            busy = False

    sys.excepthook = hook


def window_icon() -> QIcon:
    """The program's icon, crisp at 200 %: PNGs (no image plugin needed) of 256 and 512 px,
    from which Qt takes the one that suits the size and the screen's scale."""
    icon = QIcon()
    for name in ("ssa-wizard.png", "ssa-wizard-512.png"):
        icon.addFile(str(resource_path("icons", name)))
    return icon


def main(argv: Sequence[str] | None = None) -> int:
    """Run the wizard; ``argv`` is the command line after the program name."""
    argv = list(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "ssa-wizard"])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    # The desktop file name lets Wayland match the window to the menu entry
    # (resources/ssa-wizard.desktop). The icon follows right after the first paint.
    app.setDesktopFileName("ssa-wizard")
    from ssa_wizard import __version__

    app.setApplicationVersion(__version__)
    log_file = _log_file()

    settings = QSettings()
    from .main_window import LANGUAGE_KEY, MainWindow

    lang = i18n.set_language(str(settings.value(LANGUAGE_KEY, "") or system_language()))
    install_qt_translator(lang)

    measuring = os.environ.get("SSA_WIZARD_EXIT_AFTER_FIRST_PAINT") == "1"
    files = [a for a in argv if not a.startswith("-")]
    if len(files) > 1:
        print(_("ssa-wizard: opening only the first file, {path}").format(path=files[0]),
              file=sys.stderr)
    # The Start page is shown first; the rest of the window (the proposal model, the
    # rules, the other pages) is built right after it has been painted.
    window = MainWindow(settings=settings, staged=True)
    install_excepthook(window, log_file)

    def complete() -> None:
        app.setWindowIcon(window_icon())
        _setup_logging(log_file)
        opened = bool(files) and window.files.open(files[0], ask=False)
        # (A refused file was reported by the controller: the user starts on a new proposal.)
        if not measuring:
            # Work a crashed or killed session left unsaved (asked over the shown window).
            opened = window.files.offer_recovery() or opened
        if opened:
            window.go_to("project")

    window.constructed.connect(complete)
    window.show()  # QWizard goes back to its start page when first shown
    if files:
        window.finish_construction()  # a file to open: build the whole window at once
    elif not measuring:
        window.finish_after_first_paint()
    if measuring:
        # Nothing has painted yet: that happens in the event loop below.
        window.wizard.currentPage().installEventFilter(_ExitAfterFirstPaint(window))
    return app.exec()
