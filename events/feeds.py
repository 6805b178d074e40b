"""Subscribable meetings: every filtered meetings view (city, official, topic, status, dates) as
an iCalendar file and an Atom feed, with the same query parameters as /meetings/."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.db.models import F, Max, Min, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from .exports import to_ical
from .forms import MeetingFilterForm
from .models import Meeting, MeetingSource

# The Atom feed's entries: a reader polls it for what is new, and each entry costs ~0.5 ms to write.
FEED_ITEMS = 50
# Readings the Atom feed walks to find FEED_ITEMS meetings (a meeting has ~1.2; a filter leaves fewer).
READINGS_PER_ITEM = 4
# A calendar holds the meetings of the last year and all upcoming ones (unless the query gives dates),
# and at most this many, the latest first: an archive of ten years would be megabytes per refresh, and
# a hundred events keep a calendar app's refresh small.
ICS_WINDOW = dt.timedelta(days=365)
ICS_LIMIT = 50


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
    dates_given = form.is_valid() and (form.cleaned_data["date_from"] or form.cleaned_data["date_to"])
    since = None if dates_given else timezone.localdate() - ICS_WINDOW
    if since:
        meetings = meetings.filter(date__gte=since)
    latest = meetings.exclude(date=None).order_by("-date", "-pk").values_list("pk", flat=True)[:ICS_LIMIT]
    description = f"At most {ICS_LIMIT} meetings, the latest first" + (
        f", from {since} on." if since else "."
    )
    body = to_ical(
        Meeting.objects.filter(pk__in=list(latest)),
        name=f"civicnews: {describe(form)}",
        description=description,
        base_url=request.build_absolute_uri("/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return response


def as_datetime(day: dt.date | None) -> dt.datetime | None:
    """Midnight of ``day`` in the site's time zone: Atom dates are instants, comparable to each other."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time())) if day else None


def latest_reported(meetings: QuerySet[Meeting], limit: int, *, filtered: bool = True) -> list[Meeting]:
    """The ``limit`` meetings of ``meetings`` (``filtered``: not all of them) most recently reported
    (by their newest article's date), then those no dated article reports, last changed first; each
    with ``first_reported`` and ``last_reported``.

    The newest readings are walked down the articles' date index until ``limit`` meetings have
    turned up (a meeting first appears at its newest reading), instead of computing every meeting's
    newest reading and sorting them all. When the filters leave so few meetings that the walk does
    not find enough, the database ranks the filtered meetings themselves: then they are few.
    """
    walk = limit * READINGS_PER_ITEM
    dated = MeetingSource.objects.filter(article__published__isnull=False)
    if filtered:
        dated = dated.filter(meeting__in=meetings.values("pk"))
    # In the order of the articles' (published, created) index, read backwards.
    newest = dated.order_by("-article__published", "-article__created", "-article_id")
    readings = list(newest.values_list("meeting_id", "article__published")[:walk])
    found: dict[int, dt.date] = {}
    last = None
    for meeting_id, published in readings:
        if len(found) >= limit and published != last:
            break
        found.setdefault(meeting_id, published)
        last = published
    reported = Min("reports__article__published"), Max("reports__article__published")
    newest_first = (F("last_reported").desc(nulls_last=True), "-updated", "-pk")
    if len(found) < limit and len(readings) == walk:  # a narrow filter: few meetings
        chosen = meetings.annotate(first_reported=reported[0], last_reported=reported[1])
        return list(chosen.select_related("city").order_by(*newest_first)[:limit])
    chosen = meetings.filter(pk__in=list(found)).select_related("city")
    items = list(
        chosen.annotate(first_reported=reported[0], last_reported=reported[1]).order_by(*newest_first)
    )
    if len(found) < limit:  # every dated reading was walked: add the meetings without one
        undated = (
            meetings.exclude(pk__in=list(found))
            .exclude(reports__article__published__isnull=False)
            .select_related("city")
            .annotate(first_reported=reported[0], last_reported=reported[1])
        )
        items += undated.order_by("-updated", "-pk")[: limit - len(found)]
    return items[:limit]


class MeetingAtomFeed(Feed):
    """The filtered meetings, most recently reported first, as Atom (RFC 4287).

    An entry is *published* when the first article reported the meeting (the meeting's own date when
    no article is dated) and *updated* when the latest one did: dates readers can check, not the
    moments rows were written.
    """

    feed_type = Atom1Feed
    author_name = "civicnews"  # RFC 4287: a feed whose entries name no author names one itself

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
            return []
        return latest_reported(form.filter(Meeting.objects.all()), FEED_ITEMS, filtered=form.active)

    def item_title(self, meeting: Meeting) -> str:
        return f"[{meeting.status}] {meeting.title}"

    def item_description(self, meeting: Meeting) -> str:
        where = ", ".join(filter(None, [meeting.venue, meeting.city.label if meeting.city else ""]))
        when = meeting.date.isoformat() if meeting.date else (meeting.date_text or "date not reported")
        return f"{meeting.get_status_display()}: {when}" + (f", {where}" if where else "") + "."

    def item_pubdate(self, meeting: Meeting) -> dt.datetime | None:
        return as_datetime(meeting.first_reported or meeting.date)

    def item_updateddate(self, meeting: Meeting) -> dt.datetime:
        # Atom requires <updated>: with no dated article, the last change to the record stands in.
        return as_datetime(meeting.last_reported) or meeting.updated
