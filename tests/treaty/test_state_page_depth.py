"""A State's page with the layers above the treaty records: its obligations and the meetings it hosted or presided."""

import time_machine
from django.test import TestCase

from meetings import seed as meetings_seed
from obligations import seed as obligations_seed
from tests.utils import page_queries
from timeline import seed as timeline_seed
from treaty import seed as treaty_seed


@time_machine.travel("2026-11-27 12:00Z")
class StatePageDepthTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        for loader in (treaty_seed, timeline_seed, meetings_seed, obligations_seed):
            loader.load()

    def test_a_state_with_a_clearance_obligation_shows_its_deadlines(self):
        response = self.client.get("/states/afg/")
        self.assertContains(response, "Its obligations")
        self.assertContains(response, "Mined areas (Article 5)")
        self.assertContains(response, '<a href="/meetings/12msp/">', html=False)  # the meeting that extended it

    def test_the_meetings_a_state_hosted_are_listed(self):
        response = self.client.get("/states/moz/")
        self.assertContains(response, "Meetings it hosted or presided")
        self.assertContains(response, '<a href="/meetings/1msp/">First Meeting of the States Parties (1MSP)</a>')
        self.assertContains(response, "host and presidency")  # 1MSP: Maputo, its Foreign Minister presiding

    def test_a_state_without_meetings_has_no_empty_section(self):
        self.assertNotContains(self.client.get("/states/fji/"), "Meetings it hosted or presided")

    def test_queries_stay_few_for_a_state_with_extensions(self):
        # the State with its records, its sources, its extensions, their meetings, its meetings, its events
        with page_queries(self, 6):
            self.client.get("/states/afg/")
