"""Deleting meetings: the event a meeting made goes with it, one it took over stays (unlinked), all or nothing."""

from datetime import date

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.test import TestCase
from django.urls import reverse

from core.models import PublicationStatus
from meetings import services
from meetings.models import Meeting
from tests.obligations.factories import ClearanceExtensionFactory, ClearanceObligationFactory
from tests.timeline.factories import CategoryFactory, EventFactory, EventSourceFactory
from tests.treaty.factories import StateFactory
from tests.utils import staff_user
from timeline.models import Event

from .factories import MeetingFactory, MeetingSourceFactory


def admin_url(view, *args):
    return reverse(f"admin:meetings_meeting_{view}", args=args)


class DeletionTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.switzerland = StateFactory(name="Switzerland", iso2="CH", iso3="CHE")
        # 4MSP makes its event; 1MSP takes over the bundled one already on the timeline for its first day.
        cls.fourth = MeetingFactory(number=4, code="4MSP", country=cls.switzerland)
        MeetingSourceFactory(meeting=cls.fourth)
        services.sync_event(meeting=cls.fourth)
        cls.bundled = EventFactory(
            title="First Meeting of States Parties",
            slug="first-meeting-of-states-parties",
            date=date(1999, 5, 3),
            category=CategoryFactory(name="Meeting of States Parties", slug="meeting-of-states-parties"),
        )
        cls.first = MeetingFactory(
            number=1, code="1MSP", start_date=date(1999, 5, 3), end_date=date(1999, 5, 7), city="Maputo"
        )
        services.sync_event(meeting=cls.first)
        cls.editor = staff_user("editor", "Editors")
        # May delete meetings, not events.
        cls.clerk = staff_user("clerk")
        cls.clerk.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label="meetings",
                codename__in=["view_meeting", "change_meeting", "delete_meeting", "publish_meeting"],
            )
        )

    def setUp(self):
        self.fourth.refresh_from_db()
        self.first.refresh_from_db()


class ServiceTests(DeletionTestCase):
    def test_the_sync_tells_an_event_it_made_from_one_it_took_over(self):
        self.assertEqual(self.first.event_id, self.bundled.pk)
        self.assertTrue(services.made_by_meeting(self.fourth.event))
        self.assertFalse(services.made_by_meeting(self.first.event))

    def test_the_event_a_meeting_made_is_deleted_with_it_and_its_history_says_why(self):
        event_pk = self.fourth.event_id
        EventSourceFactory(event=self.fourth.event)
        deleted, kept = services.delete_meeting(meeting=self.fourth)
        self.assertEqual(
            ([event.title for event in deleted], kept), (["Fourth Meeting of the States Parties (4MSP), Geneva"], [])
        )
        self.assertFalse(Meeting.objects.filter(code="4MSP").exists())
        self.assertFalse(Event.objects.filter(pk=event_pk).exists())
        last = Event.history.filter(id=event_pk).latest()
        self.assertEqual((last.history_type, last.history_change_reason), ("-", "Deleted with the meeting 4MSP"))
        self.assertEqual(Meeting.history.filter(code="4MSP").latest().history_type, "-")

    def test_an_event_the_meeting_took_over_is_kept_unlinked_as_visitors_read_it(self):
        before = Event.objects.get(pk=self.bundled.pk)
        deleted, kept = services.delete_meeting(meeting=self.first)
        self.assertEqual((deleted, [event.pk for event in kept]), ([], [self.bundled.pk]))
        event = Event.objects.get(pk=self.bundled.pk)
        self.assertEqual((event.title, event.status), (before.title, PublicationStatus.PUBLISHED))
        self.assertFalse(hasattr(event, "meeting"))
        last = event.history.latest()
        self.assertEqual(
            last.history_change_reason, "Kept when the meeting 1MSP was deleted: no longer kept in step with it"
        )
        page = self.client.get(event.get_absolute_url())
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Maputo")
        self.assertNotContains(page, "About this meeting")
        self.assertNotContains(page, "/meetings/1msp/")

    def test_someone_who_may_not_delete_events_is_refused_and_nothing_is_written(self):
        with self.assertRaisesMessage(PermissionDenied, "you may not delete events. Nothing was deleted"):
            services.delete_meetings(meetings=[self.first, self.fourth], user=self.clerk)
        self.assertEqual(Meeting.objects.filter(code__in=["1MSP", "4MSP"]).count(), 2)
        self.assertTrue(Event.objects.filter(pk=self.fourth.event_id).exists())
        # A meeting whose event is kept needs no permission on events.
        services.delete_meetings(meetings=[self.first], user=self.clerk)
        self.assertFalse(Meeting.objects.filter(code="1MSP").exists())
        with self.assertRaises(PermissionDenied):
            services.delete_meeting(meeting=self.fourth, user=staff_user("viewer"))

    def test_a_meeting_that_obligations_records_name_is_not_deleted_and_the_message_names_them(self):
        extension = ClearanceExtensionFactory(meeting=self.fourth, sequence=1, obligation__state__name="Angola")
        completion = ClearanceObligationFactory(
            state__name="Chile", completed_on=date(2020, 1, 1), completed_precision="day", completion_meeting=self.first
        )
        message = (
            "The meeting 4MSP cannot be deleted: records name it and would lose it: clearance extension (Art. 5) "
            "“Angola: extension 1 (4MSP)” (its meeting). Make them name another meeting, or none, first. The meeting "
            "1MSP cannot be deleted: records name it and would lose it: clearance obligation (Art. 5) “Chile: mined "
            "areas (Art. 5)” (its completion meeting). Make them name another meeting, or none, first. Nothing was "
            "deleted."
        )
        with self.assertRaisesMessage(ProtectedError, message):
            services.delete_meetings(meetings=[self.fourth, self.first], user=self.editor)
        self.assertEqual(Meeting.objects.filter(code__in=["1MSP", "4MSP"]).count(), 2)
        self.assertTrue(Event.objects.filter(pk=self.fourth.event_id).exists())
        extension.refresh_from_db()
        completion.refresh_from_db()
        self.assertEqual((extension.meeting, completion.completion_meeting), (self.fourth, self.first))

    def test_the_database_keeps_a_named_meeting_too(self):
        ClearanceExtensionFactory(meeting=self.fourth)
        with self.assertRaises(ProtectedError):
            Meeting.objects.filter(pk=self.fourth.pk).delete()
        with self.assertRaises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM meetings_meeting WHERE id = %s", [self.fourth.pk])
            connection.check_constraints()
        self.assertTrue(Meeting.objects.filter(pk=self.fourth.pk).exists())

    def test_a_meeting_restored_from_its_history_gets_an_event_again(self):
        services.delete_meeting(meeting=self.fourth)
        restored = Meeting.history.filter(code="4MSP").latest().instance
        restored.save()
        event, outcome = services.sync_event(meeting=restored)
        self.assertEqual(outcome, "created")
        self.assertEqual(Meeting.objects.get(code="4MSP").event, event)

        services.delete_meeting(meeting=self.first)
        restored = Meeting.history.filter(code="1MSP").latest().instance
        restored.save()
        event, _ = services.sync_event(meeting=restored)
        self.assertEqual(event.pk, self.bundled.pk)  # taken over again, not doubled


class AdminTests(DeletionTestCase):
    def test_the_confirmation_page_lists_the_event_that_goes_and_deleting_deletes_both(self):
        self.client.force_login(self.editor)
        page = self.client.get(admin_url("delete", self.fourth.pk))
        self.assertContains(page, "Fourth Meeting of the States Parties (4MSP), Geneva")
        self.assertNotContains(page, "permission")
        event_pk = self.fourth.event_id
        response = self.client.post(admin_url("delete", self.fourth.pk), {"post": "yes"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Event.objects.filter(pk=event_pk).exists())
        self.assertEqual(Meeting.history.filter(code="4MSP").latest().history_change_reason, "Deleted in the admin")

    def test_an_editor_who_may_not_delete_events_is_told_before_and_refused(self):
        self.client.force_login(self.clerk)
        page = self.client.get(admin_url("delete", self.fourth.pk))
        self.assertContains(page, "have permission to delete the following types of objects")
        self.assertContains(page, "<li>event</li>", html=True)
        response = self.client.post(admin_url("delete", self.fourth.pk), {"post": "yes"})
        self.assertEqual(response.status_code, 403)
        self.assertTrue(Meeting.objects.filter(code="4MSP").exists())
        self.assertTrue(Event.objects.filter(pk=self.fourth.event_id).exists())

        selected = {"action": "delete_selected", "_selected_action": [self.fourth.pk, self.first.pk]}
        self.assertContains(
            self.client.post(admin_url("changelist"), selected), "have permission to delete the following types"
        )
        self.assertEqual(self.client.post(admin_url("changelist"), {**selected, "post": "yes"}).status_code, 403)
        self.assertEqual(Meeting.objects.filter(code__in=["1MSP", "4MSP"]).count(), 2)

    def test_the_bulk_action_deletes_the_meetings_and_says_which_event_stays(self):
        self.client.force_login(self.editor)
        selected = {"action": "delete_selected", "_selected_action": [self.fourth.pk, self.first.pk]}
        page = self.client.post(admin_url("changelist"), selected)
        self.assertContains(page, "Kept on the timeline, not deleted")
        self.assertContains(page, reverse("admin:timeline_event_change", args=[self.bundled.pk]))
        page = self.client.get(admin_url("delete", self.first.pk))
        self.assertContains(page, "Kept on the timeline, not deleted")
        self.assertNotContains(self.client.get(admin_url("delete", self.fourth.pk)), "Kept on the timeline")
        event_pk = self.fourth.event_id
        response = self.client.post(
            admin_url("changelist"),
            {"action": "delete_selected", "_selected_action": [self.fourth.pk, self.first.pk], "post": "yes"},
            follow=True,
        )
        self.assertFalse(Meeting.objects.filter(code__in=["1MSP", "4MSP"]).exists())
        self.assertFalse(Event.objects.filter(pk=event_pk).exists())
        self.assertTrue(Event.objects.filter(pk=self.bundled.pk, status=PublicationStatus.PUBLISHED).exists())
        self.assertContains(response, "Kept on the timeline, as it was there before the meeting")
        self.assertContains(response, reverse("admin:timeline_event_change", args=[self.bundled.pk]))
        # The kept event is the timeline's again: its fields are editable there.
        form = self.client.get(reverse("admin:timeline_event_change", args=[self.bundled.pk])).context["adminform"]
        self.assertIn("title_en", form.form.fields)

    def test_deleting_a_meeting_that_records_name_says_which_and_deletes_nothing(self):
        extension = ClearanceExtensionFactory(meeting=self.fourth, sequence=1, obligation__state__name="Angola")
        self.client.force_login(staff_user("admin", is_superuser=True))
        named = (
            "<li>4MSP, named by: <ul><li>Clearance extension (Art. 5): "
            f'<a href="{reverse("admin:obligations_clearanceextension_change", args=[extension.pk])}">'
            "Angola: extension 1 (4MSP)</a> (its meeting)</li></ul></li>"
        )
        for page in (
            self.client.get(admin_url("delete", self.fourth.pk)),
            self.client.post(admin_url("delete", self.fourth.pk), {"post": "yes"}),
        ):
            self.assertContains(page, "The meeting 4MSP cannot be deleted")
            self.assertContains(page, named, html=True)
            self.assertNotContains(page, "Yes, I’m sure")
        selected = {"action": "delete_selected", "_selected_action": [self.fourth.pk, self.first.pk], "post": "yes"}
        page = self.client.post(admin_url("changelist"), selected)
        self.assertContains(page, "The meeting 4MSP cannot be deleted")  # 1MSP, selected too, is named by none
        self.assertContains(page, "Nothing has been deleted.")
        self.assertContains(page, named, html=True)
        self.assertNotContains(page, "Kept on the timeline")
        self.assertEqual(Meeting.objects.filter(code__in=["1MSP", "4MSP"]).count(), 2)
        self.assertTrue(Event.objects.filter(pk=self.fourth.event_id).exists())
        extension.refresh_from_db()
        self.assertEqual(extension.meeting, self.fourth)

    def test_a_meeting_no_record_names_is_deleted_with_its_event(self):
        ClearanceExtensionFactory(meeting=self.first)  # another meeting's: no matter
        self.client.force_login(self.editor)
        event_pk = self.fourth.event_id
        page = self.client.get(admin_url("delete", self.fourth.pk))
        self.assertContains(page, "Yes, I’m sure")
        self.assertNotContains(page, "cannot be deleted")
        self.assertEqual(self.client.post(admin_url("delete", self.fourth.pk), {"post": "yes"}).status_code, 302)
        self.assertFalse(Meeting.objects.filter(pk=self.fourth.pk).exists())
        self.assertFalse(Event.objects.filter(pk=event_pk).exists())
