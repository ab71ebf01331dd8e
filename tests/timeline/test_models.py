from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.test import TestCase

from timeline import services
from timeline.dates import Precision
from timeline.models import Era, Event, EventImageRendition, timeline_sections

from .factories import (
    AnniversaryFactory,
    CategoryFactory,
    EraFactory,
    EventFactory,
    EventImageFactory,
    EventSourceFactory,
    picture_upload,
)


class EventDateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.category = CategoryFactory(name="Conference", slug="conference")

    def event(self, **kwargs):
        fields = {"title": "An event", "slug": "an-event", "category": self.category, "summary": "Summary."}
        return Event(**fields | kwargs)

    def test_dates_show_as_precisely_as_they_are_known(self):
        cases = [
            ({"date": date(1997, 12, 3)}, "3 December 1997"),
            ({"date": date(1996, 10, 1), "date_precision": Precision.MONTH}, "October 1996"),
            ({"date": date(1991, 1, 1), "date_precision": Precision.YEAR}, "1991"),
            ({"date": date(1997, 12, 3), "end_date": date(1997, 12, 4)}, "3–4 December 1997"),
            ({"date": date(1997, 9, 1), "end_date": date(1997, 9, 18)}, "1–18 September 1997"),
            ({"date": date(2009, 11, 29), "end_date": date(2009, 12, 4)}, "29 November – 4 December 2009"),
            ({"date": date(1997, 12, 30), "end_date": date(1998, 1, 2)}, "30 December 1997 – 2 January 1998"),
        ]
        for fields, expected in cases:
            with self.subTest(expected):
                self.assertEqual(self.event(**fields).date_text, expected)

    def test_dates_are_written_with_time_elements_in_templates(self):
        event = self.event(date=date(1996, 10, 1), date_precision=Precision.MONTH)
        rendered = Template("{{ event.dates }}").render(Context({"event": event}))
        self.assertHTMLEqual(rendered, '<time datetime="1996-10">October 1996</time>')

    def test_clean_stores_a_month_as_its_first_day_and_a_year_as_1_january(self):
        month = self.event(date=date(1996, 10, 17), date_precision=Precision.MONTH)
        month.full_clean()
        self.assertEqual(month.date, date(1996, 10, 1))

        year = self.event(date=date(1991, 11, 17), date_precision=Precision.YEAR, slug="year")
        year.full_clean()
        self.assertEqual(year.date, date(1991, 1, 1))

    def test_an_end_date_equal_to_the_start_is_dropped(self):
        event = self.event(date=date(1997, 12, 3), end_date=date(1997, 12, 3))
        event.full_clean()
        self.assertIsNone(event.end_date)

    def test_an_end_before_the_start_is_refused(self):
        event = self.event(date=date(1997, 12, 4), end_date=date(1997, 12, 3))
        with self.assertRaises(ValidationError) as caught:
            event.full_clean()
        self.assertIn("end_date", caught.exception.message_dict)

    def test_the_database_refuses_a_made_up_day_for_a_month(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            EventFactory(date=date(1996, 10, 17), date_precision=Precision.MONTH)

    def test_the_database_refuses_a_made_up_day_for_a_year(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            EventFactory(date=date(1991, 6, 1), date_precision=Precision.YEAR)

    def test_the_database_refuses_an_unknown_precision(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            EventFactory(date_precision="week")

    def test_the_database_refuses_an_end_not_after_the_start(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            EventFactory(date=date(1997, 12, 4), end_date=date(1997, 12, 4))

    def test_slugs_used_by_the_timeline_pages_are_reserved(self):
        for slug in ("feed", "eras"):
            with self.subTest(slug), self.assertRaises(ValidationError) as caught:
                self.event(date=date(1997, 12, 3), slug=slug).full_clean()
            self.assertIn("slug", caught.exception.message_dict)


class StrAndUrlTests(TestCase):
    def test_every_model_names_itself_and_has_a_page(self):
        event = EventFactory(title="Ottawa signing conference", slug="ottawa-signing-conference")
        source = EventSourceFactory(event=event, title="icbl.org")
        self.assertEqual(str(event), "3 December 1997: Ottawa signing conference")
        self.assertEqual(event.get_absolute_url(), "/timeline/ottawa-signing-conference/")
        self.assertEqual(str(event.category), "Conference")
        self.assertEqual(event.category.get_absolute_url(), "/timeline/?category=conference")
        self.assertEqual(str(source), "icbl.org")
        self.assertEqual(source.get_absolute_url(), event.get_absolute_url())

    def test_the_ottawa_process_has_its_own_address(self):
        ottawa = EraFactory(title="The Ottawa Process", slug="ottawa-process")
        later = EraFactory(title="Implementation", start_date=date(1999, 3, 2), end_date=None)
        self.assertEqual(str(ottawa), "The Ottawa Process")
        self.assertEqual(ottawa.get_absolute_url(), "/ottawa-process/")
        self.assertEqual(later.get_absolute_url(), "/timeline/eras/implementation/")
        self.assertTrue(ottawa.is_top_level)
        self.assertFalse(later.is_top_level)


class EraTests(TestCase):
    def test_periods(self):
        self.assertEqual(EraFactory.build().period_text, "October 1996 – December 1997")
        self.assertEqual(
            EraFactory.build(
                start_date=date(1991, 1, 1), end_date=date(1996, 9, 30), period_precision="year"
            ).period_text,
            "1991–1996",
        )
        self.assertEqual(
            EraFactory.build(start_date=date(1999, 3, 2), end_date=None, period_precision="year").period_text,
            "1999 onward",
        )

    def test_contains_includes_both_ends(self):
        era = EraFactory.build()
        self.assertTrue(era.contains(date(1996, 10, 1)))
        self.assertTrue(era.contains(date(1997, 12, 31)))
        self.assertFalse(era.contains(date(1998, 1, 1)))
        self.assertTrue(EraFactory.build(end_date=None).contains(date(2030, 1, 1)))

    def test_eras_may_not_overlap(self):
        EraFactory(title="The Ottawa Process")
        clash = Era(
            title="Entry into force",
            slug="entry-into-force",
            start_date=date(1997, 12, 1),
            end_date=date(1999, 3, 1),
            summary="Ratifications.",
        )
        with self.assertRaisesMessage(ValidationError, "overlap “The Ottawa Process”"):
            clash.full_clean()
        clash.start_date = date(1998, 1, 1)
        clash.full_clean()

    def test_the_database_refuses_an_era_that_ends_before_it_starts(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            EraFactory(start_date=date(1999, 1, 1), end_date=date(1998, 1, 1))

    def test_introduction_is_rendered_and_sanitised(self):
        era = EraFactory.build(introduction="The *Ottawa* Process<script>alert(1)</script>")
        self.assertHTMLEqual(era.introduction_html, "<p>The <em>Ottawa</em> Process</p>")


class PublicationStatusTests(TestCase):
    def test_the_database_refuses_an_unknown_status_on_every_publishable_model(self):
        for factory in (EventFactory, EraFactory, AnniversaryFactory):
            with self.subTest(factory.__name__), self.assertRaises(IntegrityError), transaction.atomic():
                factory(status="archived")


class TimelineSectionsTests(TestCase):
    def test_events_are_grouped_by_era_then_year(self):
        campaign = EraFactory.build(pk=1, title="Campaign", start_date=date(1991, 1, 1), end_date=date(1996, 9, 30))
        ottawa = EraFactory.build(pk=2, title="Ottawa", start_date=date(1996, 10, 1), end_date=date(1997, 12, 31))
        events = [
            EventFactory.build(title="a", date=date(1995, 3, 9)),
            EventFactory.build(title="b", date=date(1996, 10, 3)),
            EventFactory.build(title="c", date=date(1997, 2, 12)),
            EventFactory.build(title="d", date=date(1997, 9, 1)),
            EventFactory.build(title="e", date=date(2004, 11, 29)),
        ]

        sections = timeline_sections(events, [campaign, ottawa])

        self.assertEqual(
            [(s.era and s.era.title, [(y.year, [e.title for e in y.events]) for y in s.years]) for s in sections],
            [
                ("Campaign", [(1995, ["a"])]),
                ("Ottawa", [(1996, ["b"]), (1997, ["c", "d"])]),
                (None, [(2004, ["e"])]),
            ],
        )

    def test_all_in_first_puts_every_event_under_the_chosen_era(self):
        era = EraFactory.build(pk=1)
        events = [EventFactory.build(date=date(1995, 1, 1)), EventFactory.build(date=date(1997, 1, 1))]
        sections = timeline_sections(events, [era], all_in_first=True)
        self.assertEqual(len(sections), 1)
        self.assertEqual([group.year for group in sections[0].years], [1995, 1997])


class ImageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.event = EventFactory()

    def test_add_event_image_makes_webp_and_jpeg_renditions_never_wider_than_the_original(self):
        image = services.add_event_image(
            event=self.event,
            image_file=picture_upload(size=(1200, 800)),
            alt_text="Delegates signing",
            credit="© Example",
            caption="The signing",
        )

        renditions = list(image.renditions.order_by("format", "width"))
        self.assertEqual(
            [(r.format, r.width, r.height) for r in renditions],
            [
                ("jpeg", 480, 320),
                ("jpeg", 960, 640),
                ("jpeg", 1200, 800),
                ("webp", 480, 320),
                ("webp", 960, 640),
                ("webp", 1200, 800),
            ],
        )
        for rendition in renditions:
            self.assertTrue(Path(rendition.file.path).exists())
        self.assertEqual((image.width, image.height), (1200, 800))
        self.assertIn("480w", image.webp_srcset)
        self.assertEqual(image.fallback.width, 1200)

    def test_a_small_picture_gets_renditions_at_its_own_width(self):
        image = services.add_event_image(
            event=self.event, image_file=picture_upload(size=(300, 200)), alt_text="Small", credit="© Example"
        )
        self.assertEqual(sorted(image.renditions.values_list("width", flat=True)), [300, 300])

    def test_transparent_and_gif_pictures_are_accepted(self):
        for image_format in ("GIF", "WEBP"):
            with self.subTest(image_format):
                upload = picture_upload(f"x.{image_format.lower()}", size=(100, 50), image_format=image_format)
                image = services.add_event_image(event=self.event, image_file=upload, alt_text="x", credit="y")
                self.assertEqual(image.renditions.count(), 2)

    def test_an_upload_is_checked_by_its_content_not_its_name(self):
        fakes = [
            SimpleUploadedFile("photo.png", b"<?php echo 'not a picture'; ?>", content_type="image/png"),
            SimpleUploadedFile("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
            SimpleUploadedFile("empty.jpg", b"", content_type="image/jpeg"),
        ]
        for upload in fakes:
            with self.subTest(upload.name), self.assertRaises(ValidationError):
                services.add_event_image(event=self.event, image_file=upload, alt_text="x", credit="y")
        self.assertFalse(self.event.images.exists())

    def test_alt_text_and_credit_are_required(self):
        with self.assertRaises(ValidationError) as caught:
            services.add_event_image(event=self.event, image_file=picture_upload(), alt_text="", credit="")
        self.assertEqual(set(caught.exception.message_dict), {"alt_text", "credit"})

    def test_deleting_an_image_removes_its_files(self):
        image = services.add_event_image(event=self.event, image_file=picture_upload(), alt_text="x", credit="y")
        paths = [Path(image.image.path)] + [Path(r.file.path) for r in image.renditions.all()]

        services.delete_event_image(image=image)

        self.assertFalse(EventImageRendition.objects.exists())
        self.assertFalse(any(path.exists() for path in paths))

    def test_renditions_are_remade_not_added_to(self):
        image = EventImageFactory(event=self.event)
        services.make_renditions(image=image)
        services.make_renditions(image=image)
        self.assertEqual(image.renditions.count(), 6)
