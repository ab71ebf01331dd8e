from django.apps import AppConfig


class ObligationsConfig(AppConfig):
    name = "obligations"
    verbose_name = "Obligations (Articles 4, 5 and 7)"

    def ready(self):
        from core import cache

        cache.watch(self)  # the obligations pages are public: a change renews the page cache
