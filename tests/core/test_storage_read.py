"""Opening files: every unreadable case is refused with its own one-line message,
the file is never touched, a newer version opens read-only, a BOM is fine."""

import json
import os

import pytest

from ssa_wizard import storage

GOOD = {"format": "ssa-proposal", "version": 1, "project": {"title": "T"}}


def doc(**changes) -> bytes:
    return json.dumps({**GOOD, **changes}).encode()


# (file content, what the message must say after "name.ssa.json: ")
UNREADABLE = {
    "empty": (b"", "the file is empty"),
    "blank": (b"  \n\t ", "the file is empty"),
    "not json": (b"{\"format\": ", "not JSON (a value was expected, at line 1, column 12)"),
    "control character": (b'{"format": "ssa-\x01proposal"}',
                          "not JSON (a text holds a raw control character, such as a tab or a line break, "
                          "at line 1, column 17)"),
    "missing comma": (b'{"format": "ssa-proposal" "version": 1}',
                      "not JSON (a comma was expected, at line 1, column 27)"),
    "utf-16 with a bom": (json.dumps(GOOD).encode("utf-16"),
                          "not UTF-8 text: it is saved as UTF-16 (“Unicode”); save it again as UTF-8"),
    "utf-16 without a bom": (json.dumps(GOOD).encode("utf-16-be"),
                             "not UTF-8 text: it is saved as UTF-16 (“Unicode”); save it again as UTF-8"),
    "utf-32": (json.dumps(GOOD).encode("utf-32"),
               "not UTF-8 text: it is saved as UTF-32; save it again as UTF-8"),
    "huge integer": (b'{"format": "ssa-proposal", "version": 1, "x": ' + b"7" * 4301 + b"}",
                     "a number in the file is longer than 4300 digits; no field holds such a number"),
    "huge integer in a field": (b'{"format": "ssa-proposal", "version": 1, "project": {"duration_months": '
                                + b"3" * 5000 + b"}}",
                                "a number in the file is longer than 4300 digits; no field holds such a number"),
    "huge version": (b'{"format": "ssa-proposal", "version": ' + b"1" * 4400 + b"}",
                     "a number in the file is longer than 4300 digits; no field holds such a number"),
    "not utf-8": (b'{"format": "ssa-proposal", "title": "caf\xe9"}', "not UTF-8 text (byte 40)"),
    "not an object": (b"[1, 2, 3]", "not a proposal (the file holds no JSON object)"),
    "a string": (b'"ssa-proposal"', "not a proposal (the file holds no JSON object)"),
    "no format": (json.dumps({"version": 1}).encode(), 'not a proposal file (no "format" field)'),
    "wrong format": (doc(format="spreadsheet"),
                     'not a proposal file (format is "spreadsheet", expected "ssa-proposal")'),
    "no version": (json.dumps({"format": "ssa-proposal"}).encode(),
                   '"version" must be a whole number of at least 1'),
    "text version": (doc(version="1"), '"version" must be a whole number of at least 1'),
    "zero version": (doc(version=0), '"version" must be a whole number of at least 1'),
    "bool version": (doc(version=True), '"version" must be a whole number of at least 1'),
    "title not text": (doc(project={"title": 5}), "project.title: must be text, not 5"),
    "partners not a list": (doc(partners={"p1": {}}), "partners: must be a list, not an object with fields"),
    "project not an object": (doc(project=[]), "project: must be an object with fields, not a list"),
    "partner without id": (doc(partners=[{"name": "X"}]), "partners[0].id: is missing"),
    "partner with empty id": (doc(partners=[{"id": ""}]), "partners[0].id: must not be empty"),
    "unknown role": (doc(partners=[{"id": "p1", "role": "boss"}]),
                     "partners[0].role: must be one of: applicant, full, associated"),
    "flag not a flag": (doc(partners=[{"id": "p1", "umbrella": "maybe"}]),
                        "partners[0].umbrella: must be true or false, not “maybe”"),
    "flag as a number": (doc(partners=[{"id": "p1", "umbrella": 1}]),
                         "partners[0].umbrella: must be true or false, not 1"),
    "flag as text": (doc(partners=[{"id": "p1", "other_ssa": "true"}]),
                     "partners[0].other_ssa: must be true or false, not “true”"),
    "id as a number": (doc(partners=[{"id": 1}]), "partners[0].id: must be text, not 1"),
    "duration as a flag": (doc(project={"duration_months": True}),
                           "project.duration_months: must be a whole number, not true"),
    "duration as text": (doc(project={"duration_months": "36"}),
                         "project.duration_months: must be a whole number, not “36”"),
    "duration as a fraction": (doc(project={"duration_months": 36.5}),
                               "project.duration_months: must be a whole number, not 36.5"),
    "month as text": (doc(activities=[{"id": "a1", "start_month": "3"}]),
                      "activities[0].start_month: must be a whole number, not “3”"),
    "objectives not a list": (doc(project={"objectives": "language_learning"}),
                              "project.objectives: must be a list, not “language_learning”"),
    "objective not text": (doc(project={"objectives": [1]}), "project.objectives[0]: must be text, not 1"),
    "date as a number": (doc(project={"start_date": 20270101}),
                         "project.start_date: must be text, not 20270101"),
    "date without dashes": (doc(project={"start_date": "20270101"}),
                            "project.start_date: not a date of the form YYYY-MM-DD"),
    "date as a week": (doc(project={"start_date": "2027-W01-1"}),
                       "project.start_date: not a date of the form YYYY-MM-DD"),
    "language not text": (doc(language=["nl"]), "language: must be text, not a list"),
    "plans not an object": (doc(plans="none"), "plans: must be an object with fields, not “none”"),
    "duration not a number": (doc(project={"duration_months": "three years"}),
                              "project.duration_months: must be a whole number, not “three years”"),
    "duration zero": (doc(project={"duration_months": 0}), "project.duration_months: must be at least 1"),
    "bad date": (doc(project={"start_date": "next spring"}),
                 "project.start_date: not a date of the form YYYY-MM-DD"),
    "same id twice": (doc(activities=[{"id": "a1"}, {"id": "a1"}]), "activities: the id 'a1' is used twice"),
    "nested too deeply": (b'{"format": "ssa-proposal", "version": 1, "x": ' + b"[" * 100000 + b"]" * 100000 + b"}",
                          "not JSON (nested too deeply)"),
}


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_unreadable_file_is_refused_with_its_message_and_left_untouched(tmp_path, case):
    content, problem = UNREADABLE[case]
    path = tmp_path / "bad.ssa.json"
    path.write_bytes(content)
    before = os.stat(path)
    with pytest.raises(storage.FileRefused) as info:
        storage.load(path)
    assert str(info.value) == f"bad.ssa.json: {problem}"
    assert "\n" not in str(info.value)
    assert info.value.path == path
    assert path.read_bytes() == content
    after = os.stat(path)
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ssa.json"]


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(storage.FileRefused, match=r"^nothing\.ssa\.json: no such file$"):
        storage.load(tmp_path / "nothing.ssa.json")
    (tmp_path / "dir.ssa.json").mkdir()
    with pytest.raises(storage.FileRefused, match=r"^dir\.ssa\.json: this is a folder, not a file$"):
        storage.load(tmp_path / "dir.ssa.json")


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.ssa.json"
    path.write_bytes(b"\xef\xbb\xbf" + doc())
    loaded = storage.load(path)
    assert loaded.proposal.project.title == "T"
    assert not loaded.read_only
    assert loaded.stamp == storage.file_stamp(path)


def test_newer_version_opens_read_only_keeping_what_it_has(tmp_path):
    path = tmp_path / "future.ssa.json"
    content = doc(version=2, hologram={"depth": 3}, partners=[{"id": "p1", "aura": "blue"}])
    path.write_bytes(content)
    loaded = storage.load(path)
    assert loaded.read_only and loaded.file_version == 2 and not loaded.migrated
    assert loaded.proposal.version == 2
    assert loaded.proposal.model_extra == {"hologram": {"depth": 3}}
    assert loaded.proposal.partners[0].model_extra == {"aura": "blue"}
    assert path.read_bytes() == content


def test_file_name_with_a_line_break_still_gives_one_line(tmp_path):
    path = tmp_path / "two\nlines.ssa.json"
    path.write_bytes(b"")
    with pytest.raises(storage.FileRefused) as info:
        storage.load(path)
    assert "\n" not in str(info.value)


def test_refusal_messages_go_through_gettext(monkeypatch):
    monkeypatch.setattr(storage, "_", lambda text: f"«{text}»")
    with pytest.raises(storage.FileRefused) as info:
        storage.parse(b"[]", "x.ssa.json")
    assert str(info.value) == "«x.ssa.json: «not a proposal (the file holds no JSON object)»»"
    with pytest.raises(storage.FileRefused) as info:
        storage.parse(doc(partners=[{"id": "p1", "role": "boss"}]), "x.ssa.json")
    assert "«partners[0].role: «must be one of: applicant, full, associated»»" in str(info.value)


def test_backup_of_an_unreadable_file_can_be_opened(tmp_path):
    path = tmp_path / "plan.ssa.json"
    stamp = storage.save(storage.parse(doc()).proposal, path).stamp
    second = storage.parse(doc(project={"title": "Second"})).proposal
    storage.save(second, path, expected=stamp)
    path.write_bytes(b'{"format": "ssa-prop')  # cut off by a faulty copy onto a stick
    with pytest.raises(storage.FileRefused):
        storage.load(path)
    backup = storage.existing_backup(path)
    assert backup == tmp_path / "plan.ssa.json.bak"
    assert storage.load(backup).proposal.project.title == "T"


def test_the_quick_and_the_careful_path_read_the_same_proposal():
    """A current, well-formed file is read by pydantic in one step; a byte order mark
    sends the same content down the careful path. Both must give the same proposal."""
    from ssa_wizard.resources import resource_path

    for example in ("digiretail.ssa.json", "greenstay-draft.ssa.json"):
        raw = resource_path("examples", example).read_bytes()
        quick = storage.parse(raw, example)
        careful = storage.parse(b"\xef\xbb\xbf" + raw, example)
        assert storage._parse_current(b"\xef\xbb\xbf" + raw) is None
        assert storage._parse_current(raw) is not None
        assert quick.proposal == careful.proposal
        assert quick.proposal.model_dump() == careful.proposal.model_dump()


def test_a_file_for_an_unknown_rulebook_is_refused_with_its_name(tmp_path):
    """Without the call's rules nothing can be checked: refuse plainly, never crash later."""
    from ssa_wizard.resources import resource_path

    data = json.loads(resource_path("examples", "digiretail.ssa.json").read_text("utf-8"))
    data["rulebook"] = "ssa-2099"
    path = tmp_path / "future.ssa.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(storage.FileRefused) as refused:
        storage.load(path)
    message = str(refused.value)
    assert "future.ssa.json" in message and "ssa-2099" in message and "ssa-2014" in message
    data["rulebook"] = ""  # empty, like any text in a draft: the default call
    path.write_text(json.dumps(data), encoding="utf-8")
    assert storage.load(path).proposal.rulebook == "ssa-2014"


# --- inputs that are not files, or far too large (issue #15) --------------------------


def test_a_fifo_with_no_writer_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.ssa.json"
    os.mkfifo(fifo)
    with pytest.raises(storage.FileRefused, match="not a regular file"):
        storage.load(fifo)


def test_a_device_is_refused_before_it_is_read():
    with pytest.raises(storage.FileRefused, match="not a regular file"):
        storage.load("/dev/zero")


def test_a_folder_is_refused_as_a_folder(tmp_path):
    with pytest.raises(storage.FileRefused, match="folder"):
        storage.load(tmp_path)


def test_a_file_over_the_cap_is_refused_naming_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(storage, "MAX_PROPOSAL_BYTES", 1000)
    path = tmp_path / "big.ssa.json"
    path.write_bytes(b" " * 1001)
    with pytest.raises(storage.FileRefused, match=r"larger than 0\.001 MB"):
        storage.load(path)


def test_a_partner_card_over_its_cap_is_refused(tmp_path):
    from ssa_wizard import cards

    path = tmp_path / "big.ssa-partner.json"
    path.write_bytes(b" " * (cards.MAX_BYTES + 1))
    with pytest.raises(cards.CardRefused, match="larger than 1 MB"):
        cards.load_card(path)


# --- lone surrogates: valid JSON, but no file can hold them (issue #15) ----------------

# The escapes as a hand-edited or badly truncated file holds them: json.dumps writes
# each lone surrogate as the six characters \udXXX.
SURROGATES = doc(
    project={"title": "Skills \ud800 for all", "summary": "fine"},
    partners=[{"id": "p1", "name": "ROC"}, {"id": "p2", "name": "Bitkom"},
              {"id": "p3", "name": "Agoria \udc00", "city": "Gent \ud83d\ude00"}],
    activities=[{"id": "a1", "description": "\udfff"}],
    notes={"x\ud800": ["\ud800"]},
)


def test_lone_surrogates_are_repaired_and_named_on_load(tmp_path):
    path = tmp_path / "odd.ssa.json"
    path.write_bytes(SURROGATES)
    assert b"\\ud800" in SURROGATES  # really the escape, as a file would have it
    loaded = storage.load(path)
    p = loaded.proposal
    assert p.project.title == "Skills \ufffd for all"
    assert p.partners[2].name == "Agoria \ufffd"
    assert p.partners[2].city == "Gent 😀"  # a valid pair is a real character, untouched
    assert p.activities[0].description == "\ufffd"
    assert p.model_extra == {"notes": {"x\ufffd": ["\ufffd"]}}
    places = [r.place() for r in loaded.repairs]
    assert places == ["project, title", "member 3, name", "activity 1, description",
                      "notes, x\ufffd", "notes, x\ufffd, item 1"]
    assert loaded.repairs[1].message(path) == (
        "odd.ssa.json: member 3, name: an invalid character (part of a broken emoji or symbol) "
        "was replaced by “\ufffd”")
    # What was repaired can be written back, and reads back without repairs.
    storage.save(p, path, expected=loaded.stamp)
    again = storage.load(path)
    assert again.repairs == () and again.proposal == p
    assert path.read_bytes().decode("utf-8")  # strict UTF-8


def test_text_with_a_lone_surrogate_is_repaired_too():
    text = SURROGATES.decode("utf-8").replace("\\ud800", "\ud800", 1)  # a real one, in a str
    loaded = storage.parse(text, "odd.ssa.json")
    assert loaded.proposal.project.title == "Skills \ufffd for all"
    assert [r.where for r in loaded.repairs][:2] == [("project", "title"), ("partners", 2, "name")]


def test_a_file_without_lone_surrogates_has_no_repairs(tmp_path):
    path = tmp_path / "fine.ssa.json"
    path.write_bytes(doc(project={"title": "\ud83d\ude00 and \\ud800 as plain text"}))
    loaded = storage.load(path)
    assert loaded.repairs == ()
    assert loaded.proposal.project.title == "😀 and \\ud800 as plain text"


def test_repair_messages_go_through_gettext(monkeypatch):
    loaded = storage.parse(SURROGATES, "odd.ssa.json")
    monkeypatch.setattr(storage, "_", lambda text: f"«{text}»")
    assert loaded.repairs[1].place() == "«member {n}», name".replace("{n}", "3")
    assert loaded.repairs[1].message("odd.ssa.json").startswith("«odd.ssa.json: «member 3», name:")
