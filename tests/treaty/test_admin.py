from datetime import date

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from treaty import seed
from treaty.models import State


class StateAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()
        cls.admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "a-long-password-1")

    def setUp(self):
        self.client.force_login(self.admin)

    def test_changelist_with_filters_search_and_sorting(self):
        url = reverse("admin:treaty_state_changelist")
        self.assertContains(self.client.get(url), "Tonga")
        for query in [
            {"status": "withdrawn"},
            {"region": "europe"},
            {"instrument": "accession"},
            {"deposit_year": "2017"},
            {"q": "FIN"},
            {"o": "4"},  # status today
            {"o": "-8"},  # entry into force
        ]:
            with self.subTest(query=query):
                self.assertEqual(self.client.get(url, query).status_code, 200)

        withdrawn = self.client.get(url, {"status": "withdrawn"}).context["cl"].result_list
        self.assertEqual(sorted(s.iso3 for s in withdrawn), ["EST", "FIN", "LTU", "LVA", "POL"])
        in_2017 = self.client.get(url, {"deposit_year": "2017"}).context["cl"].result_list
        self.assertEqual(sorted(s.iso3 for s in in_2017), ["LKA", "PSE"])

    def test_change_page_shows_computed_dates_and_view_on_site(self):
        state = State.objects.get(iso3="LKA")
        response = self.client.get(reverse("admin:treaty_state_change", args=[state.pk]))
        self.assertContains(response, "1 June 2018")
        self.assertContains(response, "View on site")

    def test_invalid_dates_are_refused_in_plain_words(self):
        state = State.objects.get(iso3="ALB")
        data = {
            "name": state.name,
            "iso2": state.iso2,
            "iso3": state.iso3,
            "un_standing": state.un_standing,
            "region": state.region,
            "sub_region": state.sub_region,
            "signed_on": "1998-09-08",
            "instrument": "ratification",
            "deposited_on": "1998-09-01",
            "withdrawal_notified_on": "",
            "note": "",
            "sources-TOTAL_FORMS": "0",
            "sources-INITIAL_FORMS": "0",
        }
        response = self.client.post(reverse("admin:treaty_state_change", args=[state.pk]), data)

        self.assertContains(response, "The deposit date cannot be before the signature date.")
        state.refresh_from_db()
        self.assertEqual(state.deposited_on, date(2000, 2, 29))

    def test_add_page_loads(self):
        self.assertEqual(self.client.get(reverse("admin:treaty_state_add")).status_code, 200)

    def test_suspension_action(self):
        finland = State.objects.get(iso3="FIN")
        response = self.client.post(
            reverse("admin:treaty_state_changelist"),
            {"action": "suspend_withdrawal", "_selected_action": [finland.pk]},
            follow=True,
        )
        self.assertContains(response, "Updated 1 State.")
        finland.refresh_from_db()
        self.assertTrue(finland.withdrawal_suspended)

    def test_suspension_action_refuses_states_without_notice(self):
        france = State.objects.get(iso3="FRA")
        response = self.client.post(
            reverse("admin:treaty_state_changelist"),
            {"action": "suspend_withdrawal", "_selected_action": [france.pk]},
            follow=True,
        )
        self.assertContains(response, "Only a notified withdrawal can be suspended")
        france.refresh_from_db()
        self.assertFalse(france.withdrawal_suspended)
