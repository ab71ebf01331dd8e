from django.urls import path

from . import views

app_name = "exports"

urlpatterns = [
    path("exports/", views.index, name="index"),
    path("exports/<slug:name>/", views.download, name="download"),
]
