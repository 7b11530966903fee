"""The command-line commands of ``ssa-wizard``: check, print, import and compare, no window.

``check``, ``pdf``, ``import`` and ``diff`` (``docs/file-format.md``) need no Qt; the
program's entry point, ``ui.main``, hands them here and opens the wizard otherwise.
Exit codes: 0 fine, 1 the check found errors (or an import skipped rows, or diff found
differences), 2 the input was unreadable or refused or the output could not be
written, 130 interrupted (Ctrl+C). No traceback reaches the user: failures are one
line on stderr.

Everything the commands print goes through one ``_Terminal`` stream per standard stream:
it neutralises control characters (``printable``), so that an escape sequence in a file
received from a partner cannot rewrite the terminal, and it goes quiet when the reader
goes away (``ssa-wizard import … | head``) or the output cannot be written: output errors
never stop the work that was asked for.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, i18n, labels
from .i18n import _

if TYPE_CHECKING:  # the commands import these when they run, not at start-up
    from .exchange import MergePlan
    from .locking import Lock
    from .model import Proposal
    from .rules import Report
    from .storage import Loaded

EXIT_OK, EXIT_ERRORS, EXIT_REFUSED = 0, 1, 2
#: Ctrl+C: 128 + SIGINT, as shells report a program stopped by it.
EXIT_INTERRUPTED = 130
#: A bug in this program (an exception nobody expected): one line, no traceback.
EXIT_BUG = 1
COMMANDS = ("check", "pdf", "import", "diff")
#: Set to see the traceback of an unexpected error instead of its one-line message.
DEBUG_VARIABLE = "SSA_WIZARD_DEBUG"


class Refusal(Exception):
    """The command cannot do what was asked; ``str(exc)`` is the one line to print (exit 2)."""


# --- what reaches the terminal ------------------------------------------------------

# C0 controls but tab (and newline where lines are kept), DEL and C1 controls (ESC and
# CSI start terminal escape sequences; \r and \b overwrite what was printed), and the
# bidirectional embeddings, overrides and isolates that reorder what is shown.
_UNSAFE_IN_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def printable(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with control and reordering characters shown as ``\\u001b`` escapes.

    The escape is also JSON's, so ``check --json`` stays valid JSON with the same values.
    ``keep_newlines=False`` escapes line breaks too: one message stays one line whatever
    a name in it holds.
    """
    return (_UNSAFE if keep_newlines else _UNSAFE_IN_LINE).sub(_escape, text)


def _reader_gone(exc: OSError) -> bool:
    # Windows reports a closed pipe as EINVAL on write.
    return isinstance(exc, BrokenPipeError) or (os.name == "nt" and exc.errno == errno.EINVAL)


class _Terminal(io.TextIOBase):
    """A standard stream as the commands use it: printable text only, and never an error.

    When the reader goes away (a closed pipe) or the output cannot be written (a full
    disk), the stream is pointed at the null device, as Python's "Note on SIGPIPE"
    advises, so that neither the rest of the command nor the interpreter's final flush
    fails; ``error`` keeps a write error that was not a closed pipe.
    """

    def __init__(self, stream):
        super().__init__()
        self.stream = stream
        self.silent = stream is None  # a windowed program may have no console at all
        self.error: OSError | None = None

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", None) or "utf-8"

    def isatty(self) -> bool:
        try:
            return bool(self.stream.isatty())
        except (OSError, ValueError, AttributeError):
            return False

    def write(self, text: str) -> int:
        if not self.silent:
            self._guarded(self._write, printable(text))
        return len(text)

    def flush(self) -> None:
        if not self.silent:
            self._guarded(self.stream.flush)

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
        except UnicodeEncodeError:  # a console that cannot show Ł, or a lone surrogate
            self.stream.write(text.encode(self.encoding, "backslashreplace").decode(self.encoding))

    def _guarded(self, action: Callable[..., object], *args: object) -> None:
        try:
            action(*args)
        except OSError as exc:
            if not _reader_gone(exc):
                self.error = exc
            self._silence()

    def _silence(self) -> None:
        self.silent = True
        try:
            fd = self.stream.fileno()
        except (OSError, ValueError, AttributeError):
            return  # not a file (a test's capture): nothing will flush it at exit
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(null, fd)
            finally:
                os.close(null)
        except OSError:
            pass


def _say(line: str = "", *, file=None) -> None:
    """Print one line (line breaks inside it are shown as escapes)."""
    print(printable(line, keep_newlines=False), file=file or sys.stdout)


def _fail(message: str) -> int:
    _say(f"ssa-wizard: {message}", file=sys.stderr)
    return EXIT_REFUSED


def _debugging() -> bool:
    return bool(os.environ.get(DEBUG_VARIABLE))


@contextlib.contextmanager
def _reading(path: str | Path) -> Iterator[None]:
    """Any failure while reading an input refuses that input (exit 2) in one line.

    The readers refuse what they know to be wrong with their own words; anything else
    that escapes them (a value no parser expected) still names the file and the kind of
    error, and asks for a report, since it may be a bug (``SSA_WIZARD_DEBUG=1`` shows it).
    """
    from .storage import FileRefused

    try:
        yield
    except FileRefused:
        raise
    except MemoryError:
        raise FileRefused(path, _("the file is too large to read into memory")) from None
    except Exception as exc:
        if _debugging():
            raise
        raise FileRefused(path, _(
            "cannot be read ({error}); if the file looks right, this is a bug in SSA Wizard: "
            "please report it").format(error=type(exc).__name__)) from None


def _load(path: str | Path, newer_version_advice: str) -> Loaded:
    """Read the proposal at ``path`` for a command; say on stderr what had to be repaired.

    A file of a newer version is refused (``newer_version_advice`` says what the user
    can do, e.g. "update the program to check it").
    """
    from . import storage

    with _reading(path):
        loaded = storage.load(path)
    if loaded.read_only:
        raise storage.FileRefused(path, _(
            "written by a newer version of SSA Wizard (file version {found}, this program "
            "reads up to {ours}); {advice}").format(
            found=loaded.file_version, ours=storage.VERSION, advice=newer_version_advice))
    for repair in loaded.repairs:
        _say(f"ssa-wizard: {repair.message(path)}", file=sys.stderr)
    return loaded


def _load_checked(path: str) -> tuple[Loaded, Report]:
    from .rules import check

    loaded = _load(path, _("update the program to check it"))
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
    return "\n".join(report_lines(report, file_name, lang))


def report_lines(report: Report, file_name: str, lang: str) -> list[str]:
    """``report_as_text`` line by line (a line break inside a name stays in its line)."""
    from . import messages

    # A local name _, so that Babel extracts these strings for ``lang``.
    _ = i18n.translation(lang).gettext
    yes, no = _("yes"), _("no")
    lines = [
        _("{file} (rulebook {rulebook})").format(file=file_name, rulebook=report.rulebook),
        _("Eligible: {eligible}. Complete: {complete}.").format(
            eligible=yes if report.eligible else no, complete=yes if report.complete else no),
        messages.counts(report, lang) + ".",
    ]
    group = None
    for f in report.findings:
        if f.group != group:
            group = f.group
            lines += ["", labels.group(group, lang)]
        lines.append(f"  {labels.severity(f.severity, lang)} [{f.rule}] {messages.message(f, lang)}")
    return lines


def _cmd_check(args: argparse.Namespace) -> int:
    loaded, report = _load_checked(args.file)
    lang = i18n.normalize_language(args.lang or loaded.proposal.language)
    if args.json:
        # The stream escapes C1 and bidi characters as \\uXXXX: still JSON, same values.
        json.dump(report_as_json(report, args.file, lang), sys.stdout, ensure_ascii=False,
                  indent=2)
        sys.stdout.write("\n")
    else:
        for line in report_lines(report, args.file, lang):
            _say(line)
    return EXIT_OK if report.complete else EXIT_ERRORS


# --- pdf ------------------------------------------------------------------------------

def write_protected(path: str | Path) -> bool:
    """Whether the file at ``path`` is read-only to its owner's intent.

    Decided by its permission bits (``chmod a-w``; Windows' read-only attribute shows as
    no write bit), not only by ``os.access``, which says yes to root for any file;
    ``os.access`` still counts for a user who may not write someone else's file.
    """
    status = os.stat(path)
    return not status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
        path, os.W_OK)


def _pdf_target(output: str, source: str) -> Path:
    """Where ``pdf`` may write its output ``-o output``; raises Refusal when nowhere.

    A symlink is written through (its target is replaced, the link stays). Refused: no
    name, the proposal itself (same device and inode, so also through links), a folder,
    anything not a regular file (``os.replace`` would replace a device node or a pipe),
    a read-only file, and an existing file that is not a PDF (an empty one is fine).
    """
    from .storage import describe_os_error

    if not output.strip():
        raise Refusal(_("no output file given: name the PDF to write after -o, for example "
                        "-o summary.pdf"))
    path = Path(output)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        status = os.stat(target)
    except FileNotFoundError:
        folder = target.parent
        if not folder.is_dir():
            raise Refusal(_("cannot write {path}: the folder {folder} does not exist; choose an "
                            "output file in an existing folder with -o").format(
                path=output, folder=folder)) from None
        return target
    except OSError as exc:
        raise Refusal(_("cannot write {path}: {reason}; choose another output file with "
                        "-o").format(path=output, reason=describe_os_error(exc, target))) from None
    try:
        source_status = os.stat(source)
    except OSError:
        source_status = None
    if source_status is not None and (status.st_dev, status.st_ino) == (
            source_status.st_dev, source_status.st_ino):
        raise Refusal(_("{path} is the proposal itself; it is not replaced by its PDF. Choose "
                        "another output file with -o, for example -o summary.pdf").format(
            path=output))
    if stat.S_ISDIR(status.st_mode):
        raise Refusal(_("{path} is a folder; name a file in it with -o, for example "
                        "-o {example}").format(path=output,
                                               example=os.path.join(output, "summary.pdf")))
    if not stat.S_ISREG(status.st_mode):
        raise Refusal(_("{path} is not a regular file (it is a device, pipe or socket); choose "
                        "an output file with -o").format(path=output))
    if write_protected(target):
        raise Refusal(_("{path} is read-only; it is not replaced. Choose another output file "
                        "with -o").format(path=output))
    if status.st_size:
        try:
            fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                         | getattr(os, "O_BINARY", 0))
            try:
                head = os.read(fd, 5)
            finally:
                os.close(fd)
        except OSError as exc:
            raise Refusal(_("cannot check that {path} is a PDF before replacing it: {reason}; "
                            "choose another output file with -o").format(
                path=output, reason=describe_os_error(exc, target))) from None
        if head != b"%PDF-":
            raise Refusal(_("{path} exists and is not a PDF; it is not replaced. Choose another "
                            "output file with -o, or remove that file first").format(path=output))
    return target


def _cmd_pdf(args: argparse.Namespace) -> int:
    from . import pdf, storage  # ReportLab is imported only when a PDF is asked for

    _pdf_target(args.output, args.file)  # refuse a wrong -o before the slow part
    loaded, report = _load_checked(args.file)
    lang = i18n.normalize_language(args.lang or loaded.proposal.language)
    data = pdf.render(loaded.proposal, report, lang=lang, file_name=args.file)
    target = _pdf_target(args.output, args.file)  # again: it may have changed meanwhile
    try:
        storage.write_bytes_atomic(target, data)
    except OSError as exc:
        raise Refusal(_("cannot write {path}: {reason}; choose another output file with "
                        "-o").format(path=args.output,
                                     reason=storage.describe_os_error(exc, target))) from None
    for missing in pdf.unprintable(loaded.proposal, lang):  # printed as "�": say where
        _say(f"ssa-wizard: {missing.message}", file=sys.stderr)
    return EXIT_OK


# --- diff -----------------------------------------------------------------------------

def _cmd_diff(args: argparse.Namespace) -> int:
    """What changed from OLD to NEW: 0 the same content, 1 differences, 2 a file refused."""
    from . import compare

    advice = _("update the program to compare it")
    old = _load(args.old, advice)
    new = _load(args.new, advice)
    comparison = compare.compare(old.proposal, new.proposal)
    lang = i18n.normalize_language(args.lang or new.proposal.language)
    if args.json:
        # The stream escapes C1 and bidi characters as \\uXXXX: still JSON, same values.
        json.dump(comparison.to_json(args.old, args.new), sys.stdout, ensure_ascii=False,
                  indent=2)
        sys.stdout.write("\n")
    else:
        for line in compare.Reader(comparison, lang).lines(args.old, args.new):
            _say(line)
    return EXIT_OK if comparison.same else EXIT_ERRORS


# --- import ---------------------------------------------------------------------------

def _import_plan(proposal: Proposal, paths: Sequence[str]) -> MergePlan:
    """The merge plan of the sheets and cards at ``paths``, as the wizard makes it.

    The same reading and planning as the wizard's import dialog
    (``exchange.sources``), except that the first input that cannot be read, or that
    gives no rows, refuses the whole import (exit 2, nothing written).
    """
    from .exchange.sources import Sources, plan_sources, read_sources

    sources = Sources()
    for path in paths:
        with _reading(path):
            sources.items.extend(read_sources([path], keep_going=False).items)
    for note in sources.notes:
        _say(f"ssa-wizard: {note}", file=sys.stderr)
    plan, errors = plan_sources(proposal, sources)
    if errors:
        raise Refusal(errors[0])
    return plan


def _lock_for_import(path: Path) -> Lock | None:
    """Lock the proposal for the whole import, or refuse while someone else has it.

    A lock left by a program that no longer runs is taken over, as the wizard offers.
    Where no lock file can be made (a read-only folder or disk) the import goes on
    without one, as the wizard opens files there; the save then says if it cannot
    write either. A proposal that does not exist is not locked (loading says so).
    """
    from . import locking

    if not path.exists():
        return None
    if write_protected(path):
        raise Refusal(_("{name} is read-only; nothing was imported. Make it writable first, "
                        "or import into a copy of it").format(name=path.name))

    def busy(owner: locking.Owner) -> Refusal:
        return Refusal(_("{name} is open in SSA Wizard, or another import is writing it "
                         "({owner}); nothing was imported. Close it there, or wait for that "
                         "import to end, and try again").format(name=path.name,
                                                                owner=owner.describe()))

    try:
        return locking.acquire_lock(path)
    except locking.FileLocked as exc:
        if not exc.stale:
            raise busy(exc.owner) from None
        try:
            return locking.take_over(path)
        except locking.FileLocked as again:
            raise busy(again.owner) from None
        except locking.CannotLock:
            return None
    except locking.CannotLock:
        return None


def _cmd_import(args: argparse.Namespace) -> int:
    from . import exchange

    path = Path(args.proposal)
    # The lock is held from reading the proposal to replacing it: two imports, or an
    # import and the wizard, never write over each other's rows. A dry run writes nothing.
    lock = None if args.dry_run else _lock_for_import(path)
    previous = i18n.current_language()
    try:
        loaded = _load(path, _("update the program to import into it"))
        i18n.set_language(args.lang or loaded.proposal.language)
        plan = _import_plan(loaded.proposal, args.inputs)
        for item in plan.items:
            line = exchange.item_message(item, with_file=True, severities=("error", "warning"))
            if line:
                _say(line)
        proposal, _ids = exchange.apply_plan(loaded.proposal, plan)
        if plan.changes_anything and not args.dry_run:
            _save_import(proposal, path, loaded, lock)
        _say(_("{file}: {new} new, {updated} updated, {unchanged} already up to date, "
               "{skipped} skipped.").format(
            file=args.proposal, new=plan.count("new"), updated=plan.count("update"),
            unchanged=plan.count("unchanged"), skipped=plan.count("skip")))
        if args.dry_run:
            _say(_("Dry run: {file} was not changed.").format(file=args.proposal))
        return EXIT_ERRORS if plan.skipped else EXIT_OK
    finally:
        if lock is not None:
            lock.release()
        i18n.set_language(previous)


def _save_import(proposal, path: Path, loaded: Loaded, lock: Lock | None) -> None:
    from . import storage

    if lock is not None and not lock.still_held():
        raise Refusal(_("{name} was taken over by another copy of SSA Wizard during the "
                        "import; nothing was imported. Try again when it is closed").format(
            name=path.name))
    try:
        saved = storage.save(proposal, path, expected=loaded.stamp)
    except storage.FileChangedOnDisk:
        raise Refusal(_("{name} was changed by another program during the import; nothing "
                        "was imported. Run the import again").format(name=path.name)) from None
    except storage.SaveError as exc:
        raise Refusal(_("cannot save {name}: {reason}; nothing was imported").format(
            name=path.name, reason=exc.reason)) from None
    if saved.backup_note:  # saved, but the .bak is not the previous version
        _say(f"ssa-wizard: {saved.backup_note}", file=sys.stderr)


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
                            help="a CSV or XLSX sheet, or a partner card (a file whose name "
                                 "ends in .ssa-partner.json)")
    import_cmd.add_argument("--dry-run", action="store_true",
                            help="show what would be imported; write nothing")
    import_cmd.add_argument("--lang", choices=i18n.LANGUAGES)
    diff_cmd = commands.add_parser(
        "diff", help="list what changed from one version of a proposal to another")
    diff_cmd.add_argument("old", metavar="OLD")
    diff_cmd.add_argument("new", metavar="NEW")
    diff_cmd.add_argument("--json", action="store_true", help="print one JSON object")
    diff_cmd.add_argument("--lang", choices=i18n.LANGUAGES)
    return parser


def is_command(argv: Sequence[str]) -> bool:
    """Whether ``argv`` asks for a command of this module rather than the wizard.

    ``check``, ``pdf``, ``import`` and options (``--version``, ``--help``); no argument
    or a file name means the wizard, which ``ui.main`` starts.
    """
    return bool(argv) and (argv[0] in COMMANDS or argv[0].startswith("-"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command (``is_command``); without one, print the help."""
    argv = list(sys.argv[1:] if argv is None else argv)
    saved = sys.stdout, sys.stderr
    out, err = _Terminal(sys.stdout), _Terminal(sys.stderr)
    sys.stdout, sys.stderr = out, err
    try:
        status = _run(argv)
    except KeyboardInterrupt:
        # Ctrl+C: files are safe (a write in progress is undone, the lock released);
        # the user knows why the command stopped.
        status = EXIT_INTERRUPTED
    finally:
        out.flush()
        err.flush()
        sys.stdout, sys.stderr = saved
    if out.error is not None and not err.silent:
        from .storage import describe_os_error

        with contextlib.suppress(OSError, ValueError):
            print(printable(_("ssa-wizard: the output could not be written: {reason}").format(
                reason=describe_os_error(out.error)), keep_newlines=False), file=saved[1])
    return status


def _run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    from . import storage
    from .rulebook import RulebookError

    commands = {"check": _cmd_check, "pdf": _cmd_pdf, "import": _cmd_import,
                "diff": _cmd_diff}
    if args.command not in commands:
        _parser().print_help()
        return EXIT_OK
    try:
        return commands[args.command](args)
    except (storage.FileRefused, Refusal) as exc:
        return _fail(str(exc))
    except RulebookError as exc:
        return _fail(f"{getattr(args, 'file', None) or getattr(args, 'proposal', None) or args.new}: "
                     f"{exc}")
    except Exception as exc:
        # A bug: say so in one line rather than show a traceback to the user, and keep
        # it visible (SSA_WIZARD_DEBUG=1 shows the traceback; the tests see the status).
        if _debugging():
            raise
        _say(_("ssa-wizard: unexpected error ({error}); this is a bug in SSA Wizard, please "
               "report it with the command you ran (set {variable}=1 to see where it "
               "happened)").format(error=f"{type(exc).__name__}: {exc}",
                                   variable=DEBUG_VARIABLE), file=sys.stderr)
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
