"""
Events that another app keeps in step with a record of its own: a meeting's event (`meetings.services.sync_event`)
takes its title, dates, place, summary, category and publication from the meeting.

That app registers the link here, from its `AppConfig.ready()`: the name the event knows the record by (the reverse
one-to-one relation, e.g. "meeting") and the event fields the record writes. The timeline's admin reads it to show
those fields read-only, to keep its publication actions and its delete off such events, and to send editors to the
record. This floor imports nothing above it: it knows a relation's name, never the model behind it.
"""

from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class Mirror:
    relation: str  # the event's name for the record: `event.meeting`
    fields: tuple  # the event's fields the record writes


@dataclass(frozen=True)
class MirroredFrom:
    """What one event follows: the record (a `Meeting`) and the fields it writes."""

    record: object
    fields: tuple

    @property
    def label(self):
        """ "meeting 4MSP"."""
        return f"{self.record._meta.verbose_name} {self.record}"

    @property
    def admin_url_name(self):
        return f"admin:{self.record._meta.app_label}_{self.record._meta.model_name}_change"


_mirrors = {}


def register(*, relation, fields):
    """Say that events reached by `relation` (a one-to-one's `related_name` towards `timeline.Event`) are kept in
    step by their record, which writes `fields`. Registering a relation again replaces it."""
    _mirrors[relation] = Mirror(relation, tuple(fields))


def relations():
    return [mirror.relation for mirror in _mirrors.values()]


def mirrored_from(event):
    """The record `event` is kept in step with (`MirroredFrom`), or None. One query per registered relation unless
    the queryset selected it (`select_related(*relations())`)."""
    if event is None or event.pk is None:
        return None
    for mirror in _mirrors.values():
        record = getattr(event, mirror.relation, None)  # a missing reverse one-to-one raises an AttributeError
        if record is not None:
            return MirroredFrom(record, mirror.fields)
    return None


def mirrored_condition():
    """A filter for the events some record keeps in step (`Event.objects.filter(mirrored_condition())`)."""
    condition = Q(pk__in=[])
    for relation in relations():
        condition |= Q(**{f"{relation}__isnull": False})
    return condition
