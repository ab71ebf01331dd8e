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
        parts = ", ".join(
            f"{self.outcomes[outcome]} {outcome}"
            for outcome in (CREATED, UPDATED, KEPT, UNCHANGED)
            if self.outcomes[outcome]
        )
        return [f"{self.label}: {parts or 'nothing to load'}"]


def load_rows(model, *, key, rows, overwrite=False, report):
    """
    Create or update seeded rows of `model` (a `core.models.SeededModel`), matched on the unique field `key`.

    A row whose current values still match what seed last wrote is brought up to date; a row an editor has changed
    is kept as it is unless `overwrite`. Field values are validated in Python; the database's own constraints check
    the rest on save. Yields `(instance, outcome)` for each row, so callers can attach related rows.
    """
    existing = {getattr(instance, key): instance for instance in model._default_manager.all()}
    for values in rows:
        values = dict(values)
        lookup = {key: values.pop(key)}
        instance, outcome = _upsert(model, existing.get(lookup[key]), lookup, values, overwrite)
        report.add(outcome)
        yield instance, outcome


def seeded_values(model, values):
    """The values a seed's checksum covers: all it writes, less translations it has none for (`title_fr`: None), so
    that adding bundled translations leaves the checksums of records without them as they were."""
    from .translations import translation_columns

    empty = {name for name in translation_columns(model) if values.get(name) in (None, "")}
    return {name: value for name, value in values.items() if name not in empty}


def _upsert(model, instance, lookup, values, overwrite):
    new_checksum = checksum(seeded_values(model, values))
    if instance is None:
        instance = model(**lookup, **values, seed_checksum=new_checksum)
        instance.full_clean(validate_unique=False, validate_constraints=False)
        instance.save()
        return instance, CREATED

    current = checksum(seeded_values(model, {name: getattr(instance, name) for name in values}))
    if current == new_checksum:
        if instance.seed_checksum != new_checksum:
            instance.seed_checksum = new_checksum
            instance.save(update_fields=["seed_checksum"])
        return instance, UNCHANGED
    if current != instance.seed_checksum and not overwrite:
        return instance, KEPT
    for name, value in values.items():
        setattr(instance, name, value)
    instance.seed_checksum = new_checksum
    instance.full_clean(validate_unique=False, validate_constraints=False)
    instance.save()
    return instance, UPDATED


def upsert(model, *, lookup, values, overwrite=False):
    """One seeded row, found by `lookup` (see `load_rows`). Returns `(instance, outcome)`."""
    instance = model._default_manager.filter(**lookup).first()
    return _upsert(model, instance, lookup, dict(values), overwrite)
