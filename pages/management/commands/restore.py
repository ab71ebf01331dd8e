import json
import os
import tempfile

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from core.cache import content_changed
from pages.backup import (
    load_media,
    make_way_for_role_groups,
    restored_models_with_rows,
    schema_differences,
    split_backup,
)


class Command(BaseCommand):
    help = (
        "Load a file written by `manage.py backup` into an empty database at the same schema (migrations), all or "
        "nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON file written by `manage.py backup`.")
        parser.add_argument("--media", metavar="DIR", help="Also put back the uploaded files `backup --media` copied.")
        parser.add_argument(
            "--force", action="store_true", help="Load even if the database already holds records (they may clash)."
        )

    def handle(self, *args, file, force=False, media=None, **options):
        header, records = split_backup(file)
        if differences := schema_differences(header):
            raise CommandError(
                "Nothing was restored: the backup was made with another schema than this database's ("
                + "; ".join(differences)
                + "). Migrate this database to the backup's schema (or restore into one made by the same version "
                "of the site), then restore."
            )
        occupied = restored_models_with_rows()
        if occupied and not force:
            raise CommandError(
                "The database already holds records ("
                + ", ".join(occupied)
                + "). Restore into an empty, migrated database, or pass --force."
            )
        with tempfile.TemporaryDirectory() as folder:
            fixture = os.path.join(folder, "backup.json")
            with open(fixture, "w", encoding="utf-8") as handle:
                json.dump(records, handle)
            # The history rows come from the backup: simple-history must not add its own while loading (its
            # many-to-many signal fires during loaddata, and would add rows, or clash with restored ones).
            with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
                make_way_for_role_groups(fixture)
                call_command("loaddata", fixture, stdout=self.stdout)
                content_changed()  # cached pages renewed once the restore commits
        if media:
            self.stdout.write(f"Put back {load_media(media)} uploaded file(s) from {media}.")
        self.stdout.write(self.style.SUCCESS(f"Restored {file}."))
