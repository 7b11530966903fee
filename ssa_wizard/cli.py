"""The ``ssa-wizard`` command: check and print proposals, or start the wizard.

``ssa-wizard`` / ``ssa-wizard FILE`` open the wizard; ``check``, ``pdf`` and
``import`` work without any window (``shared/spec/file-format.md``). Exit codes: 0 fine, 1 the
check found errors, 2 the input was unreadable or refused or the output could not
be written. No traceback reaches the user: failures are one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from typing import TYPE_CHECKING

from . import __version__, i18n, labels
from .i18n import _

if TYPE_CHECKING:  # the commands import these when run: starting the GUI needs none
    from .rules import Report
    from .storage import Loaded

EXIT_OK, EXIT_ERRORS, EXIT_REFUSED = 0, 1, 2
COMMANDS = ("check", "pdf", "import")


def _fail(message: str) -> int:
    print(f"ssa-wizard: {message}", file=sys.stderr)
    return EXIT_REFUSED


def _load_checked(path: str) -> tuple[Loaded, Report]:
    from . import storage
    from .rules import check

    loaded = storage.load(path)
    if loaded.read_only:
        raise storage.FileRefused(path, _(
            "written by a newer version of SSA Wizard (file version {found}, this program "
            "reads up to {ours}); update the program to check it").format(
            found=loaded.file_version, ours=storage.VERSION))
    return loaded, check(loaded.proposal)


def report_as_json(report: Report, file_name: str, lang: str) -> dict:
    """The ``check --json`` object of file-format.md."""
    from . import messages

    return {
        "file": file_name,
        "rulebook": report.rulebook,
        "eligible": report.eligible,
        "complete": report.complete,
        "findings": [
            {"rule": f.rule, "severity": f.severity, "message": messages.message(f, lang),
             "partner": f.partner, "activity": f.activity, "country": f.country,
             "params": f.params}
            for f in report.findings
        ],
    }


def report_as_text(report: Report, file_name: str, lang: str) -> str:
    """The human-readable output of ``check``: verdicts, then findings by group."""
    from . import messages

    # Local names _ and ngettext, so that Babel extracts these strings for ``lang``.
    _ = i18n.translation(lang).gettext
    ngettext = i18n.translation(lang).ngettext
    yes, no = _("yes"), _("no")
    errors, warnings, infos = (report.count(s) for s in ("error", "warning", "info"))
    lines = [
        _("{file} (rulebook {rulebook})").format(file=file_name, rulebook=report.rulebook),
        _("Eligible: {eligible}. Complete: {complete}.").format(
            eligible=yes if report.eligible else no, complete=yes if report.complete else no),
        ", ".join((
            ngettext("{n} error", "{n} errors", errors).format(n=errors),
            ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
            ngettext("{n} note", "{n} notes", infos).format(n=infos))) + ".",
    ]
    group = None
    for f in report.findings:
        if f.group != group:
            group = f.group
            lines += ["", labels.group(group, lang)]
        lines.append(f"  {labels.severity(f.severity, lang)} [{f.rule}] {messages.message(f, lang)}")
    return "\n".join(lines)


def _cmd_check(args: argparse.Namespace) -> int:
    loaded, report = _load_checked(args.file)
    lang = args.lang or loaded.proposal.language
    if args.json:
        json.dump(report_as_json(report, args.file, i18n.normalize_language(lang)),
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(report_as_text(report, args.file, i18n.normalize_language(lang)))
    return EXIT_OK if report.complete else EXIT_ERRORS


def _cmd_pdf(args: argparse.Namespace) -> int:
    from . import pdf, storage  # ReportLab is imported only when a PDF is asked for

    loaded, report = _load_checked(args.file)
    lang = i18n.normalize_language(args.lang or loaded.proposal.language)
    data = pdf.render(loaded.proposal, report, lang=lang, file_name=args.file)
    try:
        storage.write_bytes_atomic(args.output, data)
    except OSError as exc:
        return _fail(_("cannot write {path}: {reason}").format(
            path=args.output, reason=exc.strerror or exc))
    return EXIT_OK


def _import_inputs(paths: Sequence[str]) -> list:
    """Every row of the sheets and every card, as merge candidates, in the order given.

    A ``.json`` file is read as a partner card, anything else as a sheet (CSV or XLSX,
    told apart by content). Raises FileRefused for the first input that cannot be read.
    """
    from . import cards, exchange

    candidates = []
    for path in paths:
        if path.lower().endswith(".json"):
            candidates.append(cards.load_card(path).candidate())
        else:
            candidates.extend(exchange.sheet_candidates(exchange.read_sheet(path)))
    return candidates


def _cmd_import(args: argparse.Namespace) -> int:
    from . import exchange, storage

    loaded = storage.load(args.proposal)
    if loaded.read_only:
        raise storage.FileRefused(args.proposal, _(
            "written by a newer version of SSA Wizard (file version {found}, this program "
            "reads up to {ours}); update the program to import into it").format(
            found=loaded.file_version, ours=storage.VERSION))
    previous = i18n.current_language()
    i18n.set_language(args.lang or loaded.proposal.language)
    try:
        plan = exchange.build_plan(loaded.proposal, _import_inputs(args.inputs))
        for item in plan.items:
            line = exchange.item_message(item, with_file=True, severities=("error", "warning"))
            if line:
                print(line)
        proposal, _ids = exchange.apply_plan(loaded.proposal, plan)
        if plan.changes_anything and not args.dry_run:
            try:
                saved = storage.save(proposal, args.proposal, expected=loaded.stamp)
            except storage.SaveError as exc:
                return _fail(str(exc))
            if saved.backup_note:  # saved, but the .bak is not the previous version
                print(f"ssa-wizard: {saved.backup_note}", file=sys.stderr)
        print(_("{file}: {new} new, {updated} updated, {unchanged} already up to date, "
                "{skipped} skipped.").format(
            file=args.proposal, new=plan.count("new"), updated=plan.count("update"),
            unchanged=plan.count("unchanged"), skipped=plan.count("skip")))
        if args.dry_run:
            print(_("Dry run: {file} was not changed.").format(file=args.proposal))
        return EXIT_ERRORS if plan.skipped else EXIT_OK
    finally:
        i18n.set_language(previous)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ssa-wizard",
        description="Draft an Erasmus+ Sector Skills Alliance proposal, checked against the rules.")
    parser.add_argument("--version", action="version", version=f"ssa-wizard {__version__}")
    commands = parser.add_subparsers(dest="command")
    check_cmd = commands.add_parser("check", help="check a proposal file and print the findings")
    check_cmd.add_argument("file")
    check_cmd.add_argument("--json", action="store_true", help="print one JSON object")
    check_cmd.add_argument("--lang", choices=i18n.LANGUAGES)
    pdf_cmd = commands.add_parser("pdf", help="write the printable summary of a proposal")
    pdf_cmd.add_argument("file")
    pdf_cmd.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    pdf_cmd.add_argument("--lang", choices=i18n.LANGUAGES)
    import_cmd = commands.add_parser(
        "import", help="merge partners from sheets (CSV, XLSX) or partner cards into a proposal")
    import_cmd.add_argument("proposal", metavar="PROPOSAL")
    import_cmd.add_argument("inputs", nargs="+", metavar="SHEET_OR_CARD",
                            help="a CSV or XLSX sheet, or a partner card (.ssa-partner.json)")
    import_cmd.add_argument("--dry-run", action="store_true",
                            help="show what would be imported; write nothing")
    import_cmd.add_argument("--lang", choices=i18n.LANGUAGES)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--self-test"]:
        from ui.selftest import main as self_test  # checks the GUI too, so it needs Qt

        return self_test(argv[1:])
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        from ui.app import main as gui_main  # the GUI, only when no command is given

        return gui_main(argv)
    args = _parser().parse_args(argv)
    from . import storage
    from .rulebook import RulebookError

    try:
        if args.command == "check":
            return _cmd_check(args)
        if args.command == "pdf":
            return _cmd_pdf(args)
        if args.command == "import":
            return _cmd_import(args)
    except storage.FileRefused as exc:
        return _fail(str(exc))
    except RulebookError as exc:
        return _fail(f"{args.file}: {exc}")
    _parser().print_help()
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
