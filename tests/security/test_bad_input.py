"""Input that used to answer 500 (found by fuzzing and hostile uploads): each now gets a clear 4xx or a plain
message, and output stays valid whatever is already stored."""

import os
import xml.etree.ElementTree as ET
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import TestCase, override_settings
from django.urls import path, reverse

from core.media import media
from ottawa import urls as site_urls
from tests.core.test_roles import event_form
from tests.exports.utils import AdminImportMixin, body, exporter, parse_xlsx
from tests.timeline.factories import AnniversaryFactory, CategoryFactory, EventFactory, picture_upload
from tests.treaty.factories import StateFactory
from tests.utils import staff_user
from timeline.images import validate_image
from timeline.models import Category, Event, EventImage

from .bad_pictures import BAD_PICTURES, bad_upload

urlpatterns = [path("media/<path:path>", media), *site_urls.urlpatterns]
VT = "\x0b"  # a vertical tab: what Word pastes for a manual line break


def stored_files():
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


class DisallowedHostTests(TestCase):
    @override_settings(SITE_URL="", DEBUG=False)
    def test_a_host_not_allowed_gets_400_not_500(self):
        for address in ("/", "/states/", "/timeline/feed/", "/sitemap.xml", "/admin/", "/nothing-here/"):
            with self.subTest(address):
                self.assertEqual(self.client.get(address, headers={"host": "evil.example"}).status_code, 400)


class ControlCharacterTests(AdminImportMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = staff_user("editor", "Editors")
        cls.category = CategoryFactory(slug="conference")

    def test_the_admin_removes_control_characters_from_what_it_saves(self):
        self.client.force_login(self.editor)
        event = EventFactory(category=self.category, draft=True)
        data = event_form(event, title=f"Line{VT}break", summary=f"Tab\tkept,{VT}vertical tab\x07 gone.\r\nNext line")
        response = self.client.post(reverse("admin:timeline_event_change", args=[event.pk]), data)
        self.assertEqual(response.status_code, 302, response.context and response.context["adminform"].form.errors)
        event.refresh_from_db()
        self.assertEqual(event.title, "Line break")
        self.assertEqual(event.summary, "Tab\tkept, vertical tab gone.\r\nNext line")

    def test_the_import_removes_control_characters(self):
        self.client.force_login(self.editor)
        event = EventFactory(category=self.category, draft=True)
        content = (f"id,slug,title,summary\r\n{event.pk},{event.slug},Pasted{VT}from Word,A\x07 summary\r\n").encode()
        self.confirm(Event, self.upload(Event, content, "events.csv"))
        event.refresh_from_db()
        self.assertEqual((event.title, event.summary), ("Pasted from Word", "A summary"))

    def test_the_feed_sitemap_and_exports_stay_valid_whatever_is_stored(self):
        event = EventFactory(category=self.category, slug="stored-before")
        Event.objects.filter(pk=event.pk).update(title=f"Old{VT}title", summary=f"Old{VT}summary\x1f")
        Category.objects.filter(pk=self.category.pk).update(name=f"Con{VT}ference")
        with self.captureOnCommitCallbacks(execute=True):
            pass
        feed = self.client.get(reverse("timeline:feed"))
        self.assertEqual(feed.status_code, 200)
        ET.fromstring(feed.content)  # well-formed XML
        self.assertContains(feed, "Old title")
        sitemap = self.client.get("/sitemap.xml")
        self.assertEqual(sitemap.status_code, 200)
        ET.fromstring(sitemap.content)
        self.client.force_login(exporter())
        for export_format in ("csv", "xlsx", "json"):
            with self.subTest(export_format):
                response = self.client.get(reverse("exports:download", args=["events"]), {"format": export_format})
                self.assertEqual(response.status_code, 200)
                data = body(response)
        parse_xlsx(body(self.client.get(reverse("exports:download", args=["events"]), {"format": "xlsx"})))
        self.assertTrue(data)


class BadPictureTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = staff_user("editor", "Editors")

    def setUp(self):
        self.client.force_login(self.editor)

    def test_pictures_pillow_cannot_decode_are_refused_by_validation(self):
        for name in BAD_PICTURES:
            with self.subTest(name), self.assertRaisesMessage(ValidationError, "not a picture that can be read"):
                validate_image(bad_upload(name))
        validate_image(picture_upload())  # a good one passes

    def test_the_event_admin_refuses_them_and_writes_nothing(self):
        event = EventFactory(draft=True)
        before = stored_files()
        for name in BAD_PICTURES:
            with self.subTest(name):
                data = event_form(
                    event,
                    **{
                        "images-TOTAL_FORMS": "1",
                        "images-0-image": bad_upload(name),
                        "images-0-alt_text_en": "A picture",
                        "images-0-credit": "Someone",
                        "images-0-position": "0",
                    },
                )
                response = self.client.post(reverse("admin:timeline_event_change", args=[event.pk]), data)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "This file is not a picture that can be read")
        self.assertFalse(EventImage.objects.exists())
        self.assertEqual(stored_files(), before)

    def test_the_anniversary_admin_refuses_them_and_writes_nothing(self):
        anniversary = AnniversaryFactory(years=30, draft=True)
        before = stored_files()
        url = reverse("admin:timeline_anniversary_change", args=[anniversary.pk])
        form = self.client.get(url).context["adminform"].form
        data = {name: value for name, value in form.initial.items() if value is not None and name != "hero_image"}
        for name in BAD_PICTURES:
            with self.subTest(name):
                data.update(hero_image=bad_upload(name), hero_alt_text="A picture")
                response = self.client.post(url, data)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "This file is not a picture that can be read")
        self.assertEqual(stored_files(), before)

    def test_a_save_that_fails_after_the_upload_leaves_no_file_behind(self):
        event = EventFactory(draft=True)
        before = stored_files()
        data = event_form(
            event,
            **{
                "images-TOTAL_FORMS": "1",
                "images-0-image": picture_upload(),
                "images-0-alt_text_en": "A picture",
                "images-0-credit": "Someone",
                "images-0-position": "0",
            },
        )
        self.client.raise_request_exception = False
        with mock.patch("timeline.services.make_renditions", side_effect=OSError("disk full")):
            response = self.client.post(reverse("admin:timeline_event_change", args=[event.pk]), data)
        self.assertEqual(response.status_code, 500)
        self.assertEqual(stored_files(), before)


class HugeListFilterValueTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = staff_user("editor", "Editors")
        EventFactory()
        StateFactory(ratified=True)

    def test_huge_or_odd_values_in_the_list_filters_are_no_error(self):
        self.client.force_login(self.editor)
        huge = "9" * 20
        for url, query in [
            (reverse("admin:timeline_event_changelist"), {"decade": huge}),
            (reverse("admin:timeline_event_changelist"), {"decade": "-10"}),
            (reverse("admin:timeline_event_changelist"), {"era": "\x00"}),
            (reverse("admin:timeline_event_changelist"), {"era": "a\x00b"}),
            (reverse("admin:treaty_state_changelist"), {"deposit_year": huge}),
        ]:
            with self.subTest(query=query):
                response = self.client.get(url, query)
                self.assertIn(response.status_code, {200, 302})


@override_settings(ROOT_URLCONF=__name__)
class MediaNameTests(TestCase):
    def test_a_name_longer_than_any_file_system_allows_is_404(self):
        self.assertEqual(self.client.get("/media/" + "a" * 300 + ".png").status_code, 404)
        self.assertEqual(self.client.get("/media/" + "b" * 300 + "/x.png").status_code, 404)
        self.assertEqual(self.client.get("/media/x%00.png").status_code, 404)
        self.assertTrue(os.path.isdir(settings.MEDIA_ROOT))
