from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from . import datasets
from .models import ExportLog, Format
from .services import start_export
from .views import PERMISSION

# Changelist parameters that are about the page, not about which records it lists.
NOT_FILTERS = {"o", "p", "all", "_changelist_filters"}


class ExportActionsMixin:
    """
    "Export" actions (CSV, XLSX, JSON) for the admin list of a model that has a dataset (`exports.datasets`).
    The action gets the list's records with its filters and search applied, as selected ("select all" takes every
    record that matches); the file has the same columns as the same dataset from /exports/, and is logged.
    Add `*EXPORT_ACTIONS` to the admin's `actions`.
    """

    def has_export_permission(self, request):
        return request.user.has_perm(PERMISSION)

    def export_response(self, request, queryset, export_format):
        dataset = datasets.for_model(self.model)
        filters = {key: value for key, value in request.GET.items() if key not in NOT_FILTERS}
        if request.POST.get("select_across") == "1":
            filters["selection"] = "all matching"
        else:
            filters["selection"] = f"{len(request.POST.getlist(ACTION_CHECKBOX_NAME))} selected"
        export = start_export(
            dataset=dataset,
            export_format=export_format,
            objects=dataset.objects_for_admin(queryset),
            filters=filters,
            source="admin",
            user=request.user,
            stem=dataset.file_stem(today=timezone.localdate()),
        )
        response = StreamingHttpResponse(export.chunks, content_type=export.content_type)
        response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
        patch_cache_control(response, private=True, no_store=True)
        return response

    @admin.action(description="Export as CSV", permissions=["export"])
    def export_csv(self, request, queryset):
        return self.export_response(request, queryset, Format.CSV)

    @admin.action(description="Export as Excel (XLSX)", permissions=["export"])
    def export_xlsx(self, request, queryset):
        return self.export_response(request, queryset, Format.XLSX)

    @admin.action(description="Export as JSON", permissions=["export"])
    def export_json(self, request, queryset):
        return self.export_response(request, queryset, Format.JSON)


EXPORT_ACTIONS = ["export_csv", "export_xlsx", "export_json"]


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    """The export log, for administrators: read only (nobody adds, edits or deletes entries here)."""

    list_display = ["created_at", "username", "dataset", "format", "row_count_display", "source", "filters"]
    list_filter = ["dataset", "format", "source"]
    search_fields = ["username", "dataset", "filters"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]
    fields = ["created_at", "user", "username", "dataset", "format", "filters", "row_count", "source"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="rows", ordering="row_count")
    def row_count_display(self, log):
        return "not finished" if log.row_count is None else log.row_count
