"""The site's URLs plus the bare view the benchmark compares every page with. Only `bench.settings` uses it."""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_GET


@require_GET
def bare_view(request):
    """A short fixed response through the site's full middleware stack: no template, no query, no cache."""
    return HttpResponse("bare\n", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("__bench__/bare", bare_view, name="bench-bare"),
    path("", include("ottawa.urls")),
]
