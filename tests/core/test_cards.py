"""Partner cards: saved atomically, read back whole, refused clearly, merged like sheet rows."""

from __future__ import annotations

import json

import pytest

from ssa_wizard import cards, exchange
from ssa_wizard.cards import CardRefused, load_card, parse_card, plan_cards, save_card
from ssa_wizard.model import Partner, Proposal


def _partner(**fields) -> Partner:
    base = dict(id="p7", name="Handwerkskammer München", acronym="HWK", country="DE",
                city="München", pic="912345679", category="sector_expertise", role="full",
                contact_name="Jörg Müller", contact_email="j.mueller@hwk.de",
                role_description="Brings the employers' view.", expertise="Crafts, 200 trades")
    return Partner(**{**base, **fields})


def test_save_and_load_give_the_same_partner(tmp_path):
    path = tmp_path / cards.card_file_name(_partner())
    assert path.name == "HWK.ssa-partner.json"
    save_card(_partner(), path)
    content = json.loads(path.read_text("utf-8"))
    assert (content["format"], content["version"]) == ("ssa-partner", 1)
    assert "id" not in content["partner"]
    assert content["partner"]["name"] == "Handwerkskammer München"  # UTF-8, not \u escapes
    partner, findings = load_card(path).partner("p1")
    assert findings == []
    assert partner.model_dump(exclude={"id"}) == _partner().model_dump(exclude={"id"})


def test_unknown_fields_are_kept_in_the_partner_and_around_it(tmp_path):
    data = {"format": "ssa-partner", "version": 1, "made_by": "SSA Wizard 9",
            "partner": {"name": "ROC", "country": "NL", "vat_number": "NL123", "id": "p99"}}
    path = tmp_path / "roc.ssa-partner.json"
    path.write_text(json.dumps(data), "utf-8")
    card = load_card(path)
    assert card.extra == {"made_by": "SSA Wizard 9"}
    partner, _findings = card.partner()
    assert partner.model_extra == {"vat_number": "NL123"}
    assert partner.id == "card"  # the card's own id means nothing in another proposal
    save_card(partner, path, extra=card.extra)
    again = json.loads(path.read_text("utf-8"))
    assert again["made_by"] == "SSA Wizard 9" and again["partner"]["vat_number"] == "NL123"
    plan = plan_cards(Proposal.new(), [load_card(path)])
    assert plan.new[0].model_extra == {"vat_number": "NL123"}


def test_save_is_atomic_and_leaves_the_old_card_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "hwk.ssa-partner.json"
    save_card(_partner(), path)
    before = path.read_bytes()

    def failing(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cards, "write_bytes_atomic", failing)
    with pytest.raises(OSError):
        save_card(_partner(name="Changed"), path)
    assert path.read_bytes() == before


REFUSED = {
    "empty": (b"", "the file is empty"),
    "not json": (b"{name: ROC}", "not a partner card: not JSON"),
    "not utf-8": (b'{"format": "ssa-partner", "x": "\xff"}', "not UTF-8"),
    "a list": (b"[1, 2]", 'no "format" field'),
    "no format": (b'{"partner": {}}', 'no "format" field'),
    "a proposal": (b'{"format": "ssa-proposal", "version": 1}', "this is a proposal, not a partner card"),
    "other format": (b'{"format": "vcard", "version": 1}', "format is “vcard”"),
    "bad version": (b'{"format": "ssa-partner", "version": "1", "partner": {}}', '"version" must be'),
    "no partner": (b'{"format": "ssa-partner", "version": 1}', 'no "partner" object'),
    "partner not object": (b'{"format": "ssa-partner", "version": 1, "partner": "ROC"}',
                           'no "partner" object'),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_no_card_is_refused_in_one_line_naming_the_file(case, tmp_path):
    data, expected = REFUSED[case]
    path = tmp_path / "x.ssa-partner.json"
    path.write_bytes(data)
    with pytest.raises(CardRefused) as caught:
        load_card(path)
    message = str(caught.value)
    assert message.startswith("x.ssa-partner.json: ") and expected in message
    assert "\n" not in message


def test_missing_card_is_refused(tmp_path):
    with pytest.raises(CardRefused, match="no such file"):
        load_card(tmp_path / "gone.ssa-partner.json")


def test_cards_with_words_merge_like_rows_with_per_card_findings():
    proposal = Proposal.new()
    proposal.partners.append(Partner(id="p1", name="ROC Midden Nederland", country="NL",
                                     pic="912345678", category="vet_provider", role="applicant"))

    def card(file_name: str, **partner) -> cards.Card:
        return parse_card(json.dumps({"format": "ssa-partner", "version": 1,
                                      "partner": partner}), file_name)

    plan = plan_cards(proposal, [
        card("hwk.ssa-partner.json", name="HWK", country="Duitsland",
             category="bedrijfstakspecifieke expertise", role="volwaardig partner", umbrella="nee"),
        card("roc.ssa-partner.json", name="ROC MN", pic="912345678", city="Utrecht"),
        card("bad.ssa-partner.json", name="X", country="Atlantis", role="baas"),
        card("nameless.ssa-partner.json", country="NL"),
        card("hwk-again.ssa-partner.json", name="hwk", country="DE"),
        card("future.ssa-partner.json", name="Future", country="FR"),
    ])
    assert [item.action for item in plan.items] == ["new", "update", "skip", "skip", "skip", "new"]
    hwk = plan.new[0]
    assert (hwk.country, hwk.category, hwk.role, hwk.umbrella) == (
        "DE", "sector_expertise", "full", False)
    assert plan.updates == {"p1": {"name": "ROC MN", "city": "Utrecht"}}
    messages = [exchange.item_message(item) for item in plan.items]
    assert messages[2] == (
        "bad.ssa-partner.json: the country “Atlantis” is not known; write its name in English "
        "or Dutch, or its two-letter code (for example DE, or EL for Greece); the role “baas” "
        "is not known; write applicant, full partner or associated partner")
    assert messages[3] == "nameless.ssa-partner.json: the card has no organisation name; it cannot be imported"
    assert messages[4] == ("hwk-again.ssa-partner.json: the same organisation as hwk.ssa-partner.json "
                           "(same name and country); only the first one is imported")
    assert all(f.row is None for f in plan.findings)


def test_a_card_from_a_newer_version_imports_with_a_warning():
    card = parse_card(json.dumps({"format": "ssa-partner", "version": 3,
                                  "partner": {"name": "ROC", "country": "NL", "new_thing": [1]}}),
                      "new.ssa-partner.json")
    plan = plan_cards(Proposal.new(), [card])
    assert plan.items[0].action == "new"
    assert [(f.code, f.severity) for f in plan.findings] == [("newer-card", "warning")]
    assert plan.new[0].model_extra == {"new_thing": [1]}


def test_a_card_value_of_the_wrong_shape_is_a_finding_not_a_crash():
    card = parse_card(json.dumps({"format": "ssa-partner", "version": 1,
                                  "partner": {"name": ["ROC"], "country": 5, "umbrella": "maybe"}}),
                      "odd.ssa-partner.json")
    partner, findings = card.partner()
    assert [f.code for f in findings] == ["unreadable-value", "unknown-country", "unknown-flag"]
    assert partner.name == "" and partner.country == ""


def test_card_file_names_are_safe():
    assert cards.card_file_name(_partner(acronym="", name='A/B: "C"?')) == "A B C.ssa-partner.json"
    assert cards.card_file_name(_partner(acronym="", name="")) == "partner.ssa-partner.json"
    assert cards.is_card_file("X.SSA-PARTNER.JSON") and not cards.is_card_file("x.csv")


# --- odd text and numbers (issue #15) ---------------------------------------------------


def test_a_lone_surrogate_in_a_card_is_repaired_and_named(tmp_path):
    path = tmp_path / "agoria.ssa-partner.json"
    path.write_text('{"format": "ssa-partner", "version": 1, '
                    '"partner": {"name": "Agoria \\ud800", "city": "Gent"}}')
    card = load_card(path)
    assert card.data["name"] == "Agoria \ufffd"
    assert [r.place() for r in card.repairs] == ["organisation, name"]
    assert card.repairs[0].message(path).startswith("agoria.ssa-partner.json: organisation, name: ")
    partner, _findings = card.partner()
    save_card(partner, tmp_path / "again.ssa-partner.json")  # it can be written back
    assert load_card(tmp_path / "again.ssa-partner.json").repairs == ()


@pytest.mark.parametrize("content, problem", [
    (b'{"format": "ssa-partner", "version": 1, "partner": {"pic": ' + b"1" * 4400 + b"}}",
     "not a partner card: a number in the file is longer than 4300 digits"),
    ('{"format": "ssa-partner", "version": 1}'.encode("utf-16"),
     "not a partner card: not UTF-8 text: it is saved as UTF-16"),
    (b'{"format": "ssa-\x01partner"}', "not a partner card: not JSON (a text holds a raw control"),
])
def test_odd_cards_are_refused_in_plain_words(tmp_path, content, problem):
    path = tmp_path / "odd.ssa-partner.json"
    path.write_bytes(content)
    with pytest.raises(CardRefused) as info:
        load_card(path)
    assert str(info.value).startswith(f"odd.ssa-partner.json: {problem}")
