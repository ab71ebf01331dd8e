"""Uploaded pictures: renamed on arrival, and served with headers that keep them pictures."""

import shutil
from pathlib import Path

from django.conf import settings
from django.test import TestCase, override_settings
from django.urls import path

from core.media import media
from ottawa import urls as site_urls
from tests.timeline.factories import EventFactory, picture_upload
from timeline import services

urlpatterns = [path("media/<path:path>", media), *site_urls.urlpatterns]


class UploadNameTests(TestCase):
    def test_the_uploaded_name_is_replaced_by_a_random_one_with_the_true_extension(self):
        upload = picture_upload('<img src=x onerror=alert(1)> "holiday".jpg.html', image_format="PNG")
        image = services.add_event_image(event=EventFactory(), image_file=upload, alt_text="x", credit="y")

        self.assertRegex(image.image.name, r"^timeline/originals/\d{4}/[0-9a-f]{32}\.png$")
        self.assertNotIn("holiday", image.image.name)

    def test_an_anniversary_picture_is_renamed_too(self):
        from tests.timeline.factories import AnniversaryFactory

        anniversary = AnniversaryFactory(years=20)
        anniversary.hero_image = picture_upload("<b>our party</b>.gif", image_format="JPEG")
        anniversary.hero_alt_text = "x"
        anniversary.save()
        self.assertRegex(anniversary.hero_image.name, r"^anniversaries/originals/\d{4}/[0-9a-f]{32}\.jpg$")

    def test_two_uploads_with_the_same_name_do_not_collide(self):
        event = EventFactory()
        first = services.add_event_image(event=event, image_file=picture_upload("a.png"), alt_text="x", credit="y")
        second = services.add_event_image(event=event, image_file=picture_upload("a.png"), alt_text="x", credit="y")
        self.assertNotEqual(first.image.name, second.image.name)


@override_settings(ROOT_URLCONF=__name__)
class MediaServingTests(TestCase):
    def setUp(self):
        self.root = Path(settings.MEDIA_ROOT)
        (self.root / "t").mkdir(parents=True, exist_ok=True)
        self.addCleanup(shutil.rmtree, self.root / "t", True)

    def test_a_picture_is_served_with_safe_headers(self):
        picture = picture_upload()
        (self.root / "t" / "p.png").write_bytes(picture.read())

        response = self.client.get("/media/t/p.png")

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/png")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertIn("sandbox", response["Content-Security-Policy"])
        self.assertEqual(response["Cross-Origin-Resource-Policy"], "same-origin")

    def test_anything_but_a_picture_is_refused(self):
        (self.root / "t" / "page.html").write_text("<script>alert(1)</script>")
        (self.root / "t" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
        for name in ("page.html", "logo.svg"):
            with self.subTest(name):
                self.assertEqual(self.client.get(f"/media/t/{name}").status_code, 404)

    def test_no_way_out_of_the_media_folder(self):
        for attempt in ("../../etc/passwd", "..%2f..%2fetc%2fpasswd", "/etc/passwd"):
            with self.subTest(attempt):
                response = self.client.get(f"/media/{attempt}")
                self.assertIn(response.status_code, {400, 404})
                self.assertNotIn(b"root:", response.content)
