"""countries.index(): the one index of what people call each country."""

import pytest

from ssa_wizard import countries


@pytest.mark.parametrize(("typed", "code"), [
    ("Duitsland", "DE"), ("Germany", "DE"), ("de", "DE"), ("DEU", "DE"), (" germany ", "DE"),
    ("Federal Republic of Germany", "DE"), ("EL", "GR"), ("UK", "GB"), ("Griekenland", "GR"),
    ("Kosovo", "XK"), ("Germany (DE)", "DE"), ("DE - Germany", "DE"), ("Holland", "NL"),
    ("Türkiye", "TR"), ("Turkey", "TR"), ("Côte d'Ivoire", "CI"), ("cote divoire", "CI"),
    ("", ""), ("   ", ""), ("Atlantis", None), ("xx", None),
])
def test_lookup_takes_codes_and_names_in_either_language(typed, code):
    assert countries.index().lookup(typed) == code


@pytest.mark.parametrize(("typed", "lang", "first"), [
    ("Oostenrijk", "nl", "AT"), ("österreich", "en", "AT"), ("côte", "en", "CI"),
    ("Grie", "nl", "GR"), ("EL", "en", "GR"), ("ne", "nl", "NE"), ("Neder", "nl", "NL"),
    ("bosn", "nl", "BA"), ("DEU", "en", "DE"),
])
def test_search_ranks_the_best_match_first(typed, lang, first):
    assert countries.index().matches(typed, lang)[0] == first


def test_search_orders_ties_by_name_in_the_language():
    # "Ver" starts a word of several Dutch names; ties are in the Dutch alphabetical order.
    found = countries.index().matches("ver", "nl")
    names = [countries.sort_key(countries.name(code, "nl")) for code in found
             if countries.index().ranks("ver")[code] == countries.index().ranks("ver")[found[0]]]
    assert names == sorted(names) and len(names) > 1


def test_an_empty_query_matches_nothing():
    assert countries.index().matches("  ") == []
    assert countries.index().ranks("") == {}
