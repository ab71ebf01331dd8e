"""
A reader in another language meets English only where it is marked (issue 19): every public page type in French and
in Arabic, on the bundled data, is read with an HTML parser, and each text the data holds only in English (a
translation not yet written, the obligations' notes, the sources' titles) must lie inside an element whose nearest
`lang` is "en". `<title>`, the description and the share texts cannot hold markup: there the English must be
followed by the "not yet translated" note.
"""

from html.parser import HTMLParser

import time_machine
from django.test import TestCase
from django.utils import translation

from core.translations import column, shows_english, translated_fields
from meetings.models import Meeting, MeetingSource
from obligations.models import ClearanceExtension, ClearanceObligation, StockpileObligation
from timeline.models import Anniversary, Category, Era, Event, EventSource
from treaty.models import State, StateSource

# Texts shorter than this, or of one word, are names ("Oslo", "Geneva", a source's site: "press.un.org") that a
# translated sentence or an address may hold as well.
SHORTEST = 12
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HEAD_TEXTS = {"description", "og:title", "og:description"}
# The plain-text fields shown on pages (Markdown ones are rendered, not shown as stored).
FIELDS = {
    Event: ("title", "location", "summary"),
    Era: ("title", "short_title", "summary"),
    Anniversary: ("title", "introduction"),
    Category: ("name",),
    Meeting: ("city", "president", "outcome"),
    EventSource: ("title",),
    MeetingSource: ("title",),
    StateSource: ("title",),
    ClearanceObligation: ("status_note",),
    ClearanceExtension: ("note",),
    StockpileObligation: ("note",),
    State: ("note",),
}


class Page(HTMLParser):
    """A page's text nodes, each with the `lang` of its nearest element that has one, and its head's plain texts."""

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, lang)
        self.texts = []  # (text, lang)
        self.head = []  # <title> and the description and share texts

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("name") in HEAD_TEXTS or attrs.get("property") in HEAD_TEXTS):
            self.head.append(attrs.get("content") or "")
        if tag in VOID:
            return
        lang = attrs.get("lang", self.stack[-1][1] if self.stack else None)
        self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        while self.stack:  # an element left open closes with its parent
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.stack or self.stack[-1][0] in {"script", "style"}:
            return
        if self.stack[-1][0] == "title":
            self.head.append(data)
        else:
            self.texts.append((data, self.stack[-1][1]))


def english_only(lang):
    """The stored English of every text that a page in `lang` shows in English."""
    found = set()
    for model, fields in FIELDS.items():
        translated = translated_fields(model)
        for record in model._default_manager.all():
            for field in fields:
                if shows_english(record, field, lang):
                    text = getattr(record, column(field, "en") if field in translated else field)
                    if len(text.strip()) >= SHORTEST and " " in text.strip():
                        found.add(text.strip())
    return found


@time_machine.travel("2026-11-27")
class EnglishIsMarkedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from meetings import seed as meetings_seed
        from obligations import seed as obligations_seed
        from timeline import seed as timeline_seed
        from treaty import seed as treaty_seed

        treaty_seed.load()
        timeline_seed.load()
        meetings_seed.load()
        obligations_seed.load()

    def addresses(self):
        """One page of each type, and every page of the content: events, eras, anniversaries, meetings; the States
        with obligations (their notes) and a few with sources."""
        states = {obligation.state for obligation in ClearanceObligation.objects.select_related("state")}
        states |= {obligation.state for obligation in StockpileObligation.objects.select_related("state")}
        states |= set(State.objects.filter(iso3__in=["FRA", "UKR", "SSD", "LKA"]))
        records = [
            *Event.objects.published(),
            *Era.objects.published(),
            *Anniversary.objects.published(),
            *Meeting.objects.published(),
            *states,
        ]
        lists = [
            "/",
            "/states/",
            "/timeline/",
            "/anniversaries/",
            "/meetings/",
            "/obligations/clearance/",
            "/obligations/stockpiles/",
            "/search/?q=ottawa",
        ]
        return [*lists, *(record.get_absolute_url() for record in records)]

    maxDiff = None

    def assertEnglishMarked(self, lang):
        english = english_only(lang)
        self.assertTrue(english)  # the bundle leaves texts untranslated in this language: the test has work to do
        with translation.override(lang):
            note = f"({translation.gettext('not yet translated')})"
        unmarked = []
        for address in self.addresses():
            address = f"/{lang}{address}"
            response = self.client.get(address)
            self.assertEqual(response.status_code, 200, address)
            page = Page()
            page.feed(response.content.decode())
            for text, text_lang in page.texts:
                unmarked += [(address, value) for value in english if value in text and text_lang != "en"]
            for text in page.head:
                for value in sorted(english, key=len, reverse=True):  # a longer text may hold a shorter one
                    text = text.replace(f"{value} {note}", "")
                unmarked += [(address, value) for value in english if value in text]
        self.assertEqual(sorted(set(unmarked)), [])

    def test_in_french(self):
        self.assertEnglishMarked("fr")

    def test_in_arabic(self):
        self.assertEnglishMarked("ar")
