"""
PostgreSQL only: the GIN indexes of full-text search, one per model and language of its text, each read with that
language's configuration, accents ignored (core migration 0003), in place of the plain `english` ones of 0003 and
0006. A language has text of its own where the model has its translated columns (`title_fr`, `title_zh_hans`, as
django-modeltranslation names them) when this migration runs; English is in `title_en` there, else in `title`. The
expressions are the ones `timeline.search.vector(model, language)` builds; `tests/pages/test_search.py` checks
that the search uses them. A language whose columns come later gets its indexes in a later migration.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import migrations

# model: its fields by weight, as `timeline.search.WEIGHTS` groups them
WEIGHTS = {
    "event": (("A", "title"), ("B", "summary", "location"), ("C", "body")),
    "era": (("A", "title"), ("B", "summary"), ("C", "introduction")),
    "anniversary": (("A", "title"), ("B", "introduction"), ("C", "body")),
}
# The languages of the site and their configurations (`core.search.SEARCH_CONFIGS`), as they were then.
CONFIGS = {
    "en": "ottawa_english",
    "fr": "ottawa_french",
    "es": "ottawa_spanish",
    "ar": "ottawa_simple",
    "ru": "ottawa_russian",
    "zh-hans": "ottawa_simple",
}


def column(model, field, language):
    translated = f"{field}_{language.replace('-', '_')}"
    try:
        model._meta.get_field(translated)
    except FieldDoesNotExist:
        return field if language == "en" else None
    return translated


def gin_index(model, weighted, language, config, name):
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    vectors = [
        SearchVector(*[column(model, field, language) for field in fields], weight=weight, config=config)
        for weight, *fields in weighted
    ]
    return GinIndex(sum(vectors[1:], vectors[0]), name=name)


def new_indexes(model, model_name):
    """The index of each language with text of its own: timeline_event_search_en, timeline_event_search_fr…"""
    return [
        gin_index(model, WEIGHTS[model_name], code, config, f"timeline_{model_name}_search_{code.replace('-', '_')}")
        for code, config in CONFIGS.items()
        if column(model, "title", code)
    ]


def old_index(model_name):
    """0003's and 0006's: the plain English configuration, on the untranslated columns."""
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    vectors = [SearchVector(*fields, weight=weight, config="english") for weight, *fields in WEIGHTS[model_name]]
    return GinIndex(sum(vectors[1:], vectors[0]), name=f"timeline_{model_name}_search")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name in WEIGHTS:
        model = apps.get_model("timeline", model_name)
        schema_editor.execute(f"DROP INDEX IF EXISTS timeline_{model_name}_search")  # 0003's and 0006's
        for index in new_indexes(model, model_name):
            schema_editor.add_index(model, index)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name in WEIGHTS:
        model = apps.get_model("timeline", model_name)
        for index in new_indexes(model, model_name):
            schema_editor.remove_index(model, index)
        schema_editor.add_index(model, old_index(model_name))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_search_configurations"),
        ("timeline", "0015_english_texts"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
