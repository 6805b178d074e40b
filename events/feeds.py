"""Subscribable meetings: every filtered meetings view (city, official, topic, status, dates) as
an iCalendar file and an Atom feed, with the same query parameters as /meetings/."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from .exports import to_ical
from .forms import MeetingFilterForm
from .models import Meeting

FEED_ITEMS = 200


def filtered_meetings(request: HttpRequest) -> tuple[MeetingFilterForm, object]:
    """The meetings the same query would list on /meetings/ (none when the filters are invalid)."""
    form = MeetingFilterForm(request.GET)
    meetings = form.filter(Meeting.objects.all()) if form.is_valid() else Meeting.objects.none()
    return form, meetings


def describe(form: MeetingFilterForm) -> str:
    """ "Meetings in Dayton, OH, cancelled" — the title of a filtered feed."""
    if not form.is_valid():
        return "Meetings"
    data = form.cleaned_data
    parts = []
    if data.get("city"):
        parts.append(f"in {data['city'].label}")
    if data.get("official"):
        parts.append(f"with {data['official'].name}")
    if data.get("topic"):
        parts.append(f"about {data['topic']}")
    if data.get("status"):
        parts.append(data["status"])
    if data.get("date_from") or data.get("date_to"):
        parts.append(f"{data.get('date_from') or '…'} to {data.get('date_to') or '…'}")
    return " ".join(["Meetings", *parts])


@require_safe
def meeting_ics(request: HttpRequest) -> HttpResponse:
    """The filtered meetings that have a date, as an iCalendar feed (cancelled: STATUS:CANCELLED)."""
    form, meetings = filtered_meetings(request)
    body = to_ical(meetings, name=f"civicnews: {describe(form)}", base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return response


class MeetingAtomFeed(Feed):
    """The filtered meetings, most recently updated first, as Atom."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest) -> MeetingFilterForm:
        self.request = request
        return MeetingFilterForm(request.GET)

    def title(self, form: MeetingFilterForm) -> str:
        return f"civicnews: {describe(form)}"

    def subtitle(self, form: MeetingFilterForm) -> str:
        return "Meetings of officials reported in civic news, with their sources."

    def link(self, form: MeetingFilterForm) -> str:
        params = form.filter_params if form.is_valid() else {}
        return reverse("events:meeting_list") + (f"?{urlencode(params)}" if params else "")

    def items(self, form: MeetingFilterForm):
        if not form.is_valid():
            return Meeting.objects.none()
        return form.filter(Meeting.objects.select_related("city")).order_by("-updated", "-pk")[:FEED_ITEMS]

    def item_title(self, meeting: Meeting) -> str:
        return f"[{meeting.status}] {meeting.title}"

    def item_description(self, meeting: Meeting) -> str:
        where = ", ".join(filter(None, [meeting.venue, meeting.city.label if meeting.city else ""]))
        when = meeting.date.isoformat() if meeting.date else (meeting.date_text or "date not reported")
        return f"{meeting.get_status_display()}: {when}" + (f", {where}" if where else "") + "."

    def item_updateddate(self, meeting: Meeting):
        return meeting.updated

    def item_pubdate(self, meeting: Meeting):
        return meeting.created
