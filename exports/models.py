"""The log of every export: who took which records out, when, in which format, with which filters."""

import json

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class Format(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (XLSX)"
    JSON = "json", "JSON"


class Source(models.TextChoices):
    PAGE = "page", "Exports page"
    ADMIN = "admin", "Admin action"
    COMMAND = "command", "Command"


class ExportLog(models.Model):
    """One export. Written when the export starts; `row_count` is filled in once the last row has been written."""

    created_at = models.DateTimeField("when", default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(
        "who",
        max_length=150,
        blank=True,
        help_text="Kept when the account is deleted; for the command, the system user who ran it.",
    )
    dataset = models.CharField(max_length=60)
    format = models.CharField(max_length=10, choices=Format)
    # JSON text rather than a JSONField: that field's system check opens the database, which a fresh clone has not
    # created yet when CI runs `check` and `makemigrations --check`.
    filters = models.TextField(blank=True, help_text="The filters, after validation, as JSON.")
    row_count = models.PositiveIntegerField(
        "rows", null=True, blank=True, help_text="Empty if the export did not finish (e.g. the download was cut)."
    )
    source = models.CharField("from", max_length=10, choices=Source)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "export"
        verbose_name_plural = "export log"
        permissions = [("export_records", "Can export records")]
        constraints = [
            models.CheckConstraint(
                condition=Q(format__in=Format.values),
                name="exports_log_format_valid",
                violation_error_message="Unknown format.",
            ),
            models.CheckConstraint(
                condition=Q(source__in=Source.values),
                name="exports_log_source_valid",
                violation_error_message="Unknown source.",
            ),
        ]

    def __str__(self):
        when = timezone.localtime(self.created_at).strftime("%Y-%m-%d %H:%M")
        return f"{self.dataset}.{self.format} by {self.username or 'unknown'} on {when}"

    def get_absolute_url(self):
        return reverse("admin:exports_exportlog_change", args=[self.pk])

    @property
    def filters_dict(self):
        return json.loads(self.filters) if self.filters else {}
