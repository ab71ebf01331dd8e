"""The site's URLs, plus a stand-in for the meetings pages where that app has none yet (the partials link to
meetings): the partials' tests run on either side of the merge."""

from django.http import HttpResponse
from django.urls import include, path

from ottawa.urls import urlpatterns as site_patterns

urlpatterns = list(site_patterns)
if not any(getattr(pattern, "namespace", None) == "meetings" for pattern in site_patterns):
    stand_in = ([path("meetings/<str:code>/", lambda request, code: HttpResponse(), name="meeting-detail")], "meetings")
    urlpatterns.append(path("", include(stand_in)))
