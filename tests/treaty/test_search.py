"""treaty.search: the bundled alternative names are data with a source, for States we know."""

import csv

from treaty.search import ALTERNATIVE_NAMES, alternative_names, known_names
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
    names = {name for name, _ in known_names("FR", "FRA")}
    assert {"france", "francia", "франция", "法国", "فرنسا"} <= names
    assert ("cote d’ivoire", ("cote", "d", "ivoire")) in known_names("CI", "CIV")
