"""
The timeline's texts in each of the site's languages (django-modeltranslation): a column per language beside the
English (`title_en`, `title_fr`…), in the same table.

Why modeltranslation rather than django-parler: the translations are columns of the row the page already reads, so
every page keeps its queries (parler keeps them in a second table, one join or prefetch more for each list, and its
own query API), and history, import/export and the exports see them as plain fields.
The historical models get the columns too (`core.translations.register`): history and revert work per language.
"""

from modeltranslation.translator import TranslationOptions

from core.translations import register

from .models import Anniversary, Category, Era, Event, EventImage


class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")


class EraTranslation(TranslationOptions):
    fields = ("title", "short_title", "summary", "introduction")


class EventTranslation(TranslationOptions):
    fields = ("title", "location", "summary", "body")


class EventImageTranslation(TranslationOptions):
    fields = ("alt_text", "caption")


class AnniversaryTranslation(TranslationOptions):
    fields = ("title", "introduction", "body", "hero_alt_text")


for model, options in [
    (Category, CategoryTranslation),
    (Era, EraTranslation),
    (Event, EventTranslation),
    (EventImage, EventImageTranslation),
    (Anniversary, AnniversaryTranslation),
]:
    register(model, options)
