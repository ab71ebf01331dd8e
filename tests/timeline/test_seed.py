from datetime import date
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.test import TestCase

from core.models import PublicationStatus
from tests.utils import staff_user
from timeline import seed
from timeline.dates import Precision
from timeline.models import Category, Era, Event, EventSource
from treaty import rules
from treaty import seed as treaty_seed
from treaty.models import State


def run_seed(**options):
    out = StringIO()
    call_command("seed", stdout=out, **options)
    return out.getvalue()


class SeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.first_output = run_seed()

    def test_the_43_bundled_events_load_published_with_their_sources(self):
        self.assertIn("Timeline: events: 43 created", self.first_output)
        bundled = Event.objects.filter(seed_key__isnull=False)  # the meetings' own events are made by the meetings
        self.assertEqual(bundled.published().count(), 43)
        self.assertEqual(Category.objects.count(), 11)
        self.assertEqual(Era.objects.published().count(), 4)
        self.assertEqual(EventSource.objects.count(), 138)
        self.assertFalse(bundled.filter(sources__isnull=True).exists())
        source = EventSource.objects.get(event__slug="finland-accedes", url__contains="hrw.org")
        self.assertEqual(source.title, "hrw.org")

    def test_precisions_and_ranges_come_through(self):
        texts = dict(Event.objects.values_list("slug", "date_precision"))
        self.assertEqual(texts["landmine-ban-campaign-takes-shape"], Precision.MONTH)
        dates = {event.slug: event.date_text for event in Event.objects.all()}
        self.assertEqual(dates["landmine-ban-campaign-takes-shape"], "November 1991")
        self.assertEqual(dates["twenty-fifth-anniversary"], "November 2022")
        self.assertEqual(dates["ottawa-signing-conference"], "3–4 December 1997")
        self.assertEqual(dates["oslo-diplomatic-conference"], "1–18 September 1997")
        self.assertEqual(dates["second-review-conference-cartagena-summit"], "29 November – 4 December 2009")
        self.assertEqual(dates["first-review-conference-nairobi-summit"], "29 November – 3 December 2004")

    def test_categories_follow_the_issue_and_tell_meetings_apart(self):
        category = dict(Event.objects.values_list("slug", "category__slug"))
        self.assertEqual(category["first-meeting-of-states-parties"], "meeting-of-states-parties")
        self.assertEqual(category["un-general-assembly-backs-a-ban-agreement"], "un-general-assembly")
        self.assertEqual(category["convention-enters-into-force"], "entry-into-force")

    def test_states_named_by_an_event_are_linked(self):
        def states(slug):
            return sorted(Event.objects.get(slug=slug).related_states.values_list("iso3", flat=True))

        self.assertEqual(states("baltic-states-lodge-withdrawal-notices"), ["EST", "LTU", "LVA"])
        self.assertEqual(states("first-three-ratifications"), ["CAN", "IRL", "MUS"])
        self.assertEqual(states("fortieth-instrument-triggers-entry-into-force"), ["BFA"])
        self.assertEqual(states("signature-moves-to-un-headquarters"), ["KEN"])
        self.assertEqual(states("state-of-palestine-accedes"), ["PSE"])
        self.assertEqual(states("ukraine-decrees-exit"), ["UKR"])
        self.assertEqual(states("oslo-diplomatic-conference"), [])

    def test_every_event_falls_into_one_era_by_date(self):
        eras = list(Era.objects.all())
        for event in Event.objects.all():
            with self.subTest(event.slug):
                self.assertEqual(sum(era.contains(event.date) for era in eras), 1)
        ottawa = Era.objects.get(slug="ottawa-process")
        self.assertEqual(Event.objects.in_era(ottawa).count(), 15)
        self.assertEqual(
            list(Event.objects.get(slug="convention-enters-into-force").also_in_eras.values_list("slug", flat=True)),
            ["implementation"],
        )

    def test_era_boundaries_and_periods(self):
        periods = {era.slug: era.period_text for era in Era.objects.all()}
        self.assertEqual(
            periods,
            {
                "campaign-for-a-ban": "1991–1996",
                "ottawa-process": "October 1996 – December 1997",
                "entry-into-force": "1998–1999",
                "implementation": "1999 onward",
            },
        )
        for era in Era.objects.all():
            era.full_clean()  # no overlaps

    def test_the_ottawa_process_introduction_tells_the_numbers_as_the_data_has_them(self):
        intro = Era.objects.get(slug="ottawa-process").introduction
        signed_in_ottawa = State.objects.filter(signed_on__in=rules.OTTAWA_SIGNING_DAYS).count()
        self.assertEqual(signed_in_ottawa, 121)
        self.assertIn(f"{signed_in_ottawa} States signed the Convention", intro)
        self.assertEqual(State.objects.get(iso3="KEN").signed_on, date(1997, 12, 5))
        self.assertIn("On 5 December Kenya signed at United Nations Headquarters", intro)
        # Today's figure is live, never typed in.
        self.assertIn("Today [[figure:parties]] States are party", intro)

    def test_seeded_pages_render(self):
        for url in ["/timeline/", "/ottawa-process/", "/timeline/feed/"] + [
            era.get_absolute_url() for era in Era.objects.all()
        ]:
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 200)
        for event in Event.objects.all():
            with self.subTest(event.slug):
                self.assertContains(self.client.get(event.get_absolute_url()), f"<h1>{event.title}</h1>", html=True)

    def test_the_ottawa_process_page_shows_todays_figure_from_the_data(self):
        response = self.client.get("/ottawa-process/")
        parties = State.objects.figures()["parties"]
        self.assertContains(response, f"<p>Today {parties} States are party to the Convention.</p>", html=True)
        self.assertContains(response, "121 States signed the Convention")


class SeedIdempotenceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        run_seed()

    def test_a_second_run_changes_nothing(self):
        output = run_seed()
        self.assertIn("Timeline: events: 43 unchanged", output)
        self.assertIn("Timeline: eras: 4 unchanged", output)
        self.assertIn("Timeline: categories: 11 unchanged", output)

    def test_editors_changes_are_kept_unless_overwrite(self):
        event = Event.objects.get(slug="finland-accedes")
        event.summary = "Rewritten by an editor."
        event.status = PublicationStatus.DRAFT
        event.save()
        event.sources.all().delete()
        event.related_states.clear()
        era = Era.objects.get(slug="ottawa-process")
        era.introduction = "An editor's introduction."
        era.save()

        output = run_seed()

        self.assertIn("Timeline: events: 1 kept (changed by an editor), 42 unchanged", output)
        event.refresh_from_db()
        self.assertEqual(event.summary, "Rewritten by an editor.")
        self.assertFalse(event.sources.exists())
        self.assertFalse(event.related_states.exists())
        era.refresh_from_db()
        self.assertEqual(era.introduction, "An editor's introduction.")

        run_seed(overwrite=True)

        event.refresh_from_db()
        self.assertTrue(event.summary.startswith("Finland, long a holdout"))
        self.assertEqual(event.status, PublicationStatus.PUBLISHED)
        self.assertEqual(event.sources.count(), 3)
        self.assertEqual(list(event.related_states.values_list("iso3", flat=True)), ["FIN"])
        era.refresh_from_db()
        self.assertIn("Lloyd Axworthy", era.introduction)

    def test_an_editor_can_change_a_seeded_slug_without_seed_duplicating_the_event(self):
        event = Event.objects.get(slug="finland-accedes")
        event.slug = "finland-joins"
        event.save()

        run_seed()

        self.assertEqual(Event.objects.filter(seed_key__isnull=False).count(), 43)
        self.assertTrue(Event.objects.filter(slug="finland-joins").exists())

    def test_events_editors_add_are_left_alone(self):
        Event.objects.create(
            title="An editor's event",
            slug="an-editors-event",
            date=date(2030, 1, 1),
            category=Category.objects.first(),
            summary="Added in the admin.",
            status=PublicationStatus.PUBLISHED,
        )
        run_seed(overwrite=True)
        self.assertTrue(Event.objects.filter(slug="an-editors-event").exists())


WEAK = "https://www.gamereactor.eu/finland-leaves-the-mine-ban-treaty/"
OLD_SUMMARY = "Negotiators agree the text of the Convention on the last day of the Oslo conference."


BUNDLED_EVENT_ROWS = seed.event_rows


def older_bundle():
    """The bundled events as an earlier copy had them: a weak source of Finland's withdrawal notice (since replaced
    by three better ones) and an older summary of the Oslo adoption."""
    for row in BUNDLED_EVENT_ROWS():
        if row["key"] == "finland-lodges-withdrawal":
            row["sources"] = [(seed.source_title(WEAK), WEAK)]
        if row["key"] == "treaty-text-adopted-in-oslo":
            row["values"]["summary"] = OLD_SUMMARY
        yield row


def urls(slug):
    return set(EventSource.objects.filter(event__slug=slug).values_list("url", flat=True))


class RecheckedSourcesTests(TestCase):
    """Seeding a newer bundle over an older one: new sources and summaries reach the events no editor changed."""

    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()
        with mock.patch.object(seed, "event_rows", older_bundle):
            seed.load()
        cls.bundled = {row["key"]: {url for _, url in row["sources"]} for row in seed.event_rows()}

    def test_a_fresh_seed_has_the_rechecked_sources_and_the_corrected_summary(self):
        Event.objects.all().delete()
        seed.load()
        self.assertEqual(urls("finland-lodges-withdrawal"), self.bundled["finland-lodges-withdrawal"])
        self.assertFalse(EventSource.objects.filter(url__contains="gamereactor").exists())
        self.assertFalse(EventSource.objects.filter(url__contains="staging").exists())
        self.assertIn("formally adopt the text", Event.objects.get(slug="treaty-text-adopted-in-oslo").summary)

    def test_an_older_seed_is_brought_up_to_date(self):
        output = seed.load()

        self.assertIn("Timeline: events: 1 updated, 42 unchanged", output)
        self.assertIn("Timeline: event sources no longer bundled: 1 removed", output)
        self.assertEqual(urls("finland-lodges-withdrawal"), self.bundled["finland-lodges-withdrawal"])
        titles = {source.title for source in EventSource.objects.filter(event__slug="finland-lodges-withdrawal")}
        self.assertIn("icblcmc.org", titles)
        oslo = Event.objects.get(slug="treaty-text-adopted-in-oslo")
        self.assertIn("the plenary had agreed to adopt it on 17 September", oslo.summary)

    def test_an_event_an_editor_changed_keeps_its_text_and_sources(self):
        finland = Event.objects.get(slug="finland-lodges-withdrawal")
        finland.summary = "An editor's summary."
        finland.save()
        oslo = Event.objects.get(slug="treaty-text-adopted-in-oslo")
        oslo.title = "The text is adopted in Oslo"
        oslo.save()

        output = seed.load()

        self.assertIn("Timeline: events: 2 kept (changed by an editor), 41 unchanged", output)
        finland.refresh_from_db()
        self.assertEqual(finland.summary, "An editor's summary.")
        self.assertEqual(urls("finland-lodges-withdrawal"), {WEAK})
        oslo.refresh_from_db()
        self.assertEqual((oslo.title, oslo.summary), ("The text is adopted in Oslo", OLD_SUMMARY))

        seed.load(overwrite=True)
        self.assertEqual(urls("finland-lodges-withdrawal"), self.bundled["finland-lodges-withdrawal"])

    def test_sources_editors_added_or_retitled_are_kept(self):
        finland = Event.objects.get(slug="finland-lodges-withdrawal")
        EventSource.objects.filter(event=finland, url=WEAK).update(title="Checked by an editor")
        EventSource.objects.create(event=finland, title="Yle", url="https://yle.fi/a/finland-withdrawal")

        seed.load()

        self.assertEqual(
            urls("finland-lodges-withdrawal"),
            self.bundled["finland-lodges-withdrawal"] | {WEAK, "https://yle.fi/a/finland-withdrawal"},
        )
        self.assertEqual(EventSource.objects.get(event=finland, url=WEAK).title, "Checked by an editor")

    def test_a_bundled_source_an_editor_deleted_stays_deleted(self):
        seed.load()
        source = EventSource.objects.filter(event__slug="finland-accedes").first()
        source._history_user = staff_user("editor", "Editors")  # as the admin records who deleted it
        source.delete()

        self.assertNotIn("created", "".join(line for line in seed.load() if "event sources" in line))
        self.assertNotIn(source.url, urls("finland-accedes"))

        seed.load(overwrite=True)
        self.assertIn(source.url, urls("finland-accedes"))

    def test_a_second_seed_changes_nothing(self):
        seed.load()
        before = list(EventSource.objects.order_by("pk").values_list("pk", "title", "position", "seed_checksum"))
        events = list(Event.objects.order_by("pk").values_list("pk", "summary", "updated_at"))

        output = seed.load()

        self.assertIn("Timeline: events: 43 unchanged", output)
        self.assertIn("Timeline: event sources: 138 unchanged", output)
        self.assertFalse(any("removed" in line for line in output))
        self.assertEqual(
            list(EventSource.objects.order_by("pk").values_list("pk", "title", "position", "seed_checksum")), before
        )
        self.assertEqual(list(Event.objects.order_by("pk").values_list("pk", "summary", "updated_at")), events)


class BundledDataTests(TestCase):
    def test_every_category_in_the_data_is_known(self):
        known = {slug for slug, _, _ in seed.CATEGORIES}
        for row in seed.event_rows():
            self.assertIn(row["category"], known)

    def test_featured_and_extra_era_keys_name_bundled_events(self):
        keys = {row["key"] for row in seed.event_rows()}
        self.assertLessEqual(seed.FEATURED, keys)
        self.assertLessEqual(set(seed.ALSO_IN_ERAS), keys)
        self.assertLessEqual(set(seed.CATEGORY_FOR_EVENT), keys)
