"""Property-based: whatever query string or path segment a visitor sends, the site answers calmly."""

import re
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.timeline.factories import EventFactory
from treaty import seed as treaty_seed

from .hostile import HOSTILE

LIST_PAGES = [
    "/",
    "/states/",
    "/states.csv",
    "/timeline/",
    "/search/",
    "/ottawa-process/",
    "/timeline/feed/",
    "/anniversaries/",
    "/anniversaries/20/",
    "/meetings/",
    "/meetings/1msp/",
    "/obligations/clearance/",
    "/obligations/clearance.csv",
    "/obligations/stockpiles/",
    "/obligations/stockpiles.csv",
]
DETAIL_ROUTES = [
    "/states/{}/",
    "/timeline/{}/",
    "/timeline/eras/{}/",
    "/anniversaries/{}/",
    "/meetings/{}/",
    "/sitemap-{}.xml",
]
KNOWN_PARAMETERS = [
    *("as_of", "status", "region", "instrument", "q", "sort", "category", "era", "from", "to", "page"),
    *("kind", "year"),  # /meetings/
    "standing",  # /obligations/
]
TAG = re.compile(r"<[a-zA-Z!/?]")

values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=60),
    st.from_regex(r"-?[0-9]{1,12}", fullmatch=True),
    st.from_regex(r"[0-9]{2,4}-[0-9]{1,2}-[0-9]{1,3}", fullmatch=True),
)
query_strings = st.dictionaries(
    keys=st.one_of(st.sampled_from(KNOWN_PARAMETERS), st.text(min_size=1, max_size=12)), values=values, max_size=4
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class FuzzTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()
        EventFactory(slug="a-published-event")

    def assert_calm(self, response, sent):
        self.assertLess(response.status_code, 500, response.request)
        if response.status_code >= 300 or "html" not in response.get("Content-Type", ""):
            return
        body = response.content.decode()
        for value in sent:
            if TAG.search(value):
                self.assertNotIn(value, body, "markup from the request was reflected")

    @FUZZ
    @given(params=query_strings)
    def test_query_strings_on_every_list_page(self, params):
        for url in LIST_PAGES:
            self.assert_calm(self.client.get(url, params), params.values())

    @FUZZ
    @given(segment=st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1, max_size=80)))
    def test_path_segments_on_every_detail_route(self, segment):
        for route in DETAIL_ROUTES:
            self.assert_calm(self.client.get(route.format(quote(segment, safe=""))), [segment])
