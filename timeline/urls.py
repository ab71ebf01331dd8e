from django.urls import path

from core.cache import cached_page
from core.languages import in_every_language

from . import feeds, views
from .models import OTTAWA_PROCESS_SLUG

app_name = "timeline"

# The pages and the Atom feed, in each language (/timeline/, /fr/timeline/, /fr/timeline/feed/…). The feed comes
# before the events' pages, whose slugs may not be "feed" (`RESERVED_SLUGS`).
urlpatterns = [
    in_every_language(
        path("timeline/feed/", cached_page(feeds.EventFeed()), name="feed"),
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
