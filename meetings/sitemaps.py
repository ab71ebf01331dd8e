from core.sitemaps import BoundedSitemap

from .models import Meeting


class MeetingSitemap(BoundedSitemap):
    """Published meetings only: a draft or a meeting scheduled for later is left out until its time comes."""

    def items(self):
        return Meeting.objects.published().order_by("start_date", "pk")

    def lastmod(self, meeting):
        return meeting.updated_at
