"""``ssa-wizard import PROPOSAL SHEET_OR_CARDS... [--dry-run]``: exit codes, output, files."""

from __future__ import annotations

import json

import openpyxl
import pytest

from ssa_wizard import cards, storage
from ssa_wizard.cli import COMMANDS, main
from ssa_wizard.model import Partner, Proposal


@pytest.fixture
def proposal_file(tmp_path):
    proposal = Proposal.new()
    proposal.partners.append(Partner(id="p1", name="ROC Midden Nederland", country="NL",
                                     pic="912345678", category="vet_provider", role="applicant"))
    path = tmp_path / "digiretail.ssa.json"
    path.write_text(proposal.to_json(), "utf-8")
    return path


def _csv(tmp_path, name: str, rows: list[str], encoding: str = "cp1252"):
    path = tmp_path / name
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode(encoding))
    return path


GOOD = ["Naam;Land;Categorie;Rol;PIC",
        "ROC Midden Nederland;Nederland;beroepsonderwijs;aanvrager;912345678",
        "Handwerkskammer München;Duitsland;bedrijfstakspecifieke expertise;volwaardig partner;",
        "Bundesinstitut für Berufsbildung;Duitsland;toezichthouder;volwaardig partner;"]


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_is_a_command():
    assert "import" in COMMANDS


def test_all_rows_imported_exit_0(tmp_path, proposal_file, capsys):
    sheet = _csv(tmp_path, "partners.csv", GOOD)
    code, out, err = _run(capsys, proposal_file, sheet)
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"{proposal_file}: 2 new, 0 updated, 1 already up to date, 0 skipped."]
    saved = storage.load(proposal_file).proposal
    assert [(p.id, p.name, p.country, p.category) for p in saved.partners] == [
        ("p1", "ROC Midden Nederland", "NL", "vet_provider"),
        ("p2", "Handwerkskammer München", "DE", "sector_expertise"),
        ("p3", "Bundesinstitut für Berufsbildung", "DE", "regulatory_body")]
    assert storage.backup_path(proposal_file).exists()  # saved with its backup


def test_some_rows_skipped_exit_1_one_line_each(tmp_path, proposal_file, capsys):
    sheet = _csv(tmp_path, "partners.csv", [
        *GOOD,
        "Duitse school;Duitslandd;beroepsonderwijs;;",
        ";DE;toezichthouder;;",
        "Handwerkskammer  München;DE;;;",
    ])
    code, out, err = _run(capsys, proposal_file, sheet)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[:3] == [
        "partners.csv, row 5: the country “Duitslandd” is not known; write its name in English "
        "or Dutch, or its two-letter code (for example DE, or EL for Greece)",
        "partners.csv, row 6: the organisation's name is missing; fill it in, or delete the row "
        "if it is not a partner",
        "partners.csv, row 7: the same organisation as row 3 (same name and country); only the "
        "first one is imported",
    ]
    assert lines[3].endswith(": 2 new, 0 updated, 1 already up to date, 3 skipped.")
    assert len(storage.load(proposal_file).proposal.partners) == 3  # the good rows went in


def test_sheets_and_cards_together_and_an_xlsx(tmp_path, proposal_file, capsys):
    card = tmp_path / "bibb.ssa-partner.json"
    cards.save_card(Partner(id="x", name="BIBB", country="DE", category="regulatory_body"), card)
    book = openpyxl.Workbook()
    book.active.append(["Name", "Country", "Type", "City"])
    book.active.append(["ROC Midden Nederland", "NL", "VET provider", "Utrecht"])
    book.active.append(["bibb", "Germany", "regulator", "Bonn"])  # the card came first
    xlsx = tmp_path / "more.xlsx"
    book.save(xlsx)
    code, out, _err = _run(capsys, proposal_file, card, xlsx)
    assert code == 1
    assert out.splitlines()[0] == (
        "more.xlsx, row 3: the same organisation as bibb.ssa-partner.json (same name and "
        "country); only the first one is imported")
    saved = storage.load(proposal_file).proposal
    assert [(p.name, p.city) for p in saved.partners] == [("ROC Midden Nederland", "Utrecht"),
                                                          ("BIBB", "")]


def test_a_duplicate_in_another_sheet_names_that_sheet(tmp_path, proposal_file, capsys):
    first = _csv(tmp_path, "first.csv", GOOD)
    second = _csv(tmp_path, "second.csv", ["Name;Country", "Bundesinstitut fur Berufsbildung;DE"])
    code, out, _err = _run(capsys, proposal_file, first, second)
    assert code == 1
    assert out.splitlines()[0] == (
        "second.csv, row 2: the same organisation as row 4 of first.csv (same name and "
        "country); only the first one is imported")


def test_dry_run_writes_nothing(tmp_path, proposal_file, capsys):
    before = proposal_file.read_bytes()
    sheet = _csv(tmp_path, "partners.csv", [*GOOD, "X;Atlantis;;;"])
    code, out, _err = _run(capsys, proposal_file, sheet, "--dry-run")
    assert code == 1
    assert "partners.csv, row 5: the country “Atlantis” is not known" in out
    assert out.splitlines()[-2].endswith(": 2 new, 0 updated, 1 already up to date, 1 skipped.")
    assert out.splitlines()[-1] == f"Dry run: {proposal_file} was not changed."
    assert proposal_file.read_bytes() == before
    assert not storage.backup_path(proposal_file).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["digiretail.ssa.json", "partners.csv"]


def _encrypted() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le")


@pytest.mark.parametrize("name, data, expected", [
    ("binary.csv", bytes(range(256)) * 4, "binary.csv: this is not a spreadsheet"),
    ("secret.xlsx", _encrypted(), "secret.xlsx: the workbook is protected with a password"),
    ("empty.csv", b"", "empty.csv: the file is empty"),
    ("broken.ssa-partner.json", b"{", "broken.ssa-partner.json: not a partner card"),
    ("nameless.csv", b"Country;City\r\nNL;Utrecht\r\n", "nameless.csv: no column holds the"),
])
def test_unreadable_input_exit_2_nothing_written(tmp_path, proposal_file, capsys, name, data,
                                                 expected):
    before = proposal_file.read_bytes()
    good = _csv(tmp_path, "good.csv", GOOD)
    bad = tmp_path / name
    bad.write_bytes(data)
    code, out, err = _run(capsys, proposal_file, good, bad)
    assert code == 2
    assert out == ""
    assert err.startswith(f"ssa-wizard: {expected}") and err.count("\n") == 1
    assert "Traceback" not in err
    assert proposal_file.read_bytes() == before
    assert not storage.backup_path(proposal_file).exists()


def test_missing_input_or_proposal_exit_2(tmp_path, proposal_file, capsys):
    before = proposal_file.read_bytes()
    code, _out, err = _run(capsys, proposal_file, tmp_path / "nope.csv")
    assert (code, err) == (2, "ssa-wizard: nope.csv: no such file\n")
    assert proposal_file.read_bytes() == before
    code, _out, err = _run(capsys, tmp_path / "none.ssa.json", _csv(tmp_path, "g.csv", GOOD))
    assert (code, err) == (2, "ssa-wizard: none.ssa.json: no such file\n")
    assert not (tmp_path / "none.ssa.json").exists()


def test_newer_proposal_is_never_written(tmp_path, capsys):
    path = tmp_path / "future.ssa.json"
    path.write_text(json.dumps({"format": "ssa-proposal", "version": 99, "partners": []}), "utf-8")
    before = path.read_bytes()
    code, _out, err = _run(capsys, path, _csv(tmp_path, "g.csv", GOOD))
    assert code == 2 and "newer version" in err
    assert path.read_bytes() == before


def test_nothing_to_change_leaves_the_file_alone(tmp_path, proposal_file, capsys):
    before = proposal_file.read_bytes()
    sheet = _csv(tmp_path, "same.csv", GOOD[:2])
    code, out, _err = _run(capsys, proposal_file, sheet)
    assert code == 0
    assert out.splitlines()[-1].endswith(": 0 new, 0 updated, 1 already up to date, 0 skipped.")
    assert proposal_file.read_bytes() == before
    assert not storage.backup_path(proposal_file).exists()


def test_imported_rows_with_a_warning_are_named_but_count_as_imported(tmp_path, proposal_file,
                                                                      capsys):
    sheet = _csv(tmp_path, "p.csv", ["Name,Country,PIC", "HWK,DE,12345"], "utf-8")
    code, out, _err = _run(capsys, proposal_file, sheet)
    assert code == 0
    assert out.splitlines()[0] == ("p.csv, row 2: the PIC “12345” is not nine digits; it is "
                                   "imported as written, check it in the Participant Portal")
    assert storage.load(proposal_file).proposal.partners[-1].pic == "12345"


def test_check_and_pdf_still_parse(proposal_file, capsys):
    assert main(["check", str(proposal_file)]) in (0, 1)
    assert "digiretail.ssa.json" in capsys.readouterr().out


def test_help_lists_the_import_command(capsys):
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = capsys.readouterr().out
    assert "SHEET_OR_CARD" in out and "--dry-run" in out
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "import" in capsys.readouterr().out


def test_run_as_a_program_without_qt(tmp_path, proposal_file):
    import subprocess
    import sys

    sheet = _csv(tmp_path, "partners.csv", GOOD)
    script = ("import sys; from ssa_wizard.cli import main; "
              f"rc = main(['import', {str(proposal_file)!r}, {str(sheet)!r}, '--dry-run']); "
              "print('Qt loaded' if 'PySide6' in sys.modules else 'no Qt'); sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("was not changed.\nno Qt\n")


def test_cards_are_told_by_their_name_as_in_the_wizard(tmp_path, proposal_file, capsys):
    # Issue #14: the import dialog reads only *.ssa-partner.json as cards; so does the CLI.
    before = proposal_file.read_bytes()
    card = tmp_path / "bibb.json"
    cards.save_card(Partner(id="x", name="BIBB", country="DE"), card)
    code, out, err = _run(capsys, proposal_file, card)
    assert (code, out) == (2, "")
    assert err == ("ssa-wizard: bibb.json: this is a partner card, but its name does not end "
                   "in “.ssa-partner.json”; rename it so and import it again\n")
    assert proposal_file.read_bytes() == before
    renamed = card.rename(tmp_path / "bibb.ssa-partner.json")
    assert _run(capsys, proposal_file, renamed)[0] == 0
    assert storage.load(proposal_file).proposal.partners[-1].name == "BIBB"


def test_an_unclosed_quote_skips_its_row_and_imports_the_rest(tmp_path, proposal_file, capsys):
    sheet = tmp_path / "p.csv"
    sheet.write_bytes(b'Naam;Land\r\n"Handwerkskammer;DE\r\nBIBB;DE\r\nHWK Koblenz;DE\r\n')
    code, out, err = _run(capsys, proposal_file, sheet)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        'p.csv, row 2: a quotation mark (") opens a text that is not closed where the row ends '
        "(line 2 of the file), so this row cannot be read; the rows after it were read on "
        "their own. Close or remove the quotation mark and import this row again",
        f"{proposal_file}: 2 new, 0 updated, 0 already up to date, 1 skipped."]
    assert [p.name for p in storage.load(proposal_file).proposal.partners] == [
        "ROC Midden Nederland", "BIBB", "HWK Koblenz"]


def test_a_sheet_mixing_encodings_imports_every_name_right(tmp_path, proposal_file, capsys):
    sheet = tmp_path / "p.csv"
    sheet.write_bytes("Naam;Land\r\n".encode() + "Café Ünïe;NL\r\n".encode()
                      + "Coöperatie Bâtir;BE\r\n".encode("cp1252"))
    assert _run(capsys, proposal_file, sheet)[:2] == (
        0, f"{proposal_file}: 2 new, 0 updated, 0 already up to date, 0 skipped.\n")
    assert [p.name for p in storage.load(proposal_file).proposal.partners][1:] == [
        "Café Ünïe", "Coöperatie Bâtir"]


def test_an_endless_input_is_refused_at_once(tmp_path, proposal_file, capsys):
    before = proposal_file.read_bytes()
    code, out, err = _run(capsys, proposal_file, "/dev/zero")
    assert (code, out) == (2, "")
    assert err == "ssa-wizard: zero: this is not a regular file (a device, pipe or socket)\n"
    assert proposal_file.read_bytes() == before
