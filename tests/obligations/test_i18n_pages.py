"""The obligations pages and their CSVs in other languages (issue 19): interface text translated, values stable."""

from django.test import TestCase

from meetings import seed as meetings_seed
from obligations import seed as obligations_seed
from obligations.datasets import CLEARANCE_COLUMNS, STOCKPILE_COLUMNS
from timeline import seed as timeline_seed
from treaty import seed as treaty_seed

ENGLISH = (
    "Clearing mined areas",
    "What the data can and cannot say",
    "Headline figures",
    "Download these rows as CSV",
    "Completions over time",
    "Original deadline",
    "Obligation from",
    "Under way, deadline not passed",
    "with the obligation that day",
)


class ObligationPagesInOtherLanguagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()
        timeline_seed.load()
        meetings_seed.load()
        obligations_seed.load()

    def test_clearance_in_french(self):
        response = self.client.get("/fr/obligations/clearance/")
        self.assertContains(response, "<h1>Dépollution des zones minées (article 5)</h1>", html=True)
        self.assertContains(response, "les États parties dont l’obligation au titre de l’article 5 court")
        self.assertContains(
            response, "<h2>Ce que les données peuvent dire, et ce qu’elles ne peuvent pas dire</h2>", html=True
        )
        self.assertContains(response, "soumis à l’obligation ce jour-là")
        self.assertContains(response, '<option value="under-way">En cours, échéance non dépassée</option>', html=True)
        self.assertContains(response, "<span>Obligations</span>", html=True)
        # Reasons in words, in the page's language.
        self.assertContains(response, "(l’issue (22MSP) n’est pas connue)")
        for english in (*ENGLISH, "is not known", "meeting inferred"):
            with self.subTest(english=english):
                self.assertNotContains(response, english)

    def test_stockpiles_in_arabic_on_a_past_day(self):
        response = self.client.get("/ar/obligations/stockpiles/", {"as_of": "2005-01-01"})
        self.assertContains(response, "<h1>تدمير المخزونات (المادة 4)</h1>", html=True)
        self.assertContains(response, "الوضع في <strong>1 يناير 2005</strong>")
        self.assertContains(response, '<h2 id="completions-heading">حالات الإنجاز عبر الزمن</h2>', html=True)
        for english in (*ENGLISH, "Destroying stockpiles", "As it stood on"):
            with self.subTest(english=english):
                self.assertNotContains(response, english)

    def test_the_csv_headers_follow_the_language_and_the_values_do_not(self):
        for slug, columns in (("clearance", CLEARANCE_COLUMNS), ("stockpiles", STOCKPILE_COLUMNS)):
            english = self.client.get(f"/obligations/{slug}.csv").content.decode()
            header, rows = english.split("\r\n", 1)
            self.assertEqual(header, ",".join(columns))
            for code in ("fr", "ar", "zh-hans"):
                with self.subTest(slug=slug, code=code):
                    other_header, other_rows = (
                        self.client.get(f"/{code}/obligations/{slug}.csv").content.decode().split("\r\n", 1)
                    )
                    self.assertNotEqual(other_header, header)
                    self.assertEqual(len(other_header.split(",")), len(columns))
                    self.assertEqual(other_rows, rows)  # the reasons too stay in English
        french = self.client.get("/fr/obligations/clearance.csv").content.decode().split("\r\n", 1)[0]
        self.assertTrue(french.startswith("nom,iso3,situation,obligation_depuis,échéance_initiale,"))
        self.assertIn(
            "the outcome at 22MSP is not known", self.client.get("/fr/obligations/clearance.csv").content.decode()
        )

    def test_a_meetings_decisions_in_french(self):
        response = self.client.get("/fr/meetings/12msp/")
        self.assertContains(response, "Article 5 : prolongations et achèvements")
        self.assertContains(response, "<h3>Prolongations accordées ou demandées</h3>", html=True)
        self.assertNotContains(response, "Extensions granted or requested")
