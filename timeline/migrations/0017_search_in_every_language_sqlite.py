"""
SQLite only: full-text indexes (FTS5) of events, eras and anniversaries, one per model and language of its text, so
that search finds them by the starts of words, accents and case aside ("conference" finds "Conférence"), as
PostgreSQL does. They replace migration 0012's index of events. A language has text of its own where the model has
its translated columns (`title_fr`…) when this migration runs; English is in `title_en` there, else in `title`.
Each is an "external content" table over those columns (`timeline_event_fts` for English, `timeline_event_fts_fr`…:
`timeline.search.fts_table`), kept in step by triggers; `tests/pages/test_search.py` checks that edits are found.
PostgreSQL: nothing to do (its GIN indexes, migration 0014).
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import migrations

# model: its text fields, as `timeline.search.WEIGHTS` lists them
FIELDS = {
    "event": ("title", "summary", "location", "body"),
    "era": ("title", "summary", "introduction"),
    "anniversary": ("title", "introduction", "body"),
}
LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh-hans")  # the site's, as they were then


def column(model, field, language):
    translated = f"{field}_{language.replace('-', '_')}"
    try:
        model._meta.get_field(translated)
    except FieldDoesNotExist:
        return field if language == "en" else None
    return translated


def tables(apps):
    """(FTS table, content table, columns) for each model and language with text of its own."""
    for model_name, fields in FIELDS.items():
        model = apps.get_model("timeline", model_name)
        for language in LANGUAGES:
            if column(model, "title", language):
                suffix = "" if language == "en" else f"_{language.replace('-', '_')}"
                columns = [column(model, field, language) for field in fields]
                yield f"timeline_{model_name}_fts{suffix}", f"timeline_{model_name}", columns


# The statements are built from the names above only (no input): hence the noqa marks for S608.
def create(fts, table, columns):
    names = ", ".join(columns)
    new, old = ", ".join(f"new.{c}" for c in columns), ", ".join(f"old.{c}" for c in columns)
    delete = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"  # noqa: S608
    insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new});"  # noqa: S608
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE ON {table} BEGIN {delete} {insert} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",  # noqa: S608
    ]


def drop(fts):
    return [f"DROP TRIGGER IF EXISTS {fts}_{action}" for action in ("update", "delete", "insert")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in drop("timeline_event_fts"):  # 0012's
        schema_editor.execute(statement)
    for fts, table, columns in tables(apps):
        for statement in create(fts, table, columns):
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for fts, _, _ in tables(apps):
        for statement in drop(fts):
            schema_editor.execute(statement)
    for statement in create("timeline_event_fts", "timeline_event", FIELDS["event"]):  # 0012's, as it was
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("timeline", "0016_search_in_every_language")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
