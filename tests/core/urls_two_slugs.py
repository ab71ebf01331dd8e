from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("pair/<slug:first>/<slug:second>/", lambda request, **kwargs: HttpResponse(), name="pair")]
