"""
What each State Party owes under Article 5 (clearing its mined areas) and Article 4 (destroying its stockpiles),
as sourced facts: extensions granted and completions declared. Deadlines are never stored: the original ones follow
from the day the State's obligations began (`State.obligations_from`, `treaty.rules`), the current one from the
latest extension granted. These are records of fact, not content: they keep their history (who changed what) and
are public as soon as they are saved; there is no draft or publication step.

Dates are as precise as the sources give them: `completed_on` "2009" is stored as 1 January 2009 with the precision
"year" (`timeline.dates.Precision`) and is never written as that made-up day, nor treated as known to the day.

Sources are a plain list of addresses, one a line (`sources`, read as `source_urls`): they belong to one record
only, are shown as links, and are never queried, so a related model would add a join and nothing else.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Prefetch, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.dates import Dates
from core.models import SeededModel
from meetings.models import Meeting
from timeline.dates import Precision, StartOf
from treaty import rules
from treaty.models import State


def precise_date_condition(field, precision_field):
    """A date and its precision: both empty, or a precision with the date stored as the first day of its period."""
    return (
        Q(**{f"{field}__isnull": True, precision_field: ""})
        | Q(**{f"{field}__isnull": False, precision_field: Precision.DAY})
        | Q(**{precision_field: Precision.MONTH, field: StartOf(field, unit="month")})
        | Q(**{precision_field: Precision.YEAR, field: StartOf(field, unit="year")})
    )


def period_end(day, precision):
    """The last day a date known only to `precision` can be: 2009 (year) → 31 December 2009."""
    if day is None or precision in ("", Precision.DAY):
        return day
    months = 12 if precision == Precision.YEAR else 1
    return date.fromordinal(rules.add_months(day, months).toordinal() - 1)


def split_sources(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def validate_sources(text):
    validate = URLValidator()
    for line in split_sources(text):
        validate(line)


def sources_field():
    return models.TextField(blank=True, validators=[validate_sources], help_text="Public sources, one address a line.")


class Standing(models.TextChoices):
    """Where a State Party stood with one obligation at the end of a day."""

    UNDER_WAY = "under-way", _("Under way, deadline not passed")
    COMPLETED = "completed", _("Completion declared")
    MISSED = "missed", _("Deadline passed, no extension or completion recorded")
    NOT_KNOWN = "not-known", _("Not known")


@dataclass(frozen=True)
class StandingOn:
    """
    One obligation on one day: its `standing`, the deadline in force (`deadline`, a `Dates`; None where not known),
    whether that deadline comes from an extension whose meeting is inferred (`inferred`), and `reason` in words
    where the data cannot tell (`Standing.NOT_KNOWN`, or a deadline not known).
    """

    standing: str
    deadline: Dates | None
    deadline_end: date | None = None
    inferred: bool = False
    reason: str = ""

    @property
    def label(self):
        return Standing(self.standing).label


def completed_in(completed):
    """The reason a completion known only to the month or the year leaves the standing not known, in words."""
    return gettext("completed in %(dates)s; the day is not known") % {"dates": completed.text}


def obligations_running(state, day):
    """Were `state`'s obligations running at the end of `day`: begun (`State.obligations_from`), and not ended by a
    withdrawal in effect (Article 20; a suspended withdrawal ends nothing, Article 20(3))?"""
    start = state.obligations_from
    ended = rules.obligations_ended(
        withdrawal_effective_on=state.withdrawal_effective_on,
        withdrawal_suspended=state.withdrawal_suspended,
        day=day,
    )
    return bool(start) and start <= day and not ended


class RunningQuerySet(models.QuerySet):
    """What both obligations' querysets share: the rows of a page, where each stood on a day, and the deadline in
    SQL for sorting (the admin)."""

    deadline_sql = staticmethod(rules.stockpile_destruction_deadline_sql)

    def with_deadline(self):
        """Annotate `bound_from` (`State.obligations_from`) and `original_deadline_sql` (the deadline that follows),
        computed by the database; tests hold them equal to the Python properties."""
        bound_from = Coalesce(F("state__succession_effective"), F("state__entry_into_force"))
        return self.annotate(bound_from=bound_from, original_deadline_sql=self.deadline_sql(bound_from))

    def for_pages(self):
        return self.select_related("state")

    def standings(self, *, as_of):
        """
        `[(obligation, StandingOn)]` for the States Parties whose obligation was running at the end of `as_of`:
        begun (entry into force, or succession) and not ended by a withdrawal in effect. Worked out in Python over
        at most a few hundred prefetched rows (each State's deadline in force depends on the order of its
        extensions), by the model's `standing_on`.
        """
        return [
            (obligation, obligation.standing_on(as_of))
            for obligation in self.for_pages()
            if obligations_running(obligation.state, as_of)
        ]


class ClearanceQuerySet(RunningQuerySet):
    deadline_sql = staticmethod(rules.clearance_deadline_sql)

    def for_pages(self):
        """Each obligation with its State and its extensions (with their meetings): two queries in all."""
        return self.select_related("state", "completion_meeting").prefetch_related(extensions_prefetch())


def extensions_prefetch(queryset=None):
    """The prefetch of an obligation's extensions with their meetings, in order (for other apps' pages too)."""
    return Prefetch("extensions", queryset=(queryset or ClearanceExtension.objects.select_related("meeting")))


def state_obligations_prefetches():
    """
    What templates/obligations/_state_obligations.html reads of a State, for `State.objects.select_related(...)
    .prefetch_related(*state_obligations_prefetches())`: its clearance record with extensions and meetings, and its
    stockpile record.
    """
    return [
        Prefetch("clearance", queryset=ClearanceObligation.objects.select_related("completion_meeting")),
        Prefetch("clearance__extensions", queryset=ClearanceExtension.objects.select_related("meeting")),
        "stockpile",
    ]


def meeting_decisions_prefetches():
    """What templates/obligations/_meeting_decisions.html reads of a meeting, for `prefetch_related(*…)`."""
    return [
        Prefetch("extensions_granted", queryset=ClearanceExtension.objects.select_related("obligation__state")),
        Prefetch("completions_declared", queryset=ClearanceObligation.objects.select_related("state")),
    ]


class CompletionFacts:
    """What both obligation models share of their completion and sources (`completed_on`, `completed_precision`,
    `sources`)."""

    def clean(self):
        # Not "before the obligation began": Moldova reported its mined areas cleared by August 2000, before the
        # Convention entered into force for it (1 March 2001), and that is the record. A completion before the
        # Convention existed is a typing error. tests/obligations/test_data_quality.py lists the early ones.
        if self.completed_on and period_end(self.completed_on, self.completed_precision) < rules.ADOPTED_ON:
            raise ValidationError({"completed_on": "A completion cannot be dated before the Convention's adoption."})

    @property
    def source_urls(self):
        return split_sources(self.sources)

    @property
    def completed(self):
        """The completion date as precisely as it is known (`Dates`), or None."""
        return Dates(self.completed_on, precision=self.completed_precision) if self.completed_on else None


class ClearanceObligation(CompletionFacts, SeededModel):
    """Article 5: one State Party's obligation to clear its mined areas, and its completion where declared."""

    state = models.OneToOneField(State, on_delete=models.CASCADE, related_name="clearance")
    completed_on = models.DateField(
        "completed on",
        null=True,
        blank=True,
        help_text="The day clearance was completed or declared; a month or a year is stored as its first day.",
    )
    completed_precision = models.CharField("completion date known to the", max_length=5, choices=Precision, blank=True)
    completion_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,  # a meeting that records name cannot be deleted (meetings.services)
        null=True,
        blank=True,
        related_name="completions_declared",
        help_text="The meeting at which completion was declared.",
    )
    completion_meeting_code = models.CharField(
        max_length=10, blank=True, help_text="The meeting's code as the data gives it (kept if the meeting is missing)."
    )
    original_deadline_confirmed_by = models.URLField(
        "original deadline confirmed by",
        max_length=500,
        blank=True,
        help_text="A source that states the original deadline (which the site computes).",
    )
    status_note = models.TextField("status note", blank=True)
    sources = sources_field()
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ClearanceQuerySet.as_manager()

    class Meta:
        ordering = ["state__name"]
        verbose_name = "clearance obligation (Art. 5)"
        constraints = [
            models.CheckConstraint(
                condition=precise_date_condition("completed_on", "completed_precision"),
                name="obligations_clearance_completed_precision",
                violation_error_message=(
                    "Give the completion date with its precision (a month or a year as its first day), or neither."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.state.name}: mined areas (Art. 5)"

    def get_absolute_url(self):
        return reverse("obligations:clearance") + f"#state-{self.state.iso3.lower()}"

    @property
    def original_deadline(self):
        """Article 5(1): ten years after the obligation began. Computed, never typed in."""
        return rules.clearance_deadline(self.state.obligations_from)

    @property
    def current_deadline(self):
        """The deadline now (`Dates`): the new deadline of the latest extension that has one, else the original.
        Whether a later request's outcome is not known says `undecided_extension`."""
        for extension in reversed(self.extensions.all()):
            if extension.new_deadline is not None:
                return extension.new_deadline_dates
        return Dates(self.original_deadline)

    @property
    def undecided_extension(self):
        """The latest extension if its new deadline is not known (a request whose outcome was not found), else None:
        then the current deadline may have been replaced."""
        extensions = list(self.extensions.all())
        return extensions[-1] if extensions and extensions[-1].new_deadline is None else None

    def standing_on(self, day):
        """Where this obligation stood at the end of `day` (see `StandingOn`); the State's obligations are assumed
        running (`obligations_running`)."""
        if self.completed_on and self.completed_on <= day:
            if period_end(self.completed_on, self.completed_precision) <= day:
                return StandingOn(Standing.COMPLETED, None)
            return StandingOn(
                Standing.NOT_KNOWN,
                None,
                reason=completed_in(self.completed),
            )
        granted, undated = [], []
        for extension in self.extensions.all():
            when = extension.granted_date
            if when is None:
                undated.append(extension)
            elif when <= day:
                granted.append(extension)
        granted.sort(key=lambda extension: (extension.granted_date, extension.sequence))
        deadline, end, inferred = Dates(self.original_deadline), self.original_deadline, False
        # The latest extension granted by then sets the deadline. One whose new deadline is not known (a request
        # whose outcome was not read) leaves the deadline not known; the one before it still tells whether the
        # State was within time.
        unknown = None
        for extension in reversed(granted):
            if extension.new_deadline is None:
                unknown = unknown or extension
                continue
            deadline, end = extension.new_deadline_dates, extension.new_deadline_end
            inferred = extension.meeting_inferred
            break
        reason = ""
        if unknown is not None:
            deadline, reason = (
                None,
                gettext("the outcome at %(meeting)s is not known") % {"meeting": unknown.meeting_label},
            )
        if end >= day:
            return StandingOn(Standing.UNDER_WAY, deadline, end, inferred, reason)
        if unknown is None and undated:
            reason = gettext("an extension is recorded whose date of decision is not known")
        if reason:
            return StandingOn(Standing.NOT_KNOWN, deadline, end, inferred, reason)
        return StandingOn(Standing.MISSED, deadline, end, inferred)


class ClearanceExtension(SeededModel):
    """
    Article 5(3)-(6): an extension of the clearance deadline, as granted by a Meeting of the States Parties or a
    Review Conference — or requested and not (yet) known to be decided, when `new_deadline` is empty.
    """

    obligation = models.ForeignKey(ClearanceObligation, on_delete=models.CASCADE, related_name="extensions")
    sequence = models.PositiveSmallIntegerField(help_text="1 for the State's first extension, and so on.")
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,  # a meeting that records name cannot be deleted (meetings.services)
        null=True,
        blank=True,
        related_name="extensions_granted",
        help_text="The meeting that granted it (or was asked to).",
    )
    meeting_code = models.CharField(
        max_length=10, blank=True, help_text="The meeting's code as the data gives it (kept if the meeting is missing)."
    )
    meeting_inferred = models.BooleanField(
        "meeting inferred", default=False, help_text="No source names the meeting: it is inferred from the year."
    )
    granted_on = models.DateField(
        "granted on", null=True, blank=True, help_text="The day of the decision, where a source gives it."
    )
    new_deadline = models.DateField(
        "new deadline",
        null=True,
        blank=True,
        help_text="Empty while pending or not known; a month or a year is stored as its first day.",
    )
    new_deadline_precision = models.CharField("new deadline known to the", max_length=5, choices=Precision, blank=True)
    note = models.TextField(blank=True)
    sources = sources_field()
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["obligation", "sequence"]
        verbose_name = "clearance extension (Art. 5)"
        constraints = [
            models.UniqueConstraint(fields=["obligation", "sequence"], name="obligations_extension_sequence_unique"),
            models.CheckConstraint(
                condition=precise_date_condition("new_deadline", "new_deadline_precision"),
                name="obligations_extension_deadline_precision",
                violation_error_message=(
                    "Give the new deadline with its precision (a month or a year as its first day), or neither."
                ),
            ),
            models.CheckConstraint(
                condition=Q(new_deadline__isnull=True)
                | Q(granted_on__isnull=True)
                | Q(new_deadline__gt=F("granted_on")),
                name="obligations_extension_deadline_after_grant",
                violation_error_message="The new deadline must be later than the day it was granted.",
            ),
            models.CheckConstraint(
                condition=Q(meeting_inferred=False) | ~Q(meeting_code=""),
                name="obligations_extension_inferred_needs_meeting",
                violation_error_message="Only a named meeting can be marked as inferred.",
            ),
        ]

    def __str__(self):
        return f"{self.obligation.state.name}: extension {self.sequence} ({self.meeting_label})"

    def get_absolute_url(self):
        return self.obligation.get_absolute_url()

    @property
    def source_urls(self):
        return split_sources(self.sources)

    @property
    def key(self):
        """ "AGO-3": the State's code and the extension's number, as exports and imports name it."""
        return f"{self.obligation.state.iso3}-{self.sequence}"

    @property
    def meeting_label(self):
        code = self.meeting.code if self.meeting else self.meeting_code
        return code or gettext("a meeting not identified")

    @property
    def granted_date(self):
        """When it was granted, for the deadline in force on a day: `granted_on`, else the last day of its
        meeting; None when neither is known."""
        if self.granted_on:
            return self.granted_on
        return self.meeting.end_date if self.meeting else None

    @property
    def new_deadline_dates(self):
        return Dates(self.new_deadline, precision=self.new_deadline_precision) if self.new_deadline else None

    @property
    def new_deadline_end(self):
        return period_end(self.new_deadline, self.new_deadline_precision)


class StockpileStatus(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    IN_VIOLATION = "in-violation", _("In violation")


class StockpileObligation(CompletionFacts, SeededModel):
    """Article 4: one State Party's obligation to destroy its stockpiled anti-personnel mines."""

    state = models.OneToOneField(State, on_delete=models.CASCADE, related_name="stockpile")
    status = models.CharField(max_length=12, choices=StockpileStatus, help_text="As the latest source has it.")
    completed_on = models.DateField(
        "completed on", null=True, blank=True, help_text="A month or a year is stored as its first day."
    )
    completed_precision = models.CharField("completion date known to the", max_length=5, choices=Precision, blank=True)
    note = models.TextField(blank=True)
    sources = sources_field()
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = RunningQuerySet.as_manager()

    class Meta:
        ordering = ["state__name"]
        verbose_name = "stockpile obligation (Art. 4)"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=StockpileStatus.values),
                name="obligations_stockpile_status_valid",
                violation_error_message="Unknown status.",
            ),
            models.CheckConstraint(
                condition=precise_date_condition("completed_on", "completed_precision"),
                name="obligations_stockpile_completed_precision",
                violation_error_message=(
                    "Give the completion date with its precision (a month or a year as its first day), or neither."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status=StockpileStatus.COMPLETED) | Q(completed_on__isnull=True),
                name="obligations_stockpile_completion_needs_status",
                violation_error_message="Only a completed destruction has a completion date.",
            ),
        ]

    def __str__(self):
        return f"{self.state.name}: stockpiles (Art. 4)"

    def get_absolute_url(self):
        return reverse("obligations:stockpiles") + f"#state-{self.state.iso3.lower()}"

    @property
    def deadline(self):
        """Article 4: four years after the obligation began. Computed, never typed in; Article 4 has no
        extensions."""
        return rules.stockpile_destruction_deadline(self.state.obligations_from)

    def standing_on(self, day):
        """Where this obligation stood at the end of `day`; the State's obligations are assumed running."""
        deadline = self.deadline
        if self.completed_on and self.completed_on <= day:
            if period_end(self.completed_on, self.completed_precision) <= day:
                return StandingOn(Standing.COMPLETED, None)
            reason = completed_in(self.completed)
            return StandingOn(Standing.NOT_KNOWN, Dates(deadline), deadline, reason=reason)
        if self.status == StockpileStatus.COMPLETED and not self.completed_on:
            reason = gettext("completed, but the date is not known")
            return StandingOn(Standing.NOT_KNOWN, Dates(deadline), deadline, reason=reason)
        if deadline >= day:
            return StandingOn(Standing.UNDER_WAY, Dates(deadline), deadline)
        return StandingOn(Standing.MISSED, Dates(deadline), deadline)
