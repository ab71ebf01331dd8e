"""/sitemap.xml: every public page, with the date it last changed. Drafts and scheduled items are left out."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from timeline.models import Era, Event
from treaty.models import State


class PagesSitemap(Sitemap):
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
    def items(self):
        return State.objects.order_by("iso3").only("iso3", "updated_at")

    def lastmod(self, state):
        return state.updated_at


class EraSitemap(Sitemap):
    def items(self):
        return Era.objects.published().order_by("start_date")

    def lastmod(self, era):
        return era.updated_at


class EventSitemap(Sitemap):
    def items(self):
        return Event.objects.published().order_by("date", "pk").only("slug", "updated_at")

    def lastmod(self, event):
        return event.updated_at


SITEMAPS = {"pages": PagesSitemap, "states": StateSitemap, "eras": EraSitemap, "events": EventSitemap}
