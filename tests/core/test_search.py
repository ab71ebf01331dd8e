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
