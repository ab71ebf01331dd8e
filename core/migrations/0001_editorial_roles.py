"""
The editorial roles, as groups with exactly the permissions each needs (documented in the README, "Roles").

- Editors write, change and publish content (anniversaries, eras, events with their sources and pictures,
  categories) and keep the treaty records (States, their sources, their public notes). They may delete content,
  never a treaty record, and have no say over user accounts or groups.
- Contributors prepare drafts for an editor to publish: they add and change anniversaries, eras and events (with
  their sources and pictures), but cannot publish, cannot change what is already published or scheduled, and only
  look at categories and the treaty records.

The permissions are created here rather than left to `post_migrate`, so the groups can be given them on a fresh
database. The lists are frozen here on purpose: a later model that editors need gets its own migration.

This migration is the project's, not core's: it grants timeline and treaty permissions, which the ground floor
(`core`, which imports none of our apps) would otherwise know nothing of. It stays in core/migrations only because
moving an applied migration to another app is costly; `pages.backup` knows the groups it makes.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Editors": {
        "timeline.anniversary": ["view", "add", "change", "delete", "publish"],
        "timeline.era": ["view", "add", "change", "delete", "publish"],
        "timeline.event": ["view", "add", "change", "delete", "publish"],
        "timeline.eventsource": ["view", "add", "change", "delete"],
        "timeline.eventimage": ["view", "add", "change", "delete"],
        "timeline.category": ["view", "add", "change", "delete"],
        "treaty.state": ["view", "add", "change", "publish"],
        "treaty.statesource": ["view", "add", "change"],
    },
    "Contributors": {
        "timeline.anniversary": ["view", "add", "change"],
        "timeline.era": ["view", "add", "change"],
        "timeline.event": ["view", "add", "change"],
        "timeline.eventsource": ["view", "add", "change", "delete"],
        "timeline.eventimage": ["view", "add", "change", "delete"],
        "timeline.category": ["view"],
        "treaty.state": ["view"],
        "treaty.statesource": ["view"],
    },
}


def create_roles(apps, schema_editor):
    db = schema_editor.connection.alias
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=db)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.using(db).get_or_create(name=name)
        permissions = []
        for label, actions in grants.items():
            app_label, model = label.split(".")
            for action in actions:
                permissions.append(
                    Permission.objects.using(db).get(
                        content_type__app_label=app_label, content_type__model=model, codename=f"{action}_{model}"
                    )
                )
        group.permissions.set(permissions)


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("treaty", "0003_state_note_publication"),
        ("timeline", "0004_anniversary"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]
