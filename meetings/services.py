"""Writes that touch more than one model. Keyword-only; every row is validated with `full_clean()` first."""

import re

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils import translation
from django.utils.text import slugify

from core.locale import state_name
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
# The first words of the history entry of an event a meeting made (`sync_event`): how `made_by_meeting` tells it
# from one the meeting took over. Kept as it is: older entries are read with it.
MADE_FROM_MEETING = "Made from the meeting"


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


def translated_values(meeting):
    """The event's texts in each other language: its summary where the outcome is translated; its title and place
    where the city is ("4e Assemblée des États parties (4MSP), Genève", "Genève, Suisse": the meeting's name is
    interface text, the State's name the CLDR's). None, "not yet translated", elsewhere: never a mix."""
    values = {}
    for lang in other_languages():
        outcome = (getattr(meeting, column("outcome", lang)) or "").strip()
        city = (getattr(meeting, column("city", lang)) or "").strip()
        values[column("summary", lang)] = trimmed(outcome, SUMMARY_LIMIT) if outcome else None
        title = location = None
        if city:
            with translation.override(lang):
                title = f"{meeting.name} ({meeting.code}), {city}"[:TITLE_LIMIT]
                location = f"{city}, {state_name(meeting.country)}" if meeting.country_id else city
        values[column("title", lang)] = title
        values[column("location", lang)] = location
    return values


def mirrored_values(meeting, category):
    """The event's fields that follow the meeting's (editors change them on the meeting), in each language the
    meeting is written in (`translated_values`)."""
    return translated_values(meeting) | {
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
    # (A meeting restored from its history may name an event deleted with it: then it is made again.)
    event = Event.objects.filter(pk=meeting.event_id).first() if meeting.event_id else None
    if event is None:
        event = matching_event(meeting, category)
    outcome = UNCHANGED
    if event is None:
        outcome = CREATED
        event = Event(slug=unique_slug(values["title"]), **values)
        event._change_reason = f"{MADE_FROM_MEETING} {meeting.code}"
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


# Deleting meetings


def made_by_meeting(event):
    """
    Whether `event` was made for its meeting by `sync_event` (its first version says "Made from the meeting …"),
    rather than taken over from the timeline (the bundled 1MSP and Review Conferences, or one an editor wrote).
    When the history cannot tell (no first version), the answer is no: the event is kept, as deleting it could not
    be undone. One query.
    """
    first = (
        event.history.order_by("history_date", "history_id")
        .values_list("history_type", "history_change_reason")
        .first()
    )
    return first is not None and first[0] == "+" and (first[1] or "").startswith(MADE_FROM_MEETING)


def deletion_plan(*, meetings):
    """
    What deleting `meetings` does to the timeline: `(deleted, kept)`, the events that go with their meetings (those
    the meetings made) and those that stay (those they took over). One query per meeting with an event.
    """
    deleted, kept = [], []
    for meeting in meetings:
        if meeting.event_id is None:
            continue
        (deleted if made_by_meeting(meeting.event) else kept).append(meeting.event)
    return deleted, kept


def references(*, meetings):
    """
    The records that name `meetings` and so keep them from being deleted, as the database does (their relations to
    a meeting are `on_delete=PROTECT`: the Article 5 extensions granted at a meeting and the completions declared
    at one, which the obligations app relates to meetings; this app does not import it):
    `[(meeting, [(record, field), …]), …]`, `field` being the record's relation to the meeting, for the meetings
    named by any. One query per such relation, and what each record's name needs.
    """
    named = {meeting.pk: (meeting, []) for meeting in meetings}
    for relation in Meeting._meta.related_objects:
        if relation.on_delete is not models.PROTECT:
            continue
        field = relation.field
        for record in relation.related_model._base_manager.filter(**{f"{field.name}__in": list(named)}).order_by("pk"):
            named[getattr(record, field.attname)][1].append((record, field))
    return [(meeting, records) for meeting, records in named.values() if records]


def refusal(meeting, records):
    """Why `meeting` cannot be deleted, in words (`references`)."""
    names = "; ".join(f"{record._meta.verbose_name} “{record}” (its {field.verbose_name})" for record, field in records)
    return (
        f"The meeting {meeting.code} cannot be deleted: records name it and would lose it: {names}. Make them name "
        "another meeting, or none, first."
    )


@transaction.atomic
def delete_meetings(*, meetings, user=None, reason="Deleted"):
    """
    Delete `meetings` (with their sources), and deal with each one's timeline event so that no page is left
    claiming to be about a meeting that is gone:

    - an event the meeting made (`sync_event`) is deleted with it: it was the meeting's own entry on the timeline,
      and a published event would go on telling visitors about a meeting the site no longer has. Its history says
      "Deleted with the meeting 4MSP", so it can be found (and restored) there. Its own text, sources and pictures go
      with it, as the admin's confirmation page lists.
    - an event the meeting took over (the bundled 1MSP, or one an editor wrote before the meeting existed) was on
      the timeline before the meeting and is about something that happened: it is kept as it is (its text and
      publication unchanged, since visitors were reading them), no longer linked — its page stops offering "About
      this meeting" — and editable again in the timeline's admin. Its history records a version saying so, which an
      editor can use to restore its text from before the takeover.

    With `user` (the admin passes the editor), nothing is written unless they may delete meetings and, when an event
    goes too, events: a `PermissionDenied` says what is missing. Keeping an event changes none of its fields, so it
    needs no permission on events. A meeting that obligations records name (an Article 5 extension granted at it, a
    completion declared at it: `references`) is not deleted: a `ProtectedError` names the records, and nothing is
    deleted. One transaction: all of it happens, or none.

    Returns `(deleted_events, kept_events)`.
    """
    meetings = list(meetings)
    deleted, kept = deletion_plan(meetings=meetings)
    if user is not None:
        if not user.has_perm(f"{Meeting._meta.app_label}.delete_{Meeting._meta.model_name}"):
            raise PermissionDenied("You may not delete meetings.")
        if deleted and not user.has_perm(f"{Event._meta.app_label}.delete_{Event._meta.model_name}"):
            titles = ", ".join(f"“{event.title}”" for event in deleted)
            raise PermissionDenied(
                f"Deleting these meetings deletes their timeline events too ({titles}), and you may not delete "
                "events. Nothing was deleted: ask an editor who may."
            )
    if in_use := references(meetings=meetings):
        raise ProtectedError(
            " ".join([*(refusal(meeting, records) for meeting, records in in_use), "Nothing was deleted."]),
            [record for _, records in in_use for record, _ in records],
        )
    deleted_pks = {event.pk for event in deleted}
    for meeting in meetings:
        event = meeting.event if meeting.event_id else None
        code = meeting.code
        meeting._change_reason = reason
        meeting.delete()
        if event is None:
            continue
        if event.pk in deleted_pks:
            event._change_reason = f"Deleted with the meeting {code}"
            event.delete()
        else:
            event._change_reason = f"Kept when the meeting {code} was deleted: no longer kept in step with it"
            event.save()
    return deleted, kept


def delete_meeting(*, meeting, user=None, reason="Deleted"):
    """One meeting (`delete_meetings`)."""
    return delete_meetings(meetings=[meeting], user=user, reason=reason)
