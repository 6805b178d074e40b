"""Turn one article's :class:`~events.extraction.Extraction` into linked database rows.

The same city is one :class:`City` (name + state + country). The same official is one
:class:`Official`: a full name already known as a name or alias is reused. The same meeting is one
:class:`Meeting` with several :class:`MeetingSource` rows: a meeting reported by another article in
the same city (or with no city), on a compatible date and with an overlapping named participant, is
the same meeting, whatever each article says of its status. Callers own the transaction.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.db.models import Q

from .extraction import Extraction
from .extraction.types import CityMention, MeetingMention, OfficialMention
from .models import Alias, Article, City, Evidence, Meeting, MeetingSource, Official, Participant, Role


def normalise_name(name: str) -> str:
    """Case, accents, punctuation and suffixes folded: "José  O'Neil Jr." -> "jose o neil"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = [w for w in re.sub(r"[^\w\s]", " ", text).split() if w not in {"jr", "sr", "ii", "iii", "iv"}]
    return " ".join(words)


def clear_extraction(article: Article) -> None:
    """Forget what an earlier extraction of ``article`` produced (before extracting it again)."""
    meeting_ids = list(MeetingSource.objects.filter(article=article).values_list("meeting_id", flat=True))
    Evidence.objects.filter(article=article).delete()
    MeetingSource.objects.filter(article=article).delete()
    # A meeting that no article reports any more has no reason to exist.
    Meeting.objects.filter(pk__in=meeting_ids, reports__isnull=True).delete()
    for meeting in Meeting.objects.filter(pk__in=meeting_ids):
        refresh_meeting(meeting)


def save_extraction(article: Article, extraction: Extraction) -> None:
    """Link ``extraction`` of ``article`` to cities, officials and meetings, with evidence."""
    cities = {(c.name, c.state): resolve_city(article, c) for c in extraction.cities}
    dateline = _dateline_city(article.text, extraction.cities)
    if dateline is not None:
        article.dateline_city = cities[(dateline.name, dateline.state)]
    officials = {o.name: resolve_official(article, o, cities) for o in extraction.officials}
    for mention in extraction.meetings:
        resolve_meeting(article, mention, cities, officials)


def resolve_city(article: Article, mention: CityMention) -> City:
    city, _ = City.objects.get_or_create(
        name=mention.name,
        state=mention.state or "",
        country=mention.country,
        defaults={
            "slug": _unique_slug(City.make_slug(mention.name, mention.state or "", mention.country)),
            "latitude": mention.lat,
            "longitude": mention.lon,
            "population": mention.population,
            "geonames_id": mention.geonames_id,
        },
    )
    _add_evidence(article, Evidence.Kind.CITY, mention.evidence, mention.mentions, city=city)
    return city


def resolve_official(
    article: Article, mention: OfficialMention, cities: dict[tuple[str, str | None], City]
) -> Official:
    official = find_official(mention.name)
    if official is None:
        official = Official.objects.create(name=mention.name)
    for alias in {mention.name, *mention.aliases}:
        Alias.objects.get_or_create(official=official, name=alias[:200])
    if mention.title:
        role, _ = Role.objects.get_or_create(
            official=official,
            title=mention.title,
            jurisdiction=mention.jurisdiction or "",
            state=mention.state or "",
            defaults={"city": cities.get((mention.jurisdiction, mention.state))},
        )
        _widen_seen(role, article.published)
    _add_evidence(article, Evidence.Kind.OFFICIAL, mention.evidence, mention.mentions, official=official)
    return official


def find_official(name: str) -> Official | None:
    """The official already known by this full name (as name or alias), if any."""
    key = normalise_name(name)
    if len(key.split()) < 2:  # a bare surname is too weak to match across articles
        return None
    candidates = Official.objects.filter(Q(name__iexact=name) | Q(aliases__name__iexact=name)).distinct()
    for official in candidates.order_by("pk"):
        return official
    # Same letters, different punctuation or accents ("O'Neil" / "ONeil").
    surname = key.split()[-1]
    for official in Official.objects.filter(name__icontains=surname).order_by("pk"):
        if normalise_name(official.name) == key:
            return official
    return None


def resolve_meeting(
    article: Article,
    mention: MeetingMention,
    cities: dict[tuple[str, str | None], City],
    officials: dict[str, Official],
) -> Meeting:
    city = cities.get((mention.city, mention.state)) if mention.city else None
    people = [officials[name] for name in mention.participants if name in officials]
    meeting = find_meeting(city, mention.date, people, exclude_article=article)
    if meeting is None:
        meeting = Meeting.objects.create(
            purpose=(mention.purpose or "")[:500],
            topics=list(mention.topic_keywords),
            city=city,
            venue=(mention.venue or "")[:300],
            date=mention.date,
            date_text=(mention.date_text or "")[:200],
            status=mention.status,
        )
    MeetingSource.objects.update_or_create(
        meeting=meeting,
        article=article,
        defaults={
            "status": mention.status,
            "date": mention.date,
            "date_text": (mention.date_text or "")[:200],
            "venue": (mention.venue or "")[:300],
        },
    )
    known = set(meeting.participants.filter(official__isnull=False).values_list("official_id", flat=True))
    for official, name in zip(people, [n for n in mention.participants if n in officials], strict=True):
        if official.pk not in known:
            Participant.objects.create(meeting=meeting, official=official, name=name)
            known.add(official.pk)
    unnamed = set(
        meeting.participants.filter(official__isnull=True).values_list("title", "jurisdiction", "state")
    )
    for role in mention.unnamed_participants:
        key = (role.title, role.jurisdiction or "", role.state or "")
        if key not in unnamed:
            Participant.objects.create(meeting=meeting, title=key[0], jurisdiction=key[1], state=key[2])
            unnamed.add(key)
    if meeting.city is None and city is not None:
        meeting.city = city
    new_topics = [t for t in mention.topic_keywords if t not in meeting.topics]
    if new_topics:
        meeting.topics = [*meeting.topics, *new_topics]
    if not meeting.purpose and mention.purpose:
        meeting.purpose = mention.purpose[:500]
    meeting.save()
    _add_evidence(article, Evidence.Kind.MEETING, mention.evidence, (), meeting=meeting)
    _add_evidence(article, Evidence.Kind.DATE, (), mention.date_mentions, meeting=meeting)
    refresh_meeting(meeting)
    return meeting


def find_meeting(
    city: City | None, date: dt.date | None, people: list[Official], *, exclude_article: Article
) -> Meeting | None:
    """An existing meeting that is this one: same place, compatible date, a named participant in common."""
    if not people:
        return None
    candidates = (
        Meeting.objects.filter(participants__official__in=people)
        .exclude(reports__article=exclude_article)
        .distinct()
        .order_by("pk")
    )
    if city is not None:
        candidates = candidates.filter(Q(city=city) | Q(city__isnull=True))
    if date is not None:
        candidates = candidates.filter(Q(date=date) | Q(date__isnull=True))
    return candidates.first()


def refresh_meeting(meeting: Meeting) -> None:
    """Show the latest reading: status, date and venue from the most recently published report."""
    reports = list(meeting.reports.select_related("article"))
    if not reports:
        return
    reports.sort(key=lambda r: (r.article.published or dt.date.min, r.article.created, r.pk))
    latest = reports[-1]
    meeting.status = latest.status
    dated = [r for r in reports if r.date]
    if dated:
        meeting.date = dated[-1].date
        meeting.date_text = dated[-1].date_text
    elif latest.date_text:
        meeting.date_text = latest.date_text
    venues = [r for r in reports if r.venue]
    if venues:
        meeting.venue = venues[-1].venue
    meeting.save(update_fields=["status", "date", "date_text", "venue", "updated"])


def _add_evidence(article, kind, sentences, mentions, **target) -> None:
    length = len(article.text)
    rows = [
        Evidence(article=article, kind=kind, start=start, end=end, is_mention=is_mention, **target)
        for spans, is_mention in ((sentences, False), (mentions, True))
        for start, end in dict.fromkeys(spans)
        if 0 <= start < end <= length
    ]
    Evidence.objects.bulk_create(rows)


def _dateline_city(text: str, cities) -> CityMention | None:
    """The city whose name opens the body ("KANSAS CITY, Mo. —"), if any."""
    title_end = text.find("\n")
    if title_end == -1:
        return None
    body_start = len(text) - len(text[title_end:].lstrip())
    for city in cities:
        if any(start == body_start for start, _ in city.mentions):
            return city
    return None


def _widen_seen(role: Role, published: dt.date | None) -> None:
    if published is None:
        return
    changed = []
    if role.first_seen is None or published < role.first_seen:
        role.first_seen = published
        changed.append("first_seen")
    if role.last_seen is None or published > role.last_seen:
        role.last_seen = published
        changed.append("last_seen")
    if changed:
        role.save(update_fields=changed)


def _unique_slug(slug: str) -> str:
    candidate, n = slug, 2
    while City.objects.filter(slug=candidate).exists():
        candidate = f"{slug}-{n}"
        n += 1
    return candidate
