from datetime import date

import time_machine
from django.conf import settings
from django.test import TestCase
from django.urls import reverse

from exports import datasets
from exports.models import ExportLog
from treaty import seed
from treaty.models import State

from .utils import body, exporter, make_user, parse_csv

TODAY = date(2026, 11, 27)
FORMATS = ["csv", "xlsx", "json"]


def export_urls():
    """Every export address: the page, then each dataset in each format."""
    yield reverse("exports:index")
    for name in datasets.REGISTRY:
        for export_format in FORMATS:
            yield f"{reverse('exports:download', args=[name])}?format={export_format}"


@time_machine.travel(TODAY)
class PermissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()
        cls.staff = make_user("staff")  # signed in, staff, but without the export permission
        cls.exporter = exporter()

    def test_anonymous_visitors_are_sent_to_sign_in(self):
        login = reverse(settings.LOGIN_URL)
        for url in export_urls():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith(f"{login}?next="))
        self.assertFalse(ExportLog.objects.exists())

    def test_staff_without_the_permission_get_403(self):
        self.client.force_login(self.staff)
        for url in export_urls():
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 403)
        self.assertFalse(ExportLog.objects.exists())

    def test_the_permission_opens_every_export_and_nothing_is_cached(self):
        self.client.force_login(self.exporter)
        for url in export_urls():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                body(response)
                cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
                self.assertLessEqual({"private", "no-store"}, cache_control)
                self.assertNotIn("X-Ottawa-Cache", response)

    def test_superusers_have_the_permission(self):
        self.client.force_login(make_user("admin", superuser=True))
        self.assertEqual(self.client.get(reverse("exports:index")).status_code, 200)

    def test_only_get(self):
        self.client.force_login(self.exporter)
        self.assertEqual(self.client.post(reverse("exports:index")).status_code, 405)
        self.assertEqual(self.client.post(reverse("exports:download", args=["states"])).status_code, 405)


@time_machine.travel(TODAY)
class PageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()
        cls.exporter = exporter()

    def setUp(self):
        self.client.force_login(self.exporter)

    def test_page_offers_each_dataset_with_its_filters_and_formats(self):
        response = self.client.get(reverse("exports:index"))
        for dataset in datasets.REGISTRY.values():
            self.assertContains(response, f'action="{reverse("exports:download", args=[dataset.name])}"')
            self.assertContains(response, dataset.title)
        for label in ("CSV", "Excel (XLSX)", "JSON"):
            self.assertContains(response, label)
        for field in ('name="as_of"', 'name="region"', 'name="instrument"', 'name="category"', 'name="era"'):
            self.assertContains(response, field)
        self.assertContains(response, 'id="id_events_from"')
        self.assertContains(response, 'id="id_treaty-history_from"')

    def test_bad_filters_are_explained_with_a_400_and_not_logged(self):
        url = reverse("exports:download", args=["states"])
        cases = {
            "as_of=31/12/2017": "Give the date as YYYY-MM-DD",
            "as_of=1990-01-01": "Choose a date between 3 December 1997",
            "region=atlantis": "Unknown region",
            "status=unknown": "Unknown status",
            "format=pdf": "Choose CSV, XLSX or JSON.",
        }
        for query, message in cases.items():
            with self.subTest(query=query):
                self.assertContains(self.client.get(f"{url}?{query}"), message, status_code=400)
        response = self.client.get(reverse("exports:download", args=["events"]), {"from": "1999", "to": "1990"})
        self.assertContains(response, "swap them", status_code=400)
        response = self.client.get(reverse("exports:download", args=["treaty-history"]), {"state": "XXX"})
        self.assertContains(response, "No State has the ISO code &#x27;XXX&#x27;.", status_code=400)
        self.assertFalse(ExportLog.objects.exists())

    def test_unknown_dataset_is_a_404(self):
        self.assertEqual(self.client.get(reverse("exports:download", args=["unicorns"])).status_code, 404)

    def test_file_names_carry_the_dataset_and_the_date(self):
        cases = {
            ("states", "csv", ""): "states-as-of-2026-11-27.csv",
            ("states", "xlsx", "as_of=2017-12-03"): "states-as-of-2017-12-03.xlsx",
            ("events", "json", ""): "events-2026-11-27.json",
            ("treaty-history", "csv", ""): "treaty-history-2026-11-27.csv",
        }
        for (name, export_format, query), filename in cases.items():
            with self.subTest(filename=filename):
                url = f"{reverse('exports:download', args=[name])}?format={export_format}&{query}"
                response = self.client.get(url)
                self.assertEqual(response["Content-Disposition"], f'attachment; filename="{filename}"')

    def test_content_types(self):
        url = reverse("exports:download", args=["states"])
        expected = {
            "csv": "text/csv; charset=utf-8",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "json": "application/json; charset=utf-8",
        }
        for export_format, content_type in expected.items():
            with self.subTest(export_format=export_format):
                self.assertEqual(self.client.get(url, {"format": export_format})["Content-Type"], content_type)

    def test_csv_is_the_default_format_and_streams(self):
        response = self.client.get(reverse("exports:download", args=["states"]))
        self.assertTrue(response.streaming)
        self.assertEqual(len(parse_csv(body(response))), 197)


@time_machine.travel(TODAY)
class ExportLogTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()
        cls.exporter = exporter()

    def test_each_export_is_logged_with_who_when_what_filters_and_rows(self):
        self.client.force_login(self.exporter)
        query = {"format": "xlsx", "as_of": "2017-12-03", "status": "parties", "region": "europe"}
        body(self.client.get(reverse("exports:download", args=["states"]), query))

        log = ExportLog.objects.get()
        self.assertEqual((log.user, log.username), (self.exporter, "exporter"))
        self.assertEqual((log.dataset, log.format, log.source), ("states", "xlsx", "page"))
        self.assertEqual(log.filters_dict, {"as_of": "2017-12-03", "status": "parties", "region": "europe"})
        self.assertEqual(log.created_at.date(), TODAY)
        europe = State.objects.parties(as_of=date(2017, 12, 3)).filter(region="europe").count()
        self.assertEqual(log.row_count, europe)

    def test_the_row_count_is_written_when_the_last_row_is_sent(self):
        self.client.force_login(self.exporter)
        response = self.client.get(reverse("exports:download", args=["states"]), {"format": "csv"})
        log = ExportLog.objects.get()
        self.assertIsNone(log.row_count)  # started, nothing sent yet
        body(response)
        log.refresh_from_db()
        self.assertEqual(log.row_count, 197)


class AdminIndexLinkTests(TestCase):
    def test_the_admin_index_links_to_the_exports_page_for_those_who_may_export(self):
        exports_link = f'href="{reverse("exports:index")}"'
        self.client.force_login(exporter())
        self.assertContains(self.client.get(reverse("admin:index")), exports_link)
        self.client.force_login(make_user("staff"))
        self.assertNotContains(self.client.get(reverse("admin:index")), exports_link)
