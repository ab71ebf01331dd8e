"""core.search: snippets are data (parts, some marked); the search page's template writes and escapes them."""

from django.template.loader import render_to_string

from core.search import START, STOP, Hit, mark_headline, mark_terms


def test_a_headline_becomes_parts_with_the_matches_marked():
    headline = f"The {START}Oslo{STOP} Diplomatic Conference in {START}Oslo{STOP}"
    assert mark_headline(headline) == [
        ("The ", False),
        ("Oslo", True),
        (" Diplomatic Conference in ", False),
        ("Oslo", True),
    ]


def test_terms_are_marked_in_a_window_around_the_first_match_whatever_their_case():
    text = "x" * 300 + " the oslo conference " + "y" * 300
    parts = mark_terms(text, ["Oslo"], width=60)
    assert ("oslo", True) in parts
    assert parts[0][0].startswith("…")
    assert parts[-1][0].endswith("…")
    assert mark_terms("", ["Oslo"]) == []
    assert mark_terms("Nothing here", []) == [("Nothing here", False)]


def test_the_template_escapes_every_part_and_marks_only_the_matches():
    hit = Hit(kind="Event", title="T", url="/t/", snippet=mark_terms('<b>"Oslo"</b> & co', ["oslo"]), rank=1)
    from pages.search import SearchForm  # the page that writes snippets (tests may look up the floors)

    form = SearchForm({"q": "oslo"})
    assert form.is_valid()
    context = {"query": "oslo", "hits": [hit], "form": form, "searched_words": True}
    html = render_to_string("pages/search.html", context)
    assert "&lt;b&gt;&quot;<mark>Oslo</mark>&quot;&lt;/b&gt; &amp; co" in html
    assert "<b>" not in html


class _Meta:
    def __init__(self, *fields):
        self.fields = set(fields)

    def get_field(self, name):
        from django.core.exceptions import FieldDoesNotExist

        if name not in self.fields:
            raise FieldDoesNotExist(name)
        return name


def test_each_language_reads_its_own_columns_where_the_model_has_them_then_english():
    from core.search import column, document_languages

    class English:
        _meta = _Meta("title", "body")

    class Translated:  # as django-modeltranslation adds them
        _meta = _Meta("title", "body", "title_en", "title_fr", "title_zh_hans", "body_fr")

    assert column(English, "title", "en") == "title"
    assert column(English, "title", "fr") is None
    assert document_languages(English, "fr") == ["en"]
    assert document_languages(Translated, "fr") == ["fr", "en"]
    assert document_languages(Translated, "zh-hans") == ["zh-hans", "en"]
    assert document_languages(Translated, "ru") == ["en"]
    assert column(Translated, "title", "zh-hans") == "title_zh_hans"
    assert column(Translated, "title", "en") == "title_en"


def test_folding_drops_case_accents_and_marks_in_every_script():
    from core.search import fold, search_config

    assert fold("Côte d’Ivoire") == "cote d’ivoire"
    assert fold("TÜRKİYE") == "turkiye"
    assert fold("Ёлка") == "елка"
    assert fold("أَلْجَزَائِر") == fold("الجزائر") == "الجزاير"  # harakat aside, hamza's seats to their letter
    assert fold("法国") == "法国"
    assert [search_config(code) for code in ("en", "fr", "es", "ru", "ar", "zh-hans")] == [
        "ottawa_english",
        "ottawa_french",
        "ottawa_spanish",
        "ottawa_russian",
        "ottawa_simple",
        "ottawa_simple",
    ]


def test_terms_are_marked_accents_aside_in_the_text_as_written():
    assert mark_terms("Côte à côte, la cote", ["cote"]) == [
        ("Côte", True),
        (" à ", False),
        ("côte", True),
        (", la ", False),
        ("cote", True),
    ]
    assert mark_terms("Straße", ["strasse"]) == [("Straße", True)]  # one letter for two
    assert mark_terms("Ge\u0301neve met", ["geneve"]) == [("Ge\u0301neve", True), (" met", False)]  # decomposed
    assert mark_terms("Франция и Турция", ["турция"]) == [("Франция и ", False), ("Турция", True)]
