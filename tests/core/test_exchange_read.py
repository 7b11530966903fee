"""Reading sheets in every dialect people send, and refusing bad input in one clear line."""

from __future__ import annotations

import io
import struct
import zipfile

import openpyxl
import pytest

from ssa_wizard import exchange
from ssa_wizard.exchange import SheetError, parse_sheet, read_sheet
from ssa_wizard.model import Partner, Proposal

DUTCH_ROWS = [
    ["Naam", "Land", "Categorie", "Rol", "PIC", "Koepelorganisatie", "Plaats", "E-mailadres"],
    ["ROC Midden Nederland", "Nederland", "beroepsonderwijs", "aanvrager", "912345678", "nee",
     "Utrecht", "info@rocmn.nl"],
    ["Handwerkskammer München", "Duitsland", "bedrijfstakspecifieke expertise",
     "volwaardig partner", "912345679", "nee", "München", ""],
    ["Bundesinstitut für Berufsbildung", "Duitsland", "toezichthouder", "geassocieerd partner",
     "", "ja", "Bonn", ""],
    ["Ελληνικό Ινστιτούτο", "Griekenland", "toezichthouder", "volwaardig partner", "", "", "", ""],
]


def _dutch_csv() -> bytes:
    """A Dutch Excel "CSV (gescheiden door lijstscheidingsteken)": semicolons, Windows-1252."""
    rows = [r for r in DUTCH_ROWS if not r[0].startswith("Ελ")]  # Greek is not in cp1252
    rows.append(["Café Coöperatie, Brussel", "België", "Overig", "Volwaardig partner", "", "",
                 "Brussel", ""])
    rows.append(["Duitse school", "Duitslandd", "beroepsonderwijs", "", "", "", "", ""])
    rows.append(["", "DE", "toezichthouder", "", "", "", "", ""])
    text = "\r\n".join(";".join(cell for cell in row) for row in rows) + "\r\n"
    return text.encode("cp1252")


def _xlsx(rows: list[list[object]], title: str = "Partners") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _plan(data: bytes, proposal: Proposal | None = None, name: str = "partners.csv"):
    sheet = parse_sheet(data, name)
    return sheet, exchange.plan_sheet(proposal or Proposal.new(), sheet)


def _codes(plan) -> dict[int, list[str]]:
    return {item.row: [f.code for f in item.findings] for item in plan.items}


def test_dutch_semicolon_windows_1252_csv_with_dutch_headers_and_words():
    sheet, plan = _plan(_dutch_csv())
    assert (sheet.kind, sheet.delimiter, sheet.encoding) == ("csv", ";", "cp1252")
    mapping = sheet.guess_mapping()
    assert mapping.fields == ["name", "country", "category", "role", "pic", "umbrella", "city",
                              "contact_email"]
    assert [item.action for item in plan.items] == ["new", "new", "new", "new", "skip", "skip"]
    roc, hwk, bibb, cafe = plan.new
    assert (roc.name, roc.country, roc.category, roc.role, roc.pic, roc.contact_email) == (
        "ROC Midden Nederland", "NL", "vet_provider", "applicant", "912345678", "info@rocmn.nl")
    assert (hwk.name, hwk.country, hwk.category, hwk.role, hwk.city) == (
        "Handwerkskammer München", "DE", "sector_expertise", "full", "München")
    assert (bibb.category, bibb.role, bibb.umbrella) == ("regulatory_body", "associated", True)
    # The comma inside a semicolon sheet's cell stays part of the name.
    assert (cafe.name, cafe.country, cafe.category) == ("Café Coöperatie, Brussel", "BE", "other")
    codes = _codes(plan)
    assert codes[6] == ["unknown-country"]
    assert codes[7] == ["missing-name"]
    unknown = plan.items[4].findings[0]
    assert (unknown.row, unknown.field, unknown.column, unknown.params["value"]) == (
        6, "country", 1, "Duitslandd")
    assert exchange.finding_message(unknown).startswith("Row 6: the country “Duitslandd” is not known")


def test_utf8_with_bom_comma_csv_with_english_headers():
    text = ("Name,Country,Type,Role,PIC,Umbrella,Contact person,E-mail\r\n"
            "Ελληνικό Ινστιτούτο,EL,Regulatory body,Full partner,912345670,no,Νίκος,n@ex.gr\r\n"
            "\"Smith, Jones & Co\",UK,Sector expertise,associated,,yes,,\r\n"
            "Kosovo VET school,Kosovo,VET provider,full,,0,,\r\n")
    sheet, plan = _plan(text.encode("utf-8-sig"))
    assert (sheet.delimiter, sheet.encoding) == (",", "utf-8-sig")
    assert sheet.headers[0] == "Name"  # the byte order mark is not part of the first header
    greek, smith, kosovo = plan.new
    assert (greek.name, greek.country, greek.category, greek.contact_name) == (
        "Ελληνικό Ινστιτούτο", "GR", "regulatory_body", "Νίκος")
    assert (smith.name, smith.country, smith.role, smith.umbrella) == (
        "Smith, Jones & Co", "GB", "associated", True)
    assert (kosovo.country, kosovo.umbrella) == ("XK", False)
    assert all(not item.findings for item in plan.items)


def test_plain_utf8_comma_csv_without_bom_and_a_tab_separated_utf16_sheet():
    text = "Organisation,Land\nR&D <Labs>,Germany\n"
    _sheet, plan = _plan(text.encode("utf-8"))
    assert [(p.name, p.country) for p in plan.new] == [("R&D <Labs>", "DE")]
    # Excel's "Unicode text": UTF-16 with a byte order mark, tab separated.
    unicode_text = "Name\tCountry\r\nŁódź Technical School\tPoland\r\n".encode("utf-16")
    sheet, plan = _plan(unicode_text, name="partners.txt")
    assert (sheet.delimiter, sheet.encoding) == ("\t", "utf-16")
    assert [(p.name, p.country) for p in plan.new] == [("Łódź Technical School", "PL")]


def test_xlsx_with_numbers_as_excel_stores_them():
    data = _xlsx([
        ["Naam", "Land", "Type", "Rol", "PIC", "Koepel"],
        ["ROC Midden Nederland", "NL", "beroepsonderwijs", "aanvrager", 912345678, False],
        ["Handwerkskammer", "Duitsland", "bedrijfstakspecifieke expertise", None, 912345679.0, 1],
        [None, None, None, None, None, None],
        ["Onbekend land", "Atlantis", "toezichthouder", "volwaardig partner", None, "x"],
    ])
    sheet, plan = _plan(data, name="partners.xlsx")
    assert (sheet.kind, sheet.sheet_name) == ("xlsx", "Partners")
    roc, hwk = plan.new
    assert (roc.pic, roc.umbrella, roc.role) == ("912345678", False, "applicant")
    assert (hwk.pic, hwk.umbrella, hwk.role) == ("912345679", True, "full")
    # Row numbers are the sheet's own: the blank row 4 is left out but still counted.
    assert _codes(plan) == {2: [], 3: [], 5: ["unknown-country"]}


def test_header_below_a_title_row_is_found_and_rows_keep_sheet_numbers():
    data = _xlsx([
        ["Partners of DIGIRETAIL, as of May"],
        [],
        ["Name", "Country", "Category"],
        ["ROC", "NL", "VET provider"],
        ["", "NL", "regulator"],
    ])
    sheet, plan = _plan(data, name="partners.xlsx")
    assert sheet.header_row == 3
    assert _codes(plan) == {4: [], 5: ["missing-name"]}


def test_mapping_can_be_corrected_and_preview_shows_the_first_rows():
    text = "Wie,Waar,Soort\r\nROC,NL,beroepsonderwijs\r\nHWK,DE,bedrijfstak\r\n"
    sheet = parse_sheet(text.encode(), "odd.csv")
    mapping = sheet.guess_mapping()
    assert mapping.fields == [None, None, "category"]
    assert not mapping.has_name
    with pytest.raises(SheetError, match="no column holds the organisations' names"):
        exchange.plan_sheet(Proposal.new(), sheet, mapping)
    mapping.assign(0, "name")
    mapping.assign(1, "country")
    assert mapping.columns == {"name": 0, "country": 1, "category": 2}
    mapping.assign(2, "name")  # one field is fed by one column: column 0 lets go
    assert mapping.fields == [None, "country", "name"]
    mapping.assign(0, "name")
    mapping.assign(2, "category")
    assert sheet.preview(1) == [(2, ["ROC", "NL", "beroepsonderwijs"])]
    plan = exchange.plan_sheet(Proposal.new(), sheet, mapping)
    assert [(p.name, p.country, p.category) for p in plan.new] == [
        ("ROC", "NL", "vet_provider"), ("HWK", "DE", "sector_expertise")]


def test_every_header_alias_names_exactly_one_field():
    from ssa_wizard.exchange.columns import HEADERS
    from ssa_wizard.rules import fold_name

    owners: dict[str, set[str]] = {}
    for name, (english, dutch) in HEADERS.items():
        for header in (*english, *dutch):
            owners.setdefault(fold_name(header), set()).add(name)
            assert exchange.field_for_header(header.upper()) == name
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    for name in exchange.FIELDS:
        assert exchange.field_label(name)


def test_excel_sep_hint_line_names_the_delimiter():
    sheet = parse_sheet(b"sep=;\r\nName;Country\r\nSmith, Jones;UK\r\n", "hint.csv")
    assert (sheet.delimiter, sheet.header_row, sheet.headers) == (";", 1, ["Name", "Country"])
    assert sheet.preview() == [(2, ["Smith, Jones", "UK"])]


def test_docx_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(SheetError, match="an Office document but not an Excel workbook"):
        parse_sheet(buffer.getvalue(), "letter.xlsx")


def test_duplicate_header_feeds_only_the_first_column():
    sheet = parse_sheet(b"Name,Naam,Country\r\nA,B,NL\r\n", "two.csv")
    assert sheet.guess_mapping().fields == ["name", None, "country"]


# --- bad input -----------------------------------------------------------------------

def _encrypted_workbook() -> bytes:
    """The start of an OLE2 compound file as Excel writes for a password-protected workbook.

    Excel wraps an encrypted .xlsx in a compound file whose directory holds the
    streams "EncryptionInfo" and "EncryptedPackage" (names in UTF-16LE, 128-byte entries).
    """
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHH", 0x3E, 3, 0xFFFE)
    header = header.ljust(512, b"\x00")

    def entry(name: str, kind: int) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le")
        return (encoded.ljust(64, b"\x00") + struct.pack("<HB", len(encoded), kind)).ljust(128, b"\x00")

    directory = entry("Root Entry", 5) + entry("EncryptionInfo", 2) + entry("EncryptedPackage", 2)
    return header + directory.ljust(512, b"\x00") + bytes(1024)


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return buffer.getvalue()


def _images_only_workbook() -> bytes:
    from openpyxl.drawing.image import Image

    book = openpyxl.Workbook()
    book.active.add_image(Image(io.BytesIO(_png())), "B2")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _zip_of_text() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("partners.txt", "Name\nROC\n")
    return buffer.getvalue()


def _ods_like() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    return buffer.getvalue()


BAD_INPUTS = {
    "empty file": (b"", "partners.csv", "the file is empty"),
    "only blank lines": (b"\r\n;;;\r\n  \r\n", "partners.csv", "the sheet is empty"),
    "header but no rows": (b"Name;Country\r\n", "partners.csv", "no partners below it"),
    "images only": (_images_only_workbook(), "pictures.xlsx", "no text or numbers"),
    "empty workbook": (_xlsx([]), "empty.xlsx", "no text or numbers"),
    "password-protected": (_encrypted_workbook(), "secret.xlsx", "protected with a password"),
    "old xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "old.xls", "Excel 97-2003"),
    "png named csv": (_png(), "partners.csv", "binary data, not text"),
    "pdf named csv": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "partners.csv", "PDF document"),
    "corrupt zip": (_xlsx([["Name"], ["ROC"]])[:700], "broken.xlsx", "damaged"),
    "zip of text": (_zip_of_text(), "partners.xlsx", "zip archive, not an Excel workbook"),
    "opendocument": (_ods_like(), "partners.ods", "OpenDocument"),
    "control characters": (bytes(range(1, 32)) * 50, "partners.csv", "binary data"),
    "undecodable bytes": (b"Name\r\n\x81\x8d\x8f\x90\x9d\r\n", "partners.csv", "not text in a known encoding"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_refused_in_one_line_naming_the_file(case, tmp_path):
    data, name, expected = BAD_INPUTS[case]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SheetError) as caught:
        exchange.plan_sheet(Proposal.new(), read_sheet(path))
    message = str(caught.value)
    assert message.startswith(f"{name}: ")
    assert expected in message
    assert "\n" not in message and "Traceback" not in message


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(SheetError, match="nope.csv: no such file"):
        read_sheet(tmp_path / "nope.csv")
    with pytest.raises(SheetError, match="this is a folder"):
        read_sheet(tmp_path)


def test_sheet_error_is_a_file_refused_for_callers_that_catch_both():
    from ssa_wizard.storage import FileRefused

    assert issubclass(SheetError, FileRefused)


def test_existing_member_update_and_duplicates_in_sheet():
    proposal = Proposal.new()
    proposal.partners.append(Partner(id="p1", name="ROC Midden-Nederland", country="NL",
                                     pic="912345678", category="vet_provider", role="applicant"))
    proposal.partners.append(Partner(id="p2", name="Handwerkskammer München", country="DE"))
    text = ("Name;Country;PIC;City;Category\r\n"
            "ROC MN (renamed);NL;912 345 678;Utrecht;\r\n"         # PIC match: an update
            "handwerkskammer munchen;Duitsland;;;bedrijfstak\r\n"  # name + country match
            "HWK München;DE;912345678;;\r\n"                       # same PIC as row 2
            "Handwerkskammer  München;DE;;;\r\n"                   # same member as row 3
            "Nieuwe school;NL;;;\r\n"
            "nieuwe SCHOOL;nl;12345;;\r\n")                        # same as row 6
    _sheet, plan = _plan(text.encode(), proposal)
    assert [item.action for item in plan.items] == ["update", "update", "skip", "skip", "new", "skip"]
    assert plan.updates == {
        "p1": {"name": "ROC MN (renamed)", "city": "Utrecht"},
        "p2": {"name": "handwerkskammer munchen", "category": "sector_expertise"},
    }
    update = plan.items[0].findings[0]
    assert (update.code, update.severity, update.params["member"], update.params["by"]) == (
        "update", "info", "p1", "pic")
    dup = plan.items[2].findings[0]
    assert (dup.code, dup.severity, dup.params["other_row"], dup.params["by"]) == (
        "duplicate", "error", 2, "pic")
    assert plan.items[3].findings[0].params == {"other_row": 3, "by": "name", "column_header": "Name"}
    assert [f.code for f in plan.items[5].findings] == ["bad-pic", "duplicate"]
    assert exchange.item_message(plan.items[5]) == (
        "Row 7: the same organisation as row 6 (same name and country); only the first one "
        "is imported")
    new, ids = exchange.apply_plan(proposal, plan)
    assert ids == ["p3"]
    assert [p.name for p in new.partners] == ["ROC MN (renamed)", "handwerkskammer munchen",
                                              "Nieuwe school"]
    assert new.partner("p1").pic == "912345678" and new.partner("p1").city == "Utrecht"
    # apply_plan is pure: the proposal it was given is unchanged.
    assert [p.name for p in proposal.partners] == ["ROC Midden-Nederland", "Handwerkskammer München"]


def test_empty_cells_never_erase_and_identical_rows_change_nothing():
    proposal = Proposal.new()
    proposal.partners.append(Partner(id="p1", name="ROC", country="NL", city="Utrecht",
                                     umbrella=True, expertise="Retail"))
    _sheet, plan = _plan(b"Name,Country,City,Umbrella,Expertise\r\nROC,NL,,,\r\n", proposal)
    assert [item.action for item in plan.items] == ["unchanged"]
    assert plan.updates == {} and plan.new == [] and not plan.changes_anything
    assert exchange.finding_message(plan.items[0].findings[0]) == (
        "Row 2: ROC is already in the proposal with these details; nothing changes")
    _sheet, plan = _plan(b"Name,Country,Umbrella\r\nROC,NL,nee\r\n", proposal)
    assert plan.updates == {"p1": {"umbrella": False}}


def test_a_changed_pic_on_a_name_match_is_flagged():
    proposal = Proposal.new()
    proposal.partners.append(Partner(id="p1", name="ROC", country="NL", pic="912345678"))
    _sheet, plan = _plan(b"Name,Country,PIC\r\nROC,NL,912345999\r\n", proposal)
    assert [f.code for f in plan.items[0].findings] == ["update", "pic-changes"]
    assert plan.items[0].findings[1].severity == "warning"


def test_unknown_category_role_and_flag_findings_name_their_column():
    text = ("Naam;Land;Categorie;Rol;Koepel;PIC\r\n"
            "A;NL;bakkerij;baas;misschien;91234567\r\n")
    _sheet, plan = _plan(text.encode())
    item = plan.items[0]
    assert item.action == "skip"
    found = {f.code: f for f in item.findings}
    assert set(found) == {"unknown-category", "unknown-role", "unknown-flag", "bad-pic"}
    assert (found["unknown-role"].column, found["unknown-role"].params["column_header"]) == (3, "Rol")
    assert found["unknown-flag"].field == "umbrella"
    assert found["bad-pic"].severity == "warning"
    assert [f.code for f in item.reasons] == ["unknown-category", "unknown-role", "unknown-flag"]


def test_excluded_rows_are_left_out_of_the_merge():
    _sheet, plan = _plan(b"Name,Country\r\nA,NL\r\nB,DE\r\n")
    plan.items[0].included = False
    assert [p.name for p in plan.new] == ["B"]
