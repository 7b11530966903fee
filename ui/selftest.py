"""``ssa-wizard --self-test``: check that this installation has everything it needs.

Runs in a checkout and in the PyInstaller bundle, offscreen, without showing a
window. Each check prints one line, ``OK`` or ``FAILED`` with what is missing or
broken; the exit status is 0 when every check passed and 1 otherwise. A failing
check reports its exception as one line: no traceback ever reaches the screen.

Support staff run the console build (``ssa-wizard-console --self-test``) on a
user's machine; ``make bundle-test`` runs it on every CI build.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

#: The example that must be eligible and complete: the program's showcase.
SHOWCASE_EXAMPLE = "digiretail.ssa.json"
#: A message every shipped catalogue translates: proof that the catalogue loads.
KNOWN_MESSAGE = "Eligibility"
#: Germany, in every shipped language: proof that pycountry's catalogues are there.
KNOWN_COUNTRY = "DE"
#: The Qt platform plugin a desktop needs, by ``sys.platform`` prefix.
PLATFORM_PLUGINS = {"linux": "qxcb", "win32": "qwindows", "darwin": "qcocoa"}
#: The window icon, below ``resources/``.
WINDOW_ICON = ("icons", "ssa-wizard.png")


class CheckFailed(Exception):
    """A check found something missing; the message says what."""


def _one_line(exc: BaseException) -> str:
    """An exception as one readable line (type and message, no traceback)."""
    if isinstance(exc, CheckFailed):
        text = str(exc)
    else:
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return " ".join(text.split())


# --- the checks: each returns a short detail for its OK line, or raises -----------------


def check_rulebooks() -> str:
    from ssa_wizard import rulebook
    from ssa_wizard.resources import resource_path

    ids = rulebook.available()
    if not ids:
        raise CheckFailed(f"no rulebook (*.json) in {resource_path('rulebooks')}")
    loaded = [rulebook.load(rulebook_id) for rulebook_id in ids]
    return ", ".join(f"{book.id} ({len(book.programme_countries)} programme countries)"
                     for book in loaded)


def _examples() -> list[Path]:
    from ssa_wizard.resources import resource_path

    found = sorted(resource_path("examples").glob("*.ssa.json"))
    if not found:
        raise CheckFailed(f"no example proposal (*.ssa.json) in {resource_path('examples')}")
    return found


def check_example(path: Path) -> str:
    from ssa_wizard import rules, storage

    loaded = storage.load(path)
    report = rules.check(loaded.proposal)
    if path.name == SHOWCASE_EXAMPLE and not (report.eligible and report.complete):
        raise CheckFailed(
            f"{path.name} should be eligible and complete but is "
            f"{'eligible' if report.eligible else 'not eligible'} and "
            f"{'complete' if report.complete else 'not complete'} "
            f"({report.count('error')} errors: "
            f"{', '.join(sorted({f.rule for f in report.findings if f.severity == 'error'}))})")
    return (f"{'eligible' if report.eligible else 'not eligible'}, "
            f"{'complete' if report.complete else 'not complete'}, "
            f"{len(loaded.proposal.partners)} partners")


def check_pdf() -> str:
    from ssa_wizard import rules, storage
    from ssa_wizard.resources import resource_path

    from ssa_wizard import pdf  # ReportLab: only now, as in the program

    example = resource_path("examples", SHOWCASE_EXAMPLE)
    if not example.is_file():
        raise CheckFailed(f"the example to print, {example}, is missing")
    proposal = storage.load(example).proposal
    report = rules.check(proposal)
    with tempfile.TemporaryDirectory(prefix="ssa-wizard-selftest-") as folder:
        out = Path(folder) / "summary.pdf"
        storage.write_bytes_atomic(out, pdf.render(proposal, report, lang="nl",
                                                   file_name=example.name))
        data = out.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise CheckFailed(f"the printed summary is not a PDF (starts with {data[:8]!r})")
    if b"%%EOF" not in data[-1024:]:
        raise CheckFailed("the printed summary is cut short (no %%EOF at the end)")
    if b"DejaVu" not in data:
        raise CheckFailed("the printed summary does not embed the DejaVu Sans font")
    return f"{len(data) // 1024} KB, DejaVu Sans embedded"


def check_language(lang: str) -> str:
    from ssa_wizard import countries, i18n
    from ssa_wizard.resources import resource_path

    country = countries.name(KNOWN_COUNTRY, lang)
    if lang == i18n.DEFAULT_LANGUAGE:
        if country != "Germany":
            raise CheckFailed(f"country names are broken ({KNOWN_COUNTRY} reads {country!r})")
        return f"source language; {KNOWN_COUNTRY} = {country}"
    if not i18n.catalogue_available(lang):
        raise CheckFailed(
            f"catalogue missing: {resource_path('locale', lang, 'LC_MESSAGES', i18n.DOMAIN + '.mo')}")
    translated = i18n.translation(lang).gettext(KNOWN_MESSAGE)
    if translated == KNOWN_MESSAGE:
        raise CheckFailed(f"the catalogue does not translate {KNOWN_MESSAGE!r}")
    english = countries.name(KNOWN_COUNTRY, i18n.DEFAULT_LANGUAGE)
    if country == english:
        raise CheckFailed(f"pycountry's {lang} catalogue is missing ({KNOWN_COUNTRY} reads {country!r})")
    return f"{KNOWN_MESSAGE} = {translated}; {KNOWN_COUNTRY} = {country}"


_app = None


def _application():
    """The QApplication, offscreen unless a platform was chosen (created once)."""
    global _app
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = _app = QApplication(["ssa-wizard", "--self-test"])
    return app


def check_qt() -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtGui import QGuiApplication

    _application()
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    wanted = next((name for prefix, name in PLATFORM_PLUGINS.items()
                   if sys.platform.startswith(prefix)), None)
    if wanted is not None and not any(p.name.startswith((wanted, "lib" + wanted))
                                      for p in plugins.glob("*")):
        raise CheckFailed(f"the Qt platform plugin {wanted} is missing from {plugins}")
    if _bindings_drop_none_references():
        raise CheckFailed(f"PySide6 {pyside_version} loses references to None on this Python "
                          "and would crash within minutes; build with PySide6 below 6.12")
    return f"PySide6 {pyside_version}, platform {QGuiApplication.platformName()}"


def _bindings_drop_none_references() -> bool:
    """Whether void calls lose a reference to ``None`` (PySide6 6.12.0 on CPython 3.11)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 32


def check_qt_translation(lang: str) -> str:
    from ui.language import install_qt_translator

    _application()
    try:
        if not install_qt_translator(lang):
            from PySide6.QtCore import QLibraryInfo

            raise CheckFailed(f"Qt's qtbase_{lang}.qm is missing from "
                              f"{QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)}")
        return f"qtbase_{lang}.qm"
    finally:
        from ssa_wizard import i18n

        install_qt_translator(i18n.DEFAULT_LANGUAGE)


def check_icon() -> str:
    from PySide6.QtGui import QPixmap

    from ssa_wizard.resources import resource_path

    _application()
    path = resource_path(*WINDOW_ICON)
    pixmap = QPixmap(str(path))
    if pixmap.isNull():
        raise CheckFailed(f"the window icon {path} is missing or unreadable")
    return f"{pixmap.width()}x{pixmap.height()} px"


def check_main_window() -> str:
    from PySide6.QtCore import QSettings

    from ssa_wizard import storage
    from ssa_wizard.resources import resource_path

    from . import main_window

    _application()
    with tempfile.TemporaryDirectory(prefix="ssa-wizard-selftest-") as folder:
        # A throw-away settings file: the self-test never touches the user's settings.
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = main_window.MainWindow(settings=settings)
        try:
            example = resource_path("examples", SHOWCASE_EXAMPLE)
            window.session.load(storage.load(example).proposal, example)
            count = len(window.wizard.pageIds())
            if count != len(main_window.PAGES):
                raise CheckFailed(f"{count} pages instead of {len(main_window.PAGES)}")
            if window.isVisible():
                raise CheckFailed("the window was shown")  # it must never be, here
        finally:
            from PySide6.QtCore import QCoreApplication, QEvent

            window.deleteLater()  # never shown, never closed: just gone
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return f"{count} pages"


# --- running them -------------------------------------------------------------------------


def _checks() -> list[tuple[str, Callable[[], str]]]:
    from ssa_wizard import i18n

    checks: list[tuple[str, Callable[[], str]]] = [("rulebooks", check_rulebooks)]
    try:
        examples = _examples()
    except Exception as exc:  # noqa: BLE001 - reported as a failed check below
        problem = exc

        def no_examples() -> str:
            raise problem

        checks.append(("examples", no_examples))
    else:
        names = {p.name for p in examples}
        if SHOWCASE_EXAMPLE not in names:
            def no_showcase() -> str:
                raise CheckFailed(f"{SHOWCASE_EXAMPLE} is missing from {examples[0].parent}")

            checks.append((f"example {SHOWCASE_EXAMPLE}", no_showcase))
        checks += [(f"example {p.name}", lambda p=p: check_example(p)) for p in examples]
    checks.append(("PDF", check_pdf))
    checks += [(f"language {lang}", lambda lang=lang: check_language(lang))
               for lang in i18n.LANGUAGES]
    checks.append(("Qt", check_qt))
    checks += [(f"Qt translation {lang}", lambda lang=lang: check_qt_translation(lang))
               for lang in i18n.LANGUAGES if lang != i18n.DEFAULT_LANGUAGE]
    checks.append(("window icon", check_icon))
    checks.append(("main window", check_main_window))
    return checks


def run(out=None) -> int:
    """Run every check, print one line each to ``out``; return the number failed."""
    out = out or sys.stdout
    try:
        checks = _checks()
    except Exception as exc:  # noqa: BLE001 - the core itself did not import
        print(f"FAILED  program: {_one_line(exc)}", file=out)
        return 1
    failed = 0
    for name, check in checks:
        try:
            detail = check()
        except Exception as exc:  # noqa: BLE001 - one line per failure, never a traceback
            failed += 1
            print(f"FAILED  {name}: {_one_line(exc)}", file=out, flush=True)
        else:
            print(f"OK      {name}: {detail}", file=out, flush=True)
    if failed:
        print(f"Self-test FAILED: {failed} of {len(checks)} checks failed.", file=out)
    else:
        print(f"Self-test passed: {len(checks)} checks.", file=out)
    return failed


def main(argv: Sequence[str] | None = None) -> int:
    """``ssa-wizard --self-test``: 0 when everything is in place, 1 otherwise."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv:
        print(f"ssa-wizard: --self-test takes no arguments (got {' '.join(argv)})",
              file=sys.stderr)
        return 2
    from ssa_wizard import __version__

    from ssa_wizard.resources import resources_dir

    # Where the program runs from, for support: the bundle, an installed wheel
    # (resources in site-packages) or a checkout (its own resources/ folder).
    if getattr(sys, "frozen", False):
        where = "bundle"
    elif resources_dir().name == "resources":
        where = "checkout"
    else:
        where = "installed"
    print(f"SSA Wizard {__version__} self-test ({where}, Python {sys.version.split()[0]}, "
          f"{sys.platform})")
    return 1 if run() else 0
