"""The benchmark's proposal generator makes the file the benchmarks promise (no timing here)."""

import importlib.util
import json
import unicodedata
from pathlib import Path

import pytest

from ssa_wizard import storage
from ssa_wizard.rulebook import load as load_rulebook
from ssa_wizard.rules import check

ROOT = Path(__file__).resolve().parents[2]


def _generator():
    spec = importlib.util.spec_from_file_location("make_proposal", ROOT / "benchmarks" / "make_proposal.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "p300.ssa.json"
    _generator().write(path)
    return path


def test_the_file_loads_with_storage_and_has_the_promised_size(generated):
    loaded = storage.load(generated)
    proposal = loaded.proposal
    assert not loaded.read_only and not loaded.migrated
    assert len(proposal.partners) == 300
    assert len(proposal.activities) == 60
    programme = load_rulebook("ssa-2014").programme_countries
    assert {p.country for p in proposal.partners} == set(programme)
    assert len(programme) == 33


def test_the_consortium_is_realistic(generated):
    proposal = storage.load(generated).proposal
    partners = proposal.partners
    assert {p.category for p in partners} == {"vet_provider", "sector_expertise",
                                              "regulatory_body", "other"}
    assert [p.role for p in partners].count("applicant") == 1
    assert 2 <= sum(p.umbrella for p in partners) <= 5
    assert 5 <= sum(p.role == "associated" for p in partners) <= 30
    pics = [p.pic for p in partners]
    assert all(len(pic) == 9 and pic.isdigit() for pic in pics)
    assert len(set(pics)) == len(pics)
    # Long names in their own scripts and accents: not ASCII.
    text = " ".join(p.name + " " + p.city for p in partners)
    for word in ("Łódź", "Győr", "Ștefan", "Αθήνα", "Köln"):
        assert word in text
    assert sum(not p.name.isascii() for p in partners) > 100
    assert max(len(p.name) for p in partners) > 60
    ids = {p.id for p in partners}
    for activity in proposal.activities:
        assert activity.lead in ids
        assert activity.partners and set(activity.partners) <= ids


def test_the_draft_is_eligible_with_a_few_findings(generated):
    report = check(storage.load(generated).proposal)
    assert report.eligible
    rules = {f.rule for f in report.findings if f.severity == "error"}
    assert rules == {"C-ROLE-DESCRIPTION"}
    assert len(report.consortium.countries) == 33


def test_the_generator_is_deterministic(generated, tmp_path):
    again = _generator().write(tmp_path / "again.ssa.json")
    assert again.read_bytes() == generated.read_bytes()
    other = _generator().write(tmp_path / "other.ssa.json", seed=7)
    assert other.read_bytes() != generated.read_bytes()
    assert json.loads(other.read_text(encoding="utf-8"))["format"] == "ssa-proposal"
    assert unicodedata.is_normalized("NFC", generated.read_text(encoding="utf-8"))
