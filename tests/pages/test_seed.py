from io import StringIO

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.test import TestCase

OUR_APPS = ("core", "treaty", "timeline", "meetings", "obligations")


def snapshot():
    """Every row of every model of ours, serialised: equal snapshots mean nothing changed."""
    return {
        model._meta.label: serializers.serialize("json", model._default_manager.order_by("pk"))
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
    }


class SeedCommandTests(TestCase):
    def test_seeding_twice_changes_nothing(self):
        call_command("seed", stdout=StringIO())
        first = snapshot()

        call_command("seed", stdout=StringIO())

        self.assertEqual(snapshot(), first)
