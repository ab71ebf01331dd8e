from django.urls import path, re_path

from . import views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting-list"),
    # A code such as 4msp or 2rc; upper case is redirected to lower case, anything else is 404.
    re_path(r"^meetings/(?P<code>[0-9]{1,3}[A-Za-z]{2,3})/$", views.MeetingDetailView.as_view(), name="meeting-detail"),
]
