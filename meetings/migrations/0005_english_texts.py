"""The English columns of the translated fields take the texts the site had (see core.translations)."""

from django.db import migrations

from core.translations import copy_base_to_english


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_translations")]

    operations = [copy_base_to_english("meetings", {"meeting": ["city", "president", "outcome", "body"]})]
