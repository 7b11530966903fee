"""Partners in and out: spreadsheets (CSV, XLSX) to a merge plan, and members to sheets.

The flow, the same for the wizard and the command line::

    sheet = read_sheet(path, progress=..., cancelled=...)   # SheetError if unreadable
    mapping = sheet.guess_mapping()                         # the dialog may correct it
    plan = plan_sheet(proposal, sheet, mapping)              # findings per row; nothing changed
    session.merge_partners(plan.new, plan.updates)           # one undo step (GUI)
    proposal, ids = apply_plan(proposal, plan)               # or without Qt (CLI)

Modules: ``sheets`` (reading), ``columns`` (headers -> fields), ``values`` (countries,
categories, roles, flags, PICs as people type them), ``plan`` (findings and the merge
plan), ``export`` (CSV and XLSX out). Partner cards (``ssa_wizard.cards``) feed the
same ``build_plan``. Nothing here imports Qt; openpyxl and pycountry load on first use.
"""

from .columns import FIELDS, ColumnMapping, export_header, field_for_header, field_label
from .export import export_csv, export_rows, export_xlsx, write_sheet
from .plan import (
    SEVERITY,
    Candidate,
    ImportFinding,
    MergePlan,
    PlanItem,
    apply_plan,
    build_plan,
    finding_message,
    interpret,
    item_message,
    plan_sheet,
    problem,
    sheet_candidates,
)
from .sheets import ImportCancelled, Sheet, SheetError, parse_sheet, read_sheet
from .values import (
    guard_formula,
    parse_category,
    parse_country,
    parse_flag,
    parse_pic,
    parse_role,
    unguard_formula,
)

__all__ = [
    "FIELDS", "SEVERITY", "Candidate", "ColumnMapping", "ImportCancelled", "ImportFinding",
    "MergePlan", "PlanItem", "Sheet", "SheetError", "apply_plan", "build_plan",
    "export_csv", "export_header", "export_rows", "export_xlsx", "field_for_header",
    "field_label", "finding_message", "guard_formula", "interpret", "item_message", "parse_category",
    "parse_country", "parse_flag", "parse_pic", "parse_role", "parse_sheet", "plan_sheet",
    "problem", "read_sheet", "sheet_candidates", "unguard_formula", "write_sheet",
]
