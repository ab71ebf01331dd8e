from django.apps import AppConfig


class TimelineConfig(AppConfig):
    name = "timeline"

    def ready(self):
        from core import cache

        cache.watch(self)  # events, eras and anniversaries are the public pages: a change renews the page cache
