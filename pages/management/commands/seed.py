from django.core.management.base import BaseCommand
from django.db import transaction

from core.cache import content_changed
from meetings import seed as meetings_seed
from obligations import seed as obligations_seed
from timeline import seed as timeline_seed
from treaty import seed as treaty_seed

# Each app's bundled data, in the order it must load: the States before the events that mention them, the events
# before the meetings that take over some of them (the bundled 1MSP and Review Conferences), the meetings before the
# obligations that link to them.
LOADERS = (treaty_seed, timeline_seed, meetings_seed, obligations_seed)


class Command(BaseCommand):
    help = (
        "Load the bundled reference data (treaty records, timeline, meetings). Idempotent: a second run changes "
        "nothing, and records an editor has changed are kept unless --overwrite is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace editors' changes to seeded records with the bundled data.",
        )

    def handle(self, *args, overwrite=False, **options):
        with transaction.atomic():
            for loader in LOADERS:
                for line in loader.load(overwrite=overwrite):
                    self.stdout.write(line)
            content_changed()  # loaders may write in bulk, without signals: cached pages renewed after the commit
