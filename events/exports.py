"""Meetings, officials and cities as JSON-ready rows, CSV and iCalendar.

Used by ``manage.py export``; each function takes a queryset, so a filtered list can be exported
the same way. Rows follow the export contract in ARCHITECTURE.md.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

import icalendar
from django.db.models import Prefetch

from .models import Article, City, Meeting, Official, Participant

ICS_STATUS = {
    Meeting.Status.SCHEDULED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.POSTPONED: "TENTATIVE",
    Meeting.Status.CANCELLED: "CANCELLED",
}


def meeting_rows(meetings) -> Iterator[dict]:
    for meeting in _with_related(meetings):
        yield meeting_row(meeting)


def _with_related(meetings):
    return (
        meetings.select_related("city")
        .prefetch_related(
            Prefetch("participants", Participant.objects.select_related("official")),
            # Only the keys: an article's text is large and a feed of many meetings must stay small.
            Prefetch("sources", Article.objects.only("pk", "source_key")),
        )
        .order_by("date", "pk")
    )


def meeting_row(meeting: Meeting) -> dict:
    return {
        "id": meeting.pk,
        "city": meeting.city.name if meeting.city else None,
        "state": (meeting.city.state or None) if meeting.city else None,
        "venue": meeting.venue or None,
        "date": meeting.date.isoformat() if meeting.date else None,
        "date_text": meeting.date_text or None,
        "status": meeting.status,
        "purpose": meeting.purpose,
        "kind": meeting.kind or None,
        "topic_keywords": list(meeting.topics),
        "participants": participant_names(meeting),
        "unnamed_participants": sorted(
            (
                {"title": p.title, "jurisdiction": p.jurisdiction or None, "state": p.state or None}
                for p in meeting.participants.all()
                if not p.name
            ),
            key=lambda u: (u["title"], u["jurisdiction"] or "", u["state"] or ""),
        ),
        "sources": sorted(a.source_key or str(a.pk) for a in meeting.sources.all()),
    }


def participant_names(meeting: Meeting) -> list[str]:
    """The named officials who took part, sorted (``participants`` prefetched with their officials)."""
    return sorted({p.official.name for p in meeting.participants.all() if p.official and p.name})


def official_rows(officials) -> Iterator[dict]:
    for official in officials.prefetch_related("roles", "aliases").order_by("name", "pk"):
        yield {
            "id": official.pk,
            "name": official.name,
            "roles": [
                {"title": r.title, "jurisdiction": r.jurisdiction or None, "state": r.state or None}
                for r in sorted(official.roles.all(), key=lambda r: (r.title, r.jurisdiction, r.state))
            ],
            "aliases": sorted(a.name for a in official.aliases.all() if a.name != official.name),
        }


def city_rows(cities) -> Iterator[dict]:
    for city in cities.order_by("name", "state", "pk"):
        yield {
            "id": city.pk,
            "name": city.name,
            "state": city.state or None,
            "country": city.country,
            "lat": city.latitude,
            "lon": city.longitude,
            "slug": city.slug,
            "ocd_id": city.ocd_id or None,
        }


ROWS = {
    "meetings": (Meeting, meeting_rows),
    "officials": (Official, official_rows),
    "cities": (City, city_rows),
}


def to_csv(rows: Iterable[dict]) -> str:
    """CSV with one header row; lists are joined with "; ", nested records are written as text."""
    out = io.StringIO()
    writer = None
    for row in rows:
        flat = {key: _flatten(value) for key, value in row.items()}
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(flat), lineterminator="\n")
            writer.writeheader()
        writer.writerow(flat)
    return out.getvalue()


def _flatten(value) -> str | int | float | None:
    if isinstance(value, list):
        return "; ".join(
            ", ".join(str(v) for v in item.values() if v) if isinstance(item, dict) else str(item)
            for item in value
        )
    return value


def to_ical(
    meetings, *, name: str = "civicnews meetings", description: str = "", base_url: str = ""
) -> bytes:
    """An iCalendar feed of the dated meetings; cancelled ones carry STATUS:CANCELLED.

    The feeds bound ``meetings`` (``ICS_LIMIT``): the icalendar library costs about 1 ms an event.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//civicnews//meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("x-wr-caldesc", description)
    dated = (
        meetings.exclude(date=None)  # a calendar entry needs a day
        .select_related("city")
        .prefetch_related(Prefetch("participants", Participant.objects.select_related("official")))
        .order_by("date", "pk")
    )
    for meeting in dated:
        city = meeting.city
        event = icalendar.Event()
        event.add("uid", f"meeting-{meeting.pk}@civicnews")
        event.add("dtstamp", meeting.updated)
        event.add("dtstart", meeting.date)
        event.add("summary", meeting.title)
        where = ", ".join(
            filter(None, [meeting.venue, city.name if city else "", city.state if city else ""])
        )
        if where:
            event.add("location", where)
        event.add("status", ICS_STATUS[meeting.status])
        participants = ", ".join(participant_names(meeting))
        event.add("description", f"Status: {meeting.status}. Participants: {participants or 'not named'}.")
        if base_url:
            event.add("url", base_url.rstrip("/") + meeting.get_absolute_url())
        calendar.add_component(event)
    return calendar.to_ical()
