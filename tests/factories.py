"""Plain factory functions for tests: ``make_meeting(city=..., participants=[...])``.

Each takes keyword overrides and fills the rest with ``kwargs.setdefault`` (djangoproject.com's
``checklists/tests/factory.py``). Unique fields get a counter so factories can be called in loops.
"""

from __future__ import annotations

import hashlib
import itertools

from events.models import Alias, Article, City, Evidence, Meeting, MeetingSource, Official, Participant, Role

_counter = itertools.count(1)


def make_city(**kwargs) -> City:
    n = next(_counter)
    kwargs.setdefault("name", f"Testville {n}")
    kwargs.setdefault("state", "MO")
    kwargs.setdefault("country", "US")
    kwargs.setdefault("latitude", 38.5 + n / 1000)
    kwargs.setdefault("longitude", -92.1 - n / 1000)
    return City.objects.create(**kwargs)


def make_official(
    name: str | None = None, roles: list[dict] | None = None, aliases: list[str] = (), **kwargs
) -> Official:
    """An official with ``roles``: dicts of Role fields, e.g. ``{"title": "Mayor", "city": kc}``.

    A role's ``jurisdiction`` and ``state`` default to its city's name and state.
    """
    official = Official.objects.create(name=name or f"Official {next(_counter)}", **kwargs)
    for role in roles or []:
        role = dict(role)
        city = role.get("city")
        role.setdefault("title", "Mayor")
        role.setdefault("jurisdiction", city.name if city else "")
        role.setdefault("state", city.state if city else "")
        Role.objects.create(official=official, **role)
    for alias in aliases:
        Alias.objects.create(official=official, name=alias)
    official.refresh_search_text()  # ingest keeps it up to date the same way
    return official


def make_article(**kwargs) -> Article:
    n = next(_counter)
    kwargs.setdefault("title", f"Article {n}")
    kwargs.setdefault("text", f"{kwargs['title']}\n\nBody of article {n}.")
    kwargs.setdefault("source", "Test Gazette")
    kwargs.setdefault("source_key", f"article_{n}")
    kwargs.setdefault("extraction_status", Article.Status.DONE)
    article = Article(**kwargs)
    # content_hash is not editable and must be unique: hash the text plus the counter.
    article.content_hash = hashlib.sha256(f"{n}\0{article.text}".encode()).hexdigest()
    article.save()
    return article


def make_meeting(
    city: City | None = None,
    participants: list[Official] = (),
    unnamed: list[dict] = (),
    sources: list[Article] = (),
    **kwargs,
) -> Meeting:
    """A meeting in ``city`` with named ``participants`` (Officials), ``unnamed`` participants
    (dicts of Participant fields, e.g. ``{"title": "Mayor", "jurisdiction": "Springfield"}``) and
    ``sources`` (Articles, each linked through a MeetingSource that repeats the meeting's status).
    """
    kwargs.setdefault("purpose", "discuss crime")
    kwargs.setdefault("topics", ["crime"])
    kwargs.setdefault("status", Meeting.Status.SCHEDULED)
    meeting = Meeting.objects.create(city=city, **kwargs)
    for official in participants:
        Participant.objects.create(meeting=meeting, official=official, name=official.name)
    for fields in unnamed:
        Participant.objects.create(meeting=meeting, **fields)
    for article in sources:
        MeetingSource.objects.create(
            meeting=meeting,
            article=article,
            status=meeting.status,
            date=meeting.date,
            date_text=meeting.date_text,
            venue=meeting.venue,
        )
    meeting.refresh_search_text()
    return meeting


def make_report(meeting: Meeting, article: Article, **kwargs) -> MeetingSource:
    """One article's reading of ``meeting``; defaults to the meeting's own status, date and venue."""
    kwargs.setdefault("status", meeting.status)
    kwargs.setdefault("date", meeting.date)
    kwargs.setdefault("date_text", meeting.date_text)
    kwargs.setdefault("venue", meeting.venue)
    return MeetingSource.objects.create(meeting=meeting, article=article, **kwargs)


def make_evidence(article: Article, needle: str, kind: str, occurrence: int = 0, **kwargs) -> Evidence:
    """Evidence over the ``occurrence``-th appearance of ``needle`` in ``article.text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(needle, start + 1)
    return Evidence.objects.create(article=article, kind=kind, start=start, end=start + len(needle), **kwargs)
