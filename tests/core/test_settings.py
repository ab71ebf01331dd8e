"""Settings behave as documented: production-safe defaults, clear failures."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command
from django.test import SimpleTestCase, override_settings

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    """Run manage.py in a clean environment that holds only `env` (no .env file is read), on an in-memory database
    unless `env` names one: some system checks ask the database for its features (a JSONField's does), and a fresh
    clone has no var/db.sqlite3 yet."""
    clean = {"PATH": os.environ["PATH"], "DJANGO_READ_DOT_ENV": "false", "DATABASE_URL": "sqlite://:memory:", **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, check=False
    )


class SecretKeyTests(SimpleTestCase):
    def test_missing_secret_key_in_production_fails_with_a_clear_message(self):
        result = run_manage("check", DJANGO_DEBUG="false")

        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DJANGO_SECRET_KEY is not set", result.stderr)

    def test_debug_mode_runs_without_a_secret_key(self):
        result = run_manage("check", DJANGO_DEBUG="true")

        self.assertEqual(result.returncode, 0, result.stderr)


class DeployCheckTests(SimpleTestCase):
    def test_production_environment_passes_the_deploy_check(self):
        result = run_manage(
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            DJANGO_DEBUG="false",
            DJANGO_SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
            DJANGO_ALLOWED_HOSTS="ottawa.example.org",
        )

        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout)


class LocalRunSettingsTests(SimpleTestCase):
    def test_the_settings_make_run_writes_pass_the_system_checks(self):
        result = run_manage(
            "check",
            "--fail-level",
            "WARNING",
            DJANGO_DEBUG="false",
            DJANGO_SECRET_KEY="a-local-secret-key-for-this-test-only-0123456789",
            DJANGO_SECURE_SSL_REDIRECT="false",
            DJANGO_SECURE_HSTS_SECONDS="0",
            DJANGO_SECURE_COOKIES="false",
            DJANGO_SERVE_MEDIA="true",
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)


class DatabaseURLTests(SimpleTestCase):
    def settings_database(self, url):
        result = run_manage(
            "shell",
            "-v0",
            "-c",
            "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
            DJANGO_DEBUG="true",
            DATABASE_URL=url,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.strip()

    def test_relative_sqlite_paths_are_inside_the_project_and_memory_stays_in_memory(self):
        self.assertEqual(self.settings_database("sqlite:///var/db.sqlite3"), str(ROOT / "var" / "db.sqlite3"))
        self.assertEqual(self.settings_database("sqlite://:memory:"), ":memory:")


class StaticFilesTests(SimpleTestCase):
    def test_collectstatic_writes_hashed_and_compressed_files(self):
        import tempfile

        with tempfile.TemporaryDirectory() as root:
            storages = {
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
            }
            with override_settings(STATIC_ROOT=root, STORAGES=storages):
                call_command("collectstatic", interactive=False, verbosity=0)
                from django.templatetags.static import static

                url = static("css/site.css")

            hashed = Path(root) / url.removeprefix("/static/")
            self.assertRegex(hashed.name, r"^site\.[0-9a-f]{12}\.css$")
            self.assertTrue(hashed.exists())
            self.assertTrue(hashed.with_name(hashed.name + ".gz").exists())
            self.assertTrue(hashed.with_name(hashed.name + ".br").exists())


class LoggingTests(SimpleTestCase):
    def test_log_records_are_single_key_value_lines(self):
        import logging

        from core.logging import OneLineFormatter

        record = logging.LogRecord("ottawa", logging.WARNING, __file__, 1, 'two\nlines "quoted"', None, None)
        line = OneLineFormatter().format(record)

        self.assertNotIn("\n", line)
        self.assertIn("level=WARNING", line)
        self.assertIn('msg="two\\nlines \\"quoted\\""', line)


class MigrationTests(SimpleTestCase):
    databases = {"default"}

    def test_no_model_change_lacks_a_migration(self):
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
