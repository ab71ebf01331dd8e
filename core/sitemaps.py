"""
The base of every sitemap section: at most `PAGE_SIZE` addresses each (`BoundedSitemap`), so no single file grows
with the data, and the index dated by one query per section. Each app has its sections (`treaty.sitemaps`,
`timeline.sitemaps`); `pages.sitemaps` gathers them into /sitemap.xml. Every section lists its pages in the six
languages, with hreflang alternates.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

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
    # Every page in each of settings.LANGUAGES: one address per language, each listing all of them (and x-default,
    # the English one) as `<xhtml:link rel="alternate" hreflang>`. The limit counts addresses, so languages included.
    i18n = True
    alternates = True
    x_default = True

    def get_latest_lastmod(self):
        """For the index: one aggregate query, where Django's default would walk every item of the section."""
        items = self.items()
        if isinstance(items, QuerySet):
            return latest_update(items)
        return super().get_latest_lastmod()
