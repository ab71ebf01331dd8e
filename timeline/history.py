"""
An event's inlines in its history: every version of an event records the event's sources and pictures as they
were (`HistoricalEvent.inlines`), so the history page shows a change to them as part of the event's change, and
reverting the event brings them back (`timeline.services.restore_inlines`).

A version is recorded when the event is saved, before the admin saves the inlines and relations of the same form;
the admin (and `services`, for the rows it adds) then writes them as they now are into that version
(`record_inlines`). Related States and extra eras are recorded by simple-history itself (`m2m_fields`), which would
add a version of its own for each change of them: the admin turns that off while it saves them, and writes them
into the one version instead.
"""

SOURCE_FIELDS = ("id", "title", "url", "position")
PICTURE_FIELDS = ("id", "image", "alt_text", "caption", "credit", "position")


def inlines_of(event):
    """The event's sources and pictures as plain values (what a version records)."""
    return {
        "sources": list(event.sources.order_by("position", "pk").values(*SOURCE_FIELDS)),
        "pictures": list(event.images.order_by("position", "pk").values(*PICTURE_FIELDS)),
    }


def on_new_version(sender, instance, history_instance, **kwargs):
    """simple-history's `pre_create_historical_record`: a new version of an event records its inlines as stored."""
    history_instance.inlines = inlines_of(instance)


def record_inlines(*, event):
    """Write the event's inlines and relations (related States, extra eras), as they now are, into its latest version:
    after a save that wrote them, so that one save is one version with all it changed."""
    latest = event.history.order_by("-history_date", "-history_id").first()
    if latest is None:
        return
    inlines = inlines_of(event)
    if latest.inlines != inlines:
        latest.inlines = inlines
        latest.save(update_fields=["inlines"])
    for field in latest._history_m2m_fields:
        recorded, through = getattr(latest, field.name), getattr(event, field.name).through
        names = [f.attname for f in through._meta.fields]
        now = list(through.objects.filter(event=event).values_list(*names))
        if sorted(recorded.values_list(*names)) != sorted(now):
            recorded.all().delete()
            recorded.model.objects.bulk_create(
                recorded.model(history=latest, **dict(zip(names, row, strict=True))) for row in now
            )


def describe_source(row):
    return f"{row['title']} ({row['url']})"


def describe_picture(row):
    words = " · ".join(part for part in (row["alt_text"], row["caption"], row["credit"]) if part)
    return f"{words} ({row['image'].rsplit('/', 1)[-1]})"


def inline_changes(old, new):
    """What changed in the inlines from version `old` to version `new` (their `inlines`), as the history page's
    rows: {"field", "old", "new"}. A version made before inlines were recorded (None) is compared with nothing."""
    if old is None or new is None:
        return []
    changes = []
    for key, label, describe in (("sources", "sources", describe_source), ("pictures", "pictures", describe_picture)):
        before = [describe(row) for row in old.get(key, [])]
        after = [describe(row) for row in new.get(key, [])]
        if old.get(key, []) != new.get(key, []):
            changes.append({"field": label, "old": "; ".join(before) or "none", "new": "; ".join(after) or "none"})
    return changes
