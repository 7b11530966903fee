"""What the file dialogs offer and what to say when a file cannot be written.

Shared by the partner exchange, the card window and the other file choosers, so
that each lives in one place below all of them.
"""

from __future__ import annotations

from ssa_wizard.i18n import _


def sheet_filters() -> str:
    return _("Spreadsheets (*.csv *.xlsx);;CSV files (*.csv);;Excel workbooks (*.xlsx);;"
             "All files (*)")


def card_filters() -> str:
    return _("Partner cards (*.ssa-partner.json);;All files (*)")


def export_filters() -> str:
    return _("CSV files (*.csv);;Excel workbooks (*.xlsx)")


def write_advice(error: OSError) -> str:
    """What to do when a file could not be written."""
    if isinstance(error, FileNotFoundError):
        return _("The folder does not exist. Choose another folder and try again.")
    if isinstance(error, PermissionError):
        return _("SSA Wizard may not write there, or the file is open in another program "
                 "(Excel, for example). Close it, or choose another name or folder, and try "
                 "again.")
    return _("The system said: {reason}. Check that the disk is not full and that the folder "
             "can be written to, then try again.").format(reason=error.strerror or error)
