from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings of the States Parties"

    def ready(self):
        from core import cache
        from timeline import mirrors

        from .models import Meeting

        cache.watch(self)  # meeting pages are public: a change renews the page cache
        # A meeting's timeline event follows the meeting (`services.sync_event`): the timeline's admin shows the
        # fields the meeting writes read-only, and keeps its publication actions off the event.
        mirrors.register(
            relation=Meeting._meta.get_field("event").remote_field.related_name, fields=Meeting.mirrored_event_fields
        )
