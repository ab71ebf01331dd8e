from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from core.languages import in_every_language
from core.media import media

# Public pages are in six languages: English at the root, the others under their prefix (/fr/states/). pages splits
# its own URLconf (robots.txt, the sitemap and /healthz stay at the root only); the exports and the admin are staff
# pages, in English.
urlpatterns = [
    path("", include("pages.urls")),  # home, search (in each language); healthz, robots.txt, sitemap.xml
    in_every_language(
        path("", include("treaty.urls")),
        path("", include("meetings.urls")),
        path("", include("obligations.urls")),
    ),
    path("", include("timeline.urls")),  # every page and the feed, in each language
    path("", include("exports.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]
# Uploaded pictures: in production the proxy serves MEDIA_ROOT at /media/; `make run` and `make dev` let Django do it.
if settings.SERVE_MEDIA:
    urlpatterns.append(path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", media, name="media"))

admin.site.site_header = "Ottawa Convention — editors"
admin.site.site_title = "Ottawa Convention admin"
admin.site.index_title = "Content and treaty records"
