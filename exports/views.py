"""
/exports/: staff take records out as CSV, XLSX or JSON. Signed-in users with the `exports.export_records`
permission only (anonymous visitors go to the sign-in page, others get 403); never cached anywhere.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from core.deliberate import deliberate_requests_only

from . import datasets
from .models import Format
from .services import start_export

PERMISSION = "exports.export_records"


def staff_export_view(view):
    """Sign-in and the export permission required; the answer is private and never stored by any cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    return require_safe(login_required(permission_required(PERMISSION, raise_exception=True)(wrapper)))


def dataset_forms(bound=None):
    """Each dataset with its filter form: unbound, except `bound` (a dataset name, form) pair shown with its errors."""
    entries = []
    for dataset in datasets.REGISTRY.values():
        is_bound = bound and bound[0] == dataset.name
        form = bound[1] if is_bound else dataset.form(auto_id=f"id_{dataset.name}_%s")
        entries.append({"dataset": dataset, "form": form})
    return entries


def page_context(**context):
    return {"formats": Format.choices, "export_languages": datasets.export_languages(), **context}


@staff_export_view
def index(request):
    return render(request, "exports/index.html", page_context(entries=dataset_forms()))


@staff_export_view
@deliberate_requests_only
def download(request, name):
    """/exports/<name>/?format=csv&<filters>: the dataset as a file, or the page with the filters' errors (400)."""
    dataset = datasets.get(name)
    if dataset is None:
        raise Http404("There is no such dataset.")
    form = dataset.form(request.GET, auto_id=f"id_{dataset.name}_%s")
    export_format = request.GET.get("format", Format.CSV)
    format_error = None if export_format in Format.values else "Choose CSV, XLSX or JSON."
    # `lang`: add the translated columns of one language (the English columns stay as they are).
    lang = request.GET.get("lang", "")
    codes = [code for code, _name in datasets.export_languages()]
    language_error = None if lang in ("", *codes) else f"Choose one of {', '.join(codes)}, or none."
    if not form.is_valid() or format_error or language_error:
        context = page_context(entries=dataset_forms((name, form)), failed=dataset)
        context |= {"format_error": format_error, "language_error": language_error}
        return render(request, "exports/index.html", context, status=400)
    filters = dataset.log_filters(form) | ({"lang": lang} if lang else {})
    stem = dataset.file_stem(form, today=timezone.localdate()) + (f"-{lang}" if lang else "")
    dataset = dataset.in_language(lang)
    export = start_export(
        dataset=dataset,
        export_format=export_format,
        objects=dataset.objects(form),
        filters=filters,
        source="page",
        user=request.user,
        stem=stem,
    )
    response = StreamingHttpResponse(export.chunks, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
