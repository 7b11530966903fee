"""A bare PySide6 QWizard with one page: the yardstick for SSA Wizard's bundle.

Built by ``baseline.spec`` exactly the way ``build_installer.spec`` builds the
program (PyInstaller one-folder, windowed, no UPX), but with PyInstaller's default
collection: whatever the size of this bundle, it is what PySide6 costs by itself.
``--quit`` (or ``QT_QPA_PLATFORM=offscreen``) closes it at once, for timing start-up.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage


def main(argv: list[str]) -> int:
    app = QApplication(argv)
    wizard = QWizard()
    page = QWizardPage()
    page.setTitle("Bare wizard")
    layout = QVBoxLayout(page)
    layout.addWidget(QLabel("A page."))
    wizard.addPage(page)
    wizard.show()
    if "--quit" in argv:
        QTimer.singleShot(0, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
