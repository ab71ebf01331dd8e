from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from core import views as core_views
from core.cache import cached_page
from core.media import media
from core.sitemaps import sitemaps

urlpatterns = [
    path("", include("core.urls")),
    path("", include("treaty.urls")),
    path("", include("timeline.urls")),
    path(
        "sitemap.xml",
        cached_page(sitemap_index),
        {"sitemaps": sitemaps(), "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", cached_page(sitemap, query=["p"]), {"sitemaps": sitemaps()}, name="sitemap-section"),
    path("robots.txt", core_views.robots_txt, name="robots-txt"),
    path("", include("exports.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]
# Uploaded pictures: in production the proxy serves MEDIA_ROOT at /media/; `make run` and `make dev` let Django do it.
if settings.SERVE_MEDIA:
    urlpatterns.append(path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", media, name="media"))

admin.site.site_header = "Ottawa Convention — editors"
admin.site.site_title = "Ottawa Convention admin"
admin.site.index_title = "Content and treaty records"
