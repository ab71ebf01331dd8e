from core.sitemaps import BoundedSitemap

from .models import State


class StateSitemap(BoundedSitemap):
    def items(self):
        return State.objects.only("iso3", "updated_at").order_by("name")

    def lastmod(self, state):
        return state.updated_at
