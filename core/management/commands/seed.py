from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from core.cache import content_changed


class Command(BaseCommand):
    help = (
        "Load the bundled reference data (treaty records, timeline, pages). Idempotent: a second run changes "
        "nothing, and records an editor has changed are kept unless --overwrite is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace editors' changes to seeded records with the bundled data.",
        )

    def handle(self, *args, overwrite=False, **options):
        loaders = [
            import_module(f"{config.name}.seed")
            for config in apps.get_app_configs()
            if module_has_submodule(config.module, "seed")
        ]
        if not loaders:
            self.stdout.write("Nothing to seed: no app bundles data yet.")
            return
        with transaction.atomic():
            for loader in loaders:
                for line in loader.load(overwrite=overwrite):
                    self.stdout.write(line)
            content_changed()  # loaders may write in bulk, without signals: cached pages renewed after the commit
