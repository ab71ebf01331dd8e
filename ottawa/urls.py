from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("", include("treaty.urls")),
    path("", include("timeline.urls")),
    path("", include("exports.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]
# Uploaded images: in production the proxy serves MEDIA_ROOT at /media/; with DEBUG on (`make dev`) Django does.
# `static()` adds nothing when DEBUG is off.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

admin.site.site_header = "Ottawa Convention — editors"
admin.site.site_title = "Ottawa Convention admin"
admin.site.index_title = "Content and treaty records"
