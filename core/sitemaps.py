"""
/sitemap.xml: an index of sitemap sections listing every public page with the date it last changed (drafts and
scheduled items left out). Each section holds at most `PAGE_SIZE` addresses, so no single file grows with the data.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from timeline.models import Era, Event
from treaty.models import State

PAGE_SIZE = 1000


class PagesSitemap(Sitemap):
    limit = PAGE_SIZE

    """The site's list pages, dated by their newest record."""

    def items(self):
        return ["core:home", "treaty:state-list", "timeline:event-list"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        if item == "timeline:event-list":
            return Event.objects.published().aggregate(latest=Max("updated_at"))["latest"]
        return State.objects.aggregate(latest=Max("updated_at"))["latest"]


class StateSitemap(Sitemap):
    limit = PAGE_SIZE

    def items(self):
        return State.objects.order_by("iso3").only("iso3", "updated_at")

    def lastmod(self, state):
        return state.updated_at


class EraSitemap(Sitemap):
    limit = PAGE_SIZE

    def items(self):
        return Era.objects.published().order_by("start_date")

    def lastmod(self, era):
        return era.updated_at


class EventSitemap(Sitemap):
    limit = PAGE_SIZE

    def items(self):
        return Event.objects.published().order_by("date", "pk").only("slug", "updated_at")

    def lastmod(self, event):
        return event.updated_at


SITEMAPS = {"pages": PagesSitemap, "states": StateSitemap, "eras": EraSitemap, "events": EventSitemap}
