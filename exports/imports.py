"""
Records back in from CSV or XLSX, through django-import-export, extended where we need more:

- widgets that read exactly what the exports write (ISO dates, "yes" or empty, slugs and ISO codes) and say what
  is wrong in plain words ("Dates must be written YYYY-MM-DD (got '31/12/2017').");
- formats that undo the exports' formula guard and Excel's escapes, and read CSV as bytes, so text (line breaks
  included) comes back exactly as it went out: export → import changes nothing;
- `PlainModelResource`: rows are matched on a key and never duplicated in one file, every row is validated with the
  model's own rules (`full_clean`: the database constraints' messages), rows are saved one by one (so
  django-simple-history records each change with the importing user and the file's name) and nothing unchanged is
  written;
- `PreviewImportMixin` for the admin: upload → a dry run, previewed row by row (new, updated with each changed field,
  or every error; unchanged rows are counted, not listed) → confirm → applied in one transaction, all or nothing.
  A file with any error offers no confirmation, and a confirmation whose file turns out to have errors writes
  nothing. A file of more than `settings.IMPORT_SYNC_ROWS` rows is previewed and applied in the background instead
  (below), with a status page that refreshes itself until the preview or the import is done.
"""

import logging
import time
from datetime import UTC, date, datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.tasks import task
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from import_export import resources, widgets
from import_export.admin import ImportMixin
from import_export.fields import Field
from import_export.formats import base_formats
from import_export.results import RowResult
from import_export.signals import post_import
from import_export.tmp_storages import TempFolderStorage

from core import spreadsheets
from exports.models import ImportJob

logger = logging.getLogger(__name__)

# --- Widgets: a cell's text to a value, and back ----------------------------------------------------------------


def text_of(value):
    return "" if value is None else str(value).strip()


class IsoDateWidget(widgets.Widget):
    """YYYY-MM-DD, or a date cell from XLSX. Empty means no date."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = text_of(value)
        if not text:
            return None
        try:
            return date.fromisoformat(text) if len(text) == 10 else _bad_date(text)
        except ValueError:
            return _bad_date(text)

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


def _bad_date(text):
    raise ValueError(f"Dates must be written YYYY-MM-DD (got '{text}').")


class IsoDateTimeWidget(widgets.Widget):
    """ISO 8601 date and time, e.g. 2026-12-03T09:00:00+00:00; without an offset (or from XLSX) it is UTC."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            moment = value
        else:
            text = text_of(value)
            if not text:
                return None
            try:
                moment = datetime.fromisoformat(text)
            except ValueError:
                raise ValueError(
                    f"Times must be written YYYY-MM-DDTHH:MM, in UTC unless an offset is given (got '{text}')."
                ) from None
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class YesWidget(widgets.Widget):
    """ "yes" (as the exports write it; also true/1 or an XLSX TRUE) or empty (also no/false/0 or FALSE)."""

    TRUE = {"yes", "true", "1", "y"}
    FALSE = {"", "no", "false", "0", "n"}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float):
            value = str(int(value))
        text = text_of(value).lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(f"Write yes, or leave the cell empty for no (got '{text_of(value)}').")

    def render(self, value, obj=None, **kwargs):
        return "yes" if value else ""


class TextWidget(widgets.Widget):
    """Text exactly as given (an empty cell is empty text)."""

    def clean(self, value, row=None, **kwargs):
        return "" if value is None else str(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class TranslationWidget(TextWidget):
    """A translation's text; an empty cell is "not yet translated" (None), as the admin stores it."""

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value)
        return text if text.strip() else None


def translation_fields(model, names):
    """
    Import columns for the translations of `model`'s fields `names` other than English: {"title_fr": Field…}, named
    as the staff export with a language names them. `names`: field names, or {field name: its column's name} where
    the column is named otherwise ({"note": "public_note"} → `public_note_fr`). A file without them leaves the
    translations as they are; the English is the field's own column (`title`).
    """
    from core.translations import column, other_languages, translated_fields

    columns = names if isinstance(names, dict) else {name: name for name in names}
    translated = set(translated_fields(model))
    return {
        column(name, lang): Field(
            attribute=column(name, lang), column_name=column(header, lang), widget=TranslationWidget()
        )
        for name, header in columns.items()
        if name in translated
        for lang in other_languages()
    }


class ChoiceWidget(TextWidget):
    """One of a `TextChoices`' values, or empty when `blank`."""

    def __init__(self, choices, *, blank=False, **kwargs):
        super().__init__(**kwargs)
        self.choices, self.blank = choices, blank

    def clean(self, value, row=None, **kwargs):
        text = text_of(value)
        if (text == "" and self.blank) or text in self.choices.values:
            return text
        allowed = ", ".join(self.choices.values) + (", or leave it empty" if self.blank else "")
        raise ValueError(f"Unknown value '{text}': write {allowed}.")


class IdWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, int | float):
            return int(value)
        text = text_of(value)
        if not text:
            return None
        if not text.isdigit():
            raise ValueError(f"The id must be a whole number (got '{text}').")
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class KeyForeignKeyWidget(widgets.ForeignKeyWidget):
    """A related record by its slug or code, with a plain message when there is none."""

    def __init__(self, model, field, *, noun, **kwargs):
        super().__init__(model, field, **kwargs)
        self.noun = noun

    def clean(self, value, row=None, **kwargs):
        key = text_of(value)
        if not key:
            return None
        try:
            return self.model.objects.get(**{self.field: key})
        except self.model.DoesNotExist:
            raise ValueError(f"No {self.noun} has the {self.field} '{key}'.") from None


class KeysManyToManyWidget(widgets.ManyToManyWidget):
    """Related records as a comma-separated list of slugs or codes; every one of them must exist."""

    def __init__(self, model, field, *, noun, label, normalise=str, **kwargs):
        super().__init__(model, separator=",", field=field, **kwargs)
        self.noun, self.label, self.normalise = noun, label, normalise

    def clean(self, value, row=None, **kwargs):
        keys = [self.normalise(key.strip()) for key in text_of(value).split(self.separator) if key.strip()]
        found = self.model.objects.filter(**{f"{self.field}__in": keys})
        missing = sorted(set(keys) - {getattr(record, self.field) for record in found})
        if missing:
            raise ValueError(f"No {self.noun} has the {self.label} {', '.join(repr(key) for key in missing)}.")
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ", ".join(sorted(str(getattr(record, self.field)) for record in value.all()))


# --- Formats and temporary storage -------------------------------------------------------------------------------


def restored(dataset, *, xlsx=False):
    """The dataset with the exports' formula guard (and, from XLSX, Excel's _xHHHH_ escapes) undone in every cell."""

    def clean(value):
        if not isinstance(value, str):
            return value
        return spreadsheets.restore(spreadsheets.xlsx_unescape(value) if xlsx else value)

    rows = [[clean(value) for value in row] for row in dataset]
    headers = [text_of(header) for header in dataset.headers or []]
    dataset.wipe()
    dataset.headers = headers
    for row in rows:
        dataset.append(row)
    return dataset


class CSV(base_formats.CSV):
    def create_dataset(self, in_stream, **kwargs):
        return restored(super().create_dataset(in_stream, **kwargs))


class XLSX(base_formats.XLSX):
    def create_dataset(self, in_stream):
        return restored(super().create_dataset(in_stream), xlsx=True)


class BinaryTempFolderStorage(TempFolderStorage):
    """Reads the upload back as bytes: text mode would turn a line break inside a CSV cell (CRLF) into LF."""

    def __init__(self, **kwargs):
        super().__init__(**{**kwargs, "read_mode": "rb", "encoding": None})


# --- Resources ---------------------------------------------------------------------------------------------------


def spreadsheet_row(number):
    """A data row's number as a spreadsheet shows it (the header is row 1)."""
    return number + 1


class PlainModelResource(resources.ModelResource):
    """
    A resource whose rows are matched on `Meta.import_id_fields` (one field), never twice in a file, validated by
    the model (constraint messages included), saved one by one, and described field by field for the preview.
    """

    class Meta:
        abstract = True
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True
        use_bulk = False  # one save per row: django-simple-history records each change
        store_instance = True
        store_row_values = True
        skip_html_diff = True

    noun = "record"  # how a record is named in messages, e.g. "State"
    key_is_code = False  # True: keys are compared in capitals (ISO codes)

    def key_field(self):
        return self.fields[self.get_import_id_fields()[0]]

    def unknown_key_message(self, key):
        return f"No {self.noun} has the {self.key_field().column_name} '{key}'."

    def may_create(self, key):
        """Whether a row whose key matches no record adds one (False: the row is an error)."""
        return False

    def before_import(self, dataset, **kwargs):
        """Refuse a key that appears on more than one row: each row would overwrite the one before."""
        super().before_import(dataset, **kwargs)
        self.duplicates = {}
        column = self.key_field().column_name
        if column not in (dataset.headers or []):
            return
        seen = {}
        for number, value in enumerate(dataset[column], start=1):
            key = text_of(value).upper() if self.key_is_code else text_of(value)
            if key:
                seen.setdefault(key, []).append(number)
        for key, numbers in seen.items():
            if len(numbers) > 1:
                rows = ", ".join(str(spreadsheet_row(number)) for number in numbers)
                for number in numbers:
                    self.duplicates[number] = f"The {column} '{key}' is on more than one row (rows {rows}): keep one."

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        if progress := kwargs.get("progress"):  # a background import's progress (below)
            progress(kwargs.get("row_number", 1) - 1)
        if message := self.duplicates.get(kwargs.get("row_number")):
            raise ValidationError(message)

    def get_or_init_instance(self, instance_loader, row):
        column = self.key_field().column_name
        if column not in row:
            raise ValidationError(f"The file has no '{column}' column: it says which {self.noun} each row is.")
        try:
            key = self.key_field().clean(row)
            instance = self.get_instance(instance_loader, row)
        except ValueError as error:
            raise ValidationError({column: str(error)}) from None
        if instance is not None:
            return instance, False
        if not self.may_create(key):
            raise ValidationError(self.unknown_key_message(key if key not in (None, "") else ""))
        return self.init_instance(row), True

    def after_init_instance(self, instance, new, row, **kwargs):
        """Remember the record's values before the row is applied (many-to-many ones too) for the preview."""
        super().after_init_instance(instance, new, row, **kwargs)
        self.before_values = {} if new else self.values_of(instance, row)

    def values_of(self, instance, row):
        return {
            field.column_name: field.export(instance)
            for field in self.get_import_fields()
            if field.column_name in row and not field.readonly
        }

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            raise ValidationError(self.plain_errors(instance, error)) from None

    def plain_errors(self, instance, error):
        """Field errors keyed by the file's column names; a duplicate unique value said plainly."""
        columns = {field.attribute: field.column_name for field in self.get_import_fields()}
        errors = {}
        for name, field_errors in error.error_dict.items():
            messages_ = []
            for field_error in field_errors:
                if field_error.code == "unique" and name in columns:
                    value = getattr(instance, name, "")
                    messages_.append(f"Another {self.noun} already has the {columns[name]} '{value}'.")
                else:
                    messages_.extend(field_error.messages)
            errors[columns.get(name, name) if name != NON_FIELD_ERRORS else NON_FIELD_ERRORS] = messages_
        return errors

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if kwargs.get("user") is not None:
            instance._history_user = kwargs["user"]
        instance._change_reason = f"Imported from {kwargs.get('file_name') or 'a file'}"[:100]

    def after_import_row(self, row, row_result, **kwargs):
        """Note what the row changes, field by field: (column, old, new), or for a new record (column, value)."""
        super().after_import_row(row, row_result, **kwargs)
        if row_result.instance is None:
            return
        after = self.values_of(row_result.instance, row)
        if row_result.import_type == RowResult.IMPORT_TYPE_NEW:
            row_result.changes = [(column, "", value) for column, value in after.items() if value not in ("", None)]
        else:
            row_result.changes = [
                (column, self.before_values.get(column, ""), value)
                for column, value in after.items()
                if value != self.before_values.get(column, "")
            ]


# --- Admin ----------------------------------------------------------------------------------------------------------

OUTCOMES = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "updated",
    RowResult.IMPORT_TYPE_SKIP: "unchanged",
    RowResult.IMPORT_TYPE_INVALID: "error",
    RowResult.IMPORT_TYPE_ERROR: "error",
    RowResult.IMPORT_TYPE_DELETE: "deleted",
}


def row_errors(row_result):
    errors = []
    if row_result.validation_error is not None:
        error = row_result.validation_error
        error_dict = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
        for column, column_errors in error_dict.items():
            prefix = "" if column == NON_FIELD_ERRORS else f"{column}: "
            errors.extend(prefix + message for message in column_errors)
    errors.extend(str(error.error) for error in row_result.errors)
    return errors


def preview(result, key_column):
    """Every row of a dry run, in file order: its outcome, the record, what would change, and every error."""
    rows = []
    for number, row_result in enumerate(result.rows, start=1):
        values = getattr(row_result, "row_values", None) or {}
        rows.append(
            {
                "row": spreadsheet_row(number),
                "outcome": OUTCOMES.get(row_result.import_type, row_result.import_type),
                "record": row_result.object_repr or text_of(values.get(key_column)),
                "changes": getattr(row_result, "changes", []),
                "errors": row_errors(row_result),
            }
        )
    counts = {outcome: sum(row["outcome"] == outcome for row in rows) for outcome in ("new", "updated", "unchanged")}
    counts["error"] = sum(bool(row["errors"]) for row in rows)
    return rows, counts


def changed_rows(rows):
    """The preview's rows an editor needs to read, in file order: new, updated and error rows (unchanged ones are
    only counted)."""
    return [row for row in rows if row["errors"] or row["outcome"] != "unchanged"]


# --- Background jobs: files too large for one request ------------------------------------------------------------

# Imports too large for one request, run by the tasks framework's worker (`manage.py db_worker`, started by `make run`):
#
# - `preview_import`: the dry run, row by row, without saving anything (so without a transaction), its progress
#   (N of M rows checked) written to the job every PROGRESS_EVERY rows, so the status page shows it; then the preview's
#   counts and the rows that change or have errors;
# - `apply_import`, once the editor confirms a preview without errors: every row applied in one transaction, all or
#   nothing, exactly as the admin's own confirmation does (the same resource, widgets and validation, the editor as the
#   history's user).
#
# Each ends with the job done or failed and a message in plain words; an unexpected error is logged and reported as
# "nothing was saved", never left running.

FORMATS = {"csv": CSV, "xlsx": XLSX}
PROGRESS_EVERY = 250  # rows between two progress writes
ROWS_KEPT = 1000  # rows of the preview (errors first) kept for the status page

Status = ImportJob.Status


def dataset_of(job):
    return FORMATS[job.format](encoding="utf-8-sig").create_dataset(bytes(job.data))


def resource_of(job):
    return import_string(job.resource)()


def update(job_id, **fields):
    ImportJob.objects.filter(pk=job_id).update(**fields)


def kept_rows(rows):
    """The rows worth showing: every error first, then the rows that change something, at most ROWS_KEPT."""
    errors = [row for row in rows if row["errors"]]
    return (errors + [row for row in changed_rows(rows) if not row["errors"]])[:ROWS_KEPT]


def run(job_id, body):
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    try:
        body(job)
    except Exception:
        logger.exception("Import job %s failed", job_id)
        update(
            job_id,
            status=Status.FAILED,
            finished_at=timezone.now(),
            message="The import stopped on an unexpected error and nothing was saved. "
            "The error has been logged; try again, or ask an administrator.",
        )


@task()
def preview_import(job_id):
    def body(job):
        started = time.perf_counter()
        update(job.pk, status=Status.PREVIEWING, started_at=timezone.now(), processed=0)
        dataset = dataset_of(job)
        update(job.pk, total=len(dataset))
        resource = resource_of(job)

        def progress(number):
            if number % PROGRESS_EVERY == 0:
                update(job.pk, processed=number)

        result = resource.import_data(
            dataset,
            dry_run=True,
            use_transactions=False,  # nothing is saved in a dry run without one, and progress can be committed
            raise_errors=False,
            collect_failed_rows=True,
            user=job.user,
            file_name=job.file_name,
            progress=progress,
        )
        rows, counts = preview(result, resource.key_field().column_name)
        base_errors = [str(error.error) for error in result.base_errors]
        if base_errors:
            counts["error"] += 1
        update(
            job.pk,
            status=Status.PREVIEWED,
            processed=len(dataset),
            counts=counts,
            rows=kept_rows(rows),
            preview_seconds=time.perf_counter() - started,
            message=" ".join(base_errors),
        )

    run(job_id, body)


@task()
def apply_import(job_id):
    def body(job):
        update(job.pk, status=Status.APPLYING, started_at=timezone.now(), processed=0)
        dataset = dataset_of(job)
        resource = resource_of(job)
        with transaction.atomic():
            result = resource.import_data(
                dataset,
                dry_run=False,
                use_transactions=True,
                raise_errors=False,
                collect_failed_rows=True,
                rollback_on_validation_errors=True,
                user=job.user,
                file_name=job.file_name,
            )
        rows, counts = preview(result, resource.key_field().column_name)
        if result.has_errors() or result.has_validation_errors():
            update(
                job.pk,
                status=Status.FAILED,
                finished_at=timezone.now(),
                counts=counts,
                rows=kept_rows(rows),
                message="Nothing was imported: the file has errors (the records may have changed since the "
                "preview). Correct the file and upload it again.",
            )
            return
        post_import.send(sender=None, model=resource._meta.model)
        update(
            job.pk,
            status=Status.DONE,
            processed=len(dataset),
            finished_at=timezone.now(),
            counts=counts,
            rows=kept_rows(rows),
            message=f"Imported: {counts['new']} new, {counts['updated']} updated, {counts['unchanged']} unchanged.",
        )

    run(job_id, body)


class PreviewImportMixin(ImportMixin):
    """
    The admin's import, as django-import-export does it (upload → dry run → confirm), with our formats (CSV, XLSX),
    a preview of every row in plain words, and all or nothing on confirmation.
    """

    import_template_name = "admin/exports/import.html"
    tmp_storage_class = BinaryTempFolderStorage
    import_error_display = ("message",)
    import_may_create = False  # True: the import can add records (needs the add permission too)

    @property
    def import_formats(self):
        return [CSV, XLSX]

    def get_import_context_data(self, **kwargs):
        resource = self.resource_classes[0]()
        return {**super().get_import_context_data(**kwargs), "import_key": resource.key_field().column_name}

    def has_import_permission(self, request):
        if not self.has_change_permission(request):
            return False
        return self.has_add_permission(request) if self.import_may_create else True

    # --- Large files: previewed and applied in the background (below) ---

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        job_url = path(
            "import/jobs/<int:job_id>/",
            self.admin_site.admin_view(self.import_job_view),
            name="{}_{}_import_job".format(*info),
        )
        return [job_url, *super().get_urls()]

    def import_job_url(self, job):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import_job", args=[job.pk])

    def queue_large_import(self, request):
        """A valid upload of more than IMPORT_SYNC_ROWS rows becomes a background job; None: the request goes on."""
        form = self.create_import_form(request)
        if not form.is_valid():
            return None
        input_format = self.get_import_formats()[int(form.cleaned_data["format"])](encoding=self.from_encoding)
        upload = form.cleaned_data["import_file"]
        data = b"".join(upload.chunks())
        upload.seek(0)
        try:
            dataset = input_format.create_dataset(data)
        except Exception:
            return None
        if len(dataset) <= settings.IMPORT_SYNC_ROWS:
            return None
        resource_class = self.choose_import_resource_class(form, request)
        job = ImportJob.objects.create(
            user=request.user,
            model=self.opts.label_lower,
            resource=f"{resource_class.__module__}.{resource_class.__qualname__}",
            format="xlsx" if isinstance(input_format, XLSX) else "csv",
            file_name=upload.name[:255],
            data=data,
            total=len(dataset),
        )
        preview_import.enqueue(job.pk)
        return HttpResponseRedirect(self.import_job_url(job))

    def import_job_view(self, request, job_id):
        """The job's status (refreshing itself while it runs), its preview, and the confirmation."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        job = get_object_or_404(ImportJob, pk=job_id, model=self.opts.label_lower)
        if job.user_id != request.user.pk and not request.user.is_superuser:
            raise Http404
        if request.method == "POST":
            confirmable = job.status == ImportJob.Status.PREVIEWED and not job.has_errors
            if "confirm" in request.POST and confirmable:
                ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.PREVIEWED).update(
                    status=ImportJob.Status.QUEUED, message="Confirmed: waiting for the worker to apply it."
                )
                apply_import.enqueue(job.pk)
            return HttpResponseRedirect(self.import_job_url(job))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import of {job.file_name}",
            "opts": self.opts,
            "job": job,
            "refresh_seconds": 2 if job.in_progress else None,
            "changelist_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"),
            "import_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import"),
        }
        return TemplateResponse(request, "admin/exports/import_job.html", context)

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs.pop("request", None)
        return {**kwargs, "rollback_on_validation_errors": True}

    def import_action(self, request, **kwargs):
        large = request.method == "POST" and self.has_import_permission(request)
        if large and (queued := self.queue_large_import(request)) is not None:
            return queued
        response = super().import_action(request, **kwargs)
        if isinstance(response, TemplateResponse) and response.context_data.get("result") is not None:
            resource = self.get_import_resource_classes(request)[0]()
            rows, counts = preview(response.context_data["result"], resource.key_field().column_name)
            response.context_data.update({"preview_rows": changed_rows(rows), "preview_counts": counts})
        return response

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The transaction was rolled back: nothing of this file was saved.
            messages.error(
                request,
                "Nothing was imported: the file has errors (it may have changed since the preview). "
                "Upload it again to see them row by row.",
            )
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import"))
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(
            request,
            f"Imported: {totals[RowResult.IMPORT_TYPE_NEW]} new, {totals[RowResult.IMPORT_TYPE_UPDATE]} updated, "
            f"{totals[RowResult.IMPORT_TYPE_SKIP]} unchanged.",
        )
