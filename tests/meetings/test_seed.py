from django.test import TestCase

from core.models import PublicationStatus
from core.seeding import KEPT, UNCHANGED
from meetings import seed as meetings_seed
from meetings.models import Kind, Meeting, MeetingSource
from timeline import seed as timeline_seed
from timeline.models import Event
from treaty import seed as treaty_seed


def load_all():
    treaty_seed.load()
    timeline_seed.load()
    return meetings_seed.load()


class SeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.first_report = load_all()

    def test_all_27_meetings_are_loaded_published_with_their_sources(self):
        self.assertEqual(Meeting.objects.count(), 27)
        self.assertEqual(Meeting.objects.filter(kind=Kind.MSP).count(), 22)
        self.assertEqual(Meeting.objects.filter(kind=Kind.RC).count(), 5)
        self.assertEqual(Meeting.objects.published().count(), 27)
        self.assertFalse(Meeting.objects.filter(sources__isnull=True).exists())
        self.assertEqual(MeetingSource.objects.filter(meeting__code="1MSP").count(), 3)
        self.assertIn("Meetings: 27 created", self.first_report)

    def test_the_bundled_values(self):
        first = Meeting.objects.select_related("country", "presidency").get(code="1MSP")
        self.assertEqual((first.city, first.country.iso3, first.presidency.iso3), ("Maputo", "MOZ", "MOZ"))
        self.assertEqual(first.dates_text, "3–7 May 1999")
        self.assertEqual(Meeting.objects.get(code="2MSP").presidency.name, "Norway")
        self.assertEqual(Meeting.objects.get(code="4RC").country.iso3, "NOR")

    def test_a_presidency_is_set_only_where_a_state_name_matches(self):
        # 19MSP's president is written "(Netherlands)"; the State is "Netherlands (Kingdom of the)": not guessed.
        without = Meeting.objects.filter(presidency__isnull=True).values_list("code", flat=True)
        self.assertEqual(list(without), ["19MSP"])

    def test_every_meeting_has_exactly_one_event_and_it_follows_the_meeting(self):
        meetings = Meeting.objects.select_related("event", "event__category")
        self.assertEqual({meeting.event_id is not None for meeting in meetings}, {True})
        self.assertEqual(len({meeting.event_id for meeting in meetings}), 27)
        fourth = meetings.get(code="4MSP")
        self.assertEqual(fourth.event.title, "Fourth Meeting of the States Parties (4MSP), Geneva")
        self.assertEqual((fourth.event.date, fourth.event.end_date), (fourth.start_date, fourth.end_date))
        self.assertEqual(fourth.event.location, "Geneva, Switzerland")
        self.assertEqual(fourth.event.summary, fourth.outcome)
        self.assertEqual(fourth.event.category.slug, "meeting-of-states-parties")
        self.assertEqual(fourth.event.status, PublicationStatus.PUBLISHED)
        self.assertEqual([state.iso3 for state in fourth.event.related_states.all()], ["CHE"])
        self.assertEqual(meetings.get(code="2RC").event.category.slug, "review-conference")

    def test_the_bundled_timeline_events_are_taken_over_not_duplicated(self):
        self.assertEqual(Event.objects.count(), 43 + 27 - 6)  # 1MSP and the five Review Conferences were there
        first = Meeting.objects.get(code="1MSP")
        self.assertEqual(first.event.seed_key, "first-meeting-of-states-parties")
        self.assertEqual(first.event.slug, "first-meeting-of-states-parties")  # its address is kept
        self.assertTrue(first.event.featured)  # and what editors chose for it
        self.assertEqual(Event.objects.filter(date=first.start_date).count(), 1)
        for meeting in Meeting.objects.filter(kind=Kind.RC):
            with self.subTest(meeting.code):
                self.assertIsNotNone(meeting.event.seed_key)

    def test_seeding_again_changes_nothing(self):
        before = list(Meeting.objects.values())
        events = list(Event.objects.order_by("pk").values())
        report = load_all()
        self.assertEqual(list(Meeting.objects.values()), before)
        self.assertEqual(list(Event.objects.order_by("pk").values()), events)
        self.assertIn(f"Meetings: 27 {UNCHANGED}", report)
        self.assertIn(f"Meetings: timeline events: 27 {UNCHANGED}", report)

    def test_an_editors_change_is_kept_unless_overwrite(self):
        meeting = Meeting.objects.get(code="3MSP")
        meeting.outcome = "Rewritten by an editor."
        meeting.save()
        report = meetings_seed.load()
        self.assertIn(f"Meetings: 1 {KEPT}, 26 {UNCHANGED}", report)
        meeting.refresh_from_db()
        self.assertEqual(meeting.outcome, "Rewritten by an editor.")
        self.assertEqual(meeting.event.summary, "Rewritten by an editor.")  # the event follows the meeting

        meetings_seed.load(overwrite=True)
        meeting.refresh_from_db()
        self.assertTrue(meeting.outcome.startswith("Adopted the Managua Declaration"))
        self.assertEqual(meeting.event.summary, meeting.outcome)
