"""
Permission paths for every URL in the URLconf, generated from the URLconf itself: a new URL is covered the day it
is added, and one in a namespace nobody has classified fails here until someone says who may see it.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.timeline.factories import EventFactory
from treaty import seed as treaty_seed

PUBLIC_NAMESPACES = {"pages", "treaty", "timeline", "meetings", "obligations", ""}
STAFF_NAMESPACES = {"admin", "exports"}
ADMIN_OPEN = {"admin:login", "admin:logout"}  # the way in and out


def named_patterns(resolver=None, namespace=""):
    """(full name, parameter names) for every named URL pattern, walking included URLconfs."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            yield from named_patterns(pattern, inner or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            route = pattern.pattern
            params = list(getattr(route, "converters", {}) or route.regex.groupindex)
            positional = route.regex.groups - len(route.regex.groupindex)
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), params, positional


class URLConfPermissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()
        cls.event = EventFactory(slug="a-published-event")
        user_model = get_user_model()
        cls.visitor = user_model.objects.create_user("visitor", "v@example.org", "a-long-password-1")
        cls.staff = user_model.objects.create_user("staff", "s@example.org", "a-long-password-1", is_staff=True)
        Group.objects.create(name="A group")  # so that every admin list has a row to open

    @staticmethod
    def model_admin_for(name):
        """The ModelAdmin behind an admin URL name such as admin:treaty_state_change (None for site-wide pages)."""
        for model, model_admin in admin.site._registry.items():
            if name.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_"):
                return model_admin
        return None

    def sample_kwargs(self, name, params):
        """Real values for a URL's parameters: existing objects, so that pages have something to show or refuse."""
        model_admin = self.model_admin_for(name)
        first = model_admin.model._default_manager.first() if model_admin else None
        history = getattr(first, "history", None)
        values = {
            "iso3": "fra",
            "slug": self.event.slug,
            "app_label": "treaty",
            "content_type_id": "1",
            "object_id": str(first.pk) if first else "1",
            "history_id": str(history.first().history_id) if history is not None and history.exists() else "1",
            "id": str(self.staff.pk),
            "url": "nothing-here/",
            "path": "nothing.png",
            "years": "20",
            "code": "1msp",  # a meeting
            "section": "states",
            "name": "states",  # an export dataset
            "job_id": "1",  # a background import (exports.imports); none exists, so who may see it is what is tested
        }
        missing = set(params) - set(values)
        self.assertFalse(missing, f"{name}: give the test a sample value for {missing}")
        return {param: values[param] for param in params}

    def urls(self):
        for name, params, positional in named_patterns():
            namespace = name.rpartition(":")[0]
            self.assertIn(
                namespace.split(":")[0], PUBLIC_NAMESPACES | STAFF_NAMESPACES, f"{name}: classify this URL's namespace"
            )
            if positional:  # e.g. simple-history's admin/<app>/<model>/(object)/history/(version)/
                kwargs = self.sample_kwargs(name, ["object_id", "history_id"][:positional])
                url = reverse(name, args=list(kwargs.values()))
            else:
                url = reverse(name, kwargs=self.sample_kwargs(name, params))
            yield name, namespace.split(":")[0], url

    def test_staff_pages_send_anonymous_visitors_and_non_staff_to_the_login_page(self):
        for name, namespace, url in self.urls():
            if namespace not in STAFF_NAMESPACES or name in ADMIN_OPEN:
                continue
            for user in (None, self.visitor):
                with self.subTest(name=name, user=user):
                    self.client.logout()
                    if user:
                        self.client.force_login(user)
                    response = self.client.get(url)
                    if user and namespace == "exports":
                        # Signed in but without the export permission: refused, not asked to sign in again.
                        self.assertEqual(response.status_code, 403, url)
                        continue
                    self.assertEqual(response.status_code, 302, url)
                    self.assertTrue(response["Location"].startswith(reverse("admin:login")), response["Location"])

    def test_staff_without_permissions_get_403_never_data(self):
        self.client.force_login(self.staff)
        for name, namespace, url in self.urls():
            if namespace not in STAFF_NAMESPACES or name in ADMIN_OPEN:
                continue
            with self.subTest(name=name):
                response = self.client.get(url)
                if response.status_code == 405:  # a form's target: refuse what it would do
                    response = self.client.post(url)
                model_admin = self.model_admin_for(name)
                if namespace == "exports" or (model_admin is not None and model_admin.model._default_manager.exists()):
                    self.assertEqual(response.status_code, 403, url)
                elif model_admin is not None:
                    # Nothing to open: the admin sends staff back to the list, which they may not see either.
                    self.assertIn(response.status_code, {302, 403, 404}, url)
                else:
                    self.assertIn(response.status_code, {200, 302, 403, 404}, url)
                    self.assertNotContains(response, "Finland", status_code=response.status_code)

    def test_public_pages_answer_everyone_without_errors(self):
        for name, namespace, url in self.urls():
            if namespace not in PUBLIC_NAMESPACES:
                continue
            with self.subTest(name=name):
                self.assertIn(self.client.get(url).status_code, {200, 301, 302, 404}, url)
