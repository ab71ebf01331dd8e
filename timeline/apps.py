from django.apps import AppConfig


class TimelineConfig(AppConfig):
    name = "timeline"

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from core import cache

        from . import history
        from .models import Event

        # Each new version of an event records its sources and pictures (timeline/history.py).
        pre_create_historical_record.connect(history.on_new_version, sender=Event.history.model)
        cache.watch(self)  # events, eras and anniversaries are the public pages: a change renews the page cache
