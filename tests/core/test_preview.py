"""Editors preview drafts on their real public address; visitors get 404; previews are never cached."""

from datetime import UTC, date, datetime

import time_machine
from django.core.cache import cache
from django.test import RequestFactory, TestCase

from core.cache import page_key
from core.models import PublicationStatus
from tests.timeline.factories import AnniversaryFactory, EraFactory, EventFactory
from tests.treaty.factories import StateFactory
from tests.utils import staff_user
from timeline.dates import Precision
from timeline.views import AnniversaryDetailView

DRAFT_BANNER = "Draft — not public."


class PreviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = staff_user("editor", "Editors")
        cls.contributor = staff_user("contributor", "Contributors")
        cls.clerk = staff_user("clerk")  # staff, but no permission on content
        cls.event = EventFactory(title="Draft event", draft=True)
        cls.era = EraFactory(
            title="Implementation", slug="implementation", start_date=date(1999, 3, 2), end_date=None,
            period_precision=Precision.YEAR, status=PublicationStatus.DRAFT,
        )  # fmt: skip
        cls.anniversary = AnniversaryFactory(years=30, title="Thirty years", draft=True)
        cls.drafts = {"event": cls.event, "era": cls.era, "anniversary": cls.anniversary}

    def test_visitors_get_404(self):
        for name, item in self.drafts.items():
            with self.subTest(name):
                response = self.client.get(item.get_absolute_url())
                self.assertEqual(response.status_code, 404)
                self.assertNotContains(response, DRAFT_BANNER, status_code=404)

    def test_editors_and_contributors_see_the_draft_marked_and_uncached(self):
        for user in (self.editor, self.contributor):
            self.client.force_login(user)
            for name, item in self.drafts.items():
                with self.subTest(user=user.username, page=name):
                    response = self.client.get(item.get_absolute_url())
                    self.assertEqual(response.status_code, 200)
                    self.assertContains(response, f"<strong>{DRAFT_BANNER}</strong>", html=True)
                    self.assertContains(response, '<meta name="robots" content="noindex, nofollow">', html=True)
                    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
                    self.assertLessEqual({"no-cache", "no-store", "private"}, cache_control)
                    self.assertNotIn("X-Ottawa-Cache", response)

    def test_the_preview_is_not_what_visitors_get_next(self):
        self.client.force_login(self.editor)
        self.client.get(self.anniversary.get_absolute_url())
        self.client.logout()
        self.client.cookies.clear()
        self.assertEqual(self.client.get(self.anniversary.get_absolute_url()).status_code, 404)

    def test_a_preview_is_never_stored_even_without_a_session_cookie(self):
        """Belt and braces: the page cache stores nothing sent with Cache-Control, which every preview is."""
        request = RequestFactory().get(self.anniversary.get_absolute_url())  # no session cookie: the cached path
        request.user = self.editor

        response = AnniversaryDetailView.as_view()(request, years=30)

        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertIsNone(cache.get(page_key(request)))
        self.assertEqual(self.client.get(self.anniversary.get_absolute_url()).status_code, 404)

    def test_staff_without_permission_on_the_content_get_404(self):
        self.client.force_login(self.clerk)
        for name, item in self.drafts.items():
            with self.subTest(name):
                self.assertEqual(self.client.get(item.get_absolute_url()).status_code, 404)

    def test_a_scheduled_item_says_when_it_goes_public(self):
        self.event.status, self.event.publish_at = PublicationStatus.PUBLISHED, datetime(2027, 3, 1, 9, tzinfo=UTC)
        self.event.save()
        with time_machine.travel(datetime(2027, 2, 1, tzinfo=UTC), tick=False):
            self.client.force_login(self.editor)
            response = self.client.get(self.event.get_absolute_url())
        self.assertContains(response, "Scheduled — not public until 1 March 2027, 09:00 (UTC).")

    def test_a_published_page_is_no_preview(self):
        self.client.force_login(self.editor)
        published = EventFactory(title="Published event")
        response = self.client.get(published.get_absolute_url())
        self.assertNotContains(response, "not public")
        self.assertNotIn("no-store", response.get("Cache-Control", ""))


class StateNotePreviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = staff_user("editor", "Editors")
        cls.state = StateFactory(name="Canada", iso2="CA", iso3="CAN", ratified=True, note="A draft note.")

    def test_visitors_do_not_see_a_draft_note(self):
        response = self.client.get(self.state.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "A draft note.")

    def test_editors_see_it_marked_and_the_page_is_not_cached(self):
        self.client.force_login(self.editor)
        response = self.client.get(self.state.get_absolute_url())
        self.assertContains(response, "A draft note.")
        self.assertContains(response, '<strong class="preview-mark">Draft — not public</strong>', html=True)
        self.assertIn("no-store", response["Cache-Control"])
