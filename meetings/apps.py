from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings of the States Parties"

    def ready(self):
        from core import cache

        cache.watch(self)  # meeting pages are public: a change renews the page cache
