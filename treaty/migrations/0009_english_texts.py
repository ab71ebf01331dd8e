"""The English columns of the translated fields take the texts the site had (see core.translations)."""

from django.db import migrations

from core.translations import copy_base_to_english


class Migration(migrations.Migration):
    dependencies = [("treaty", "0008_translations")]

    operations = [copy_base_to_english("treaty", {"state": ["note"]})]
