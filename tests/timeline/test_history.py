"""Every change to the timeline's records is kept with who and when, compared field by field, and restorable."""

from django.contrib.auth.models import Permission
from django.test import TestCase
from django.urls import reverse

from core.models import PublicationStatus
from tests.treaty.factories import StateFactory
from tests.utils import admin_form_data, staff_user
from timeline import history, services
from timeline.models import Anniversary, Era, Event, EventImage, EventSource

from .factories import AnniversaryFactory, EraFactory, EventFactory, EventImageFactory


class TimelineHistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = staff_user("editor", "Editors")
        cls.event = EventFactory(title="Ottawa signing conference", summary="The Convention opens for signature.")
        cls.era = EraFactory(title="The Ottawa Process", slug="ottawa-process", summary="From October 1996.")
        cls.anniversary = AnniversaryFactory(years=20, title="Twenty years of the ban")

    def setUp(self):
        self.client.force_login(self.editor)

    def edit(self, item, **changes):
        url = reverse(f"admin:timeline_{item._meta.model_name}_change", args=[item.pk])
        response = self.client.post(url, admin_form_data(self.client.get(url), **changes))
        self.assertEqual(response.status_code, 302, response.context and response.context["adminform"].form.errors)

    def restore(self, item, version):
        url = reverse(f"admin:timeline_{item._meta.model_name}_simple_history", args=[item.pk, version.history_id])
        response = self.client.post(url, admin_form_data(self.client.get(url)))
        self.assertEqual(response.status_code, 302, response.context and response.context["adminform"].form.errors)

    def test_admin_edits_are_kept_with_who_when_and_what_changed(self):
        cases = [
            (self.event, "summary", "The Convention opens for signature in Ottawa."),
            (self.era, "summary", "From the Ottawa challenge in October 1996."),
            (self.anniversary, "title", "Two decades of the ban"),
        ]
        for item, field, new in cases:
            with self.subTest(type(item).__name__):
                old = getattr(item, field)
                self.edit(item, **{field: new})

                latest = type(item).history.filter(id=item.pk).latest()
                self.assertEqual(latest.history_user, self.editor)
                self.assertEqual(latest.history_type, "~")
                changes = {c.field: (c.old, c.new) for c in latest.diff_against(latest.prev_record).changes}
                changes.pop("updated_at", None)
                self.assertEqual(changes, {field: (old, new)})

                name = item._meta.model_name
                page = self.client.get(reverse(f"admin:timeline_{name}_history", args=[item.pk]))
                self.assertContains(page, new)
                self.assertContains(page, old)
                self.assertContains(page, "editor")

    def test_an_old_version_can_be_restored(self):
        for item, field, wrong in (
            (self.event, "summary", "A mistaken summary."),
            (self.era, "summary", "A mistaken summary."),
            (self.anniversary, "introduction", "A mistaken introduction."),
        ):
            with self.subTest(type(item).__name__):
                model = type(item)
                original = model.history.filter(id=item.pk).earliest()
                self.edit(item, **{field: wrong})

                self.restore(item, original)

                restored = model.objects.get(pk=item.pk)
                self.assertEqual(getattr(restored, field), getattr(original, field))
                self.assertEqual(model.history.filter(id=item.pk).count(), 3)  # created, edited, restored
                self.assertEqual(model.history.filter(id=item.pk).latest().history_user, self.editor)

    def test_publication_changes_are_in_the_history_too(self):
        url = reverse("admin:timeline_anniversary_changelist")
        self.client.post(url, {"action": "unpublish", "_selected_action": [self.anniversary.pk]})
        latest = Anniversary.history.filter(id=self.anniversary.pk).latest()
        self.assertEqual((latest.status, latest.history_user), (PublicationStatus.DRAFT, self.editor))

    def test_deleted_items_stay_in_the_history(self):
        event = EventFactory(title="A duplicate")
        event_id = event.pk
        event.delete()
        self.assertEqual(Event.history.filter(id=event_id).latest().history_type, "-")
        self.assertEqual(Era.history.filter(id=self.era.pk).count(), 1)


class ConcurrentEventEditTests(TestCase):
    """Two editors open the same event; the second to save is told, and the first one's work is kept."""

    def test_the_second_editor_is_told_and_nothing_is_overwritten(self):
        first, second = staff_user("first", "Editors"), staff_user("second", "Editors")
        event = EventFactory(title="Ottawa signing conference")
        url = reverse("admin:timeline_event_change", args=[event.pk])
        self.client.force_login(first)
        first_form = admin_form_data(self.client.get(url), summary="First editor's summary.")
        self.client.force_login(second)
        second_form = admin_form_data(self.client.get(url), summary="Second editor's summary.")

        self.client.force_login(first)
        self.assertEqual(self.client.post(url, first_form).status_code, 302)
        self.client.force_login(second)
        response = self.client.post(url, second_form)

        self.assertContains(response, "Someone else saved this record at")
        event.refresh_from_db()
        self.assertEqual(event.summary, "First editor's summary.")

    def test_the_change_page_carries_the_version_it_was_opened_at(self):
        self.client.force_login(staff_user("editor", "Editors"))
        event = EventFactory()
        response = self.client.get(reverse("admin:timeline_event_change", args=[event.pk]))
        self.assertContains(response, f'name="edited_version" value="{event.updated_at.isoformat()}"')


class DeletedEventTests(TestCase):
    def test_a_deleted_event_can_be_brought_back_from_its_history(self):
        editor = staff_user("editor", "Editors")
        event = EventFactory(title="Deleted by mistake")
        event_id = event.pk
        event.delete()
        self.client.force_login(editor)
        version = Event.history.filter(id=event_id, history_type="+").get()
        url = reverse("admin:timeline_event_simple_history", args=[event_id, version.history_id])

        response = self.client.post(url, admin_form_data(self.client.get(url)))

        self.assertEqual(response.status_code, 302)
        self.assertEqual(Event.objects.get(pk=event_id).title, "Deleted by mistake")

    def test_only_with_the_add_permission(self):
        event = EventFactory(title="Deleted")
        event_id = event.pk
        event.delete()
        viewer = staff_user("viewer")
        viewer.user_permissions.add(*Permission.objects.filter(codename__in=["view_event", "change_event"]))
        self.client.force_login(viewer)
        version = Event.history.filter(id=event_id, history_type="+").get()
        url = reverse("admin:timeline_event_simple_history", args=[event_id, version.history_id])
        self.assertEqual(self.client.post(url, {"title": "Deleted"}).status_code, 403)
        self.assertFalse(Event.objects.filter(pk=event_id).exists())


class InlineHistoryTests(TestCase):
    """An event's sources and pictures are part of its history: shown with the change, restored by a revert."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = staff_user("editor", "Editors")
        cls.state_a, cls.state_b = StateFactory(name="Canada"), StateFactory(name="Norway")
        cls.event = EventFactory(title="Ottawa signing conference", draft=True)
        cls.event.related_states.add(cls.state_a)
        services.attach_sources(event=cls.event, sources=[("Old title", "https://source.example/treaty")])
        cls.source = cls.event.sources.get()
        cls.picture = EventImageFactory(event=cls.event, alt_text="Delegates", caption="The hall")
        history.record_inlines(event=cls.event)

    def setUp(self):
        self.client.force_login(self.editor)

    def change_url(self):
        return reverse("admin:timeline_event_change", args=[self.event.pk])

    def edit_source(self, title, **changes):
        data = admin_form_data(self.client.get(self.change_url()), **changes)
        data.update(
            {
                "sources-TOTAL_FORMS": "1",
                "sources-INITIAL_FORMS": "1",
                "sources-0-id": self.source.pk,
                "sources-0-event": self.event.pk,
                "sources-0-title": title,
                "sources-0-url": self.source.url,
                "sources-0-position": "0",
            }
        )
        response = self.client.post(self.change_url(), data)
        self.assertEqual(response.status_code, 302, response.context and response.context["adminform"].form.errors)

    def test_a_changed_source_is_in_the_events_history_as_part_of_the_change(self):
        before = self.event.history.count()
        self.edit_source("New title", summary="Changed too.", related_states=[self.state_b.pk])
        self.assertEqual(self.event.history.count(), before + 1)  # one change, one version
        latest = self.event.history.latest()
        self.assertEqual(latest.summary, "Changed too.")
        self.assertEqual([row["title"] for row in latest.inlines["sources"]], ["New title"])
        self.assertEqual([row.state for row in latest.related_states.all()], [self.state_b])
        page = self.client.get(reverse("admin:timeline_event_history", args=[self.event.pk]))
        self.assertContains(page, "<strong>sources:</strong>", html=False)
        self.assertContains(page, "Old title (https://source.example/treaty)")
        self.assertContains(page, "New title (https://source.example/treaty)")

    def test_reverting_the_event_brings_its_sources_pictures_and_states_back(self):
        version = self.event.history.latest()
        self.edit_source("New title")
        EventSource.objects.create(event=self.event, title="Added later", url="https://source.example/later")
        EventImage.objects.filter(pk=self.picture.pk).update(alt_text="Changed", caption="")
        self.event.related_states.set([self.state_b])

        url = reverse("admin:timeline_event_simple_history", args=[self.event.pk, version.history_id])
        form = self.client.get(url)
        self.assertEqual(list(form.context["adminform"].form.initial["related_states"]), [self.state_a.pk])
        before = self.event.history.count()
        response = self.client.post(url, admin_form_data(form))
        self.assertEqual(response.status_code, 302, response.context and response.context["adminform"].form.errors)
        self.assertEqual(self.event.history.count(), before + 1)  # the revert is one version, relations included
        self.assertEqual([row.state for row in self.event.history.latest().related_states.all()], [self.state_a])

        self.assertEqual(
            list(self.event.sources.values_list("pk", "title", "url")),
            [(self.source.pk, "Old title", "https://source.example/treaty")],
        )
        self.picture.refresh_from_db()
        self.assertEqual((self.picture.alt_text, self.picture.caption), ("Delegates", "The hall"))
        self.assertEqual(list(self.event.related_states.all()), [self.state_a])
        latest = self.event.history.latest()
        self.assertEqual(latest.inlines, version.inlines)
        self.assertEqual(latest.history_change_reason[:23], "Reverted to version of ")

    def test_a_version_from_before_inlines_were_recorded_leaves_them_alone(self):
        version = self.event.history.earliest()
        type(version).objects.filter(pk=version.pk).update(inlines=None)
        self.edit_source("New title")
        url = reverse("admin:timeline_event_simple_history", args=[self.event.pk, version.history_id])
        response = self.client.post(url, admin_form_data(self.client.get(url)))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.event.sources.get().title, "New title")
