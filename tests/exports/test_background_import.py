"""A file larger than IMPORT_SYNC_ROWS: previewed and applied by the tasks worker, with a status page in between."""

import csv
import io
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase, override_settings

from exports.models import ImportJob
from tests.exports.utils import import_url, make_user
from tests.timeline.factories import CategoryFactory
from timeline.models import Event

HEADER = ["id", "slug", "title", "date", "date_precision", "category", "summary", "status"]


def events_csv(count, *, bad_row=None):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for number in range(count):
        day = "31/12/2017" if number == bad_row else f"{1991 + number % 30}-01-{1 + number % 28:02d}"
        writer.writerow(["", f"event-{number}", f"Event {number}", day, "day", "conference", "A summary.", "draft"])
    return out.getvalue().encode()


def run_worker():
    """The worker of `make run`, until the queue is empty. It closes "old" connections between tasks, which in a
    TestCase (one open transaction) would close the test's own: that one step is left out."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


@override_settings(IMPORT_SYNC_ROWS=5)
class BackgroundImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("editor", superuser=True)
        CategoryFactory(name="Conference", slug="conference")

    def setUp(self):
        self.client.force_login(self.editor)

    def test_a_large_file_is_previewed_then_applied_by_the_worker(self):
        upload = SimpleUploadedFile("events.csv", events_csv(12))
        response = self.client.post(import_url(Event), {"resource": "0", "format": "0", "import_file": upload})
        job = ImportJob.objects.get()
        self.assertRedirects(response, job_url(job))

        page = self.client.get(job_url(job))
        self.assertContains(page, "Queued")
        self.assertContains(page, '<meta http-equiv="refresh" content="2">', html=False)
        self.assertFalse(Event.objects.exists())

        run_worker()
        page = self.client.get(job_url(job))
        self.assertContains(page, "Preview — nothing has been saved yet")
        self.assertContains(page, "12 new, 0 updated, 0 unchanged, 0 with errors")
        self.assertNotContains(page, 'http-equiv="refresh"')
        self.assertFalse(Event.objects.exists(), "the preview saves nothing")

        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(job_url(job), {"confirm": "Confirm import"})
        self.assertRedirects(response, job_url(job))
        self.assertContains(self.client.get(job_url(job)), "Queued")
        run_worker()

        page = self.client.get(job_url(job))
        self.assertContains(page, "Done. Imported: 12 new, 0 updated, 0 unchanged.")
        self.assertEqual(Event.objects.count(), 12)
        event = Event.objects.get(slug="event-3")
        self.assertEqual({version.history_user for version in event.history.all()}, {self.editor})

    def test_a_file_with_an_error_cannot_be_confirmed_and_says_which_row(self):
        upload = SimpleUploadedFile("events.csv", events_csv(8, bad_row=6))
        self.client.post(import_url(Event), {"resource": "0", "format": "0", "import_file": upload})
        job = ImportJob.objects.get()
        run_worker()

        page = self.client.get(job_url(job))
        self.assertContains(page, "This file cannot be imported: 1 row has errors.")
        self.assertContains(page, "Dates must be written YYYY-MM-DD (got &#x27;31/12/2017&#x27;).")
        self.assertNotContains(page, "Confirm import")
        self.client.post(job_url(job), {"confirm": "Confirm import"})
        run_worker()
        self.assertEqual(ImportJob.objects.get().status, ImportJob.Status.PREVIEWED)
        self.assertFalse(Event.objects.exists())

    def test_small_files_are_still_previewed_within_the_request(self):
        upload = SimpleUploadedFile("events.csv", events_csv(5))
        response = self.client.post(import_url(Event), {"resource": "0", "format": "0", "import_file": upload})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["preview_rows"]), 5)
        self.assertFalse(ImportJob.objects.exists())

    def test_another_editors_job_is_not_shown(self):
        upload = SimpleUploadedFile("events.csv", events_csv(8))
        self.client.post(import_url(Event), {"resource": "0", "format": "0", "import_file": upload})
        job = ImportJob.objects.get()
        other = make_user("other", permissions=["timeline.add_event", "timeline.change_event", "timeline.view_event"])
        self.client.force_login(other)
        self.assertEqual(self.client.get(job_url(job)).status_code, 404)


def job_url(job):
    from django.urls import reverse

    return reverse("admin:timeline_event_import_job", args=[job.pk])
