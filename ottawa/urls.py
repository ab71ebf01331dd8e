from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from core.media import media

urlpatterns = [
    path("", include("pages.urls")),  # home, search, healthz, robots.txt, sitemap.xml
    path("", include("treaty.urls")),
    path("", include("timeline.urls")),
    path("", include("meetings.urls")),
    path("", include("obligations.urls")),
    path("", include("exports.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]
# Uploaded pictures: in production the proxy serves MEDIA_ROOT at /media/; `make run` and `make dev` let Django do it.
if settings.SERVE_MEDIA:
    urlpatterns.append(path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", media, name="media"))

admin.site.site_header = "Ottawa Convention — editors"
admin.site.site_title = "Ottawa Convention admin"
admin.site.index_title = "Content and treaty records"
