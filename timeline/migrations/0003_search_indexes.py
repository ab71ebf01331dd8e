"""
GIN indexes for full-text search on PostgreSQL, built from the very expressions `timeline.search` queries with, so
the planner can use them. Other databases have no full-text search: nothing to do there.
"""

from django.db import migrations


def indexes():
    from django.contrib.postgres.indexes import GinIndex

    from timeline.search import era_vector, event_vector

    return {
        "event": GinIndex(event_vector(), name="timeline_event_search"),
        "era": GinIndex(era_vector(), name="timeline_era_search"),
    }


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in indexes().items():
        schema_editor.add_index(apps.get_model("timeline", model_name), index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in indexes().items():
        schema_editor.remove_index(apps.get_model("timeline", model_name), index)


class Migration(migrations.Migration):
    dependencies = [("timeline", "0002_historicalcategory_historicalera_historicalevent_and_more")]

    operations = [migrations.RunPython(create, drop)]
