"""
The admin of the obligations records: facts, public once saved (no drafts), with their history, exports and
imports with a dry run (completions on the clearance list, extensions on the extensions list).
"""

from django.contrib import admin
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from core.admin import CleanTextForm, HistoryAdminMixin
from exports.admin import EXPORT_ACTIONS, ExportActionsMixin
from exports.imports import PreviewImportMixin

from .models import ClearanceExtension, ClearanceObligation, Standing, StockpileObligation
from .resources import ClearanceCompletionResource, ClearanceExtensionResource


class ClearanceExtensionInline(admin.TabularInline):
    form = CleanTextForm
    model = ClearanceExtension
    extra = 0
    fields = [
        "sequence",
        "meeting",
        "meeting_code",
        "meeting_inferred",
        "granted_on",
        "new_deadline",
        "new_deadline_precision",
        "note",
        "sources",
    ]
    raw_id_fields = ["meeting"]  # meetings: the meetings app's admin may offer autocomplete later


class StandingTodayFilter(admin.SimpleListFilter):
    """The obligation's standing today (`standing_on`), from the queryset's own rows."""

    title = "standing today"
    parameter_name = "standing"

    def lookups(self, request, model_admin):
        return Standing.choices

    def queryset(self, request, queryset):
        if self.value() not in Standing.values:
            return queryset
        today = timezone.localdate()
        keep = [
            obligation.pk
            for obligation, standing in queryset.model.objects.filter(pk__in=queryset.values("pk")).standings(
                as_of=today
            )
            if standing.standing == self.value()
        ]
        return queryset.filter(pk__in=keep)


@admin.register(ClearanceObligation)
class ClearanceObligationAdmin(ExportActionsMixin, PreviewImportMixin, HistoryAdminMixin, SimpleHistoryAdmin):
    form = CleanTextForm
    resource_classes = [ClearanceCompletionResource]  # "Import": completions from CSV or XLSX
    list_display = ["state", "original_deadline_display", "completed_display", "completion_meeting", "extension_count"]
    list_filter = [StandingTodayFilter, "completed_precision", "completion_meeting", "state__region"]
    list_select_related = ["state", "completion_meeting"]
    search_fields = ["state__name", "state__iso3", "status_note"]
    autocomplete_fields = ["state"]
    raw_id_fields = ["completion_meeting"]
    inlines = [ClearanceExtensionInline]
    actions = [*EXPORT_ACTIONS]
    readonly_fields = ["original_deadline_display"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_deadline().prefetch_related("extensions")

    @admin.display(description="original deadline (computed)", ordering="original_deadline_sql")
    def original_deadline_display(self, obligation):
        return obligation.original_deadline if obligation.pk else "—"

    @admin.display(description="completed")
    def completed_display(self, obligation):
        return obligation.completed.text if obligation.completed else "—"

    @admin.display(description="extensions")
    def extension_count(self, obligation):
        return len(obligation.extensions.all())


@admin.register(ClearanceExtension)
class ClearanceExtensionAdmin(ExportActionsMixin, PreviewImportMixin, HistoryAdminMixin, SimpleHistoryAdmin):
    form = CleanTextForm
    resource_classes = [ClearanceExtensionResource]  # "Import": extensions from CSV or XLSX
    import_may_create = True  # a new number adds an extension to the State's record
    list_display = ["obligation", "sequence", "meeting_label", "meeting_inferred", "new_deadline_display"]
    list_filter = ["meeting_inferred", "meeting", "new_deadline_precision"]
    list_select_related = ["obligation__state", "meeting"]
    search_fields = ["obligation__state__name", "obligation__state__iso3", "meeting_code", "note"]
    autocomplete_fields = ["obligation"]
    raw_id_fields = ["meeting"]
    actions = [*EXPORT_ACTIONS]

    @admin.display(description="new deadline")
    def new_deadline_display(self, extension):
        return extension.new_deadline_dates.text if extension.new_deadline else "not known"


@admin.register(StockpileObligation)
class StockpileObligationAdmin(ExportActionsMixin, HistoryAdminMixin, SimpleHistoryAdmin):
    form = CleanTextForm
    list_display = ["state", "deadline_display", "status", "completed_display"]
    list_filter = ["status", StandingTodayFilter, "completed_precision", "state__region"]
    list_select_related = ["state"]
    search_fields = ["state__name", "state__iso3", "note"]
    autocomplete_fields = ["state"]
    actions = [*EXPORT_ACTIONS]
    readonly_fields = ["deadline_display"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_deadline()

    @admin.display(description="deadline (computed)", ordering="original_deadline_sql")
    def deadline_display(self, obligation):
        return obligation.deadline if obligation.pk else "—"

    @admin.display(description="completed")
    def completed_display(self, obligation):
        return obligation.completed.text if obligation.completed else "—"
