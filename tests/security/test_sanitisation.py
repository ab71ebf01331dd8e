"""Every path that turns editors' or visitors' text into HTML leaves the hostile corpus inert."""

from html.parser import HTMLParser

from django.test import TestCase

from core.text import strip_bidi_controls
from tests.timeline.factories import EventFactory
from tests.timeline.test_markdown import assert_harmless
from timeline.models import Era
from timeline.rendering import render_markdown
from treaty import seed as treaty_seed
from treaty.models import State

from .hostile import BIDI_CONTROLS, HOSTILE

FORBIDDEN_TAGS = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "frame",
    "frameset",
    "applet",
    "base",
    "portal",
    "math",
}


class PageInspector(HTMLParser):
    """Collects what a browser would act on in a whole page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.problems.append("<meta http-equiv>")
        for name, value in attrs:
            value = (value or "").strip().lower().replace("\t", "").replace("\n", "")
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if name == "style":
                self.problems.append(f"<{tag} style>")
            if name in {"href", "src", "action", "formaction", "xlink:href", "cite"} and value.startswith(
                ("javascript:", "vbscript:", "data:")
            ):
                self.problems.append(f"<{tag} {name}={value[:30]}>")


def assert_page_inert(test, response):
    html = response.content.decode()
    inspector = PageInspector()
    inspector.feed(html)
    test.assertEqual(inspector.problems, [], response.request["PATH_INFO"])
    test.assertFalse(any(char in html for char in BIDI_CONTROLS), "bidi control character reached the page")


class CorpusTests(TestCase):
    def test_the_corpus_is_large_enough(self):
        self.assertGreaterEqual(len(HOSTILE), 100)

    def test_each_input_rendered_as_markdown_is_inert(self):
        for text in HOSTILE:
            with self.subTest(text=text[:80]):
                html = str(render_markdown(text))
                assert_harmless(self, html)
                self.assertFalse(any(char in html for char in BIDI_CONTROLS))


class PagePathTests(TestCase):
    """The corpus through the real pages: event body and summary, era introduction, State note, search."""

    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()
        cls.body = "\n\n".join(HOSTILE)
        # Plain-text fields (titles, summaries) are escaped, not rendered: markup in them is text. Directional
        # controls are removed from Markdown and visitors' queries; editors' plain titles are trusted text.
        cls.plain = strip_bidi_controls(" ".join(HOSTILE))

    def test_event_page(self):
        event = EventFactory(body=self.body, summary=self.plain[:600], title=self.plain[:200])
        assert_page_inert(self, self.client.get(event.get_absolute_url()))

    def test_timeline_and_feed(self):
        EventFactory(body=self.body, summary=self.plain[:600], title=self.plain[200:400])
        assert_page_inert(self, self.client.get("/timeline/"))
        feed = self.client.get("/timeline/feed/").content.decode()
        self.assertNotIn("<script", feed)

    def test_era_page(self):
        event = EventFactory()
        era = Era.objects.filter(pk=event.era.pk).first() if hasattr(event, "era") else None
        if era is None:
            from tests.timeline.factories import EraFactory

            era = EraFactory(status="published")
        Era.objects.filter(pk=era.pk).update(introduction=self.body, summary=self.plain[:300])
        assert_page_inert(self, self.client.get(era.get_absolute_url()))

    def test_anniversary_page(self):
        from tests.timeline.factories import AnniversaryFactory

        anniversary = AnniversaryFactory(years=20, body=self.body, introduction=self.plain[:500])
        assert_page_inert(self, self.client.get(anniversary.get_absolute_url()))
        assert_page_inert(self, self.client.get("/anniversaries/"))

    def test_state_note(self):
        State.objects.filter(iso3="FRA").update(note=self.body)
        assert_page_inert(self, self.client.get("/states/fra/"))

    def test_search_queries(self):
        for text in HOSTILE:
            with self.subTest(text=text[:80]):
                response = self.client.get("/search/", {"q": text[:200]})
                self.assertIn(response.status_code, {200, 400})
                assert_page_inert(self, response)
