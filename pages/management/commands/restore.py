from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.cache import content_changed
from pages.backup import load_media, make_way_for_role_groups, restored_models_with_rows


class Command(BaseCommand):
    help = "Load a file written by `manage.py backup` into an empty database, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON file written by `manage.py backup`.")
        parser.add_argument("--media", metavar="DIR", help="Also put back the uploaded files `backup --media` copied.")
        parser.add_argument(
            "--force", action="store_true", help="Load even if the database already holds records (they may clash)."
        )

    def handle(self, *args, file, force=False, media=None, **options):
        occupied = restored_models_with_rows()
        if occupied and not force:
            raise CommandError(
                "The database already holds records ("
                + ", ".join(occupied)
                + "). Restore into an empty, migrated database, or pass --force."
            )
        with transaction.atomic():
            make_way_for_role_groups(file)
            call_command("loaddata", file, stdout=self.stdout)
            content_changed()  # cached pages renewed once the restore commits
        if media:
            self.stdout.write(f"Put back {load_media(media)} uploaded file(s) from {media}.")
        self.stdout.write(self.style.SUCCESS(f"Restored {file}."))
