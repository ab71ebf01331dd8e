"""The editorial roles the migrations create, and what each may do in the admin."""

from importlib import import_module

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import TestCase
from django.urls import reverse

from core.models import PublicationStatus
from tests.timeline.factories import AnniversaryFactory, CategoryFactory, EventFactory
from tests.treaty.factories import StateFactory
from tests.utils import staff_user
from timeline.models import Event

roles_migration = import_module("core.migrations.0001_editorial_roles")
meeting_roles_migration = import_module("meetings.migrations.0003_editorial_roles")
obligations_roles_migration = import_module("obligations.migrations.0002_editorial_roles")

EDITORS = {
    "meetings.view_meeting",
    "meetings.add_meeting",
    "meetings.change_meeting",
    "meetings.delete_meeting",
    "meetings.publish_meeting",
    "meetings.view_meetingsource",
    "meetings.add_meetingsource",
    "meetings.change_meetingsource",
    "meetings.delete_meetingsource",
    "timeline.view_anniversary",
    "timeline.add_anniversary",
    "timeline.change_anniversary",
    "timeline.delete_anniversary",
    "timeline.publish_anniversary",
    "timeline.view_era",
    "timeline.add_era",
    "timeline.change_era",
    "timeline.delete_era",
    "timeline.publish_era",
    "timeline.view_event",
    "timeline.add_event",
    "timeline.change_event",
    "timeline.delete_event",
    "timeline.publish_event",
    "timeline.view_eventsource",
    "timeline.add_eventsource",
    "timeline.change_eventsource",
    "timeline.delete_eventsource",
    "timeline.view_eventimage",
    "timeline.add_eventimage",
    "timeline.change_eventimage",
    "timeline.delete_eventimage",
    "timeline.view_category",
    "timeline.add_category",
    "timeline.change_category",
    "timeline.delete_category",
    "treaty.view_state",
    "treaty.add_state",
    "treaty.change_state",
    "treaty.publish_state",
    "treaty.view_statesource",
    "treaty.add_statesource",
    "treaty.change_statesource",
    # The obligations records (obligations/migrations/0002_editorial_roles.py): kept like the treaty records; only
    # an extension entered in error may be deleted.
    "obligations.view_clearanceobligation",
    "obligations.add_clearanceobligation",
    "obligations.change_clearanceobligation",
    "obligations.view_clearanceextension",
    "obligations.add_clearanceextension",
    "obligations.change_clearanceextension",
    "obligations.delete_clearanceextension",
    "obligations.view_stockpileobligation",
    "obligations.add_stockpileobligation",
    "obligations.change_stockpileobligation",
}
CONTRIBUTORS = {
    "meetings.view_meeting",
    "meetings.add_meeting",
    "meetings.change_meeting",
    "meetings.view_meetingsource",
    "meetings.add_meetingsource",
    "meetings.change_meetingsource",
    "meetings.delete_meetingsource",
    "timeline.view_anniversary",
    "timeline.add_anniversary",
    "timeline.change_anniversary",
    "timeline.view_era",
    "timeline.add_era",
    "timeline.change_era",
    "timeline.view_event",
    "timeline.add_event",
    "timeline.change_event",
    "timeline.view_eventsource",
    "timeline.add_eventsource",
    "timeline.change_eventsource",
    "timeline.delete_eventsource",
    "timeline.view_eventimage",
    "timeline.add_eventimage",
    "timeline.change_eventimage",
    "timeline.delete_eventimage",
    "timeline.view_category",
    "treaty.view_state",
    "treaty.view_statesource",
    "obligations.view_clearanceobligation",
    "obligations.view_clearanceextension",
    "obligations.view_stockpileobligation",
}


def permissions_of(name):
    group = Group.objects.get(name=name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def event_form(event, **changes):
    data = {
        "edited_version": Event.objects.get(pk=event.pk).updated_at.isoformat() if event.pk else "",
        "title_en": event.title,
        "slug": event.slug,
        "category": event.category_id,
        "featured": "",
        "date": event.date.isoformat(),
        "date_precision": event.date_precision,
        "end_date": "",
        "location_en": event.location,
        "summary_en": event.summary,
        "body_en": event.body,
        "status": event.status,
        "publish_at_0": "",
        "publish_at_1": "",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
    }
    # A translated field's change is typed in its English box (`title` → `title_en`), as the admin shows it.
    data.update({f"{key}_en" if f"{key}_en" in data else key: value for key, value in changes.items()})
    return data


class GroupPermissionTests(TestCase):
    def test_the_editors_group_has_exactly_the_permissions_editors_need(self):
        self.assertEqual(permissions_of("Editors"), EDITORS)

    def test_editors_may_not_delete_treaty_records_nor_touch_accounts(self):
        editors = permissions_of("Editors")
        self.assertFalse({perm for perm in editors if perm.startswith("treaty.delete_")})
        self.assertFalse({perm for perm in editors if perm.startswith(("auth.", "admin.", "axes."))})

    def test_the_contributors_group_writes_drafts_and_publishes_nothing(self):
        contributors = permissions_of("Contributors")
        self.assertEqual(contributors, CONTRIBUTORS)
        self.assertFalse({perm for perm in contributors if ".publish_" in perm})
        self.assertLess(contributors, EDITORS)

    def test_the_migration_can_be_undone_and_redone(self):
        """Its two functions, run on the models as the migration sees them (CI also migrates to zero and back)."""

        class SchemaEditor:
            connection = connection

        state_apps = MigrationLoader(connection).project_state(("core", "0001_editorial_roles")).apps
        roles_migration.delete_roles(state_apps, SchemaEditor)
        self.assertFalse(Group.objects.filter(name__in=["Editors", "Contributors"]).exists())

        roles_migration.create_roles(state_apps, SchemaEditor)
        meetings_apps = MigrationLoader(connection).project_state(("meetings", "0003_editorial_roles")).apps
        meeting_roles_migration.revoke(meetings_apps, SchemaEditor)
        meeting_roles_migration.grant(meetings_apps, SchemaEditor)
        # Later models' grants come from their apps' own migrations (obligations: 0002_editorial_roles).
        later_apps = MigrationLoader(connection).project_state(("obligations", "0002_editorial_roles")).apps
        obligations_roles_migration.grant(later_apps, SchemaEditor)
        self.assertEqual(permissions_of("Editors"), EDITORS)
        self.assertEqual(permissions_of("Contributors"), CONTRIBUTORS)


class EditorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = staff_user("editor", "Editors")
        cls.state = StateFactory(name="Canada", iso2="CA", iso3="CAN", ratified=True)
        cls.event = EventFactory(title="Ottawa signing conference", draft=True)

    def setUp(self):
        self.client.force_login(self.editor)

    def test_editors_see_content_and_treaty_records_but_not_accounts(self):
        for name in ("timeline_event", "timeline_era", "timeline_anniversary", "timeline_category", "treaty_state"):
            with self.subTest(name):
                self.assertEqual(self.client.get(reverse(f"admin:{name}_changelist")).status_code, 200)
        self.assertEqual(self.client.get(reverse("admin:auth_user_changelist")).status_code, 403)
        self.assertEqual(self.client.get(reverse("admin:auth_group_changelist")).status_code, 403)

    def test_editors_cannot_delete_a_state(self):
        response = self.client.get(reverse("admin:treaty_state_delete", args=[self.state.pk]))
        self.assertEqual(response.status_code, 403)
        changelist = self.client.get(reverse("admin:treaty_state_changelist"))
        self.assertNotIn("delete_selected", dict(changelist.context["action_form"].fields["action"].choices))

    def test_editors_are_offered_the_publication_actions(self):
        response = self.client.get(reverse("admin:timeline_event_changelist"))
        actions = dict(response.context["action_form"].fields["action"].choices)
        self.assertEqual(actions["publish_now"], "Publish the selected events now")
        self.assertEqual(actions["schedule_publication"], "Schedule the selected events for publication")
        self.assertEqual(actions["unpublish"], "Unpublish the selected events (back to draft)")

    def test_editors_can_publish_from_the_change_page(self):
        url = reverse("admin:timeline_event_change", args=[self.event.pk])
        response = self.client.post(url, event_form(self.event, status="published"))
        self.assertEqual(response.status_code, 302)
        self.event.refresh_from_db()
        self.assertEqual(self.event.status, PublicationStatus.PUBLISHED)


class ContributorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.contributor = staff_user("contributor", "Contributors")
        cls.category = CategoryFactory(name="Conference", slug="conference")
        cls.draft = EventFactory(title="A draft", draft=True)
        cls.published = EventFactory(title="Already public")

    def setUp(self):
        self.client.force_login(self.contributor)

    def test_status_and_publish_at_are_read_only_and_no_publication_action_is_offered(self):
        response = self.client.get(reverse("admin:timeline_event_add"))
        self.assertNotIn("status", response.context["adminform"].form.fields)
        self.assertNotIn("publish_at", response.context["adminform"].form.fields)
        changelist = self.client.get(reverse("admin:timeline_event_changelist"))
        self.assertIsNone(changelist.context["action_form"])  # no action at all: contributors may not delete either
        self.assertNotContains(changelist, "Publish the selected")

    def test_what_a_contributor_adds_is_a_draft_whatever_the_form_says(self):
        data = event_form(EventFactory.build(title="New draft", slug="new-draft", category=self.category))
        data.update(status="published")
        self.assertEqual(self.client.post(reverse("admin:timeline_event_add"), data).status_code, 302)
        self.assertEqual(Event.objects.get(slug="new-draft").status, PublicationStatus.DRAFT)

    def test_a_contributor_can_edit_a_draft_but_not_publish_it(self):
        url = reverse("admin:timeline_event_change", args=[self.draft.pk])
        response = self.client.post(url, event_form(self.draft, summary_en="Rewritten.", status="published"))
        self.assertEqual(response.status_code, 302)
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.summary, "Rewritten.")
        self.assertEqual(self.draft.status, PublicationStatus.DRAFT)

    def test_a_contributor_only_views_what_is_published(self):
        url = reverse("admin:timeline_event_change", args=[self.published.pk])
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "View event")
        self.assertEqual(self.client.post(url, event_form(self.published, summary_en="Changed live.")).status_code, 403)
        self.published.refresh_from_db()
        self.assertNotEqual(self.published.summary, "Changed live.")

    def test_a_publication_action_posted_anyway_is_refused(self):
        self.client.post(
            reverse("admin:timeline_event_changelist"), {"action": "publish_now", "_selected_action": [self.draft.pk]}
        )
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.status, PublicationStatus.DRAFT)

    def test_restoring_an_old_version_never_publishes(self):
        self.draft.status = PublicationStatus.PUBLISHED
        self.draft.save()
        self.draft.status = PublicationStatus.DRAFT
        self.draft.save()
        published_version = self.draft.history.all()[1]
        self.assertEqual(published_version.status, PublicationStatus.PUBLISHED)

        url = reverse("admin:timeline_event_simple_history", args=[self.draft.pk, published_version.history_id])
        response = self.client.post(url, event_form(self.draft))

        self.assertEqual(response.status_code, 302)
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.status, PublicationStatus.DRAFT)

    def test_restoring_a_version_of_a_published_item_is_refused(self):
        version = self.published.history.earliest()
        url = reverse("admin:timeline_event_simple_history", args=[self.published.pk, version.history_id])
        self.assertEqual(self.client.post(url, event_form(self.published)).status_code, 403)

    def test_contributors_only_look_at_treaty_records(self):
        state = StateFactory()
        url = reverse("admin:treaty_state_change", args=[state.pk])
        self.assertContains(self.client.get(url), "View State")
        self.assertEqual(self.client.post(url, {"name": "Renamed"}).status_code, 403)

    def test_contributors_prepare_an_anniversary_page_as_a_draft(self):
        anniversary = AnniversaryFactory(years=30, draft=True)
        url = reverse("admin:timeline_anniversary_change", args=[anniversary.pk])
        form = self.client.get(url).context["adminform"].form
        self.assertNotIn("status", form.fields)


class ViewersCannotRestoreTests(TestCase):
    """django-simple-history only hides the "Revert" button from users who may merely view; the POST is refused."""

    def test_a_viewer_posting_a_restore_is_refused(self):
        viewer = staff_user("viewer")
        viewer.user_permissions.add(Permission.objects.get(codename="view_event"))
        event = EventFactory(title="An event", draft=True)
        self.client.force_login(viewer)
        version = event.history.earliest()
        url = reverse("admin:timeline_event_simple_history", args=[event.pk, version.history_id])
        self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(self.client.post(url, event_form(event, summary_en="Changed.")).status_code, 403)
