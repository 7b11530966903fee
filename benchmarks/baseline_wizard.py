"""The start-up yardstick: a bare QWizard with seven empty pages, and nothing else.

    QT_QPA_PLATFORM=offscreen SSA_WIZARD_EXIT_AFTER_FIRST_PAINT=1 .venv/bin/python benchmarks/baseline_wizard.py

It reports "first page painted" exactly the way SSA Wizard does (``ui/app.py``):
with ``SSA_WIZARD_EXIT_AFTER_FIRST_PAINT=1`` an event filter on the first page
quits the application after that page's first Paint event, so wall-clock time
around the process measures process start -> first page on screen for both.
"""

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWizard, QWizardPage

PAGES = 7


class _ExitAfterFirstPaint(QObject):
    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv)
    wizard = QWizard()
    for number in range(1, PAGES + 1):
        page = QWizardPage()
        page.setTitle(f"Page {number}")
        wizard.addPage(page)
    if os.environ.get("SSA_WIZARD_EXIT_AFTER_FIRST_PAINT") == "1":
        watcher = _ExitAfterFirstPaint(wizard)
        wizard.page(wizard.startId()).installEventFilter(watcher)
    wizard.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
