import io
import string
from datetime import date

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from PIL import Image

from core.models import PublicationStatus
from timeline.dates import Precision
from timeline.models import Anchor, Anniversary, Category, Era, Event, EventImage, EventSource


def letters(n, width):
    """A distinct run of capital letters for each n: codes no real State uses start with X or Q."""
    out = ""
    for _ in range(width):
        n, index = divmod(n, 26)
        out = string.ascii_uppercase[index] + out
    return out


def picture_upload(name="photo.png", *, size=(1200, 800), image_format="PNG", color=(200, 30, 30)):
    """A real picture, made in memory, as an uploaded file."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, image_format)
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}[image_format]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class EraFactory(DjangoModelFactory):
    class Meta:
        model = Era

    title = factory.Sequence(lambda n: f"Era {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    start_date = date(1996, 10, 1)
    end_date = date(1997, 12, 31)
    period_precision = Precision.MONTH
    summary = "A period of the history."
    introduction = "An introduction."
    status = PublicationStatus.PUBLISHED

    class Params:
        draft = factory.Trait(status=PublicationStatus.DRAFT)


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    date = date(1997, 12, 3)
    date_precision = Precision.DAY
    location = "Ottawa, Canada"
    category = factory.SubFactory(CategoryFactory, name="Conference", slug="conference")
    summary = factory.LazyAttribute(lambda o: f"What happened at {o.title}.")
    status = PublicationStatus.PUBLISHED

    class Params:
        draft = factory.Trait(status=PublicationStatus.DRAFT)


class EventSourceFactory(DjangoModelFactory):
    class Meta:
        model = EventSource

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Source {n}")
    url = factory.Sequence(lambda n: f"https://source.example/{n}")


class EventImageFactory(DjangoModelFactory):
    class Meta:
        model = EventImage

    event = factory.SubFactory(EventFactory)
    image = factory.LazyFunction(picture_upload)
    alt_text = "Delegates in a conference hall"
    caption = "The conference hall"
    credit = "© Example Photo Agency"


class AnniversaryFactory(DjangoModelFactory):
    class Meta:
        model = Anniversary
        django_get_or_create = ("years",)

    years = factory.Sequence(lambda n: 40 + n)
    anchor = Anchor.SIGNATURE
    title = factory.LazyAttribute(lambda o: f"{o.years} years of the ban")
    introduction = factory.LazyAttribute(lambda o: f"The Convention at {o.years}.")
    body = ""
    status = PublicationStatus.PUBLISHED

    class Params:
        draft = factory.Trait(status=PublicationStatus.DRAFT)
