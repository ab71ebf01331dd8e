"""The meetings pages in other languages (issue 19): names, headings, filters, captions with plurals."""

from django.test import TestCase
from django.utils import translation

from core.models import PublicationStatus
from meetings import seed as meetings_seed
from meetings.models import Meeting, meeting_name
from tests.utils import staff_user
from timeline import seed as timeline_seed
from treaty import seed as treaty_seed


class MeetingNamesTests(TestCase):
    def test_a_meetings_name_in_each_language(self):
        expected = {
            "en": (
                "First Meeting of the States Parties",
                "Twenty-second Meeting of the States Parties",
                "Second Review Conference",
            ),
            "fr": ("1re Assemblée des États parties", "22e Assemblée des États parties", "2e Conférence d’examen"),
            "es": (
                "1.ª Reunión de los Estados Partes",
                "22.ª Reunión de los Estados Partes",
                "2.ª Conferencia de Examen",
            ),
            "ar": ("الاجتماع الـ1 للدول الأطراف", "الاجتماع الـ22 للدول الأطراف", "المؤتمر الاستعراضي الـ2"),
            "ru": (
                "1-е Совещание государств-участников",
                "22-е Совещание государств-участников",
                "2-я обзорная конференция",
            ),
            "zh-hans": ("第1次缔约国会议", "第22次缔约国会议", "第2次审议大会"),
        }
        for code, names in expected.items():
            with self.subTest(code=code), translation.override(code):
                self.assertEqual((meeting_name("msp", 1), meeting_name("msp", 22), meeting_name("rc", 2)), names)


class MeetingPagesInOtherLanguagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()
        timeline_seed.load()
        meetings_seed.load()

    def test_the_list_in_french(self):
        response = self.client.get("/fr/meetings/")
        self.assertContains(response, "<h1>Assemblées des États parties</h1>", html=True)
        self.assertContains(response, '<caption id="meetings-caption">27 réunions</caption>', html=True)
        self.assertContains(response, '<th scope="col">Présidence</th>', html=True)
        self.assertContains(response, '<option value="rc">Conférence d’examen</option>', html=True)
        self.assertContains(response, "Genève, Suisse")  # the city is content (its bundled translation), the State CLDR
        for english in (
            "Meetings of the States Parties",
            "Filter the table",
            "Show every meeting",
            "Presidency",
            "Review Conference",
            "meetings</caption>",
        ):
            with self.subTest(english=english):
                self.assertNotContains(response, english)

    def test_plural_forms_in_russian_and_arabic(self):
        self.assertContains(
            self.client.get("/ru/meetings/"), '<caption id="meetings-caption">27 совещаний</caption>', html=True
        )
        self.assertContains(
            self.client.get("/ru/meetings/", {"year": "2004"}),
            '<caption id="meetings-caption">1 совещание, отвечающее этим фильтрам</caption>',
            html=True,
        )
        self.assertContains(
            self.client.get("/ar/meetings/"), '<caption id="meetings-caption">27 اجتماعًا</caption>', html=True
        )

    def test_a_bad_year_is_explained_in_arabic(self):
        response = self.client.get("/ar/meetings/", {"year": "abc"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "تعذّر عرض هذا الجدول", status_code=400)
        self.assertContains(response, "اعرض جميع الاجتماعات", status_code=400)
        self.assertContains(response, "أدخل سنة، مثل 2004.", status_code=400)
        self.assertNotContains(response, "Enter a year", status_code=400)

    def test_a_meetings_page_in_french(self):
        response = self.client.get("/fr/meetings/4msp/")
        self.assertContains(
            response, '<h1>4e Assemblée des États parties <span class="muted">(4MSP)</span></h1>', html=True
        )
        self.assertContains(response, "<dt>Présidence</dt>", html=True)
        self.assertContains(response, "<dt>États parties le premier jour</dt>", html=True)
        self.assertContains(response, 'aria-label="Réunions précédente et suivante"')
        self.assertContains(response, "Précédente : 2001")
        for english in (
            "<dt>When</dt>",
            "<dt>Where</dt>",
            "States Parties on its first day",
            "Previous:",
            "Next:",
            "What it decided",
        ):
            with self.subTest(english=english):
                self.assertNotContains(response, english)

    def test_an_editors_preview_says_draft_in_the_language_of_the_page(self):
        meeting = Meeting.objects.get(code="5MSP")
        meeting.status = PublicationStatus.DRAFT
        with self.captureOnCommitCallbacks(execute=True):
            meeting.save()
        self.client.force_login(staff_user("editor", "Editors"))
        response = self.client.get("/fr/meetings/5msp/")
        self.assertContains(response, "<strong>Brouillon — non public.</strong>", html=True)
        self.assertNotContains(response, "Draft — not public")
