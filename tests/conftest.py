"""Test-only speed-ups and isolation. The environment itself comes from pyproject's pytest `env`."""

import pytest
from django.test import override_settings


def _compile_catalogues():
    """The interface's translations, compiled as `make locale` does when a catalogue is newer than its .mo (or has
    none): a plain `pytest` on a fresh clone sees the same French, Arabic… as `make test`."""
    from django.conf import settings
    from django.core.management import call_command

    catalogues = [po for path in settings.LOCALE_PATHS for po in path.glob("*/LC_MESSAGES/django.po")]
    stale = [
        po
        for po in catalogues
        if not po.with_suffix(".mo").exists() or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        call_command("compilemessages", verbosity=0, ignore_patterns=[".venv", "node_modules", "var"])


@pytest.fixture(autouse=True, scope="session")
def _test_settings(django_test_environment, tmp_path_factory):
    _compile_catalogues()
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        STATIC_ROOT=tmp_path_factory.mktemp("static"),
        # The manifest needs `collectstatic`; tests use plain names (one test covers the manifest).
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, so cached pages never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
