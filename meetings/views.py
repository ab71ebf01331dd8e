from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from core.cache import CachedPageMixin, cached_page
from core.preview import PreviewMixin

from .forms import MeetingFilterForm
from .models import Meeting


@require_safe
@cached_page(query=[MeetingFilterForm])
def meeting_list(request):
    """/meetings/: every published meeting, oldest first, filtered by kind and year."""
    form = MeetingFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "meetings/meeting_list.html", {"form": form, "invalid": True}, status=400)
    meetings = list(Meeting.objects.published().for_list(**form.filters()))
    context = {"form": form, "meetings": meetings, "filtered": form.is_filtered}
    return render(request, "meetings/meeting_list.html", context)


class MeetingDetailView(CachedPageMixin, PreviewMixin, DetailView):
    """/meetings/<code>/: when and where, the presidency, the outcome and the sources, the States Parties' count on
    the first day, and the timeline event. Editors also see drafts and scheduled meetings (a preview, never cached)."""

    model = Meeting
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get(self, request, *args, **kwargs):
        if kwargs["code"] != kwargs["code"].lower():
            return redirect("meetings:meeting-detail", code=kwargs["code"].lower(), permanent=True)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        meetings = Meeting.objects.for_detail()
        return meetings if self.may_preview() else meetings.published()

    def get_object(self, queryset=None):
        try:
            return self.get_queryset().get(code=self.kwargs["code"].upper())
        except Meeting.DoesNotExist:
            raise Http404("No meeting has this code.") from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        published = Meeting.objects.published()
        context |= {
            "figures": meeting.figures_on_first_day(),
            "event": meeting.event if meeting.event_is_public() else None,
            "previous_meeting": published.before(meeting).first(),
            "next_meeting": published.after(meeting).first(),
        }
        return context
