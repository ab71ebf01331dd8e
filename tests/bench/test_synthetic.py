from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from bench.management.commands.synthesize import Command as SynthesizeCommand
from timeline import seed as timeline_seed
from timeline.models import Event
from treaty import seed as treaty_seed
from treaty.models import State


class SynthesizeCommandTests(TestCase):
    def test_adds_the_requested_data_and_pages_still_answer(self):
        treaty_seed.load()
        timeline_seed.load()
        out = StringIO()
        # The command is installed by bench.settings only; the suite runs the site's settings, so it is passed itself.
        call_command(SynthesizeCommand(), "--events", "300", "--states", "20", "--history", "500", stdout=out)

        self.assertEqual(Event.objects.filter(slug__startswith="synthetic-event-").count(), 300)
        self.assertEqual(State.objects.filter(name__startswith="Synthetic State").count(), 20)
        self.assertEqual(State.history.filter(history_change_reason="synthetic").count(), 500)
        self.assertIn("Added 300 events, 20 States and 500 history records.", out.getvalue())
        # The page cache was told: the new events show at once.
        self.assertEqual(self.client.get("/timeline/?page=2").status_code, 200)
