from django.urls import path, re_path

from . import views

app_name = "treaty"

urlpatterns = [
    path("states/", views.state_list, name="state-list"),
    path("states.csv", views.state_list_csv, name="state-list-csv"),
    re_path(r"^states/(?P<iso3>[A-Za-z]{3})/$", views.StateDetailView.as_view(), name="state-detail"),
]
