"""What `manage.py backup` writes and `manage.py restore` reads: every model that holds content or treaty data."""

from django.apps import apps

OUR_APPS = ("treaty", "timeline", "exports")  # exports: the export log, an audit trail
BACKUP_MODELS = ("auth.group", "auth.user", *OUR_APPS)


def _models():
    for label in BACKUP_MODELS:
        if "." in label:
            yield apps.get_model(label)
        elif apps.is_installed(label):
            yield from apps.get_app_config(label).get_models()


def restored_models_with_rows():
    """Labels of the backed-up models that already hold rows (a restore needs an empty database)."""
    return [model._meta.label for model in _models() if model._default_manager.exists()]
