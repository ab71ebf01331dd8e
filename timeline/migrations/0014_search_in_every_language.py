"""
PostgreSQL only: the GIN indexes of full-text search, rebuilt for the English documents read with their own
configuration, accents ignored (`ottawa_english`, core migration 0003) in place of the plain `english` ones of 0003
and 0006. The expressions are written out here, as `timeline.search.vector(model, "en")` builds them today, so that
this migration keeps building the same index whatever that code becomes; `tests/pages/test_search.py` checks that
the search uses them. A language whose text gets its own columns (`title_fr`) gets its indexes in a later migration.
"""

from django.db import migrations

# model: (the new index, the old one), each as (name, (weight, fields…) groups, configuration)
INDEXES = {
    "event": (
        ("timeline_event_search_en", (("A", "title"), ("B", "summary", "location"), ("C", "body")), "ottawa_english"),
        ("timeline_event_search", (("A", "title"), ("B", "summary", "location"), ("C", "body")), "english"),
    ),
    "era": (
        ("timeline_era_search_en", (("A", "title"), ("B", "summary"), ("C", "introduction")), "ottawa_english"),
        ("timeline_era_search", (("A", "title"), ("B", "summary"), ("C", "introduction")), "english"),
    ),
    "anniversary": (
        ("timeline_anniversary_search_en", (("A", "title"), ("B", "introduction"), ("C", "body")), "ottawa_english"),
        ("timeline_anniversary_search", (("A", "title"), ("B", "introduction"), ("C", "body")), "english"),
    ),
}


def gin_index(name, weighted, config):
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    vectors = [SearchVector(*fields, weight=weight, config=config) for weight, *fields in weighted]
    return GinIndex(sum(vectors[1:], vectors[0]), name=name)


def swap(new, old):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for model_name, indexes in INDEXES.items():
            model = apps.get_model("timeline", model_name)
            schema_editor.remove_index(model, gin_index(*indexes[old]))
            schema_editor.add_index(model, gin_index(*indexes[new]))

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_search_configurations"),
        ("timeline", "0013_event_inlines_in_history_category_updated_at"),
    ]

    operations = [migrations.RunPython(swap(0, 1), swap(1, 0), elidable=False)]
