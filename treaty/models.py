"""
Treaty membership: every State that can join the Convention, and its path through it.

One row per State carries the dates of its actions (signature, deposit of its instrument, withdrawal). The dates
that follow from the Convention's rules are never typed in: a State's entry into force and the date its withdrawal
takes effect are generated columns, from its own dates and the Convention's entry into force (Article 17(1), a past
fact: `rules.CONVENTION_IN_FORCE_ON`).
"""

from datetime import date
from typing import NamedTuple

from django.db import models
from django.db.models import Count, F, Q, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import PublicationStatus, SeededModel, is_public, publication_notice

from . import names, rules


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")
    OCEANIA = "oceania", _("Oceania")


class UNStanding(models.TextChoices):
    MEMBER = "member", _("UN Member State")
    OBSERVER = "observer", _("UN non-member observer State")
    NON_MEMBER = "non-member", _("Not a UN member")


class Instrument(models.TextChoices):
    RATIFICATION = "ratification", _("Ratification")
    ACCEPTANCE = "acceptance", _("Acceptance")
    APPROVAL = "approval", _("Approval")
    ACCESSION = "accession", _("Accession")
    SUCCESSION = "succession", _("Succession")

    @property
    def verb(self):
        """How a State's story tells it: "Ratified on …", "Acceded on …"."""
        return INSTRUMENT_VERBS[self.value]

    @property
    def deposited(self):
        """The story's note on the deposit: "instrument of ratification deposited with the UN Secretary-General"."""
        return INSTRUMENT_DEPOSITED[self.value]

    @classmethod
    def after_signature(cls):
        """Ratification, acceptance and approval confirm a signature; accession is for States that did not sign."""
        return [cls.RATIFICATION, cls.ACCEPTANCE, cls.APPROVAL]


# How a State's story tells each instrument (`Instrument.verb`, `Instrument.deposited`), in the active language.
INSTRUMENT_VERBS = {
    "ratification": pgettext_lazy("a State's instrument, in “… on 3 December 1997”", "Ratified"),
    "acceptance": pgettext_lazy("a State's instrument, in “… on 3 December 1997”", "Accepted"),
    "approval": pgettext_lazy("a State's instrument, in “… on 3 December 1997”", "Approved"),
    "accession": pgettext_lazy("a State's instrument, in “… on 3 December 1997”", "Acceded"),
    "succession": pgettext_lazy("a State's instrument, in “… on 3 December 1997”", "Succeeded"),
}
INSTRUMENT_DEPOSITED = {
    "ratification": _("instrument of ratification deposited with the UN Secretary-General"),
    "acceptance": _("instrument of acceptance deposited with the UN Secretary-General"),
    "approval": _("instrument of approval deposited with the UN Secretary-General"),
    "accession": _("instrument of accession deposited with the UN Secretary-General"),
    "succession": _("instrument of succession deposited with the UN Secretary-General"),
}


class Status(models.TextChoices):
    """A State's standing on a given day. The order is a State's path through the Convention."""

    NOT_PARTY = "not-party", _("Not party")
    SIGNATORY = "signatory", _("Signatory")
    DEPOSITED = "deposited", _("Party — not yet in force")
    IN_FORCE = "in-force", _("Party — in force")
    WITHDRAWAL_NOTIFIED = "withdrawal-notified", _("Withdrawal notified")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def parties(cls):
        """States Parties: instrument deposited and withdrawal (if any) not yet in effect."""
        return [cls.DEPOSITED, cls.IN_FORCE, cls.WITHDRAWAL_NOTIFIED]

    @classmethod
    def bound(cls):
        """States bound by the Convention that day: in force for them, withdrawal not yet in effect."""
        return [cls.IN_FORCE, cls.WITHDRAWAL_NOTIFIED]


def figures_from_counts(counts):
    """Headline figures from {status: number of States}."""

    def total(statuses):
        return sum(counts.get(status, 0) for status in statuses)

    return {
        "parties": total(Status.parties()),
        "bound": total(Status.bound()),
        "deposited": counts.get(Status.DEPOSITED, 0),
        "signatories": counts.get(Status.SIGNATORY, 0),
        "not_party": counts.get(Status.NOT_PARTY, 0),
        "withdrawal_notified": counts.get(Status.WITHDRAWAL_NOTIFIED, 0),
        "withdrawn": counts.get(Status.WITHDRAWN, 0),
        "states": sum(counts.values()),
    }


def figures_total(figures_by_region):
    """The headline figures of every region together, from `StateQuerySet.figures_by_region()`."""
    return {key: sum(region[key] for region in figures_by_region.values()) for key in figures_from_counts({})}


def figures_by_region_from_rows(rows):
    """`StateQuerySet.figures_by_region()` from rows already fetched with their SQL `status` and `region` (every
    State, e.g. an unfiltered /states/ table): a tally, no second pass over the statuses in the database."""
    counts = {}
    for row in rows:
        region = counts.setdefault(row.region, {})
        region[row.status] = region.get(row.status, 0) + 1
    return {region: figures_from_counts(region_counts) for region, region_counts in counts.items()}


class StatusOn(rules.SQLTemplate):
    """
    SQL: a State's `Status` at the end of the day `day`, from its own `columns`. The first condition that holds
    wins; `State.status_on()` says the same in Python, and the tests hold the two to agreeing for every State on
    many days.
    """

    output_field = models.CharField()
    template = (
        f"CASE WHEN {{withdrawal_effective_on}} <= {{day}} AND NOT {{withdrawal_suspended}} THEN '{Status.WITHDRAWN}'"
        f" WHEN {{withdrawal_notified_on}} <= {{day}} THEN '{Status.WITHDRAWAL_NOTIFIED}'"
        f" WHEN {{entry_into_force}} <= {{day}} THEN '{Status.IN_FORCE}'"
        f" WHEN {{deposited_on}} <= {{day}} THEN '{Status.DEPOSITED}'"
        f" WHEN {{signed_on}} <= {{day}} THEN '{Status.SIGNATORY}'"
        f" ELSE '{Status.NOT_PARTY}' END"
    )
    columns = (
        "withdrawal_effective_on",
        "withdrawal_suspended",
        "withdrawal_notified_on",
        "entry_into_force",
        "deposited_on",
        "signed_on",
    )

    def __init__(self, *, day):
        super().__init__(day=day, **{column: F(column) for column in self.columns})


class StateQuerySet(models.QuerySet):
    def with_status(self, *, as_of=None):
        """Annotate `status` (a `Status` value) as it stood at the end of the day `as_of` (default: today)."""
        as_of = as_of or timezone.localdate()
        return self.annotate(status=StatusOn(day=Value(as_of, output_field=models.DateField())))

    def parties(self, *, as_of=None):
        return self.with_status(as_of=as_of).filter(status__in=Status.parties())

    def bound(self, *, as_of=None):
        return self.with_status(as_of=as_of).filter(status__in=Status.bound())

    def signatories(self, *, as_of=None):
        """States that signed and had not (yet) deposited an instrument that day."""
        return self.with_status(as_of=as_of).filter(status=Status.SIGNATORY)

    def status_counts(self, *, as_of=None, by_region=False):
        """How many States had each status that day: {status: n}, or {region: {status: n}}. One GROUP BY query."""
        fields = ["region", "status"] if by_region else ["status"]
        rows = self.with_status(as_of=as_of).order_by().values(*fields).annotate(n=Count("pk"))
        if not by_region:
            return {row["status"]: row["n"] for row in rows}
        counts = {}
        for row in rows:
            counts.setdefault(row["region"], {})[row["status"]] = row["n"]
        return counts

    def figures(self, *, as_of=None):
        """The headline counts for one day, in one query."""
        return figures_from_counts(self.status_counts(as_of=as_of))

    def figures_by_region(self, *, as_of=None):
        """The headline counts per region for one day, in one query: {region: {"parties": n, ...}}."""
        return {
            region: figures_from_counts(counts)
            for region, counts in self.status_counts(as_of=as_of, by_region=True).items()
        }

    def changes_by_region(self, *, after=None, until):
        """
        Per region, in one query, the States that joined (deposited their instrument) and those whose withdrawal
        took effect in the period after the day `after` (None: from the beginning) up to `until`, both counted to
        the end of the day: {region: {"joined": n, "left": n}}.
        """
        joined = Q(deposited_on__lte=until)
        left = Q(withdrawal_effective_on__lte=until, withdrawal_suspended=False)
        if after is not None:
            joined &= Q(deposited_on__gt=after)
            left &= Q(withdrawal_effective_on__gt=after)
        rows = (
            self.order_by().values("region").annotate(joined=Count("pk", filter=joined), left=Count("pk", filter=left))
        )
        return {row.pop("region"): row for row in rows}

    def for_membership_table(self, *, as_of=None):
        """The rows of /states/ and /states.csv: every column comes from this one query."""
        return self.with_status(as_of=as_of).only(
            "name",
            "iso2",
            "iso3",
            "region",
            "signed_on",
            "instrument",
            "deposited_on",
            "entry_into_force",
            "withdrawal_notified_on",
            "withdrawal_effective_on",
            "withdrawal_suspended",
        )

    def for_charts(self, *, as_of=None):
        """
        Every State as the map, the headline figures and the charts of a day need it, as named tuples of
        `CHART_FIELDS`: /states/ asks for these when its table leaves States out, an anniversary page always.
        """
        return self.with_status(as_of=as_of).order_by().values_list(*CHART_FIELDS, named=True)

    def search(self, text):
        """States named `text` (any part of our record's name), by a code, or by a name with each of its words in
        any of the six languages, accents aside, or a former one ("Francia", "cote", "Turkey": `treaty.names`)."""
        text = text.strip()
        if not text:
            return self
        iso2, iso3 = names.codes_named(text)
        return self.filter(
            Q(name__icontains=text) | Q(iso2__iexact=text) | Q(iso3__iexact=text) | Q(iso2__in=iso2) | Q(iso3__in=iso3)
        )


# What the map (`treaty.worldmap`), the headline figures (`figures_by_region_from_rows`) and the charts
# (`treaty.charts`) read of each State: the rows of /states/ (`treaty.views.ROW_FIELDS`) have them too.
CHART_FIELDS = (
    "iso2",  # with the name, the State's name in the active language (`core.locale.state_name`)
    "iso3",
    "name",
    "region",
    "status",
    "deposited_on",
    "withdrawal_effective_on",
    "withdrawal_suspended",
)


def not_before(field, day):
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": day})


class State(SeededModel):
    """A State that can join the Convention (every UN Member and observer State, Cook Islands and Niue)."""

    name = models.CharField(max_length=100, unique=True, help_text="UN short name, e.g. “Türkiye”.")
    iso2 = models.CharField("ISO alpha-2 code", max_length=2, unique=True, help_text="Two capital letters.")
    iso3 = models.CharField(
        "ISO alpha-3 code",
        max_length=3,
        unique=True,
        help_text="Three capital letters; used in the page address.",
    )
    un_standing = models.CharField("UN standing", max_length=20, choices=UNStanding, default=UNStanding.MEMBER)
    region = models.CharField("UN M49 region", max_length=20, choices=Region)
    sub_region = models.CharField("UN M49 sub-region", max_length=60, blank=True)

    signed_on = models.DateField(
        "signature",
        null=True,
        blank=True,
        help_text="Only possible from 3 December 1997 to 28 February 1999.",
    )
    instrument = models.CharField(
        "instrument",
        max_length=20,
        choices=Instrument,
        blank=True,
        help_text="How the State consented to be bound.",
    )
    deposited_on = models.DateField(
        "deposit of instrument", null=True, blank=True, help_text="Date the UN Secretary-General received it."
    )
    own_entry_into_force = models.GeneratedField(
        expression=rules.FirstDayOfMonthAfter("deposited_on", months=rules.ENTRY_INTO_FORCE_DELAY_MONTHS),
        output_field=models.DateField(),
        db_persist=True,
        verbose_name="entry into force (Art. 17(2))",
    )
    entry_into_force = models.GeneratedField(
        expression=rules.LaterDate(
            rules.FirstDayOfMonthAfter("deposited_on", months=rules.ENTRY_INTO_FORCE_DELAY_MONTHS),
            Value(rules.CONVENTION_IN_FORCE_ON),
        ),
        output_field=models.DateField(),
        db_persist=True,
        verbose_name="entry into force",
        help_text="Article 17: the State's own date (17(2)), but not before the Convention's, 1 March 1999 (17(1)).",
    )
    succession_effective = models.DateField(
        "succession effective",
        null=True,
        blank=True,
        help_text="For a successor State: the date of succession (e.g. independence), from which it is bound and its "
        "obligations run. Membership counts still follow the deposit of its notification.",
    )
    withdrawal_notified_on = models.DateField(
        "withdrawal notified", null=True, blank=True, help_text="Date the depositary received the notice."
    )
    withdrawal_effective_on = models.GeneratedField(
        expression=rules.AddMonths("withdrawal_notified_on", months=rules.WITHDRAWAL_DELAY_MONTHS),
        output_field=models.DateField(),
        db_persist=True,
        verbose_name="withdrawal takes effect",
    )
    withdrawal_suspended = models.BooleanField(
        "withdrawal suspended (Art. 20(3))",
        default=False,
        help_text="The State is engaged in an armed conflict: the withdrawal does not take effect before it ends.",
    )

    internal_note = models.TextField(
        "internal note",
        blank=True,
        help_text="For staff only: never shown on the site; included, marked as internal, in staff exports.",
    )
    note = models.TextField(
        "public note", blank=True, help_text="Plain text, shown on the State's page once published."
    )
    note_status = models.CharField(
        "note status", max_length=10, choices=PublicationStatus, default=PublicationStatus.DRAFT
    )
    note_publish_at = models.DateTimeField(
        "publish note at",
        null=True,
        blank=True,
        help_text="Leave empty to publish the note at once; a future time keeps it hidden until then.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    # The note follows the editorial workflow of content (draft, published, publish-at); the dates do not: they
    # are facts, public as soon as they are saved.
    publication_fields = [("note_status", "note_publish_at")]

    # Every change is kept with who and when (django-simple-history); the generated dates follow from the rest.
    history = HistoricalRecords(excluded_fields=["own_entry_into_force", "entry_into_force", "withdrawal_effective_on"])
    objects = StateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "State"
        permissions = [("publish_state", "Can publish State notes")]
        constraints = [
            models.CheckConstraint(
                condition=Q(iso2__regex=r"^[A-Z]{2}$"),
                name="treaty_state_iso2_format",
                violation_error_message="The ISO alpha-2 code must be two capital letters.",
            ),
            models.CheckConstraint(
                condition=Q(iso3__regex=r"^[A-Z]{3}$"),
                name="treaty_state_iso3_format",
                violation_error_message="The ISO alpha-3 code must be three capital letters.",
            ),
            models.CheckConstraint(
                condition=Q(un_standing__in=UNStanding.values),
                name="treaty_state_un_standing_valid",
                violation_error_message="Unknown UN standing.",
            ),
            models.CheckConstraint(
                condition=Q(region__in=Region.values),
                name="treaty_state_region_valid",
                violation_error_message="Unknown region.",
            ),
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True)
                | Q(signed_on__gte=rules.OPENED_FOR_SIGNATURE_ON, signed_on__lte=rules.LAST_DAY_OF_SIGNATURE),
                name="treaty_state_signature_window",
                violation_error_message=(
                    "The Convention was open for signature only from 3 December 1997 until it entered into force "
                    "on 1 March 1999; the signature date must fall in that window."
                ),
            ),
            models.CheckConstraint(
                condition=Q(deposited_on__isnull=True, instrument="")
                | Q(deposited_on__isnull=False, instrument__in=Instrument.values),
                name="treaty_state_instrument_with_deposit",
                violation_error_message=("Give both the kind of instrument and the date it was deposited, or neither."),
            ),
            models.CheckConstraint(
                condition=not_before("deposited_on", rules.ADOPTED_ON),
                name="treaty_state_deposit_after_adoption",
                violation_error_message=(
                    "The deposit date cannot be before the Convention's adoption on 18 September 1997."
                ),
            ),
            models.CheckConstraint(
                condition=Q(deposited_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(deposited_on__gte=F("signed_on")),
                name="treaty_state_deposit_after_signature",
                violation_error_message="The deposit date cannot be before the signature date.",
            ),
            models.CheckConstraint(
                condition=~Q(instrument__in=Instrument.after_signature()) | Q(signed_on__isnull=False),
                name="treaty_state_ratification_needs_signature",
                violation_error_message=(
                    "Ratification, acceptance and approval follow a signature: give the signature date, "
                    "or record the instrument as an accession."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(instrument=Instrument.ACCESSION) | Q(signed_on__isnull=True),
                name="treaty_state_accession_without_signature",
                violation_error_message=(
                    "A State that signed the Convention ratifies, accepts or approves it; accession is for States "
                    "that did not sign."
                ),
            ),
            models.CheckConstraint(
                condition=Q(withdrawal_notified_on__isnull=True)
                | Q(deposited_on__isnull=False, withdrawal_notified_on__gt=F("deposited_on")),
                name="treaty_state_withdrawal_after_deposit",
                violation_error_message=(
                    "A withdrawal can only be notified after the State has deposited its instrument."
                ),
            ),
            models.CheckConstraint(
                condition=Q(withdrawal_suspended=False) | Q(withdrawal_notified_on__isnull=False),
                name="treaty_state_suspension_needs_withdrawal",
                violation_error_message="Only a notified withdrawal can be marked as suspended.",
            ),
            models.CheckConstraint(
                condition=Q(succession_effective__isnull=True)
                | Q(instrument=Instrument.SUCCESSION, succession_effective__lte=F("deposited_on")),
                name="treaty_state_succession_effective",
                violation_error_message=(
                    "A date of succession is only for a State that deposited a notification of succession, and "
                    "cannot be after that deposit."
                ),
            ),
            models.CheckConstraint(
                condition=Q(note_status__in=PublicationStatus.values),
                name="treaty_state_note_status_valid",
                violation_error_message="Unknown note status.",
            ),
        ]
        indexes = [
            models.Index(fields=["deposited_on"], name="treaty_state_deposited_idx"),
            models.Index(fields=["region"], name="treaty_state_region_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("treaty:state-detail", kwargs={"iso3": self.iso3.lower()})

    def note_is_public(self, *, now=None):
        """Visitors see the note: there is one, it is published and its publish-at time (if any) has come."""
        return bool(self.note) and is_public(self.note_status, self.note_publish_at, now=now)

    def note_publication_notice(self, *, now=None):
        return publication_notice(self.note_status, self.note_publish_at, now=now)

    @property
    def status_label(self):
        """The label of the `status` annotation (from `StateQuerySet.with_status`)."""
        return Status(self.status).label

    @property
    def instrument_verb(self):
        return Instrument(self.instrument).verb if self.instrument else ""

    @property
    def instrument_deposited(self):
        return Instrument(self.instrument).deposited if self.instrument else ""

    @property
    def signed_in_ottawa(self):
        return self.signed_on in rules.OTTAWA_SIGNING_DAYS

    @property
    def signature_place(self):
        """Article 15: Ottawa on 3–4 December 1997, United Nations Headquarters afterwards."""
        if self.signed_on is None:
            return ""
        return "Ottawa" if self.signed_in_ottawa else "United Nations Headquarters, New York"

    @property
    def is_successor(self):
        return self.instrument == Instrument.SUCCESSION

    def sources_by_fact(self):
        """
        The State's sources grouped by the date they support, for its page: `SourcesOfFact` for each of its dates
        the State has (signature, deposit, withdrawal; with no sources if none is known yet), then, if any, those
        about its record in general. Reads `self.sources.all()`: prefetch it.
        """
        sources = {}
        for source in self.sources.all():
            sources.setdefault(source.fact, []).append(source)
        has_date = {
            SourceFact.SIGNATURE: self.signed_on,
            SourceFact.DEPOSIT: self.deposited_on,
            SourceFact.WITHDRAWAL: self.withdrawal_notified_on,
        }
        groups = [
            SourcesOfFact(SourceFact(fact), has_date[fact], sources.get(fact, []))
            for fact in SourceFact.dated()
            if has_date[fact] or fact in sources
        ]
        if SourceFact.RECORD in sources:
            groups.append(SourcesOfFact(SourceFact.RECORD, None, sources[SourceFact.RECORD]))
        return groups

    @property
    def obligations_from(self):
        """
        The day the Convention's obligations (Articles 4, 5 and 7) began for this State: for a successor State the
        date of its succession where it is known (South Sudan: 9 July 2011, not its deposit of 11 November 2011),
        else its entry into force (Article 17). None for a State that never deposited an instrument.
        """
        return self.succession_effective or self.entry_into_force

    @property
    def obligations_rule(self):
        """Which rule sets `obligations_from`, in words for the State's page; empty without obligations."""
        if self.succession_effective:
            return _("from the date of succession, as the depositary treats a successor State as bound from then")
        if self.entry_into_force:
            return _("from its entry into force (Article 17)")
        return ""

    def status_on(self, day):
        """This State's `Status` at the end of `day` (the same rule `StateQuerySet.with_status` runs in SQL)."""
        withdrawal_effective = self.withdrawal_notified_on and rules.withdrawal_takes_effect(
            self.withdrawal_notified_on
        )
        entry_into_force = rules.entry_into_force_for(self.deposited_on)
        if withdrawal_effective and withdrawal_effective <= day and not self.withdrawal_suspended:
            return Status.WITHDRAWN
        if self.withdrawal_notified_on and self.withdrawal_notified_on <= day:
            return Status.WITHDRAWAL_NOTIFIED
        if entry_into_force and entry_into_force <= day:
            return Status.IN_FORCE
        if self.deposited_on and self.deposited_on <= day:
            return Status.DEPOSITED
        if self.signed_on and self.signed_on <= day:
            return Status.SIGNATORY
        return Status.NOT_PARTY


class SourceFact(models.TextChoices):
    """Which of a State's dates a source states (`state_sources.csv`'s `fact`)."""

    SIGNATURE = "signature", pgettext_lazy("a source of a State's date", "Signature")
    DEPOSIT = "deposit", _("Deposit of its instrument")
    WITHDRAWAL = "withdrawal", _("Notice of withdrawal")
    RECORD = "record", _("The State's record in general")

    @classmethod
    def dated(cls):
        """The facts with a date on the State's row, in the order of a State's path."""
        return [cls.SIGNATURE, cls.DEPOSIT, cls.WITHDRAWAL]


class SourcesOfFact(NamedTuple):
    """The sources of one of a State's dates (`day`; None for the record in general), from `State.sources_by_fact`."""

    fact: SourceFact
    day: date | None
    sources: list

    @property
    def single(self):
        """Only one source is known for this date: the page says so."""
        return self.day is not None and len(self.sources) == 1


class StateSource(SeededModel):
    """
    A public source for one of a State's dates (a depositary notification, a Monitor profile…), or for its record
    in general. One address may support several of a State's dates: it is then one row per date.
    """

    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="sources")
    fact = models.CharField(
        "what it supports",
        max_length=20,
        choices=SourceFact,
        default=SourceFact.RECORD,
        help_text="The date this source states, as the State's record has it.",
    )
    title = models.CharField(max_length=200)
    url = models.URLField("address", max_length=500)

    history = HistoricalRecords()

    class Meta:
        ordering = ["state", "pk"]
        verbose_name = "source"
        constraints = [
            models.UniqueConstraint(
                fields=["state", "fact", "url"],
                name="treaty_statesource_unique_fact_url",
                violation_error_message="This State already has this source for this date.",
            ),
            models.CheckConstraint(
                condition=Q(fact__in=SourceFact.values),
                name="treaty_statesource_fact_valid",
                violation_error_message="Unknown fact.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.state.get_absolute_url()
