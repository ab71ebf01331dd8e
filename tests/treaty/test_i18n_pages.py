"""
/states/, a State's page and /states.csv in other languages (issue 19): every heading, label, status, caption and
message of the interface in the language of the address, with no English left but the editorial content; the CSV's
header in that language and its values the same in every language.
"""

import csv
import io

from django.test import TestCase
from django.utils import translation

from meetings import seed as meetings_seed
from obligations import seed as obligations_seed
from timeline import seed as timeline_seed
from treaty import seed as treaty_seed
from treaty.datasets import CSV_HEADER

# The English interface text of these pages that no other language may show.
ENGLISH = (
    "States and the Convention",
    "Headline figures",
    "Map legend",
    "Download these rows as CSV",
    "Membership over time",
    "Entry into force",
    "Party — in force",
    "No State matches these filters.",
    "Show the table as it stands today",
    ">Show</button>",
    "Filter the table",
    "States Parties",
)


class StateListInOtherLanguagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()

    def test_the_french_table_map_charts_and_filters_are_in_french(self):
        response = self.client.get("/fr/states/")
        self.assertContains(response, "<h1>Les États et la Convention</h1>", html=True)
        self.assertContains(
            response,
            "<title>Les États et la Convention · Convention sur l’interdiction des mines antipersonnel</title>",
            html=True,
        )
        self.assertContains(response, '<ul class="figures" aria-label="Chiffres clés">')
        self.assertContains(response, '<ul class="map-legend" aria-label="Légende de la carte">')
        self.assertContains(response, "Signataire, pas encore partie")
        self.assertContains(response, "Télécharger ces lignes en CSV")
        self.assertContains(response, '<h2 id="charts-heading">L’adhésion au fil du temps</h2>', html=True)
        self.assertContains(response, '<th scope="col" class="num">États parties</th>', html=True)
        self.assertContains(response, '<span class="status status-in-force">Partie — en vigueur</span>', html=True)
        self.assertContains(response, '<label for="id_region">Région</label>', html=True)
        self.assertContains(response, '<option value="africa">Afrique</option>', html=True)
        self.assertContains(response, '<button type="submit">Afficher</button>', html=True)
        # The map's titles and the charts' labels are drawn in the language too.
        self.assertContains(response, "<title>France: Partie — en vigueur</title>")
        self.assertContains(response, ">Afrique</text>")
        self.assertRegex(response.content.decode(), r">\d+ sur \d+</text>")
        self.assertRegex(response.content.decode(), r"<caption>\d+ États</caption>")
        for english in ENGLISH:
            with self.subTest(english=english):
                self.assertNotContains(response, english)

    def test_the_arabic_page_is_in_arabic(self):
        response = self.client.get("/ar/states/")
        self.assertContains(response, "<h1>الدول والاتفاقية</h1>", html=True)
        self.assertContains(response, 'aria-label="مفتاح الخريطة"')
        self.assertContains(response, "نزّل هذه الصفوف بصيغة CSV")
        self.assertContains(response, '<span class="status status-in-force">طرف — نافذة</span>', html=True)
        for english in ENGLISH:
            with self.subTest(english=english):
                self.assertNotContains(response, english)

    def test_a_past_day_and_a_filter_say_so_in_the_language_with_its_plural(self):
        response = self.client.get("/ru/states/", {"as_of": "1999-03-01", "q": "France"})
        self.assertContains(response, "<caption>1 государство на 1 марта 1999\u202fг.</caption>", html=True)
        self.assertContains(response, "Эти цифры учитывают 1 государство из таблицы")
        response = self.client.get("/ar/states/", {"q": "Fr"})
        self.assertNotContains(response, "These figures count")
        self.assertContains(response, "تحصي هذه الأرقام")

    def test_a_bad_filter_is_explained_in_the_language_of_the_address(self):
        response = self.client.get("/fr/states/", {"as_of": "03/12/1997"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Ce tableau n’a pas pu être affiché", status_code=400)
        self.assertContains(response, "Indiquez la date au format AAAA-MM-JJ, par exemple 2017-12-03.", status_code=400)
        response = self.client.get("/fr/states/", {"as_of": "1990-01-01"})
        self.assertContains(response, "Choisissez une date entre le 3 décembre 1997", status_code=400)
        response = self.client.get("/fr/states.csv", {"status": "nope"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("Statut inconnu : choisissez-en un dans la liste.", response.content.decode())


class StatePageInOtherLanguagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()
        timeline_seed.load()
        meetings_seed.load()
        obligations_seed.load()

    def test_a_states_story_and_obligations_are_in_french(self):
        response = self.client.get("/fr/states/fra/")
        self.assertContains(response, "<h2>Son parcours dans la Convention</h2>", html=True)
        self.assertContains(response, 'A ratifié le <time datetime="1998-07-23">23 juillet 1998</time>')
        self.assertContains(response, "(instrument de ratification déposé auprès du Secrétaire général de l’ONU)")
        self.assertContains(response, '<h2 id="obligations-heading">Ses obligations</h2>', html=True)
        self.assertContains(response, "<h3>Rapports de transparence (article 7)</h3>", html=True)
        self.assertContains(response, "<dt>Région</dt><dd>Europe — Europe de l’Ouest</dd>", html=True)
        for english in (
            "Its path through the Convention",
            "Ratified on",
            "Its obligations",
            "About this State",
            "Transparency reports",
            "deposited with the UN Secretary-General",
            "and the Mine Ban Convention",
        ):
            with self.subTest(english=english):
                self.assertNotContains(response, english)

    def test_a_successor_and_a_state_that_never_joined_in_arabic(self):
        response = self.client.get("/ar/states/ssd/")
        self.assertContains(response, "دولة خلف: أي تاريخ يُعتدّ به")
        self.assertContains(response, "الالتزامات")
        self.assertNotContains(response, "A successor State")
        self.assertNotContains(response, "which date counts")
        response = self.client.get("/ar/states/usa/")
        self.assertContains(response, "لم توقّع الولايات المتحدة على الاتفاقية ولم تنضم إليها")
        self.assertNotContains(response, "has neither signed nor joined")

    def test_meetings_a_state_hosted_are_named_in_the_language(self):
        response = self.client.get("/fr/states/che/")
        self.assertContains(response, "Réunions accueillies ou présidées")
        self.assertContains(response, "4e Assemblée des États parties (4MSP)")
        self.assertNotContains(response, "Meetings it hosted or presided")


class StatesCsvInOtherLanguagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()

    def read(self, address):
        response = self.client.get(address, {"as_of": "2020-01-01"})
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_english_keeps_its_column_names(self):
        english = self.read("/states.csv")
        self.assertEqual(english.split("\r\n", 1)[0], ",".join(CSV_HEADER))
        self.assertEqual(
            english.split("\r\n", 1)[0],
            "name,iso2,iso3,region,status,signature_date,signature_place,instrument,deposit_date,entry_into_force,"
            "withdrawal_notified,withdrawal_effective,withdrawal_suspended",
        )

    def test_the_header_follows_the_language_and_the_values_do_not(self):
        _, english_rows = self.read("/states.csv").split("\r\n", 1)
        for code, first in (("fr", "nom"), ("es", "nombre"), ("ar", "الاسم"), ("ru", "название"), ("zh-hans", "名称")):
            with self.subTest(code=code):
                header, rows = self.read(f"/{code}/states.csv").split("\r\n", 1)
                columns = next(csv.reader(io.StringIO(header)))
                self.assertEqual(columns[0], first)
                self.assertEqual(columns[1:3], ["iso2", "iso3"])  # codes keep their names
                self.assertEqual(len(columns), len(CSV_HEADER))
                self.assertEqual(len(set(columns)), len(columns))
                self.assertEqual(rows, english_rows)  # names, regions, codes and ISO dates as in English
        french = next(csv.reader(io.StringIO(self.read("/fr/states.csv"))))
        self.assertIn("date_signature", french)
        self.assertIn("entrée_en_vigueur", french)

    def test_the_request_leaves_the_language_as_it_was(self):
        self.read("/fr/states.csv")
        self.assertEqual(translation.get_language(), "en")
