from datetime import date

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory, TestCase
from django.urls import reverse

from core.models import PublicationStatus
from tests.treaty.factories import StateFactory
from tests.utils import admin_form_data
from timeline import services
from timeline.admin import EventAdmin
from timeline.dates import Precision
from timeline.models import Category, Era, Event, EventImage, EventImageRendition, EventSource

from .factories import CategoryFactory, EraFactory, EventFactory, picture_upload

TIMELINE_ADMINS = [model for model in admin.site._registry if model._meta.app_label == "timeline"]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


class AdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password-123")
        cls.ottawa = EraFactory(title="The Ottawa Process", slug="ottawa-process")
        cls.implementation = EraFactory(
            title="Implementation", start_date=date(1999, 3, 2), end_date=None, period_precision=Precision.YEAR
        )
        cls.conference = CategoryFactory(name="Conference", slug="conference")
        cls.signing = EventFactory(
            title="Ottawa signing conference",
            date=date(1997, 12, 3),
            end_date=date(1997, 12, 4),
            body="Signed by **many** States <script>alert(1)</script>",
            featured=True,
        )
        cls.review = EventFactory(title="Cartagena Summit", date=date(2009, 11, 29), end_date=date(2009, 12, 4))
        cls.campaign = EventFactory(title="ICBL launched", date=date(1992, 10, 1), date_precision=Precision.MONTH)
        services.add_event_image(event=cls.signing, image_file=picture_upload(), alt_text="Signing", credit="© X")

    def setUp(self):
        self.client.force_login(self.editor)


class EveryAdminTests(AdminTestCase):
    def test_changelist_search_and_add_page_of_every_timeline_admin(self):
        self.assertEqual({model.__name__ for model in TIMELINE_ADMINS}, {"Anniversary", "Category", "Era", "Event"})
        for model in TIMELINE_ADMINS:
            with self.subTest(model.__name__):
                self.assertEqual(self.client.get(admin_url(model, "changelist")).status_code, 200)
                self.assertEqual(self.client.get(admin_url(model, "changelist"), {"q": "Ottawa"}).status_code, 200)
                self.assertEqual(self.client.get(admin_url(model, "add")).status_code, 200)

    def test_change_pages_load(self):
        for obj in (self.signing, self.ottawa, self.conference):
            with self.subTest(str(obj)):
                self.assertEqual(self.client.get(admin_url(type(obj), "change", obj.pk)).status_code, 200)

    def test_anonymous_visitors_are_sent_to_log_in(self):
        self.client.logout()
        response = self.client.get(admin_url(Event, "changelist"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("admin:login"), response["Location"])

    def test_staff_without_permission_are_refused(self):
        clerk = get_user_model().objects.create_user("clerk", password="a-long-password-123", is_staff=True)
        self.client.force_login(clerk)
        self.assertEqual(self.client.get(admin_url(Event, "changelist")).status_code, 403)


class EventAdminTests(AdminTestCase):
    def test_changelist_shows_date_category_era_and_featured(self):
        response = self.client.get(admin_url(Event, "changelist"))

        self.assertContains(response, "3–4 December 1997")
        self.assertContains(response, "October 1992")
        self.assertContains(response, '<td class="field-era">The Ottawa Process</td>', html=True)
        self.assertContains(response, '<td class="field-era">Implementation</td>', html=True)
        self.assertContains(response, '<td class="field-era">—</td>', html=True)

    def test_search(self):
        response = self.client.get(admin_url(Event, "changelist"), {"q": "Cartagena"})
        self.assertEqual(list(response.context["cl"].queryset), [self.review])

    def test_filters(self):
        cases = {
            "era=ottawa-process": [self.signing],
            "era=implementation": [self.review],
            "era=nowhere": [],
            "decade=1990": [self.campaign, self.signing],
            "decade=2000": [self.review],
            "decade=abc": [],
            "has_image=yes": [self.signing],
            "has_image=no": [self.campaign, self.review],
            f"category__id__exact={self.conference.pk}": [self.campaign, self.signing, self.review],
            "featured__exact=1": [self.signing],
        }
        for query, expected in cases.items():
            with self.subTest(query):
                response = self.client.get(admin_url(Event, "changelist") + "?" + query)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(sorted(response.context["cl"].queryset, key=lambda e: e.date), expected)

    def test_decade_choices_come_from_the_data(self):
        response = self.client.get(admin_url(Event, "changelist"))
        self.assertContains(response, "1990s")
        self.assertContains(response, "2000s")

    def test_date_hierarchy(self):
        response = self.client.get(admin_url(Event, "changelist"), {"date__year": "1997"})
        self.assertEqual(list(response.context["cl"].queryset), [self.signing])

    def test_slug_is_prefilled_from_the_title(self):
        response = self.client.get(admin_url(Event, "add"))
        self.assertContains(response, "data-prepopulated-fields")
        self.assertContains(response, "&quot;dependency_ids&quot;: [&quot;#id_title_en&quot;]")

    def test_markdown_preview_is_rendered_and_sanitised(self):
        response = self.client.get(admin_url(Event, "change", self.signing.pk))

        self.assertContains(
            response, '<div class="markdown-preview"><p>Signed by <strong>many</strong> States </p></div>', html=True
        )
        self.assertNotContains(response, "<script>alert(1)</script>")

    def test_inlines_for_sources_and_images(self):
        response = self.client.get(admin_url(Event, "change", self.signing.pk))
        self.assertContains(response, 'name="sources-TOTAL_FORMS"')
        self.assertContains(response, 'name="images-TOTAL_FORMS" value="1"')
        self.assertContains(response, 'alt="Signing"')

    def test_adding_an_event_with_a_source_and_a_picture(self):
        state = StateFactory(name="Canada", iso2="CA", iso3="CAN")
        data = {
            "title_en": "First three ratifications",
            "slug": "first-three-ratifications",
            "category": self.conference.pk,
            "date": "1997-12-03",
            "date_precision": "day",
            "end_date": "",
            "location_en": "Ottawa, Canada",
            "summary_en": "Canada, Ireland and Mauritius ratify.",
            "body_en": "",
            "related_states": [state.pk],
            "also_in_eras": [self.implementation.pk],
            "status": "published",
            "publish_at_0": "",
            "publish_at_1": "",
            "sources-TOTAL_FORMS": "1",
            "sources-INITIAL_FORMS": "0",
            "sources-0-title": "icrc.org",
            "sources-0-url": "https://www.icrc.org/",
            "sources-0-position": "0",
            "images-TOTAL_FORMS": "1",
            "images-INITIAL_FORMS": "0",
            "images-0-image": picture_upload("signing.jpg", size=(2000, 1000), image_format="JPEG"),
            "images-0-alt_text_en": "Ministers signing",
            "images-0-caption_en": "",
            "images-0-credit": "© Example",
            "images-0-position": "0",
            "_save": "Save",
        }

        response = self.client.post(admin_url(Event, "add"), data)

        self.assertEqual(response.status_code, 302, response.context and response.context["errors"])
        event = Event.objects.get(slug="first-three-ratifications")
        self.assertEqual(list(event.related_states.all()), [state])
        self.assertEqual(list(event.also_in_eras.all()), [self.implementation])
        self.assertEqual(EventSource.objects.get(event=event).url, "https://www.icrc.org/")
        image = EventImage.objects.get(event=event)
        self.assertEqual(
            sorted(image.renditions.filter(format="webp").values_list("width", flat=True)), [480, 960, 1600]
        )

    def test_an_upload_that_is_not_a_picture_is_refused(self):
        response = self.client.post(
            admin_url(Event, "change", self.review.pk),
            {
                "edited_version": self.review.updated_at.isoformat(),
                "title_en": self.review.title,
                "slug": self.review.slug,
                "category": self.conference.pk,
                "date": "2009-11-29",
                "date_precision": "day",
                "end_date": "2009-12-04",
                "summary_en": "Review.",
                "status": "published",
                "sources-TOTAL_FORMS": "0",
                "sources-INITIAL_FORMS": "0",
                "images-TOTAL_FORMS": "1",
                "images-INITIAL_FORMS": "0",
                "images-0-image": picture_upload("x.png").__class__("x.png", b"GIF89a-not-really", "image/png"),
                "images-0-alt_text_en": "x",
                "images-0-credit": "y",
                "images-0-position": "0",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Upload a valid image.")
        self.assertFalse(EventImage.objects.filter(event=self.review).exists())

    def test_deleting_a_picture_through_the_inline_removes_its_renditions(self):
        image = self.signing.images.get()
        data = {
            "edited_version": Event.objects.get(pk=self.signing.pk).updated_at.isoformat(),
            "title_en": self.signing.title,
            "slug": self.signing.slug,
            "category": self.conference.pk,
            "date": "1997-12-03",
            "date_precision": "day",
            "end_date": "1997-12-04",
            "summary_en": self.signing.summary,
            "body_en": self.signing.body,
            "featured": "on",
            "status": "published",
            "sources-TOTAL_FORMS": "0",
            "sources-INITIAL_FORMS": "0",
            "images-TOTAL_FORMS": "1",
            "images-INITIAL_FORMS": "1",
            "images-0-id": image.pk,
            "images-0-event": self.signing.pk,
            "images-0-alt_text_en": "Signing",
            "images-0-credit": "© X",
            "images-0-position": "0",
            "images-0-DELETE": "on",
        }
        response = self.client.post(admin_url(Event, "change", self.signing.pk), data)

        self.assertEqual(response.status_code, 302)
        self.assertFalse(EventImage.objects.exists())
        self.assertFalse(EventImageRendition.objects.exists())

    def test_publish_and_unpublish_actions(self):
        url = admin_url(Event, "changelist")
        self.client.post(url, {"action": "unpublish", "_selected_action": [self.review.pk]})
        self.review.refresh_from_db()
        self.assertEqual(self.review.status, PublicationStatus.DRAFT)

        self.client.post(url, {"action": "publish_now", "_selected_action": [self.review.pk]})
        self.review.refresh_from_db()
        self.assertEqual(self.review.status, PublicationStatus.PUBLISHED)

    def test_states_are_picked_with_search_once_a_state_admin_exists(self):
        request = RequestFactory().get("/")
        site = admin.AdminSite()
        self.assertEqual(EventAdmin(Event, site).get_autocomplete_fields(request), ())

        from treaty.models import State

        site.register(State, search_fields=["name", "iso3"])
        self.assertEqual(EventAdmin(Event, site).get_autocomplete_fields(request), ("related_states",))


class EraAdminTests(AdminTestCase):
    def test_eras_in_order_with_their_periods(self):
        response = self.client.get(admin_url(Era, "changelist"))
        self.assertEqual(list(response.context["cl"].queryset), [self.ottawa, self.implementation])
        self.assertContains(response, "October 1996 – December 1997")

    def test_an_era_lists_its_events(self):
        self.campaign.also_in_eras.add(self.implementation)

        response = self.client.get(admin_url(Era, "change", self.implementation.pk))

        self.assertContains(response, admin_url(Event, "change", self.review.pk))
        self.assertContains(response, admin_url(Event, "change", self.campaign.pk))
        self.assertNotContains(response, admin_url(Event, "change", self.signing.pk))


class CategoryAdminTests(AdminTestCase):
    def test_categories_with_their_event_counts(self):
        response = self.client.get(admin_url(self.conference.__class__, "changelist"))
        self.assertContains(response, '<td class="field-event_count">3</td>', html=True)

    def test_two_editors_on_one_category_the_second_is_told_and_nothing_is_lost(self):
        url = admin_url(Category, "change", self.conference.pk)
        first = admin_form_data(self.client.get(url), description="Meetings of States.")
        second = admin_form_data(self.client.get(url), name="Conferences")

        self.assertEqual(self.client.post(url, first).status_code, 302)
        response = self.client.post(url, second)

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Someone else saved this record at")
        self.assertContains(response, "Your changes were not saved, so theirs are not lost")
        self.conference.refresh_from_db()
        self.assertEqual((self.conference.name, self.conference.description), ("Conference", "Meetings of States."))
