"""The program's language in Qt: the system's choice, and Qt's own catalogue.

Used by ``ui.app`` at start-up and by the main window when the user switches.

Qt's ``qtbase_nl.qm`` leaves a few texts of its own dialogs in English ("Look in:"
and "Files of type:" in the file dialog, "Don't Save"). ``QtGapsTranslator`` fills
those gaps from our gettext catalogue, so the one translation system we maintain
covers them too, and Qt's dialogs speak the UI language throughout.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ssa_wizard import i18n
from ssa_wizard.i18n import N_, _

_QT_TRANSLATOR = "ssa_qtbase_translator"
_GAPS_TRANSLATOR = "ssa_qt_gaps_translator"

#: (Qt's context, Qt's source text) -> our msgid, for what qtbase leaves untranslated.
QT_GAPS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): N_("&Look in:"),
    ("QFileDialog", "Files of &type:"): N_("Files of &type:"),
    ("QFileDialog", "Confirm Delete"): N_("Confirm Delete"),
    ("QPlatformTheme", "Don't Save"): N_("Don't Save"),
    ("QPlatformTheme", "No to A&ll"): N_("No to A&ll"),
}


class QtGapsTranslator(QTranslator):
    """Qt's own texts that ``qtbase`` does not translate, from our gettext catalogue."""

    def translate(self, context, source_text, disambiguation=None, n=-1):
        # None is a null string to Qt: "not mine", ask the next translator. (An empty
        # string would be taken as the translation and blank the text out.)
        msgid = QT_GAPS.get((context, source_text))
        if msgid is None:
            return None
        text = _(msgid)
        return text if text != msgid else None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


def _remove(app: QApplication, name: str) -> None:
    old = app.findChild(QTranslator, name)
    if old is not None:
        app.removeTranslator(old)
        old.setParent(None)
        old.deleteLater()


def install_qt_translator(lang: str) -> bool:
    """Load Qt's own ``qtbase`` catalogue for ``lang`` (standard buttons and dialogs).

    The translators are children of the application, so they live as long as it
    does; previous ones are removed. English needs none. True when Qt's catalogue
    is installed. Installing sends every widget a LanguageChange event, so Qt's
    own widgets that exist already re-word themselves.
    """
    app = QApplication.instance()
    if app is None:
        return False
    _remove(app, _QT_TRANSLATOR)
    _remove(app, _GAPS_TRANSLATOR)
    QLocale.setDefault(QLocale(lang))
    if lang == i18n.DEFAULT_LANGUAGE:
        return False
    gaps = QtGapsTranslator(app)
    gaps.setObjectName(_GAPS_TRANSLATOR)
    app.installTranslator(gaps)
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
