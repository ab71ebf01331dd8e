from django.apps import AppConfig


class TreatyConfig(AppConfig):
    name = "treaty"

    def ready(self):
        from core import cache

        cache.watch(self)  # States appear on public pages: a change renews the page cache
