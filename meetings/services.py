"""Writes that touch more than one model. Keyword-only; every row is validated with `full_clean()` first."""

import re

from django.db import transaction
from django.utils.text import slugify

from core.seeding import CREATED, UNCHANGED, UPDATED
from core.translations import column, other_languages
from timeline.dates import Precision
from timeline.models import Category, Event
from treaty.models import State

from .models import Kind, Meeting

# The timeline categories meetings are filed under (those `timeline.seed` creates; made here if missing).
CATEGORY_FOR_KIND = {
    Kind.MSP: ("meeting-of-states-parties", "Meeting of States Parties", "The annual meetings of the States Parties."),
    Kind.RC: ("review-conference", "Review Conference", "The five-yearly reviews of the Convention."),
}
SUMMARY_LIMIT = Event._meta.get_field("summary").max_length
TITLE_LIMIT = Event._meta.get_field("title").max_length
BRACKETS = re.compile(r"\(([^()]*)\)")


def presidency_from(president, *, states=None):
    """
    The State named in a president's description, or None: "Ambassador Jean Lint (Belgium)" → Belgium; "Norway
    (person not named in sources read)" → Norway. A name in brackets is tried first, then the text before the first
    bracket; a name must equal a State's (UN short) name exactly. Nothing is guessed: no match gives None.
    `states`: {name: State}, to spare a query per row.
    """
    if states is None:
        states = {state.name: state for state in State.objects.only("pk", "name")}
    candidates = [part.strip() for part in BRACKETS.findall(president)]
    candidates.append(president.split("(", 1)[0].strip())
    for candidate in candidates:
        if candidate in states:
            return states[candidate]
    return None


def category_for(kind):
    slug, name, description = CATEGORY_FOR_KIND[Kind(kind)]
    category = Category.objects.filter(slug=slug).first()
    if category is None:
        category = Category(slug=slug, name=name, description=description)
        category.full_clean()
        category.save()
    return category


def event_title(meeting):
    """ "Fourth Meeting of the States Parties (4MSP), Geneva"."""
    return f"{meeting.name} ({meeting.code}), {meeting.city}"[:TITLE_LIMIT]


def trimmed(text, limit):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def mirrored_values(meeting, category):
    """The event's fields that follow the meeting's (editors change them on the meeting), the summary in each
    language the outcome is written in (None, "not yet translated", in the others)."""
    translated_summaries = {}
    for lang in other_languages():
        outcome = getattr(meeting, column("outcome", lang)) or ""
        translated_summaries[column("summary", lang)] = trimmed(outcome, SUMMARY_LIMIT) if outcome.strip() else None
    return translated_summaries | {
        "title": event_title(meeting),
        "date": meeting.start_date,
        "date_precision": Precision.DAY,
        "end_date": meeting.end_date if meeting.end_date != meeting.start_date else None,
        "location": meeting.place,
        "summary": trimmed(meeting.outcome or meeting.name, SUMMARY_LIMIT),
        "category_id": category.pk,
        "status": meeting.status,
        "publish_at": meeting.publish_at,
    }


def matching_event(meeting, category):
    """An event already on the timeline for this meeting (e.g. the bundled 1MSP), found by its first day and
    category; None when there is none or it is another meeting's."""
    return Event.objects.filter(date=meeting.start_date, category=category, meeting__isnull=True).order_by("pk").first()


def unique_slug(title):
    base = slugify(title)[:190] or "meeting"
    slug, n = base, 2
    while Event.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def sync_event(*, meeting):
    """
    Create or update the meeting's one event on the timeline, linking the two (`Meeting.event`). An event already
    there for the meeting (the bundled 1MSP and Review Conferences) is taken over, not duplicated. Writes nothing
    when the event already says what the meeting says. Returns the event and what happened to it ("created",
    "updated" or "unchanged", as `core.seeding` says).
    """
    category = category_for(meeting.kind)
    values = mirrored_values(meeting, category)
    event = meeting.event if meeting.event_id else matching_event(meeting, category)
    outcome = UNCHANGED
    if event is None:
        outcome = CREATED
        event = Event(slug=unique_slug(values["title"]), **values)
        event._change_reason = f"Made from the meeting {meeting.code}"
        event.full_clean()
        event.save()
    elif any(getattr(event, name) != value for name, value in values.items()):
        outcome = UPDATED
        for name, value in values.items():
            setattr(event, name, value)
        event._change_reason = f"Kept in step with the meeting {meeting.code}"
        event.full_clean(validate_unique=False)
        event.save()
    if meeting.country_id and not event.related_states.filter(pk=meeting.country_id).exists():
        event.related_states.add(meeting.country_id)
    if meeting.event_id != event.pk:
        outcome = UPDATED if outcome == UNCHANGED else outcome
        meeting.event = event
        Meeting.objects.filter(pk=meeting.pk).update(event=event)  # no new version: the link is bookkeeping
    return event, outcome
