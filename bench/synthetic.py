"""
Synthetic data for benchmarks: many events across the whole history, extra States, and a long change history.
Never used by the site; `manage.py synthesize` (installed by `bench.settings` only) calls it on a throw-away
database.
"""

import itertools
import random
import string
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from core import cache
from timeline.models import Category, Event
from treaty.models import Instrument, Region, State

FIRST_DAY, LAST_DAY = date(1991, 1, 1), date(2026, 11, 1)


@transaction.atomic
def add_events(count, *, seed=1997):
    """`count` published events spread evenly over 1991-2026, in the bundled categories."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    categories = list(Category.objects.all()) or [Category.objects.create(name="Synthetic", slug="synthetic")]
    span = (LAST_DAY - FIRST_DAY).days
    start = Event.objects.count()
    Event.objects.bulk_create(
        (
            Event(
                title=f"Synthetic event {n}",
                slug=f"synthetic-event-{n}",
                date=FIRST_DAY + timedelta(days=rng.randrange(span)),
                category=categories[n % len(categories)],
                summary="A generated event for load and scale measurements.",
                body="Generated text. " * 20,
                status="published",
            )
            for n in range(start, start + count)
        ),
        batch_size=1000,
    )
    cache.content_changed()  # bulk_create sends no save signals


@transaction.atomic
def add_states(count):
    """Up to `count` extra States with codes no real State uses (there are only 676 two-letter codes)."""
    taken = set(State.objects.values_list("iso2", flat=True))
    codes = (a + b for a, b in itertools.product(string.ascii_uppercase, repeat=2) if a + b not in taken)
    State.objects.bulk_create(
        State(
            name=f"Synthetic State {code}",
            iso2=code,
            iso3=f"Q{code}",
            region=Region.values[index % len(Region.values)],
            instrument=Instrument.ACCESSION,
            deposited_on=date(2000 + index % 25, 1 + index % 12, 1),
        )
        for index, code in enumerate(itertools.islice(codes, count))
    )
    cache.content_changed()


@transaction.atomic
def add_history(count, *, seed=2017):
    """`count` historical records of States (edits spread over the past years), as the admin would leave them."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    states = list(State.objects.all())
    history = State.history.model
    now = timezone.now()
    fields = [field.attname for field in history._meta.fields if field.attname not in {"history_id"}]

    def record(n):
        state = states[n % len(states)]
        values = {name: getattr(state, name) for name in fields if hasattr(state, name)}
        values.update(
            note=f"Synthetic edit {n}",
            history_date=now - timedelta(minutes=rng.randrange(60 * 24 * 365 * 5)),
            history_type="~",
            history_change_reason="synthetic",
            history_user_id=None,
        )
        return history(**values)

    history.objects.bulk_create((record(n) for n in range(count)), batch_size=2000)
