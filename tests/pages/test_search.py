"""Site search, on SQLite (its FTS5 index of events) and PostgreSQL (full-text search): CI runs this file on both."""

from datetime import date

import time_machine
from django.db import connection
from django.test import TestCase
from django.urls import reverse

from timeline import seed as timeline_seed
from timeline.models import Event
from treaty import seed as treaty_seed


@time_machine.travel(date(2026, 11, 27))
class SearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()
        timeline_seed.load()

    def search(self, q, status=200):
        response = self.client.get(reverse("pages:search"), {"q": q})
        self.assertEqual(response.status_code, status)
        return response

    def test_finds_events_eras_and_states_ranked_with_marked_snippets(self):
        response = self.search("Oslo")
        hits = response.context["hits"]
        titles = [hit.title for hit in hits]
        self.assertIn("Oslo Diplomatic Conference", titles)
        self.assertEqual({hit.kind for hit in hits} >= {"Event"}, True)
        self.assertContains(response, "<mark>Oslo</mark>")
        self.assertContains(response, 'href="/timeline/oslo-diplomatic-conference/"')

    def test_title_matches_rank_above_passing_mentions(self):
        hits = self.search("review conference").context["hits"]
        self.assertIn("Review Conference", hits[0].title)

    def test_states_by_name_and_by_code(self):
        by_code = self.search("FIN").context["hits"]
        self.assertEqual((by_code[0].kind, by_code[0].title), ("State", "Finland"))
        self.assertContains(self.search("FIN"), "Withdrawn")
        by_name = self.search("sri lanka").context["hits"]
        self.assertIn("Sri Lanka", [hit.title for hit in by_name])

    def test_anniversaries_are_found(self):
        hits = self.search("anniversary").context["hits"]
        self.assertIn("Anniversary", {hit.kind for hit in hits})
        urls = {hit.url for hit in hits}
        self.assertIn("/anniversaries/20/", urls)
        self.assertNotIn("/anniversaries/30/", urls)  # the 30th is a draft

    def test_drafts_are_never_found(self):
        Event.objects.filter(title="Oslo Diplomatic Conference").update(status="draft")
        titles = [hit.title for hit in self.search("Oslo Diplomatic").context["hits"]]
        self.assertNotIn("Oslo Diplomatic Conference", titles)

    def test_nothing_found_says_so(self):
        self.assertContains(self.search("xylophone"), "Nothing matches “xylophone”")

    def test_empty_query_shows_the_form(self):
        response = self.search("")
        self.assertContains(response, "Search events, eras and anniversaries")
        self.assertEqual(response.context["hits"], [])

    def test_only_symbols_answer_calmly(self):
        self.assertContains(self.search("!!! ??? ***"), "There is nothing to search for")

    def test_markup_is_never_reflected(self):
        response = self.search('<script>alert("x")</script> Oslo')
        self.assertNotContains(response, "<script>alert")
        self.assertContains(response, "&lt;script&gt;")

    def test_very_long_queries_get_a_clear_message(self):
        response = self.search("landmine " * 100, status=400)
        self.assertContains(response, "too long to search for", status_code=400)

    def test_uses_an_index_on_postgresql(self):
        if connection.vendor != "postgresql":
            self.skipTest("Full-text search indexes exist on PostgreSQL only.")
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename IN ('timeline_event', 'timeline_era')")
            names = {row[0] for row in cursor.fetchall()}
        self.assertTrue({"timeline_event_search", "timeline_era_search"} <= names)
        from django.contrib.postgres.search import SearchQuery

        from timeline.search import event_vector

        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = (
            Event.objects.annotate(document=event_vector())
            .filter(document=SearchQuery("oslo", config="english"))
            .explain()
        )
        self.assertIn("timeline_event_search", plan)


@time_machine.travel(date(2026, 11, 27))
class SQLiteEventIndexTests(TestCase):
    """SQLite's full-text index of events follows every insert, edit and delete (triggers from migration 0012, which a
    later migration rebuilding the table would drop: this test would then fail)."""

    def setUp(self):
        if connection.vendor != "sqlite":
            self.skipTest("The FTS5 index of events exists on SQLite only.")

    def titles(self, q):
        response = self.client.get(reverse("pages:search"), {"q": q})
        return [hit.title for hit in response.context["hits"] if hit.kind == "Event"]

    def test_an_event_is_found_by_word_starts_accents_aside_and_follows_edits(self):
        from tests.timeline.factories import EventFactory

        event = EventFactory(title="Conférence de Genève", summary="Delegates met.", body="A *xylophone* concert.")
        self.assertEqual(self.titles("geneve"), ["Conférence de Genève"])
        self.assertEqual(self.titles("xylo concert"), ["Conférence de Genève"])
        self.assertEqual(self.titles("xylo violin"), [])

        event.title, event.body = "Marimba summit", "Nothing else."
        with self.captureOnCommitCallbacks(execute=True):  # committed: the page cache is renewed
            event.save()
        self.assertEqual(self.titles("xylo"), [])
        self.assertEqual(self.titles("marimba"), ["Marimba summit"])

        with self.captureOnCommitCallbacks(execute=True):
            event.delete()
        self.assertEqual(self.titles("marimba"), [])

    def test_the_search_reads_the_index_not_every_event(self):
        from timeline.search import indexed_event_match

        plan = indexed_event_match(Event.objects.published(), ["oslo"]).explain()
        self.assertIn("VIRTUAL TABLE INDEX", plan)
