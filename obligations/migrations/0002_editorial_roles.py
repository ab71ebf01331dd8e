"""
The editorial roles' permissions on the obligations records (as core's 0001_editorial_roles does for the others):
Editors keep them as they keep the treaty records — view, add and change, and remove an extension entered in
error, never a State's clearance or stockpile record; Contributors only look at them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Editors": {
        "obligations.clearanceobligation": ["view", "add", "change"],
        "obligations.clearanceextension": ["view", "add", "change", "delete"],
        "obligations.stockpileobligation": ["view", "add", "change"],
    },
    "Contributors": {
        "obligations.clearanceobligation": ["view"],
        "obligations.clearanceextension": ["view"],
        "obligations.stockpileobligation": ["view"],
    },
}


def grant(apps, schema_editor):
    db = schema_editor.connection.alias
    app_config = apps.get_app_config("obligations")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=db)
    app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.using(db).get_or_create(name=name)
        for label, actions in grants.items():
            app_label, model = label.split(".")
            group.permissions.add(
                *Permission.objects.using(db).filter(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )


def revoke(apps, schema_editor):
    db = schema_editor.connection.alias
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.using(db).filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.using(db).filter(content_type__app_label="obligations"))


class Migration(migrations.Migration):
    dependencies = [
        ("obligations", "0001_initial"),
        ("core", "0001_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
