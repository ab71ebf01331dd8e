"""
Lists of events, written in Python: a page of the timeline shows fifty, and rendering each through
an `{% include %}` of a dozen template nodes cost more than the rest of the page together. The markup is the one
that include wrote; every value is escaped (titles, places, summaries, category names) or generated (addresses,
the date's `<time>` elements).
"""

from html import escape  # the plain function: no lazy-string wrapper in a loop of fifty

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


def event_item(event, heading):
    """One event's `<li>` (needs its category selected): title linking to its page, date, place, category."""
    featured = event.featured
    place = f'<span class="event-place">{escape(event.location)}</span>' if event.location else ""
    badge = '<strong class="badge">Key moment</strong>' if featured else ""
    return (
        f'<li class="event{" event-featured" if featured else ""}">\n  <article>\n'
        f'    <h{heading} class="event-title"><a href="{escape(event.get_absolute_url())}">{escape(event.title)}</a>'
        f"</h{heading}>\n"
        f'    <p class="event-meta">\n      <span class="event-date">{event.date_html}</span>\n'
        f"      {place}\n"
        f'      <a class="event-category" href="{escape(event.category.get_absolute_url())}">'
        f"{escape(event.category.name)}</a>\n"
        f"      {badge}\n    </p>\n"
        f'    <p class="event-summary">{escape(event.summary)}</p>\n  </article>\n</li>'
    )


@register.filter
def event_items(events, heading):
    """`{{ events|event_items:3 }}`: the `<li>` of each event, its title a heading of level `heading` (2–6)."""
    heading = int(heading)
    if not 2 <= heading <= 6:
        raise ValueError("An event's title is a heading of level 2 to 6.")
    return mark_safe("".join(event_item(event, heading) for event in events))  # noqa: S308 - escaped above
