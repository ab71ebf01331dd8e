"""Writes that touch more than one model. Keyword-only; every row is validated with `full_clean()` first."""

import io

from django.core.files.base import ContentFile
from django.db import transaction

from core.seeding import upsert
from treaty.models import State

from .history import record_inlines
from .images import encode, open_upright, rendition_widths
from .models import Era, EventImage, EventImageRendition, EventSource, RenditionFormat

EXTENSIONS = {RenditionFormat.WEBP: "webp", RenditionFormat.JPEG: "jpg"}


@transaction.atomic
def add_event_image(*, event, image_file, alt_text, credit, caption="", position=0):
    """Store an uploaded picture for `event` and make its renditions."""
    image = EventImage(
        event=event, image=image_file, alt_text=alt_text, credit=credit, caption=caption, position=position
    )
    image.full_clean()
    image.save()
    make_renditions(image=image)
    record_inlines(event=event)
    return image


@transaction.atomic
def make_renditions(*, image):
    """(Re)make the resized WebP and JPEG copies of `image`, replacing any it had."""
    delete_renditions(image=image)
    with image.image.open("rb") as source:
        picture = open_upright(source)
    made = []
    for width in rendition_widths(picture.width):
        for image_format in (RenditionFormat.WEBP, RenditionFormat.JPEG):
            data, actual_width, actual_height = encode(picture, width, image_format)
            rendition = EventImageRendition(image=image, format=image_format, width=actual_width, height=actual_height)
            rendition.file.save(f"{image.pk}-{actual_width}.{EXTENSIONS[image_format]}", ContentFile(data), save=False)
            rendition.full_clean()
            rendition.save()
            made.append(rendition)
    return made


def delete_renditions(*, image):
    for rendition in image.renditions.all():
        rendition.file.delete(save=False)
        rendition.delete()


@transaction.atomic
def delete_event_image(*, image):
    """Remove a picture, its renditions and their files."""
    delete_renditions(image=image)
    image.image.delete(save=False)
    image.delete()


def attach_sources(*, event, sources, overwrite=False):
    """
    Add bundled `sources` ((title, url) pairs) to `event`, matched by address: a source an editor retitled is kept
    unless `overwrite`. Sources the event already has and the bundle does not name are left alone.
    Returns the outcome of each (see `core.seeding`).
    """
    outcomes = []
    for position, (title, url) in enumerate(sources):
        _, outcome = upsert(
            EventSource,
            lookup={"event": event, "url": url},
            values={"title": title, "position": position},
            overwrite=overwrite,
        )
        outcomes.append(outcome)
    record_inlines(event=event)
    return outcomes


@transaction.atomic
def restore_inlines(*, event, inlines):
    """
    Bring `event`'s sources and pictures back to a version's record of them (`HistoricalEvent.inlines`, see
    `timeline.history`): sources as they were (removed, changed or added back); pictures' texts and order as they
    were. A picture deleted since cannot come back (its file went with it), and one added since is kept: both are
    returned, for the editor to be told.
    """
    if inlines is None:
        return {"pictures_gone": [], "pictures_kept": []}
    wanted = {row["id"]: row for row in inlines.get("sources", [])}
    for source in event.sources.all():
        row = wanted.get(source.pk)
        if row is None or row["url"] != source.url:
            source.delete()  # (an address changed back is deleted, then added: no clash with another's address)
    current = {source.pk: source for source in event.sources.all()}
    for pk, row in wanted.items():
        source = current.get(pk) or EventSource(pk=pk, event=event)
        values = {"title": row["title"], "url": row["url"], "position": row["position"]}
        if source.pk in current and all(getattr(source, name) == value for name, value in values.items()):
            continue
        for name, value in values.items():
            setattr(source, name, value)
        source.full_clean()
        source.save()
    pictures = {image.pk: image for image in event.images.all()}
    gone = []
    for row in inlines.get("pictures", []):
        image = pictures.pop(row["id"], None)
        if image is None:
            gone.append(row["alt_text"])
            continue
        values = {name: row[name] for name in ("alt_text", "caption", "credit", "position")}
        if any(getattr(image, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(image, name, value)
            image.full_clean()
            image.save()
    record_inlines(event=event)
    return {"pictures_gone": gone, "pictures_kept": [image.alt_text for image in pictures.values()]}


def link_states(*, event, iso3_codes):
    """Relate `event` to the States with these ISO alpha-3 codes (added to any it already has)."""
    codes = {code.upper() for code in iso3_codes}
    states = list(State.objects.filter(iso3__in=codes))
    if missing := codes - {state.iso3 for state in states}:
        raise ValueError(f"No State with the ISO code(s) {', '.join(sorted(missing))}: load the treaty data first.")
    event.related_states.add(*states)
    return states


def show_in_eras(*, event, era_slugs):
    """Show `event` in these eras as well as the one its date falls in (added to any chosen before)."""
    eras = list(Era.objects.filter(slug__in=era_slugs))
    if missing := set(era_slugs) - {era.slug for era in eras}:
        raise ValueError(f"No era with the slug(s) {', '.join(sorted(missing))}.")
    event.also_in_eras.add(*eras)
    return eras


HERO_WIDTH = 1600


def make_hero_renditions(*, anniversary, save=True):
    """
    Make the resized, re-encoded WebP and JPEG copies of an anniversary's picture (visitors never get the upload
    itself), or clear them when it has no picture. Earlier copies are left in storage: older versions in the
    history still point to them, so restoring one restores its picture. With `save=False` the caller saves the
    anniversary (the admin does, so that one change makes one entry in its history).
    """
    fields = ["hero_webp", "hero_jpeg", "hero_width", "hero_height"]
    anniversary.hero_webp = anniversary.hero_jpeg = ""
    anniversary.hero_width = anniversary.hero_height = None
    if anniversary.hero_image:
        picture = open_upright(io.BytesIO(_read(anniversary.hero_image)))
        for image_format, field_name in ((RenditionFormat.WEBP, "hero_webp"), (RenditionFormat.JPEG, "hero_jpeg")):
            data, width, height = encode(picture, HERO_WIDTH, image_format)
            name = f"{anniversary.years}-{width}.{EXTENSIONS[image_format]}"
            getattr(anniversary, field_name).save(name, ContentFile(data), save=False)
        anniversary.hero_width, anniversary.hero_height = width, height
    if save:
        anniversary.full_clean()
        anniversary.save(update_fields=[*fields, "updated_at"])
    return anniversary


def _read(field_file):
    """The bytes of a stored file, or of an upload not saved yet (left open and rewound, for its own save)."""
    field_file.open("rb")
    data = field_file.read()
    if field_file._committed:
        field_file.close()
    else:
        field_file.seek(0)
    return data


def hero_renditions_outdated(*, anniversary, stored=None):
    """Does the picture need (re)making: a new upload, or copies missing for the picture it has?"""
    if stored is not None and stored.hero_image.name != anniversary.hero_image.name:
        return True
    if not anniversary.hero_image:
        return bool(anniversary.hero_webp or anniversary.hero_jpeg)
    return not (anniversary.hero_webp and anniversary.hero_webp.storage.exists(anniversary.hero_webp.name))
