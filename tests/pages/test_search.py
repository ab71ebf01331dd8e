"""Site search, on SQLite (its FTS5 index of events) and PostgreSQL (full-text search): CI runs this file on both."""

from datetime import date

import time_machine
from django.db import connection
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

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

    def test_every_language_read_has_its_index(self):
        """Each model's text in each language a search reads has its index, on this database: the migrations that
        build them (timeline 0014 and 0015) ran after the ones adding translated columns."""
        from django.conf import settings

        from core.search import document_languages
        from timeline.search import WEIGHTS, fts_table

        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename LIKE 'timeline_%%'")
            else:
                cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            names = {row[0] for row in cursor.fetchall()}
        for model in WEIGHTS:
            for language in {code for site, _ in settings.LANGUAGES for code in document_languages(model, site)}:
                suffix = language.replace("-", "_")
                expected = (
                    f"{model._meta.db_table}_search_{suffix}"
                    if connection.vendor == "postgresql"
                    else fts_table(model, language)
                )
                with self.subTest(model=model.__name__, language=language):
                    self.assertIn(expected, names)

    def test_uses_an_index_on_postgresql(self):
        if connection.vendor != "postgresql":
            self.skipTest("Full-text search indexes exist on PostgreSQL only.")
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename IN ('timeline_event', 'timeline_era')")
            names = {row[0] for row in cursor.fetchall()}
        self.assertTrue({"timeline_event_search_en", "timeline_era_search_en"} <= names)
        from timeline.search import full_text

        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        for language in ("en", "fr"):  # a French search reads the English text (no French columns yet)
            with self.subTest(language=language):
                plan = full_text(Event.objects.all(), "oslo", language).explain()
                self.assertIn("timeline_event_search_en", plan)


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

    def test_eras_and_anniversaries_are_found_accents_aside_and_follow_edits(self):
        from tests.timeline.factories import AnniversaryFactory, EraFactory

        era = EraFactory(title="Négociations d'Oslo", summary="Délégués réunis.")
        anniversary = AnniversaryFactory(title="Trente ans à Genève")
        found = {hit.title for hit in self.client.get(reverse("pages:search"), {"q": "negociations"}).context["hits"]}
        self.assertEqual(found, {"Négociations d'Oslo"})
        found = {hit.title for hit in self.client.get(reverse("pages:search"), {"q": "geneve"}).context["hits"]}
        self.assertEqual(found, {"Trente ans à Genève"})
        era.title = "Pourparlers"
        with self.captureOnCommitCallbacks(execute=True):
            era.save()
        with self.captureOnCommitCallbacks(execute=True):
            anniversary.delete()
        for q in ("negociations", "geneve"):
            self.assertEqual(self.client.get(reverse("pages:search"), {"q": q}).context["hits"], [])

    def test_the_search_reads_the_index_not_every_event(self):
        from timeline.search import indexed_event_match

        plan = indexed_event_match(Event.objects.published(), ["oslo"]).explain()
        self.assertIn("VIRTUAL TABLE INDEX", plan)


@time_machine.travel(date(2026, 11, 27))
class SearchInEveryLanguageTests(TestCase):
    """States by their name in any of the six languages, accents aside, and by former names; the results page in the
    language of its address. CI runs this on SQLite and PostgreSQL."""

    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()
        timeline_seed.load()

    def search(self, q, language="en", status=200):
        with translation.override(language):
            address = reverse("pages:search")
        response = self.client.get(address, {"q": q})
        self.assertEqual(response.status_code, status)
        return response

    def states(self, q, language="en"):
        return [hit.url for hit in self.search(q, language).context["hits"] if "/states/" in hit.url]

    def test_names_are_found_without_their_accents(self):
        self.assertEqual(self.states("cote"), ["/states/civ/"])
        self.assertEqual(self.states("Cote d'Ivoire"), ["/states/civ/"])
        self.assertContains(self.search("cote"), "Côte d&#x27;Ivoire")

    def test_turkiye_by_each_of_its_names(self):
        for q in ("turkiye", "Türkiye", "Turkey", "TÜRKİYE", "Turquie", "Turquía"):
            with self.subTest(q=q):
                self.assertEqual(self.states(q), ["/states/tur/"])

    def test_former_and_alternative_names(self):
        for q, address in [
            ("Swaziland", "/states/swz/"),
            ("Burma", "/states/mmr/"),
            ("Czech Republic", "/states/cze/"),  # not every republic: Czechia alone has both words in a name
            ("Ivory Coast", "/states/civ/"),
            ("Macedonia", "/states/mkd/"),
            ("Cape Verde", "/states/cpv/"),
            ("East Timor", "/states/tls/"),
            ("Zaire", "/states/cod/"),
            ("Vatican", "/states/vat/"),
        ]:
            with self.subTest(q=q):
                self.assertEqual(self.states(q), [address])

    def test_names_in_each_language_on_its_pages(self):
        for q, language, address in [
            ("Francia", "es", "/es/states/fra/"),
            ("Франция", "ru", "/ru/states/fra/"),
            ("法国", "zh-hans", "/zh-hans/states/fra/"),
            ("فرنسا", "ar", "/ar/states/fra/"),
            ("Tchéquie", "fr", "/fr/states/cze/"),
            ("تشيك", "ar", "/ar/states/cze/"),  # the Arabic name without its article (التشيك)
            ("Francia", "en", "/states/fra/"),  # any language's name, on any language's page
        ]:
            with self.subTest(q=q, language=language):
                self.assertEqual(self.states(q, language), [address])

    def test_the_results_name_states_in_the_page_language_and_link_to_its_pages(self):
        response = self.search("Allemagne", "fr")
        self.assertContains(response, '<a href="/fr/states/deu/">Allemagne</a>', html=True)
        response = self.search("Oslo", "fr")
        self.assertContains(response, 'href="/fr/timeline/oslo-diplomatic-conference/"')
        self.assertEqual([hit.url for hit in response.context["hits"] if not hit.url.startswith("/fr/")], [])
        self.assertContains(self.search("Norvège", "fr"), '<a href="/fr/states/nor/">Norvège</a>', html=True)

    def test_content_is_found_from_every_language_accents_aside(self):
        # French has the bundled translation; Arabic and Chinese find the English text they fall back to.
        for language, title in (
            ("en", "Oslo Diplomatic Conference"),
            ("fr", "Conférence diplomatique d’Oslo"),
            ("ar", "Oslo Diplomatic Conference"),
            ("zh-hans", "Oslo Diplomatic Conference"),
        ):
            with self.subTest(language=language):
                titles = [hit.title for hit in self.search("Oslo", language).context["hits"]]
                self.assertIn(title, titles)

    def test_content_is_found_accents_aside(self):
        from tests.timeline.factories import EventFactory

        EventFactory(title="Conférence de Genève", summary="Les délégués se réunissent.", body="Côte à côte.")
        with translation.override("fr"):
            event = translation.pgettext("search result", "Event")  # a result's kind is in the page's language
        for q in ("geneve", "Genève", "conference delegues", "cote"):
            with self.subTest(q=q):
                titles = [hit.title for hit in self.search(q, "fr").context["hits"] if hit.kind == event]
                self.assertIn("Conférence de Genève", titles)  # the bundled French texts may match too

    def test_chinese_content_is_found_by_a_word_inside_a_run_of_characters(self):
        """Chinese is written without spaces: "地雷" (mines) stands inside "杀伤人员地雷", a run of characters that
        neither PostgreSQL's `simple` configuration nor FTS5 splits into words. A search in Chinese finds it there,
        marks it in the snippet, and still needs every word; the English text it falls back to is found as before."""
        from tests.timeline.factories import EraFactory, EventFactory

        EventFactory(
            title="Mine ban opened for signature",
            title_zh_hans="禁止杀伤人员地雷公约开放签署",
            summary="States signed in Ottawa.",
            summary_zh_hans="各国在渥太华签署了禁止杀伤人员地雷公约。",
            location_zh_hans="加拿大渥太华",
        )
        EraFactory(title="Clearance", title_zh_hans="排雷", summary_zh_hans="缔约国清除已布设的杀伤人员地雷。")

        def found(q):  # each query once: a page asked for again comes from the page cache, without its context
            return {hit.title for hit in self.search(q, "zh-hans").context["hits"]}

        self.assertTrue({"禁止杀伤人员地雷公约开放签署", "排雷"} <= found("地雷"))
        for q in ("人员地雷", "渥太华 地雷", "禁止杀伤人员地雷公约开放签署"):
            with self.subTest(q=q):
                self.assertIn("禁止杀伤人员地雷公约开放签署", found(q))
        self.assertEqual(found("地雷 鸟类"), set())  # every word, as in every language
        self.assertContains(self.search("渥太华", "zh-hans"), "在<mark>渥太华</mark>签署")
        self.assertIn("Oslo Diplomatic Conference", found("Oslo"))  # English text, not yet translated

    def test_fts_syntax_and_long_input_never_fail(self):
        for q in [
            '"',
            '"Oslo',
            "Oslo*",
            "NEAR(Oslo",
            "NEAR(Oslo Ottawa, 2)",
            "-Oslo",
            "Oslo:",
            "title:Oslo",
            "^Oslo",
            "Oslo OR",
            "AND",
            "Oslo & | ! ( ) <->",
            "'",
            "\\",
            "%_",
            "Côte:*",
            "日本 -",
            "\x00",
        ]:
            with self.subTest(q=q):
                response = self.client.get(reverse("pages:search"), {"q": q})
                self.assertIn(response.status_code, (200, 400))
        for language in ("en", "ru"):
            self.search("Франция " * 40, language, status=400)  # over the limit: a message, not a 500
            self.search("x" * 199, language)

    def test_the_search_reads_a_bounded_number_of_queries(self):
        self.search("warm")  # the content version, which the page cache keys on, exists from then on
        # The content version, then one query per kind (States, events, eras, anniversaries, meetings), whatever
        # the language and however many States' names match.
        for language, q in [("en", "Oslo France"), ("fr", "Oslo République"), ("zh-hans", "法国 国")]:
            with translation.override(language):
                address = reverse("pages:search")
            with self.subTest(language=language), self.assertNumQueries(6):
                self.client.get(address, {"q": q})
