"""
SQLite only: full-text indexes (FTS5) of eras and anniversaries, as migration 0012 made for events, so that search
finds them by the starts of words, accents and case aside ("conference" finds "Conférence"), as PostgreSQL does.
Each is an "external content" table over the English text, kept in step by triggers; a language whose text gets its
own columns (`title_fr`) would get its own table (`timeline_era_fts_fr`). PostgreSQL: nothing to do (GIN indexes).
"""

from django.db import migrations

# table: its columns
TABLES = {
    "timeline_era": ("title", "summary", "introduction"),
    "timeline_anniversary": ("title", "introduction", "body"),
}


# The statements are built from the names in TABLES only (no input): hence the noqa marks for S608.
def create_statements(table, columns):
    fts, names = f"{table}_fts", ", ".join(columns)
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


def drop_statements(table, columns):
    fts = f"{table}_fts"
    return [f"DROP TRIGGER IF EXISTS {fts}_{action}" for action in ("update", "delete", "insert")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for table, columns in TABLES.items():
            for statement in statements(table, columns):
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("timeline", "0014_search_in_every_language")]

    operations = [migrations.RunPython(run(create_statements), run(drop_statements), elidable=False)]
