import xml.etree.ElementTree as ET
from datetime import date

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import cache
from tests.treaty.factories import StateFactory
from tests.utils import page_queries
from timeline import services
from timeline.dates import Precision
from timeline.models import Event
from treaty.models import State

from .factories import CategoryFactory, EraFactory, EventFactory, EventSourceFactory, picture_upload


def make_eras():
    campaign = EraFactory(
        title="Campaign for a ban",
        slug="campaign-for-a-ban",
        start_date=date(1991, 1, 1),
        end_date=date(1996, 9, 30),
        period_precision=Precision.YEAR,
    )
    ottawa = EraFactory(
        title="The Ottawa Process",
        short_title="Ottawa Process",
        slug="ottawa-process",
        start_date=date(1996, 10, 1),
        end_date=date(1997, 12, 31),
        introduction="The **Ottawa Process** began in October 1996. Today [[figure:parties]] States are party.",
    )
    implementation = EraFactory(
        title="Implementation",
        slug="implementation",
        start_date=date(1999, 3, 2),
        end_date=None,
        period_precision=Precision.YEAR,
    )
    return campaign, ottawa, implementation


class TimelinePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.campaign, cls.ottawa, cls.implementation = make_eras()
        cls.conference = CategoryFactory(name="Conference", slug="conference")
        cls.signature = CategoryFactory(name="Signature", slug="signature")
        cls.icbl = EventFactory(
            title="ICBL formally launched", date=date(1992, 10, 1), date_precision=Precision.MONTH, location=""
        )
        cls.strategy = EventFactory(
            title="Ottawa strategy conference", date=date(1996, 10, 3), end_date=date(1996, 10, 5), featured=True
        )
        cls.signing = EventFactory(
            title="Ottawa signing conference",
            date=date(1997, 12, 3),
            end_date=date(1997, 12, 4),
            category=cls.signature,
        )
        cls.review = EventFactory(
            title="Second Review Conference",
            date=date(2009, 11, 29),
            end_date=date(2009, 12, 4),
            location="Cartagena, Colombia",
        )
        cls.draft = EventFactory(title="Unpublished draft", date=date(1997, 1, 1), draft=True)
        cls.ungrouped = EventFactory(title="Before any era", date=date(1985, 1, 1), date_precision=Precision.YEAR)

    def get(self, query="", **kwargs):
        return self.client.get(reverse("timeline:event-list") + query, **kwargs)

    def titles(self, response):
        return [event.title for event in response.context["events"]]

    def test_all_published_events_oldest_first(self):
        response = self.get()

        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            self.titles(response),
            [
                "Before any era",
                "ICBL formally launched",
                "Ottawa strategy conference",
                "Ottawa signing conference",
                "Second Review Conference",
            ],
        )
        self.assertNotContains(response, "Unpublished draft")
        self.assertContains(response, '<li aria-current="page">Timeline</li>', html=True)
        self.assertContains(response, "5 events.")

    def test_events_are_grouped_under_eras_and_years(self):
        response = self.get()

        self.assertContains(
            response,
            '<h2><a href="/timeline/eras/campaign-for-a-ban/">Campaign for a ban</a> <span class="period">'
            '<time datetime="1991">1991</time>–<time datetime="1996">1996</time></span></h2>',
            html=True,
        )
        self.assertContains(response, '<a href="/ottawa-process/">The Ottawa Process</a>')
        self.assertContains(response, '<h3 class="year">1992</h3>', html=True)
        self.assertContains(response, '<h3 class="year">2009</h3>', html=True)
        self.assertContains(response, '<a href="/timeline/eras/implementation/">Implementation</a>')
        self.assertContains(response, "<h2>Other events</h2>", html=True)  # 1985 falls in no era
        content = response.content.decode()
        content = content[content.index("<section") :]
        headings = ["Other events", "Campaign for a ban", "The Ottawa Process", "Implementation"]
        positions = [content.index(f"{heading}</") for heading in headings]
        self.assertEqual(positions, sorted(positions))

    def test_each_event_shows_its_date_place_and_category(self):
        response = self.get()

        self.assertContains(response, '<time datetime="1992-10">October 1992</time>', html=True)
        self.assertContains(
            response,
            '<span class="event-date"><time datetime="2009-11-29">29 November</time> – '
            '<time datetime="2009-12-04">4 December 2009</time></span>',
            html=True,
        )
        self.assertContains(response, '<span class="event-place">Cartagena, Colombia</span>', html=True)
        self.assertContains(
            response, '<a class="event-category" href="/timeline/?category=signature">Signature</a>', html=True
        )
        self.assertContains(response, '<strong class="badge">Key moment</strong>', count=1, html=True)

    def test_links_to_the_feed(self):
        response = self.get()
        self.assertContains(response, '<link rel="alternate" type="application/atom+xml"')
        self.assertContains(response, 'href="/timeline/feed/"')

    def test_every_filter_control_has_a_label(self):
        response = self.get()
        for name, label in (("category", "Category"), ("era", "Era"), ("from", "From year"), ("to", "To year")):
            self.assertContains(response, f'<label for="id_{name}">{label}</label>', html=True)

    def test_a_rejected_value_is_tied_to_its_message(self):
        response = self.get("?from=abc&category=%22%3E%3Cscript%3E")

        self.assertEqual(response.status_code, 400)
        for name in ("from", "category"):
            with self.subTest(field=name):
                self.assertContains(
                    response, f'aria-invalid="true" aria-describedby="id_{name}_error"', status_code=400
                )
                self.assertContains(response, f'<ul class="errorlist" id="id_{name}_error">', status_code=400)
        self.assertNotContains(response, '"><script>', status_code=400)
        self.assertContains(response, 'value="abc"', status_code=400)

    def test_year_inputs_are_valid_html_numbers(self):
        response = self.get()
        self.assertContains(
            response,
            '<input type="number" name="from" min="1900" max="2100" inputmode="numeric" id="id_from">',
            html=True,
        )
        self.assertNotContains(response, "size=")

    def test_filter_by_category(self):
        self.assertEqual(self.titles(self.get("?category=signature")), ["Ottawa signing conference"])

    def test_filter_by_era_includes_events_an_editor_added(self):
        self.review.also_in_eras.add(self.ottawa)

        response = self.get("?era=ottawa-process")

        self.assertEqual(
            self.titles(response),
            ["Ottawa strategy conference", "Ottawa signing conference", "Second Review Conference"],
        )
        self.assertEqual([section.era for section in response.context["sections"]], [self.ottawa])

    def test_filter_by_year_range(self):
        self.assertEqual(
            self.titles(self.get("?category=conference&from=1996&to=1999")), ["Ottawa strategy conference"]
        )
        self.assertEqual(self.titles(self.get("?from=2000")), ["Second Review Conference"])
        self.assertEqual(self.titles(self.get("?to=1992")), ["Before any era", "ICBL formally launched"])

    def test_filters_are_kept_in_the_form(self):
        response = self.get("?category=conference&from=1996&to=1999")
        self.assertContains(response, '<option value="conference" selected>Conference</option>', html=True)
        self.assertContains(response, 'name="from" value="1996"')
        self.assertContains(response, '<a href="/timeline/">Clear filters</a>', html=True)

    def test_an_empty_result_says_so(self):
        response = self.get("?from=1986&to=1990")

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "No events match these filters.")

    def test_no_events_at_all_says_so(self):
        Event.objects.all().delete()
        self.assertContains(self.get(), "No events have been published yet.")

    def test_bad_values_get_a_message_and_400_never_a_500(self):
        cases = {
            "?from=abc": "From year: Enter a year, such as 1996.",
            "?to=19x9": "To year: Enter a year, such as 1999.",
            "?from=99999999999999999999999": "From year",
            "?from=1800": "From year: Ensure this value is greater than or equal to 1900.",
            "?category=%3Cscript%3Ealert(1)%3C/script%3E": "There is no such category.",
            "?era=nowhere": "There is no such era.",
            "?from=1999&to=1996": "“From year” (1999) comes after “To year” (1996): swap them.",
            "?page=x": "Page: Enter a page number, such as 2.",
            "?page=0": "Page: Ensure this value is greater than or equal to 1.",
            "?page=-1": "Page",
        }
        for query, message in cases.items():
            with self.subTest(query):
                response = self.get(query)
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, "These filters cannot be used", status_code=400)
                self.assertContains(response, message, status_code=400)
                self.assertNotContains(response, "<script>", status_code=400)
                self.assertNotContains(response, 'class="events"', status_code=400)

    def test_hostile_input_is_never_reflected_as_markup(self):
        response = self.get('?from="><script>alert(1)</script>&category=x"onmouseover="alert(1)')

        self.assertEqual(response.status_code, 400)
        self.assertNotContains(response, "<script>alert(1)", status_code=400)
        self.assertNotContains(response, '"onmouseover="', status_code=400)

    def test_a_page_past_the_end_is_explained(self):
        response = self.get("?page=999")

        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "There is no page 999", status_code=404)
        self.assertContains(response, "These events fit on one page.", status_code=404)

    def test_only_get_and_head(self):
        self.assertEqual(self.client.post(reverse("timeline:event-list")).status_code, 405)
        self.assertEqual(self.client.head(reverse("timeline:event-list")).status_code, 200)


class TimelinePaginationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        category = CategoryFactory(name="Conference", slug="conference")
        Event.objects.bulk_create(
            EventFactory.build(
                title=f"Event {n:03}", slug=f"event-{n:03}", date=date(1990 + n // 10, 1, 1 + n % 10), category=category
            )
            for n in range(60)
        )

    def test_fifty_events_a_page_with_links_that_keep_the_filters(self):
        first = self.client.get(reverse("timeline:event-list") + "?category=conference")
        second = self.client.get(reverse("timeline:event-list") + "?category=conference&page=2")

        self.assertEqual(len(first.context["events"]), 50)
        self.assertContains(first, "Page 1 of 2")
        self.assertContains(first, '<a rel="next" href="?category=conference&amp;page=2">Later events</a>', html=True)
        self.assertEqual([e.title for e in second.context["events"]], [f"Event {n:03}" for n in range(50, 60)])
        self.assertContains(
            second, '<a rel="prev" href="?category=conference&amp;page=1">Earlier events</a>', html=True
        )

        past_the_end = self.client.get(reverse("timeline:event-list") + "?page=3")
        self.assertContains(past_the_end, "These events fill 2 pages.", status_code=404)


class TimelineQueryCountTests(TestCase):
    """The timeline page's queries are a fixed number, however many events there are."""

    @classmethod
    def setUpTestData(cls):
        make_eras()
        cls.categories = [CategoryFactory(name=f"Category {n}") for n in range(5)]

    def make_events(self, count):
        Event.objects.bulk_create(
            EventFactory.build(
                title=f"Event {n}",
                slug=f"event-{n}",
                date=date(1996 + n % 2, 10 + n % 3, 1),  # all in the Ottawa Process, so filters find some
                category=self.categories[n % 5],
            )
            for n in range(Event.objects.count(), Event.objects.count() + count)
        )
        with self.captureOnCommitCallbacks(execute=True):  # as if committed: the version is renewed after commits
            cache.content_changed()  # bulk_create sends no save signals: bulk writers renew the page cache themselves

    def count_queries(self, query=""):
        cache.content_version()  # computed once per content change, not per page (see tests.utils.page_queries)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(reverse("timeline:event-list") + query)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_query_count_is_pinned_and_does_not_grow(self):
        self.make_events(5)
        # count, the page of events (with categories), eras for the headings, and the two menus of the filter form
        with page_queries(self, 5):
            self.client.get(reverse("timeline:event-list"))

        self.make_events(45)  # ten times as many
        with page_queries(self, 5):
            self.client.get(reverse("timeline:event-list"))

    def test_filtered_query_count_does_not_grow(self):
        self.make_events(5)
        query = "?category=category-1&era=ottawa-process&from=1991&to=2030"
        few = self.count_queries(query)
        self.make_events(45)
        self.assertEqual(self.count_queries(query), few)
        self.assertEqual(
            few, 6 + cache.FRESHNESS_QUERIES
        )  # the above, plus the chosen category and era; eras not reloaded for headings


class EventPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.campaign, cls.ottawa, cls.implementation = make_eras()
        cls.before = EventFactory(title="Oslo Diplomatic Conference", date=date(1997, 9, 1), end_date=date(1997, 9, 18))
        cls.event = EventFactory(
            title="Ottawa signing conference",
            date=date(1997, 12, 3),
            end_date=date(1997, 12, 4),
            location="Ottawa, Canada",
            summary="The Convention opens for signature in Ottawa.",
            body="It was **signed** by [[figure:states]] States.\n\n<script>alert(1)</script>"
            '<a href="javascript:alert(1)" onclick="x">bad</a>',
        )
        cls.after = EventFactory(title="Signature moves to UN Headquarters", date=date(1997, 12, 5))
        cls.hidden = EventFactory(title="Hidden", date=date(1997, 12, 4), draft=True)
        EventSourceFactory(event=cls.event, title="un.org", url="http://www.un.org/disarmament/")
        EventSourceFactory(event=cls.event, title="icbl.org", url="https://www.icbl.org/")
        cls.canada = StateFactory(name="Canada", iso2="CA", iso3="CAN")
        cls.ireland = StateFactory(name="Ireland", iso2="IE", iso3="IRL")
        cls.event.related_states.add(cls.canada, cls.ireland)
        cls.event.also_in_eras.add(cls.implementation)
        services.add_event_image(
            event=cls.event,
            image_file=picture_upload(size=(1000, 500)),
            alt_text="Ministers at the signing table",
            caption="Signing in Ottawa",
            credit="© Example Agency",
        )

    def get(self, event=None):
        return self.client.get((event or self.event).get_absolute_url())

    def test_date_place_and_summary(self):
        response = self.get()

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<h1>Ottawa signing conference</h1>", html=True)
        self.assertContains(
            response,
            '<dd><time datetime="1997-12-03">3</time>–<time datetime="1997-12-04">4 December 1997</time></dd>',
            html=True,
        )
        self.assertContains(response, "<dt>Place</dt><dd>Ottawa, Canada</dd>", html=True)
        self.assertContains(response, '<p class="lede">The Convention opens for signature in Ottawa.</p>', html=True)
        self.assertContains(response, "<title>Ottawa signing conference (3–4 December 1997) · Timeline")

    def test_breadcrumbs(self):
        self.assertContains(
            self.get(),
            '<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li>'
            '<li><a href="/timeline/">Timeline</a></li>'
            '<li aria-current="page">Ottawa signing conference</li></ol></nav>',
            html=True,
        )

    def test_body_is_rendered_with_live_figures_and_sanitised(self):
        response = self.get()

        self.assertContains(
            response, f"<p>It was <strong>signed</strong> by {State.objects.count()} States.</p>", html=True
        )
        self.assertNotContains(response, "alert(1)")
        self.assertNotContains(response, "onclick")
        self.assertContains(response, '<a rel="noopener noreferrer">bad</a>', html=True)

    def test_eras_by_date_and_by_choice(self):
        self.assertContains(
            self.get(),
            '<dt>Era</dt><dd><a href="/ottawa-process/">The Ottawa Process</a>, '
            '<a href="/timeline/eras/implementation/">Implementation</a></dd>',
            html=True,
        )

    def test_images_with_renditions_alt_caption_and_credit(self):
        response = self.get()
        image = self.event.images.get()

        self.assertContains(response, 'alt="Ministers at the signing table"')
        self.assertContains(response, '<source type="image/webp" srcset="' + image.webp_srcset)
        self.assertContains(response, 'srcset="' + image.jpeg_srcset)
        self.assertContains(
            response,
            '<figcaption>Signing in Ottawa <span class="credit">© Example Agency</span></figcaption>',
            html=True,
        )

    def test_sources_are_links(self):
        response = self.get()
        self.assertContains(
            response,
            '<a href="http://www.un.org/disarmament/" rel="external noopener noreferrer">un.org</a>',
            html=True,
        )
        self.assertContains(
            response, '<a href="https://www.icbl.org/" rel="external noopener noreferrer">icbl.org</a>', html=True
        )

    def test_related_states_link_to_their_pages(self):
        response = self.get()
        self.assertContains(response, "<h2>States</h2>", html=True)
        self.assertContains(response, '<li><a href="/states/can/">Canada</a></li>', html=True)
        self.assertContains(response, '<li><a href="/states/irl/">Ireland</a></li>', html=True)

    def test_previous_and_next_skip_drafts(self):
        response = self.get()

        self.assertEqual(response.context["previous_event"], self.before)
        self.assertEqual(response.context["next_event"], self.after)
        self.assertContains(response, 'rel="prev" href="/timeline/oslo-diplomatic-conference/"')
        self.assertContains(response, "Previous: 1–18 September 1997")
        self.assertContains(response, 'rel="next" href="/timeline/signature-moves-to-un-headquarters/"')
        self.assertNotContains(response, "Hidden")

    def test_first_event_has_no_previous(self):
        response = self.get(self.before)
        self.assertIsNone(response.context["previous_event"])
        self.assertNotContains(response, 'rel="prev"')

    def test_drafts_and_unknown_slugs_are_404(self):
        self.assertEqual(self.get(self.hidden).status_code, 404)
        self.assertEqual(self.client.get("/timeline/no-such-event/").status_code, 404)
        self.assertEqual(self.client.get("/timeline/%3Cscript%3E/").status_code, 404)

    def test_query_count_is_fixed(self):
        # event; its sources, images, renditions, States and chosen eras; previous, next, eras by date;
        # for the placeholder in the body, the figures.
        with page_queries(self, 10):
            self.get()


class EraPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.campaign, cls.ottawa, cls.implementation = make_eras()
        cls.strategy = EventFactory(
            title="Ottawa strategy conference",
            date=date(1996, 10, 3),
            end_date=date(1996, 10, 5),
            location="Ottawa, Canada",
        )
        cls.oslo = EventFactory(
            title="Oslo Diplomatic Conference",
            date=date(1997, 9, 1),
            end_date=date(1997, 9, 18),
            location="Oslo, Norway",
        )
        cls.belgium = EventFactory(title="Belgium passes first national ban", date=date(1995, 3, 9), location="Belgium")
        cls.entry = EventFactory(title="Convention enters into force", date=date(1999, 3, 1), location="")
        cls.entry.also_in_eras.add(cls.implementation)
        EventFactory(title="Draft in the period", date=date(1997, 1, 1), draft=True)
        for _ in range(3):
            StateFactory(acceded=True)
        StateFactory(signed=True)

    def test_the_ottawa_process_page(self):
        response = self.client.get("/ottawa-process/")

        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response,
            '<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li>'
            '<li aria-current="page">Ottawa Process</li></ol></nav>',
            html=True,
        )
        self.assertContains(response, "<h1>The Ottawa Process</h1>", html=True)
        self.assertContains(
            response,
            '<p class="lede"><time datetime="1996-10">October 1996</time> – '
            '<time datetime="1997-12">December 1997</time></p>',
            html=True,
        )
        self.assertContains(response, "<strong>Ottawa Process</strong> began in October 1996.")
        self.assertEqual(list(response.context["events"]), [self.strategy, self.oslo])
        self.assertNotContains(response, "Draft in the period")
        self.assertNotContains(response, "Belgium passes")

    def test_events_in_order_with_dates_and_places(self):
        response = self.client.get("/ottawa-process/")
        content = response.content.decode()

        self.assertLess(content.index("Ottawa strategy conference"), content.index("Oslo Diplomatic Conference"))
        self.assertContains(
            response,
            '<span class="event-date"><time datetime="1997-09-01">1</time>–'
            '<time datetime="1997-09-18">18 September 1997</time></span>',
            html=True,
        )
        self.assertContains(response, '<span class="event-place">Oslo, Norway</span>', html=True)
        self.assertContains(
            response, '<a href="/timeline/?era=ottawa-process">These events on the timeline</a>', html=True
        )

    def test_live_figures_come_from_the_treaty_data(self):
        response = self.client.get("/ottawa-process/")

        self.assertContains(
            response,
            '<li><span class="number">3</span> '
            '<span class="label">States are party to the Convention today</span></li>',
            html=True,
        )
        intro = "<p>The <strong>Ottawa Process</strong> began in October 1996. Today {} States are party.</p>"
        self.assertContains(response, intro.format(3), html=True)

        with self.captureOnCommitCallbacks(execute=True):  # committed: the page cache is renewed
            StateFactory(acceded=True)
        self.assertContains(self.client.get("/ottawa-process/"), intro.format(4), html=True)

    def test_the_era_address_redirects_to_the_canonical_one(self):
        response = self.client.get("/timeline/eras/ottawa-process/")
        self.assertRedirects(response, "/ottawa-process/", status_code=301)

    def test_other_eras_live_under_the_timeline(self):
        response = self.client.get("/timeline/eras/implementation/")

        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response,
            '<ol><li><a href="/">Home</a></li><li><a href="/timeline/">Timeline</a></li>'
            '<li aria-current="page">Implementation</li></ol>',
            html=True,
        )
        self.assertContains(response, '<time datetime="1999">1999</time> onward', html=True)
        # Entry into force is dated in no era here, but an editor chose to show it in this one.
        self.assertEqual(list(response.context["events"]), [self.entry])

    def test_the_eras_are_listed_with_the_current_one_marked(self):
        response = self.client.get("/timeline/eras/campaign-for-a-ban/")
        self.assertContains(response, '<span aria-current="page">Campaign for a ban</span>', html=True)
        self.assertContains(response, '<a href="/ottawa-process/">The Ottawa Process</a>', html=True)

    def test_an_era_without_events_says_so(self):
        era = EraFactory(title="Quiet", start_date=date(1980, 1, 1), end_date=date(1980, 12, 31))
        self.assertContains(
            self.client.get(era.get_absolute_url()), "No events of this period have been published yet."
        )

    def test_unknown_and_draft_eras_are_404(self):
        draft = EraFactory(title="Draft era", start_date=date(1970, 1, 1), end_date=date(1970, 12, 31), draft=True)
        self.assertEqual(self.client.get("/timeline/eras/no-such-era/").status_code, 404)
        self.assertEqual(self.client.get(f"/timeline/eras/{draft.slug}/").status_code, 404)

    def test_query_count_is_fixed(self):
        # era; its events; the figures; the list of eras; the figures placeholder in the introduction
        with page_queries(self, 5):
            self.client.get("/ottawa-process/")


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.old = EventFactory(
            title="Old", date=date(1991, 1, 1), date_precision=Precision.YEAR, summary="In 1991 <b>x</b>"
        )
        cls.new = EventFactory(title="New", date=date(2025, 6, 27))
        EventFactory(title="Not yet", draft=True)

    def test_atom_feed_of_published_events_newest_first(self):
        response = self.client.get(reverse("timeline:feed"))

        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/atom+xml"))
        ns = {"atom": "http://www.w3.org/2005/Atom"}
        feed = ET.fromstring(response.content)
        titles = [entry.find("atom:title", ns).text for entry in feed.findall("atom:entry", ns)]
        self.assertEqual(titles, ["27 June 2025: New", "1991: Old"])
        links = [entry.find("atom:link", ns).get("href") for entry in feed.findall("atom:entry", ns)]
        self.assertEqual(links, ["http://testserver/timeline/new/", "http://testserver/timeline/old/"])
        self.assertEqual(feed.find("atom:entry/atom:category", ns).get("term"), "Conference")

    def test_plain_text_summaries_stay_text(self):
        ns = {"atom": "http://www.w3.org/2005/Atom"}
        feed = ET.fromstring(self.client.get(reverse("timeline:feed")).content)
        summaries = [entry.find("atom:summary", ns).text for entry in feed.findall("atom:entry", ns)]
        self.assertIn("In 1991 &lt;b&gt;x&lt;/b&gt;", summaries)


class NavigationTests(TestCase):
    def test_header_links_to_the_timeline_and_the_ottawa_process(self):
        response = self.client.get(reverse("pages:home"))
        self.assertContains(response, '<a href="/timeline/">Timeline</a>', html=True)
        self.assertContains(response, '<a href="/ottawa-process/">Ottawa Process</a>', html=True)

    def test_the_current_section_is_marked(self):
        response = self.client.get(reverse("timeline:event-list"))
        self.assertContains(response, '<a href="/timeline/" aria-current="page">Timeline</a>', html=True)


class EraPageBoundTests(TestCase):
    def test_an_era_page_stays_bounded_and_links_to_the_rest(self):
        from timeline.views import PERIOD_PAGE_EVENTS

        _, ottawa, _ = make_eras()
        category = CategoryFactory()
        Event.objects.bulk_create(
            EventFactory.build(title=f"Event {n}", slug=f"event-{n}", date=date(1997, 1, 1 + n % 28), category=category)
            for n in range(PERIOD_PAGE_EVENTS + 10)
        )
        with self.captureOnCommitCallbacks(execute=True):
            cache.content_changed()
        response = self.client.get(ottawa.get_absolute_url())

        self.assertEqual(len(response.context["events"]), PERIOD_PAGE_EVENTS)
        self.assertContains(response, f"The first {PERIOD_PAGE_EVENTS} events of the period are shown here.")
        self.assertContains(response, "Every event of the period, on the timeline")
