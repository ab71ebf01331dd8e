"""
Publishing, scheduling and unpublishing items of content (writes, keyword-only).

Each item is saved on its own (not with a bulk `update()`), so that its history records who changed it and when,
the page cache is renewed, and an editor who has the item open is told it changed before saving over it.

The field names default to those of `core.models.Publishable`; a State's note passes its own
(`note_status`, `note_publish_at`).
"""

from django.utils import timezone

from .models import PublicationStatus


def publish(*, items, now=None, status_field="status", publish_at_field="publish_at"):
    """
    Make `items` public now. A publish-at time still to come is brought forward to now, and an item published for
    the first time gets now as its publish-at time; a past one is kept (it says when the item went public).
    Returns how many items changed.
    """
    now = now or timezone.now()
    changed = 0
    for item in items:
        publish_at = getattr(item, publish_at_field)
        if publish_at is None or publish_at > now:
            publish_at = now
        changed += _set(item, status_field, PublicationStatus.PUBLISHED, publish_at_field, publish_at)
    return changed


def schedule(*, items, at, now=None, status_field="status", publish_at_field="publish_at"):
    """Publish `items` at the future time `at`: hidden until then, public from then on without anyone acting."""
    now = now or timezone.now()
    if at <= now:
        raise ValueError("A scheduled publication time must be in the future.")
    return sum(_set(item, status_field, PublicationStatus.PUBLISHED, publish_at_field, at) for item in items)


def unpublish(*, items, status_field="status", publish_at_field="publish_at"):
    """Take `items` back to draft (their publish-at time is kept, for the record)."""
    return sum(
        _set(item, status_field, PublicationStatus.DRAFT, publish_at_field, getattr(item, publish_at_field))
        for item in items
    )


def _set(item, status_field, status, publish_at_field, publish_at):
    if getattr(item, status_field) == status and getattr(item, publish_at_field) == publish_at:
        return 0
    setattr(item, status_field, status)
    setattr(item, publish_at_field, publish_at)
    fields = [status_field, publish_at_field]
    item.clean_fields(exclude=[field.name for field in item._meta.fields if field.name not in fields])
    if any(field.name == "updated_at" for field in item._meta.fields):
        fields.append("updated_at")
    item.save(update_fields=fields)
    return 1


def refusal(*, stored, instance, changed, status_field="status", publish_at_field="publish_at", editor_only=()):
    """
    Why a user without the publish permission may not save `instance` (None: they may), for paths that, unlike the
    admin's forms, cannot simply make the publication fields read-only (an import). `stored` is the item as it is in
    the database (None for a new one); `changed` names the fields the save would change.

    Such a user creates and changes drafts only: nothing they save publishes, schedules or unpublishes an item,
    sets an editor-only field (`editor_only`, e.g. "featured"), or changes an item that is published or scheduled.
    """
    if stored is not None and getattr(stored, status_field) == PublicationStatus.PUBLISHED:
        if changed:
            return (
                "This item is published (or scheduled to be): only an editor can change it. "
                "Leave the row as it is, or remove it from the file."
            )
        return None
    if getattr(instance, status_field) != PublicationStatus.DRAFT:
        return "Only an editor can publish: write draft in the status column."
    if publish_at_field in changed and getattr(instance, publish_at_field) is not None:
        return "Only an editor can schedule a publication: leave the publish_at cell empty."
    for name in editor_only:
        if name in changed:
            label = instance._meta.get_field(name).verbose_name
            return f"Only an editor can change “{label}”: leave that cell as it was."
    return None
