from django.contrib import admin, messages
from django.contrib.admin.utils import get_deleted_objects
from django.db import transaction
from django.db.models import Max, Min
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import CleanTextForm, ConcurrencyGuardForm, PublicationAdminMixin, PublicationInlineMixin
from exports.admin import EXPORT_ACTIONS, ExportActionsMixin

from . import services
from .models import Meeting, MeetingSource


class MeetingSourceInline(PublicationInlineMixin, admin.TabularInline):
    model = MeetingSource
    form = CleanTextForm
    extra = 0
    fields = ("url", "title", "position")


class YearListFilter(admin.SimpleListFilter):
    """Meetings by the year they opened in."""

    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        span = Meeting.objects.aggregate(first=Min("start_date"), last=Max("start_date"))
        if span["first"] is None:
            return []
        return [(str(year), str(year)) for year in range(span["last"].year, span["first"].year - 1, -1)]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not (value.isdigit() and len(value) <= 4):
            return queryset.none()  # a year has at most four digits (a huge number would overflow the query)
        return queryset.in_year(int(value))


@admin.register(Meeting)
class MeetingAdmin(ExportActionsMixin, PublicationAdminMixin, TranslationAdmin, SimpleHistoryAdmin):
    """Meetings, with the same drafts, roles, history and preview ("View on site") as timeline events. Each save,
    and each publication action, also brings the meeting's timeline event in step (`services.sync_event`), in the
    same transaction."""

    form = ConcurrencyGuardForm
    list_display = ("code", "dates_display", "place_display", "presidency", "status", "publish_at")
    list_display_links = ("code",)
    list_filter = ("kind", YearListFilter, "status")
    list_select_related = ("country", "presidency")
    search_fields = ("code", "city", "president", "country__name", "presidency__name", "outcome")
    autocomplete_fields = ("country", "presidency")
    date_hierarchy = "start_date"
    ordering = ("start_date", "pk")
    inlines = [MeetingSourceInline]
    readonly_fields = ("body_preview", "timeline_event", "created_at", "updated_at")
    actions = [*PublicationAdminMixin.actions, *EXPORT_ACTIONS]
    fieldsets = (
        (None, {"fields": ("code", "kind", "number", "edited_version")}),
        ("When and where", {"fields": ("start_date", "end_date", "city", "country")}),
        ("Presidency", {"fields": ("president", "presidency")}),
        ("Text", {"fields": ("outcome", "body", "body_preview")}),
        ("Timeline", {"fields": ("timeline_event",)}),
        ("Publication", {"fields": ("status", "publish_at", "created_at", "updated_at")}),
    )

    @admin.display(description="dates", ordering="start_date")
    def dates_display(self, meeting):
        return meeting.dates_text

    @admin.display(description="place", ordering="city")
    def place_display(self, meeting):
        return meeting.place

    @admin.display(description="preview (as last saved)")
    def body_preview(self, meeting):
        if not meeting.pk or not meeting.body:
            return "Save the meeting to see its body as visitors will."
        return format_html('<div class="markdown-preview">{}</div>', meeting.body_html)

    @admin.display(description="timeline event")
    def timeline_event(self, meeting):
        if not meeting.event_id:
            return "Made when the meeting is saved."
        url = reverse("admin:timeline_event_change", args=[meeting.event_id])
        return format_html(
            '<a href="{}">{}</a> (its title, dates, place, summary and publication follow this meeting)',
            url,
            meeting.event.title,
        )

    def save_model(self, request, obj, form, change):
        """The meeting, then its timeline event, in the admin's transaction. Here rather than in `save_related`, so
        that restoring an old version from the history (which saves the model but no inlines) syncs it too."""
        super().save_model(request, obj, form, change)
        services.sync_event(meeting=obj)

    # Deleting: through `services.delete_meetings`, which deletes the events the meetings made and keeps (unlinked)
    # those they took over, in one transaction, or refuses when the editor may not delete those events.

    def get_deleted_objects(self, objs, request):
        """The confirmation page lists the timeline events that go with the meetings, and refuses (naming "event")
        an editor who may delete meetings but not events, before anything is written; above the list, it names the
        events that stay (templates/admin/meetings/meeting/_kept_events.html)."""
        objs = list(objs)
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        # The records that name the meetings keep them from being deleted (Django lists them in `protected`, and
        # refuses): the page says so in place of Django's words (templates/admin/meetings/meeting/_references.html).
        request.meeting_references = [
            (meeting, [self._reference(request, record, field) for record, field in records])
            for meeting, records in services.references(meetings=objs)
        ]
        events, request.kept_timeline_events = services.deletion_plan(meetings=objs)  # (named above the list)
        if events:
            more, counts, needed, more_protected = get_deleted_objects(events, request, self.admin_site)
            to_delete = [*to_delete, *more]
            model_count = {**model_count, **{name: model_count.get(name, 0) + n for name, n in counts.items()}}
            perms_needed = perms_needed | needed
            if not request.user.has_perm("timeline.delete_event"):
                perms_needed = perms_needed | {"event"}
            protected = [*protected, *more_protected]
        return to_delete, model_count, perms_needed, protected

    def _reference(self, request, record, field):
        """A record that names a meeting, as the confirmation page shows it, with a link to it where the editor may
        see it."""
        opts = record._meta
        url = None
        if self.admin_site.is_registered(type(record)) and request.user.has_perm(
            f"{opts.app_label}.view_{opts.model_name}"
        ):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        return {"kind": opts.verbose_name, "name": str(record), "relation": field.verbose_name, "url": url}

    def delete_model(self, request, obj):
        self._delete(request, [obj])

    def delete_queryset(self, request, queryset):
        self._delete(request, queryset.select_related("event"))

    def _delete(self, request, meetings):
        _, kept = services.delete_meetings(meetings=meetings, user=request.user, reason="Deleted in the admin")
        if kept:
            links = format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                ((reverse("admin:timeline_event_change", args=[e.pk]), e.title) for e in kept),
            )
            self.message_user(
                request,
                format_html(
                    "Kept on the timeline, as it was there before the meeting: {}. It is no longer kept in step with "
                    "a meeting; check its text and publication.",
                    links,
                ),
                messages.WARNING,
            )

    def _sync_all(self, queryset):
        for meeting in Meeting.objects.filter(pk__in=[item.pk for item in queryset]).select_related("event"):
            services.sync_event(meeting=meeting)

    # The publication actions keep the mixin's labels and permissions, and sync the meetings' events.
    @admin.action(
        description=PublicationAdminMixin.publish_now.short_description,
        permissions=PublicationAdminMixin.publish_now.allowed_permissions,
    )
    @transaction.atomic
    def publish_now(self, request, queryset):
        super().publish_now(request, queryset)
        self._sync_all(queryset)

    @admin.action(
        description=PublicationAdminMixin.unpublish.short_description,
        permissions=PublicationAdminMixin.unpublish.allowed_permissions,
    )
    @transaction.atomic
    def unpublish(self, request, queryset):
        super().unpublish(request, queryset)
        self._sync_all(queryset)

    @admin.action(
        description=PublicationAdminMixin.schedule_publication.short_description,
        permissions=PublicationAdminMixin.schedule_publication.allowed_permissions,
    )
    @transaction.atomic
    def schedule_publication(self, request, queryset):
        response = super().schedule_publication(request, queryset)
        self._sync_all(queryset)
        return response
