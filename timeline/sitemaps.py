from core.sitemaps import BoundedSitemap

from .models import Anniversary, Era, Event


class EventSitemap(BoundedSitemap):
    """Published events only: a draft or an event scheduled for later is left out until its time comes."""

    def items(self):
        return Event.objects.published().order_by("date", "pk")

    def lastmod(self, event):
        return event.updated_at


class EraSitemap(BoundedSitemap):
    def items(self):
        return Era.objects.published().order_by("start_date")

    def lastmod(self, era):
        return era.updated_at


class AnniversarySitemap(BoundedSitemap):
    def items(self):
        return Anniversary.objects.published().order_by("years")

    def lastmod(self, anniversary):
        return anniversary.updated_at
