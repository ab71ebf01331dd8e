"""Drafts, publish-at times and the publication actions, seen from the public pages with frozen time."""

from datetime import UTC, date, datetime

import time_machine
from django.http import HttpResponse
from django.test import TestCase
from django.urls import reverse

from core import publishing
from core.models import PublicationStatus
from tests.timeline.factories import AnniversaryFactory, EraFactory, EventFactory
from tests.treaty.factories import StateFactory
from tests.utils import staff_user
from timeline.dates import Precision
from timeline.models import Event
from treaty.models import State

BEFORE = datetime(2027, 3, 1, 8, 59, tzinfo=UTC)
AT = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
AFTER = datetime(2027, 3, 1, 9, 1, tzinfo=UTC)


class ScheduledContentTests(TestCase):
    """An item scheduled for 1 March 2027, 09:00 UTC: hidden everywhere before, everywhere after, no cron job."""

    @classmethod
    def setUpTestData(cls):
        cls.era = EraFactory(
            title="Implementation", slug="implementation", start_date=date(1999, 3, 2), end_date=None,
            period_precision=Precision.YEAR, publish_at=AT,
        )  # fmt: skip
        cls.event = EventFactory(title="Scheduled event", date=date(2027, 3, 1), publish_at=AT)
        cls.anniversary = AnniversaryFactory(years=29, publish_at=AT)
        cls.draft = EventFactory(title="Draft event", date=date(2027, 2, 1), draft=True)

    def whole_sitemap(self):
        """Every section of the sitemap index, as one response to search."""
        sections = ["pages", "eras", "events", "anniversaries", "states"]
        content = b"".join(self.client.get(reverse("pages:sitemap-section", args=[name])).content for name in sections)
        return HttpResponse(content)

    def pages(self):
        return {
            "event": self.client.get(self.event.get_absolute_url()),
            "era": self.client.get(self.era.get_absolute_url()),
            "anniversary": self.client.get(self.anniversary.get_absolute_url()),
            "timeline": self.client.get(reverse("timeline:event-list")),
            "feed": self.client.get(reverse("timeline:feed")),
            "sitemap": self.whole_sitemap(),
            "anniversaries": self.client.get(reverse("timeline:anniversary-list")),
        }

    def test_hidden_until_the_time_comes(self):
        with time_machine.travel(BEFORE, tick=False):
            pages = self.pages()
        self.assertEqual(pages["event"].status_code, 404)
        self.assertEqual(pages["era"].status_code, 404)
        self.assertEqual(pages["anniversary"].status_code, 404)
        for name in ("timeline", "feed", "sitemap"):
            with self.subTest(name):
                self.assertNotContains(pages[name], "Scheduled event")
                self.assertNotContains(pages[name], self.event.get_absolute_url())
        self.assertNotContains(pages["sitemap"], "/anniversaries/29/")
        self.assertNotContains(pages["sitemap"], "/timeline/eras/implementation/")
        self.assertNotContains(pages["anniversaries"], "29 years of the ban")

    def test_public_from_the_time_on(self):
        with time_machine.travel(AT, tick=False):
            pages = self.pages()
        self.assertContains(pages["event"], "<h1>Scheduled event</h1>", html=True)
        self.assertContains(pages["era"], "<h1>Implementation</h1>", html=True)
        self.assertContains(pages["anniversary"], "29 years of the ban")
        for name in ("timeline", "feed", "sitemap"):
            with self.subTest(name):
                self.assertContains(pages[name], "/timeline/scheduled-event/")
        self.assertContains(pages["sitemap"], "/anniversaries/29/")
        self.assertContains(pages["anniversaries"], "29 years of the ban")

    def test_drafts_stay_hidden_whatever_the_time(self):
        with time_machine.travel(AFTER, tick=False):
            pages = self.pages()
            self.assertEqual(self.client.get(self.draft.get_absolute_url()).status_code, 404)
        for name in ("timeline", "feed", "sitemap"):
            with self.subTest(name):
                self.assertNotContains(pages[name], "draft-event")

    def test_a_cached_page_rolls_over_when_the_time_passes(self):
        url = reverse("timeline:event-list")
        with time_machine.travel(BEFORE, tick=False):
            self.assertNotContains(self.client.get(url), "Scheduled event")
            self.assertEqual(self.client.get(url)["X-Ottawa-Cache"], "hit")
        with time_machine.travel(AFTER, tick=False):
            response = self.client.get(url)
        self.assertEqual(response["X-Ottawa-Cache"], "miss")
        self.assertContains(response, "Scheduled event")


class StateNoteTests(TestCase):
    """A State's public note follows the same workflow: visitors see it once published and its time has come."""

    @classmethod
    def setUpTestData(cls):
        cls.state = StateFactory(name="Canada", iso2="CA", iso3="CAN", ratified=True, note="Checked in 2027.")

    def page(self):
        return self.client.get(reverse("treaty:state-detail", args=["can"]))

    def test_a_draft_note_is_not_shown(self):
        self.assertEqual(self.state.note_status, PublicationStatus.DRAFT)
        self.assertNotContains(self.page(), "Checked in 2027.")

    def test_a_published_note_is_shown(self):
        State.objects.filter(pk=self.state.pk).update(note_status=PublicationStatus.PUBLISHED)
        self.assertContains(self.page(), "<p>Checked in 2027.</p>", html=True)

    def test_a_scheduled_note_appears_on_time_even_on_a_cached_page(self):
        self.state.note_status, self.state.note_publish_at = PublicationStatus.PUBLISHED, AT
        self.state.save()
        with time_machine.travel(BEFORE, tick=False):
            self.assertNotContains(self.page(), "Checked in 2027.")
            self.assertEqual(self.page()["X-Ottawa-Cache"], "hit")
        with time_machine.travel(AFTER, tick=False):
            self.assertContains(self.page(), "Checked in 2027.")

    def test_the_notes_have_their_own_publication_actions(self):
        editor = staff_user("editor", "Editors")
        self.client.force_login(editor)
        url = reverse("admin:treaty_state_changelist")
        actions = dict(self.client.get(url).context["action_form"].fields["action"].choices)
        self.assertEqual(actions["publish_now"], "Publish the notes of the selected States now")

        self.client.post(url, {"action": "publish_now", "_selected_action": [self.state.pk]})

        self.state.refresh_from_db()
        self.assertEqual(self.state.note_status, PublicationStatus.PUBLISHED)
        self.client.logout()
        self.assertContains(self.page(), "Checked in 2027.")


class PublicationServiceTests(TestCase):
    @time_machine.travel(AT, tick=False)
    def test_publish_now_brings_a_future_time_forward_and_keeps_a_past_one(self):
        future = EventFactory(title="Future", draft=True, publish_at=datetime(2030, 1, 1, tzinfo=UTC))
        past = EventFactory(title="Past", draft=True, publish_at=datetime(2020, 1, 1, tzinfo=UTC))
        never = EventFactory(title="Never", draft=True)
        already = EventFactory(title="Already")

        changed = publishing.publish(items=Event.objects.order_by("pk"))

        self.assertEqual(changed, 4)  # `already` gets its publication time too
        self.assertQuerySetEqual(Event.objects.published(), [future, past, never, already], ordered=False)
        self.assertEqual(Event.objects.get(pk=future.pk).publish_at, AT)
        self.assertEqual(Event.objects.get(pk=past.pk).publish_at, datetime(2020, 1, 1, tzinfo=UTC))
        self.assertEqual(Event.objects.get(pk=never.pk).publish_at, AT)
        self.assertEqual(publishing.publish(items=Event.objects.all()), 0)

    @time_machine.travel(AT, tick=False)
    def test_schedule_needs_a_future_time(self):
        event = EventFactory(draft=True)
        with self.assertRaisesMessage(ValueError, "must be in the future"):
            publishing.schedule(items=[event], at=AT)
        publishing.schedule(items=[event], at=AFTER)
        event.refresh_from_db()
        self.assertEqual((event.status, event.publish_at), (PublicationStatus.PUBLISHED, AFTER))
        self.assertFalse(event.is_public())

    def test_unpublish_and_each_change_is_in_the_history(self):
        event = EventFactory()
        publishing.unpublish(items=[event])
        event.refresh_from_db()
        self.assertEqual(event.status, PublicationStatus.DRAFT)
        self.assertEqual([record.status for record in event.history.all()], ["draft", "published"])


class PublicationActionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = staff_user("editor", "Editors")
        cls.first = EventFactory(title="First", draft=True)
        cls.second = EventFactory(title="Second", draft=True)

    def setUp(self):
        self.client.force_login(self.editor)

    def post(self, model, action, items, **extra):
        url = reverse(f"admin:timeline_{model}_changelist")
        return self.client.post(url, {"action": action, "_selected_action": [item.pk for item in items], **extra})

    @time_machine.travel(AT, tick=False)
    def test_schedule_asks_when_then_schedules(self):
        self.client.force_login(self.editor)  # a session opened in 2027, not one expired by the time travel
        question = self.post("event", "schedule_publication", [self.first, self.second])
        self.assertEqual(question.status_code, 200)
        self.assertContains(question, "When should they be published?")
        self.assertContains(question, '<input type="datetime-local" name="publish_at"', count=1)
        self.assertContains(question, "<li>3 December 1997: First</li>", html=True)

        done = self.post("event", "schedule_publication", [self.first, self.second], publish_at="2027-12-03T09:00")

        self.assertEqual(done.status_code, 302)
        for event in (self.first, self.second):
            event.refresh_from_db()
            self.assertEqual(event.status, PublicationStatus.PUBLISHED)
            self.assertEqual(event.publish_at, datetime(2027, 12, 3, 9, 0, tzinfo=UTC))
            self.assertEqual(event.history.latest().history_user, self.editor)

    @time_machine.travel(AT, tick=False)
    def test_a_time_in_the_past_is_refused_with_a_message(self):
        self.client.force_login(self.editor)
        response = self.post("event", "schedule_publication", [self.first], publish_at="2027-02-01T09:00")
        self.assertContains(response, "Choose a time in the future")
        self.first.refresh_from_db()
        self.assertEqual(self.first.status, PublicationStatus.DRAFT)

    def test_publish_and_unpublish_on_every_content_list(self):
        era = EraFactory(draft=True)
        anniversary = AnniversaryFactory(years=30, draft=True)
        for model, item in (("event", self.first), ("era", era), ("anniversary", anniversary)):
            with self.subTest(model):
                self.post(model, "publish_now", [item])
                item.refresh_from_db()
                self.assertTrue(item.is_public())
                self.post(model, "unpublish", [item])
                item.refresh_from_db()
                self.assertEqual(item.status, PublicationStatus.DRAFT)
                self.assertEqual(self.post(model, "schedule_publication", [item]).status_code, 200)

    def test_publishing_renews_the_cached_pages(self):
        url = self.first.get_absolute_url()
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.editor)
        self.post("event", "publish_now", [self.first])
        self.client.logout()
        self.client.cookies.clear()
        self.assertEqual(self.client.get(url).status_code, 200)
        listing = self.client.get(reverse("timeline:event-list"))
        self.assertContains(listing, "First")
