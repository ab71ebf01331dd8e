from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from timeline.sitemaps import AnniversarySitemap, EraSitemap, EventSitemap
from treaty.sitemaps import StateSitemap


class PagesSitemap(Sitemap):
    """The site's own list pages."""

    def items(self):
        return ["core:home", "treaty:state-list", "timeline:event-list", "timeline:anniversary-list"]

    def location(self, name):
        return reverse(name)


# /sitemap.xml: everything a visitor can reach, and nothing they cannot (drafts and scheduled items are left out).
SITEMAPS = {
    "pages": PagesSitemap,
    "eras": EraSitemap,
    "events": EventSitemap,
    "anniversaries": AnniversarySitemap,
    "states": StateSitemap,
}
