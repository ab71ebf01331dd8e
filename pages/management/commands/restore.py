import json
import os
import tempfile

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from core.cache import content_changed
from pages.backup import (
    BadBackup,
    is_archive,
    load_media,
    make_way_for_role_groups,
    read_archive,
    restored_models_with_rows,
    schema_differences,
    split_backup,
)


class Command(BaseCommand):
    help = (
        "Load a file written by `manage.py backup` (JSON, or a .tar archive with the uploaded pictures) into an "
        "empty database at the same schema (migrations), all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON file or .tar archive written by `manage.py backup`.")
        parser.add_argument("--media", metavar="DIR", help="Also put back the uploaded files `backup --media` copied.")
        parser.add_argument(
            "--force", action="store_true", help="Load even if the database already holds records (they may clash)."
        )

    def handle(self, *args, file, force=False, media=None, **options):
        with tempfile.TemporaryDirectory() as folder:
            try:
                if is_archive(file):
                    fixture, archived_media = read_archive(file, os.path.join(folder, "archive"))
                else:
                    fixture, archived_media = file, None
                header, records = split_backup(fixture)
            except BadBackup as error:
                raise CommandError(f"Nothing was restored: {file} is not a whole backup: {error}.") from None
            self.check_target(header, force=force)
            loadable = os.path.join(folder, "backup.json")
            with open(loadable, "w", encoding="utf-8") as handle:
                json.dump(records, handle)
            # The history rows come from the backup: simple-history must not add its own while loading (its
            # many-to-many signal fires during loaddata, and would add rows, or clash with restored ones).
            with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
                make_way_for_role_groups(loadable)
                call_command("loaddata", loadable, stdout=self.stdout)
                if archived_media is not None:
                    # Inside the transaction: if the storage fails, no record is restored either.
                    self.stdout.write(f"Put back {load_media(archived_media)} uploaded file(s) from the archive.")
                content_changed()  # cached pages renewed once the restore commits
        if media:
            self.stdout.write(f"Put back {load_media(media)} uploaded file(s) from {media}.")
        self.stdout.write(self.style.SUCCESS(f"Restored {file}."))

    def check_target(self, header, *, force):
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
