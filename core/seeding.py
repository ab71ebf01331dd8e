"""Idempotent loading of bundled data that never silently overwrites an editor's work."""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

CREATED, UPDATED, UNCHANGED, KEPT = "created", "updated", "unchanged", "kept (changed by an editor)"


def checksum(values):
    """A stable digest of field values (dates and other scalars), independent of their order."""
    text = json.dumps({key: str(value) for key, value in values.items()}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class SeedReport:
    label: str
    outcomes: Counter = field(default_factory=Counter)

    def add(self, outcome):
        self.outcomes[outcome] += 1

    def lines(self):
        parts = ", ".join(f"{count} {outcome}" for outcome, count in sorted(self.outcomes.items()))
        return [f"{self.label}: {parts or 'nothing to load'}"]


def upsert(model, *, lookup, values, overwrite=False):
    """
    Create or update one seeded row of `model` (a `core.models.SeededModel`), found by `lookup`.

    A row whose current values still match what seed last wrote is brought up to date with `values`; a row an
    editor has changed is kept as it is unless `overwrite`. Rows are validated with `full_clean()` before saving.
    Returns `(instance, outcome)`.
    """
    instance = model._default_manager.filter(**lookup).first()
    new_checksum = checksum(values)
    if instance is None:
        instance = model(**lookup, **values, seed_checksum=new_checksum)
        instance.full_clean()
        instance.save()
        return instance, CREATED

    current = {name: getattr(instance, name) for name in values}
    if checksum(current) == new_checksum:
        if instance.seed_checksum != new_checksum:
            instance.seed_checksum = new_checksum
            instance.save(update_fields=["seed_checksum"])
        return instance, UNCHANGED
    edited = checksum(current) != instance.seed_checksum
    if edited and not overwrite:
        return instance, KEPT
    for name, value in values.items():
        setattr(instance, name, value)
    instance.seed_checksum = new_checksum
    instance.full_clean()
    instance.save()
    return instance, UPDATED
