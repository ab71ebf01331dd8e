"""The English columns of the translated fields take the texts the site had (see core.translations)."""

from django.db import migrations

from core.translations import copy_base_to_english


class Migration(migrations.Migration):
    dependencies = [("timeline", "0014_translations")]

    operations = [
        copy_base_to_english(
            "timeline",
            {
                "category": ["name", "description"],
                "era": ["title", "short_title", "summary", "introduction"],
                "event": ["title", "location", "summary", "body"],
                "eventimage": ["alt_text", "caption"],
                "anniversary": ["title", "introduction", "body", "hero_alt_text"],
            },
        )
    ]
