"""
Meetings of the States Parties (Article 11) and Review Conferences (Article 12): where the States Parties met and
what they decided. Meetings are content, edited in the admin with the same workflow as timeline events.

Each meeting is also one event on the timeline (`Meeting.event`, kept in step by `meetings.services.sync_event`):
the meeting is where editors write; the event mirrors its title, dates, place, summary and publication.
"""

import re
from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Prefetch, Q, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext, pgettext
from simple_history.models import HistoricalRecords

from core.dates import Dates
from core.locale import state_name
from core.models import Publishable, PublishableQuerySet, SeededModel
from timeline.rendering import render_markdown
from treaty.models import State


class Kind(models.TextChoices):
    MSP = "msp", _("Meeting of the States Parties")
    RC = "rc", _("Review Conference")


# The code's suffix for each kind: the Convention writes "4MSP" and "2RC".
CODE_SUFFIX = {Kind.MSP: "MSP", Kind.RC: "RC"}
CODE = re.compile(r"(?P<number>[1-9][0-9]*)(?P<suffix>MSP|RC)")


def code_for(kind, number):
    """The Convention's code of a meeting: code_for("msp", 4) → "4MSP"."""
    return f"{number}{CODE_SUFFIX[Kind(kind)]}"


def code_condition():
    """SQL check: the code is the number followed by the kind's suffix ("4MSP" for the fourth MSP)."""
    number = Cast("number", output_field=models.CharField(max_length=5))
    return reduce(
        or_,
        (
            Q(kind=kind, code=Concat(number, Value(suffix), output_field=models.CharField(max_length=10)))
            for kind, suffix in CODE_SUFFIX.items()
        ),
    )


class MeetingQuerySet(PublishableQuerySet):
    def of_kind(self, kind):
        return self.filter(kind=kind)

    def in_year(self, year):
        """Meetings that touch the year (a meeting never spans New Year in the data, but one could)."""
        return self.filter(start_date__year__lte=year, end_date__year__gte=year)

    def for_list(self, *, kind=None, year=None):
        """The rows of /meetings/: every column comes from this one query."""
        meetings = self.select_related("country", "presidency").order_by("start_date", "pk")
        if kind:
            meetings = meetings.of_kind(kind)
        if year is not None:
            meetings = meetings.in_year(year)
        return meetings

    def for_detail(self):
        """
        A meeting's page: its host, presidency and timeline event in the same query, its sources in one more, and the
        Article 5 decisions taken there in two more: the extensions granted (with their States) and the completions
        declared. Those are the obligations app's records, a floor above this one: reached through their relations'
        names (`extensions_granted`, `completions_declared`), never imported.
        """
        extensions = self.model._meta.get_field("extensions_granted").related_model
        completions = self.model._meta.get_field("completions_declared").related_model
        return self.select_related("country", "presidency", "event").prefetch_related(
            Prefetch("sources", MeetingSource.objects.order_by("position", "pk")),
            Prefetch("extensions_granted", extensions.objects.select_related("obligation__state")),
            Prefetch("completions_declared", completions.objects.select_related("state")),
        )

    def before(self, meeting):
        """The meetings before this one, the closest first."""
        return self.filter(start_date__lt=meeting.start_date).order_by("-start_date", "-pk")

    def after(self, meeting):
        return self.filter(start_date__gt=meeting.start_date).order_by("start_date", "pk")

    def hosted_by(self, state):
        return self.filter(country=state)

    def presided_by(self, state):
        return self.filter(presidency=state)


class Meeting(SeededModel, Publishable):
    """One Meeting of the States Parties ("4MSP") or Review Conference ("2RC")."""

    code = models.CharField(
        max_length=10,
        unique=True,
        help_text="The Convention's own short name, e.g. “4MSP” or “2RC”; the page address is /meetings/4msp/.",
    )
    kind = models.CharField(max_length=3, choices=Kind)
    number = models.PositiveSmallIntegerField(help_text="1 for the First Meeting of the States Parties, and so on.")
    start_date = models.DateField("first day")
    end_date = models.DateField("last day")
    city = models.CharField(
        max_length=100, help_text="As the sources write it, e.g. “Geneva” or “Geneva (held virtually)”."
    )
    country = models.ForeignKey(
        State,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings_hosted",
        verbose_name="host country",
    )
    president = models.CharField(
        max_length=300,
        blank=True,
        help_text="Who presided, as the sources name them, with the State in brackets: “Ambassador Jean Lint "
        "(Belgium)”.",
    )
    presidency = models.ForeignKey(
        State,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings_presided",
        help_text="The State that held the presidency; empty when the sources do not say.",
    )
    outcome = models.TextField(
        max_length=600, blank=True, help_text="What it decided, in a sentence or two of plain text."
    )
    body = models.TextField(
        blank=True,
        help_text="Markdown. Live figures: [[figure:parties]], or as of a day: [[figure:parties@1999-05-03]]. "
        "Scripts, styles and event handlers are removed.",
    )
    event = models.OneToOneField(
        "timeline.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="meeting",
        help_text="The meeting's event on the timeline, kept in step with it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    # The fields of its timeline event that a meeting writes (`services.mirrored_values`): the timeline's admin
    # shows them read-only on a meeting's event, so that editors change them here, once.
    mirrored_event_fields = (
        "title",
        "date",
        "date_precision",
        "end_date",
        "location",
        "summary",
        "category",
        "status",
        "publish_at",
    )

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = "meeting"
        permissions = [("publish_meeting", "Can publish meetings")]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values),
                name="meetings_meeting_kind_valid",
                violation_error_message="Unknown kind.",
            ),
            models.UniqueConstraint(fields=["kind", "number"], name="meetings_meeting_kind_number_unique"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="meetings_meeting_end_after_start",
                violation_error_message="The last day cannot be before the first.",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="meetings_meeting_number_positive",
                violation_error_message="Meetings are numbered from 1.",
            ),
            models.CheckConstraint(
                condition=code_condition(),
                name="meetings_meeting_code_matches_kind_and_number",
                violation_error_message="The code is the number and the kind: “4MSP”, “2RC”.",
            ),
        ]
        indexes = [models.Index(fields=["status", "start_date", "id"], name="meetings_meeting_public_idx")]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("meetings:meeting-detail", kwargs={"code": self.code.lower()})

    def clean(self):
        super().clean()
        self.code = (self.code or "").strip().upper()
        if self.kind in Kind.values and self.number and self.code != code_for(self.kind, self.number):
            raise ValidationError(
                {"code": f"The {self.ordinal} {Kind(self.kind).label} is “{code_for(self.kind, self.number)}”."}
            )

    @property
    def ordinal(self):
        return ordinal_word(self.number)

    @property
    def name(self):
        """ "Fourth Meeting of the States Parties", "Second Review Conference", in the active language:
        "4e Assemblée des États parties", "第4次审议大会" (the ordinal in figures outside English)."""
        return meeting_name(self.kind, self.number)

    @property
    def dates(self):
        """The meeting's days as written (`core.dates.Dates`): "16–20 September 2002"."""
        return Dates(self.start_date, self.end_date if self.end_date != self.start_date else None, "day")

    @property
    def dates_text(self):
        return self.dates.text

    @property
    def place(self):
        """ "Geneva, Switzerland"; the city alone when the host country is not recorded."""
        return f"{self.city}, {state_name(self.country)}" if self.country_id else self.city

    @property
    def body_html(self):
        return render_markdown(self.body)

    def figures_on_first_day(self):
        """The Convention's headline counts (`State.objects.figures`) on the meeting's first day, counted to the end
        of that day (so a State that deposited its instrument that morning counts). One query; never stored."""
        return State.objects.figures(as_of=self.start_date)

    def event_is_public(self):
        return self.event_id is not None and self.event.is_public()


def meeting_name(kind, number):
    """A meeting's name in the active language (`Meeting.name`). English writes its ordinal in words (`ordinal_word`);
    the other languages in figures, as their catalogues say (French "4e", Russian "4-е", Chinese "第4次")."""
    english = (translation.get_language() or "en") == "en"
    if kind == Kind.RC:
        ordinal = ordinal_word(number) if english else rc_ordinal(number)
        return pgettext("a meeting's name", "%(ordinal)s Review Conference") % {"ordinal": ordinal}
    ordinal = ordinal_word(number) if english else msp_ordinal(number)
    return pgettext("a meeting's name", "%(ordinal)s Meeting of the States Parties") % {"ordinal": ordinal}


def msp_ordinal(number):
    """The ordinal in figures before "Meeting of the States Parties", outside English: "4e", "4.ª", "第4次"."""
    return npgettext(
        "the ordinal in figures before “Meeting of the States Parties” (never shown in English)",
        "%(number)sst",
        "%(number)sth",
        number,
    ) % {"number": number}


def rc_ordinal(number):
    """The ordinal in figures before "Review Conference", outside English."""
    return npgettext(
        "the ordinal in figures before “Review Conference” (never shown in English)",
        "%(number)sst",
        "%(number)sth",
        number,
    ) % {"number": number}


_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_TENS = {2: "twent", 3: "thirt", 4: "fort", 5: "fift", 6: "sixt", 7: "sevent", 8: "eight", 9: "ninet"}


def ordinal_word(number):
    """1 → "First", 22 → "Twenty-second", up to 99; beyond that the figure: "100th"."""
    if not 1 <= number <= 99:
        return f"{number}th"
    tens, units = divmod(number, 10)
    if tens == 0:
        word = _UNITS[units - 1]
    elif tens == 1:
        word = _TEENS[units]
    elif units == 0:
        word = f"{_TENS[tens]}ieth"
    else:
        word = f"{_TENS[tens]}y-{_UNITS[units - 1]}"
    return word.capitalize()


class MeetingSource(SeededModel):
    """A public source for a meeting: a web address, and a title where one is known."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(
        "address", max_length=500, validators=[URLValidator(schemes=["http", "https"])], help_text="http or https."
    )
    title = models.CharField(max_length=200, blank=True, help_text="Optional: the site's name is shown without it.")
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = "source"
        constraints = [models.UniqueConstraint(fields=["meeting", "url"], name="meetings_meetingsource_unique_url")]

    def __str__(self):
        return self.title or self.url

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()

    @property
    def label(self):
        """The title, or the address's site: "press.un.org"."""
        if self.title:
            return self.title
        host = re.sub(r"^https?://", "", self.url).split("/", 1)[0].split(":", 1)[0]
        return host.removeprefix("www.")
