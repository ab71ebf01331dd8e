"""Test-only speed-ups and isolation. The environment itself comes from pyproject's pytest `env`."""

import pytest
from django.test import override_settings


@pytest.fixture(autouse=True, scope="session")
def _test_settings(django_test_environment, tmp_path_factory):
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
