from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from core.models import PublicationStatus
from meetings import seed as meetings_seed
from meetings.models import Meeting
from timeline import seed as timeline_seed
from treaty import seed as treaty_seed


class MeetingSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()
        timeline_seed.load()
        meetings_seed.load()

    def meeting_hits(self, q):
        response = self.client.get(reverse("pages:search"), {"q": q})
        self.assertEqual(response.status_code, 200)
        return [hit for hit in response.context["hits"] if hit.kind == "Meeting"]

    def test_by_code_in_either_case_first(self):
        for q in ("4MSP", "4msp"):
            with self.subTest(q):
                hits = self.meeting_hits(q)
                self.assertEqual([hit.url for hit in hits], ["/meetings/4msp/"])
                self.assertEqual(hits[0].title, "Fourth Meeting of the States Parties (4MSP)")
        self.assertEqual([hit.url for hit in self.meeting_hits("2rc")], ["/meetings/2rc/"])

    def test_by_city(self):
        urls = [hit.url for hit in self.meeting_hits("Maputo")]
        self.assertEqual(sorted(urls), ["/meetings/1msp/", "/meetings/3rc/"])
        self.assertEqual(len(self.meeting_hits("Geneva")), 13)  # 18MSP "Geneva (held virtually)" included

    def test_by_presidency(self):
        urls = {hit.url for hit in self.meeting_hits("Belgium")}
        self.assertEqual(urls, {"/meetings/4msp/", "/meetings/14msp/"})
        self.assertIn("/meetings/2msp/", {hit.url for hit in self.meeting_hits("Norway")})

    def test_drafts_are_not_found(self):
        Meeting.objects.filter(code="4MSP").update(status=PublicationStatus.DRAFT)
        self.assertEqual(self.meeting_hits("4MSP"), [])

    def test_by_host_country_in_any_language(self):
        with translation.override("ru"):
            address = reverse("pages:search")
        response = self.client.get(address, {"q": "Мозамбик"})
        urls = sorted(hit.url for hit in response.context["hits"] if "/meetings/" in hit.url)
        self.assertEqual(urls, ["/ru/meetings/1msp/", "/ru/meetings/3rc/"])

    def test_each_text_of_the_snippet_says_its_language(self):
        """In Arabic the city, the president and the outcome fall back to English, marked one by one; the host
        country is CLDR's Arabic name, not marked. In English nothing is marked."""
        with translation.override("ar"):
            address = reverse("pages:search")
        response = self.client.get(address, {"q": "Maputo"})
        html = response.content.decode()
        self.assertIn('<span lang="en"><mark>Maputo</mark></span> · <span>موزمبيق</span> · <span lang="en">', html)
        english = self.client.get(reverse("pages:search"), {"q": "Maputo"}).content.decode()
        self.assertIn("<span><mark>Maputo</mark></span> · <span>Mozambique</span> · <span>", english)
        self.assertNotIn('<span lang="en">', english)
