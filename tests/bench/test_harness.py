"""The benchmark harness's pieces that need no gunicorn and no wrk."""

from django.test import TestCase, override_settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from bench.urls import bare_view


class BareViewTests(TestCase):
    def test_the_bench_urlconf_serves_the_bare_view_and_the_site(self):
        self.assertIs(resolve("/__bench__/bare", urlconf="bench.urls").func, bare_view)
        self.assertEqual(resolve("/healthz", urlconf="bench.urls").view_name, "core:healthz")

    def test_the_public_site_has_no_bare_view(self):
        with self.assertRaises(Resolver404):
            resolve("/__bench__/bare", urlconf="ottawa.urls")
        with self.assertRaises(NoReverseMatch):
            reverse("bench-bare", urlconf="ottawa.urls")
        self.assertEqual(self.client.get("/__bench__/bare").status_code, 404)

    @override_settings(ROOT_URLCONF="bench.urls")
    def test_the_bare_view_answers_a_short_fixed_response(self):
        response = self.client.get("/__bench__/bare")

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"bare\n")
