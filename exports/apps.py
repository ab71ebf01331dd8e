from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = "Exports"

    def ready(self):
        # Each app's datasets register themselves (`exports.datasets.register`), as admin.py modules do.
        autodiscover_modules("datasets")
