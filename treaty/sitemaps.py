from django.contrib.sitemaps import Sitemap

from .models import State


class StateSitemap(Sitemap):
    def items(self):
        return State.objects.only("iso3", "updated_at").order_by("name")

    def lastmod(self, state):
        return state.updated_at
