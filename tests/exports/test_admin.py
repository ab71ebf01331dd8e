from datetime import date

import time_machine
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.test import TestCase
from django.urls import reverse

from exports.models import ExportLog
from tests.timeline.factories import EraFactory, EventFactory
from timeline.models import Category, Event
from treaty import seed
from treaty.models import State

from .utils import body, make_user, parse_csv, parse_json, parse_xlsx

TODAY = date(2026, 11, 27)
STATES = reverse("admin:treaty_state_changelist")
EVENTS = reverse("admin:timeline_event_changelist")


@time_machine.travel(TODAY)
class ExportActionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()
        cls.admin = make_user("admin", superuser=True)
        cls.editor = make_user("editor", permissions=["treaty.view_state", "treaty.change_state"])
        EventFactory(title="Oslo conference", slug="oslo", date=date(1997, 9, 1))
        EventFactory(title="Draft about Oslo", slug="oslo-draft", date=date(1997, 9, 18), draft=True)
        EventFactory(title="Ottawa signing", slug="ottawa", date=date(1997, 12, 3))

    def run_action(self, url, action, *, selected, select_across=False):
        self.client.force_login(self.admin)
        data = {"action": action, ACTION_CHECKBOX_NAME: [obj.pk for obj in selected], "index": 0}
        if select_across:
            data["select_across"] = "1"
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        return response, body(response)

    def test_select_all_exports_every_record_matching_the_filters_and_search(self):
        url = f"{STATES}?region=europe&q=land"
        first = State.objects.filter(region="europe", name__icontains="land").first()
        response, data = self.run_action(url, "export_csv", selected=[first], select_across=True)
        expected = set(State.objects.filter(region="europe").search("land").values_list("iso3", flat=True))
        self.assertGreater(len(expected), 3)
        rows = parse_csv(data)
        self.assertEqual({row["iso3"] for row in rows}, expected)
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="states-as-of-2026-11-27.csv"')
        self.assertEqual(rows[0]["status_as_of"], "2026-11-27")
        log = ExportLog.objects.get()
        self.assertEqual((log.source, log.dataset, log.format, log.row_count), ("admin", "states", "csv", len(rows)))
        self.assertEqual(log.filters_dict, {"region": "europe", "q": "land", "selection": "all matching"})

    def test_only_the_selected_records_without_select_all(self):
        chosen = list(State.objects.filter(iso3__in=["FIN", "NOR"]))
        _, data = self.run_action(f"{STATES}?region=europe", "export_xlsx", selected=chosen)
        _, _, rows = parse_xlsx(data)
        self.assertEqual([row["iso3"].value for row in rows], ["FIN", "NOR"])
        self.assertEqual(ExportLog.objects.get().filters_dict["selection"], "2 selected")

    def test_the_admins_own_status_filter_is_honoured(self):
        _, data = self.run_action(
            f"{STATES}?status=withdrawn", "export_json", selected=[State.objects.get(iso3="FIN")], select_across=True
        )
        self.assertEqual(sorted(row["iso3"] for row in parse_json(data)["rows"]), ["EST", "FIN", "LTU", "LVA", "POL"])

    def test_events_list_with_its_filters_and_search(self):
        oslo = Event.objects.get(slug="oslo")
        _, data = self.run_action(f"{EVENTS}?q=oslo", "export_csv", selected=[oslo], select_across=True)
        rows = parse_csv(data)
        self.assertEqual(
            [(row["slug"], row["visibility"]) for row in rows], [("oslo", "public"), ("oslo-draft", "draft")]
        )
        _, data = self.run_action(f"{EVENTS}?status=draft", "export_csv", selected=[oslo], select_across=True)
        self.assertEqual([row["slug"] for row in parse_csv(data)], ["oslo-draft"])

    def test_every_list_with_a_dataset_has_the_actions(self):
        era = EraFactory(title="Later", slug="later", start_date=date(1998, 1, 1), end_date=None)
        EraFactory(title="Earlier", slug="earlier", start_date=date(1991, 1, 1), end_date=date(1996, 9, 30))
        _, data = self.run_action(
            f"{reverse('admin:timeline_era_changelist')}?q=later", "export_csv", selected=[era], select_across=True
        )
        self.assertEqual([row["slug"] for row in parse_csv(data)], ["later"])
        category = Category.objects.get(slug="conference")
        _, data = self.run_action(reverse("admin:timeline_category_changelist"), "export_json", selected=[category])
        self.assertEqual(parse_json(data)["rows"][0]["events"], 3)

    def test_the_actions_need_the_export_permission(self):
        self.client.force_login(self.editor)
        response = self.client.get(STATES)
        actions = {name for name, _ in response.context["action_form"].fields["action"].choices}
        self.assertIn("suspend_withdrawal", actions)
        self.assertFalse(actions & {"export_csv", "export_xlsx", "export_json"})
        data = {"action": "export_csv", ACTION_CHECKBOX_NAME: [State.objects.first().pk], "index": 0}
        response = self.client.post(STATES, data)
        self.assertNotEqual(response.get("Content-Type"), "text/csv; charset=utf-8")
        self.assertFalse(ExportLog.objects.exists())

    def test_with_the_permission_the_actions_are_offered(self):
        self.editor.user_permissions.add(Permission.objects.get(codename="export_records"))
        self.client.force_login(self.editor)
        actions = {name for name, _ in self.client.get(STATES).context["action_form"].fields["action"].choices}
        self.assertLessEqual({"export_csv", "export_xlsx", "export_json"}, actions)


class ExportLogAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = make_user("admin", superuser=True)
        cls.log = ExportLog.objects.create(
            username="exporter", dataset="states", format="csv", filters='{"as_of": "2017-12-03"}', source="page"
        )

    def test_admins_see_the_log_read_only(self):
        self.client.force_login(self.admin)
        changelist = reverse("admin:exports_exportlog_changelist")
        response = self.client.get(changelist)
        self.assertContains(response, "exporter")
        self.assertContains(response, "not finished")
        self.assertNotContains(response, reverse("admin:exports_exportlog_add"))
        for query in ({"q": "states"}, {"format": "csv"}, {"source": "page"}):
            self.assertEqual(self.client.get(changelist, query).status_code, 200)
        change = self.client.get(reverse("admin:exports_exportlog_change", args=[self.log.pk]))
        self.assertContains(change, "2017-12-03")
        self.assertNotContains(change, 'name="_save"')
        self.assertEqual(self.client.get(reverse("admin:exports_exportlog_add")).status_code, 403)
        delete = reverse("admin:exports_exportlog_delete", args=[self.log.pk])
        self.assertEqual(self.client.get(delete).status_code, 403)

    def test_staff_without_the_view_permission_do_not_see_it(self):
        self.client.force_login(make_user("staff", permissions=["exports.export_records"]))
        self.assertEqual(self.client.get(reverse("admin:exports_exportlog_changelist")).status_code, 403)
