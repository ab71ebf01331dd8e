"""Loads the bundled treaty data (treaty/data/*.csv) for `manage.py seed`."""

import csv
from datetime import date
from pathlib import Path

from core.models import PublicationStatus
from core.seeding import SeedReport, load_rows

from .models import Instrument, Region, State, UNStanding

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


def load(*, overwrite=False):
    report = SeedReport("Treaty: States")
    for _ in load_rows(State, key="iso3", rows=state_rows(), overwrite=overwrite, report=report):
        pass
    return report.lines()
