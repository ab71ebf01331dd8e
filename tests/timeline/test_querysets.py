from datetime import UTC, date, datetime

import time_machine
from django.db import connection
from django.test import TestCase

from core.models import PublicationStatus
from core.sitemaps import latest_update
from timeline.models import Era, Event

from .factories import CategoryFactory, EraFactory, EventFactory


class PublishedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.published = EventFactory(title="Published")
        cls.draft = EventFactory(title="Draft", draft=True)
        cls.scheduled = EventFactory(title="Scheduled", publish_at=datetime(2030, 1, 1, tzinfo=UTC))

    @time_machine.travel(datetime(2029, 12, 31, 23, 59, tzinfo=UTC), tick=False)
    def test_drafts_and_scheduled_events_are_not_published(self):
        self.assertQuerySetEqual(Event.objects.published(), [self.published])

    @time_machine.travel(datetime(2030, 1, 1, 0, 0, tzinfo=UTC), tick=False)
    def test_a_scheduled_event_appears_when_its_time_comes(self):
        self.assertQuerySetEqual(Event.objects.published(), [self.published, self.scheduled], ordered=False)

    def test_eras_are_publishable_too(self):
        EraFactory(draft=True)
        era = EraFactory(start_date=date(1999, 3, 2), end_date=None)
        self.assertQuerySetEqual(Era.objects.published(), [era])


class InEraTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ottawa = EraFactory(title="Ottawa", start_date=date(1996, 10, 1), end_date=date(1997, 12, 31))
        cls.implementation = EraFactory(title="Implementation", start_date=date(1999, 3, 2), end_date=None)
        cls.before = EventFactory(title="Before", date=date(1996, 9, 30))
        cls.first_day = EventFactory(title="First day", date=date(1996, 10, 1))
        cls.last_day = EventFactory(title="Last day", date=date(1997, 12, 31))
        cls.after = EventFactory(title="After", date=date(1998, 1, 1))
        cls.much_later = EventFactory(title="Much later", date=date(2025, 6, 27))

    def test_events_fall_into_an_era_by_date_both_ends_included(self):
        self.assertQuerySetEqual(Event.objects.in_era(self.ottawa), [self.first_day, self.last_day])

    def test_an_open_era_runs_on(self):
        self.assertQuerySetEqual(Event.objects.in_era(self.implementation), [self.much_later])

    def test_an_editor_can_show_an_event_in_another_era_too_once(self):
        self.after.also_in_eras.add(self.ottawa)
        self.last_day.also_in_eras.add(self.ottawa)  # already in by date: still listed once

        self.assertQuerySetEqual(
            Event.objects.in_era(self.ottawa).order_by("date"), [self.first_day, self.last_day, self.after]
        )
        self.assertQuerySetEqual(Event.objects.in_era(self.implementation), [self.much_later])

    def test_a_chosen_event_outside_the_era_widens_its_date_bounds(self):
        self.before.also_in_eras.add(self.implementation)  # years before the era
        self.much_later.also_in_eras.add(self.ottawa)  # years after it
        self.assertQuerySetEqual(Event.objects.in_era(self.implementation), [self.before, self.much_later])
        self.assertQuerySetEqual(
            Event.objects.in_era(self.ottawa).order_by("date"), [self.first_day, self.last_day, self.much_later]
        )

    def test_the_era_page_reads_only_the_eras_stretch_of_the_date_index(self):
        """An era's page must not walk every event before the era to find its first ones (the condition is an OR)."""
        query = Event.objects.published().for_era_page(self.implementation)[:21]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # A handful of rows: PostgreSQL would scan or sort them. Forbidding both shows an index serves it.
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("SET LOCAL enable_sort = off")
        plan = query.explain()
        # The index is entered at a date, not read from its beginning.
        if connection.vendor == "postgresql":
            self.assertRegex(plan, r"Index Scan using timeline_event_(public|date)_idx.*\n\s*Index Cond: .*date >=")
        else:
            self.assertIn("timeline_event_public_idx (status=? AND date>", plan)

    def test_with_era_title_names_the_era_by_date(self):
        titles = dict(Event.objects.with_era_title().values_list("title", "era_title"))
        self.assertEqual(
            titles,
            {
                "Before": None,
                "First day": "Ottawa",
                "Last day": "Ottawa",
                "After": None,
                "Much later": "Implementation",
            },
        )

    def test_era_containing_and_overlapping(self):
        self.assertQuerySetEqual(Era.objects.containing(date(1997, 12, 3)), [self.ottawa])
        self.assertQuerySetEqual(Era.objects.containing(date(2040, 1, 1)), [self.implementation])
        self.assertQuerySetEqual(Era.objects.containing(date(1998, 6, 1)), [])
        self.assertQuerySetEqual(
            Era.objects.overlapping(date(1997, 12, 1), date(1999, 3, 2)), [self.ottawa, self.implementation]
        )
        self.assertQuerySetEqual(Era.objects.overlapping(date(1998, 1, 1), date(1999, 3, 1)), [])


class FilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.conference = CategoryFactory(name="Conference", slug="conference")
        cls.signature = CategoryFactory(name="Signature", slug="signature")
        cls.e1995 = EventFactory(title="1995", date=date(1995, 3, 9), category=cls.conference)
        cls.across = EventFactory(
            title="Across new year", date=date(1997, 12, 30), end_date=date(1998, 1, 2), category=cls.signature
        )
        cls.e1999 = EventFactory(title="1999", date=date(1999, 5, 3), category=cls.conference)

    def test_in_category(self):
        self.assertQuerySetEqual(Event.objects.in_category(self.conference), [self.e1995, self.e1999])

    def test_between_years_counts_any_day_of_a_range(self):
        self.assertQuerySetEqual(Event.objects.between_years(1998, 1998), [self.across])
        self.assertQuerySetEqual(Event.objects.between_years(1997, None), [self.across, self.e1999])
        self.assertQuerySetEqual(Event.objects.between_years(None, 1997), [self.e1995, self.across])
        self.assertQuerySetEqual(Event.objects.between_years(2000, 2010), [])
        self.assertQuerySetEqual(Event.objects.between_years(), [self.e1995, self.across, self.e1999])


class NeighbourTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = EventFactory(title="A", date=date(1997, 12, 3))
        cls.b = EventFactory(title="B", date=date(1997, 12, 3))  # same day: creation order decides
        cls.c = EventFactory(title="C", date=date(1997, 12, 5))
        cls.hidden = EventFactory(title="Hidden", date=date(1997, 12, 4), status=PublicationStatus.DRAFT)

    def test_before_and_after_follow_the_timeline_order(self):
        published = Event.objects.published()
        self.assertIsNone(published.before(self.a).first())
        self.assertEqual(published.after(self.a).first(), self.b)
        self.assertEqual(published.before(self.b).first(), self.a)
        self.assertEqual(published.after(self.b).first(), self.c)
        self.assertEqual(published.before(self.c).first(), self.b)
        self.assertIsNone(published.after(self.c).first())

    def test_timeline_order(self):
        self.assertQuerySetEqual(Event.objects.published().for_timeline(), [self.a, self.b, self.c])
        self.assertQuerySetEqual(Event.objects.published().for_feed(), [self.c, self.b, self.a])


class FeaturedForHomeTests(TestCase):
    def test_the_key_moments_come_from_their_own_small_index(self):
        """Among thousands of events, the home page's few key moments must not cost a walk through all of them."""
        EventFactory(featured=True, date=date(1997, 12, 3))
        EventFactory.create_batch(3, date=date(2001, 1, 1))
        query = Event.objects.published().featured_for_home()[:8]
        self.assertEqual(len(query), 1)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")  # a handful of rows: PostgreSQL would just scan
        self.assertIn("timeline_event_featured_idx", query.explain())


class SitemapLastChangeTests(TestCase):
    def test_the_newest_published_event_is_read_from_the_end_of_an_index(self):
        """The sitemaps' "last changed" must not read every published event (there may be thousands)."""
        EventFactory.create_batch(3, date=date(2001, 1, 1))
        newest = EventFactory(date=date(1997, 1, 1))
        EventFactory(status=PublicationStatus.DRAFT)  # changed later, but not public
        self.assertEqual(latest_update(Event.objects.published()), newest.updated_at)

        query = Event.objects.published().order_by("-updated_at").values_list("updated_at", flat=True)[:1]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # A handful of rows: PostgreSQL would scan or sort them. Forbidding both shows an index serves it.
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("SET LOCAL enable_sort = off")
        plan = query.explain()
        self.assertIn("timeline_event_updated_idx", plan)
        self.assertNotIn("TEMP B-TREE", plan)  # SQLite: no sort of every matching row
        self.assertNotIn("Sort", plan)  # PostgreSQL: the same
