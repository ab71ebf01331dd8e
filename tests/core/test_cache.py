"""
Page cache correctness. CI also runs this file with CACHE_URL=redis://… against the local Redis.

Writes in these tests run inside TestCase's transaction, which never commits: `captureOnCommitCallbacks(execute=True)`
stands for the commit after which the content version is renewed.
"""

import gzip
from datetime import datetime, timedelta

import time_machine
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from core import cache
from treaty import seed
from treaty.models import State


class PageCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()

    def test_second_request_is_served_from_the_cache_with_one_small_query(self):
        url = reverse("treaty:state-detail", args=["fra"])
        first = self.client.get(url)
        self.assertEqual(first["X-Ottawa-Cache"], "miss")
        with self.assertNumQueries(1):  # the content version row
            second = self.client.get(url)
        self.assertEqual(second["X-Ottawa-Cache"], "hit")
        self.assertEqual(second.content, first.content)

    def test_an_editors_save_is_visible_on_the_next_request(self):
        url = reverse("treaty:state-detail", args=["fra"])
        self.client.get(url)
        france = State.objects.get(iso3="FRA")
        france.note = "A note added by an editor."
        with self.captureOnCommitCallbacks(execute=True):
            france.save()

        response = self.client.get(url)
        self.assertEqual(response["X-Ottawa-Cache"], "miss")
        self.assertContains(response, "A note added by an editor.")

    def test_deleting_a_record_invalidates_too(self):
        self.client.get(reverse("treaty:state-list"))
        with self.captureOnCommitCallbacks(execute=True):
            State.objects.get(iso3="TON").delete()
        response = self.client.get(reverse("treaty:state-list"))
        self.assertNotContains(response, "Tonga")

    def test_query_strings_are_cached_separately(self):
        self.client.get(reverse("treaty:state-list"), {"as_of": "2017-12-03"})
        response = self.client.get(reverse("treaty:state-list"), {"as_of": "2000-01-01"})
        self.assertEqual(response["X-Ottawa-Cache"], "miss")
        self.assertContains(response, "1 January 2000")

    def test_visitors_with_a_session_always_get_a_fresh_page(self):
        self.client.cookies["sessionid"] = "whatever"
        self.client.get(reverse("pages:home"))
        response = self.client.get(reverse("pages:home"))
        self.assertNotIn("X-Ottawa-Cache", response)

    def test_errors_are_not_cached(self):
        self.client.get(reverse("treaty:state-list"), {"as_of": "nonsense"})
        response = self.client.get(reverse("treaty:state-list"), {"as_of": "nonsense"})
        self.assertEqual(response.status_code, 400)
        self.assertNotIn("X-Ottawa-Cache", response)

    def test_date_dependent_figures_roll_over_at_midnight(self):
        url = reverse("pages:home")
        with time_machine.travel(timezone.make_aware(datetime(2025, 12, 26, 23, 59)), tick=False):
            before = self.client.get(url)
            self.assertContains(
                before, '<span class="number">166</span> <span class="label">States Parties</span>', html=True
            )
            self.assertEqual(self.client.get(url)["X-Ottawa-Cache"], "hit")
        with time_machine.travel(timezone.make_aware(datetime(2025, 12, 27, 0, 1)), tick=False):
            after = self.client.get(url)
        self.assertEqual(after["X-Ottawa-Cache"], "miss")
        self.assertContains(
            after, '<span class="number">163</span> <span class="label">States Parties</span>', html=True
        )

    def test_conditional_requests_get_304(self):
        url = reverse("treaty:state-detail", args=["fra"])
        etag = self.client.get(url)["ETag"]
        response = self.client.get(url, headers={"if-none-match": etag})
        self.assertEqual(response.status_code, 304)

    def test_a_changed_page_gets_a_new_etag_and_a_full_answer(self):
        url = reverse("treaty:state-detail", args=["fra"])
        etag = self.client.get(url)["ETag"]
        with self.captureOnCommitCallbacks(execute=True):
            State.objects.filter(iso3="FRA").first().save()  # any save: a new content version
        response = self.client.get(url, headers={"if-none-match": etag})
        self.assertEqual(response.status_code, 200)
        self.assertNotEqual(response["ETag"], etag)
        self.assertNotEqual(self.client.get(reverse("treaty:state-detail", args=["deu"]))["ETag"], response["ETag"])

    def test_browsers_that_accept_gzip_get_the_page_compressed_once(self):
        url = reverse("treaty:state-list")
        plain = self.client.get(url)
        first = self.client.get(url, headers={"accept-encoding": "gzip, deflate, br"})
        second = self.client.get(url, headers={"accept-encoding": "gzip"})

        self.assertEqual((first["Content-Encoding"], first["X-Ottawa-Cache"]), ("gzip", "miss"))
        self.assertEqual(second["X-Ottawa-Cache"], "hit")
        self.assertEqual(gzip.decompress(second.content), plain.content)
        self.assertLess(len(second.content), len(plain.content) / 3)
        self.assertEqual(int(second["Content-Length"]), len(second.content))
        self.assertNotIn("Content-Encoding", plain)
        for response in (plain, second):
            self.assertIn("Accept-Encoding", response["Vary"])
        self.assertNotEqual(plain["ETag"], second["ETag"])
        again = self.client.get(url, headers={"accept-encoding": "gzip", "if-none-match": second["ETag"]})
        self.assertEqual(again.status_code, 304)

    def test_a_save_replaces_the_compressed_copy_too(self):
        url = reverse("treaty:state-detail", args=["fra"])
        self.client.get(url, headers={"accept-encoding": "gzip"})
        with self.captureOnCommitCallbacks(execute=True):
            State.objects.filter(iso3="FRA").update(name="France (renamed)")
            cache.content_changed()  # update() sends no signal: bulk writers say so
        response = self.client.get(url, headers={"accept-encoding": "gzip"})
        self.assertEqual(response["X-Ottawa-Cache"], "miss")
        self.assertIn(b"France (renamed)", gzip.decompress(response.content))

    def test_errors_and_small_answers_are_not_compressed(self):
        missing = self.client.get("/states/xyz/", headers={"accept-encoding": "gzip"})
        self.assertEqual(missing.status_code, 404)
        self.assertNotIn("Content-Encoding", missing)
        robots = self.client.get("/robots.txt", headers={"accept-encoding": "gzip"})  # a few lines: not worth it
        self.assertEqual(robots.status_code, 200)
        self.assertNotIn("Content-Encoding", robots)

    @override_settings(ALLOWED_HOSTS=["testserver", "www.example.org"], SITE_URL="")
    def test_each_host_and_scheme_gets_its_own_canonical_link(self):
        url = reverse("treaty:state-detail", args=["fra"])
        self.client.get(url)  # cached for http://testserver
        for headers, canonical in (
            ({"host": "www.example.org"}, "http://www.example.org/states/fra/"),
            ({"x-forwarded-proto": "https"}, "https://testserver:80/states/fra/"),  # the test client's port
        ):
            with (
                self.subTest(headers=headers),
                self.settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")),
            ):
                response = self.client.get(url, headers=headers)
                self.assertContains(response, f'<link rel="canonical" href="{canonical}">')

    def test_a_cached_page_carries_the_headers_of_a_fresh_one(self):
        # Served by PageCacheMiddleware above the CSP, framing, session and CSRF layers: what those layers add must
        # have been stored with the page, and what the layers above add must be added again.
        for url in ("/", "/states/", "/fr/timeline/", "/ar/obligations/clearance/"):
            for encoding in ("", "gzip"):
                with self.subTest(url=url, encoding=encoding):
                    fresh = self.client.get(url, headers={"accept-encoding": encoding})
                    cached = self.client.get(url, headers={"accept-encoding": encoding})
                    self.assertEqual((fresh["X-Ottawa-Cache"], cached["X-Ottawa-Cache"]), ("miss", "hit"))
                    ignored = {"X-Ottawa-Cache", "X-Request-ID"}
                    self.assertEqual(
                        {name: value for name, value in cached.items() if name not in ignored},
                        {name: value for name, value in fresh.items() if name not in ignored},
                    )
                    self.assertNotEqual(cached["X-Request-ID"], fresh["X-Request-ID"])
                    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Language"):
                        self.assertIn(header, cached)

    def test_a_cached_page_is_answered_before_the_url_is_resolved(self):
        url = reverse("treaty:state-list")
        self.assertEqual(self.client.get(url).resolver_match.view_name, "treaty:state-list")
        cached = self.client.get(url)
        self.assertEqual(cached["X-Ottawa-Cache"], "hit")
        self.assertIsNone(cached.wsgi_request.resolver_match)

    def test_a_conditional_head_of_a_cached_page_gets_304(self):
        url = reverse("timeline:event-list")
        etag = self.client.get(url)["ETag"]
        self.assertEqual(self.client.head(url, headers={"if-none-match": etag}).status_code, 304)

    def test_an_address_with_unknown_parameters_is_served_the_cached_page_without_them(self):
        url = reverse("treaty:state-list")
        page = self.client.get(url, headers={"accept-encoding": "gzip"})
        tagged = self.client.get(url, {"fbclid": "x1"}, headers={"accept-encoding": "gzip"})
        self.assertEqual((tagged["X-Ottawa-Cache"], tagged["ETag"]), ("hit", page["ETag"]))
        self.assertEqual(tagged.content, page.content)
        self.assertEqual(tagged["Content-Security-Policy"], page["Content-Security-Policy"])


class ScheduledPublicationCacheTests(TestCase):
    def test_a_cached_page_shows_a_scheduled_event_once_its_time_comes(self):
        from tests.timeline.factories import EventFactory

        publish_at = timezone.make_aware(datetime(2026, 12, 1, 9, 0))
        EventFactory(title="Scheduled for December", slug="scheduled-for-december", publish_at=publish_at)
        with time_machine.travel(publish_at - timedelta(minutes=1), tick=False):
            self.assertNotContains(self.client.get(reverse("timeline:event-list")), "Scheduled for December")
            self.assertEqual(self.client.get(reverse("timeline:event-list"))["X-Ottawa-Cache"], "hit")
        with time_machine.travel(publish_at + timedelta(minutes=1), tick=False):
            response = self.client.get(reverse("timeline:event-list"))
        self.assertEqual(response["X-Ottawa-Cache"], "miss")
        self.assertContains(response, "Scheduled for December")

    def test_the_next_publication_is_the_earliest_future_one_across_every_schedule(self):
        from core.cache import next_scheduled_publication
        from tests.timeline.factories import EventFactory
        from tests.treaty.factories import StateFactory

        now = timezone.make_aware(datetime(2026, 11, 1, 12, 0))
        self.assertIsNone(next_scheduled_publication(now))
        EventFactory(slug="past", publish_at=now - timedelta(days=1))
        EventFactory(slug="draft", status="draft", publish_at=now + timedelta(hours=1))
        EventFactory(slug="later", publish_at=now + timedelta(days=3))
        note_at = now + timedelta(days=2, microseconds=250)
        StateFactory(note="A note for next week.", note_status="published", note_publish_at=note_at)
        self.assertEqual(next_scheduled_publication(now), note_at)
        self.assertEqual(next_scheduled_publication(note_at), now + timedelta(days=3))


class PageCacheCheckTests(TestCase):
    def test_the_check_fails_without_the_middleware_or_below_the_session(self):
        from django.conf import settings

        from core.checks import PAGE_CACHE, page_cache_middleware

        self.assertEqual(page_cache_middleware(None), [])
        without = [name for name in settings.MIDDLEWARE if name != PAGE_CACHE]
        with self.settings(MIDDLEWARE=without):
            self.assertEqual([error.id for error in page_cache_middleware(None)], ["ottawa.E001"])
        with self.settings(MIDDLEWARE=[*without, PAGE_CACHE]):
            self.assertEqual({error.id for error in page_cache_middleware(None)}, {"ottawa.E002"})
