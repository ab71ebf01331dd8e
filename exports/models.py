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


class ImportJob(models.Model):
    """
    An import from the admin too large to preview and apply within one request (exports.imports): the uploaded file,
    what is being done with it (queued, previewing N of M rows, previewed, applying, done or failed) and the result.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        PREVIEWING = "previewing", "Previewing"
        PREVIEWED = "previewed", "Previewed"
        APPLYING = "applying", "Applying"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    created_at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    model = models.CharField(max_length=100)  # app_label.model_name, for the admin's URLs
    resource = models.CharField(max_length=200)  # the resource class's dotted path
    format = models.CharField(max_length=10)  # "csv" or "xlsx"
    file_name = models.CharField(max_length=255)
    data = models.BinaryField()
    status = models.CharField(max_length=20, choices=Status, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    rows = models.JSONField(default=list, blank=True)  # the preview's rows with errors or changes, the first ones
    message = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    preview_seconds = models.FloatField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Import of {self.file_name} ({self.get_status_display()})"

    @property
    def has_errors(self):
        return bool(self.counts.get("error"))

    @property
    def in_progress(self):
        return self.status in {self.Status.QUEUED, self.Status.PREVIEWING, self.Status.APPLYING}
