"""treaty.names: the names a State is found by; the bundled alternative names are data with a source."""

import csv

from treaty.names import ALTERNATIVE_NAMES, alternative_names, cldr_names, codes_named, folded
from treaty.seed import read_csv


def test_every_alternative_name_is_of_a_known_state_in_our_languages_and_says_where_it_comes_from():
    known = {row["iso3"] for row in read_csv("states_universe.csv")}
    with ALTERNATIVE_NAMES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        assert row["iso3"] in known, row
        assert row["language"] in {"en", "fr", "es"}, row
        assert row["name"], row
        assert row["name"].strip() == row["name"], row
        assert len(row["note"]) > 20, row  # where the name comes from
    assert {"TUR", "CIV", "SWZ", "MMR", "CZE"} <= set(alternative_names())


def test_a_state_is_known_by_its_cldr_names_in_every_language_folded():
    names = {name for name, _ in cldr_names("FR")}
    assert {"france", "francia", "франция", "法国", "فرنسا"} <= names
    assert ("cote d’ivoire", ("cote", "d", "ivoire")) in cldr_names("CI")
    assert folded("التشيك") == ("التشيك", ("التشيك", "تشيك"))  # with and without the article


def test_codes_named_needs_every_word_in_one_name():
    assert codes_named("Francia") == ({"FR"}, set())
    assert codes_named("czech republic") == (set(), {"CZE"})
    assert "TR" in codes_named("turkiye")[0]
    assert codes_named("Turkey")[1] == {"TUR"}
    assert codes_named("!!!") == (set(), set())
