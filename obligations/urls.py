from django.urls import path

from . import views

app_name = "obligations"

urlpatterns = [
    path("obligations/clearance/", views.clearance, name="clearance"),
    path("obligations/clearance.csv", views.clearance_csv, name="clearance-csv"),
    path("obligations/stockpiles/", views.stockpiles, name="stockpiles"),
    path("obligations/stockpiles.csv", views.stockpiles_csv, name="stockpiles-csv"),
]
