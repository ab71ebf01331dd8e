"""A State's public note in each of the site's languages (see timeline/translation.py for why modeltranslation).
State names come from the CLDR (core/locale.py), not from here."""

from modeltranslation.translator import TranslationOptions

from core.translations import register

from .models import State


class StateTranslation(TranslationOptions):
    fields = ("note",)


register(State, StateTranslation)
