"""
The editorial roles (core migration 0001) for meetings: Editors write, change, publish and delete meetings and
their sources; Contributors prepare drafts (add and change meetings, their sources too) and cannot publish.
As in core's migration, the lists are frozen here; the permissions are created first, so a fresh database has them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Editors": {
        "meetings.meeting": ["view", "add", "change", "delete", "publish"],
        "meetings.meetingsource": ["view", "add", "change", "delete"],
    },
    "Contributors": {
        "meetings.meeting": ["view", "add", "change"],
        "meetings.meetingsource": ["view", "add", "change", "delete"],
    },
}


def permissions(apps, db, grants):
    Permission = apps.get_model("auth", "Permission")
    for label, actions in grants.items():
        app_label, model = label.split(".")
        for action in actions:
            yield Permission.objects.using(db).get(
                content_type__app_label=app_label, content_type__model=model, codename=f"{action}_{model}"
            )


def grant(apps, schema_editor):
    db = schema_editor.connection.alias
    app_config = apps.get_app_config("meetings")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=db)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    for name, grants in ROLES.items():
        group, _ = Group.objects.using(db).get_or_create(name=name)
        group.permissions.add(*permissions(apps, db, grants))


def revoke(apps, schema_editor):
    db = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    for name, grants in ROLES.items():
        for group in Group.objects.using(db).filter(name=name):
            group.permissions.remove(*permissions(apps, db, grants))


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_details_sources_history_event"),
        ("core", "0001_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
