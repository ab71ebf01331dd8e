"""
Loads the bundled treaty data (treaty/data/*.csv) for `manage.py seed`: the States (`states_universe.csv` joined
with `states.csv`), then the sources of their dates (`state_sources.csv`).

Idempotent, and an editor's work is kept (`core.seeding`): a State is matched by its ISO code, a source by its
State, the date it supports and its address. A source an editor retitled is kept unless `--overwrite`; sources
editors added are left alone, and so are bundled ones the data no longer names (seed never deletes).
"""

import csv
from datetime import date
from pathlib import Path

from core.models import PublicationStatus
from core.seeding import SeedReport, load_rows, upsert

from .models import Instrument, Region, SourceFact, State, StateSource, UNStanding

DATA = Path(__file__).resolve().parent / "data"
UN_STANDING = {"yes": UNStanding.MEMBER, "observer": UNStanding.OBSERVER, "no": UNStanding.NON_MEMBER}
REGIONS = {label: value for value, label in Region.choices}


def read_csv(name):
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def optional_date(text):
    return date.fromisoformat(text) if text else None


def state_rows():
    """One dict of field values per State: the universe of States joined with their actions on the Convention."""
    actions = {row["iso3"]: row for row in read_csv("states.csv")}
    for row in read_csv("states_universe.csv"):
        action = actions.pop(row["iso3"], {})
        yield {
            "iso3": row["iso3"],
            "name": row["name"],
            "iso2": row["iso2"],
            "un_standing": UN_STANDING[row["un_member"]],
            "region": REGIONS[row["region"]],
            "sub_region": row["sub_region"],
            "signed_on": optional_date(action.get("signature_date")),
            "instrument": Instrument(action["method"]) if action.get("method") else "",
            "deposited_on": optional_date(action.get("deposit_date")),
            "succession_effective": optional_date(action.get("succession_effective")),
            "withdrawal_notified_on": optional_date(action.get("withdrawal_notified")),
            "note": action.get("notes", ""),
            "note_status": PublicationStatus.PUBLISHED,  # the bundled notes are public
        }
    if actions:
        raise ValueError(f"states.csv names States missing from states_universe.csv: {', '.join(sorted(actions))}")


def source_rows():
    """
    One dict per bundled source of a State's date: its State's code, the date it supports, address and title. A row
    repeated word for word in the file (it has one) is read once.
    """
    seen = set()
    for row in read_csv("state_sources.csv"):
        key = (row["iso3"], SourceFact(row["fact"]), row["url"].strip())
        if key in seen:
            continue
        seen.add(key)
        yield {"iso3": key[0], "fact": key[1], "url": key[2], "title": row["title"].strip()}


def load_sources(*, overwrite=False):
    report = SeedReport("Treaty: sources of States' dates")
    states = {state.iso3: state for state in State.objects.only("pk", "iso3")}
    for row in source_rows():
        if row["iso3"] not in states:
            raise ValueError(f"state_sources.csv names a State not in states_universe.csv: {row['iso3']}")
        _, outcome = upsert(
            StateSource,
            lookup={"state": states[row["iso3"]], "fact": row["fact"], "url": row["url"]},
            values={"title": row["title"]},
            overwrite=overwrite,
        )
        report.add(outcome)
    return report


def load(*, overwrite=False):
    report = SeedReport("Treaty: States")
    for _ in load_rows(State, key="iso3", rows=state_rows(), overwrite=overwrite, report=report):
        pass
    return [*report.lines(), *load_sources(overwrite=overwrite).lines()]
