"""`manage.py backup` and `manage.py restore`: a backup restores to the same data, and only into an empty database."""

from datetime import date, datetime
from importlib import import_module
from io import StringIO
from pathlib import Path
from tempfile import TemporaryDirectory

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import TestCase
from django.utils import timezone

from exports.models import ExportLog
from pages.backup import restored_models_with_rows
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
