"""
Loads the bundled meetings (meetings/data/meetings.csv) for `manage.py seed`, after the treaty data (the host and
presiding States) and the timeline (the events some meetings already have): the 22 Meetings of the States Parties
and 5 Review Conferences, published, with their sources, each linked to its one event on the timeline.

Idempotent, and an editor's work is kept: meetings are matched by code and only updated while nobody has edited
them (see `core.seeding.load_rows`); sources are added when seed creates or updates the meeting, never removed.
The presidency is the State named in the president's description, matched by name exactly (`services.presidency_from`):
none is guessed.
"""

import csv
from datetime import date
from pathlib import Path

from core.models import PublicationStatus
from core.seeding import CREATED, UPDATED, SeedReport, load_rows, upsert
from core.translations import bundled_translations, translation_columns
from treaty.models import State

from . import services
from .models import Kind, Meeting, MeetingSource

DATA = Path(__file__).resolve().parent / "data"
TRANSLATIONS = DATA / "translations"  # translations/<lang>/meetings.csv, keyed by code (core.translations)
# The bundled file writes the kinds out; the model keeps them short.
KIND_FOR_CSV_VALUE = {"msp": Kind.MSP, "review-conference": Kind.RC}


def read_csv(name):
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def meeting_rows(states_by_iso3, states_by_name):
    """One dict per bundled meeting: its field values, and (under "sources") the addresses of its sources."""
    for row in read_csv("meetings.csv"):
        country = states_by_iso3.get(row["country_iso3"])
        if country is None:
            raise ValueError(f"Meeting {row['code']}: no State with the ISO code {row['country_iso3']!r}.")
        presidency = services.presidency_from(row["president"], states=states_by_name)
        yield (
            {
                "code": row["code"],
                "kind": KIND_FOR_CSV_VALUE[row["kind"]],
                "number": int(row["number"]),
                "start_date": date.fromisoformat(row["start_date"]),
                "end_date": date.fromisoformat(row["end_date"]),
                "city": row["city"],
                "country_id": country.pk,
                "president": row["president"],
                "presidency_id": presidency.pk if presidency else None,
                "outcome": row["outcome"],
                "status": PublicationStatus.PUBLISHED,
            },
            [url.strip() for url in row["sources"].split("|") if url.strip()],
        )


def load(*, overwrite=False):
    states = list(State.objects.only("pk", "name", "iso3"))
    rows = list(meeting_rows({s.iso3: s for s in states}, {s.name: s for s in states}))
    sources_by_code = {values["code"]: urls for values, urls in rows}
    texts = bundled_translations(TRANSLATIONS, "meetings", key="code", model=Meeting)
    columns = sorted(translation_columns(Meeting))
    for values, _ in rows:  # None where there is no translation (see `core.seeding.seeded_values`)
        values |= {name: texts.get(values["code"], {}).get(name) for name in columns}

    meetings_report = SeedReport("Meetings")
    sources_report = SeedReport("Meetings: sources")
    meetings = []
    for meeting, outcome in load_rows(
        Meeting, key="code", rows=[values for values, _ in rows], overwrite=overwrite, report=meetings_report
    ):
        meetings.append(meeting)
        if outcome in (CREATED, UPDATED):
            for position, url in enumerate(sources_by_code[meeting.code]):
                _, source_outcome = upsert(
                    MeetingSource,
                    lookup={"meeting": meeting, "url": url},
                    values={"position": position},
                    overwrite=overwrite,
                )
                sources_report.add(source_outcome)

    events_report = SeedReport("Meetings: timeline events")
    for meeting in meetings:
        _, outcome = services.sync_event(meeting=meeting)
        events_report.add(outcome)
    return [*meetings_report.lines(), *sources_report.lines(), *events_report.lines()]
