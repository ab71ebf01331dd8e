"""The site's own settings for the worker processes of tests/cluster: static files by plain names (no collectstatic)."""

from ottawa.settings import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
