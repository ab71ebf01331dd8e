"""
The history of the Ottawa Process and the Convention: events, the categories they belong to, and the eras that
tell them as chapters.

An event falls into an era by its (start) date. An editor can also show an event in further eras
(`Event.also_in_eras`); nothing else puts an event in more than one era.
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, Least
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, pgettext
from simple_history.models import HistoricalRecords

from core.dates import Dates
from core.models import Publishable, PublishableQuerySet, SeededModel
from treaty import rules

from .dates import Precision, StartOf, normalise
from .images import RandomName, validate_image
from .rendering import render_markdown

OTTAWA_PROCESS_SLUG = "ottawa-process"
# Words the timeline's own addresses use under /timeline/: no event may take them as its slug.
RESERVED_SLUGS = {"feed", "eras"}


def precise_date_condition(field):
    """SQL check: a month-precise date is the 1st of its month, a year-precise date the 1st of January."""
    return (
        Q(date_precision=Precision.DAY)
        | Q(date_precision=Precision.MONTH, **{field: StartOf(field, unit="month")})
        | Q(date_precision=Precision.YEAR, **{field: StartOf(field, unit="year")})
    )


def validate_not_reserved(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError("“%(slug)s” is used by the timeline's own pages; choose another.", params={"slug": slug})


class EventVersion(models.Model):
    """What a version of an event records beside its fields: its sources and pictures (see `timeline.history`)."""

    inlines = models.JSONField(
        null=True, blank=True, editable=False, help_text="The event's sources and pictures in this version."
    )

    class Meta:
        abstract = True


class Category(SeededModel):
    """What kind of event: campaign, conference, negotiation… Editors can add more."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True, help_text="Used in the timeline's filter: ?category=slug.")
    description = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)  # the admin's concurrency guard compares it

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "category"
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('timeline:event-list')}?{urlencode({'category': self.slug})}"


class EraQuerySet(PublishableQuerySet):
    def containing(self, day):
        """Eras whose span includes `day` (an era without an end date runs to today and beyond)."""
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day)

    def overlapping(self, start, end):
        """Eras that share at least one day with `start`…`end` (`end=None`: open-ended)."""
        qs = self.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        return qs if end is None else qs.filter(start_date__lte=end)


class Era(SeededModel, Publishable):
    """A named period with its own page and introduction, e.g. "The Ottawa Process" (October 1996 – December 1997)."""

    title = models.CharField(max_length=120, unique=True)
    short_title = models.CharField(
        max_length=60, blank=True, help_text="Shorter name for breadcrumbs and menus, e.g. “Ottawa Process”."
    )
    slug = models.SlugField(
        max_length=60,
        unique=True,
        help_text=f"The page address: /timeline/eras/slug/ (the era “{OTTAWA_PROCESS_SLUG}” lives at "
        f"/{OTTAWA_PROCESS_SLUG}/).",
    )
    start_date = models.DateField("starts on", help_text="The first day that belongs to this era.")
    end_date = models.DateField(
        "ends on", null=True, blank=True, help_text="The last day that belongs to it; empty while it goes on."
    )
    period_precision = models.CharField(
        "show the period to the",
        max_length=5,
        choices=Precision,
        default=Precision.YEAR,
        help_text="How the span is written: “1991–1996” (year) or “October 1996 – December 1997” (month).",
    )
    summary = models.CharField(max_length=300, help_text="One sentence, shown in lists and to search engines.")
    introduction = models.TextField(
        blank=True,
        help_text="Markdown. Live figures: [[figure:parties]], or as of a day: [[figure:parties@1999-03-01]].",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = EraQuerySet.as_manager()

    class Meta:
        ordering = ["start_date"]
        verbose_name = "era"
        permissions = [("publish_era", "Can publish eras")]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="timeline_era_ends_after_start",
                violation_error_message="An era cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(period_precision__in=Precision.values),
                name="timeline_era_precision_valid",
                violation_error_message="Unknown precision.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.slug == OTTAWA_PROCESS_SLUG:
            return reverse("timeline:ottawa-process")
        return reverse("timeline:era-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.start_date is None:
            return
        others = Era.objects.overlapping(self.start_date, self.end_date).exclude(pk=self.pk)
        if clash := others.first():
            raise ValidationError(
                f"These dates overlap “{clash}” ({clash.period_text}). Eras do not overlap: each date belongs to "
                "one era (use “also show in eras” on an event to show it in another)."
            )

    def contains(self, day):
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)

    @property
    def is_top_level(self):
        """The Ottawa Process is a page of its own (Home › Ottawa Process); other eras sit under the timeline."""
        return self.slug == OTTAWA_PROCESS_SLUG

    @property
    def name_for_navigation(self):
        return self.short_title or self.title

    @property
    def period(self):
        """The era's span as written (`core.dates.Dates`): "1991–1996", or "1999 onward" while it lasts. Templates
        write `{{ era.period }}` with `<time>` elements; `period_text` is the plain text."""
        return Dates(self.start_date, self.end_date, self.period_precision, ongoing=True)

    @property
    def period_text(self):
        return self.period.text

    @property
    def introduction_html(self):
        return render_markdown(self.introduction)


class EventQuerySet(PublishableQuerySet):
    def in_era(self, era):
        """
        Events dated within the era, and those an editor chose to show in it as well.

        The condition is an OR, which no index answers; so the query also bounds the dates by the era's, widened to
        the earliest (and latest) chosen event. That bound holds for every event in the era and lets the database
        read only the era's stretch of the date index, not every event before (or after) it.
        """
        chosen = Event.also_in_eras.through.objects.filter(era=era)
        start = Value(era.start_date, output_field=models.DateField())
        first_chosen = Subquery(chosen.order_by("event__date").values("event__date")[:1])
        by_date = Q(date__gte=era.start_date)
        bounds = Q(date__gte=Least(start, Coalesce(first_chosen, start)))
        if era.end_date is not None:
            end = Value(era.end_date, output_field=models.DateField())
            last_chosen = Subquery(chosen.order_by("-event__date").values("event__date")[:1])
            by_date &= Q(date__lte=era.end_date)
            bounds &= Q(date__lte=Greatest(end, Coalesce(last_chosen, end)))
        return self.filter(bounds, by_date | Q(pk__in=chosen.values("event_id")))

    def with_era_title(self):
        """Annotate `era_title`: the title of the era the event's date falls in (None when it falls in none)."""
        eras = Era.objects.containing(OuterRef("date")).order_by("start_date")
        return self.annotate(era_title=Subquery(eras.values("title")[:1]))

    def in_category(self, category):
        return self.filter(category=category)

    def between_years(self, first=None, last=None):
        """Events that touch the years `first`…`last` (either may be None): a range counts if any day of it does."""
        qs = self
        if first is not None:
            qs = qs.filter(Q(end_date__year__gte=first) | Q(end_date__isnull=True, date__year__gte=first))
        if last is not None:
            qs = qs.filter(date__year__lte=last)
        return qs

    def before(self, event):
        """Events that come before `event` in the timeline's order (date, then creation order)."""
        return self.filter(Q(date__lt=event.date) | Q(date=event.date, pk__lt=event.pk)).order_by("-date", "-pk")

    def after(self, event):
        return self.filter(Q(date__gt=event.date) | Q(date=event.date, pk__gt=event.pk)).order_by("date", "pk")

    def for_timeline(self):
        """The rows of /timeline/: everything the list shows comes from this one query."""
        return self.select_related("category").order_by("date", "pk")

    def for_era_page(self, era):
        return self.in_era(era).select_related("category").order_by("date", "pk")

    def for_event_page(self):
        # `meeting`: the meetings app's link to the event (read by name; the page says "About this meeting").
        return self.select_related("category", "meeting").prefetch_related(
            "sources",
            Prefetch("images", EventImage.objects.prefetch_related("renditions")),
            "related_states",
            Prefetch("also_in_eras", Era.objects.published()),
        )

    def for_feed(self):
        return self.select_related("category").order_by("-date", "-pk")

    def between_dates(self, first, last):
        """Events that start between the days `first` and `last`, both included."""
        return self.filter(date__gte=first, date__lte=last)

    def for_anniversary_page(self, first, last):
        """The events of an anniversary's period (see `Anniversary.events_period`), oldest first."""
        return self.between_dates(first, last).select_related("category").order_by("date", "pk")

    def featured_for_home(self):
        """The home page's key moments, oldest first."""
        return self.filter(featured=True).select_related("category").order_by("date", "pk")

    def recent_for_home(self):
        """The home page's latest events, most recent first."""
        return self.select_related("category").order_by("-date", "-pk")


class Event(SeededModel, Publishable):
    """One moment in the history: a conference, a signature, a deposit, a withdrawal…"""

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        validators=[validate_not_reserved],
        help_text="The permanent address: /timeline/slug/. Change it only if you must: old links break.",
    )
    seed_key = models.SlugField(
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Which bundled row this event came from (empty for events editors added).",
    )
    date = models.DateField(
        help_text="For a month or a year, any day in it will do: it is stored as the first day and shown as "
        "“October 1996” or “1991”."
    )
    date_precision = models.CharField("date known to the", max_length=5, choices=Precision, default=Precision.DAY)
    end_date = models.DateField(
        null=True, blank=True, help_text="For events over several days: the last day (“3–4 December 1997”)."
    )
    location = models.CharField(max_length=200, blank=True, help_text="E.g. “Ottawa, Canada”.")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="events")
    summary = models.TextField(max_length=600, help_text="Two or three sentences, plain text.")
    body = models.TextField(
        blank=True,
        help_text="Markdown. Live figures: [[figure:parties]], or as of a day: [[figure:parties@1999-03-01]]. "
        "Scripts, styles and event handlers are removed.",
    )
    internal_note = models.TextField(
        "internal note",
        blank=True,
        help_text="For staff only: never shown on the site; included, marked as internal, in staff exports.",
    )
    related_states = models.ManyToManyField(
        "treaty.State", blank=True, related_name="timeline_events", verbose_name="related States"
    )
    also_in_eras = models.ManyToManyField(
        Era,
        blank=True,
        related_name="extra_events",
        verbose_name="also show in eras",
        help_text="An event belongs to the era its date falls in; choose eras here only to show it in others too.",
    )
    featured = models.BooleanField(default=False, help_text="A key moment, marked as such on the timeline.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[related_states, also_in_eras], bases=[EventVersion])
    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "event"
        permissions = [("publish_event", "Can publish events")]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(date_precision__in=Precision.values),
                name="timeline_event_precision_valid",
                violation_error_message="Unknown precision.",
            ),
            models.CheckConstraint(
                condition=precise_date_condition("date"),
                name="timeline_event_date_matches_precision",
                violation_error_message="A month is stored as its first day, a year as 1 January.",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("date")),
                name="timeline_event_ends_after_start",
                violation_error_message="The end date must come after the start date.",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | precise_date_condition("end_date"),
                name="timeline_event_end_date_matches_precision",
                violation_error_message="A month is stored as its first day, a year as 1 January.",
            ),
        ]
        indexes = [
            models.Index(fields=["date", "id"], name="timeline_event_date_idx"),
            # Public pages ask for published events in date order (lists, previous/next, the home page)…
            models.Index(fields=["status", "date", "id"], name="timeline_event_public_idx"),
            # …and count them, and the page cache asks for the next scheduled one after every change.
            models.Index(fields=["status", "publish_at"], name="timeline_event_schedule_idx"),
            # The sitemaps' "last changed": the newest published event, read from the end of this index.
            models.Index(fields=["status", "updated_at"], name="timeline_event_updated_idx"),
            # The home page's key moments: a few featured events among thousands, found without walking the rest
            # (led by status like the public index, so SQLite's planner prefers this smaller one).
            models.Index(
                fields=["status", "date", "id"], condition=Q(featured=True), name="timeline_event_featured_idx"
            ),
        ]

    def __str__(self):
        return f"{self.date_text}: {self.title}" if self.date else self.title

    def get_absolute_url(self):
        return reverse("timeline:event-detail", kwargs={"slug": self.slug})

    def clean(self):
        """Month- and year-precise dates are stored as the first day (so "any day in it will do" in the form)."""
        super().clean()
        self.date = normalise(self.date, self.date_precision)
        self.end_date = normalise(self.end_date, self.date_precision)
        if self.end_date is not None and self.date is not None and self.end_date == self.date:
            # "3 December 1997 – 3 December 1997" is one day; "October 1996 – October 1996" one month.
            self.end_date = None
        if self.end_date is not None and self.date is not None and self.end_date < self.date:
            raise ValidationError({"end_date": "The end date must come after the start date."})

    @property
    def dates(self):
        """The event's date or dates as written (`core.dates.Dates`): "3–4 December 1997". Templates write
        `{{ event.dates }}` with `<time>` elements; `date_text` is the plain text."""
        return Dates(self.date, self.end_date, self.date_precision)

    @property
    def date_text(self):
        return self.dates.text

    @property
    def body_html(self):
        return render_markdown(self.body)


@dataclass
class YearGroup:
    year: int
    events: list


@dataclass
class TimelineSection:
    era: Era | None
    years: list = field(default_factory=list)


def timeline_sections(events, eras, *, all_in_first=False):
    """
    Events (in timeline order) grouped for display: a section per era, in it a group per year. An event goes in
    the era its date falls in (None when it falls in none); with `all_in_first`, every event goes in `eras[0]`
    (the era a visitor filtered on, which also shows events an editor added to it).
    """
    sections = []
    for event in events:
        era = eras[0] if all_in_first else next((era for era in eras if era.contains(event.date)), None)
        if not sections or sections[-1].era != era:
            sections.append(TimelineSection(era))
        years = sections[-1].years
        if not years or years[-1].year != event.date.year:
            years.append(YearGroup(event.date.year, []))
        years[-1].events.append(event)
    return sections


class EventSource(SeededModel):
    """A public source for an event: a title and a web address."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=200)
    url = models.URLField(
        "address", max_length=500, validators=[URLValidator(schemes=["http", "https"])], help_text="http or https."
    )
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "position", "pk"]
        verbose_name = "source"
        constraints = [models.UniqueConstraint(fields=["event", "url"], name="timeline_eventsource_unique_url")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.event.get_absolute_url()


class EventImage(models.Model):
    """An uploaded picture of an event. Resized renditions are made from it (see `timeline.services`)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(
        upload_to=RandomName("timeline/originals", "image"),
        width_field="width",
        height_field="height",
        validators=[validate_image],
        help_text="JPEG, PNG, WebP or GIF, at most 10 MB.",
    )
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    alt_text = models.CharField(
        "alternative text",
        max_length=250,
        help_text="What the picture shows, for people who cannot see it. Required.",
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(max_length=200, help_text="Who took or owns the picture, e.g. “© ICBL / J. Doe”.")
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "position", "pk"]
        verbose_name = "image"

    def __str__(self):
        return self.alt_text

    def get_absolute_url(self):
        return self.event.get_absolute_url()

    def renditions_of(self, image_format):
        """This image's renditions in one format, narrowest first (from the prefetch cache when there is one)."""
        return sorted((r for r in self.renditions.all() if r.format == image_format), key=lambda r: r.width)

    @property
    def webp_srcset(self):
        return ", ".join(f"{r.file.url} {r.width}w" for r in self.renditions_of(RenditionFormat.WEBP))

    @property
    def jpeg_srcset(self):
        return ", ".join(f"{r.file.url} {r.width}w" for r in self.renditions_of(RenditionFormat.JPEG))

    @property
    def fallback(self):
        """The JPEG rendition for browsers that read neither srcset nor WebP: the widest."""
        jpegs = self.renditions_of(RenditionFormat.JPEG)
        return jpegs[-1] if jpegs else None


class RenditionFormat(models.TextChoices):
    WEBP = "webp", "WebP"
    JPEG = "jpeg", "JPEG"


class EventImageRendition(models.Model):
    """A resized copy of an `EventImage`, generated, never uploaded."""

    image = models.ForeignKey(EventImage, on_delete=models.CASCADE, related_name="renditions")
    format = models.CharField(max_length=4, choices=RenditionFormat)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    file = models.FileField(upload_to="timeline/renditions/%Y/", max_length=255)

    class Meta:
        ordering = ["image", "format", "width"]
        verbose_name = "image rendition"
        constraints = [
            models.UniqueConstraint(fields=["image", "format", "width"], name="timeline_rendition_unique"),
            models.CheckConstraint(
                condition=Q(format__in=RenditionFormat.values),
                name="timeline_rendition_format_valid",
                violation_error_message="Unknown format.",
            ),
        ]

    def __str__(self):
        return f"{self.image} ({self.format}, {self.width}px)"

    def get_absolute_url(self):
        return self.file.url


class Anchor(models.TextChoices):
    """The Convention's own dates an anniversary can be counted from."""

    ADOPTION = "adoption", "Its adoption in Oslo (18 September 1997)"
    SIGNATURE = "signature", "Its opening for signature in Ottawa (3 December 1997)"

    @property
    def day(self):
        return {"adoption": rules.ADOPTED_ON, "signature": rules.OPENED_FOR_SIGNATURE_ON}[self.value]

    @property
    def occasion(self):
        """How a sentence names the day, in the active language: "the anniversary of the day it was adopted in Oslo",
        "joined since it opened for signature in Ottawa"."""
        if self.value == "adoption":
            # Translators: completes “the anniversary of the day …” and “joined since …”.
            return gettext("it was adopted in Oslo")
        # Translators: completes “the anniversary of the day …” and “joined since …”.
        return gettext("it opened for signature in Ottawa")


def anniversary_ordinal(years):
    """
    The number of an anniversary in the active language: "20th", "1er" and "20e", "20.º". As Django's `ordinal`,
    one message per English ending, each its own rule in every language; the phrases around the number ("%(ordinal)s
    anniversary") are their own messages, where a language can add a case ending instead (Russian "20-я годовщина").
    """
    params = {"number": years}
    if years == 1:
        # Translators: the number of an anniversary, as in “the 1st anniversary”; %(number)s is the number.
        return pgettext("anniversary ordinal is 1", "%(number)sst") % params
    last = years % 10 if years % 100 not in (11, 12, 13) else 0
    if last == 1:
        # Translators: the number of an anniversary, as in “the 21st anniversary”; %(number)s is the number.
        return pgettext("anniversary ordinal ending in 1", "%(number)sst") % params
    if last == 2:
        # Translators: the number of an anniversary, as in “the 22nd anniversary”; %(number)s is the number.
        return pgettext("anniversary ordinal ending in 2", "%(number)snd") % params
    if last == 3:
        # Translators: the number of an anniversary, as in “the 23rd anniversary”; %(number)s is the number.
        return pgettext("anniversary ordinal ending in 3", "%(number)srd") % params
    # Translators: the number of an anniversary, as in “the 20th anniversary” (and 11th, 12th, 13th); %(number)s is
    # the number.
    return pgettext("anniversary ordinal", "%(number)sth") % params


def years_completed(since, day):
    """Whole years from `since` to `day`; the anniversary falling on `day` itself counts."""
    return day.year - since.year - ((day.month, day.day) < (since.month, since.day))


def anniversary_date(anchor, years):
    """The day of the anniversary: 20 years from the opening for signature → 3 December 2017."""
    day = Anchor(anchor).day
    return day.replace(year=day.year + years)  # 18 September and 3 December exist in every year


def _any(conditions):
    return reduce(or_, conditions)


class AnniversaryQuerySet(PublishableQuerySet):
    def reached(self, *, as_of):
        """Anniversaries whose day is `as_of` or earlier."""
        return self.filter(_any(Q(anchor=anchor, years__lte=years_completed(anchor.day, as_of)) for anchor in Anchor))

    def upcoming(self, *, as_of):
        """Anniversaries whose day is `as_of` or later: today's still counts as one to celebrate."""
        conditions = []
        for anchor in Anchor:
            years = years_completed(anchor.day, as_of)
            first = years if anniversary_date(anchor, years) == as_of else years + 1
            conditions.append(Q(anchor=anchor, years__gte=first))
        return self.filter(_any(conditions)).order_by("years")

    def before(self, anniversary):
        """The anniversaries before this one, the closest first (the years are unique, so they order the days)."""
        return self.filter(years__lt=anniversary.years).order_by("-years")

    def after(self, anniversary):
        """The anniversaries after this one, the closest first."""
        return self.filter(years__gt=anniversary.years).order_by("years")

    def for_list(self):
        """The rows of /anniversaries/, the most recent first."""
        return self.order_by("-years")


MAX_YEARS = 200  # a bound, so that every anniversary's day is a date


class Anniversary(SeededModel, Publishable):
    """
    An editorial page for one of the Convention's anniversaries, e.g. the 20th (3 December 2017): text by the
    editors; figures, charts and events computed for its day from the treaty and timeline data.
    """

    years = models.PositiveSmallIntegerField(
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_YEARS)],
        help_text="How many years, e.g. 30 for the 30th anniversary. The page address is /anniversaries/30/.",
    )
    anchor = models.CharField(
        "counted from",
        max_length=10,
        choices=Anchor,
        default=Anchor.SIGNATURE,
        help_text="The Convention's date the years are counted from; it sets the anniversary's day.",
    )
    title = models.CharField(max_length=200, help_text="E.g. “Twenty years of the ban”.")
    introduction = models.TextField(
        max_length=600,
        help_text="Two or three sentences, plain text: at the top of the page, in lists and for search engines.",
    )
    body = models.TextField(
        blank=True,
        help_text="Markdown. Live figures: [[figure:parties]], or as of a day: [[figure:parties@2017-12-03]]. "
        "Scripts, styles and event handlers are removed.",
    )
    hero_image = models.ImageField(
        "picture",
        upload_to=RandomName("anniversaries/originals", "hero_image"),
        blank=True,
        validators=[validate_image],
        help_text="Optional. JPEG, PNG, WebP or GIF, at most 10 MB; visitors get resized copies.",
    )
    hero_alt_text = models.CharField(
        "alternative text",
        max_length=250,
        blank=True,
        help_text="What the picture shows, for people who cannot see it. Required with a picture.",
    )
    hero_credit = models.CharField("credit", max_length=200, blank=True, help_text="E.g. “© ICBL / J. Doe”.")
    # Resized, re-encoded copies of the picture: the only files visitors get (made by `services`).
    hero_webp = models.FileField(upload_to="anniversaries/renditions/%Y/", max_length=255, blank=True, editable=False)
    hero_jpeg = models.FileField(upload_to="anniversaries/renditions/%Y/", max_length=255, blank=True, editable=False)
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = AnniversaryQuerySet.as_manager()

    class Meta:
        ordering = ["years"]
        verbose_name = "anniversary"
        verbose_name_plural = "anniversaries"
        permissions = [("publish_anniversary", "Can publish anniversaries")]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(years__gte=1, years__lte=MAX_YEARS),
                name="timeline_anniversary_years_range",
                violation_error_message=f"An anniversary is from 1 to {MAX_YEARS} years.",
            ),
            models.CheckConstraint(
                condition=Q(anchor__in=Anchor.values),
                name="timeline_anniversary_anchor_valid",
                violation_error_message="Unknown anchor date.",
            ),
            models.CheckConstraint(
                condition=Q(hero_image="") | ~Q(hero_alt_text=""),
                name="timeline_anniversary_picture_has_alt_text",
                violation_error_message="A picture needs its alternative text.",
            ),
        ]

    def __str__(self):
        return f"{self.ordinal} anniversary: {self.title}"

    def get_absolute_url(self):
        return reverse("timeline:anniversary-detail", kwargs={"years": self.years})

    def clean(self):
        super().clean()
        if self.hero_image and not (self.hero_alt_text or "").strip():
            # On the English text, the one every language falls back to (timeline/translation.py).
            raise ValidationError({"hero_alt_text_en": "Describe the picture for people who cannot see it."})

    @property
    def ordinal(self):
        """ "20th", in the active language (`anniversary_ordinal`)."""
        return anniversary_ordinal(self.years)

    @property
    def date(self):
        return anniversary_date(self.anchor, self.years)

    @property
    def occasion(self):
        return Anchor(self.anchor).occasion

    def days_until(self, today):
        return (self.date - today).days

    def is_reached(self, today):
        """Its day has come (today or earlier): the figures are those of its day."""
        return self.date <= today

    @property
    def body_html(self):
        return render_markdown(self.body)
