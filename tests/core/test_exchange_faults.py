"""Sheets that would lose rows or eat the machine (issue #15): each fault made for real.

Endless and huge inputs (a device, a FIFO, a file past the cap, a zip bomb), a quotation
mark left open, and a file mixing UTF-8 and Windows-1252 lines.
"""

from __future__ import annotations

import io
import json
import os
import struct
import sys
import tracemalloc
import zipfile
import zlib

import pytest

from ssa_wizard import cards, exchange
from ssa_wizard.exchange import SheetError, parse_sheet, read_sheet
from ssa_wizard.exchange import sheets as sheets_module
from ssa_wizard.model import Partner, Proposal

# --- endless and huge inputs ----------------------------------------------------------


def test_a_device_is_refused_without_reading_it():
    with pytest.raises(SheetError) as refused:
        read_sheet("/dev/zero")
    assert str(refused.value) == "zero: this is not a regular file (a device, pipe or socket)"


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_a_fifo_with_no_writer_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "partners.csv"
    os.mkfifo(fifo)
    with pytest.raises(SheetError, match="partners.csv: this is not a regular file"):
        read_sheet(fifo)


def test_a_sheet_over_the_cap_is_refused_naming_the_cap(tmp_path):
    # A sparse file: as large as it says for the reader, nothing on the disk.
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.write(b"Name\r\nROC\r\n")
        handle.truncate(sheets_module.MAX_SHEET_BYTES + 1)
    with pytest.raises(SheetError) as refused:
        read_sheet(path)
    assert str(refused.value) == (
        "huge.csv: the file is larger than 50 MB, far more than a sheet of partners holds "
        "(10,000 rows take a few MB); it is not read (check that this is the right file)")


def test_a_sheet_at_the_cap_is_read_one_byte_more_is_not(tmp_path, monkeypatch):
    path = tmp_path / "partners.csv"
    path.write_bytes(b"Name;Country\r\nROC Midden Nederland;NL\r\n")
    monkeypatch.setattr(sheets_module, "MAX_SHEET_BYTES", path.stat().st_size)
    assert [p.name for p in exchange.plan_sheet(Proposal.new(), read_sheet(path)).new] == [
        "ROC Midden Nederland"]
    monkeypatch.setattr(sheets_module, "MAX_SHEET_BYTES", path.stat().st_size - 1)
    with pytest.raises(SheetError, match="larger than"):
        read_sheet(path)


def test_more_filled_rows_than_the_cap_are_refused():
    rows = "".join(f"Organisation {i};DE\r\n" for i in range(sheets_module.MAX_ROWS + 1))
    with pytest.raises(SheetError) as refused:
        parse_sheet(("Name;Country\r\n" + rows).encode(), "p.csv")
    assert str(refused.value) == (
        "p.csv: the sheet has more than 100,000 filled rows, far more than a sheet of partners "
        "holds; it is not read (check that this is the right file)")
    assert sheets_module.MAX_ROWS == 100_000  # the number the message says


def test_endless_empty_lines_are_refused_at_excels_limit():
    data = b"Name;Country\r\nROC;NL\r\n" + b"\r\n" * sheets_module.MAX_ALL_ROWS
    with pytest.raises(SheetError, match="more than 1,048,576 rows counting the empty ones"):
        parse_sheet(data, "p.csv")
    assert sheets_module.MAX_ALL_ROWS == 1_048_576


def _write_zip(path, members) -> None:
    """A zip archive written by hand: ``(name, method, crc, size, compressed parts)``.

    zipfile cannot store data compressed beforehand; a bomb is one compressed megabyte
    repeated, so it is written here without compressing a gigabyte first.
    """
    central = []
    with open(path, "wb") as handle:
        for name, method, crc, size, parts in members:
            offset = handle.tell()
            packed = sum(len(part) for part in parts)
            raw = name.encode()
            handle.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc,
                                     packed, size, len(raw), 0) + raw)
            for part in parts:
                handle.write(part)
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0,
                                       0x21, crc, packed, size, len(raw), 0, 0, 0, 0, 0,
                                       offset) + raw)
        start = handle.tell()
        for entry in central:
            handle.write(entry)
        handle.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central),
                                 handle.tell() - start, start, 0))


def _stored(name: str, data: bytes):
    return name, 0, zlib.crc32(data), len(data), [data]


def _zip_bomb(path, gigabytes: int = 1) -> None:
    """A workbook of about 1 MB whose sheet unpacks to ``gigabytes`` GB of spaces."""
    chunk = b" " * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    # After a full flush the compressor starts afresh: each megabyte compresses alike.
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = gigabytes << 10
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    sheet = ("xl/worksheets/sheet1.xml", 8, crc, count << 20,
             [b"".join([block] * 64)] * (count // 64) + [compressor.flush()])
    _write_zip(path, [
        _stored("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.'
                b'openxmlformats.org/package/2006/content-types"/>'),
        _stored("xl/workbook.xml", b'<?xml version="1.0"?><workbook/>'),
        sheet,
    ])


def test_a_zip_bomb_is_refused_from_its_directory_before_unpacking(tmp_path):
    path = tmp_path / "partners.xlsx"
    _zip_bomb(path)
    assert path.stat().st_size < 2_000_000
    with zipfile.ZipFile(path) as archive:  # it is a real, valid bomb
        member = archive.getinfo("xl/worksheets/sheet1.xml")
        assert member.file_size == 1 << 30
        with archive.open(member) as unpacked:
            assert unpacked.read(3 << 20) == b" " * (3 << 20)
    data = path.read_bytes()
    tracemalloc.start()
    try:
        with pytest.raises(SheetError) as refused:
            parse_sheet(data, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(refused.value) == (
        "partners.xlsx: the workbook would unpack to 1074 MB, more than the 200 MB a sheet of "
        "partners can need; it is not read (check that this is the right file)")
    assert peak < 10_000_000  # nothing was unpacked


def test_a_real_workbook_is_far_under_the_unpacked_cap():
    members = [Partner(id=f"p{i}", name=f"Organisation {i} " + "x" * 100, country="DE",
                       city="Bonn", email="info@example.org") for i in range(10_000)]
    data = exchange.export_xlsx(members)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(m.file_size for m in archive.infolist())
    assert unpacked * 5 < sheets_module.MAX_UNPACKED_BYTES  # and test_exchange_large reads one


# --- a quotation mark left open -------------------------------------------------------


def _plan(data: bytes, name: str = "partners.csv"):
    return exchange.plan_sheet(Proposal.new(), parse_sheet(data, name))


def _outcome(plan) -> list[tuple[int, str, str]]:
    return [(item.row, item.action, item.name) for item in plan.items]


def test_an_unclosed_quote_no_longer_swallows_the_rows_after_it():
    plan = _plan(b'Naam;Land\r\n"ROC Midden;NL\r\nHWK;DE\r\nBIBB;DE\r\n')
    assert _outcome(plan) == [(2, "skip", '"ROC Midden'), (3, "new", "HWK"), (4, "new", "BIBB")]
    assert exchange.item_message(plan.items[0], with_file=True) == (
        'partners.csv, row 2: a quotation mark (") opens a text that is not closed where the '
        "row ends (line 2 of the file), so this row cannot be read; the rows after it were read "
        "on their own. Close or remove the quotation mark and import this row again")


def test_an_unclosed_quote_closed_by_a_stray_quote_further_down():
    # The quote of row 2 closes at the inch mark of row 4: before, rows 3 and 4 were one name.
    plan = _plan('Naam;Land;Plaats\r\n"ROC Midden;NL;Utrecht\r\nHWK;DE;München\r\n'
                 'Zeiss 5" Optik;DE;Jena\r\nX;DE;Y\r\n'.encode())
    assert _outcome(plan) == [(2, "skip", '"ROC Midden'), (3, "new", "HWK"),
                              (4, "new", 'Zeiss 5" Optik'),
                              (5, "new", "X")]
    assert [p.city for p in plan.new] == ["München", "Jena", "Y"]


def test_an_unclosed_quote_on_the_last_line_is_reported():
    plan = _plan(b'Name,Country\nHWK,DE\n"ROC Midden,NL\n')
    assert _outcome(plan) == [(2, "new", "HWK"), (3, "skip", '"ROC Midden')]
    assert plan.items[1].reasons[0].code == "unclosed-quote"
    assert plan.items[1].reasons[0].params == {"line": 3}


def test_line_numbers_count_the_sep_line_and_multi_line_cells():
    data = (b'sep=;\r\nNaam;Land;Plaats\r\nROC;NL;"Utrecht\r\nCentrum"\r\n'
            b'"HWK;DE;x\r\nBIBB;DE;y\r\n')
    plan = _plan(data)
    assert _outcome(plan) == [(2, "new", "ROC"), (3, "skip", '"HWK'), (4, "new", "BIBB")]
    assert plan.items[0].partner.city == "Utrecht\r\nCentrum"
    assert plan.items[1].reasons[0].params == {"line": 5}


def test_a_quoted_cell_with_line_breaks_is_still_one_cell():
    plan = _plan(b'Name;Country;City\r\nROC;NL;"Utrecht;\r\nCentrum"\r\nHWK;DE;x\r\n')
    assert _outcome(plan) == [(2, "new", "ROC"), (3, "new", "HWK")]
    assert plan.new[0].city == "Utrecht;\r\nCentrum"


def test_an_unclosed_quote_past_the_field_limit_in_a_big_file():
    rows = [f"Organisation {i};DE" for i in range(20_000)]
    data = ("Name;Country\r\n\"Broken;NL\r\n" + "\r\n".join(rows) + "\r\n").encode()
    plan = _plan(data)
    assert plan.items[0].action == "skip" and plan.items[0].reasons[0].code == "unclosed-quote"
    assert len(plan.new) == 20_000


def test_an_unclosed_quote_in_the_header_refuses_the_sheet():
    with pytest.raises(SheetError) as refused:
        parse_sheet(b'"Name;Country\r\nROC;NL\r\nHWK;DE\r\n', "p.csv")
    assert str(refused.value).startswith("p.csv: the header row 1 cannot be read: a quotation mark")


# --- UTF-8 and Windows-1252 in one file -----------------------------------------------


def test_a_file_mixing_utf8_and_windows_1252_lines_reads_each_right():
    data = ("Naam;Land\r\n".encode() + "Café Ünïe;NL\r\n".encode("utf-8")
            + "Coöperatie Bâtir;BE\r\n".encode("cp1252") + "Łódź Szkoła;PL\r\n".encode("utf-8"))
    sheet = parse_sheet(data, "mixed.csv")
    assert sheet.encoding == "utf-8+cp1252"
    plan = exchange.plan_sheet(Proposal.new(), sheet)
    assert [p.name for p in plan.new] == ["Café Ünïe", "Coöperatie Bâtir", "Łódź Szkoła"]
    assert not plan.skipped


def test_a_line_in_no_known_encoding_is_reported_not_garbled():
    data = ("Naam;Land\r\n".encode() + "Café;NL\r\n".encode("utf-8")
            + b"Bad \x81\x8d name;DE\r\n" + "Coöperatie;BE\r\n".encode("cp1252"))
    plan = _plan(data)
    assert _outcome(plan)[0][1:] == ("new", "Café") and _outcome(plan)[2][1:] == (
        "new", "Coöperatie")
    assert plan.items[1].action == "skip"
    assert exchange.item_message(plan.items[1]) == (
        "Row 3: this row holds characters that are neither UTF-8 nor Windows-1252 text (line 3 "
        "of the file); save the sheet as CSV UTF-8 and import it again")


def test_a_plain_windows_1252_file_is_still_windows_1252():
    sheet = parse_sheet("Naam;Land\r\nCafé Coöperatie;BE\r\n".encode("cp1252"), "p.csv")
    assert sheet.encoding == "cp1252" and sheet.rows[1][0] == "Café Coöperatie"


# --- cards and sheets are told apart by name, as in the wizard (issue #14) ------------


def test_a_card_not_named_as_a_card_is_refused_saying_so(tmp_path):
    card = tmp_path / "bibb.json"
    cards.save_card(Partner(id="x", name="BIBB", country="DE"), card)
    with pytest.raises(SheetError) as refused:
        read_sheet(card)
    assert str(refused.value) == ("bibb.json: this is a partner card, but its name does not end "
                                  "in “.ssa-partner.json”; rename it so and import it again")


@pytest.mark.parametrize("content, expected", [
    ({"format": "ssa-proposal", "version": 1}, "this is a proposal file, not a sheet of partners"),
    ({"name": "ROC"}, "this is a JSON file, not a spreadsheet"),
])
def test_other_json_is_refused_saying_what_it_is(tmp_path, content, expected):
    path = tmp_path / "x.json"
    path.write_text(json.dumps(content), "utf-8")
    with pytest.raises(SheetError, match=expected):
        read_sheet(path)
