"""Turn one article's :class:`~events.extraction.Extraction` into linked database rows.

One record per real-world thing:

- **City**: name + state + country.
- **Official**: the same full name or alias, or the same surname holding the same office in the
  same jurisdiction, is one person; aliases and roles accumulate (``events/officials.py``).
- **Meeting**: each article's account of a meeting is a :class:`MeetingSource` (its *reading*:
  status, date, venue, city, purpose, topics, participants). Readings from different articles
  that share a named participant, happen in a compatible place and on a compatible date, whatever
  their status, are one meeting. The meeting's own fields are derived from its readings (the
  latest published reading wins), so the result does not depend on the order of ingestion, and
  fields an editor pinned in the admin are never overwritten.
- **Editors' decisions**: re-extracting an article puts its readings back on the meetings an editor
  corrected, merged or split, and its names back on the officials an editor renamed or merged
  (records marked ``edited``), whatever the new extraction says.

Callers own the transaction (ingest runs one per article).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection

from .extraction import Extraction, dates
from .extraction.meetings.purpose import clean_topics
from .extraction.types import CityMention, MeetingMention, OfficialMention
from .locks import lock
from .models import Article, City, Evidence, Meeting, MeetingSource, Official, Participant
from .names import normalise_name, surname_of
from .officials import ArticleOfficials
from .rows import insert_objects, insert_rows, placeholders, table

CityKey = tuple[str, str | None]
# One evidence row before it is written: kind, start, end, whether it spans the name itself, and
# the official, city or meeting it backs (its id is read when the row is written: an official the
# article names first may not be saved yet).
EvidenceRow = tuple[str, int, int, bool, Official | None, City | None, Meeting | None]


# Whole articles

# What tells one reading of an article from another, besides its participants.
READING_IDENTITY = ("date", "date_text", "city", "venue", "purpose", "kind")


@dataclass(frozen=True)
class EarlierReading:
    """One meeting reading an article gave before it is extracted again, and the meeting it was on."""

    meeting_id: int
    meeting_edited: bool
    values: dict[str, object]  # READING_IDENTITY -> value, the city as its id
    official_ids: frozenset[int]

    def likeness(self, fields: dict[str, object], people: list[Official]) -> int:
        """How many participants and facts a new reading (``reading_fields``) shares with this one."""
        new = _comparable(fields)
        same = sum(1 for name in READING_IDENTITY if self.values[name] and self.values[name] == new[name])
        return len(self.official_ids & {p.pk for p in people}) + same


@dataclass(frozen=True)
class EarlierLinks:
    """What an article was linked to before it is extracted again (``clear_extraction``)."""

    readings: tuple[EarlierReading, ...] = ()
    # A name as the article writes it (normalised) -> the edited official it stood for.
    officials: dict[str, int] = field(default_factory=dict)

    @property
    def meeting_ids(self) -> list[int]:
        return [reading.meeting_id for reading in self.readings]


def replace_extraction(article: Article, extraction: Extraction) -> None:
    """Replace what earlier extractions of ``article`` produced with ``extraction``. An article not
    stored yet has nothing to replace: it is inserted once the extraction's dateline city is known
    (five statements fewer for each article an ingest adds: no clearing, no update after the insert).

    What an editor decided survives (issue 10): a reading that was on a meeting an editor corrected,
    merged or split goes back on it, whatever the new extraction says of its date or place (pinned
    fields then win), and a name that stood for an official an editor renamed or merged stands for
    them again. Other meetings the article reported are preferred when its readings are matched
    again; meetings left with no reading (and no editor work on them) are deleted.
    """
    earlier = EarlierLinks() if article.pk is None else clear_extraction(article)
    save_extraction(article, extraction, earlier=earlier)
    prune_meetings(earlier.meeting_ids)


def clear_extraction(article: Article) -> EarlierLinks:
    """Forget the article's evidence and readings; return what they were linked to."""
    reports = MeetingSource.objects.filter(article=article).select_related("meeting")
    readings = tuple(
        EarlierReading(
            meeting_id=report.meeting_id,
            meeting_edited=report.meeting.edited,
            values=_comparable({name: getattr(report, name) for name in READING_IDENTITY}),
            official_ids=frozenset(report.officials.values_list("pk", flat=True)),
        )
        for report in reports
    )
    officials: dict[str, int] = {}
    for start, end, official_id in Evidence.objects.filter(
        article=article, kind=Evidence.Kind.OFFICIAL, is_mention=True, official__edited=True
    ).values_list("start", "end", "official_id"):
        officials.setdefault(normalise_name(article.text[start:end]), official_id)
    Evidence.objects.filter(article=article).delete()
    if readings:  # (a new article has none: the delete would only look for them again)
        MeetingSource.objects.filter(article=article).delete()
    return EarlierLinks(readings, officials)


def prune_meetings(meeting_ids: Iterable[int]) -> None:
    """Delete meetings no article reports any more (unless an editor worked on them); refresh the rest."""
    meeting_ids = list(meeting_ids)
    if not meeting_ids:  # a new article's (the ORM would build a query only to find it empty)
        return
    for meeting in Meeting.objects.filter(pk__in=meeting_ids):
        if not meeting.reports.exists() and not meeting.edited:
            meeting.delete()
        else:
            refresh_meeting(meeting)


def save_extraction(
    article: Article, extraction: Extraction, *, earlier: EarlierLinks = EarlierLinks()
) -> None:
    """Link ``extraction`` of ``article`` to cities, officials and meetings, with evidence.

    The article's evidence rows are collected and written together at the end, as plain rows (saving
    an article used to run ~65 statements, one of the costs of ingest; issue 12)."""
    lock(
        [f"city:{_city_slug(c)}" for c in extraction.cities]
        + [f"surname:{surname}" for o in extraction.officials if (surname := surname_of(o.name))]
    )
    evidence: list[EvidenceRow] = []
    known = _known_cities(extraction.cities)
    cities = {(c.name, c.state): resolve_city(article, c, evidence, known) for c in extraction.cities}
    dateline = _dateline_city(article.text, extraction.cities)
    article.dateline_city = cities[(dateline.name, dateline.state)] if dateline else None
    if article.pk is None:
        article.save()  # a new article: its readings need its id
    officials, created = resolve_officials(article, extraction.officials, cities, earlier.officials, evidence)
    readings = []
    for mention in extraction.meetings:
        city = cities.get((mention.city, mention.state)) if mention.city else None
        people = list(dict.fromkeys(officials[name] for name in mention.participants if name in officials))
        readings.append((mention, reading_fields(mention, city), people))
    kept = keep_edited_readings(earlier.readings, [(fields, people) for _, fields, people in readings])
    prefer = set(earlier.meeting_ids) - set(kept.values())
    # The meetings this article's readings are on so far: it reports no other (its earlier readings
    # were cleared), and two readings of one article are two meetings.
    reported: set[int] = set()
    for index, (mention, fields, people) in enumerate(readings):
        if index in kept:
            meeting = Meeting.objects.get(pk=kept[index])
        else:
            # Officials this article created are in none of the stored readings: no need to ask.
            stored = [p.pk for p in people if p.pk not in created]
            found = find_meeting(
                article, fields, people, stored, prefer=prefer, exclude=set(kept.values()) | reported
            )
            meeting = Meeting.objects.get(pk=found) if found is not None else None
        reported.add(save_reading(article, mention, fields, people, meeting, evidence).pk)
    _insert_evidence(article, evidence)


def resolve_officials(
    article: Article,
    mentions: Sequence[OfficialMention],
    cities: dict[CityKey, City],
    earlier: dict[str, int],
    evidence: list[EvidenceRow],
) -> tuple[dict[str, Official], set[int]]:
    """The stored official each of ``mentions`` names (created or updated as the article says),
    by name, and the ids of those this article created; the article's evidence for them is added
    to ``evidence``. Meetings are found through these officials: one known under another surname
    (an alias after a merge) is one record, so its id is what two articles share."""
    stored = ArticleOfficials(mentions, earlier)
    resolved = {}
    for mention in mentions:
        city = cities.get((mention.jurisdiction, mention.state))
        official = stored.resolve(article, mention, city, earlier).official
        evidence += _evidence(
            article, Evidence.Kind.OFFICIAL, mention.evidence, mention.mentions, official=official
        )
        resolved[mention.name] = official
    stored.save()
    return resolved, {k.official.pk for k in stored.known if k.new}


def keep_edited_readings(
    earlier: Iterable[EarlierReading], new: list[tuple[dict[str, object], list[Official]]]
) -> dict[int, int]:
    """Which new reading goes back on which edited meeting: {index in ``new``: meeting id}.

    An editor corrected, merged or split those meetings, so the reading returns to its meeting even
    when the new extraction dates or places it differently. Earlier and new readings are paired
    most alike first; a new reading that shares nothing with any of them is matched as usual.
    """
    pairs = sorted(
        (
            (-reading.likeness(fields, people), index, position, reading.meeting_id)
            for position, reading in enumerate(earlier)
            if reading.meeting_edited
            for index, (fields, people) in enumerate(new)
        )
    )
    kept: dict[int, int] = {}
    for unlikeness, index, _, meeting_id in pairs:
        if unlikeness < 0 and index not in kept and meeting_id not in kept.values():
            kept[index] = meeting_id
    return kept


# Cities


def _known_cities(mentions: Iterable[CityMention]) -> dict[tuple[str, str, str], City]:
    """The stored cities among ``mentions``, fetched in one query: {(name, state, country): city}.
    (By name alone, through the unique index's first column: the few namesakes elsewhere cost less
    than building an OR of every mention's three columns.)"""
    wanted = {(mention.name, mention.state or "", mention.country) for mention in mentions}
    if not wanted:
        return {}
    found = City.objects.filter(name__in={name for name, _, _ in wanted}).order_by()
    return {key: city for city in found if (key := (city.name, city.state, city.country)) in wanted}


def resolve_city(
    article: Article, mention: CityMention, evidence: list[EvidenceRow], known: dict | None = None
) -> City:
    """The city ``mention`` names (created when new, ``known`` holding those already looked up), with
    the article's evidence for it added to ``evidence``."""
    city = (known or {}).get((mention.name, mention.state or "", mention.country))
    if city is None:
        city = _get_or_create_city(mention)
    evidence += _evidence(article, Evidence.Kind.CITY, mention.evidence, mention.mentions, city=city)
    return city


def _get_or_create_city(mention: CityMention) -> City:
    city, _ = City.objects.get_or_create(
        name=mention.name,
        state=mention.state or "",
        country=mention.country,
        defaults={
            "slug": _unique_slug(_city_slug(mention)),
            "latitude": mention.lat,
            "longitude": mention.lon,
            "population": mention.population,
            "geonames_id": mention.geonames_id,
        },
    )
    return city


def _city_slug(mention: CityMention) -> str:
    return City.make_slug(mention.name, mention.state or "", mention.country)


# Meetings


def topic_keywords(topics: Iterable[str]) -> list[str]:
    """The topics worth showing (the extractor's own rule, applied again to readings stored by an
    earlier extractor version)."""
    return list(clean_topics(topics))


def reading_fields(mention: MeetingMention, city: City | None) -> dict[str, object]:
    """The :class:`MeetingSource` fields of one meeting mention, clipped to their columns."""
    return {
        "status": mention.status,
        "date": mention.date,
        "date_text": (mention.date_text or "")[:200],
        "venue": (mention.venue or "")[:300],
        "city": city,
        "purpose": (mention.purpose or "")[:500],
        "kind": (mention.kind or "")[:60],
        "topics": topic_keywords(mention.topic_keywords),
        "unnamed": [[u.title, u.jurisdiction or "", u.state or ""] for u in mention.unnamed_participants],
    }


def save_reading(
    article: Article,
    mention: MeetingMention,
    fields: dict[str, object],
    people: list[Official],
    meeting: Meeting | None,
    evidence: list[EvidenceRow],
) -> Meeting:
    """Store the article's reading on ``meeting`` (a new one when None); its evidence is added to
    ``evidence``. The rows are written as plain values (``events.rows``): the ORM's statements cost
    saving more than the database's work on them."""
    joining = meeting is not None
    if joining:
        reading_id = _insert_reading(meeting, article, fields)
    else:
        meeting, reading_id = _new_meeting(article, fields, people)
    insert_rows(
        MeetingSource.officials.through, ("meetingsource", "official"), [(reading_id, o.pk) for o in people]
    )
    evidence += _evidence(article, Evidence.Kind.MEETING, mention.evidence, (), meeting=meeting)
    evidence += _evidence(article, Evidence.Kind.DATE, (), mention.date_mentions, meeting=meeting)
    if joining:
        refresh_meeting(meeting)
    return meeting


# The columns written for a new meeting and its participants (the rest keep their defaults).
NEW_MEETING_FIELDS = (*Meeting.DERIVED_FIELDS, "search_text", "pinned", "edited", "created", "updated")
NEW_PARTICIPANT_FIELDS = ("meeting", "official", "name", "title", "jurisdiction", "state", "added_by_editor")


def _new_meeting(article: Article, fields: dict[str, object], people: list[Official]) -> tuple[Meeting, int]:
    """A meeting first reported by this reading, derived from it and written with its participants
    at once, and the reading's id: ``refresh_meeting`` would read back the reading, its officials and
    the participants, then update the row (four statements fewer for each new meeting)."""
    report = MeetingSource(article=article, **fields)
    meeting = Meeting(**_derived([report]))
    named = {official.pk: official for official in sorted(people, key=lambda o: (o.name, o.pk))}
    participants = [Participant(official=official, name=official.name) for official in named.values()] + [
        Participant(official=holder, title=title, jurisdiction=jurisdiction, state=state)
        for (title, jurisdiction, state), holder in _wanted_unnamed(meeting, [report], named).items()
    ]
    meeting.search_text = meeting.search_text_for(participants)
    insert_objects([meeting], NEW_MEETING_FIELDS)
    reading_id = _insert_reading(meeting, article, fields)
    for participant in participants:
        participant.meeting = meeting
    insert_objects(participants, NEW_PARTICIPANT_FIELDS)
    return meeting, reading_id


def _insert_reading(meeting: Meeting, article: Article, fields: dict[str, object]) -> int:
    """Write the reading (``reading_fields``) of ``meeting`` by ``article``; its id."""
    values = {**fields, "city": fields["city"].pk if fields["city"] is not None else None}
    names = ("meeting", "article", *values)
    return insert_rows(MeetingSource, names, [(meeting.pk, article.pk, *values.values())], returning=True)[0]


# Two reports of one meeting come out within this many days of it (or of each other, undated).
SAME_MEETING_DAYS = 30
# What makes one candidate meeting a better match than another (find_meeting).
MATCH_SAME_DATE = 1.0
MATCH_SAME_CITY = 0.5
MATCH_SAME_OUTCOME = (
    0.25  # an undated "held" report is of the meeting that went ahead, not the one called off
)
MATCH_REPORTED_BEFORE = 10.0
CALLED_OFF = {"cancelled", "postponed"}


@dataclass
class Candidate:
    """A stored meeting a reading may be about, with what ``find_meeting`` weighs of its readings."""

    pk: int
    city_id: int | None
    date: dt.date | None
    status: str
    kind: str
    officials: set[int] = field(default_factory=set)  # named by its readings
    published: set[dt.date] = field(default_factory=set)  # its readings' articles' dates
    written_days: set[tuple[int, int]] = field(default_factory=set)  # "July 3" in its readings' dates


def find_meeting(
    article: Article,
    fields: dict[str, object],
    people: list[Official],
    stored: Sequence[int],
    *,
    prefer: set[int],
    exclude: set[int] = frozenset(),
) -> int | None:
    """The id of the existing meeting this reading is about, or None.

    A candidate shares a named participant (``stored``: the ids of ``people`` that stored readings
    may name), or, for a body's session, is of the same kind on the same day in a town this article
    names; it is in the same city (or one side does not say), on the same date (or one side does
    not say, and the reports came out within ``SAME_MEETING_DAYS`` of it), on the day of the month
    the reading writes ("on July 3", in an undated story). The meetings the article reported before
    (``prefer``) are candidates whatever their participants. Among candidates, those, then the
    largest share of participants, then an agreeing date, city and outcome win. Meetings in
    ``exclude`` (those this article already reports: an article that describes two meetings means
    two; and those where another of its readings is going back) are not candidates.
    """
    city, date = fields["city"], fields["date"]
    session_cities = _session_cities(article, fields)
    if not stored and not prefer and session_cities is None:
        return None
    month_day = _month_day(fields["date_text"]) if date is None else None
    ids = {p.pk for p in people}
    best, best_score = None, 0.0
    for meeting in _candidates(article, fields, stored, prefer, session_cities, exclude):
        if month_day and meeting.date and (meeting.date.month, meeting.date.day) != month_day:
            continue
        if date is not None and meeting.date is None and meeting.written_days - {(date.month, date.day)}:
            continue  # an undated report that says "on July 3" is no report of June 28
        if not _close_in_time(article, date, meeting):
            continue
        shared = len(meeting.officials & ids)
        session = (
            session_cities is not None
            and (meeting.date, meeting.kind) == (date, fields["kind"])
            and (meeting.city_id is None or meeting.city_id in session_cities)
        )
        if not shared and meeting.pk not in prefer and not session:
            continue  # a session with no name in common joins only on its own day
        score = shared / max(1, min(len(meeting.officials), len(people))) if people else 0.5
        score += MATCH_SAME_DATE if date is not None and meeting.date == date else 0.0
        score += MATCH_SAME_CITY if city is not None and meeting.city_id == city.pk else 0.0
        score += (
            MATCH_SAME_OUTCOME if (fields["status"] in CALLED_OFF) == (meeting.status in CALLED_OFF) else 0.0
        )
        score += MATCH_REPORTED_BEFORE if meeting.pk in prefer else 0.0
        if score > best_score:
            best, best_score = meeting.pk, score
    return best


def _candidates(
    article: Article,
    fields: dict[str, object],
    stored: Sequence[int],
    prefer: set[int],
    session_cities: list[int] | None,
    exclude: set[int],
) -> list[Candidate]:
    """The meetings ``find_meeting`` weighs, in order of id, read with their readings in one query.

    The place and the date rule most meetings out in the database, before their readings are read
    (issue 12: a query for the meetings, then one for their readings and one for the officials
    those name, built as model rows, cost saving about 8 ms an article). Written as SQL: the ORM
    took ~1 ms of the client's CPU to build it, for every reading an article has."""
    city, date = fields["city"], fields["date"]
    named, reading = table(MeetingSource.officials.through), table(MeetingSource)
    # Which meetings: those it reported before, those naming one of its officials, its sessions.
    wanted, params = [], []
    if prefer:
        wanted.append(f"m.id IN ({placeholders(prefer)})")
        params += prefer
    if stored:
        wanted.append(
            f"m.id IN (SELECT r.meeting_id FROM {named} n JOIN {reading} r ON r.id = n.meetingsource_id "
            f"WHERE n.official_id IN ({placeholders(stored)}))"
        )
        params += stored
    if session_cities is not None:
        towns = f" OR m.city_id IN ({placeholders(session_cities)})" if session_cities else ""
        wanted.append(f"(m.date = %s AND m.kind = %s AND (m.city_id IS NULL{towns}))")
        params += [date, fields["kind"], *session_cities]
    if not wanted:
        return []
    # Where and when they may be.
    where = [f"({' OR '.join(wanted)})"]
    if exclude:
        where.append(f"m.id NOT IN ({placeholders(exclude)})")
        params += exclude
    if city is not None:
        where.append("(m.city_id IS NULL OR m.city_id = %s)")
        params.append(city.pk)
    if date is not None:
        where.append("(m.date IS NULL OR m.date = %s)")
        params.append(date)
    elif article.published is not None:  # as _close_in_time: an undated reading joins a meeting near it
        window = dt.timedelta(days=SAME_MEETING_DAYS)
        where.append("(m.date IS NULL OR m.date BETWEEN %s AND %s)")
        params += [article.published - window, article.published + window]
    # One row per meeting, reading and official it names (a meeting the article's cleared readings
    # left without any is still a candidate: the one it reported before).
    sql = (
        "SELECT m.id, m.city_id, m.date, m.status, m.kind, r.date_text, a.published, n.official_id "
        f"FROM {table(Meeting)} m LEFT JOIN {reading} r ON r.meeting_id = m.id "
        f"LEFT JOIN {table(Article)} a ON a.id = r.article_id "
        f"LEFT JOIN {named} n ON n.meetingsource_id = r.id WHERE {' AND '.join(where)}"
    )
    adapt = connection.ops.adapt_datefield_value
    with connection.cursor() as cursor:
        cursor.execute(sql, [adapt(p) if isinstance(p, dt.date) else p for p in params])
        rows = cursor.fetchall()
    found: dict[int, Candidate] = {}
    for pk, city_id, day, status, kind, date_text, published, official_id in rows:
        if (meeting := found.get(pk)) is None:
            meeting = found[pk] = Candidate(pk, city_id, day, status, kind)
        if official_id is not None:
            meeting.officials.add(official_id)
        if published is not None:
            meeting.published.add(published)
        if written := _month_day(date_text):
            meeting.written_days.add(written)
    return [found[pk] for pk in sorted(found)]


def _session_cities(article: Article, fields: dict[str, object]) -> list[int] | None:
    """Where a session of a body on the reading's day, of its kind, may be (besides no town at
    all), or None when the reading names no day or no kind: "the Metro Council meeting canceled
    Wednesday", reported by two papers that name none of its members. The reading's city, or else
    the towns of such sessions that the article names."""
    date, kind = fields["date"], fields["kind"]
    if date is None or not kind:
        return None
    if fields["city"] is not None:
        return [fields["city"].pk]
    same = Meeting.objects.filter(date=date, kind=kind)
    return [c.pk for c in City.objects.filter(meetings__in=same).distinct() if c.name in article.text]


def _month_day(text: str) -> tuple[int, int] | None:
    """'July 3' -> (7, 3): the day a story without a year still names (a weekday names none)."""
    return dates.month_and_day(text or "")


def _close_in_time(article: Article, date: dt.date | None, meeting: Candidate) -> bool:
    """Reports of one meeting come out near it: an undated report joins a meeting within
    ``SAME_MEETING_DAYS`` of its article, and no meeting gathers reports published further apart."""
    window = dt.timedelta(days=SAME_MEETING_DAYS)
    published = article.published
    if published is None:
        return True
    if date is None and meeting.date is not None and abs(meeting.date - published) > window:
        return False
    return all(abs(other - published) <= window for other in meeting.published)


def refresh_meeting(meeting: Meeting) -> None:
    """Derive the meeting from its readings: the latest published reading's status; the latest
    known date, venue, city and purpose; all topics and participants. Pinned fields stay."""
    reports = list(
        meeting.reports.select_related("article", "city").defer("article__text").prefetch_related("officials")
    )
    if reports:
        # Deterministic whatever the ingest order: by publication, then by the article's key.
        reports.sort(key=lambda r: (r.article.published or dt.date.min, r.article.source_key, r.article_id))
        for field, value in _derived(reports).items():
            if field not in meeting.pinned:
                setattr(meeting, field, value)
        # The participants as they now are make the search text, saved with the rest in one UPDATE.
        meeting.search_text = meeting.search_text_for(_sync_participants(meeting, reports))
        meeting.save()
    else:
        meeting.refresh_search_text()


def _derived(reports: list[MeetingSource]) -> dict[str, object]:
    """The meeting's fields as its readings (oldest first) give them: the latest reading's status;
    the latest known date, venue, city and purpose; all topics."""
    dated = [r for r in reports if r.date] or [r for r in reports if r.date_text]
    return {
        "status": reports[-1].status,
        "date": dated[-1].date if dated else None,
        "date_text": dated[-1].date_text if dated else "",
        "venue": _last((r.venue for r in reports), ""),
        "city": _last((r.city for r in reports), None),
        "purpose": _last((r.purpose for r in reports), ""),
        "kind": _last((r.kind for r in reports), ""),
        "topics": list(dict.fromkeys(t for r in reports for t in r.topics)),
    }


def _sync_participants(meeting: Meeting, reports: list[MeetingSource]) -> list[Participant]:
    """Make the meeting's participants those its readings name (editors' additions stay); return
    them all, with their officials."""
    named = {o.pk: o for r in reports for o in r.officials.all()}
    have_named: dict[int, Participant] = {}
    have_unnamed: dict[tuple[str, str, str], Participant] = {}
    rows = list(meeting.participants.select_related("official").order_by("pk"))
    kept = [row for row in rows if row.added_by_editor]
    for row in rows:
        if row.added_by_editor:
            continue
        have, key = (
            (have_named, row.official_id)
            if row.name
            else (have_unnamed, (row.title, row.jurisdiction, row.state))
        )
        if key in have:
            row.delete()  # a duplicate, e.g. after two officials were merged into one
        else:
            have[key] = row
    wanted_unnamed = _wanted_unnamed(meeting, reports, named)
    for official_id, participant in have_named.items():
        if official_id not in named:
            participant.delete()
        else:
            kept.append(participant)
    for key, participant in have_unnamed.items():
        if key not in wanted_unnamed:
            participant.delete()
            continue
        holder = wanted_unnamed[key]
        if participant.official_id != (holder.pk if holder else None):
            participant.official = holder
            participant.save(update_fields=["official"])
        kept.append(participant)
    kept.sort(key=lambda participant: participant.pk)
    return kept + Participant.objects.bulk_create(
        [
            Participant(meeting=meeting, official=official, name=official.name)
            for official_id, official in named.items()
            if official_id not in have_named
        ]
        + [
            Participant(meeting=meeting, official=holder, title=title, jurisdiction=jurisdiction, state=state)
            for (title, jurisdiction, state), holder in wanted_unnamed.items()
            if (title, jurisdiction, state) not in have_unnamed
        ]
    )


def _wanted_unnamed(
    meeting: Meeting, reports: list[MeetingSource], named: dict[int, Official]
) -> dict[tuple[str, str, str], Official | None]:
    """The offices the readings name without a name ("the mayor of Dayton"), each with the official
    known to hold it then, if exactly one is; dropped when that official is there by name."""
    when = meeting.date or max((r.article.published for r in reports if r.article.published), default=None)
    wanted = {}
    for key in dict.fromkeys(tuple(u) for r in reports for u in r.unnamed):
        holder = _office_holder(*key, when=when)
        if holder is None or holder.pk not in named:
            wanted[key] = holder
    return wanted


def _office_holder(title: str, jurisdiction: str, state: str, *, when: dt.date | None) -> Official | None:
    """The one official known to hold this office around ``when`` (within a year of the articles
    that name them in it), if exactly one is. Without a date there is no telling who held it."""
    if not jurisdiction or when is None:
        return None
    year = dt.timedelta(days=366)
    holders = list(
        Official.objects.filter(
            roles__title=title,
            roles__jurisdiction=jurisdiction,
            roles__state=state,
            roles__first_seen__lte=when + year,
            roles__last_seen__gte=when - year,
        ).distinct()[:2]
    )
    return holders[0] if len(holders) == 1 else None


def _last(values: Iterable, default):
    """The last truthy value, or ``default``."""
    found = [v for v in values if v]
    return found[-1] if found else default


# Helpers


def _comparable(fields: dict[str, object]) -> dict[str, object]:
    """The READING_IDENTITY values of reading fields, with the city as its id."""
    return {
        name: (fields[name].pk if isinstance(fields[name], City) else fields[name])
        for name in READING_IDENTITY
    }


def _evidence(
    article: Article,
    kind: str,
    sentences,
    mentions,
    *,
    official: Official | None = None,
    city: City | None = None,
    meeting: Meeting | None = None,
) -> list[EvidenceRow]:
    """The evidence rows (not written yet) for these spans of the article's text."""
    length = len(article.text)
    return [
        (kind, start, end, is_mention, official, city, meeting)
        for spans, is_mention in ((sentences, False), (mentions, True))
        for start, end in dict.fromkeys(spans)
        if 0 <= start < end <= length
    ]


def _insert_evidence(article: Article, rows: list[EvidenceRow]) -> None:
    """Write the article's evidence rows, the ids of what they back read now (``Evidence.insert_rows``)."""
    Evidence.insert_rows(
        (article.pk, kind, start, end, is_mention, *(t.pk if t is not None else None for t in targets))
        for kind, start, end, is_mention, *targets in rows
    )


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


def _unique_slug(slug: str) -> str:
    candidate, n = slug, 2
    while City.objects.filter(slug=candidate).exists():
        candidate = f"{slug}-{n}"
        n += 1
    return candidate
