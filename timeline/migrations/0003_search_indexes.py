"""
GIN indexes for full-text search on PostgreSQL, built from the very expressions `timeline.search` queried with then
(English only), so the planner could use them; migration 0014 replaces them with one per language of the text. Other
databases have no full-text search: nothing to do there.
"""

from django.db import migrations


def vector(*weighted):
    """The weighted English vector of (weight, fields…) groups, as `timeline.search` built it then (frozen here)."""
    from django.contrib.postgres.search import SearchVector

    vectors = [SearchVector(*fields, weight=weight, config="english") for weight, *fields in weighted]
    return sum(vectors[1:], vectors[0])


def indexes():
    from django.contrib.postgres.indexes import GinIndex

    return {
        "event": GinIndex(
            vector(("A", "title"), ("B", "summary", "location"), ("C", "body")), name="timeline_event_search"
        ),
        "era": GinIndex(vector(("A", "title"), ("B", "summary"), ("C", "introduction")), name="timeline_era_search"),
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
