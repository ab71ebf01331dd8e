"""
/sitemap.xml: an index of sitemap sections listing every public page with the date it last changed (drafts and
scheduled items left out). Each section holds at most `PAGE_SIZE` addresses (`core.sitemaps.BoundedSitemap`), so no
single file grows with the data.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

PAGE_SIZE = 1000


def latest_update(queryset):
    """
    The newest `updated_at` in `queryset` (None when empty). Asked as "the first row, newest first": with an index
    led by the filtered columns and `updated_at`, the database reads one entry where MAX() over the same filter
    reads every matching row (thousands of published events).
    """
    return queryset.order_by("-updated_at").values_list("updated_at", flat=True).first()


class BoundedSitemap(Sitemap):
    limit = PAGE_SIZE

    def get_latest_lastmod(self):
        """For the index: one aggregate query, where Django's default would walk every item of the section."""
        items = self.items()
        if isinstance(items, QuerySet):
            return latest_update(items)
        return super().get_latest_lastmod()


class PagesSitemap(BoundedSitemap):
    """The site's own list pages, dated by their newest record."""

    def items(self):
        return ["core:home", "treaty:state-list", "timeline:event-list", "timeline:anniversary-list"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        from timeline.models import Anniversary, Event
        from treaty.models import State

        newest = {
            "timeline:event-list": Event.objects.published(),
            "timeline:anniversary-list": Anniversary.objects.published(),
        }.get(name, State.objects.all())
        return latest_update(newest)


def sitemaps():
    """Everything a visitor can reach, and nothing they cannot."""
    from timeline.sitemaps import AnniversarySitemap, EraSitemap, EventSitemap
    from treaty.sitemaps import StateSitemap

    return {
        "pages": PagesSitemap,
        "eras": EraSitemap,
        "events": EventSitemap,
        "anniversaries": AnniversarySitemap,
        "states": StateSitemap,
    }
