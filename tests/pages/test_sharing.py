"""Finding and sharing: sitemap, robots.txt, and unique titles, descriptions, canonical and Open Graph tags."""

import re
import xml.etree.ElementTree as ET
from datetime import date

import time_machine
from django.test import TestCase
from django.urls import reverse

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


def head_tag(html, pattern):
    match = re.search(pattern, html)
    return match[1] if match else None


@time_machine.travel(date(2026, 11, 27))
class SharingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()
        timeline_seed.load()

    def test_sitemap_lists_every_public_page_with_dates(self):
        Event.objects.filter(slug="oslo-diplomatic-conference").update(status="draft")
        index = self.client.get("/sitemap.xml")
        self.assertEqual(index.status_code, 200)
        sections = [loc.text for loc in ET.fromstring(index.content).iter(f"{{{SITEMAP_NS['s']}}}loc")]
        self.assertEqual(len(sections), 5)
        urls = []
        for section in sections:
            response = self.client.get(section.removeprefix("http://testserver"))
            self.assertEqual(response.status_code, 200)
            urls += ET.fromstring(response.content).findall("s:url", SITEMAP_NS)
        locations = {url.find("s:loc", SITEMAP_NS).text for url in urls}

        self.assertIn("http://testserver/", locations)
        self.assertIn("http://testserver/states/fra/", locations)
        self.assertIn("http://testserver/ottawa-process/", locations)
        self.assertIn("http://testserver/timeline/treaty-text-adopted-in-oslo/", locations)
        self.assertNotIn("http://testserver/timeline/oslo-diplomatic-conference/", locations)
        self.assertEqual(sum("/states/" in loc and loc.count("/") == 5 for loc in locations), 197)
        self.assertTrue(all(url.find("s:lastmod", SITEMAP_NS) is not None for url in urls))

    def test_robots_txt_points_to_the_sitemap(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        self.assertIn("Sitemap: http://testserver/sitemap.xml", response.content.decode())
        self.assertIn("Disallow: /exports/", response.content.decode())

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
