"""Render every wizard page with the example proposal into ``docs/screenshots/``.

``make screenshots`` renders each page at the two laptop sizes of issue #12, in
English and in Dutch, offscreen, with settings in a temporary folder so the
user's own settings are never touched:

* ``docs/screenshots/LANG-1366x700/NN-page.png``: a maximised window on a 1366x768
  screen, the page list and the consortium panel shown (the README shows the
  Dutch ones);
* ``docs/screenshots/LANG-1093x560/NN-page.png``: a 1366x768 screen at 125%
  scaling, the page list and the panel collapsed, as the window does when narrow.

    .venv/bin/python tools/screenshots.py [--lang nl] [--size 1093x560] [--out docs/screenshots]

Each language runs in a process of its own (the window is built in it). The
program also prints, for each shot, what the layout audit of the test suite
(``tests/ui/layout_audit.py``) finds wrong on that page, if anything.
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
sys.path.insert(0, str(ROOT / "tests" / "ui"))

#: (width, height) -> whether the side panels are shown at that size.
SIZES = {(1366, 700): True, (1093, 560): False}
LANGUAGES = ("nl", "en")


def render(out: Path, lang: str, sizes: dict[tuple[int, int], bool]) -> list[Path]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["ssa-wizard-screenshots"])
    app.setApplicationName("SSA Wizard")
    app.setOrganizationName("SSA Wizard")
    settings_dir = tempfile.mkdtemp(prefix="ssa-screens-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)

    from layout_audit import audit_widgets, collapse_side_panels, settle

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
    written = []
    for (width, height), panels_shown in sizes.items():
        folder = out / f"{lang}-{width}x{height}"
        folder.mkdir(parents=True, exist_ok=True)
        collapse_side_panels(window, not panels_shown)
        for number, key in enumerate(PAGES, start=1):
            window.go_to(key)
            window.resize(width, height)
            if key == "review":
                review = window.pages["review"]
                # Show a "why?" for the first finding, as a user would.
                first = review.findings_shown()[:1]
                if first:
                    review.tree.setCurrentItem(review.item_of(first[0]))
            settle()  # a tool, not the GUI: let layouts settle before grabbing
            path = out / folder / f"{number:02d}-{key}.png"
            window.grab().save(str(path))
            written.append(path)
            if (window.width(), window.height()) != (width, height):
                print(f"{path}: the window is {window.width()}x{window.height()}",
                      file=sys.stderr)
            for problem in audit_widgets(window.wizard, window):
                print(f"{path}: {problem}", file=sys.stderr)
    window.session.mark_saved(example)  # nothing to ask on close
    window.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--lang", choices=LANGUAGES,
                        help="one language, in this process (default: each in its own)")
    parser.add_argument("--size", help="one size, such as 1093x560 (default: both)")
    args = parser.parse_args()
    out = Path(args.out)
    sizes = SIZES
    if args.size:
        width, height = (int(n) for n in args.size.lower().split("x"))
        sizes = {(width, height): SIZES.get((width, height), width >= 1280)}
    if args.lang:
        for path in render(out, args.lang, sizes):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        return 0
    for lang in LANGUAGES:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        command = [sys.executable, __file__, "--lang", lang, "--out", str(out)]
        if args.size:
            command += ["--size", args.size]
        done = subprocess.run(command, env=env, check=False)
        if done.returncode:
            return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
