"""
Editorial content in six languages (issue 19): each text has a version per language, edited side by side in the
admin, recorded and restored by the history, exported with `lang`, seeded from translation files; a page shows the
English, marked lang="en" with a note, where a translation is missing.
"""

import csv
import io
import shutil
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from meetings.models import Meeting
from tests.exports.utils import AdminImportMixin, body, exporter, make_user, parse_csv
from tests.timeline.factories import (
    CategoryFactory,
    EraFactory,
    EventFactory,
    EventImageFactory,
    EventSourceFactory,
)
from tests.treaty.factories import StateFactory
from tests.utils import admin_form_data, staff_user
from timeline.models import Anniversary, Category, Era, Event

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "translations"
COLUMNS = ["en", "fr", "es", "ar", "ru", "zh_hans"]


def url_in(lang, name, **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs)


class TranslatedPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.event = EventFactory(
            title="Ottawa strategy conference", summary="Some fifty governments meet in Ottawa.", location="Ottawa"
        )
        cls.event.title_fr = "Conférence stratégique d’Ottawa"
        cls.event.save()

    def test_the_french_page_shows_the_french_title(self):
        response = self.client.get(url_in("fr", "timeline:event-detail", slug=self.event.slug))
        self.assertContains(response, "<h1>Conférence stratégique d’Ottawa</h1>", html=True)

    def test_a_missing_translation_shows_the_english_marked_with_a_note_in_the_pages_language(self):
        response = self.client.get(url_in("fr", "timeline:event-detail", slug=self.event.slug))
        self.assertContains(
            response,
            '<p class="lede"><span lang="en">Some fifty governments meet in Ottawa.</span> '
            '<small class="untranslated">(pas encore traduit)</small></p>',
            html=True,
        )
        spanish = self.client.get(url_in("es", "timeline:event-list"))
        self.assertContains(
            spanish,
            f'<a href="{url_in("es", "timeline:event-detail", slug=self.event.slug)}">'
            '<span lang="en">Ottawa strategy conference</span> '
            '<small class="untranslated">(aún sin traducir)</small></a>',
            html=True,
        )

    def test_untranslated_markdown_is_the_sanitised_english_in_a_marked_block(self):
        era = EraFactory(
            title="Implementation", slug="implementation", introduction="The **ban** holds.<script>x</script>"
        )
        response = self.client.get(url_in("fr", "timeline:era-detail", slug=era.slug))
        self.assertContains(
            response,
            '<div class="prose era-introduction"><div lang="en"><p>The <strong>ban</strong> holds.</p></div>'
            '<p class="untranslated"><small>(pas encore traduit)</small></p></div>',
            html=True,
        )
        self.assertNotContains(response, "<script>x")

    def test_english_pages_are_not_marked(self):
        EventSourceFactory(event=self.event, title="Chair's summary")
        response = self.client.get(url_in("en", "timeline:event-detail", slug=self.event.slug))
        self.assertContains(response, "<h1>Ottawa strategy conference</h1>", html=True)
        self.assertContains(response, "<title>Ottawa strategy conference (")
        self.assertContains(response, '<meta name="description" content="Some fifty governments meet in Ottawa.">')
        self.assertNotContains(response, 'class="untranslated"')
        self.assertNotContains(response, '<span lang="en">')

    def test_title_description_and_share_texts_follow_the_english_with_the_note(self):
        # No markup there: the page's plain texts read as its heading does, "English (not yet translated)".
        self.event.summary = " ".join(["Some fifty governments meet in Ottawa."] * 10)
        self.event.save()
        response = self.client.get(url_in("fr", "timeline:event-detail", slug=self.event.slug))
        self.assertContains(response, "<title>Conférence stratégique d’Ottawa (")  # translated: no note
        self.assertContains(response, f'<meta name="description" content="{self.event.summary} (pas encore traduit)">')
        self.assertContains(
            response,
            f'<meta property="og:description" content="{self.event.summary[:299]}… (pas encore traduit)">',
        )
        self.assertContains(response, '<meta property="og:title" content="Conférence stratégique d’Ottawa">')
        arabic = self.client.get(url_in("ar", "timeline:event-detail", slug=self.event.slug))
        self.assertContains(arabic, "<title>Ottawa strategy conference (لم يُترجَم بعد) ")
        self.assertContains(arabic, '<meta property="og:title" content="Ottawa strategy conference (لم يُترجَم بعد)">')

    def test_a_menu_option_in_english_says_so(self):
        category = CategoryFactory(name="Conference", slug="conference")
        category.name_fr = "Conférence"
        category.save()
        french = self.client.get(url_in("fr", "timeline:event-list"))
        self.assertContains(french, '<option value="conference">Conférence</option>', html=True)
        arabic = self.client.get(url_in("ar", "timeline:event-list"))
        self.assertContains(arabic, '<option value="conference" lang="en">Conference</option>', html=True)

    def test_sources_credits_and_data_notes_are_marked_english(self):
        EventSourceFactory(event=self.event, title="Chair's summary", url="https://example.org/summary")
        EventImageFactory(event=self.event, credit="© Example Photo Agency", caption="")
        response = self.client.get(url_in("fr", "timeline:event-detail", slug=self.event.slug))
        # A document's title is its own, and a credit its owner's: English, not a text waiting for its translation.
        self.assertContains(
            response,
            '<a href="https://example.org/summary" rel="external noopener noreferrer">'
            '<span lang="en">Chair\'s summary</span></a>',
            html=True,
        )
        self.assertContains(
            response, '<span class="credit"><span lang="en">© Example Photo Agency</span></span>', html=True
        )


class TranslationAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = staff_user("editor", "Editors")
        cls.event = EventFactory(title="Ottawa strategy conference", summary="Governments meet.")

    def setUp(self):
        self.client.force_login(self.editor)

    def change_url(self):
        return reverse("admin:timeline_event_change", args=[self.event.pk])

    def test_the_change_form_shows_the_six_versions_of_each_text_one_beside_the_other(self):
        page = self.client.get(self.change_url()).content.decode()
        for field in ("title", "location", "summary", "body"):
            positions = [page.find(f'name="{field}_{lang}"') for lang in COLUMNS]
            with self.subTest(field):
                self.assertNotIn(-1, positions)
                self.assertEqual(positions, sorted(positions))  # en, fr, es, ar, ru, zh-hans in a row
        self.assertIn('value="Ottawa strategy conference"', page)  # the English box holds the existing text

    def test_saving_keeps_each_language(self):
        response = self.client.get(self.change_url())
        data = admin_form_data(response, title_fr="Conférence d’Ottawa", summary_es="Los gobiernos se reúnen.")
        self.assertEqual(self.client.post(self.change_url(), data).status_code, 302)
        self.event.refresh_from_db()
        self.assertEqual(
            (self.event.title_en, self.event.title_fr, self.event.summary_es, self.event.title_ru),
            ("Ottawa strategy conference", "Conférence d’Ottawa", "Los gobiernos se reúnen.", None),
        )

    def test_reverting_to_an_old_version_restores_its_french(self):
        for title in ("Conférence d’Ottawa", "Une autre traduction"):
            data = admin_form_data(self.client.get(self.change_url()), title_fr=title)
            self.assertEqual(self.client.post(self.change_url(), data).status_code, 302)
        old = self.event.history.filter(title_fr="Conférence d’Ottawa").latest()
        url = reverse("admin:timeline_event_simple_history", args=[self.event.pk, old.history_id])
        self.assertEqual(self.client.post(url, admin_form_data(self.client.get(url))).status_code, 302)
        self.event.refresh_from_db()
        self.assertEqual(self.event.title_fr, "Conférence d’Ottawa")
        self.assertEqual(self.event.history.latest().title_fr, "Conférence d’Ottawa")


class LanguageExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = exporter()
        cls.event = EventFactory(title="Ottawa strategy conference", summary="Governments meet.")
        cls.event.title_fr = "Conférence stratégique d’Ottawa"
        cls.event.save()
        StateFactory(name="Germany", iso2="DE", iso3="DEU")

    def setUp(self):
        self.client.force_login(self.user)

    def export(self, name, query):
        response = self.client.get(f"{reverse('exports:download', args=[name])}?format=csv{query}")
        self.assertEqual(response.status_code, 200)
        return parse_csv(body(response))

    def test_lang_adds_the_translated_columns_and_keeps_the_others(self):
        plain = self.export("events", "")
        (row,) = self.export("events", "&lang=fr")
        self.assertEqual(list(row)[: len(plain[0])], list(plain[0]))  # the same columns first, in the same order
        self.assertEqual(row["title"], "Ottawa strategy conference")
        self.assertEqual(row["title_fr"], "Conférence stratégique d’Ottawa")
        self.assertEqual(row["summary_fr"], "")  # not yet translated
        self.assertIn("category_name_fr", row)
        self.assertNotIn("title_fr", plain[0])

    def test_state_names_in_the_language_come_from_the_cldr(self):
        (row,) = self.export("states", "&lang=fr")
        self.assertEqual((row["name"], row["name_fr"]), ("Germany", "Allemagne"))
        self.assertIn("public_note_fr", row)

    def test_an_unknown_language_is_a_message_not_an_error(self):
        response = self.client.get(f"{reverse('exports:download', args=['events'])}?format=csv&lang=xx")
        self.assertContains(response, "Translations:", status_code=400)

    def test_the_index_offers_the_languages(self):
        response = self.client.get(reverse("exports:index"))
        self.assertContains(response, '<option value="fr" lang="fr">Français (fr)</option>', html=True)


def run_seed(**options):
    call_command("seed", stdout=StringIO(), **options)


class SeedTranslationTests(TestCase):
    """The seed reads <app>/data/translations/<lang>/<model>.csv; here the fixtures' small files stand in for them."""

    @classmethod
    def setUpTestData(cls):
        cls.directory = Path(tempfile.mkdtemp())
        shutil.copytree(FIXTURES, cls.directory, dirs_exist_ok=True)
        with cls.translations():
            run_seed()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(cls.directory, ignore_errors=True)

    @classmethod
    def translations(cls):
        patch_timeline = mock.patch("timeline.seed.TRANSLATIONS", cls.directory / "timeline")
        patch_meetings = mock.patch("meetings.seed.TRANSLATIONS", cls.directory / "meetings")

        class Both:
            def __enter__(self):
                patch_timeline.start()
                patch_meetings.start()

            def __exit__(self, *exc):
                patch_timeline.stop()
                patch_meetings.stop()

        return Both()

    def test_the_files_fill_the_translations_and_leave_the_rest_untranslated(self):
        event = Event.objects.get(slug="ottawa-strategy-conference")
        self.assertEqual(event.title_en, "Ottawa strategy conference")
        self.assertEqual(event.title_fr, "Conférence stratégique d’Ottawa")
        self.assertEqual(event.title_es, "Conferencia estratégica de Ottawa")
        self.assertTrue(event.summary_fr.startswith("Une cinquantaine"))
        self.assertIsNone(event.summary_es)
        self.assertIsNone(event.title_ar)
        self.assertIsNone(Event.objects.filter(meeting=None).exclude(pk=event.pk).exclude(title_fr=None).first())
        self.assertEqual(Era.objects.get(slug="ottawa-process").title_fr, "Le processus d’Ottawa")
        self.assertEqual(Category.objects.get(slug="conference").name_fr, "Conférence")
        self.assertEqual(Anniversary.objects.get(years=20).title_fr, "Vingt ans d’interdiction")
        meeting = Meeting.objects.get(code="1MSP")
        self.assertEqual(meeting.outcome_fr, "Les États parties ont adopté la déclaration de Maputo.")
        self.assertEqual(meeting.event.summary_fr, meeting.outcome_fr)  # its timeline event follows
        self.assertEqual(meeting.event.location_fr, "Maputo, Mozambique")  # the city translated, the State CLDR's
        self.assertTrue(meeting.event.title_fr.endswith("(1MSP), Maputo"))
        self.assertNotEqual(meeting.event.title_fr, meeting.event.title_en)
        self.assertIsNone(Meeting.objects.get(code="2MSP").event.title_fr)  # no city in French: not yet translated

    def test_the_french_era_page_renders_the_translated_markdown(self):
        response = self.client.get(url_in("fr", "timeline:ottawa-process"))
        self.assertContains(response, "<strong>des États et la société civile</strong>", html=True)

    def test_a_changed_file_updates_the_seeded_record_but_not_an_editors_translation(self):
        events = self.directory / "timeline" / "fr" / "events.csv"
        self.addCleanup(events.write_bytes, events.read_bytes())  # the other tests read the file as bundled
        events.write_text(
            "slug,title\n"
            "ottawa-strategy-conference,La conférence d’Ottawa\n"
            "vienna-experts-discuss-draft-text,Des experts discutent du projet à Vienne\n",
            encoding="utf-8",
        )
        vienna = Event.objects.get(slug="vienna-experts-discuss-draft-text")
        vienna.title_fr = "Traduction d’un éditeur"
        vienna.save()

        with self.translations():
            run_seed()
        self.assertEqual(Event.objects.get(slug="ottawa-strategy-conference").title_fr, "La conférence d’Ottawa")
        self.assertIsNone(Event.objects.get(slug="ottawa-strategy-conference").summary_fr)  # dropped from the file
        self.assertEqual(Event.objects.get(pk=vienna.pk).title_fr, "Traduction d’un éditeur")  # kept

        with self.translations():
            run_seed(overwrite=True)
        self.assertEqual(Event.objects.get(pk=vienna.pk).title_fr, "Des experts discutent du projet à Vienne")

    def test_reseeding_without_translation_files_changes_nothing(self):
        before = list(Event.objects.order_by("pk").values_list("pk", "seed_checksum", "title_fr"))
        with self.translations():
            run_seed()
        self.assertEqual(list(Event.objects.order_by("pk").values_list("pk", "seed_checksum", "title_fr")), before)


class TranslatedSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.event = EventFactory(title="Ottawa strategy conference", summary="Governments meet.")
        cls.event.title_fr = "Conférence stratégique d’Ottawa"
        cls.event.save()
        cls.era = EraFactory(title="The Ottawa Process", slug="ottawa-process", summary="From October 1996.")

    def titles(self, lang, q):
        response = self.client.get(url_in(lang, "pages:search"), {"q": q})
        self.assertEqual(response.status_code, 200)
        return [hit.title for hit in response.context["hits"]]

    def test_a_search_in_french_reads_the_french_texts_and_the_english_of_the_untranslated(self):
        self.assertIn("Conférence stratégique d’Ottawa", self.titles("fr", "stratégique"))
        self.assertIn("The Ottawa Process", self.titles("fr", "process"))  # not yet translated: found in English
        self.assertNotIn("Ottawa strategy conference", self.titles("en", "stratégique"))


class TranslatedImportTests(AdminImportMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.importer = make_user("importer", superuser=True)
        cls.event = EventFactory(title="Signing conference", slug="signing-conference", summary="Ministers sign.")
        cls.event.title_fr = "Conférence de signature"
        cls.event.save()

    def setUp(self):
        self.client.force_login(self.importer)

    def exported(self):
        url = reverse("exports:download", args=["events"])
        return body(self.client.get(url, {"format": "csv", "lang": "fr"}))

    def test_the_french_export_imports_back_unchanged_and_a_french_cell_changes_that_language(self):
        preview = self.upload(Event, self.exported(), "events.csv")
        self.assertEqual(preview.context["preview_counts"]["unchanged"], 1)

        rows = list(csv.reader(io.StringIO(self.exported().decode("utf-8-sig"), newline="")))
        header, data = rows[0], rows[1:]
        data[0][header.index("summary_fr")] = "Les ministres signent."
        out = io.StringIO()
        csv.writer(out).writerows([header, *data])
        preview = self.upload(Event, out.getvalue().encode(), "events.csv")
        (row,) = preview.context["preview_rows"]
        self.assertEqual(row["changes"], [("summary_fr", "", "Les ministres signent.")])
        self.confirm(Event, preview)
        self.event.refresh_from_db()
        self.assertEqual(
            (self.event.summary_en, self.event.summary_fr, self.event.title_fr),
            ("Ministers sign.", "Les ministres signent.", "Conférence de signature"),
        )
