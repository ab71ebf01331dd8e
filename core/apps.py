from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    # Apps whose records appear on public pages: any change to them invalidates the page cache.
    CONTENT_APPS = ("treaty", "timeline")

    def ready(self):
        from django.apps import apps

        from . import cache

        for label in self.CONTENT_APPS:
            if not apps.is_installed(label):
                continue
            for model in apps.get_app_config(label).get_models():
                for signal in (post_save, post_delete):
                    signal.connect(
                        cache.invalidate, sender=model, dispatch_uid=f"ottawa-cache-{signal}-{model._meta.label}"
                    )
        m2m_changed.connect(cache.invalidate, dispatch_uid="ottawa-cache-m2m")
