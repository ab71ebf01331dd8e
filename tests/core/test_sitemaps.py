"""The sitemap sections read one page of rows at a time, and list the same addresses, in the same order, as Django's
own pairing of every row with every language."""

from datetime import date

from django.core.paginator import Paginator
from django.test import TestCase

from core.sitemaps import InEveryLanguage
from tests.timeline.factories import CategoryFactory, EventFactory
from timeline.models import Event
from timeline.sitemaps import EventSitemap


class SmallPages(EventSitemap):
    limit = 10  # 7 events in 6 languages: 42 addresses, the pages break inside an event's languages


class SitemapPaginationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        category = CategoryFactory()
        for n in range(7):
            EventFactory(title=f"Event {n}", date=date(1997, 1, 1 + n), category=category)

    def test_every_page_lists_what_django_s_own_pairing_lists(self):
        sitemap = SmallPages()
        ours, django = sitemap.paginator, Paginator(sitemap._items(), sitemap.limit)

        self.assertEqual(ours.count, 42)
        self.assertEqual(ours.num_pages, django.num_pages)
        for number in django.page_range:
            self.assertEqual(list(ours.page(number).object_list), list(django.page(number).object_list))

    def test_a_page_reads_its_own_rows_only(self):
        sitemap = SmallPages()
        with self.assertNumQueries(2):  # the count, then the rows of the page
            pairs = list(sitemap.paginator.page(2).object_list)
        # Addresses 11 to 20: the last two languages of the second event, then the third and fourth events.
        self.assertEqual(
            [(event.title, language) for event, language in pairs][:3],
            [("Event 1", "ru"), ("Event 1", "zh-hans"), ("Event 2", "en")],
        )

    def test_indexing_and_the_end_of_the_sequence(self):
        pairs = InEveryLanguage(Event.objects.order_by("date"), ["en", "fr"])
        self.assertEqual(len(pairs), 14)
        self.assertEqual(pairs[0][1], "en")
        self.assertEqual((pairs[-1][0].title, pairs[-1][1]), ("Event 6", "fr"))
        self.assertEqual(pairs[12:99], [(pairs[12][0], "en"), (pairs[13][0], "fr")])
        self.assertEqual(pairs[20:30], [])
        with self.assertRaises(IndexError):
            pairs[14]

    def test_a_page_that_is_not_there_is_404(self):
        self.assertEqual(self.client.get("/sitemap-events.xml?p=1").status_code, 200)
        for page in ("2", "0", "-1", "abc", "1.5", "9" * 30):
            with self.subTest(page=page):
                self.assertEqual(self.client.get(f"/sitemap-events.xml?p={page}").status_code, 404)
