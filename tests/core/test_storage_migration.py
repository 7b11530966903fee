"""The migration chain: every step has a test; the mechanism is shown with test-only versions.

Today there is only version 1, so the mechanism is exercised by pretending the
current version is 3 and registering steps 1->2 and 2->3 for this test alone.
"""

import json

import pytest

from ssa_wizard import storage
from ssa_wizard.model import VERSION

#: A sample file of every older version, as that version wrote it; add one with
#: every step in storage.MIGRATIONS, together with what the step must produce.
OLD_SAMPLES: dict[int, tuple[dict, dict]] = {}


def test_the_real_chain_is_complete_and_every_step_has_a_sample():
    assert sorted(storage.MIGRATIONS) == list(range(1, VERSION))
    assert sorted(OLD_SAMPLES) == sorted(storage.MIGRATIONS)
    for version, (sample, expected) in OLD_SAMPLES.items():
        assert storage.MIGRATIONS[version](dict(sample)) == expected
        loaded = storage.parse(json.dumps(sample))
        assert loaded.migrated and loaded.file_version == version


def _v1_to_v2(data):
    # Pretend version 2 renamed plans.innovation to plans.novelty and kept the rest.
    plans = dict(data.get("plans") or {})
    if "innovation" in plans:
        plans["novelty"] = plans.pop("innovation")
    return {**data, "plans": plans}


def _v2_to_v3(data):
    # Pretend version 3 stored the acronym in upper case.
    project = dict(data.get("project") or {})
    project["acronym"] = str(project.get("acronym", "")).upper()
    return {**data, "project": project}


@pytest.fixture
def pretend_version_3(monkeypatch):
    monkeypatch.setattr(storage, "VERSION", 3)
    monkeypatch.setattr(storage, "MIGRATIONS", {1: _v1_to_v2, 2: _v2_to_v3})


V1 = {"format": "ssa-proposal", "version": 1, "project": {"acronym": "digi"},
      "plans": {"innovation": "new ways"}, "unknown": [1, "ü"]}


def test_step_1_to_2(pretend_version_3):
    assert storage.migrate(dict(V1), to_version=2) == {
        **V1, "version": 2, "plans": {"novelty": "new ways"}}


def test_step_2_to_3(pretend_version_3):
    v2 = {**V1, "version": 2, "plans": {"novelty": "new ways"}}
    assert storage.migrate(v2) == {**v2, "version": 3, "project": {"acronym": "DIGI"}}


def test_old_file_is_migrated_in_memory_only_and_written_new_when_saved(pretend_version_3, tmp_path):
    path = tmp_path / "old.ssa.json"
    original = json.dumps(V1).encode()
    path.write_bytes(original)

    loaded = storage.load(path)
    assert loaded.file_version == 1 and loaded.migrated and not loaded.read_only
    assert loaded.proposal.version == 3
    assert loaded.proposal.project.acronym == "DIGI"
    assert loaded.proposal.plans.model_extra == {"novelty": "new ways"}
    assert loaded.proposal.plans.innovation == ""
    assert loaded.proposal.model_extra == {"unknown": [1, "ü"]}
    assert path.read_bytes() == original  # opening never writes

    storage.save(loaded.proposal, path, expected=loaded.stamp)
    written = json.loads(path.read_text("utf-8"))
    assert written["version"] == 3 and written["project"]["acronym"] == "DIGI"
    assert storage.backup_path(path).read_bytes() == original
    assert not storage.load(path).migrated


def test_a_gap_in_the_chain_is_a_refusal_not_a_crash(monkeypatch, tmp_path):
    monkeypatch.setattr(storage, "VERSION", 3)
    monkeypatch.setattr(storage, "MIGRATIONS", {2: _v2_to_v3})
    path = tmp_path / "old.ssa.json"
    path.write_text(json.dumps(V1))
    with pytest.raises(storage.FileRefused, match=r"^old\.ssa\.json: this program cannot convert files of version 1$"):
        storage.load(path)


def test_a_step_meeting_malformed_data_is_a_refusal(pretend_version_3, tmp_path):
    path = tmp_path / "odd.ssa.json"
    path.write_text(json.dumps({**V1, "plans": ["not", "an", "object"]}))
    with pytest.raises(storage.FileRefused) as info:
        storage.load(path)
    assert str(info.value).startswith("odd.ssa.json: could not convert the file from version 1")


def test_current_version_is_not_migrated():
    loaded = storage.parse(json.dumps({"format": "ssa-proposal", "version": VERSION}))
    assert not loaded.migrated and loaded.file_version == VERSION
