"""A Contributor's import, through the admin as they use it (upload, preview, confirm), creates and changes drafts
only: a row that would publish, schedule, unpublish, feature or change what is public is an error, and nothing of
the file is saved."""

import csv
import io
from datetime import UTC, date, datetime

import time_machine
from django.test import TestCase

from core.models import PublicationStatus
from tests.exports.utils import AdminImportMixin
from tests.timeline.factories import CategoryFactory, EventFactory
from tests.utils import staff_user
from timeline.models import Event

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
HEADER = ["id", "slug", "title", "date", "date_precision", "category", "summary", "featured", "status", "publish_at"]


def csv_file(rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode()


def row(event=None, **changes):
    values = {
        "id": event.pk if event else "",
        "slug": event.slug if event else "new-event",
        "title": event.title if event else "New event",
        "date": (event.date if event else date(2000, 1, 1)).isoformat(),
        "date_precision": event.date_precision if event else "day",
        "category": event.category.slug if event else "conference",
        "summary": event.summary if event else "A summary.",
        "featured": ("yes" if event.featured else "") if event else "",
        "status": event.status if event else "draft",
        "publish_at": event.publish_at.isoformat() if event and event.publish_at else "",
    }
    values.update(changes)
    return [values[column] for column in HEADER]


@time_machine.travel(NOW, tick=False)
class ContributorImportTests(AdminImportMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.contributor = staff_user("contributor", "Contributors")
        cls.editor = staff_user("editor", "Editors")
        cls.category = CategoryFactory(slug="conference")
        cls.draft = EventFactory(title="A draft", slug="a-draft", category=cls.category, draft=True)
        cls.published = EventFactory(title="Public", slug="public", category=cls.category)
        cls.scheduled = EventFactory(
            title="Soon", slug="soon", category=cls.category, publish_at=datetime(2026, 12, 3, 9, tzinfo=UTC)
        )

    def setUp(self):
        self.client.force_login(self.contributor)

    def state(self):
        return sorted(Event.objects.values_list("slug", "title", "status", "publish_at", "featured"))

    def assert_refused(self, rows, reason):
        before = self.state()
        preview = self.upload(Event, csv_file(rows), "events.csv")
        errors = [message for messages in self.errors(preview).values() for message in messages]
        self.assertTrue(any(reason in message for message in errors), errors)
        self.assertIsNone(preview.context.get("confirm_form"), "a file with errors offers no confirmation")
        self.assertEqual(self.state(), before)

    def test_a_contributor_adds_and_changes_drafts(self):
        preview = self.upload(Event, csv_file([row(), row(self.draft, summary="Rewritten.")]), "events.csv")
        self.assertEqual(self.errors(preview), {})
        self.confirm(Event, preview)
        self.assertEqual(Event.objects.get(slug="new-event").status, PublicationStatus.DRAFT)
        self.assertEqual(Event.objects.get(pk=self.draft.pk).summary, "Rewritten.")

    def test_unchanged_published_rows_are_no_error(self):
        """The export of every event, imported back with a draft changed: the public rows are merely unchanged."""
        preview = self.upload(Event, csv_file([row(self.published), row(self.scheduled), row(self.draft)]), "e.csv")
        self.assertEqual(self.errors(preview), {})

    def test_a_new_published_event_is_refused(self):
        self.assert_refused([row(status="published")], "Only an editor can publish")

    def test_publishing_a_draft_is_refused(self):
        self.assert_refused([row(self.draft, status="published")], "Only an editor can publish")

    def test_scheduling_is_refused(self):
        self.assert_refused([row(self.draft, publish_at="2027-01-01T09:00:00+00:00")], "Only an editor can schedule")
        self.assert_refused([row(publish_at="2027-01-01T09:00:00+00:00")], "Only an editor can schedule")

    def test_featuring_is_refused(self):
        self.assert_refused([row(self.draft, featured="yes")], "Only an editor can change “featured”")

    def test_unpublishing_is_refused(self):
        self.assert_refused([row(self.published, status="draft")], "only an editor can change it")

    def test_changing_a_published_or_scheduled_event_is_refused(self):
        self.assert_refused([row(self.published, summary="Changed live.")], "only an editor can change it")
        self.assert_refused([row(self.scheduled, title="Changed before it goes out")], "only an editor can change it")

    def test_one_refused_row_saves_nothing_of_the_file(self):
        self.assert_refused(
            [row(self.draft, summary="Would be fine."), row(self.published, summary="Changed live.")],
            "only an editor can change it",
        )
        self.assertNotEqual(Event.objects.get(pk=self.draft.pk).summary, "Would be fine.")

    def test_a_confirmation_forged_from_an_editors_preview_saves_nothing(self):
        """The confirmation runs the same checks: a Contributor posting a confirmation of a file that publishes
        (as an editor's preview of it would allow) is refused and nothing is saved."""
        self.client.force_login(self.editor)
        preview = self.upload(Event, csv_file([row(self.draft, status="published")]), "events.csv")
        form = preview.context["confirm_form"]
        self.client.force_login(self.contributor)
        from tests.exports.utils import import_url

        self.client.post(import_url(Event, "process_import"), form.initial, follow=True)
        self.assertEqual(Event.objects.get(pk=self.draft.pk).status, PublicationStatus.DRAFT)

    def test_an_editor_may_publish_by_import(self):
        self.client.force_login(self.editor)
        preview = self.upload(Event, csv_file([row(self.draft, status="published", featured="yes")]), "events.csv")
        self.assertEqual(self.errors(preview), {})
        self.confirm(Event, preview)
        self.assertEqual(Event.objects.get(pk=self.draft.pk).status, PublicationStatus.PUBLISHED)
