"""The event lists of the timeline, eras, anniversaries and the home page (templates/timeline/_event_list.html)."""

from datetime import date

import pytest
from django.template.loader import render_to_string

from timeline.models import Event

from .factories import CategoryFactory, EventFactory

pytestmark = pytest.mark.django_db


def render(events, heading):
    return render_to_string("timeline/_event_list.html", {"events": events, "heading": heading})


def test_each_event_links_to_its_page_and_category_with_its_date_and_place():
    category = CategoryFactory(name="Treaty", slug="treaty")
    EventFactory(title="Signing", slug="signing", date=date(1997, 12, 3), category=category, featured=True)
    EventFactory(title="Quiet day", slug="quiet-day", date=date(1998, 1, 1), category=category, location="")
    html = render(Event.objects.select_related("category").order_by("date"), 3)

    assert html.count("<li") == 2
    assert html.count('<ol class="events">') == 1
    assert '<li class="event event-featured">' in html
    assert '<li class="event">' in html
    assert '<h3 class="event-title"><a href="/timeline/signing/">Signing</a></h3>' in html
    assert '<a class="event-category" href="/timeline/?category=treaty">Treaty</a>' in html
    assert '<time datetime="1997-12-03">3 December 1997</time>' in html
    assert '<span class="event-place">Ottawa, Canada</span>' in html
    assert html.count("event-place") == 1  # the quiet day has no place
    assert html.count('<strong class="badge">Key moment</strong>') == 1


def test_the_title_is_a_heading_of_the_given_level():
    EventFactory(title="Signing", slug="signing")
    html = render(Event.objects.select_related("category"), 4)
    assert '<h4 class="event-title"><a href="/timeline/signing/">Signing</a></h4>' in html


def test_every_text_is_escaped():
    hostile = '<img src=x onerror="alert(1)">'
    EventFactory(title=hostile, location=hostile, summary=hostile, category=CategoryFactory(name=hostile))
    html = render(Event.objects.select_related("category"), 4)
    assert "<img" not in html
    assert html.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;") == 4


def test_no_events_is_an_empty_list():
    assert "<li" not in render([], 3)
