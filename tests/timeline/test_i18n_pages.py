"""
The timeline's and the top floor's pages in other languages (issue 19): the timeline, an event, an era, the Ottawa
Process, the anniversaries, the home page, search and the Atom feed speak the language of their address — headings,
labels, figures, plurals, ordinals and messages — and English is left only to the editorial content.
"""

import xml.etree.ElementTree as ET
from datetime import date

import time_machine
from django.db import connection
from django.test import SimpleTestCase, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from timeline.dates import Precision
from timeline.models import anniversary_ordinal
from treaty import seed as treaty_seed

from .factories import AnniversaryFactory, CategoryFactory, EraFactory, EventFactory, EventSourceFactory

NBSP = "\N{NO-BREAK SPACE}"  # French puts one before “:” and “;” and inside « »
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


class TranslatedPagesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()
        EraFactory(
            title="The Ottawa Process",
            short_title="Ottawa Process",
            slug="ottawa-process",
            start_date=date(1996, 10, 1),
            end_date=date(1997, 12, 31),
        )
        EraFactory(
            title="Implementation",
            slug="implementation",
            start_date=date(1999, 3, 2),
            end_date=None,
            period_precision=Precision.YEAR,
        )
        conference = CategoryFactory(name="Conference", slug="conference")
        cls.signing = EventFactory(
            title="Ottawa signing conference",
            date=date(1997, 12, 3),
            end_date=date(1997, 12, 4),
            featured=True,
            category=conference,
        )
        EventSourceFactory(event=cls.signing, title="Treaty text", url="https://example.org/treaty")
        EventFactory(title="Sri Lanka accedes", date=date(2017, 12, 13), category=conference)
        EventFactory(title="Before any era", date=date(1985, 1, 1), date_precision=Precision.YEAR, category=conference)
        AnniversaryFactory(years=15, title="Fifteen years on")
        AnniversaryFactory(years=20, title="Twenty years of the ban")
        AnniversaryFactory(years=30, title="Thirty years")

    def assertAllIn(self, response, texts, status_code=200):
        for text in texts:
            self.assertContains(response, text, status_code=status_code)

    def assertNoneIn(self, response, texts, status_code=200):
        for text in texts:
            self.assertNotContains(response, text, status_code=status_code)


@time_machine.travel("2026-11-27")
class TimelinePageTests(TranslatedPagesTestCase):
    ENGLISH = (
        "<h1>Timeline</h1>",
        "From the first campaigners",
        "All categories",
        "All eras",
        "From year",
        "Show events",
        "Key moment",
        "Other events",
        "3 events",
        "Atom feed",
    )

    def test_in_french(self):
        response = self.client.get("/fr/timeline/")
        self.assertContains(response, "<h1>Chronologie</h1>", html=True)
        self.assertContains(response, '<button type="submit">Afficher les événements</button>', html=True)
        self.assertContains(response, '<label for="id_category">Catégorie</label>', html=True)
        self.assertContains(response, '<label for="id_from">De l’année</label>', html=True)
        self.assertAllIn(response, ["Toutes les catégories", "Toutes les périodes", "Moment clé", "Autres événements"])
        self.assertContains(response, '<p class="muted" role="status">3 événements.</p>', html=True)
        self.assertContains(response, 'aria-label="Filtrer la chronologie"')
        self.assertContains(response, '<a href="/fr/timeline/feed/" type="application/atom+xml">flux Atom</a>')
        # An era still running, as the period is written in French.
        self.assertContains(response, 'depuis <time datetime="1999">1999</time>', html=True)
        self.assertNoneIn(response, self.ENGLISH)

    def test_in_arabic(self):
        response = self.client.get("/ar/timeline/")
        self.assertContains(response, "<h1>التسلسل الزمني</h1>", html=True)
        self.assertContains(response, '<button type="submit">عرض الأحداث</button>', html=True)
        self.assertAllIn(response, ["جميع الفئات", "جميع المراحل", "لحظة فارقة", "أحداث أخرى", "3 أحداث."])
        self.assertNoneIn(response, self.ENGLISH)

    def test_a_filtered_count_follows_each_languages_plural(self):
        self.assertContains(self.client.get("/fr/timeline/?category=conference"), "3 événements correspondent à ces")
        self.assertContains(self.client.get("/ru/timeline/?category=conference"), "3 события соответствуют этим")
        self.assertContains(self.client.get("/ar/timeline/?category=conference"), "3 أحداث تطابق عوامل التصفية")

    def test_bad_filters_are_explained_in_the_language_of_the_page(self):
        response = self.client.get("/fr/timeline/?from=2000&to=1990")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "<h2>Ces filtres ne peuvent pas être utilisés</h2>", status_code=400, html=True)
        self.assertContains(
            response,
            f"«{NBSP}De l’année{NBSP}» (2000) vient après «{NBSP}À l’année{NBSP}» (1990){NBSP}: inversez-les.",
            status_code=400,
        )
        self.assertNotContains(response, "swap them", status_code=400)

        response = self.client.get("/ar/timeline/?from=1800&category=nothing")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "لا توجد فئة بهذا الاسم. اختر فئة من القائمة.", status_code=400)
        # Django's own message, from its Arabic catalogue, under our label.
        self.assertContains(response, "من سنة: تحقق من أن تكون هذه القيمة أكثر من 1900 أو مساوية لها.", status_code=400)
        self.assertNoneIn(response, ["There is no such category", "Ensure this value"], status_code=400)

    def test_a_page_out_of_range_is_explained(self):
        response = self.client.get("/fr/timeline/?page=9")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "<h2>Il n’y a pas de page 9</h2>", status_code=404, html=True)
        self.assertAllIn(response, ["Ces événements tiennent sur une seule page.", "Aller à la première page"], 404)

    def test_a_french_page_costs_the_queries_of_the_english_one(self):
        self.client.get("/ottawa-process/")  # what a process asks once, whatever the page (the content version…)
        with CaptureQueriesContext(connection) as english:
            self.client.get("/timeline/")
        with CaptureQueriesContext(connection) as french:
            self.client.get("/fr/timeline/")
        self.assertEqual(len(french), len(english))


@time_machine.travel("2026-11-27")
class EventPageTests(TranslatedPagesTestCase):
    def test_in_french(self):
        response = self.client.get("/fr/timeline/ottawa-signing-conference/")
        self.assertContains(
            response,
            "<title>Ottawa signing conference (pas encore traduit) (3–4 décembre 1997) · Chronologie · ",
            count=1,
        )
        for term in ("Date", "Lieu", "Catégorie", "Période"):
            self.assertContains(response, f"<dt>{term}</dt>", html=True)
        self.assertContains(response, "<h2>Sources</h2>", html=True)
        self.assertContains(response, 'aria-label="Événements précédent et suivant"')
        self.assertContains(response, f'<span class="muted">Précédent{NBSP}: 1985</span>', html=True)
        self.assertContains(response, f'<span class="muted">Suivant{NBSP}: 13 décembre 2017</span>', html=True)
        self.assertNoneIn(response, ["<dt>Place</dt>", "Key moment", "Previous:", "Next:", "· Timeline ·"])

    def test_in_arabic(self):
        response = self.client.get("/ar/timeline/ottawa-signing-conference/")
        for term in ("التاريخ", "المكان", "الفئة", "المرحلة"):
            self.assertContains(response, f"<dt>{term}</dt>", html=True)
        self.assertContains(response, "<h2>المصادر</h2>", html=True)
        self.assertContains(response, '<span class="muted">السابق: 1985</span>', html=True)
        self.assertNoneIn(response, ["<dt>Date</dt>", "<h2>Sources</h2>", "Key moment", "Previous:"])


@time_machine.travel("2026-11-27")
class EraPageTests(TranslatedPagesTestCase):
    def test_the_ottawa_process_in_french(self):
        response = self.client.get("/fr/ottawa-process/")
        self.assertContains(response, 'aria-label="La Convention aujourd’hui"')
        self.assertContains(
            response, '<span class="label">États sont parties à la Convention aujourd’hui</span>', html=True
        )
        self.assertContains(response, '<span class="label">États se sont retirés</span>', html=True)
        heading = '<h2 id="era-events">Événements, octobre 1996\u2009–\u2009décembre 1997</h2>'  # CLDR's thin spaces
        self.assertContains(response, heading, html=True)
        self.assertAllIn(response, ["Ces événements dans la chronologie", "<h2>Toutes les périodes</h2>"])
        self.assertNoneIn(response, ["are party to the Convention", "Events,", "All eras", "on the timeline"])

    def test_an_era_in_arabic(self):
        response = self.client.get("/ar/timeline/eras/implementation/")
        self.assertContains(response, '<span class="label">دولةً طرفًا في الاتفاقية اليوم</span>', html=True)
        self.assertContains(response, '<h2 id="era-events">الأحداث، منذ 1999</h2>', html=True)
        self.assertContains(response, '<a href="/ar/timeline/">التسلسل الزمني</a>', html=True)  # the breadcrumb
        self.assertNoneIn(response, ["onward", "Events,", "All eras", "States are not party"])


@time_machine.travel("2026-11-27")
class AnniversaryPagesTests(TranslatedPagesTestCase):
    def test_the_list_in_french(self):
        response = self.client.get("/fr/anniversaries/")
        self.assertContains(response, "<h1>Anniversaires</h1>", html=True)
        self.assertContains(
            response,
            'son adoption à Oslo le <time datetime="1997-09-18">18 septembre 1997</time> et son ouverture à la '
            'signature à Ottawa le <time datetime="1997-12-03">3 décembre 1997</time>.',
        )
        self.assertContains(response, "<span>20e anniversaire</span>", html=True)
        self.assertContains(
            response, '<span>a eu 20 ans le <time datetime="2017-12-03">3 décembre 2017</time></span>', html=True
        )
        self.assertContains(
            response, '<span>aura 30 ans le <time datetime="2027-12-03">3 décembre 2027</time></span>', html=True
        )
        self.assertContains(response, '<h2 id="next-anniversary-heading">Le prochain anniversaire</h2>', html=True)
        self.assertContains(response, "anniversaire du jour où elle a été ouverte à la signature à Ottawa")
        self.assertContains(response, '<strong class="days-left">encore 371 jours</strong>', html=True)
        self.assertNoneIn(response, ["20th", "turned 20", "turns 30", "days to go", "The next anniversary"])

    def test_the_list_in_arabic(self):
        response = self.client.get("/ar/anniversaries/")
        self.assertContains(response, "<span>الذكرى الـ20</span>", html=True)
        self.assertContains(
            response, '<span>أتمّت عامها الـ20 في <time datetime="2017-12-03">3 ديسمبر 2017</time></span>', html=True
        )
        self.assertContains(response, '<strong class="days-left">يتبقى 371 يومًا</strong>', html=True)
        self.assertNoneIn(response, ["20th", "turned 20", "days to go", "Anniversary pages"])

    def test_a_past_anniversary_in_french(self):
        response = self.client.get("/fr/anniversaries/20/")
        self.assertContains(
            response, "<title>Twenty years of the ban (pas encore traduit) — 20e anniversaire de la Convention · "
        )
        self.assertContains(response, '<li aria-current="page">20e anniversaire</li>', html=True)
        self.assertContains(response, "La Convention a eu 20 ans le <time")
        self.assertContains(
            response,
            '<span class="label">États ont adhéré depuis le 15e anniversaire (3 décembre 2012)</span>',
            html=True,
        )
        self.assertContains(
            response,
            '<h2 id="figures-heading">La Convention au <time datetime="2017-12-03">3 décembre 2017</time></h2>',
            html=True,
        )
        self.assertContains(
            response, '<caption id="region-figures-caption">Par région, au 3 décembre 2017</caption>', html=True
        )
        for header in ("Région", "États parties", "Liés", "Adhésions depuis le 3 décembre 2012", "Retraits"):
            self.assertContains(response, f">{header}</th>")
        self.assertContains(response, '<th scope="row">Afrique</th>', html=True)
        self.assertContains(response, '<th scope="row">Toutes les régions</th>', html=True)
        self.assertContains(response, f'<span class="muted">Précédent{NBSP}: 15e anniversaire</span>', html=True)
        self.assertNoneIn(response, ["turned 20", "joined since", "By region", "All regions"])

    def test_an_anniversary_to_come_in_arabic(self):
        response = self.client.get("/ar/anniversaries/30/")
        self.assertContains(response, "تُتمّ الاتفاقية عامها الـ30 في <time")
        self.assertContains(response, "ذكرى يوم فتح باب التوقيع عليها في أوتاوا — يتبقى 371 يومًا.")
        self.assertContains(response, "الاتفاقية اليوم، <time")
        self.assertContains(
            response, '<span class="label">دول انضمّت منذ الذكرى الـ20 (3 ديسمبر 2017)</span>', html=True
        )
        self.assertContains(
            response, '<span class="label">دول انسحبت خلال الفترة نفسها (بعد نفاذ الانسحاب)</span>', html=True
        )
        self.assertNoneIn(response, ["turns 30", "days to go", "still to come", "left over the same period"])

    def test_russian_counts_its_days_and_years_in_its_own_forms(self):
        response = self.client.get("/ru/anniversaries/30/")
        self.assertContains(response, "Конвенции исполнится 30 лет <time")
        self.assertContains(response, "остался 371 день.")  # 371: the form of 1
        self.assertContains(response, '<li aria-current="page">30-я годовщина</li>', html=True)

    def test_the_first_anniversary_counts_from_the_conventions_day(self):
        response = self.client.get("/es/anniversaries/15/")
        self.assertContains(
            response,
            '<span class="label">Estados se han adherido desde que se abrió a la firma en Ottawa</span>',
            html=True,
        )
        self.assertContains(response, ">Adhesiones desde el inicio</th>")


@time_machine.travel("2026-11-27")
class HomePageTests(TranslatedPagesTestCase):
    def test_in_french(self):
        response = self.client.get("/fr/")
        self.assertContains(response, "<h1>Un monde sans mines antipersonnel</h1>", html=True)
        self.assertContains(response, "<h2>La Convention aujourd’hui</h2>", html=True)
        self.assertContains(response, 'aria-label="La Convention au 27 novembre 2026"')
        self.assertContains(response, '<span class="label">États parties</span>', html=True)
        self.assertContains(response, '<span class="label">signataire n’ayant pas encore ratifié</span>', html=True)
        self.assertContains(response, "La Convention aura 30 ans le <time")
        self.assertAllIn(response, ["Moments clés", "Derniers ajouts à la chronologie", "Tous les anniversaires"])
        self.assertNoneIn(
            response, ["A world without", "The Convention today", "States Parties", "Key moment", "Latest on"]
        )

    def test_in_arabic(self):
        response = self.client.get("/ar/")
        self.assertContains(response, "<h1>عالم خالٍ من الألغام المضادة للأفراد</h1>", html=True)
        self.assertContains(response, '<span class="label">دولةً طرفًا</span>', html=True)  # 161: the form of 11–99
        self.assertContains(response, '<span class="label">انسحابات نافذة</span>', html=True)  # 5: the form of 3–10
        self.assertAllIn(response, ["لحظات فارقة", "الذكرى السنوية القادمة", "تُتمّ الاتفاقية عامها الـ30"])
        self.assertNoneIn(response, ["A world without", "States Parties", "withdrawals in effect", "days to go"])


class SearchPageTests(TranslatedPagesTestCase):
    def test_results_in_french(self):
        response = self.client.get("/fr/search/?q=signing")
        self.assertContains(response, f"<title>Recherche{NBSP}: signing · ")
        self.assertContains(response, f"1 résultat pour «{NBSP}signing{NBSP}».")
        self.assertContains(response, '<p class="search-kind">Événement · 3–4 décembre 1997</p>', html=True)
        self.assertContains(response, '<button type="submit">Rechercher</button>', html=True)
        self.assertNoneIn(response, ["result for", "Event ·", "<title>Search"])

    def test_nothing_found_and_nothing_to_look_for_in_arabic(self):
        response = self.client.get("/ar/search/?q=zzzqqq")
        self.assertContains(response, "لا شيء يطابق «zzzqqq».")
        self.assertContains(response, '<a href="/ar/timeline/">التسلسل الزمني</a>', html=True)
        self.assertContains(self.client.get("/ar/search/?q=%21%21"), "لا يوجد ما يُبحث عنه في «!!»")
        response = self.client.get("/ar/search/")
        self.assertContains(response, "<h1>بحث</h1>", html=True)
        self.assertContains(response, "ابحث في أحداث الاتفاقية ومراحلها وذكرياتها السنوية")
        self.assertNotContains(response, "Search events, eras")

    def test_a_query_too_long_is_refused_in_french(self):
        response = self.client.get("/fr/search/", {"q": "x" * 201})
        self.assertEqual(response.status_code, 400)
        self.assertContains(
            response, "C’est trop long pour une recherche\u00a0: utilisez au plus 200 caractères.", status_code=400
        )


class FeedTests(TranslatedPagesTestCase):
    def feed(self, address):
        response = self.client.get(address)
        self.assertEqual(response.status_code, 200)
        return ET.fromstring(response.content)

    def test_the_feed_in_french(self):
        feed = self.feed("/fr/timeline/feed/")
        self.assertEqual(feed.get("{http://www.w3.org/XML/1998/namespace}lang"), "fr")
        self.assertEqual(
            feed.find("atom:title", ATOM).text,
            "Chronologie de la Convention sur l’interdiction des mines antipersonnel",
        )
        self.assertTrue(feed.find("atom:subtitle", ATOM).text.startswith("Les événements de l’histoire"))
        self.assertEqual(feed.find("atom:link[@rel='self']", ATOM).get("href"), "http://testserver/fr/timeline/feed/")
        titles = [entry.find("atom:title", ATOM).text for entry in feed.findall("atom:entry", ATOM)]
        self.assertIn(f"3–4 décembre 1997{NBSP}: Ottawa signing conference (pas encore traduit)", titles)
        links = [entry.find("atom:link", ATOM).get("href") for entry in feed.findall("atom:entry", ATOM)]
        self.assertIn("http://testserver/fr/timeline/ottawa-signing-conference/", links)

    def test_the_feed_in_arabic(self):
        feed = self.feed("/ar/timeline/feed/")
        self.assertEqual(feed.get("{http://www.w3.org/XML/1998/namespace}lang"), "ar")
        self.assertEqual(feed.find("atom:title", ATOM).text, "التسلسل الزمني لاتفاقية حظر الألغام المضادة للأفراد")
        titles = [entry.find("atom:title", ATOM).text for entry in feed.findall("atom:entry", ATOM)]
        self.assertIn("3–4 ديسمبر 1997: Ottawa signing conference (لم يُترجَم بعد)", titles)

    def test_a_translated_event_has_its_own_title_and_summary_in_the_feed_and_no_note(self):
        self.signing.title_fr = "Conférence de signature d’Ottawa"
        self.signing.summary_fr = "La Convention est ouverte à la signature."
        self.signing.save()
        feed = self.feed("/fr/timeline/feed/")
        entry = next(
            entry
            for entry in feed.findall("atom:entry", ATOM)
            if entry.find("atom:link", ATOM).get("href").endswith("/ottawa-signing-conference/")
        )
        self.assertEqual(
            entry.find("atom:title", ATOM).text, f"3–4 décembre 1997{NBSP}: Conférence de signature d’Ottawa"
        )
        self.assertEqual(entry.find("atom:summary", ATOM).text, "La Convention est ouverte à la signature.")

    def test_the_english_feed_stays_at_its_address_in_english(self):
        feed = self.feed("/timeline/feed/")
        self.assertEqual(feed.get("{http://www.w3.org/XML/1998/namespace}lang"), "en")
        self.assertEqual(feed.find("atom:title", ATOM).text, "Timeline of the Anti-Personnel Mine Ban Convention")
        self.assertEqual(feed.find("atom:link[@rel='self']", ATOM).get("href"), "http://testserver/timeline/feed/")
        titles = [entry.find("atom:title", ATOM).text for entry in feed.findall("atom:entry", ATOM)]
        self.assertIn("3–4 December 1997: Ottawa signing conference", titles)
        self.assertFalse([title for title in titles if "translated" in title])


class OrdinalTests(SimpleTestCase):
    def test_an_anniversarys_number_in_each_language(self):
        expected = {
            "en": ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "30th", "111th"],
            "fr": ["1er", "2e", "3e", "4e", "11e", "12e", "13e", "21e", "22e", "23e", "30e", "111e"],
            "es": ["1.º", "2.º", "3.º", "4.º", "11.º", "12.º", "13.º", "21.º", "22.º", "23.º", "30.º", "111.º"],
            "ar": [
                "الـ1",
                "الـ2",
                "الـ3",
                "الـ4",
                "الـ11",
                "الـ12",
                "الـ13",
                "الـ21",
                "الـ22",
                "الـ23",
                "الـ30",
                "الـ111",
            ],
            "zh-hans": ["1", "2", "3", "4", "11", "12", "13", "21", "22", "23", "30", "111"],
        }
        for code, ordinals in expected.items():
            with self.subTest(code=code), translation.override(code):
                self.assertEqual(
                    [anniversary_ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 30, 111)], ordinals
                )
