"""Exports run by a picture: an editor's Markdown cannot make staff browsers fetch an export (or any staff page),
and an export's address answers only a deliberate request."""

from django.test import TestCase, override_settings
from django.urls import reverse

from exports.models import ExportLog
from tests.exports.utils import exporter
from tests.timeline.factories import EventFactory
from timeline.rendering import points_at_staff_pages, render_markdown

FORGED = [
    "![x](/exports/events/?format=xlsx)",
    "![x](https://ottawa.example/exports/events/?format=csv)",
    "![x](//ottawa.example/exports/events/)",
    "![x](../../exports/events/)",
    "![x](exports/events/)",
    "![x](/%65xports/events/)",
    "![x](/Exports/events/)",
    "![x](/admin/auth/user/)",
    '<img src="/exports/events/?format=json">',
    "[open](/admin/timeline/event/1/delete/)",
]


@override_settings(ALLOWED_HOSTS=["ottawa.example", "localhost"], SITE_URL="https://ottawa.example")
class StaffAddressesInMarkdownTests(TestCase):
    def test_pictures_and_links_to_staff_pages_lose_their_address(self):
        for text in FORGED:
            with self.subTest(text):
                html = str(render_markdown(text))
                self.assertNotIn("exports", html.lower())
                self.assertNotIn("admin", html.lower())

    def test_addresses_are_read_as_browsers_read_them(self):
        for url in ("\\exports\\events", "/ex\tports/events/", "/exp\norts/", "HTTPS://OTTAWA.EXAMPLE/admin/"):
            with self.subTest(url):
                self.assertTrue(points_at_staff_pages(url))

    def test_other_pictures_and_links_are_kept(self):
        html = str(render_markdown("![map](/static/img/map.png) [States](/states/) [UN](https://un.org/admin/)"))
        self.assertIn('src="/static/img/map.png"', html)
        self.assertIn('href="/states/"', html)
        self.assertIn('href="https://un.org/admin/"', html)  # another site's admin is no business of ours

    def test_a_staff_viewer_of_a_draft_runs_no_export(self):
        event = EventFactory(body="![x](/exports/events/?format=xlsx)", draft=True)
        self.assertNotIn("/exports/", str(render_markdown(event.body)))


class DeliberateExportRequestTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = exporter()

    def setUp(self):
        self.client.force_login(self.user)

    def get(self, **headers):
        return self.client.get(reverse("exports:download", args=["events"]), {"format": "csv"}, headers=headers)

    def test_a_picture_a_script_or_a_frame_fetching_an_export_is_refused_and_logs_nothing(self):
        for headers in (
            {"Sec-Fetch-Dest": "image", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Site": "same-origin"},
            {"Sec-Fetch-Dest": "empty", "Sec-Fetch-Mode": "cors", "Sec-Fetch-Site": "same-origin"},
            {"Sec-Fetch-Dest": "iframe", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Site": "same-origin"},
            {"Sec-Fetch-Dest": "script", "Sec-Fetch-Mode": "no-cors"},
        ):
            with self.subTest(headers=headers):
                response = self.get(**headers)
                self.assertEqual(response.status_code, 403)
                self.assertContains(response, "only answers when you open it yourself", status_code=403)
        self.assertFalse(ExportLog.objects.exists())

    def test_following_a_link_or_sending_the_form_downloads(self):
        response = self.get(**{"Sec-Fetch-Dest": "document", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-User": "?1"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(ExportLog.objects.count(), 1)

    def test_clients_without_fetch_metadata_are_not_refused(self):
        self.assertEqual(self.get().status_code, 200)
