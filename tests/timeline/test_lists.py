"""The event lists of the timeline, eras, anniversaries and the home page (timeline_lists.event_items)."""

from datetime import date

import pytest
from django.template import Context, Template, TemplateSyntaxError

from timeline.models import Event

from .factories import CategoryFactory, EventFactory

pytestmark = pytest.mark.django_db


def render(events, heading):
    template = Template("{% load timeline_lists %}<ol>{{ events|event_items:" + str(heading) + " }}</ol>")
    return template.render(Context({"events": events}))


def test_each_event_links_to_its_page_and_category_with_its_date_and_place():
    category = CategoryFactory(name="Treaty", slug="treaty")
    EventFactory(title="Signing", slug="signing", date=date(1997, 12, 3), category=category, featured=True)
    EventFactory(title="Quiet day", slug="quiet-day", date=date(1998, 1, 1), category=category, location="")
    html = render(Event.objects.select_related("category").order_by("date"), 3)

    assert html.count("<li") == 2
    assert '<li class="event event-featured">' in html
    assert '<h3 class="event-title"><a href="/timeline/signing/">Signing</a></h3>' in html
    assert '<a class="event-category" href="/timeline/?category=treaty">Treaty</a>' in html
    assert '<time datetime="1997-12-03">3 December 1997</time>' in html
    assert '<span class="event-place">Ottawa, Canada</span>' in html
    assert html.count("event-place") == 1  # the quiet day has no place
    assert html.count('<strong class="badge">Key moment</strong>') == 1


def test_every_text_is_escaped():
    hostile = '<img src=x onerror="alert(1)">'
    EventFactory(title=hostile, location=hostile, summary=hostile, category=CategoryFactory(name=hostile))
    html = render(Event.objects.select_related("category"), 4)
    assert "<img" not in html
    assert html.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;") == 4


def test_only_heading_levels_two_to_six():
    with pytest.raises((ValueError, TemplateSyntaxError)):
        render([], 7)
