"""A meeting's texts in each of the site's languages (see timeline/translation.py for why modeltranslation)."""

from modeltranslation.translator import TranslationOptions

from core.translations import register

from .models import Meeting


class MeetingTranslation(TranslationOptions):
    fields = ("city", "president", "outcome", "body")


register(Meeting, MeetingTranslation)
