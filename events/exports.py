"""Meetings, officials and cities as JSON-ready rows, CSV and iCalendar.

Used by ``manage.py export``; each function takes a queryset, so a filtered list can be exported
the same way. Rows follow the export contract in ARCHITECTURE.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator

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
        "participants": sorted(
            {p.official.name for p in meeting.participants.all() if p.official and p.name}
        ),
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
    """An iCalendar feed (RFC 5545) of the dated meetings; cancelled ones carry STATUS:CANCELLED.

    Written line by line: the icalendar library took ~1 ms per event, most of it folding lines, which
    a feed of many meetings cannot afford. ``_text`` escapes every value taken from the articles.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//civicnews//meetings//EN",
        "VERSION:2.0",
        f"X-WR-CALNAME:{_text(name, commas=False)}",
    ]
    if description:
        lines.append(f"X-WR-CALDESC:{_text(description, commas=False)}")
    dated = (
        meetings.exclude(date=None)  # a calendar entry needs a day
        .select_related("city")
        .prefetch_related(Prefetch("participants", Participant.objects.select_related("official")))
        .order_by("date", "pk")
    )
    for meeting in dated:
        city = meeting.city
        where = ", ".join(
            filter(None, [meeting.venue, city.name if city else "", city.state if city else ""])
        )
        participants = ", ".join(
            sorted({p.official.name for p in meeting.participants.all() if p.official and p.name})
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.pk}@civicnews",
            f"DTSTAMP:{meeting.updated.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
            f"DTSTART;VALUE=DATE:{meeting.date:%Y%m%d}",
            f"SUMMARY:{_text(meeting.title)}",
        ]
        if where:
            lines.append(f"LOCATION:{_text(where)}")
        lines.append(f"STATUS:{ICS_STATUS[meeting.status]}")
        summary = f"Status: {meeting.status}. Participants: {participants or 'not named'}."
        lines.append(f"DESCRIPTION:{_text(summary)}")
        if base_url:
            lines.append(f"URL:{base_url.rstrip('/')}{meeting.get_absolute_url()}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(f"{_fold(line)}\r\n" for line in lines).encode()


# Control characters a TEXT value may not hold (RFC 5545 3.3.11 allows none but tab).
_CONTROL = dict.fromkeys([*range(0x09), *range(0x0B, 0x20), 0x7F])


def _text(value: str, *, commas: bool = True) -> str:
    """An iCalendar TEXT value: backslash, semicolon and comma escaped, a line break as ``\\n``, other
    control characters dropped. Calendar apps (and the icalendar library) read the ``X-WR-`` names
    as written, so there (``commas=False``) commas and semicolons stay as they are."""
    value = value.replace("\\", "\\\\")
    if commas:
        value = value.replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return value.translate(_CONTROL)


def _fold(line: str) -> str:
    """``line`` folded into lines of at most 75 octets (RFC 5545 3.1), never inside a character."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start, width = [], 0, 75
    while start < len(data):
        end = min(start + width, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte
            end -= 1
        parts.append(data[start:end].decode())
        start, width = end, 74  # a continuation line starts with a space
    return "\r\n ".join(parts)
