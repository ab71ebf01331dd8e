"""
Every write path, for every role: generated from the admin site (each ModelAdmin's add, change, delete, its
actions, its inlines and its import), the /exports/ page and the project's management commands. A path nobody
classified below fails here until someone says which roles may take it, so a new admin, action or command is
covered the day it is added.

A role is a group the migrations make (core/migrations/0001_editorial_roles.py); "Staff" is a staff account in no
group. What a Contributor may do to a draft they may not do to a published or scheduled item ("change published").
"""

from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.management import get_commands
from django.test import RequestFactory, TestCase
from django.urls import reverse

from core.admin import PublicationAdminMixin
from tests.meetings.factories import MeetingFactory
from tests.timeline.factories import AnniversaryFactory, CategoryFactory, EraFactory, EventFactory
from tests.treaty.factories import StateFactory
from tests.utils import staff_user

E, C = "Editors", "Contributors"
NOBODY = frozenset()
PUBLISH = {"publish_now": {E}, "schedule_publication": {E}, "unpublish": {E}}
NO_EXPORTS = {"export_csv": NOBODY, "export_xlsx": NOBODY, "export_json": NOBODY}  # needs exports.export_records
CONTENT = {  # anniversaries, eras and events: Contributors write drafts, Editors publish
    "add": {E, C},
    "change": {E, C},
    "change published": {E},
    "delete": {E},
    "action delete_selected": {E},
    **{f"action {name}": roles for name, roles in {**PUBLISH, **NO_EXPORTS}.items()},
}
ACCOUNTS = {"add": NOBODY, "change": NOBODY, "delete": NOBODY, "action delete_selected": NOBODY}

# Which roles may take each write path. Paths are generated; this table only classifies them.
EXPECTED = {
    "auth.group": ACCOUNTS,
    "auth.user": ACCOUNTS,
    "axes.accessattempt": {**ACCOUNTS, "action cleanup_expired_attempts": NOBODY},
    "axes.accesslog": ACCOUNTS,
    "axes.accessfailurelog": ACCOUNTS,
    # The tasks worker's results (django-tasks-db's admin): for superusers only, like accounts.
    "django_tasks_database.dbtaskresult": {"add": NOBODY, "change": NOBODY, "delete": NOBODY},
    "exports.exportlog": {"add": NOBODY, "change": NOBODY, "delete": NOBODY},  # a record: read-only for all
    "treaty.state": {
        "add": {E},
        "change": {E},
        "change published": {E},
        "delete": NOBODY,
        "action delete_selected": NOBODY,
        "action suspend_withdrawal": {E},
        "action lift_withdrawal_suspension": {E},
        **{f"action {name}": roles for name, roles in {**PUBLISH, **NO_EXPORTS}.items()},
        "import": {E},
        "inline treaty.statesource add": {E},
        "inline treaty.statesource change": {E},
        "inline treaty.statesource delete": NOBODY,
    },
    # Obligations records are facts kept by Editors, like the treaty records: only an extension entered in error is
    # deleted (obligations/migrations/0002_editorial_roles.py).
    "obligations.clearanceobligation": {
        "add": {E},
        "change": {E},
        "delete": NOBODY,
        "action delete_selected": NOBODY,
        **{f"action {name}": roles for name, roles in NO_EXPORTS.items()},
        "import": {E},
        "inline obligations.clearanceextension add": {E},
        "inline obligations.clearanceextension change": {E},
        "inline obligations.clearanceextension delete": {E},
    },
    "obligations.clearanceextension": {
        "add": {E},
        "change": {E},
        "delete": {E},
        "action delete_selected": {E},
        **{f"action {name}": roles for name, roles in NO_EXPORTS.items()},
        "import": {E},
    },
    "obligations.stockpileobligation": {
        "add": {E},
        "change": {E},
        "delete": NOBODY,
        "action delete_selected": NOBODY,
        **{f"action {name}": roles for name, roles in NO_EXPORTS.items()},
    },
    "timeline.category": {
        "add": {E},
        "change": {E},
        "delete": {E},
        "action delete_selected": {E},
        **{f"action {name}": roles for name, roles in NO_EXPORTS.items()},
    },
    "timeline.era": CONTENT,
    "timeline.anniversary": CONTENT,
    "timeline.event": {
        **CONTENT,
        # Drafts only: each row that would publish, schedule, unpublish, feature or change a published item is an
        # error (tests/security/test_import_roles.py).
        "import": {E, C},
        **{
            f"inline timeline.{inline} {op}": {E, C}
            for inline in ("eventsource", "eventimage")
            for op in ("add", "change", "delete")
        },
        **{
            f"inline timeline.{inline} {op} (published)": {E}
            for inline in ("eventsource", "eventimage")
            for op in ("add", "change", "delete")
        },
    },
}
EXPECTED["meetings.meeting"] = {  # as events: Contributors write drafts (with their sources), Editors publish
    **CONTENT,
    **{f"inline meetings.meetingsource {op}": {E, C} for op in ("add", "change", "delete")},
    **{f"inline meetings.meetingsource {op} (published)": {E} for op in ("add", "change", "delete")},
}
# Management commands: run by whoever operates the server, never on behalf of a site user (none takes a user).
OPERATOR_COMMANDS = {"backup", "restore", "seed", "export_records"}
PROJECT_APPS = {"core", "pages", "treaty", "timeline", "meetings", "exports"}


class WriteMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = {
            E: staff_user("editor", E),
            C: staff_user("contributor", C),
            "Staff": staff_user("staff"),
        }
        cls.superuser = staff_user("root", is_superuser=True)
        cls.objects = {}
        for factory in (EraFactory, EventFactory, AnniversaryFactory, MeetingFactory):
            model = factory._meta.model
            cls.objects[model] = (factory(draft=True), factory())
        state = StateFactory(note="A public note.")
        cls.objects[state._meta.model] = (state, state)
        category = CategoryFactory()
        cls.objects[category._meta.model] = (category, category)
        Group.objects.create(name="A group")

    def request(self, user):
        request = RequestFactory().get("/admin/")
        request.user = user
        return request

    def paths(self, model, model_admin):
        """(path, function of a user → allowed?) for every write path of one ModelAdmin."""
        draft, published = self.objects.get(model, (None, None))
        yield "add", lambda user: model_admin.has_add_permission(self.request(user))
        yield "change", lambda user: model_admin.has_change_permission(self.request(user), draft)
        if isinstance(model_admin, PublicationAdminMixin):
            yield "change published", lambda user: model_admin.has_change_permission(self.request(user), published)
        yield "delete", lambda user: model_admin.has_delete_permission(self.request(user), draft)
        for name in model_admin.get_actions(self.request(self.superuser)):
            # Actions run from the list, which needs the view (or change) permission.
            yield (
                f"action {name}",
                lambda user, name=name: (
                    model_admin.has_view_or_change_permission(self.request(user))
                    and name in model_admin.get_actions(self.request(user))
                ),
            )
        if hasattr(model_admin, "has_import_permission"):
            yield "import", lambda user: model_admin.has_import_permission(self.request(user))
        for inline in model_admin.get_inline_instances(self.request(self.superuser)):
            label = inline.model._meta.label_lower
            for op in ("add", "change", "delete"):
                check = getattr(inline, f"has_{op}_permission")
                yield f"inline {label} {op}", lambda user, check=check: check(self.request(user), draft)
                if isinstance(model_admin, PublicationAdminMixin) and model_admin.lock_published_items:
                    yield (
                        f"inline {label} {op} (published)",
                        lambda user, check=check: check(self.request(user), published),
                    )

    def test_every_admin_write_path_is_classified_and_honoured(self):
        for model, model_admin in admin.site._registry.items():
            label = model._meta.label_lower
            self.assertIn(label, EXPECTED, f"{label}: classify who may write through this admin")
            generated = set()
            for path, allowed in self.paths(model, model_admin):
                generated.add(path)
                self.assertIn(path, EXPECTED[label], f"{label}: classify the write path {path!r}")
                for role, user in self.users.items():
                    with self.subTest(model=label, path=path, role=role):
                        self.assertEqual(bool(allowed(user)), role in EXPECTED[label][path])
            self.assertEqual(set(EXPECTED[label]) - generated, set(), f"{label}: paths that no longer exist")

    def test_only_exporters_reach_the_exports_page(self):
        for role, user in self.users.items():
            with self.subTest(role=role):
                self.client.force_login(user)
                self.assertEqual(self.client.get(reverse("exports:index")).status_code, 403)

    def test_every_management_command_of_the_project_is_classified(self):
        ours = {name for name, app in get_commands().items() if app in PROJECT_APPS}
        self.assertEqual(ours, OPERATOR_COMMANDS)

    def test_the_table_matches_the_roles_in_http_too(self):
        """A sample of the matrix through the admin's own views: what the table refuses is refused over HTTP."""
        for role, user in self.users.items():
            with self.subTest(role=role):
                event = EventFactory()
                self.client.force_login(user)
                response = self.client.post(reverse("admin:timeline_event_delete", args=[event.pk]), {"post": "yes"})
                expected = role in EXPECTED["timeline.event"]["delete"]
                self.assertEqual(response.status_code, 302 if expected else 403)
                self.assertEqual(EventFactory._meta.model.objects.filter(pk=event.pk).exists(), not expected)

    def test_a_contributor_posting_the_suspension_action_changes_nothing(self):
        """Found by the matrix: the withdrawal actions were offered to users who may only view States."""
        state = StateFactory(iso2="XW", iso3="XWW", withdrawn=True)
        self.client.force_login(self.users[C])
        self.client.post(
            reverse("admin:treaty_state_changelist"), {"action": "suspend_withdrawal", "_selected_action": [state.pk]}
        )
        state.refresh_from_db()
        self.assertFalse(state.withdrawal_suspended)
