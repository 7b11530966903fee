"""Opening quickly without reading differently: the null-free reader, the lazy stamp,
the single-buffer read and the one-byte look for escapes each give exactly what the
slower way gave."""

import hashlib
import json
import pickle
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from ssa_wizard import fs, model, storage
from ssa_wizard.model import Proposal
from ssa_wizard.resources import resource_path

from .strategies import proposals

NULL_IS_EMPTY = model._Record._null_is_empty.__func__.__code__


def calls_of_null_is_empty(function) -> int:
    """How often ``_null_is_empty`` runs during ``function()`` (a real count, by profiling)."""
    count = 0

    def profile(frame, event, _arg):
        nonlocal count
        if event == "call" and frame.f_code is NULL_IS_EMPTY:
            count += 1

    sys.setprofile(profile)
    try:
        function()
    finally:
        sys.setprofile(None)
    return count


def same(a: Proposal, b: Proposal) -> None:
    """Two proposals alike in every way pydantic keeps: values, extras, what was given."""
    assert type(a) is type(b) is Proposal
    assert a == b
    assert a.model_dump() == b.model_dump()
    assert a.model_extra == b.model_extra
    assert a.model_fields_set == b.model_fields_set
    assert a.project.model_fields_set == b.project.model_fields_set
    assert [p.model_fields_set for p in a.partners] == [p.model_fields_set for p in b.partners]
    assert [x.model_fields_set for x in a.activities] == [x.model_fields_set for x in b.activities]
    assert [type(p) for p in a.partners] == [type(p) for p in b.partners]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(proposals(), st.dictionaries(st.sampled_from(["notes", "x", "extra"]),
                                    st.one_of(st.none(), st.text(max_size=3), st.integers()),
                                    max_size=2))
def test_the_null_free_reader_reads_what_pydantic_reads(proposal, extra):
    """Whatever the quick reader accepts, it reads exactly as ``model_validate_json``."""
    data = json.loads(proposal.to_json())
    data.update(extra)
    data["partners"] = [{**p, **extra} for p in data["partners"]]  # unknown fields, nulls too
    raw = json.dumps(data, ensure_ascii=False).encode()
    same(model.validate_json_without_nulls(raw), Proposal.model_validate_json(raw, strict=True))
    same(storage.parse(raw).proposal, Proposal.model_validate_json(raw, strict=True))


def test_the_quick_reader_does_not_call_the_null_check_at_all():
    """Half of pydantic's work on a file was calling ``_null_is_empty`` once per field."""
    raw = resource_path("examples", "digiretail.ssa.json").read_bytes()
    model.validate_json_without_nulls(raw)  # built once, outside the count
    assert calls_of_null_is_empty(lambda: Proposal.model_validate_json(raw, strict=True)) > 100
    assert calls_of_null_is_empty(lambda: model.validate_json_without_nulls(raw)) == 0
    assert calls_of_null_is_empty(lambda: storage.parse(raw)) == 0
    # ... and the model's own validator still has it (assignments and Proposal(...) use it).
    assert Proposal.model_validate({"format": "ssa-proposal", "version": 1,
                                    "project": {"title": None}}).project.title == ""


def test_optional_fields_may_be_null_on_the_quick_path():
    """The program itself writes null for a duration or month not given yet."""
    proposal = Proposal.new()
    proposal.project.duration_months = None
    proposal.activities.append(model.Activity(id="a1"))
    raw = proposal.to_json().encode()
    assert b"null" in raw
    assert calls_of_null_is_empty(lambda: storage.parse(raw)) == 0
    same(storage.parse(raw).proposal, Proposal.model_validate_json(raw, strict=True))
    assert storage.parse(raw).proposal == proposal


@pytest.mark.parametrize("field, where, empty", [
    ("name", "partners", ""),
    ("umbrella", "partners", False),
    ("objectives", "project", []),
])
def test_a_null_where_a_field_takes_none_still_reads_as_empty(tmp_path, field, where, empty):
    """The quick reader refuses it; the model's own reading (null is empty) takes over."""
    data = {"format": "ssa-proposal", "version": 1, "project": {"title": "T"},
            "partners": [{"id": "p1", "name": "A"}]}
    target = data["partners"][0] if where == "partners" else data["project"]
    target[field] = None
    raw = json.dumps(data).encode()
    with pytest.raises(ValidationError):
        model.validate_json_without_nulls(raw)
    path = tmp_path / "nulls.ssa.json"
    path.write_bytes(raw)
    loaded = storage.load(path)
    record = loaded.proposal.partners[0] if where == "partners" else loaded.proposal.project
    assert getattr(record, field) == empty
    same(loaded.proposal, Proposal.model_validate_json(raw, strict=True))


def test_the_quick_reader_is_as_strict_as_the_file_format():
    """No null check does not mean laxer types: ``"36"`` is still no number."""
    for bad in ({"project": {"duration_months": "36"}}, {"partners": [{"id": 1}]},
                {"partners": [{"id": "p1", "umbrella": 1}]}, {"version": True}):
        raw = json.dumps({"format": "ssa-proposal", "version": 1, **bad}).encode()
        with pytest.raises(ValidationError):
            model.validate_json_without_nulls(raw)
        with pytest.raises(storage.FileRefused):
            storage.parse(raw)


def test_escapes_other_than_surrogates_need_no_repair():
    """The look for a backslash only decides whether to look further."""
    raw = json.dumps({"format": "ssa-proposal", "version": 1,
                      "project": {"title": "caf\u00e9 \"quoted\"\nnext"}}).encode()
    assert b"\\u00e9" in raw
    loaded = storage.parse(raw)
    assert loaded.repairs == ()
    assert loaded.proposal.project.title == "caf\u00e9 \"quoted\"\nnext"
    assert storage._may_need_repair(raw) is False
    assert storage._may_need_repair(raw.replace(b"\\u00e9", b"\\uDABC")) is True
    assert storage._may_need_repair(b'{"a": "no escapes"}') is False


# --- the stamp ------------------------------------------------------------------------------


@pytest.fixture
def opened(tmp_path):
    path = tmp_path / "p.ssa.json"
    path.write_bytes(Proposal.new().to_json().encode())
    return path


def test_opening_does_not_hash_the_file(opened, monkeypatch):
    """The hash is needed only when a stamp is written down (recovery) or compared to one
    read back; opening and saving compare the bytes they hold."""
    hashed = []
    real = hashlib.sha256
    monkeypatch.setattr(hashlib, "sha256", lambda data=b"": hashed.append(len(data)) or real(data))
    loaded = storage.load(opened)
    assert hashed == []
    saved = storage.save(loaded.proposal, opened, expected=loaded.stamp)
    assert hashed == []
    assert saved.stamp.to_json()["sha256"] == real(opened.read_bytes()).hexdigest()
    assert hashed == [opened.stat().st_size]
    assert loaded.stamp.sha256 == real(opened.read_bytes()).hexdigest()


def test_a_stamp_says_the_same_before_and_after_its_hash_is_worked_out(opened):
    content = opened.read_bytes()
    lazy = storage.load(opened).stamp
    other = storage.load(opened).stamp
    written = storage.FileStamp.from_json(storage.file_stamp(opened).to_json())
    assert lazy.same_content(other) and lazy == other  # bytes against bytes
    assert lazy == written and written == lazy and hash(lazy) == hash(written)
    assert lazy.sha256 == hashlib.sha256(content).hexdigest()
    assert lazy.same_content(other) and lazy == other  # hash against bytes
    assert repr(lazy) == repr(written)
    assert pickle.loads(pickle.dumps(other)) == written  # noqa: S301 - our own bytes
    changed = storage.FileStamp.of(content.replace(b'"en"', b'"nl"'), opened.stat())
    assert changed.size == lazy.size and not changed.same_content(other)
    assert not changed.same_content(written) and changed != written
    assert not lazy.same_content(None)
    with pytest.raises(AttributeError):
        lazy.size = 3
    with pytest.raises(TypeError):
        storage.FileStamp(1, 2)  # neither a hash nor the content


def test_a_file_changed_after_opening_is_still_noticed(opened):
    """Same size, new content, the stamp not yet hashed: ``save`` must refuse."""
    loaded = storage.load(opened)
    opened.write_bytes(opened.read_bytes().replace(b'"en"', b'"nl"'))
    with pytest.raises(storage.FileChangedOnDisk):
        storage.save(loaded.proposal, opened, expected=loaded.stamp)


# --- the read ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 65_535, 65_536, 65_537, (1 << 20) + 3, 3 << 20])
def test_a_regular_file_is_read_whole_in_any_size(tmp_path, size):
    path = tmp_path / "f"
    content = bytes(i % 251 for i in range(size))
    path.write_bytes(content)
    data, status = fs.read_regular(path, 4 << 20)
    assert data == content and status.st_size == size


def test_the_cap_is_exact(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"x" * 1000)
    assert fs.read_regular(path, 1000)[0] == b"x" * 1000
    with pytest.raises(fs.InputTooLarge):
        fs.read_regular(path, 999)
