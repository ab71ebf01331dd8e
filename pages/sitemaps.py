"""
/sitemap.xml: an index of sitemap sections listing every public page with the date it last changed (drafts and
scheduled items left out). The sections are the apps' own (`treaty.sitemaps`, `timeline.sitemaps`,
`meetings.sitemaps`), plus the site's list pages.
"""

from django.urls import reverse

from core.sitemaps import BoundedSitemap, latest_update
from meetings.models import Meeting
from meetings.sitemaps import MeetingSitemap
from obligations.models import ClearanceObligation, StockpileObligation
from timeline.models import Anniversary, Event
from timeline.sitemaps import AnniversarySitemap, EraSitemap, EventSitemap
from treaty.models import State
from treaty.sitemaps import StateSitemap

OBLIGATION_PAGES = {"obligations:clearance": ClearanceObligation, "obligations:stockpiles": StockpileObligation}


class PagesSitemap(BoundedSitemap):
    """The site's own list pages, dated by their newest record."""

    def items(self):
        return [
            "pages:home",
            "treaty:state-list",
            "timeline:event-list",
            "timeline:anniversary-list",
            "meetings:meeting-list",
            "obligations:clearance",
            "obligations:stockpiles",
        ]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        newest = {
            "timeline:event-list": Event.objects.published(),
            "timeline:anniversary-list": Anniversary.objects.published(),
            "meetings:meeting-list": Meeting.objects.published(),
        }.get(name, State.objects.all())
        if name in OBLIGATION_PAGES:  # the States' dates set the deadlines: the later of the two changes
            changes = [latest_update(OBLIGATION_PAGES[name].objects.all()), latest_update(newest)]
            return max((change for change in changes if change), default=None)
        return latest_update(newest)


def sitemaps():
    """Everything a visitor can reach, and nothing they cannot."""
    return {
        "pages": PagesSitemap,
        "eras": EraSitemap,
        "events": EventSitemap,
        "anniversaries": AnniversarySitemap,
        "states": StateSitemap,
        "meetings": MeetingSitemap,
    }
