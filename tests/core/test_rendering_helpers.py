"""Helpers that keep rendering cheap: dates, escaping and the header written once, each checked against Django."""

from django.template import Context, Template

from core.text import escape_text


def test_escape_text_escapes_markup_and_quotes():
    expected = "Côte d&#x27;Ivoire &lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; co"
    assert escape_text('Côte d\'Ivoire <b>"x"</b> & co') == expected


def test_the_header_is_rendered_once_per_section_but_afresh_under_runserver(settings):
    from core.templatetags import site_chrome

    template = Template("{% load site_chrome %}{% site_header %}")
    settings.DEBUG = False
    first = template.render(Context())
    hits = site_chrome._header.cache_info().hits
    assert template.render(Context()) == first
    assert site_chrome._header.cache_info().hits == hits + 1
    settings.DEBUG = True  # runserver reloads templates without restarting: never serve an old header
    assert template.render(Context()) == first
    assert site_chrome._header.cache_info().hits == hits + 1
    assert '<header class="site-header">' in first
