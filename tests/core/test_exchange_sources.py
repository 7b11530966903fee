"""exchange.sources: the reading and planning the CLI and the wizard share."""

import pytest

from ssa_wizard import cards
from ssa_wizard.exchange.sheets import SheetError
from ssa_wizard.exchange.sources import plan_sources, read_sources
from ssa_wizard.model import Partner, Proposal


def _files(tmp_path):
    sheet = tmp_path / "list.csv"
    sheet.write_text("Name,Country\nAlpha,DE\nBeta,FR\n", encoding="utf-8")
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"")
    card = tmp_path / "Gamma.ssa-partner.json"
    cards.save_card(Partner(id="c", name="Gamma", country="BE"), card)
    return str(sheet), str(broken), str(card)


def test_the_wizard_reads_what_it_can_and_lists_the_rest(tmp_path):
    sheet, broken, card = _files(tmp_path)
    sources = read_sources([sheet, broken, card])
    assert [type(item).__name__ for item in sources.items] == ["Sheet", "Card"]
    assert len(sources.errors) == 1 and "broken.csv" in sources.errors[0]
    plan, errors = plan_sources(Proposal.new(), sources)
    assert errors == []
    assert [item.candidate.values["name"] for item in plan.items] == ["Alpha", "Beta", "Gamma"]


def test_the_command_line_refuses_the_whole_import_at_the_first_unreadable_file(tmp_path):
    sheet, broken, card = _files(tmp_path)
    with pytest.raises(SheetError, match="broken.csv"):
        read_sources([sheet, broken, card], keep_going=False)


def test_only_a_card_named_as_one_is_read_as_a_card(tmp_path):
    plain = tmp_path / "partner.json"
    plain.write_text('{"format": "ssa-partner", "version": 1, "partner": {"name": "X"}}',
                     encoding="utf-8")
    with pytest.raises(SheetError, match="rename it"):
        read_sources([str(plain)])


def test_a_card_s_repaired_text_is_a_note_naming_the_file_and_field(tmp_path):
    broken = tmp_path / "agoria.ssa-partner.json"
    broken.write_text('{"format": "ssa-partner", "version": 1, '
                      '"partner": {"name": "Agoria \\ud800", "country": "BE"}}', encoding="utf-8")
    clean = tmp_path / "other.ssa-partner.json"
    cards.save_card(Partner(id="o", name="Other", country="DE"), clean)
    sources = read_sources([str(clean), str(broken)])
    assert len(sources.notes) == 1
    assert sources.notes[0].startswith("agoria.ssa-partner.json: organisation, name: ")
    assert read_sources([str(clean)]).notes == []
