from django.urls import path

from core.cache import cached_page

from . import feeds, views
from .models import OTTAWA_PROCESS_SLUG

app_name = "timeline"

urlpatterns = [
    path(
        f"{OTTAWA_PROCESS_SLUG}/",
        views.EraDetailView.as_view(),
        {"slug": OTTAWA_PROCESS_SLUG},
        name="ottawa-process",
    ),
    path("anniversaries/", views.AnniversaryListView.as_view(), name="anniversary-list"),
    path("anniversaries/<int:years>/", views.AnniversaryDetailView.as_view(), name="anniversary-detail"),
    path("timeline/", views.EventListView.as_view(), name="event-list"),
    path("timeline/feed/", cached_page(feeds.EventFeed()), name="feed"),
    path("timeline/eras/<slug:slug>/", views.EraDetailView.as_view(), name="era-detail"),
    path("timeline/<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
]
