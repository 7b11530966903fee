"""What the file dialogs offer, where they start, and what to say when a file cannot be written.

Shared by the partner exchange, the card window and the other file choosers, so
that each lives in one place below all of them.

Every file dialog starts in a folder the user knows: the one chosen last in any
of them (kept in QSettings), or beside the open proposal, or the Documents
folder; never the program's own folder (where a relative or empty path leads).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from ssa_wizard.i18n import _

#: The folder a file was last chosen in, by any file dialog.
FOLDER_KEY = "files/last_folder"


def documents_folder() -> Path:
    """The user's Documents folder, or the home folder when there is none."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def start_folder(settings: QSettings | None = None, *, first: Path | None = None,
                 then: Path | None = None) -> Path:
    """Where a file dialog starts: ``first``, the folder chosen last, ``then``, Documents.

    Each only if it is an existing folder given as an absolute path. Save As and
    Export PDF pass the open proposal's folder as ``first`` (a file beside its
    proposal); Open and the imports pass it as ``then`` (the user goes back to where
    their sheets and cards are).
    """
    settings = settings if settings is not None else QSettings()
    remembered = settings.value(FOLDER_KEY, "")
    for folder in (first, Path(str(remembered)) if remembered else None, then):
        if folder is not None and folder.is_absolute() and folder.is_dir():
            return folder
    return documents_folder()


def remember_folder(chosen: str | Path | None, settings: QSettings | None = None) -> None:
    """Keep the folder of ``chosen`` (a file the user picked) for the next dialog."""
    if not chosen:
        return
    folder = Path(chosen).expanduser().absolute().parent
    if folder.is_dir():
        (settings if settings is not None else QSettings()).setValue(FOLDER_KEY, str(folder))


def sheet_filters() -> str:
    return _("Spreadsheets (*.csv *.xlsx);;CSV files (*.csv);;Excel workbooks (*.xlsx);;"
             "All files (*)")


def card_filters() -> str:
    return _("Partner cards (*.ssa-partner.json);;All files (*)")


def export_filters() -> str:
    return _("CSV files (*.csv);;Excel workbooks (*.xlsx)")
