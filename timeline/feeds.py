from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.templatetags.site_content import Localized
from core.text import strip_control_characters

from .models import Event

FEED_LENGTH = 50


class EventFeed(Feed):
    """
    /timeline/feed/: an Atom feed of the published events, most recent first; in each language (/fr/timeline/feed/),
    its own text translated, its `xml:lang` and links in that language. An event not yet translated into the feed's
    language gives its English title and summary each followed by the note "(not yet translated)", as its page's
    `<title>` does: a feed entry's text cannot carry a `lang` of its own.
    """

    feed_type = Atom1Feed
    title = _("Timeline of the Anti-Personnel Mine Ban Convention")
    subtitle = _("Events in the history of the Ottawa Process and the Convention, as they are added to the timeline.")

    def link(self):
        return reverse("timeline:event-list")

    def feed_url(self):
        return reverse("timeline:feed")

    def items(self):
        return Event.objects.published().for_feed()[:FEED_LENGTH]

    # What is stored may predate the input's clean-up: XML cannot carry control characters, so none is written.

    def item_title(self, item):
        # Translators: an entry's title in the timeline's feed: “3–4 December 1997: Ottawa signing conference”.
        return strip_control_characters(
            gettext("%(date)s: %(title)s") % {"date": item.date_text, "title": Localized(item, "title").plain()}
        )

    def item_description(self, item):
        # Atom says this summary is HTML; the summary is plain text, so it is escaped to stay text.
        return escape(strip_control_characters(Localized(item, "summary").plain()))

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.publish_at or item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [strip_control_characters(item.category.name)]
