"""Anniversary pages: their day, their figures from the treaty data, "turns" and "turned", and who sees them."""

from datetime import date

import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.urls import reverse

from core.models import PublicationStatus
from tests.utils import page_queries, staff_user
from timeline import anniversaries
from timeline.models import Anchor, Anniversary
from treaty import seed as treaty_seed
from treaty.models import State

from .factories import AnniversaryFactory, CategoryFactory, EventFactory, picture_upload


def figure(number, label):
    return f'<li><span class="number">{number}</span> <span class="label">{label}</span></li>'


class AnniversaryModelTests(TestCase):
    def test_the_day_follows_the_anchor_the_editors_pick(self):
        self.assertEqual(AnniversaryFactory.build(years=20, anchor=Anchor.SIGNATURE).date, date(2017, 12, 3))
        self.assertEqual(AnniversaryFactory.build(years=30, anchor=Anchor.SIGNATURE).date, date(2027, 12, 3))
        self.assertEqual(AnniversaryFactory.build(years=30, anchor=Anchor.ADOPTION).date, date(2027, 9, 18))

    def test_name_and_address(self):
        anniversary = AnniversaryFactory(years=20, title="Twenty years of the ban")
        self.assertEqual(str(anniversary), "20th anniversary: Twenty years of the ban")
        self.assertEqual(anniversary.get_absolute_url(), "/anniversaries/20/")

    def test_reached_and_upcoming_around_the_day(self):
        by_signature = AnniversaryFactory(years=30, anchor=Anchor.SIGNATURE)  # 3 December 2027
        by_adoption = AnniversaryFactory(years=29, anchor=Anchor.ADOPTION)  # 18 September 2026
        cases = {
            date(2026, 9, 17): ([], [by_adoption, by_signature]),
            date(2026, 9, 18): ([by_adoption], [by_adoption, by_signature]),
            date(2027, 12, 2): ([by_adoption], [by_signature]),
            date(2027, 12, 3): ([by_adoption, by_signature], [by_signature]),
            date(2027, 12, 4): ([by_adoption, by_signature], []),
        }
        for day, (reached, upcoming) in cases.items():
            with self.subTest(day):
                self.assertQuerySetEqual(Anniversary.objects.reached(as_of=day).order_by("years"), reached)
                self.assertQuerySetEqual(Anniversary.objects.upcoming(as_of=day), upcoming)

    def test_one_page_per_number_of_years(self):
        AnniversaryFactory(years=20)
        with self.assertRaises(IntegrityError):
            Anniversary.objects.create(years=20, title="Again", introduction="Again.")

    def test_the_database_refuses_a_zeroth_or_an_endless_anniversary(self):
        for years in (0, 201):
            with self.subTest(years), self.assertRaises(IntegrityError), transaction.atomic():
                Anniversary.objects.create(years=years, title="Out of range", introduction="None.")

    def test_a_picture_needs_its_alternative_text(self):
        anniversary = AnniversaryFactory.build(years=20, hero_image=picture_upload())
        with self.assertRaises(ValidationError) as raised:
            anniversary.full_clean()
        self.assertIn("hero_alt_text_en", raised.exception.message_dict)
        with self.assertRaises(IntegrityError):
            Anniversary.objects.create(years=21, title="T", introduction="I.", hero_image="anniversaries/x.png")

    def test_next_anniversary_without_a_page_is_the_next_round_one(self):
        cases = {
            date(2026, 11, 27): (30, date(2027, 12, 3), 371),
            date(2027, 12, 3): (30, date(2027, 12, 3), 0),
            date(2027, 12, 4): (35, date(2032, 12, 3), 1826),
            date(1998, 1, 1): (5, date(2002, 12, 3), 1797),
        }
        for today, (years, day, days_left) in cases.items():
            with self.subTest(today):
                upcoming = anniversaries.next_anniversary(today=today)
                self.assertEqual(
                    (upcoming.years, upcoming.date, upcoming.days_left, upcoming.page), (years, day, days_left, None)
                )

    def test_next_anniversary_is_a_published_page_when_there_is_one(self):
        AnniversaryFactory(years=30, draft=True)
        self.assertIsNone(anniversaries.next_anniversary(today=date(2026, 11, 27)).page)
        page = AnniversaryFactory(years=29, anchor=Anchor.ADOPTION)  # 18 September 2026: already past
        self.assertIsNone(anniversaries.next_anniversary(today=date(2026, 11, 27)).page)
        Anniversary.objects.filter(years=30).update(status=PublicationStatus.PUBLISHED, anchor=Anchor.ADOPTION)
        upcoming = anniversaries.next_anniversary(today=date(2026, 11, 27))
        self.assertEqual((upcoming.years, upcoming.date, upcoming.page.years), (30, date(2027, 9, 18), 30))
        self.assertNotEqual(upcoming.page, page)


class AnniversaryPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()
        cls.fifteenth = AnniversaryFactory(years=15, title="Fifteen years on")
        cls.twentieth = AnniversaryFactory(
            years=20,
            title="Twenty years of the ban",
            introduction="In 2017 the Convention turned 20.",
            body="That day [[figure:parties@2017-12-03]] States were party. <script>alert(1)</script>",
        )
        cls.thirtieth = AnniversaryFactory(years=30, title="Thirty years", draft=True)
        membership = CategoryFactory(name="Membership", slug="membership")
        cls.in_period = EventFactory(title="Sri Lanka accedes", date=date(2017, 12, 13), category=membership)
        cls.before_period = EventFactory(title="Poland ratifies", date=date(2012, 12, 27), category=membership)
        cls.after_period = EventFactory(title="Tonga accedes", date=date(2025, 6, 25), category=membership)
        cls.draft_event = EventFactory(title="Draft event", date=date(2015, 1, 1), draft=True)

    def get(self, years):
        return self.client.get(reverse("timeline:anniversary-detail", args=[years]))

    @time_machine.travel("2026-11-27")
    def test_the_twentieth_shows_the_treaty_data_of_3_december_2017(self):
        self.assertEqual(State.objects.parties(as_of=date(2017, 12, 3)).count(), 162)

        response = self.get(20)

        self.assertContains(response, "<h1>Twenty years of the ban</h1>", html=True)
        self.assertContains(response, "The Convention turned 20 on")
        self.assertContains(response, '<time datetime="2017-12-03">3 December 2017</time>', html=True)
        self.assertContains(response, figure(162, "States Parties"), html=True)
        self.assertContains(response, figure(162, "States bound by the ban"), html=True)
        # Poland (27 December 2012) and Oman (2014) joined between the 15th and the 20th anniversaries.
        self.assertContains(response, figure(2, "joined since the 15th anniversary (3 December 2012)"), html=True)
        self.assertContains(response, '<a href="/states/?as_of=2017-12-03">', count=1)
        self.assertContains(
            response,
            '<tr><th scope="row">Europe</th><td class="num">43</td><td class="num">43</td><td class="num">1</td>'
            '<td class="num">0</td><td class="num">44</td></tr>',
            html=True,
        )
        self.assertContains(
            response,
            '<tr><th scope="row">All regions</th><td class="num">162</td><td class="num">162</td><td class="num">2</td>'
            '<td class="num">0</td><td class="num">197</td></tr>',
            html=True,
        )
        self.assertContains(response, "<p>That day 162 States were party. </p>", html=True)
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "Number of States Parties from 3 December 1997 to 3 December 2017.")

    def test_the_figures_agree_with_the_treaty_querysets(self):
        day = date(2017, 12, 3)
        figures = anniversaries.figures_for(self.twentieth, previous=self.fifteenth, today=date(2026, 11, 27))
        by_region = State.objects.figures_by_region(as_of=day)
        self.assertEqual(figures.as_of, day)
        self.assertEqual(figures.parties, State.objects.parties(as_of=day).count())
        self.assertEqual(figures.bound, State.objects.bound(as_of=day).count())
        self.assertEqual(
            figures.joined, State.objects.filter(deposited_on__gt=date(2012, 12, 3), deposited_on__lte=day).count()
        )
        self.assertEqual(sum(row.parties for row in figures.regions), figures.parties)
        self.assertEqual({row.label: row.parties for row in figures.regions}["Africa"], by_region["africa"]["parties"])

    def test_the_first_page_counts_from_the_convention_itself(self):
        figures = anniversaries.figures_for(self.fifteenth, previous=None, today=date(2026, 11, 27))
        self.assertEqual(figures.joined, State.objects.filter(deposited_on__lte=date(2012, 12, 3)).count())
        response = self.get(15)
        self.assertContains(response, "joined since it opened for signature in Ottawa")

    @time_machine.travel("2026-11-27")
    def test_events_of_the_period_from_the_previous_anniversary_to_the_end_of_its_year(self):
        response = self.get(20)
        self.assertContains(response, '<h2 id="anniversary-events">Events, 2013–2017</h2>', html=True)
        self.assertContains(response, "Sri Lanka accedes")
        for title in ("Poland ratifies", "Tonga accedes", "Draft event"):
            self.assertNotContains(response, title)

    def test_previous_and_next_anniversaries_are_linked_when_published(self):
        response = self.get(20)
        self.assertContains(response, 'rel="prev" href="/anniversaries/15/"')
        self.assertNotContains(response, "/anniversaries/30/")

    def test_unknown_unpublished_and_malformed_years_are_404(self):
        for path in (
            "/anniversaries/30/",
            "/anniversaries/99/",
            "/anniversaries/0/",
            "/anniversaries/twenty/",
            "/anniversaries/99999999999999999999/",
        ):
            with self.subTest(path):
                self.assertEqual(self.client.get(path).status_code, 404)

    @time_machine.travel("2026-11-27")
    def test_query_count_is_fixed(self):
        # anniversary; previous; next; every State's row of the day (the figures by region, which add up to the
        # totals, and the charts); joined/left by region; events; for the placeholder in the body, the figures.
        with page_queries(self, 7):
            self.get(20)


class TurnsOrTurnedTests(TestCase):
    """The 30th, counted from the opening for signature: 3 December 2027."""

    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()
        cls.thirtieth = AnniversaryFactory(years=30, title="Thirty years")

    def get(self):
        return self.client.get("/anniversaries/30/")

    def test_before_its_day_it_turns_30_and_shows_todays_figures(self):
        with time_machine.travel("2026-11-27"):
            response = self.get()
        self.assertContains(response, "The Convention turns 30 on")
        self.assertContains(response, "371 days to go")
        self.assertNotContains(response, "turned 30")
        self.assertContains(response, "The Convention today, <time", count=1)
        self.assertContains(response, figure(161, "States Parties"), html=True)
        self.assertContains(response, "The anniversary is still to come, so these are today's figures")
        self.assertContains(response, '<a href="/states/?as_of=2026-11-27">', count=1)
        self.assertContains(response, figure(5, "left over the same period (withdrawal took effect)"), html=True)

    def test_on_its_day_it_turns_30_today(self):
        with time_machine.travel("2027-12-03 12:00"):
            response = self.get()
        self.assertContains(response, "the Convention turns 30: it is the anniversary")
        self.assertContains(response, "The Convention on <time")

    def test_after_its_day_it_turned_30_and_shows_the_figures_of_its_day(self):
        with time_machine.travel("2027-12-04"):
            response = self.get()
        self.assertContains(response, "The Convention turned 30 on")
        self.assertNotContains(response, "turns 30")
        self.assertContains(response, '<a href="/states/?as_of=2027-12-03">', count=1)

    def test_the_list_says_turns_then_turned(self):
        with time_machine.travel("2026-11-27"):
            before = self.client.get(reverse("timeline:anniversary-list"))
        with time_machine.travel("2027-12-04"):
            after = self.client.get(reverse("timeline:anniversary-list"))
        self.assertContains(before, "turns 30 on")
        self.assertContains(after, "turned 30 on")


class AnniversaryPageBoundTests(TestCase):
    def test_an_anniversary_page_stays_bounded_and_links_to_the_rest_on_the_timeline(self):
        from timeline.views import PERIOD_PAGE_EVENTS

        treaty_seed.load()
        AnniversaryFactory(years=15, title="Fifteen years on")
        twentieth = AnniversaryFactory(years=20, title="Twenty years of the ban")
        category = CategoryFactory()
        EventFactory.create_batch(PERIOD_PAGE_EVENTS + 10, date=date(2015, 6, 1), category=category)

        response = self.client.get(twentieth.get_absolute_url())

        # The period runs from the year after the 15th anniversary to the end of the 20th's year: 2013–2017.
        self.assertEqual(len(response.context["events"]), PERIOD_PAGE_EVENTS)
        self.assertContains(response, f"The first {PERIOD_PAGE_EVENTS} events of the period are shown here.")
        self.assertContains(
            response,
            '<a href="/timeline/?from_year=2013&amp;to=2017">Every event of the period, on the timeline</a>',
            html=True,
        )

    def test_a_period_within_the_bound_shows_every_event_and_no_link(self):
        AnniversaryFactory(years=15, title="Fifteen years on")
        twentieth = AnniversaryFactory(years=20, title="Twenty years of the ban")
        EventFactory(title="Sri Lanka accedes", date=date(2017, 12, 13))

        response = self.client.get(twentieth.get_absolute_url())

        self.assertContains(response, "Sri Lanka accedes")
        self.assertNotContains(response, "events of the period are shown here")
        self.assertNotContains(response, "Every event of the period, on the timeline")


class AnniversaryListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        for years in (10, 15, 20, 25):
            AnniversaryFactory(years=years, title=f"Page {years}")
        AnniversaryFactory(years=30, title="Thirty years", draft=True)

    @time_machine.travel("2026-11-27")
    def test_published_pages_newest_first_and_the_next_anniversary_with_the_days_left(self):
        response = self.client.get(reverse("timeline:anniversary-list"))

        self.assertEqual([a.years for a in response.context["anniversaries"]], [25, 20, 15, 10])
        self.assertNotContains(response, "Thirty years")
        self.assertContains(response, "The Convention turns 30 on")
        self.assertContains(response, '<strong class="days-left">371 days to go</strong>', html=True)
        self.assertNotContains(response, 'href="/anniversaries/30/"')

    @time_machine.travel("2026-11-27")
    def test_once_the_30th_is_published_the_next_anniversary_links_to_it(self):
        Anniversary.objects.filter(years=30).update(status=PublicationStatus.PUBLISHED)
        response = self.client.get(reverse("timeline:anniversary-list"))
        self.assertContains(response, '<a href="/anniversaries/30/">Thirty years</a>', html=True, count=2)

    def test_the_header_links_to_the_anniversaries(self):
        response = self.client.get(reverse("timeline:anniversary-list"))
        self.assertContains(response, '<a href="/anniversaries/" aria-current="page">Anniversaries</a>', html=True)

    @time_machine.travel("2026-11-27")
    def test_query_count_is_fixed(self):
        with page_queries(self, 2):
            self.client.get(reverse("timeline:anniversary-list"))


class AnniversaryAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = staff_user("editor", "Editors")

    def setUp(self):
        self.client.force_login(self.editor)

    def test_adding_an_anniversary_with_a_picture_makes_resized_copies(self):
        data = {
            "years": "30",
            "anchor": "adoption",
            "title_en": "Thirty years",
            "introduction_en": "In 2027 the Convention turns 30.",
            "body_en": "",
            "hero_image": picture_upload("hero.png", size=(2400, 1200)),
            "hero_alt_text_en": "Shoes piled in a square",
            "hero_credit": "© Example",
            "status": "draft",
            "publish_at_0": "",
            "publish_at_1": "",
        }
        response = self.client.post(reverse("admin:timeline_anniversary_add"), data)

        self.assertEqual(response.status_code, 302, response.context and response.context["adminform"].form.errors)
        anniversary = Anniversary.objects.get(years=30)
        self.assertEqual(anniversary.date, date(2027, 9, 18))
        self.assertEqual((anniversary.hero_width, anniversary.hero_height), (1600, 800))
        self.assertTrue(anniversary.hero_webp.name.endswith(".webp"))
        self.assertTrue(anniversary.hero_jpeg.name.endswith(".jpg"))
        self.assertEqual(anniversary.history.count(), 1)

        page = self.client.get(anniversary.get_absolute_url())  # the editor's preview
        self.assertContains(page, f'<img src="{anniversary.hero_jpeg.url}" width="1600" height="800"')
        self.assertContains(page, 'alt="Shoes piled in a square"')
        self.assertNotContains(page, anniversary.hero_image.url)

    def test_the_change_page_shows_the_day(self):
        anniversary = AnniversaryFactory(years=20)
        response = self.client.get(reverse("admin:timeline_anniversary_change", args=[anniversary.pk]))
        self.assertContains(response, "3 December 2017")
        self.assertContains(response, 'name="edited_version"')

    def test_the_list(self):
        AnniversaryFactory(years=20, title="Twenty years of the ban")
        response = self.client.get(reverse("admin:timeline_anniversary_changelist"), {"q": "Twenty"})
        self.assertContains(response, "20th")
        self.assertContains(response, "3 December 2017")


class SeededAnniversaryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from io import StringIO

        from django.core.management import call_command

        cls.output = StringIO()
        call_command("seed", stdout=cls.output)

    def test_10th_to_25th_are_published_and_the_30th_is_a_draft(self):
        self.assertIn("Timeline: anniversaries: 5 created", self.output.getvalue())
        self.assertEqual(list(Anniversary.objects.published().values_list("years", flat=True)), [10, 15, 20, 25])
        thirtieth = Anniversary.objects.get(years=30)
        self.assertEqual((thirtieth.status, thirtieth.date), (PublicationStatus.DRAFT, date(2027, 12, 3)))

    @time_machine.travel("2026-11-27")
    def test_the_seeded_pages_render_with_live_figures(self):
        response = self.client.get("/anniversaries/20/")
        self.assertContains(response, "twenty years after the signing in Ottawa, 162 States were party")
        self.assertContains(response, "Twentieth anniversary of signing")  # the event of 4 December 2017
        for anniversary in Anniversary.objects.published():
            with self.subTest(anniversary.years):
                page = self.client.get(anniversary.get_absolute_url())
                self.assertContains(page, f"<h1>{anniversary.title}</h1>", html=True)
                self.assertNotContains(page, "[[figure")
        self.assertEqual(self.client.get("/anniversaries/30/").status_code, 404)

    def test_the_bundled_texts_type_no_figure_in(self):
        for anniversary in Anniversary.objects.all():
            with self.subTest(anniversary.years):
                for number in ("156", "161", "162", "164", "166"):
                    self.assertNotIn(number, anniversary.body)
