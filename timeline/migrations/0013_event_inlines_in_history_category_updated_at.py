import django.utils.timezone
from django.db import migrations, models

SOURCE_FIELDS = ("id", "title", "url", "position")
PICTURE_FIELDS = ("id", "image", "alt_text", "caption", "credit", "position")


def record_current_inlines(apps, schema_editor):
    """Each event's latest version records the sources and pictures it has now (as timeline/history.py would have),
    so the first change after this migration shows what it changes in them."""
    Event, HistoricalEvent = apps.get_model("timeline", "Event"), apps.get_model("timeline", "HistoricalEvent")
    EventSource, EventImage = apps.get_model("timeline", "EventSource"), apps.get_model("timeline", "EventImage")
    for event_id in Event.objects.values_list("pk", flat=True):
        latest = HistoricalEvent.objects.filter(id=event_id).order_by("-history_date", "-history_id").first()
        if latest is None:
            continue
        latest.inlines = {
            "sources": list(
                EventSource.objects.filter(event_id=event_id).order_by("position", "pk").values(*SOURCE_FIELDS)
            ),
            "pictures": list(
                EventImage.objects.filter(event_id=event_id).order_by("position", "pk").values(*PICTURE_FIELDS)
            ),
        }
        latest.save(update_fields=["inlines"])


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0012_event_search_sqlite"),
    ]

    operations = [
        migrations.AddField(
            model_name="category",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalcategory",
            name="updated_at",
            field=models.DateTimeField(blank=True, default=django.utils.timezone.now, editable=False),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalevent",
            name="inlines",
            field=models.JSONField(
                blank=True, editable=False, help_text="The event's sources and pictures in this version.", null=True
            ),
        ),
        migrations.RunPython(record_current_inlines, migrations.RunPython.noop, elidable=True),
    ]
