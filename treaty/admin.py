from django.contrib import admin, messages
from django.db.models import F
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.formats import date_format
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import CleanTextForm, ConcurrencyGuardForm, PublicationAdminMixin
from exports.admin import EXPORT_ACTIONS, ExportActionsMixin
from exports.imports import PreviewImportMixin

from .models import State, StateSource, Status
from .resources import StateActionsResource


class StatusTodayFilter(admin.SimpleListFilter):
    title = "status today"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if self.value() in Status.values:
            return queryset.filter(status=self.value())
        return queryset


class DepositYearFilter(admin.SimpleListFilter):
    title = "year of deposit"
    parameter_name = "deposit_year"

    def lookups(self, request, model_admin):
        years = (
            State.objects.filter(deposited_on__isnull=False)
            .annotate(year=ExtractYear("deposited_on"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit() and len(self.value()) <= 4:  # a year: a huge number overflows
            return queryset.filter(deposited_on__year=int(self.value()))
        return queryset


class StateSourceInline(admin.TabularInline):
    form = CleanTextForm
    model = StateSource
    fields = ["fact", "title", "url"]
    extra = 0


@admin.register(State)
class StateAdmin(ExportActionsMixin, PreviewImportMixin, PublicationAdminMixin, TranslationAdmin, SimpleHistoryAdmin):
    """Treaty records. Their dates are facts, public once saved; a State's public note follows the editorial
    workflow (draft, published, publish-at), with the publish actions working on the notes."""

    form = ConcurrencyGuardForm
    resource_classes = [StateActionsResource]  # "Import" on the list: States' actions from CSV or XLSX
    status_field = "note_status"
    publish_at_field = "note_publish_at"
    lock_published_items = False  # the dates are facts, not content: only a published note is locked
    fields_locked_when_published = ["note"]
    publication_action_labels = {
        "publish_now": "Publish the notes of the selected States now",
        "schedule_publication": "Schedule the notes of the selected States for publication",
        "unpublish": "Unpublish the notes of the selected States (back to draft)",
    }
    list_display = [
        "name",
        "iso3",
        "region",
        "status_today",
        "signed_on",
        "instrument",
        "deposited_on",
        "entry_into_force_display",
        "withdrawal_notified_on",
    ]
    list_filter = [StatusTodayFilter, "region", "instrument", DepositYearFilter, "withdrawal_suspended", "note_status"]
    search_fields = ["name", "iso2", "iso3"]
    ordering = ["name"]
    list_per_page = 200
    inlines = [StateSourceInline]
    actions = [
        "suspend_withdrawal",
        "lift_withdrawal_suspension",
        "publish_now",
        "schedule_publication",
        "unpublish",
        *EXPORT_ACTIONS,
    ]
    readonly_fields = ["entry_into_force_display", "withdrawal_effective_on", "status_today", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", ("iso2", "iso3"), "un_standing", ("region", "sub_region"), "edited_version"]}),
        (
            "Signature and consent to be bound",
            {
                "fields": [
                    "signed_on",
                    ("instrument", "deposited_on"),
                    "succession_effective",
                    "entry_into_force_display",
                    "status_today",
                ]
            },
        ),
        (
            "Withdrawal (Article 20)",
            {"fields": ["withdrawal_notified_on", "withdrawal_effective_on", "withdrawal_suspended"]},
        ),
        ("Public note", {"fields": ["note", ("note_status", "note_publish_at"), "updated_at"]}),
        ("For staff only", {"fields": ["internal_note"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_status(as_of=timezone.localdate())

    @admin.display(description="status today", ordering="status")
    def status_today(self, state):
        return state.status_label if state.pk else "—"

    @admin.display(description="entry into force", ordering=F("entry_into_force").asc(nulls_last=True))
    def entry_into_force_display(self, state):
        return date_format(state.entry_into_force, "j F Y") if state.pk and state.entry_into_force else "—"

    @admin.action(description="Mark the withdrawal as suspended (armed conflict, Art. 20(3))", permissions=["change"])
    def suspend_withdrawal(self, request, queryset):
        self._set_suspension(request, queryset, suspended=True)

    @admin.action(description="Lift the suspension of the withdrawal", permissions=["change"])
    def lift_withdrawal_suspension(self, request, queryset):
        self._set_suspension(request, queryset, suspended=False)

    def _set_suspension(self, request, queryset, *, suspended):
        without_notice = queryset.filter(withdrawal_notified_on__isnull=True)
        if suspended and without_notice.exists():
            names = ", ".join(without_notice.values_list("name", flat=True)[:5])
            self.message_user(
                request, f"Only a notified withdrawal can be suspended; {names} has none.", messages.ERROR
            )
            return
        changed = 0
        for state in queryset.filter(withdrawal_notified_on__isnull=False):
            state.withdrawal_suspended = suspended
            state.save(update_fields=["withdrawal_suspended", "updated_at"])
            changed += 1
        self.message_user(request, f"Updated {changed} State{'s' if changed != 1 else ''}.", messages.SUCCESS)
