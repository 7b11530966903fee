"""Render every wizard page with the example proposal into ``docs/screenshots/``.

``make screenshots`` runs this once at scale 1 (``NN-page.png``) and once with
``QT_SCALE_FACTOR=1.5`` (``NN-page@1.5x.png``), offscreen, in English, with
settings in a temporary folder so the user's own settings are never touched.

    .venv/bin/python tools/screenshots.py [--scale 1.5] [--lang nl] [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def render(out: Path, scale: str, lang: str) -> list[Path]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["ssa-wizard-screenshots"])
    app.setApplicationName("SSA Wizard")
    app.setOrganizationName("SSA Wizard")
    settings_dir = tempfile.mkdtemp(prefix="ssa-screens-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)

    from ssa_wizard import i18n, storage
    from ssa_wizard.resources import resource_path
    from ui.language import install_qt_translator
    from ui.main_window import MainWindow
    from ui.wizard.base import PAGES

    i18n.set_language(lang)
    install_qt_translator(lang)
    window = MainWindow(settings=QSettings())
    example = resource_path("examples", "digiretail.ssa.json")
    window.session.load(storage.load(example).proposal, example)
    window.show()
    suffix = "" if scale in ("", "1", "1.0") else f"@{scale}x"
    written = []
    for number, key in enumerate(PAGES, start=1):
        window.go_to(key)
        if key == "review":
            review = window.pages["review"]
            # Show a "why?" for the first finding, as a user would.
            first = review.findings_shown()[:1]
            if first:
                review.tree.setCurrentItem(review.item_of(first[0]))
        for _ in range(3):
            app.processEvents()  # a tool, not the GUI: let layouts settle before grabbing
        path = out / f"{number:02d}-{key}{suffix}.png"
        window.grab().save(str(path))
        written.append(path)
    window.session.mark_saved(example)  # nothing to ask on close
    window.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--lang", default="en")
    parser.add_argument("--scale", help="render one scale in this process (internal)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.scale:
        for path in render(out, args.scale, args.lang):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        return 0
    # QT_SCALE_FACTOR is read when the application starts: one process per scale.
    for scale in ("1", "1.5"):
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "QT_SCALE_FACTOR": scale}
        done = subprocess.run([sys.executable, __file__, "--scale", scale, "--out", str(out),
                               "--lang", args.lang], env=env, check=False)
        if done.returncode:
            return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
