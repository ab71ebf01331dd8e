"""Finding and sharing: sitemap, robots.txt, and unique titles, descriptions, canonical and Open Graph tags."""

import re
import xml.etree.ElementTree as ET
from datetime import date

import time_machine
from django.test import TestCase
from django.urls import reverse

from meetings import seed as meetings_seed
from timeline import seed as timeline_seed
from timeline.models import Event
from treaty import seed as treaty_seed

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PAGES = [
    "/",
    "/states/",
    "/states/fra/",
    "/timeline/",
    "/timeline/oslo-diplomatic-conference/",
    "/ottawa-process/",
    "/timeline/eras/implementation/",
    "/search/?q=oslo",
]


def crawlable(robots_txt, path):
    """May a crawler fetch `path`, by RFC 9309 as the big crawlers read it: the longest matching rule of the `*`
    group wins, Allow on a tie. (urllib.robotparser drops a rule's trailing "?", so it cannot judge these rules.)"""
    rules = [line.split(":", 1) for line in robots_txt.splitlines() if line.startswith(("Allow:", "Disallow:"))]
    matches = [(len(rule.strip()), kind == "Allow") for kind, rule in rules if path.startswith(rule.strip())]
    return max(matches, default=(0, True))[1]


def head_tag(html, pattern):
    match = re.search(pattern, html)
    return match[1] if match else None


@time_machine.travel(date(2026, 11, 27))
class SharingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()
        timeline_seed.load()
        meetings_seed.load()

    def test_sitemap_lists_every_public_page_with_dates(self):
        Event.objects.filter(slug="oslo-diplomatic-conference").update(status="draft")
        index = self.client.get("/sitemap.xml")
        self.assertEqual(index.status_code, 200)
        sections = [loc.text for loc in ET.fromstring(index.content).iter(f"{{{SITEMAP_NS['s']}}}loc")]
        # Six sections; the States' has two pages: 197 States in six languages are more than 1,000 addresses.
        self.assertEqual(len(sections), 7)
        urls = []
        for section in sections:
            response = self.client.get(section.removeprefix("http://testserver"))
            self.assertEqual(response.status_code, 200)
            urls += ET.fromstring(response.content).findall("s:url", SITEMAP_NS)
        locations = {url.find("s:loc", SITEMAP_NS).text for url in urls}

        self.assertIn("http://testserver/", locations)
        self.assertIn("http://testserver/states/fra/", locations)
        self.assertIn("http://testserver/ottawa-process/", locations)
        self.assertIn("http://testserver/meetings/", locations)
        self.assertIn("http://testserver/meetings/4rc/", locations)
        self.assertIn("http://testserver/timeline/treaty-text-adopted-in-oslo/", locations)
        self.assertNotIn("http://testserver/timeline/oslo-diplomatic-conference/", locations)
        english_states = [
            loc for loc in locations if loc.startswith("http://testserver/states/") and loc.count("/") == 5
        ]
        self.assertEqual(len(english_states), 197)
        self.assertEqual(sum(loc.startswith("http://testserver/fr/states/") for loc in locations), 197 + 1)
        self.assertTrue(all(url.find("s:lastmod", SITEMAP_NS) is not None for url in urls))

    def test_robots_txt_points_to_the_sitemap(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        self.assertIn("Sitemap: http://testserver/sitemap.xml", response.content.decode())
        self.assertIn("Disallow: /exports/", response.content.decode())

    def test_robots_txt_keeps_crawlers_off_the_endless_variants_but_not_the_pages(self):
        robots = self.client.get("/robots.txt").content.decode()
        for path in [
            "/",
            "/states/",
            "/states/fra/",
            "/states.csv",
            "/timeline/",
            "/timeline/oslo-diplomatic-conference/",
            "/timeline/eras/implementation/",
            "/timeline/feed/",
            "/ottawa-process/",
            "/anniversaries/",
            "/sitemap.xml",
        ]:
            with self.subTest(path=path):
                self.assertTrue(crawlable(robots, path))
        for path in [
            "/states/?sort=-status",
            "/states/?as_of=2001-01-01",
            "/states/?region=europe&sort=name",
            "/states.csv?as_of=2001-01-01",
            "/timeline/?category=conference",
            "/timeline/?from=1997&to=1999&page=2",
            "/search/?q=oslo",
            "/exports/",
        ]:
            with self.subTest(path=path):
                self.assertFalse(crawlable(robots, path))

    def test_every_page_has_its_own_title_and_description_and_share_tags(self):
        titles, descriptions = set(), set()
        for url in PAGES:
            with self.subTest(url=url):
                html = self.client.get(url).content.decode()
                title = head_tag(html, r"<title>(.*?)</title>")
                description = head_tag(html, r'<meta name="description" content="([^"]*)"')
                self.assertTrue(title and description)
                titles.add(title)
                descriptions.add(description)
                path = url.split("?")[0]
                self.assertIn(f'<link rel="canonical" href="http://testserver{path}">', html)
                self.assertIn(f'<meta property="og:url" content="http://testserver{path}">', html)
                self.assertRegex(
                    html, r'<meta property="og:image" content="http://testserver/static/img/og-default\.png">'
                )
                self.assertRegex(html, r'<meta property="og:title" content="[^"]+">')
                self.assertIn('<link rel="alternate" type="application/atom+xml"', html)
        self.assertEqual(len(titles), len(PAGES))
        self.assertEqual(len(descriptions), len(PAGES))

    def test_the_feed_link_in_the_head_works(self):
        response = self.client.get(reverse("timeline:feed"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("application/atom+xml", response["Content-Type"])
