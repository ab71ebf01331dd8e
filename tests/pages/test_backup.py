"""`manage.py backup` and `manage.py restore`: a backup restores to the same data, and only into an empty database."""

import io
import json
import tarfile
from datetime import date, datetime
from importlib import import_module
from io import StringIO
from pathlib import Path
from tempfile import TemporaryDirectory

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import TestCase, override_settings
from django.utils import timezone

from exports.models import ExportLog
from pages.backup import restored_models_with_rows, stored_media
from treaty import seed
from treaty.models import State


class BackupRestoreTests(TestCase):
    def test_dump_restore_dump_is_identical(self):
        seed.load()
        editor = get_user_model().objects.create_user("editor", "editor@example.org", "a-long-password-1")
        ExportLog.objects.create(user=editor, username="editor", dataset="states", format="csv", source="page")
        # A timestamp whose sub-millisecond part Django's stock JSON encoder would drop.
        State.objects.filter(iso3="FRA").update(updated_at=timezone.make_aware(datetime(2026, 1, 2, 3, 4, 5, 123)))
        with TemporaryDirectory() as folder:
            first = Path(folder) / "first.json"
            call_command("backup", "-o", str(first))

            # PostgreSQL refuses to TRUNCATE a table with deferred foreign-key checks still pending in this test's
            # transaction (the history rows' user); run them first, as a real flush (in autocommit) never has any.
            connection.check_constraints()
            call_command("flush", interactive=False)  # an empty, migrated database
            call_command("restore", str(first), stdout=StringIO())

            second = Path(folder) / "second.json"
            call_command("backup", "-o", str(second))
            self.assertEqual(first.read_text(), second.read_text())
        self.assertEqual(State.objects.count(), 197)
        self.assertEqual(State.objects.parties(as_of=date(2017, 12, 3)).count(), 162)
        self.assertTrue(get_user_model().objects.get(username="editor").check_password("a-long-password-1"))
        self.assertEqual(ExportLog.objects.get().user.username, "editor")

    def test_restore_refuses_a_database_with_records(self):
        seed.load()
        with TemporaryDirectory() as folder:
            path = Path(folder) / "backup.json"
            call_command("backup", "-o", str(path))
            with self.assertRaisesMessage(
                CommandError,
                "The database already holds records (treaty.HistoricalState, treaty.State, "
                "treaty.HistoricalStateSource, treaty.StateSource)",
            ):
                call_command("restore", str(path))


class RestoreWithRoleGroupsTests(TestCase):
    def test_a_fresh_database_with_the_role_groups_takes_a_backup(self):
        """Every migrated database has the role groups (with ids of its own); a backup brings its own back."""

        class SchemaEditor:
            pass

        SchemaEditor.connection = connection
        seed.load()
        editor = get_user_model().objects.create_user("editor", "editor@example.org", "a-long-password-1")
        editor.groups.add(Group.objects.get(name="Editors"))

        def permissions(name):
            return set(Group.objects.get(name=name).permissions.values_list("content_type__app_label", "codename"))

        editors_permissions = permissions("Editors")
        with TemporaryDirectory() as folder:
            path = Path(folder) / "backup.json"
            call_command("backup", "-o", str(path))

            connection.check_constraints()  # see test_dump_restore_dump_is_identical
            call_command("flush", interactive=False)
            state_apps = MigrationLoader(connection).project_state(("core", "0001_editorial_roles")).apps
            # The role groups, as `migrate` makes them on a fresh database.
            import_module("core.migrations.0001_editorial_roles").create_roles(state_apps, SchemaEditor)
            self.assertEqual(restored_models_with_rows(), [])

            call_command("restore", str(path), stdout=StringIO())

        self.assertEqual(permissions("Editors"), editors_permissions)
        self.assertTrue(get_user_model().objects.get(username="editor").groups.filter(name="Editors").exists())
        self.assertEqual(Group.objects.count(), 2)


class FullRoundTripTests(TestCase):
    """The whole seeded site (States, timeline, anniversaries, their history, the export log, users and groups):
    backup → restore into an empty migrated database → backup is byte-identical, on SQLite and PostgreSQL."""

    def test_the_full_seeded_site_comes_back_exactly(self):
        from tests.timeline.factories import EventSourceFactory
        from timeline.models import Anniversary, Event

        call_command("seed", stdout=StringIO())
        editor = get_user_model().objects.create_user("editor", "editor@example.org", "a-long-password-1")
        editor.groups.add(Group.objects.get(name="Editors"))
        ExportLog.objects.create(user=editor, username="editor", dataset="events", format="xlsx", source="page")
        event = Event.objects.order_by("pk").first()
        event.related_states.add(State.objects.get(iso3="CAN"))  # many-to-many history
        event.title = "Changed by an editor"
        event._history_user = editor
        event.save()
        EventSourceFactory(event=event)
        self.assertTrue(Anniversary.objects.exists())
        self.assertTrue(Event.history.exists())
        counts = {model: model.objects.count() for model in (Event.history.model, State.history.model)}

        with TemporaryDirectory() as folder:
            first = Path(folder) / "first.json"
            call_command("backup", "-o", str(first))
            connection.check_constraints()  # see BackupRestoreTests
            call_command("flush", interactive=False)
            call_command("restore", str(first), stdout=StringIO())
            second = Path(folder) / "second.json"
            call_command("backup", "-o", str(second))
            self.assertEqual(first.read_bytes(), second.read_bytes())
        self.assertEqual({model: model.objects.count() for model in counts}, counts)
        self.assertEqual(Event.objects.get(pk=event.pk).title, "Changed by an editor")


class SchemaCheckTests(TestCase):
    def test_a_backup_of_another_schema_is_refused_and_nothing_is_loaded(self):
        import json

        seed.load()
        with TemporaryDirectory() as folder:
            path = Path(folder) / "backup.json"
            call_command("backup", "-o", str(path))
            entries = json.loads(path.read_text())
            entries[0]["backup"]["migrations"]["treaty"].append("0099_from_the_future")
            path.write_text(json.dumps(entries))
            connection.check_constraints()
            call_command("flush", interactive=False)
            with self.assertRaisesMessage(CommandError, "treaty: the backup has 0099_from_the_future"):
                call_command("restore", str(path), stdout=StringIO())
        self.assertEqual(State.objects.count(), 0)

    def test_the_backup_says_which_schema_it_was_made_with(self):
        import json

        out = StringIO()
        call_command("backup", stdout=out)
        header = json.loads(out.getvalue())[0]["backup"]
        self.assertIn("0001_editorial_roles", header["migrations"]["core"])


class ArchiveTests(TestCase):
    """`backup -o FILE.tar`: one file with the data and the uploaded pictures; on a fresh machine (empty database,
    empty media storage) `restore FILE.tar` brings both back, and a bad or partial archive restores nothing."""

    def setUp(self):
        media = TemporaryDirectory()
        self.addCleanup(media.cleanup)
        self.enterContext(override_settings(MEDIA_ROOT=media.name))  # a media storage of this test's own
        self.folder = Path(self.enterContext(TemporaryDirectory()))

    def make_site(self):
        from tests.timeline.factories import AnniversaryFactory, EventImageFactory, picture_upload
        from timeline import services

        seed.load()
        image = EventImageFactory()
        services.make_renditions(image=image)
        anniversary = AnniversaryFactory(
            years=25, hero_image=picture_upload("hero.jpg", image_format="JPEG"), hero_alt_text="A hall"
        )
        services.make_hero_renditions(anniversary=anniversary)
        return image

    def wipe(self):
        """A fresh machine: an empty migrated database and no uploaded file."""
        for name in list(stored_media()):
            default_storage.delete(name)
        connection.check_constraints()  # see BackupRestoreTests
        call_command("flush", interactive=False)

    def backup(self, name):
        path = self.folder / name
        call_command("backup", "-o", str(path), stderr=StringIO())
        return path

    def test_backup_restore_backup_is_byte_identical_with_the_pictures(self):
        image = self.make_site()
        files = {name: default_storage.open(name).read() for name in stored_media()}
        self.assertGreaterEqual(len(files), 4)  # the original, its renditions, the anniversary's picture and copies
        first = self.backup("first.tar")
        with tarfile.open(first) as archive:
            self.assertEqual(archive.getnames()[0], "backup.json")
            self.assertEqual(sorted(archive.getnames()[1:]), sorted(f"media/{name}" for name in files))

        self.wipe()
        self.assertEqual(list(stored_media()), [])
        call_command("restore", str(first), stdout=StringIO())

        self.assertEqual({name: default_storage.open(name).read() for name in stored_media()}, files)
        self.assertEqual(self.backup("second.tar").read_bytes(), first.read_bytes())
        self.assertEqual(State.objects.count(), 197)
        with default_storage.open(type(image).objects.get().image.name) as restored:
            self.assertEqual(restored.read(), files[image.image.name])

    def assert_refused(self, path, message):
        self.wipe()
        with self.assertRaisesMessage(CommandError, message):
            call_command("restore", str(path), stdout=StringIO())
        self.assertEqual(State.objects.count(), 0)
        self.assertEqual(list(stored_media()), [])

    def test_an_archive_cut_short_restores_nothing(self):
        self.make_site()
        path = self.backup("backup.tar")
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        self.assert_refused(path, "is not a whole backup: it cannot be read to the end")

    def test_an_archive_missing_a_picture_restores_nothing(self):
        self.make_site()
        path, partial = self.backup("backup.tar"), self.folder / "partial.tar"
        with tarfile.open(path) as archive, tarfile.open(partial, "w") as copy:
            for member in archive.getmembers()[:-1]:  # the last picture left out
                copy.addfile(member, archive.extractfile(member))
        self.assert_refused(partial, "1 listed file(s) are missing")

    def test_a_damaged_picture_or_a_foreign_entry_restores_nothing(self):
        self.make_site()
        path = self.backup("backup.tar")
        with tarfile.open(path) as archive:
            members = [(member, archive.extractfile(member).read()) for member in archive.getmembers()]
        cases = {
            "changed.tar": ([*members[:-1], (members[-1][0], b"x" * members[-1][0].size)], "is not the one backed up"),
            "escape.tar": ([*members, (tarfile.TarInfo("../../evil.txt"), b"")], "which is neither backup.json"),
            "no-json.tar": (members[1:], "it has no backup.json"),
        }
        for name, (entries, message) in cases.items():
            with self.subTest(name):
                bad = self.folder / name
                with tarfile.open(bad, "w") as copy:
                    for member, data in entries:
                        member.size = len(data)
                        copy.addfile(member, io.BytesIO(data))
                self.assert_refused(bad, message)

    def test_a_file_that_is_not_a_backup_gets_a_clear_message(self):
        for name, data in (("backup.tar", b"not an archive"), ("backup.json", b'[{"model": "treaty.st')):
            with self.subTest(name):
                path = self.folder / name
                path.write_bytes(data)
                self.assert_refused(path, "Nothing was restored")

    def test_the_json_backup_stays_as_it_was(self):
        seed.load()
        path = self.backup("backup.json")
        header = json.loads(path.read_text())[0]["backup"]
        self.assertEqual(set(header), {"migrations"})
