"""
Editorial content in the site's languages (django-modeltranslation): which fields of a model are translated, whether
a record has its text in a language, and the migration step that fills the English columns from the base ones.

Why modeltranslation rather than django-parler: a translation is a column of the row the page already reads
(`title_fr` beside `title_en`), so every page keeps its query count, with no join or prefetch more per list, and
history (django-simple-history), import/export and the staff exports see the translations as plain fields of the
same table. English (`field_en`) is the base that every other language falls back to; the page marks that fallback
(`{% localized %}` in core/templatetags/site_content.py).

This module is on the ground floor: it names no app of ours.
"""

from django.conf import settings
from django.db import migrations
from django.db.models import F
from django.utils.translation import get_language

BASE_LANGUAGE = "en"


def column(field, lang):
    """The column of `field` in language `lang`: column("title", "zh-hans") → "title_zh_hans"."""
    return f"{field}_{lang.replace('-', '_')}"


def languages():
    return [code for code, _name in settings.LANGUAGES]


def translated_fields(model):
    """The names of `model`'s translated fields (empty for a model with none)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


def has_text(instance, field, lang):
    """`instance` has its own text for `field` in `lang` (not a fallback)."""
    value = getattr(instance, column(field, lang), None)
    return bool(value and str(value).strip())


def shows_english(record, field, lang=None):
    """
    The page in `lang` (the active language by default) shows `record.field` in English in place of its own text:
    a translated field with no text in that language but some in English, or a field kept in English only (data read
    from the sources, such as the obligations' notes or a picture's credit), wherever it has text. Never on English
    pages.
    """
    lang = lang or active_language()
    if record is None or lang == BASE_LANGUAGE or not str(getattr(record, field, "") or "").strip():
        return False
    if field not in translated_fields(type(record)):
        return True
    return not has_text(record, field, lang) and has_text(record, field, BASE_LANGUAGE)


def active_language():
    """The active language, as one of ours ("fr", "zh-hans"), English when none is active."""
    lang = (get_language() or BASE_LANGUAGE).lower()
    return lang if lang in languages() else BASE_LANGUAGE


def copy_base_to_english(app_label, fields_by_model):
    """
    A migration step: each translated field's English column takes the value the field had before it was translated
    (`title` → `title_en`), in the models and their historical versions, so old versions revert with their English.
    Reversed, the base column takes the English back.
    """

    def forwards(apps, schema_editor):
        for model_name, fields in fields_by_model.items():
            for name in (model_name, f"historical{model_name}"):
                model = apps.get_model(app_label, name)
                model._default_manager.update(**{column(field, BASE_LANGUAGE): F(field) for field in fields})

    def backwards(apps, schema_editor):
        for model_name, fields in fields_by_model.items():
            for name in (model_name, f"historical{model_name}"):
                model = apps.get_model(app_label, name)
                for field in fields:
                    english = column(field, BASE_LANGUAGE)
                    model._default_manager.filter(**{f"{english}__isnull": False}).update(**{field: F(english)})

    return migrations.RunPython(forwards, backwards, elidable=False)


def other_languages():
    return [lang for lang in languages() if lang != BASE_LANGUAGE]


def translation_columns(model):
    """The columns of `model`'s translations other than English: {"title_fr", "title_es", …}."""
    return {column(field, lang) for field in translated_fields(model) for lang in other_languages()}


def bundled_translations(directory, name, *, key, model):
    """
    The bundled translations of one model's seeded records: {natural key: {"title_fr": text, …}}, read from
    `<directory>/<lang>/<name>.csv` for each language but English. A file's first column is `key` (the record's
    natural key in the seed: a slug, the years, a code); the others are the model's field names in English, holding
    the text in that language (Markdown where the English is Markdown). A missing file, row or cell, or a column
    that is no translated field, means "not yet translated": nothing is set for it.
    """
    import csv

    fields = set(translated_fields(model))
    found = {}
    for lang in other_languages():
        path = directory / lang / f"{name}.csv"
        if not path.is_file():
            continue
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                record = str(row.get(key) or "").strip()
                if not record:
                    continue
                texts = found.setdefault(record, {})
                for field, text in row.items():
                    if field in fields and text and text.strip():
                        texts[column(field, lang)] = text.strip()
    return found


def register(model, options):
    """
    Translate `model`'s fields (`options`, a modeltranslation `TranslationOptions`), and its history's.

    django-simple-history builds a model's historical model when the model class is made, before modeltranslation
    adds the translation columns (in its `ready()`). Registering the historical model too gives it the columns (so
    each version records every language); and since the historical model's list of tracked fields and its
    `instance` (what a revert restores) were made without them, both are extended here: the history page compares
    each language (English as the field itself: `title`, whose column follows `title_en`), and a revert brings each
    language back. An empty translation is stored as "not yet translated" (NULL), however it was typed.
    """
    from django.db.models.signals import pre_save
    from modeltranslation.translator import translator

    history = model.history.model
    translator.register([model, history], options)
    names = [column(field, lang) for field in options.fields for lang in languages()]
    others = [column(field, lang) for field in options.fields for lang in other_languages()]
    history.tracked_fields = [*history.tracked_fields, *(model._meta.get_field(name) for name in others)]
    original = history.instance.fget

    def get_instance(self):
        instance = original(self)
        for name in names:
            setattr(instance, name, getattr(self, name))  # the language's own column: no fallback involved
        return instance

    history.instance = property(get_instance)

    def not_yet_translated(sender, instance, **kwargs):
        for name in others:
            value = getattr(instance, name)
            if isinstance(value, str) and not value.strip():
                setattr(instance, name, None)

    pre_save.connect(not_yet_translated, sender=model, weak=False, dispatch_uid=f"translations-{model._meta.label}")
