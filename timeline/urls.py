from django.urls import path

from core.cache import cached_page
from core.languages import in_every_language

from . import feeds, views
from .models import OTTAWA_PROCESS_SLUG

app_name = "timeline"

# The pages, in each language (/timeline/, /fr/timeline/, …); the Atom feed, in English at the root only.
urlpatterns = [
    path("timeline/feed/", cached_page(feeds.EventFeed()), name="feed"),
    in_every_language(
        path(
            f"{OTTAWA_PROCESS_SLUG}/",
            views.EraDetailView.as_view(),
            {"slug": OTTAWA_PROCESS_SLUG},
            name="ottawa-process",
        ),
        path("anniversaries/", views.AnniversaryListView.as_view(), name="anniversary-list"),
        path("anniversaries/<int:years>/", views.AnniversaryDetailView.as_view(), name="anniversary-detail"),
        path("timeline/", views.EventListView.as_view(), name="event-list"),
        path("timeline/eras/<slug:slug>/", views.EraDetailView.as_view(), name="era-detail"),
        path("timeline/<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    ),
]
