"""The program's language in Qt: the system's choice, and Qt's own catalogue.

Used by ``ui.app`` at start-up and by the main window when the user switches.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ssa_wizard import i18n

_QT_TRANSLATOR = "ssa_qtbase_translator"


def install_qt_translator(lang: str) -> bool:
    """Load Qt's own ``qtbase`` catalogue for ``lang`` (standard buttons and dialogs).

    The translator is a child of the application, so it lives as long as it does;
    a previous one is removed. English needs none. True when one is installed.
    """
    app = QApplication.instance()
    if app is None:
        return False
    old = app.findChild(QTranslator, _QT_TRANSLATOR)
    if old is not None:
        app.removeTranslator(old)
        old.setParent(None)
        old.deleteLater()
    QLocale.setDefault(QLocale(lang))
    if lang == i18n.DEFAULT_LANGUAGE:
        return False
    translator = QTranslator(app)
    translator.setObjectName(_QT_TRANSLATOR)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{lang}", folder):
        translator.setParent(None)
        return False
    app.installTranslator(translator)
    return True


def system_language(system: QLocale | None = None) -> str:
    """The user's language as the system says it, on every platform.

    ``QLocale.system().uiLanguages()`` reads the Windows and macOS settings (and the
    POSIX environment on Linux), where ``i18n.system_language`` sees only the
    environment. ``system`` stands in for the system's locale in tests.
    """
    return i18n.preferred_language((system or QLocale.system()).uiLanguages())
