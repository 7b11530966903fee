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
    "not json": (b"{\"format\": ", "not JSON (Expecting value at line 1, column 12)"),
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
    "title not text": (doc(project={"title": 5}), "project.title: must be text"),
    "partners not a list": (doc(partners={"p1": {}}), "partners: must be a list"),
    "project not an object": (doc(project=[]), "project: must be an object with fields"),
    "partner without id": (doc(partners=[{"name": "X"}]), "partners[0].id: is missing"),
    "partner with empty id": (doc(partners=[{"id": ""}]), "partners[0].id: must not be empty"),
    "unknown role": (doc(partners=[{"id": "p1", "role": "boss"}]),
                     "partners[0].role: must be one of: applicant, full, associated"),
    "flag not a flag": (doc(partners=[{"id": "p1", "umbrella": "maybe"}]),
                        "partners[0].umbrella: must be true or false"),
    "duration not a number": (doc(project={"duration_months": "three years"}),
                              "project.duration_months: must be a whole number"),
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
    stamp = storage.save(storage.parse(doc()).proposal, path)
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
        assert storage._parse_current(b"\xef\xbb\xbf" + raw) is None  # noqa: SLF001
        assert storage._parse_current(raw) is not None  # noqa: SLF001
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
