import re
from datetime import date
from unittest import mock

import time_machine
from django.db import OperationalError, connection
from django.templatetags.static import static
from django.test import TestCase, override_settings
from django.urls import path, reverse

from ottawa.urls import urlpatterns as site_urlpatterns
from tests.utils import whole_sitemap


def broken_view(request):
    raise RuntimeError("boom: secret internals")


# The site's own URLs (the page chrome links to them) plus one view that fails.
urlpatterns = [path("broken/", broken_view), *site_urlpatterns]


class HomePageTests(TestCase):
    def test_home_has_landmarks_and_skip_link(self):
        response = self.client.get(reverse("pages:home"))

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<html lang="en">')
        self.assertContains(response, '<a class="skip-link" href="#main">Skip to main content</a>', html=True)
        for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
            self.assertContains(response, landmark)

    def test_the_main_navigation_marks_the_current_section(self):
        from treaty import seed

        seed.load()
        for url, current in (
            (reverse("pages:home"), "Home"),
            (reverse("treaty:state-detail", args=["fra"]), "States"),  # any page of the section
            (reverse("timeline:anniversary-list"), "Anniversaries"),
            ("/no-such-page/", None),
        ):
            with self.subTest(url=url):
                html = self.client.get(url).content.decode()
                navigation = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
                marked = re.findall(r'<a href="[^"]+" aria-current="page">([^<]+)</a>', navigation)
                self.assertEqual(marked, [current] if current else [])
                self.assertIn('<a href="/states/"', navigation)

    def test_home_rejects_post(self):
        self.assertEqual(self.client.post(reverse("pages:home")).status_code, 405)

    def test_security_headers_are_sent(self):
        response = self.client.get(reverse("pages:home"))

        csp = response.headers["Content-Security-Policy"]
        self.assertIn("default-src 'self'", csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertEqual(response.headers["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response.headers["X-Frame-Options"], "DENY")
        self.assertEqual(response.headers["Referrer-Policy"], "strict-origin-when-cross-origin")
        self.assertEqual(response.headers["Cross-Origin-Opener-Policy"], "same-origin")
        self.assertIn("camera=()", response.headers["Permissions-Policy"])
        self.assertIn("geolocation=()", response.headers["Permissions-Policy"])


class HealthzTests(TestCase):
    def test_ok_when_database_answers(self):
        response = self.client.get(reverse("pages:healthz"))

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok", "database": "ok", "cache": "ok"})
        self.assertIn("no-cache", response.headers["Cache-Control"])

    def test_503_with_reason_when_database_is_down(self):
        with (
            mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")),
            self.assertLogs("core.health", level="ERROR"),
        ):
            response = self.client.get(reverse("pages:healthz"))

        self.assertEqual(response.status_code, 503)
        body = response.json()
        self.assertEqual(body["status"], "error")
        self.assertEqual(body["database"], "unavailable")
        self.assertTrue(body["reason"])
        self.assertNotIn("connection refused", response.content.decode())


class ErrorPageTests(TestCase):
    def test_404_keeps_the_chrome(self):
        response = self.client.get("/no-such-page/")

        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "<h1>Page not found</h1>", status_code=404, html=True)
        self.assertContains(response, 'class="site-header"', status_code=404)
        self.assertContains(response, "Skip to main content", status_code=404)

    @override_settings(ROOT_URLCONF=__name__)
    def test_500_leaks_nothing_and_needs_no_database(self):
        self.client.raise_request_exception = False
        with (
            mock.patch.object(connection, "cursor", side_effect=OperationalError("db down")),
            self.assertLogs("django.request", level="ERROR"),
        ):
            response = self.client.get("/broken/")

        self.assertEqual(response.status_code, 500)
        self.assertContains(response, "Something went wrong", status_code=500)
        self.assertContains(response, 'class="site-header"', status_code=500)
        # Rendered without the request's context processors, the page still has its stylesheet and icon.
        self.assertContains(response, f'<link rel="stylesheet" href="{static("css/site.css")}">', status_code=500)
        self.assertContains(response, f'<link rel="icon" href="{static("img/favicon.svg")}"', status_code=500)
        self.assertNotContains(response, "boom", status_code=500)
        self.assertNotContains(response, "Traceback", status_code=500)


class HomeFiguresTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from treaty import seed

        seed.load()

    def test_headline_figures_come_from_the_data(self):
        import time_machine

        with time_machine.travel("2026-11-27"):
            response = self.client.get(reverse("pages:home"))
        self.assertContains(
            response, '<span class="number">161</span> <span class="label">States Parties</span>', html=True
        )
        self.assertContains(
            response, '<span class="number">5</span> <span class="label">withdrawals in effect</span>', html=True
        )

        with time_machine.travel("2017-12-03"):
            response = self.client.get(reverse("pages:home"))
        self.assertContains(
            response, '<span class="number">162</span> <span class="label">States Parties</span>', html=True
        )


class HomeContentTests(TestCase):
    """The home page: headline figures, the next anniversary, key moments and the latest events, from the data."""

    @classmethod
    def setUpTestData(cls):
        from tests.timeline.factories import AnniversaryFactory, EventFactory
        from treaty import seed

        seed.load()
        cls.key = EventFactory(title="Ottawa signing conference", date=date(1997, 12, 3), featured=True)
        cls.latest = EventFactory(title="Poland's withdrawal takes effect", date=date(2026, 2, 20))
        cls.hidden = EventFactory(title="A draft", date=date(2026, 3, 1), featured=True, draft=True)
        AnniversaryFactory(years=30, title="Thirty years", draft=True)

    @time_machine.travel("2026-11-27")
    def test_figures_next_anniversary_and_events(self):
        response = self.client.get(reverse("pages:home"))

        for number, label in (
            (161, "States Parties"),
            (161, "States bound by the ban"),
            (0, "signatories yet to ratify"),
        ):
            self.assertContains(
                response, f'<span class="number">{number}</span> <span class="label">{label}</span>', html=True
            )
        self.assertContains(response, "The Convention turns 30 on")
        self.assertContains(response, '<strong class="days-left">371 days to go</strong>', html=True)
        self.assertEqual(list(response.context["featured_events"]), [self.key])
        self.assertEqual(list(response.context["recent_events"]), [self.latest, self.key])
        self.assertContains(response, "Key moment")
        self.assertNotContains(response, "A draft")

    @time_machine.travel("2025-12-26")
    def test_withdrawals_notified_but_not_yet_in_effect_are_counted_apart(self):
        response = self.client.get(reverse("pages:home"))
        self.assertContains(
            response,
            '<span class="number">5</span> <span class="label">withdrawals notified, not yet in effect</span>',
            html=True,
        )

    @time_machine.travel("2026-11-27")
    def test_query_count_is_fixed(self):
        from tests.utils import page_queries

        # figures; the next anniversary with a page; key moments; latest events.
        with page_queries(self, 4):
            self.client.get(reverse("pages:home"))


class SitemapTests(TestCase):
    def test_public_pages_are_listed_and_drafts_are_not(self):
        from tests.timeline.factories import AnniversaryFactory, EventFactory

        EventFactory(title="Published event")
        EventFactory(title="Draft event", draft=True)
        AnniversaryFactory(years=20)
        AnniversaryFactory(years=30, draft=True)

        sitemap = whole_sitemap(self.client)

        for page in (
            "/",
            "/states/",
            "/timeline/",
            "/anniversaries/",
            "/timeline/published-event/",
            "/anniversaries/20/",
        ):
            self.assertIn(f"<loc>http://testserver{page}</loc>", sitemap)
        self.assertNotIn("draft-event", sitemap)
        self.assertNotIn("/anniversaries/30/", sitemap)
