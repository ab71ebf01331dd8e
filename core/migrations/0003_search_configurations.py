"""
PostgreSQL only: the text search configurations of `core.search.SEARCH_CONFIGS`, one per language, each a copy of
PostgreSQL's own (english, french, spanish, russian; simple for Arabic and Chinese) with the `unaccent` dictionary
before the stemmer, so that "conference" finds "Conférence" and "cote" finds "Côte". `unaccent` is an extension
that comes with PostgreSQL (contrib) and is trusted: the database's owner may create it. Elsewhere: nothing to do.
"""

from django.db import migrations

# (our configuration, PostgreSQL's, its dictionary for words with letters beyond ASCII)
CONFIGS = [
    ("ottawa_english", "english", "english_stem"),
    ("ottawa_french", "french", "french_stem"),
    ("ottawa_spanish", "spanish", "spanish_stem"),
    ("ottawa_russian", "russian", "russian_stem"),
    ("ottawa_simple", "simple", "simple"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, copy, stem in CONFIGS:
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {copy})")
        # ASCII words have no accents; the others (hword: hyphenated) go through unaccent, then the stemmer.
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR word, hword, hword_part WITH unaccent, {stem}"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in CONFIGS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
    schema_editor.execute("DROP EXTENSION IF EXISTS unaccent")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_content_version")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
