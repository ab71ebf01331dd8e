"""
/obligations/clearance/ (Article 5) and /obligations/stockpiles/ (Article 4): where each State Party stood with
its obligation on a day, with headline figures, a sortable and filterable table, a CSV beside it and a chart.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_safe

from core import sorting, spreadsheets
from core.cache import cached_page

from . import charts, tables
from .datasets import CLEARANCE_COLUMNS, STOCKPILE_COLUMNS, csv_header, csv_rows
from .forms import ObligationFilterForm


@dataclass(frozen=True)
class Page:
    slug: str  # "clearance" or "stockpiles"
    title: str  # lazy: in the language of each request
    article: str
    rows: object  # tables.clearance_rows or tables.stockpile_rows
    columns: dict  # the CSV's columns
    headings: tuple  # (sort key or None, label)


CLEARANCE = Page(
    slug="clearance",
    title=_("Clearing mined areas (Article 5)"),
    article=_("Article 5"),
    rows=tables.clearance_rows,
    columns=CLEARANCE_COLUMNS,
    headings=(
        ("name", _("State")),
        ("standing", _("Standing")),
        ("start", _("Obligation from")),
        (None, _("Original deadline")),
        ("deadline", _("Deadline in force")),
        (None, _("Extensions")),
        ("completed", pgettext_lazy("a table's column", "Completion declared")),
    ),
)
STOCKPILES = Page(
    slug="stockpiles",
    title=_("Destroying stockpiles (Article 4)"),
    article=_("Article 4"),
    rows=tables.stockpile_rows,
    columns=STOCKPILE_COLUMNS,
    headings=(
        ("name", _("State")),
        ("standing", _("Standing")),
        ("start", _("Obligation from")),
        ("deadline", _("Deadline")),
        ("completed", _("Destruction completed")),
    ),
)


def headings(page, params, current):
    """The table's column headings as data (as on /states/: `core.sorting.headings`)."""
    return sorting.headings(page.headings, params, current)


def addresses(page):
    return {
        "list_url": reverse(f"obligations:{page.slug}"),
        "csv_url": reverse(f"obligations:{page.slug}-csv"),
    }


def table_page(request, page):
    form = ObligationFilterForm(request.GET)
    template = f"obligations/{page.slug}.html"
    if not form.is_valid():
        return render(request, template, {"form": form, "page": page, "figures": None, **addresses(page)}, status=400)
    day = form.day()
    everyone = page.rows(as_of=day)
    rows = form.filter(everyone)
    context = {
        "form": form,
        "page": page,
        "as_of": day,
        "is_today": day == timezone.localdate(),
        "figures": tables.figures(everyone),
        "filtered": form.has_filters(),
        "rows": rows,
        "row_count": len(rows),
        "headings": headings(page, request.GET, form.cleaned_data["sort"] or "name"),
        "csv_query": request.GET.urlencode(),
        **addresses(page),
        **charts.chart_context(everyone, until=day, caption_id=f"{page.slug}-chart-caption"),
    }
    return render(request, template, context)


def table_csv(request, page):
    form = ObligationFilterForm(request.GET)
    if not form.is_valid():
        messages = "\n".join(error for errors in form.errors.values() for error in errors)
        return HttpResponseBadRequest(messages + "\n", content_type="text/plain; charset=utf-8")
    day = form.day()
    # The header in the language of the address; the values, reasons in words included, the same in every language.
    header = csv_header(page.columns)
    with translation.override(settings.LANGUAGE_CODE):
        rows = form.filter(page.rows(as_of=day))
        body = "".join(spreadsheets.stream_rows(header, csv_rows(page.columns, rows)))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}-as-of-{day.isoformat()}.csv"'
    return response


@require_safe
@cached_page(query=[ObligationFilterForm])
def clearance(request):
    """/obligations/clearance/: Article 5 on a day (today unless `?as_of=`)."""
    return table_page(request, CLEARANCE)


@require_safe
@cached_page(query=[ObligationFilterForm])
def clearance_csv(request):
    """/obligations/clearance.csv: exactly the rows of /obligations/clearance/ for the same query string."""
    return table_csv(request, CLEARANCE)


@require_safe
@cached_page(query=[ObligationFilterForm])
def stockpiles(request):
    """/obligations/stockpiles/: Article 4 on a day (today unless `?as_of=`)."""
    return table_page(request, STOCKPILES)


@require_safe
@cached_page(query=[ObligationFilterForm])
def stockpiles_csv(request):
    """/obligations/stockpiles.csv: exactly the rows of /obligations/stockpiles/ for the same query string."""
    return table_csv(request, STOCKPILES)
