"""
The six languages (issue 19, its foundation): addresses per language, the language taken from the address only,
`lang` and `dir`, the switcher and the hreflang alternates, the sitemap's alternates, the page cache per language,
State names and dates in the active language.
"""

import re
from datetime import date
from types import SimpleNamespace

from babel.messages.pofile import read_po
from django.conf import settings
from django.test import RequestFactory, SimpleTestCase, TestCase
from django.urls import reverse
from django.utils import translation

from core import locale
from core.cache import page_key
from core.dates import long_date
from tests.utils import page_queries
from treaty import seed as treaty_seed
from treaty.models import State

LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh-hans"]


class LanguageAddressTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()

    def test_the_six_languages_are_the_conventions(self):
        self.assertEqual([code for code, _ in settings.LANGUAGES], LANGUAGES)
        self.assertEqual(settings.LANGUAGE_CODE, "en")

    def test_each_language_has_its_home_page_with_its_lang(self):
        for code in LANGUAGES:
            with self.subTest(code=code):
                address = "/" if code == "en" else f"/{code}/"
                response = self.client.get(address)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, f'<html lang="{code}"' + (' dir="rtl">' if code == "ar" else ">"))
                self.assertEqual(response["Content-Language"], code)

    def test_arabic_pages_are_right_to_left(self):
        self.assertContains(self.client.get("/ar/"), '<html lang="ar" dir="rtl">')
        self.assertContains(self.client.get("/ar/states/"), '<html lang="ar" dir="rtl">')
        self.assertNotContains(self.client.get("/fr/"), 'dir="rtl">\n<head>')

    def test_a_state_page_in_french_has_the_states_name_and_french_dates(self):
        response = self.client.get("/fr/states/fra/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<h1>France</h1>", html=True)
        self.assertContains(response, '<time datetime="1998-07-23">23 juillet 1998</time>', html=True)
        self.assertContains(self.client.get("/es/states/fra/"), "<h1>Francia</h1>", html=True)
        self.assertContains(self.client.get("/ar/states/fra/"), "<h1>فرنسا</h1>", html=True)

    def test_unknown_and_staff_prefixes_are_not_found(self):
        for address in ("/xx/", "/xx/states/", "/de/", "/en/", "/fr/admin/", "/fr/exports/", "/fr/robots.txt"):
            with self.subTest(address=address):
                self.assertEqual(self.client.get(address).status_code, 404)
        for address in ("/fr/sitemap.xml", "/fr/healthz"):
            with self.subTest(address=address):
                self.assertEqual(self.client.get(address).status_code, 404)

    def test_a_missing_page_answers_in_the_language_of_its_address(self):
        response = self.client.get("/fr/no-such-page/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, '<html lang="fr">', status_code=404)
        # It matched no view: the switcher offers each language's home page.
        self.assertContains(
            response, '<a href="/ar/" lang="ar" hreflang="ar" dir="rtl">العربية</a>', status_code=404, html=True
        )

    def test_accept_language_changes_nothing_no_redirect_and_no_cookie(self):
        for address in ("/", "/states/", "/states/fra/"):
            with self.subTest(address=address):
                response = self.client.get(address, headers={"accept-language": "fr-FR,fr;q=0.9"})
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, '<html lang="en">')
                self.assertNotIn("Set-Cookie", response.headers)
                self.assertFalse(response.cookies)
                self.assertNotIn("Accept-Language", response.get("Vary", ""))
        self.assertFalse(self.client.cookies)

    def test_the_admin_stays_in_english(self):
        response = self.client.get(reverse("admin:login"), headers={"accept-language": "fr"})
        self.assertContains(response, '<html lang="en"')

    def test_a_french_request_leaves_the_active_language_as_it_was(self):
        self.client.get("/fr/states/")
        self.assertEqual(reverse("treaty:state-list"), "/states/")
        self.assertEqual(translation.get_language(), settings.LANGUAGE_CODE)


class SwitcherAndAlternatesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()

    def test_the_switcher_links_to_the_same_page_in_each_other_language(self):
        html = self.client.get("/states/fra/").content.decode()
        switcher = html[html.index('<nav class="languages"') :]
        switcher = switcher[: switcher.index("</nav>")]
        self.assertInHTML('<span class="current" lang="en">English</span>', switcher)
        for code, name in settings.LANGUAGES[1:]:
            rtl = ' dir="rtl"' if code == "ar" else ""
            with self.subTest(code=code):
                self.assertInHTML(
                    f'<a href="/{code}/states/fra/" lang="{code}" hreflang="{code}"{rtl}>{name}</a>', switcher
                )
        french = self.client.get("/fr/states/fra/")
        self.assertContains(french, '<a href="/states/fra/" lang="en" hreflang="en">English</a>', html=True)
        self.assertContains(french, '<span class="current" lang="fr">Français</span>', html=True)

    def test_every_page_head_has_the_six_alternates_and_x_default(self):
        for address, english in (("/fr/states/fra/", "/states/fra/"), ("/", "/"), ("/ottawa-process/", None)):
            english = english or address
            with self.subTest(address=address):
                html = self.client.get(address).content.decode()
                head = html[: html.index("</head>")]
                alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head)
                self.assertEqual([code for code, _ in alternates], [LANGUAGES[0], "x-default", *LANGUAGES[1:]])
                found = dict(alternates)
                self.assertEqual(found["x-default"], f"http://testserver{english}")
                self.assertEqual(found["en"], f"http://testserver{english}")
                self.assertEqual(found["zh-hans"], f"http://testserver/zh-hans{english}")

    def test_the_sitemap_lists_each_language_with_its_alternates(self):
        sitemap = self.client.get("/sitemap-pages.xml").content.decode()
        self.assertIn('xmlns:xhtml="http://www.w3.org/1999/xhtml"', sitemap)
        for code in LANGUAGES:
            prefix = "" if code == "en" else f"/{code}"
            with self.subTest(code=code):
                self.assertIn(f"<loc>http://testserver{prefix}/states/</loc>", sitemap)
                self.assertIn(
                    f'<xhtml:link rel="alternate" hreflang="{code}" href="http://testserver{prefix}/states/"/>', sitemap
                )
        self.assertIn('<xhtml:link rel="alternate" hreflang="x-default" href="http://testserver/states/"/>', sitemap)

    def test_robots_txt_keeps_crawlers_out_of_every_languages_search(self):
        robots = self.client.get("/robots.txt").content.decode()
        for code in LANGUAGES[1:]:
            with self.subTest(code=code):
                self.assertIn(f"Disallow: /{code}/search/\n", robots)
                self.assertIn(f"Disallow: /{code}/states/?\n", robots)


class PageCachePerLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()

    def test_the_page_key_differs_per_language(self):
        factory = RequestFactory()
        self.assertNotEqual(page_key(factory.get("/states/")), page_key(factory.get("/fr/states/")))

    def test_a_cached_english_page_is_never_served_for_french_and_back(self):
        self.assertContains(self.client.get("/states/"), '<html lang="en">')
        self.assertContains(self.client.get("/fr/states/"), '<html lang="fr">')
        # Both are cached now: each address gets its own page again, from the cache.
        with page_queries(self, 0):
            self.assertContains(self.client.get("/states/"), '<html lang="en">')
        with page_queries(self, 0):
            self.assertContains(self.client.get("/fr/states/"), '<html lang="fr">')


class NamesAndDatesTests(TestCase):
    def test_state_names_come_from_the_cldr_and_english_keeps_the_un_short_names(self):
        turkiye = SimpleNamespace(iso2="TR", name="Türkiye")
        expected = {"en": "Türkiye", "fr": "Turquie", "es": "Turquía", "ru": "Турция", "zh-hans": "土耳其"}
        with self.assertNumQueries(0):
            for code, name in expected.items():
                with self.subTest(code=code), translation.override(code):
                    self.assertEqual(locale.state_name(turkiye), name)

    def test_a_state_the_cldr_names_as_a_territory_keeps_our_name(self):
        palestine = SimpleNamespace(iso2="PS", name="State of Palestine")
        with translation.override("fr"):
            self.assertEqual(locale.state_name(palestine), "State of Palestine")
            self.assertEqual(locale.state_name(SimpleNamespace(iso2="", name="Nowhere")), "Nowhere")

    def test_region_names(self):
        with translation.override("fr"):
            self.assertEqual(locale.region_name("africa", "Africa"), "Afrique")
            self.assertEqual(locale.region_name("americas", "Americas"), "Amériques")
        with translation.override("en"):
            self.assertEqual(locale.region_name("africa", "Africa"), "Africa")

    def test_sub_region_names_come_from_the_cldr_too(self):
        with translation.override("fr"):
            self.assertEqual(locale.sub_region_name("Western Europe"), "Europe de l’Ouest")
            self.assertEqual(locale.sub_region_name("South-eastern Asia"), "Asie du Sud-Est")  # the UN's name for 035
            self.assertEqual(locale.sub_region_name("Nowhere"), "Nowhere")
        with translation.override("en"):
            self.assertEqual(locale.sub_region_name("South-eastern Asia"), "South-eastern Asia")

    def test_every_bundled_state_has_a_name_in_every_non_latin_script(self):
        treaty_seed.load()
        states = list(State.objects.all())
        for code in ("ar", "ru", "zh-hans"):
            with self.subTest(code=code), translation.override(code):
                # Only the codes CLDR names as a territory read as our English name.
                english = {state.iso2 for state in states if locale.state_name(state) == state.name}
                self.assertEqual(english, set(locale.NOT_THE_STATE))

    def test_a_period_still_running_is_written_in_the_active_language(self):
        from core.dates import Dates

        running = Dates(date(1999, 3, 1), precision="year", ongoing=True)
        with translation.override("fr"):
            self.assertEqual(running.text, "depuis 1999")
            self.assertEqual(str(running), 'depuis <time datetime="1999">1999</time>')
        with translation.override("en"):
            self.assertEqual(running.text, "1999 onward")
            self.assertEqual(str(running), '<time datetime="1999">1999</time> onward')

    def test_month_names_follow_the_active_language(self):
        day = date(1997, 12, 3)
        cases = {
            "en": "3 December 1997",
            "fr": "3 décembre 1997",
            "ar": "3 ديسمبر 1997",
            "ru": "3 декабря 1997\u202fг.",
        }
        for code, written in cases.items():
            with self.subTest(code=code), translation.override(code):
                self.assertEqual(long_date(day), written)


class InterfaceTranslationTests(TestCase):
    def test_the_chrome_is_in_the_language_of_the_address(self):
        expected = {
            "/fr/": ("Aller au contenu principal", "Chronologie", "Langues"),
            "/es/": ("Saltar al contenido principal", "Cronología", "Idiomas"),
            "/ar/": ("الانتقال إلى المحتوى الرئيسي", "التسلسل الزمني", "اللغات"),
            "/ru/": ("Перейти к основному содержанию", "Хронология", "Языки"),
            "/zh-hans/": ("跳到主要内容", "大事记", "语言"),
        }
        for address, words in expected.items():
            with self.subTest(address=address):
                response = self.client.get(address)
                for text in words:
                    self.assertContains(response, text)
                # What is not translated yet says so.
                self.assertContains(response, 'class="untranslated-note"')
        self.assertNotContains(self.client.get("/"), 'class="untranslated-note"')

    def test_error_pages_are_in_the_language_of_the_address(self):
        response = self.client.get("/fr/no-such-page/")
        self.assertContains(response, "<h1>Page introuvable</h1>", status_code=404, html=True)
        self.assertContains(response, '<a href="/fr/">Aller à la page d’accueil</a>', status_code=404, html=True)


class CatalogueTests(SimpleTestCase):
    def test_every_message_of_our_catalogues_is_translated_and_not_fuzzy(self):
        """
        Every message in our five catalogues (locale/<language>/LC_MESSAGES/django.po; English is the source) has a
        translation, in every plural form, and none is fuzzy. It sees what is marked for translation: the chrome, every
        public template and the Python strings visitors read (the admin's are left out: the admin is English).
        """
        for code in LANGUAGES[1:]:
            language = translation.to_locale(code)
            with self.subTest(language=language):
                path = settings.LOCALE_PATHS[0] / language / "LC_MESSAGES" / "django.po"
                with path.open("rb") as po:
                    catalogue = read_po(po)
                messages = [message for message in catalogue if message.id]
                self.assertGreater(len(messages), 30)
                self.assertFalse(catalogue.fuzzy, "the header is fuzzy")
                for message in messages:
                    strings = message.string if isinstance(message.string, tuple) else (message.string,)
                    self.assertTrue(all(strings), f"{language}: not translated: {message.id!r}")
                    self.assertNotIn("fuzzy", message.flags, f"{language}: fuzzy: {message.id!r}")


class EnglishOnlyPagesTests(TestCase):
    def test_a_staff_page_at_the_root_only_offers_no_other_language(self):
        from tests.utils import staff_user

        self.client.force_login(staff_user("exporter", is_superuser=True))
        response = self.client.get(reverse("exports:index"))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'class="languages"')
        self.assertNotContains(response, 'hreflang="fr"')
