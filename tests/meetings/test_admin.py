from django.test import TestCase
from django.urls import reverse

from core.models import PublicationStatus
from meetings import services
from meetings.models import Meeting
from tests.exports.utils import AdminImportMixin
from tests.timeline.factories import EventFactory
from tests.treaty.factories import StateFactory
from tests.utils import admin_form_data, staff_user
from timeline import mirrors
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
        for name in ("date", "end_date", "location", "summary", "status"):
            self.assertNotIn(name, form.fields)
        self.assertTrue(form.fields["title_en"].disabled)  # shown in the form (the slug is filled from it), not taken
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


class TimelineAdminTests(AdminTestCase):
    """A meeting's event in the timeline's admin: the meeting's fields read-only, its publication left to the
    meeting, its deletion refused (`timeline.mirrors`, registered by the meetings app)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plain = EventFactory(title="ICBL launched", draft=True)

    def setUp(self):
        self.client.force_login(self.editor)

    def event_url(self, view, *args):
        return reverse(f"admin:timeline_event_{view}", args=args)

    def test_the_registry_answers_for_meetings_events_only(self):
        self.assertEqual(mirrors.relations(), ["meeting"])
        found = mirrors.mirrored_from(Event.objects.get(pk=self.meeting.event_id))
        self.assertEqual((found.record, found.label), (self.meeting, "meeting 4MSP"))
        self.assertIsNone(mirrors.mirrored_from(self.plain))
        self.assertIsNone(mirrors.mirrored_from(Event()))

    def test_the_change_page_links_to_the_meeting_and_a_post_cannot_change_its_fields(self):
        page = self.client.get(self.event_url("change", self.meeting.event_id))
        self.assertContains(
            page, f'<a href="{url("change", self.meeting.pk)}">Edit on the meeting 4MSP</a>', html=False
        )
        self.assertNotIn("category", page.context["adminform"].form.fields)
        data = admin_form_data(page, body="What the meeting was like.")
        data.update({"title": "Something else", "status": "draft", "date": "2020-01-01"})
        response = self.client.post(self.event_url("change", self.meeting.event_id), data)
        self.assertEqual(response.status_code, 302, response.context and response.context["adminform"].form.errors)
        event = Event.objects.get(pk=self.meeting.event_id)
        self.assertEqual(event.body, "What the meeting was like.")
        self.assertEqual(event.title, "Fourth Meeting of the States Parties (4MSP), Geneva")
        self.assertEqual(event.status, PublicationStatus.PUBLISHED)

    def test_restoring_an_old_version_of_the_event_keeps_what_the_meeting_says(self):
        event = Event.objects.get(pk=self.meeting.event_id)
        Event.objects.filter(pk=event.pk).update(title="An old title")  # a version the meeting has since corrected
        event.refresh_from_db()
        event._change_reason = "Test"
        event.save()
        old = event.history.latest()
        services.sync_event(meeting=Meeting.objects.get(pk=self.meeting.pk))
        address = reverse("admin:timeline_event_simple_history", args=[event.pk, old.history_id])
        response = self.client.post(address, admin_form_data(self.client.get(address)))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Event.objects.get(pk=event.pk).title, "Fourth Meeting of the States Parties (4MSP), Geneva")

    def test_the_publication_actions_leave_a_meetings_event_to_the_meeting_and_say_so(self):
        draft_event = self.draft.event_id
        selected = [draft_event, self.plain.pk]
        response = self.client.post(
            self.event_url("changelist"), {"action": "publish_now", "_selected_action": selected}, follow=True
        )
        self.assertEqual(Event.objects.get(pk=draft_event).status, PublicationStatus.DRAFT)
        self.assertEqual(Event.objects.get(pk=self.plain.pk).status, PublicationStatus.PUBLISHED)
        self.assertContains(response, "Their publication follows their meeting")
        self.assertContains(response, url("change", self.draft.pk))

        response = self.client.post(
            self.event_url("changelist"),
            {"action": "unpublish", "_selected_action": [self.meeting.event_id]},
            follow=True,
        )
        self.assertEqual(Event.objects.get(pk=self.meeting.event_id).status, PublicationStatus.PUBLISHED)
        self.assertContains(response, "Not changed here")

        page = self.client.post(
            self.event_url("changelist"), {"action": "schedule_publication", "_selected_action": selected}
        )
        self.assertEqual([event.pk for event in page.context["queryset"]], [self.plain.pk])

    def test_a_meetings_event_is_not_deleted_here(self):
        page = self.client.get(self.event_url("delete", self.meeting.event_id))
        self.assertContains(page, "delete the meeting instead")
        self.assertContains(page, url("change", self.meeting.pk))
        self.client.post(self.event_url("delete", self.meeting.event_id), {"post": "yes"})
        self.assertTrue(Event.objects.filter(pk=self.meeting.event_id).exists())
        self.client.post(
            self.event_url("changelist"),
            {"action": "delete_selected", "_selected_action": [self.meeting.event_id], "post": "yes"},
        )
        self.assertTrue(Event.objects.filter(pk=self.meeting.event_id).exists())


class TimelineImportTests(AdminImportMixin, AdminTestCase):
    def setUp(self):
        self.client.force_login(self.editor)

    def rows(self, **changes):
        event = Event.objects.get(pk=self.meeting.event_id)
        header = ["id", "slug", "title", "date", "date_precision", "category", "summary", "status", "body"]
        values = {
            "id": event.pk,
            "slug": event.slug,
            "title": event.title,
            "date": event.date.isoformat(),
            "date_precision": event.date_precision,
            "category": event.category.slug,
            "summary": event.summary,
            "status": event.status,
            "body": event.body,
            **changes,
        }
        return (",".join(header) + "\n" + ",".join(f'"{values[name]}"' for name in header) + "\n").encode()

    def test_an_import_may_not_change_what_the_meeting_writes(self):
        preview = self.upload(Event, self.rows(title="Another title", status="draft"), "events.csv")
        (errors,) = self.errors(preview).values()
        self.assertIn("This event follows the meeting 4MSP: change its status, title on the meeting.", str(errors))
        self.assertEqual(Event.objects.get(pk=self.meeting.event_id).status, PublicationStatus.PUBLISHED)

    def test_an_import_may_change_the_events_own_text(self):
        preview = self.upload(Event, self.rows(body="Its own words."), "events.csv")
        self.assertEqual(self.errors(preview), {})
        self.confirm(Event, preview)
        self.assertEqual(Event.objects.get(pk=self.meeting.event_id).body, "Its own words.")
