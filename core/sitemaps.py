"""
The base of every sitemap section: at most `PAGE_SIZE` addresses each (`BoundedSitemap`), so no single file grows
with the data, and the index dated by one query per section. Each app has its sections (`treaty.sitemaps`,
`timeline.sitemaps`); `pages.sitemaps` gathers them into /sitemap.xml. Every section lists its pages in the six
languages, with hreflang alternates.
"""

from collections.abc import Sequence

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

PAGE_SIZE = 1000


def latest_update(queryset):
    """
    The newest `updated_at` in `queryset` (None when empty). Asked as "the first row, newest first": with an index
    led by the filtered columns and `updated_at`, the database reads one entry where MAX() over the same filter
    reads every matching row (thousands of published events).
    """
    return queryset.order_by("-updated_at").values_list("updated_at", flat=True).first()


class InEveryLanguage(Sequence):
    """
    `(item, language)` for each row of `queryset` in each of `languages`, in the order Django's i18n sitemap pairs
    them, read from the database a page at a time: Django's own list pairs every row of the section first, so the
    index and each page of a section would read every published event to show a thousand addresses.
    """

    def __init__(self, queryset, languages):
        self.queryset = queryset
        self.languages = list(languages)

    @cached_property
    def rows(self):
        return self.queryset.count()

    def __len__(self):
        return self.rows * len(self.languages)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            pairs = self[index : index + 1] if index >= 0 else self[len(self) + index :][:1]
            if not pairs:
                raise IndexError(index)
            return pairs[0]
        start, stop, step = index.indices(len(self))
        per_row = len(self.languages)
        first = start // per_row
        rows = self.queryset[first : -(-stop // per_row)] if stop > start else []
        pairs = [(row, language) for row in rows for language in self.languages]
        return pairs[start - first * per_row : stop - first * per_row : step]


class BoundedSitemap(Sitemap):
    limit = PAGE_SIZE
    # Every page in each of settings.LANGUAGES: one address per language, each listing all of them (and x-default,
    # the English one) as `<xhtml:link rel="alternate" hreflang>`. The limit counts addresses, so languages included.
    i18n = True
    alternates = True
    x_default = True

    @property
    def paginator(self):
        """Django's paginator over the section's addresses, counted by one query and read a page at a time."""
        items = self.items()
        if self.i18n and isinstance(items, QuerySet):
            languages = self.languages or [code for code, _ in settings.LANGUAGES]
            return Paginator(InEveryLanguage(items, languages), self.limit)
        return super().paginator

    def get_latest_lastmod(self):
        """For the index: one aggregate query, where Django's default would walk every item of the section."""
        items = self.items()
        if isinstance(items, QuerySet):
            return latest_update(items)
        return super().get_latest_lastmod()
