"""
The content version in the database: renewed after commits, once per scheduled time, by bulk writers and commands;
and the site's behaviour when the cache or the database fails, and for HEAD and OPTIONS.
"""

from datetime import timedelta
from unittest import mock

import time_machine
from django.core.management import call_command
from django.db import OperationalError, connection, transaction
from django.test import TestCase, TransactionTestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from core import cache
from core.models import ContentVersion
from tests.timeline.factories import EventFactory
from treaty import seed
from treaty.models import State

CLOSED_REDIS = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


def token():
    return ContentVersion.objects.get(pk=cache.VERSION_ROW).token


class ContentVersionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()

    def setUp(self):
        cache.content_version()  # the row exists

    def test_a_change_renews_the_version_only_once_the_transaction_commits(self):
        before = token()
        with self.captureOnCommitCallbacks() as commit:
            State.objects.filter(iso3="FRA").get().save()
            self.assertEqual(token(), before, "renewed before the commit: a request could re-cache the old page")
        for callback in commit:
            callback()
        self.assertNotEqual(token(), before)

    def test_many_changes_in_one_transaction_renew_it_once(self):
        with (
            mock.patch("core.cache._renew", wraps=cache._renew) as renew,
            self.captureOnCommitCallbacks(execute=True),
            transaction.atomic(),
        ):
            for state in State.objects.all()[:20]:
                with transaction.atomic():  # a savepoint per row, as an import makes
                    state.save()
        self.assertEqual(renew.call_count, 1)

    def test_bulk_writes_and_commands_renew_it(self):
        for write in (
            lambda: (State.objects.filter(iso3="FRA").update(name="Renamed"), cache.content_changed()),
            lambda: call_command("seed", stdout=mock.Mock()),
        ):
            before = token()
            with self.captureOnCommitCallbacks(execute=True):
                write()
            self.assertNotEqual(token(), before)

    def test_the_next_scheduled_time_is_kept_with_the_version(self):
        at = timezone.now() + timedelta(hours=2)
        with self.captureOnCommitCallbacks(execute=True):
            EventFactory(slug="later", publish_at=at)
        self.assertEqual(ContentVersion.objects.get().next_publication, at)

    def test_exactly_one_process_renews_it_when_the_scheduled_time_passes(self):
        at = timezone.now() + timedelta(minutes=5)
        with self.captureOnCommitCallbacks(execute=True):
            EventFactory(slug="scheduled", publish_at=at)
        old = token()
        with time_machine.travel(at + timedelta(seconds=1), tick=False):
            # Two processes read the row before either renewed it: both try, one succeeds, both agree.
            first = cache._roll_over("default", old, timezone.now())
            second = cache._roll_over("default", old, timezone.now())
            self.assertEqual(first, second)
            self.assertEqual(cache.content_version(), first)
        self.assertIsNone(ContentVersion.objects.get().next_publication)

    def test_the_etag_is_the_same_for_the_same_content_and_version(self):
        url = reverse("treaty:state-detail", args=["fra"])
        first = self.client.get(url)["ETag"]
        cache.cache.clear()  # another process: nothing cached, the same version in the database
        again = self.client.get(url)
        self.assertEqual(again["X-Ottawa-Cache"], "miss")
        self.assertEqual(again["ETag"], first)


class QueryStringTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()

    def test_parameters_a_page_does_not_understand_make_no_new_entry(self):
        url = reverse("treaty:state-list")
        self.assertEqual(self.client.get(url, {"as_of": "2017-12-03"})["X-Ottawa-Cache"], "miss")
        for junk in ({"utm_source": "newsletter"}, {"x7f3": "1", "utm_campaign": "<b>"}):
            with self.subTest(junk=junk):
                response = self.client.get(url, {"as_of": "2017-12-03", **junk})
                self.assertEqual(response["X-Ottawa-Cache"], "hit")
                self.assertNotContains(response, "utm_")
        self.assertEqual(self.client.get(reverse("pages:home"), {"utm_source": "a"})["X-Ottawa-Cache"], "miss")
        self.assertEqual(self.client.get(reverse("pages:home"), {"utm_source": "b"})["X-Ottawa-Cache"], "hit")

    def test_parameters_a_page_understands_still_count(self):
        response = self.client.get(reverse("timeline:event-list"), {"from": "1996", "utm_medium": "x"})
        self.assertContains(response, 'name="from" value="1996"')
        self.assertEqual(
            self.client.get(reverse("pages:search"), {"q": "Norway"})["X-Ottawa-Cache"], "miss"
        )  # not the empty search's entry


class CacheOutageTests(TestCase):
    """A cache that does not answer (nothing listens on port 1): slower pages, never failures."""

    @classmethod
    def setUpTestData(cls):
        seed.load()

    def setUp(self):
        outage = override_settings(CACHES=CLOSED_REDIS)
        outage.enable()
        self.addCleanup(outage.disable)
        cache._cache_state.update(retry_at=0.0, warned_at=None)
        self.addCleanup(cache._cache_state.update, retry_at=0.0, warned_at=None)

    def test_public_pages_render_uncached_and_one_warning_is_logged(self):
        with self.assertLogs("core.cache", level="WARNING") as logs:
            for url in ["/", "/states/", "/states/fra/", "/timeline/", "/states.csv", "/robots.txt"] * 3:
                with self.subTest(url=url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200)
                    self.assertEqual(response["X-Ottawa-Cache"], "miss")
        self.assertEqual(len(logs.records), 1)
        self.assertIn("unavailable", logs.output[0])

    def test_saves_succeed(self):
        with self.captureOnCommitCallbacks(execute=True):
            State.objects.filter(iso3="FRA").update(name="France (renamed)")
            cache.content_changed()
        self.assertContains(self.client.get("/states/fra/"), "France (renamed)")

    def test_it_recovers_by_itself(self):
        with self.assertLogs("core.cache", level="WARNING"):
            self.client.get("/states/")
        with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}):
            cache._cache_state["retry_at"] = 0.0  # the retry interval has passed
            self.client.get("/states/")
            self.assertEqual(self.client.get("/states/")["X-Ottawa-Cache"], "hit")

    def test_healthz_says_the_cache_is_unavailable_but_the_site_serves(self):
        with self.assertLogs("core.health", level="WARNING"):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok", "database": "ok", "cache": "unavailable"})


class DatabaseOutageTests(TransactionTestCase):
    """While the database does not answer, cached pages are still served (the last version seen stands in)."""

    def test_cached_pages_are_served_and_others_answer_503(self):
        seed.load()
        self.client.get("/states/fra/")
        down = mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("timeout expired"))
        connection.close()
        with down, self.assertLogs("core", level="ERROR"):
            cached = self.client.get("/states/fra/")
            uncached = self.client.get("/states/deu/")
            health = self.client.get("/healthz")
        self.assertEqual((cached.status_code, cached["X-Ottawa-Cache"]), (200, "hit"))
        self.assertEqual(uncached.status_code, 503)
        self.assertEqual(uncached["Retry-After"], "30")
        self.assertNotIn(b"Traceback", uncached.content)
        self.assertEqual(health.status_code, 503)
        self.assertEqual(health.json()["database"], "unavailable")

    def test_the_stand_in_lasts_a_short_time_only(self):
        seed.load()
        self.client.get("/states/fra/")
        connection.close()
        later = cache._last_seen["default"][1] + cache.VERSION_GRACE_SECONDS + 1
        with (
            mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("timeout expired")),
            mock.patch("core.cache.time.monotonic", return_value=later),
            self.assertLogs("core", level="ERROR"),
        ):
            self.assertEqual(self.client.get("/states/fra/").status_code, 503)


class SafeMethodTests(TestCase):
    """HEAD is GET without a body (from the page cache too), conditional requests get 304, OPTIONS says Allow."""

    @classmethod
    def setUpTestData(cls):
        seed.load()
        EventFactory(slug="an-event")

    URLS = ["/", "/states/", "/states.csv", "/search/?q=france", "/robots.txt", "/healthz", "/timeline/"]

    def test_head_answers_like_get_without_a_body(self):
        for url in self.URLS:
            with self.subTest(url=url):
                get = self.client.get(url)
                head = self.client.head(url)
                self.assertEqual(head.status_code, 200)
                self.assertEqual(head.content, b"")
                self.assertEqual(head["Content-Type"], get["Content-Type"])
                if "X-Ottawa-Cache" in get:
                    self.assertEqual(head["X-Ottawa-Cache"], "hit")  # served from the page cache
                    self.assertEqual(head["ETag"], get["ETag"])

    def test_a_head_miss_fills_the_cache_for_get(self):
        self.assertEqual(self.client.head("/timeline/")["X-Ottawa-Cache"], "miss")
        self.assertEqual(self.client.get("/timeline/")["X-Ottawa-Cache"], "hit")

    def test_conditional_get(self):
        for url in ["/", "/states/", "/states.csv", "/robots.txt"]:
            with self.subTest(url=url):
                etag = self.client.get(url)["ETag"]
                self.assertEqual(self.client.get(url, headers={"if-none-match": etag}).status_code, 304)

    def test_conditional_head_gets_304_like_get(self):
        for url in ["/", "/states/", "/states.csv", "/robots.txt", "/timeline/"]:
            with self.subTest(url=url):
                etag = self.client.get(url)["ETag"]
                self.assertEqual(self.client.head(url, headers={"if-none-match": etag}).status_code, 304)
                self.cache_cleared_then_head_is_conditional_too(url, etag)

    def cache_cleared_then_head_is_conditional_too(self, url, etag):
        from django.core.cache import cache

        cache.clear()  # a HEAD that renders the page (a miss) answers the same validator
        self.assertEqual(self.client.head(url, headers={"if-none-match": etag}).status_code, 304)

    def test_options_says_what_is_allowed(self):
        for url in [*self.URLS, "/timeline/an-event/"]:
            with self.subTest(url=url):
                with self.assertNoLogs("django.request", level="WARNING"):  # a probe is not a failure
                    response = self.client.options(url)
                self.assertEqual(response.status_code, 200)
                allowed = {method.strip() for method in response["Allow"].split(",")}
                self.assertLessEqual({"GET", "HEAD", "OPTIONS"}, allowed)
                self.assertNotIn("POST", allowed)

    def test_posting_is_still_refused(self):
        self.assertEqual(self.client.post("/states/").status_code, 405)


class StaffAndMediaSafeMethodTests(TestCase):
    """HEAD and OPTIONS on a staff export and on an uploaded picture (served by Django under `make run`)."""

    def test_an_export(self):
        from tests.exports.utils import exporter

        seed.load()
        self.client.force_login(exporter())
        url = reverse("exports:download", args=["states"]) + "?format=csv"
        head = self.client.head(url)
        self.assertEqual(head.status_code, 200)
        self.assertEqual(b"".join(head.streaming_content) if head.streaming else head.content, b"")
        self.assertIn("GET", self.client.options(url)["Allow"])

    @override_settings(ROOT_URLCONF="tests.security.test_uploads")
    def test_a_picture(self):
        import shutil
        from pathlib import Path

        from django.conf import settings

        from tests.timeline.factories import picture_upload

        folder = Path(settings.MEDIA_ROOT) / "head"
        folder.mkdir(parents=True, exist_ok=True)
        self.addCleanup(shutil.rmtree, folder, True)
        (folder / "p.png").write_bytes(picture_upload().read())
        head = self.client.head("/media/head/p.png")
        self.assertEqual((head.status_code, head["Content-Type"]), (200, "image/png"))
        self.assertEqual(b"".join(head.streaming_content) if head.streaming else head.content, b"")
        options = self.client.options("/media/head/p.png")
        self.assertEqual(options.status_code, 200)
        self.assertIn("HEAD", options["Allow"])


class DatabaseTimeBoundsTests(TestCase):
    def settings_for(self, **environment):
        import json
        import os
        import subprocess
        import sys

        code = (
            "import json, django; django.setup(); from django.conf import settings; "
            "database = settings.DATABASES['default']; "
            "print(json.dumps({**database.get('OPTIONS', {}), 'ENGINE': database['ENGINE'], "
            "'ANSWER_TIMEOUT': database.get('ANSWER_TIMEOUT')}))"
        )
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ottawa.settings", "DJANGO_READ_DOT_ENV": "false", **environment}
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        return json.loads(result.stdout)

    def test_timeouts_come_from_the_environment(self):
        bounds = {"DATABASE_CONNECT_TIMEOUT": "2", "DATABASE_STATEMENT_TIMEOUT": "7"}
        postgres = self.settings_for(DATABASE_URL="postgres://u@db.example:5432/ottawa", **bounds)
        self.assertEqual(
            postgres,
            {
                "connect_timeout": 2,
                "options": "-c statement_timeout=7000",
                # the client's own bounds on a connection whose peer stops acknowledging or answering keepalives
                "keepalives": 1,
                "keepalives_idle": 3,
                "keepalives_interval": 1,
                "keepalives_count": 3,
                "tcp_user_timeout": 7000,
                # our backend: a server that accepts a query and never answers is given up one second after the
                # statement timeout
                "ENGINE": "core.db.postgresql",
                "ANSWER_TIMEOUT": 8,
            },
        )
        sqlite = self.settings_for(DATABASE_URL="sqlite:////tmp/ottawa-bounds.sqlite3", **bounds)
        # a writer waits for another's lock at least ten seconds: SQLite is a file, it does not stall like a server
        self.assertEqual(sqlite, {"timeout": 10, "ENGINE": "django.db.backends.sqlite3", "ANSWER_TIMEOUT": None})
        slow = self.settings_for(DATABASE_URL="sqlite:////tmp/ottawa-bounds.sqlite3", DATABASE_STATEMENT_TIMEOUT="30")
        self.assertEqual(slow["timeout"], 30)
