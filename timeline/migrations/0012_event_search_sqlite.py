"""
SQLite only: a full-text index of events (FTS5), so that site search need not read every event. PostgreSQL has its
own (migration 0003, a GIN index on the weighted vector); there this migration does nothing.

The index is an FTS5 table over the events' text ("external content": it stores no copy of the text), kept in step
by triggers on every insert, update and delete. SQLite drops a table's triggers when a later migration rebuilds the
table, so `tests/core/test_search.py` checks, on the database the migrations build, that an edit is found at once.
"""

from django.db import migrations

CREATE = [
    "CREATE VIRTUAL TABLE timeline_event_fts USING fts5(title, summary, location, body, content='timeline_event', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER timeline_event_fts_insert AFTER INSERT ON timeline_event BEGIN "
    "INSERT INTO timeline_event_fts(rowid, title, summary, location, body) "
    "VALUES (new.id, new.title, new.summary, new.location, new.body); END",
    "CREATE TRIGGER timeline_event_fts_delete AFTER DELETE ON timeline_event BEGIN "
    "INSERT INTO timeline_event_fts(timeline_event_fts, rowid, title, summary, location, body) "
    "VALUES ('delete', old.id, old.title, old.summary, old.location, old.body); END",
    "CREATE TRIGGER timeline_event_fts_update AFTER UPDATE ON timeline_event BEGIN "
    "INSERT INTO timeline_event_fts(timeline_event_fts, rowid, title, summary, location, body) "
    "VALUES ('delete', old.id, old.title, old.summary, old.location, old.body); "
    "INSERT INTO timeline_event_fts(rowid, title, summary, location, body) "
    "VALUES (new.id, new.title, new.summary, new.location, new.body); END",
    "INSERT INTO timeline_event_fts(timeline_event_fts) VALUES ('rebuild')",
]
DROP = [
    "DROP TRIGGER IF EXISTS timeline_event_fts_update",
    "DROP TRIGGER IF EXISTS timeline_event_fts_delete",
    "DROP TRIGGER IF EXISTS timeline_event_fts_insert",
    "DROP TABLE IF EXISTS timeline_event_fts",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("timeline", "0011_event_updated_index")]

    operations = [migrations.RunPython(run(CREATE), run(DROP), elidable=False)]
