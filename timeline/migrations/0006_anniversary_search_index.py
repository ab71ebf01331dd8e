"""A GIN index for full-text search of anniversaries on PostgreSQL (see 0003_search_indexes)."""

from django.db import migrations


def index():
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    # The English vector `timeline.search` built then (frozen here; migration 0014 replaces the index).
    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("introduction", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )
    return GinIndex(vector, name="timeline_anniversary_search")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("timeline", "anniversary"), index())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("timeline", "anniversary"), index())


class Migration(migrations.Migration):
    dependencies = [("timeline", "0005_merge_0004_anniversary_0004_image_upload_path")]

    operations = [migrations.RunPython(create, drop)]
