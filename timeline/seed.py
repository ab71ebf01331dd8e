"""
Loads the bundled timeline (timeline/data/) for `manage.py seed`: categories, eras, the 43 events with their
sources and related States, and the anniversary pages. Everything seeded is published, except the 30th
anniversary's page, a draft for the editors.

Idempotent, and an editor's work is kept: rows are matched by a key that editors do not change (a category's or an
era's slug; an event's `seed_key`, the slug of its bundled title) and only updated while nobody has edited them
(see `core.seeding.upsert`). An event's States and extra eras are added when seed creates or updates the event,
never removed.

An event's sources follow the bundle while no editor has changed the event (so re-checked sources reach events
whose own fields did not change): bundled sources are added or brought up to date, and a source seed wrote that
the bundle no longer names is removed, unless an editor retitled it. Sources editors added are never touched; a
bundled source an editor deleted in the admin (the history names who) is not added again. An event an editor has
changed keeps its sources as they are. `--overwrite` brings back the bundle's sources and titles and removes every
seeded source it no longer names.
"""

import csv
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from django.utils.text import slugify

from core.models import PublicationStatus
from core.seeding import CREATED, KEPT, UNCHANGED, UPDATED, SeedReport, checksum, upsert
from core.translations import bundled_translations, translation_columns

from . import services
from .dates import Precision
from .models import Anchor, Anniversary, Category, Era, Event, EventSource

DATA = Path(__file__).resolve().parent / "data"
# Bundled translations: translations/<lang>/<model>.csv, keyed by slug (years for anniversaries; core.translations).
TRANSLATIONS = DATA / "translations"

CATEGORIES = [
    ("campaign", "Campaign", "The work of the campaigners and civil society."),
    ("conference", "Conference", "Conferences that built support for a ban."),
    ("negotiation", "Negotiation", "Drafting and negotiating the treaty text."),
    ("signature", "Signature", "Signing the Convention."),
    ("entry-into-force", "Entry into force", "When the Convention became binding law."),
    ("meeting-of-states-parties", "Meeting of States Parties", "The annual meetings of the States Parties."),
    ("review-conference", "Review Conference", "The five-yearly reviews of the Convention."),
    ("membership", "Membership", "States ratifying, accepting, approving or acceding to the Convention."),
    ("anniversary", "Anniversary", "Anniversaries of the Convention."),
    ("withdrawal", "Withdrawal", "States leaving, or moving to leave, the Convention."),
    ("un-general-assembly", "UN General Assembly", "Resolutions of the United Nations General Assembly."),
]
# The bundled data says `meeting` both for the First Meeting of States Parties and for the General Assembly's
# 1996 vote; they are told apart here rather than by editing the copied data.
CATEGORY_FOR_CSV_VALUE = {"meeting": "meeting-of-states-parties"}
CATEGORY_FOR_EVENT = {"un-general-assembly-backs-a-ban-agreement": "un-general-assembly"}

ERAS = [
    # Boundaries, from the bundled events: the campaign's first event is dated November 1991 and the Ottawa
    # strategy conference (3 October 1996) opens the Ottawa Process, so the campaign era ends on 30 September
    # 1996. The Ottawa Process closes with the year of the signing conference (3–4 December 1997), Kenya's
    # signature at UN Headquarters (5 December) and the Nobel ceremony (10 December). "Entry into force" runs
    # from the ratifications of 1998 to the day the Convention took effect, 1 March 1999 (that event belongs to
    # it); implementation begins the next day and goes on.
    {
        "slug": "campaign-for-a-ban",
        "title": "Campaign for a ban",
        "short_title": "",
        "start_date": date(1991, 1, 1),
        "end_date": date(1996, 9, 30),
        "period_precision": Precision.YEAR,
        "summary": "Campaigners build a worldwide movement to ban anti-personnel mines, and the first country "
        "outlaws them.",
    },
    {
        "slug": "ottawa-process",
        "title": "The Ottawa Process",
        "short_title": "Ottawa Process",
        "start_date": date(1996, 10, 1),
        "end_date": date(1997, 12, 31),
        "period_precision": Precision.MONTH,
        "summary": "From Canada's challenge in October 1996 to the signing of the Convention in Ottawa in "
        "December 1997.",
    },
    {
        "slug": "entry-into-force",
        "title": "Entry into force",
        "short_title": "",
        "start_date": date(1998, 1, 1),
        "end_date": date(1999, 3, 1),
        "period_precision": Precision.YEAR,
        "summary": "Ratifications reach forty in September 1998, and the Convention becomes binding law on "
        "1 March 1999.",
    },
    {
        "slug": "implementation",
        "title": "Implementation",
        "short_title": "",
        "start_date": date(1999, 3, 2),
        "end_date": None,
        "period_precision": Precision.YEAR,
        "summary": "Meetings and Review Conferences, new States Parties, and the first withdrawals.",
    },
]

# The anniversaries, counted from the opening for signature in Ottawa (3 December 1997); their bodies are in
# data/anniversaries/<years>.md. The 30th is prepared as a draft for editors to finish and publish.
ANNIVERSARIES = [
    {
        "years": 10,
        "title": "Ten years of the ban",
        "introduction": "Ten years after the signing in Ottawa, most of the world's States had joined the "
        "Convention, and the work it asks for — destroying stockpiles, clearing land, helping survivors — had "
        "become the business of regular meetings.",
        "status": PublicationStatus.PUBLISHED,
    },
    {
        "years": 15,
        "title": "Fifteen years on",
        "introduction": "At fifteen the Convention was still growing: two European holdouts, Finland and Poland, "
        "joined in 2012.",
        "status": PublicationStatus.PUBLISHED,
    },
    {
        "years": 20,
        "title": "Twenty years of the ban",
        "introduction": "In 2017 the Convention turned 20. By the anniversary of the signing, the great majority "
        "of the world's States were party to it.",
        "status": PublicationStatus.PUBLISHED,
    },
    {
        "years": 25,
        "title": "A quarter of a century",
        "introduction": "Twenty-five years after the signing, the Convention had a plan for its work to 2024 and "
        "Geneva lit its fountain to mark the day.",
        "status": PublicationStatus.PUBLISHED,
    },
    {
        "years": 30,
        "title": "Thirty years",
        "introduction": "In 2027 the Convention turns 30, after the years in which, for the first time, States "
        "Parties left it.",
        "status": PublicationStatus.DRAFT,
    },
]

# Editorial choices, keyed by the event's seed key.
FEATURED = {
    "ottawa-strategy-conference",
    "axworthy-issues-the-ottawa-challenge",
    "treaty-text-adopted-in-oslo",
    "nobel-peace-prize-announced",
    "ottawa-signing-conference",
    "convention-enters-into-force",
    "first-meeting-of-states-parties",
}
# Entry into force ends one era and opens the next: it is shown in both.
ALSO_IN_ERAS = {"convention-enters-into-force": ["implementation"]}


def read_csv(name):
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def source_title(url):
    """A bundled source has only an address; its title is the site's name: "www.icbl.org/…" → "icbl.org"."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def event_rows():
    """One dict per bundled event: the seed key, field values, and its sources, States and extra eras."""
    seen = set()
    for row in read_csv("timeline.csv"):
        key = slugify(row["title"])
        if key in seen:
            raise ValueError(f"timeline.csv has two events titled {row['title']!r}.")
        seen.add(key)
        precision = Precision(row["date_precision"])
        category = CATEGORY_FOR_EVENT.get(key) or CATEGORY_FOR_CSV_VALUE.get(row["category"], row["category"])
        urls = [url.strip() for url in row["sources"].split("|") if url.strip()]
        yield {
            "key": key,
            "category": category,
            "values": {
                "title": row["title"],
                "slug": key,
                "date": date.fromisoformat(row["date"]),
                "date_precision": precision,
                "end_date": date.fromisoformat(row["end_date"]) if row["end_date"] else None,
                "location": row["location"],
                "summary": row["summary"],
                "featured": key in FEATURED,
                "status": PublicationStatus.PUBLISHED,
            },
            "sources": [(source_title(url), url) for url in urls],
            "states": row["states"].split(),
            "also_in_eras": ALSO_IN_ERAS.get(key, []),
        }


def sync_sources(*, event, sources, overwrite, deleted_by_editors):
    """
    Bring the sources of `event` (one no editor has changed, or `overwrite`) in line with the bundled `sources`
    ((title, url) pairs), keeping editors' work as the module's docstring says. `deleted_by_editors`: the
    (event id, url) pairs of sources an editor deleted. Returns the outcome of each bundled source attached and
    how many seeded sources were removed.
    """
    existing = {source.url: source for source in event.sources.all()}
    attach = [
        (title, url)
        for title, url in sources
        if overwrite or url in existing or (event.pk, url) not in deleted_by_editors
    ]
    outcomes = services.attach_sources(event=event, sources=attach, overwrite=overwrite)
    bundled = {url for _, url in sources}
    removed = 0
    for url, source in existing.items():
        seeded = bool(source.seed_checksum)  # sources editors add have none
        untouched = source.seed_checksum == checksum({"title": source.title, "position": source.position})
        if url not in bundled and seeded and (untouched or overwrite):
            source.delete()
            removed += 1
    return outcomes, removed


def introduction(slug):
    return (DATA / "eras" / f"{slug}.md").read_text(encoding="utf-8").strip() + "\n"


def anniversary_body(years):
    return (DATA / "anniversaries" / f"{years}.md").read_text(encoding="utf-8").strip() + "\n"


def translated(model, name, key):
    """`model`'s translation columns for the seed's values: the bundled text, None where there is none (so that a
    translation dropped from the bundle goes from records no editor changed; see `core.seeding.seeded_values`)."""
    texts = bundled_translations(TRANSLATIONS, name, key=key, model=model)
    columns = sorted(translation_columns(model))
    return lambda record: {name: texts.get(str(record), {}).get(name) for name in columns}


def load(*, overwrite=False):
    category_texts = translated(Category, "categories", "slug")
    era_texts = translated(Era, "eras", "slug")
    event_texts = translated(Event, "events", "slug")
    anniversary_texts = translated(Anniversary, "anniversaries", "years")
    categories_report = SeedReport("Timeline: categories")
    categories = {}
    for slug, name, description in CATEGORIES:
        category, outcome = upsert(
            Category,
            lookup={"slug": slug},
            values={"name": name, "description": description} | category_texts(slug),
            overwrite=overwrite,
        )
        categories[slug] = category
        categories_report.add(outcome)

    eras_report = SeedReport("Timeline: eras")
    for era in ERAS:
        values = {key: value for key, value in era.items() if key != "slug"}
        values |= {"introduction": introduction(era["slug"]), "status": PublicationStatus.PUBLISHED}
        values |= era_texts(era["slug"])
        _, outcome = upsert(Era, lookup={"slug": era["slug"]}, values=values, overwrite=overwrite)
        eras_report.add(outcome)

    events_report = SeedReport("Timeline: events")
    sources_report = SeedReport("Timeline: event sources")
    removed_sources = 0
    deleted_by_editors = set(
        EventSource.history.filter(history_type="-", history_user__isnull=False).values_list("event_id", "url")
    )
    # Bundled events a meeting has taken over (1MSP and the Review Conferences; `meetings.services.sync_event`):
    # their title, dates, place, summary and publication are the meeting's now, so seed leaves those to it rather
    # than report them as an editor's change; their sources still follow the bundle. Read by the relation's name:
    # this floor imports no meetings.
    taken_over = {
        event.seed_key: event for event in Event.objects.filter(meeting__isnull=False, seed_key__isnull=False)
    }
    for row in event_rows():
        if row["category"] not in categories:
            raise ValueError(f"Event {row['key']!r}: unknown category {row['category']!r}.")
        if row["key"] in taken_over:
            event, outcome = taken_over[row["key"]], UNCHANGED
        else:
            values = row["values"] | {"category_id": categories[row["category"]].pk} | event_texts(row["key"])
            event, outcome = upsert(Event, lookup={"seed_key": row["key"]}, values=values, overwrite=overwrite)
        events_report.add(outcome)
        if outcome != KEPT:
            outcomes, removed = sync_sources(
                event=event, sources=row["sources"], overwrite=overwrite, deleted_by_editors=deleted_by_editors
            )
            for source_outcome in outcomes:
                sources_report.add(source_outcome)
            removed_sources += removed
        if outcome in (CREATED, UPDATED):
            services.link_states(event=event, iso3_codes=row["states"])
            services.show_in_eras(event=event, era_slugs=row["also_in_eras"])

    anniversaries_report = SeedReport("Timeline: anniversaries")
    for anniversary in ANNIVERSARIES:
        values = {key: value for key, value in anniversary.items() if key != "years"}
        values |= {"anchor": Anchor.SIGNATURE, "body": anniversary_body(anniversary["years"])}
        values |= anniversary_texts(anniversary["years"])
        _, outcome = upsert(Anniversary, lookup={"years": anniversary["years"]}, values=values, overwrite=overwrite)
        anniversaries_report.add(outcome)

    return [
        *categories_report.lines(),
        *eras_report.lines(),
        *events_report.lines(),
        *sources_report.lines(),
        *([f"Timeline: event sources no longer bundled: {removed_sources} removed"] if removed_sources else []),
        *anniversaries_report.lines(),
    ]
