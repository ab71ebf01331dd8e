"""
Loads the bundled obligations data (obligations/data/*.csv) for `manage.py seed`, after the States and the meetings.

Only facts are loaded: completions, extensions, statuses and their sources. The CSVs' `entry_into_force`,
`original_deadline`, `current_deadline` and `deadline` columns are what their compilers computed; the site computes
its own (`treaty.rules`), and tests/obligations/test_data_quality.py holds the two to agreeing.

A meeting is found by its code ("12MSP"); a code ending in "?" is a meeting inferred from the year of the decision
(`meeting_inferred`). If the meeting is not in the database (the meetings not seeded yet), the link is left empty and
the code kept in `meeting_code`; a later `manage.py seed` fills the link in.
"""

import csv
from datetime import date
from pathlib import Path

from core.seeding import SeedReport, load_rows, upsert
from meetings.models import Meeting
from timeline.dates import Precision
from treaty.models import State

from .models import ClearanceExtension, ClearanceObligation, StockpileObligation, StockpileStatus

DATA = Path(__file__).resolve().parent / "data"
STOCKPILE_STATUS = {"completed": StockpileStatus.COMPLETED, "in violation": StockpileStatus.IN_VIOLATION}


def read_csv(name):
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def precise_date(text):
    """ "2009" → (1 January 2009, "year"); "2016-04" → (1 April 2016, "month"); "" → (None, "")."""
    text = text.strip()
    if not text:
        return None, ""
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), Precision.YEAR
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), Precision.MONTH
    return date(*parts), Precision.DAY


def sources(text):
    return "\n".join(part.strip() for part in text.split("|") if part.strip())


def meeting_reference(code, meetings):
    """(meeting id or None, code as given without "?", inferred?)."""
    code = code.strip()
    inferred = code.endswith("?")
    code = code.removesuffix("?")
    meeting = meetings.get(code.upper())
    return (meeting.pk if meeting else None), code, inferred


def states_by_iso3(rows, name):
    wanted = {row["iso3"] for row in rows}
    states = State.objects.in_bulk(wanted, field_name="iso3")
    missing = wanted - set(states)
    if missing:
        raise ValueError(f"{name} names States not in the database: {', '.join(sorted(missing))}")
    return states


def clearance_rows(rows, states, meetings):
    for row in rows:
        completed_on, completed_precision = precise_date(row["completed_on"])
        meeting_id, code, _ = meeting_reference(row["completion_meeting"], meetings)
        yield {
            "state_id": states[row["iso3"]].pk,
            "completed_on": completed_on,
            "completed_precision": completed_precision,
            "completion_meeting_id": meeting_id,
            "completion_meeting_code": code,
            "original_deadline_confirmed_by": row["original_deadline_confirmed_by"],
            "status_note": row["status_note"],
            "sources": sources(row["sources"]),
        }


def stockpile_rows(rows, states):
    for row in rows:
        completed_on, completed_precision = precise_date(row["completed_on"])
        yield {
            "state_id": states[row["iso3"]].pk,
            "status": STOCKPILE_STATUS[row["status"]],
            "completed_on": completed_on,
            "completed_precision": completed_precision,
            "note": row["note"],
            "sources": sources(row["sources"]),
        }


def load(*, overwrite=False):
    meetings = {meeting.code.upper(): meeting for meeting in Meeting.objects.all()}

    article5 = list(read_csv("article5.csv"))
    states = states_by_iso3(article5, "article5.csv")
    report = SeedReport("Obligations: clearance (Art. 5)")
    obligations = {
        obligation.state_id: obligation
        for obligation, _ in load_rows(
            ClearanceObligation,
            key="state_id",
            rows=clearance_rows(article5, states, meetings),
            overwrite=overwrite,
            report=report,
        )
    }
    lines = report.lines()

    report = SeedReport("Obligations: extensions (Art. 5)")
    sequences = {}
    for row in read_csv("article5_extensions.csv"):
        obligation = obligations[states[row["iso3"]].pk]
        sequence = sequences[obligation.pk] = sequences.get(obligation.pk, 0) + 1
        meeting_id, code, inferred = meeting_reference(row["granted_at"], meetings)
        new_deadline, precision = precise_date(row["new_deadline"])
        granted_on, _ = precise_date(row["granted_on"])
        _, outcome = upsert(
            ClearanceExtension,
            lookup={"obligation": obligation, "sequence": sequence},
            values={
                "meeting_id": meeting_id,
                "meeting_code": code,
                "meeting_inferred": inferred,
                "granted_on": granted_on,
                "new_deadline": new_deadline,
                "new_deadline_precision": precision,
                "note": row["note"],
                "sources": sources(row["sources"]),
            },
            overwrite=overwrite,
        )
        report.add(outcome)
    lines += report.lines()

    article4 = list(read_csv("article4.csv"))
    states = states_by_iso3(article4, "article4.csv")
    report = SeedReport("Obligations: stockpiles (Art. 4)")
    for _ in load_rows(
        StockpileObligation,
        key="state_id",
        rows=stockpile_rows(article4, states),
        overwrite=overwrite,
        report=report,
    ):
        pass
    return lines + report.lines()
