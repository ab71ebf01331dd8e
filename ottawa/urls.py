from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("", include("treaty.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

admin.site.site_header = "Ottawa Convention — editors"
admin.site.site_title = "Ottawa Convention admin"
admin.site.index_title = "Content and treaty records"
