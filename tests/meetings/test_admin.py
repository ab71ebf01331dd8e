from django.test import TestCase
from django.urls import reverse

from core.models import PublicationStatus
from meetings import services
from meetings.models import Meeting
from tests.treaty.factories import StateFactory
from tests.utils import admin_form_data, staff_user
from timeline.models import Event

from .factories import MeetingFactory, MeetingSourceFactory


def url(view, *args):
    return reverse(f"admin:meetings_meeting_{view}", args=args)


class AdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.switzerland = StateFactory(name="Switzerland", iso2="CH", iso3="CHE")
        cls.belgium = StateFactory(name="Belgium", iso2="BE", iso3="BEL")
        cls.meeting = MeetingFactory(number=4, code="4MSP", country=cls.switzerland, presidency=cls.belgium)
        MeetingSourceFactory(meeting=cls.meeting, url="https://press.un.org/x")
        services.sync_event(meeting=cls.meeting)
        cls.draft = MeetingFactory(number=5, code="5MSP", city="Bangkok", draft=True)
        services.sync_event(meeting=cls.draft)
        cls.editor = staff_user("editor", "Editors")
        cls.contributor = staff_user("contributor", "Contributors")


class MeetingAdminTests(AdminTestCase):
    def setUp(self):
        self.client.force_login(self.editor)

    def test_changelist_search_filters_add_change_and_history_pages(self):
        for address, query in (
            (url("changelist"), {}),
            (url("changelist"), {"q": "4msp"}),
            (url("changelist"), {"q": "Lint"}),
            (url("changelist"), {"kind__exact": "rc", "year": "2002"}),
            (url("changelist"), {"year": "99999999999"}),
            (url("add"), {}),
            (url("change", self.meeting.pk), {}),
            (url("history", self.meeting.pk), {}),
        ):
            with self.subTest(address, **query):
                self.assertEqual(self.client.get(address, query).status_code, 200)
        found = self.client.get(url("changelist"), {"q": "Geneva", "year": "2002"}).context["cl"].result_list
        self.assertEqual(list(found), [self.meeting])

    def test_anonymous_visitors_are_sent_to_log_in(self):
        self.client.logout()
        self.assertIn(reverse("admin:login"), self.client.get(url("changelist"))["Location"])

    def test_saving_a_meeting_brings_its_event_in_step_with_the_same_change(self):
        page = self.client.get(url("change", self.meeting.pk))
        data = admin_form_data(page, city="Genève", outcome="A new outcome.", country=self.switzerland.pk)
        data["presidency"] = self.belgium.pk
        response = self.client.post(url("change", self.meeting.pk), data)
        self.assertEqual(response.status_code, 302, response.context and response.context["adminform"].form.errors)
        event = Event.objects.get(pk=self.meeting.event_id)
        self.assertEqual(event.title, "Fourth Meeting of the States Parties (4MSP), Genève")
        self.assertEqual((event.summary, event.location), ("A new outcome.", "Genève, Switzerland"))
        self.assertEqual(Event.objects.count(), 2)

    def test_an_editor_publishes_and_the_event_follows(self):
        self.client.post(url("changelist"), {"action": "publish_now", "_selected_action": [self.draft.pk]})
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.status, PublicationStatus.PUBLISHED)
        self.assertEqual(self.draft.event.status, PublicationStatus.PUBLISHED)
        self.assertEqual(self.draft.event.publish_at, self.draft.publish_at)

        self.client.post(url("changelist"), {"action": "unpublish", "_selected_action": [self.draft.pk]})
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.event.status, PublicationStatus.DRAFT)

    def test_the_timeline_admin_shows_a_meetings_event_fields_read_only(self):
        response = self.client.get(reverse("admin:timeline_event_change", args=[self.meeting.event_id]))
        form = response.context["adminform"].form
        for name in ("title", "date", "end_date", "location", "summary", "status"):
            self.assertNotIn(name, form.fields)
        self.assertIn("body_en", form.fields)  # the event's own text stays the editors'
        self.assertContains(response, "change them there")

    def test_adding_a_meeting_makes_its_event(self):
        page = self.client.get(url("add"))
        data = admin_form_data(
            page,
            code="6RC",
            kind="rc",
            number="6",
            start_date="2029-11-26",
            end_date="2029-11-30",
            city="Geneva",
            country=self.switzerland.pk,
            status="published",
        )
        data.update({"sources-TOTAL_FORMS": "1", "sources-0-url": "https://example.org/6rc", "sources-0-position": "0"})
        response = self.client.post(url("add"), data)
        errors = response.context and (response.context["adminform"].form.errors, response.context["errors"])
        self.assertEqual(response.status_code, 302, errors)
        meeting = Meeting.objects.get(code="6RC")
        self.assertEqual(meeting.event.title, "Sixth Review Conference (6RC), Geneva")
        self.assertEqual(meeting.sources.get().url, "https://example.org/6rc")


class ContributorTests(AdminTestCase):
    def setUp(self):
        self.client.force_login(self.contributor)

    def test_a_contributor_cannot_publish(self):
        page = self.client.get(url("change", self.draft.pk))
        self.assertNotIn("status", page.context["adminform"].form.fields)
        self.assertIsNone(self.client.get(url("changelist")).context["action_form"])
        self.client.post(url("changelist"), {"action": "publish_now", "_selected_action": [self.draft.pk]})
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.status, PublicationStatus.DRAFT)

    def test_a_contributor_edits_a_draft_but_not_a_published_meeting(self):
        page = self.client.get(url("change", self.draft.pk))
        response = self.client.post(url("change", self.draft.pk), admin_form_data(page, outcome="Drafted."))
        self.assertEqual(response.status_code, 302)
        self.draft.refresh_from_db()
        self.assertEqual((self.draft.outcome, self.draft.status), ("Drafted.", PublicationStatus.DRAFT))
        self.assertEqual(self.draft.event.summary, "Drafted.")
        self.assertEqual(self.draft.event.status, PublicationStatus.DRAFT)

        page = self.client.get(url("change", self.meeting.pk))
        self.assertFalse(page.context["has_change_permission"])


class RevertTests(AdminTestCase):
    def test_restoring_an_old_version_brings_the_event_back_in_step(self):
        self.client.force_login(self.editor)
        original = self.meeting.history.earliest()
        page = self.client.get(url("change", self.meeting.pk))
        self.client.post(url("change", self.meeting.pk), admin_form_data(page, outcome="Changed."))
        self.assertEqual(Event.objects.get(pk=self.meeting.event_id).summary, "Changed.")

        address = reverse("admin:meetings_meeting_simple_history", args=[self.meeting.pk, original.history_id])
        page = self.client.get(address)
        response = self.client.post(address, admin_form_data(page))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Event.objects.get(pk=self.meeting.event_id).summary, "Stressed the approaching deadlines.")
