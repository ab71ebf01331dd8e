"""
The timeline records staff can export (`exports.datasets` finds this module): events, eras, anniversaries and
categories, drafts and scheduled items included, each row saying what visitors see of it (`visibility`).
"""

from operator import attrgetter

from django import forms
from django.db.models import Count

from exports.datasets import ITERATOR_CHUNK, Column, Dataset, register

from .forms import TimelineFilterForm
from .models import Anniversary, Category, Era, Event


class EventExportFilterForm(TimelineFilterForm):
    """The timeline's filters (category, era, from/to years) for staff: every era, drafts too; no page number."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["era"].queryset = Era.objects.all()
        del self.fields["page"]


def joined(values):
    return ", ".join(values)


def event_sources(event):
    return "\n".join(f"{source.title} <{source.url}>" for source in event.sources.all())


@register
class EventsDataset(Dataset):
    name = "events"
    title = "Timeline events"
    description = (
        "Every event of the timeline, drafts and scheduled ones included (see “visibility”), with its category, its "
        "era, the eras it is also shown in, its related States and its sources."
    )
    form_class = EventExportFilterForm
    model = Event
    related_translations = {"category_name": (attrgetter("category"), "name")}  # with a language: `category_name_fr`
    columns = [
        Column("id", attrgetter("pk"), 8),
        Column("slug", attrgetter("slug"), 30),
        Column("title", attrgetter("title"), 40),
        Column("date", attrgetter("date"), 12),
        Column("date_precision", attrgetter("date_precision"), 10),
        Column("end_date", attrgetter("end_date"), 12),
        Column("date_text", attrgetter("date_text"), 22),
        Column("location", attrgetter("location"), 20),
        Column("category", attrgetter("category.slug"), 16),
        Column("category_name", attrgetter("category.name"), 20),
        Column("era", attrgetter("era_title"), 28),
        Column("also_in_eras", lambda event: joined(era.slug for era in event.also_in_eras.all()), 20),
        Column("status", attrgetter("status"), 10),
        Column("publish_at", attrgetter("publish_at"), 20),
        Column("visibility", attrgetter("visibility"), 10),
        Column("featured", attrgetter("featured"), 9),
        Column("summary", attrgetter("summary"), 60),
        Column("body", attrgetter("body"), 60),
        Column("internal_note (staff only)", attrgetter("internal_note"), 40),
        Column("related_states", lambda event: joined(sorted(s.iso3 for s in event.related_states.all())), 20),
        Column("sources", event_sources, 60),
        Column("url", lambda event: event.get_absolute_url(), 30),
        Column("created_at", attrgetter("created_at"), 20),
        Column("updated_at", attrgetter("updated_at"), 20),
    ]

    def queryset(self):
        return (
            Event.objects.with_era_title()
            .with_visibility()
            .select_related("category")
            .prefetch_related("sources", "related_states", "also_in_eras")
            .order_by("date", "pk")
        )

    def objects(self, form):
        return form.filter(self.queryset()).iterator(chunk_size=ITERATOR_CHUNK)


@register
class ErasDataset(Dataset):
    name = "eras"
    title = "Timeline eras"
    description = (
        "The eras that tell the timeline as chapters, drafts included (see “visibility”), with their introductions."
    )
    form_class = forms.Form  # no filters: a handful of rows
    model = Era
    columns = [
        Column("id", attrgetter("pk"), 8),
        Column("slug", attrgetter("slug"), 24),
        Column("title", attrgetter("title"), 36),
        Column("short_title", attrgetter("short_title"), 20),
        Column("start_date", attrgetter("start_date"), 12),
        Column("end_date", attrgetter("end_date"), 12),
        Column("period_precision", attrgetter("period_precision"), 10),
        Column("period_text", attrgetter("period_text"), 28),
        Column("summary", attrgetter("summary"), 60),
        Column("introduction", attrgetter("introduction"), 60),
        Column("status", attrgetter("status"), 10),
        Column("publish_at", attrgetter("publish_at"), 20),
        Column("visibility", attrgetter("visibility"), 10),
        Column("url", lambda era: era.get_absolute_url(), 30),
        Column("updated_at", attrgetter("updated_at"), 20),
    ]

    def queryset(self):
        return Era.objects.with_visibility().order_by("start_date", "pk")


@register
class AnniversariesDataset(Dataset):
    name = "anniversaries"
    title = "Anniversaries"
    description = "The Convention's anniversary pages, drafts included (see “visibility”), with their dates and texts."
    form_class = forms.Form  # no filters: a handful of rows
    model = Anniversary
    columns = [
        Column("id", attrgetter("pk"), 8),
        Column("years", attrgetter("years"), 8),
        Column("anchor", attrgetter("anchor"), 12),
        Column("date", attrgetter("date"), 12),
        Column("title", attrgetter("title"), 36),
        Column("introduction", attrgetter("introduction"), 60),
        Column("body", attrgetter("body"), 60),
        Column("hero_alt_text", attrgetter("hero_alt_text"), 30),
        Column("hero_credit", attrgetter("hero_credit"), 24),
        Column("status", attrgetter("status"), 10),
        Column("publish_at", attrgetter("publish_at"), 20),
        Column("visibility", attrgetter("visibility"), 10),
        Column("url", lambda anniversary: anniversary.get_absolute_url(), 24),
        Column("updated_at", attrgetter("updated_at"), 20),
    ]

    def queryset(self):
        return Anniversary.objects.with_visibility().order_by("years")


@register
class CategoriesDataset(Dataset):
    name = "categories"
    title = "Timeline categories"
    description = "The kinds of event, with how many events each has (drafts included)."
    form_class = forms.Form
    model = Category
    columns = [
        Column("id", attrgetter("pk"), 8),
        Column("slug", attrgetter("slug"), 24),
        Column("name", attrgetter("name"), 28),
        Column("description", attrgetter("description"), 60),
        Column("events", attrgetter("event_count"), 8),
        Column("url", lambda category: category.get_absolute_url(), 36),
    ]

    def queryset(self):
        return Category.objects.annotate(event_count=Count("events")).order_by("name")
