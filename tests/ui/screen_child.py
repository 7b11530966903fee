"""Run by test_frame_screens.py in a child process, on a screen of the test's choosing.

Shows the real window on the example proposal (as ``ssa-wizard`` would: settings of
its own, the app's icon), visits every page in the language given, and prints one JSON
object: the screen's room, the window's size and minimum on each page, and how the
icons are drawn at the screen's scale.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    lang = sys.argv[1]
    example = sys.argv[2] if len(sys.argv) > 2 else "digiretail.ssa.json"
    app = QApplication([sys.argv[0]])
    from ssa_wizard import i18n, storage
    from ui.app import window_icon
    from ui.main_window import MainWindow
    from ui.wizard.base import PAGES

    i18n.set_language(lang)
    app.setWindowIcon(window_icon())
    folder = Path(tempfile.mkdtemp())
    path = shutil.copy(ROOT / "resources" / "examples" / example, folder)
    window = MainWindow(settings=QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window.session.load(storage.load(path).proposal, path)
    window.show()
    for _ in range(5):
        app.processEvents()
    room = window.screen().availableGeometry()
    pages = {}
    for key in PAGES:
        window.go_to(key)
        for _ in range(3):
            app.processEvents()
        pages[key] = {"size": [window.width(), window.height()],
                      "minimum": [window.minimumWidth(), window.minimumHeight()]}
    scale = window.devicePixelRatio()
    # The side list's mark of a page with errors (on the draft example).
    error_icon = window.nav.item(PAGES.index("partners")).icon()
    app_icon = app.windowIcon().pixmap(QSize(256, 256), scale)
    print(json.dumps({
        "room": [room.width(), room.height()], "scale": scale, "pages": pages,
        "strip": window.strip.isVisible(), "panel": window.panel.isVisible(),
        "error_icon_scale": error_icon.pixmap(QSize(16, 16), scale).devicePixelRatio(),
        "app_icon_pixels": [app_icon.width(), app_icon.height()],
    }))
    window.session.mark_saved(path)
    window.close()


if __name__ == "__main__":
    main()
