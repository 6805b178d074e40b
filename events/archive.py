"""A newsroom's archive, generated: realistic articles and the records ingest would make of them.

``manage.py generate_archive`` uses this to build a database of N articles for benchmarks (with
``bulk_create``, minutes for 100,000 articles, instead of hours of extraction), or to write N article
files for ingest benchmarks. Everything is drawn from one seeded random generator, so the same seed and
N give the same archive on the same day (its ten years end today, so some meetings are upcoming).

The shape follows what ingest produces (``SHAPE``): per article about 1.2 readings of meetings, 2.5
officials and 1.9 cities named, 25 evidence spans, ~1,450 characters; across the archive 0.30 officials
and 0.60 meetings per article, because officials and meetings recur (issue 12 measured 30,242 officials
and 60,106 meetings for 100,304 ingested articles; the per-article figures come from ingesting the gold
corpora). Cities come from the extractor's gazetteer, names from Faker's census-weighted name lists
(so common surnames are common), and each article's text is written so that its evidence spans point
at the names, places and sentences they stand for.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.text import slugify
from faker.providers.person.en_US import Provider as CensusNames

from .extraction.gazetteer import US_STATES, city_index, region_name
from .models import Alias, Article, City, Evidence, Meeting, MeetingSource, Official, Participant, Role
from .names import surname_of
from .readers import content_hash


@dataclass(frozen=True)
class Shape:
    """Proportions of an ingested archive (see the module docstring for where they come from)."""

    officials_per_article: float = 0.30
    meetings_per_article: float = 0.60
    # Readings per article: none, one, two or three meetings reported (mean ~1.2).
    readings: tuple[tuple[int, float], ...] = ((0, 0.08), (1, 0.70), (2, 0.17), (3, 0.05))
    statuses: tuple[tuple[str, float], ...] = (
        ("held", 0.43),
        ("scheduled", 0.38),
        ("cancelled", 0.095),
        ("postponed", 0.095),
    )
    dated: float = 0.57
    with_venue: float = 0.30
    unnamed_participant: float = 0.07
    years: int = 10
    filler_chars: int = 1450  # pad each article to about this length


SHAPE = Shape()

# (canonical title, how articles write it before a name, jurisdiction kind, weight)
TITLES = (
    ("Mayor", "Mayor", "city", 36),
    ("Council Member", "Councilmember", "city", 10),
    ("Governor", "Gov.", "state", 8),
    ("State Senator", "state Sen.", "state", 6),
    ("State Representative", "state Rep.", "state", 5),
    ("U.S. Representative", "U.S. Rep.", "state", 4),
    ("Police Chief", "Police Chief", "city", 4),
    ("City Manager", "City Manager", "city", 3),
    ("Alderperson", "Alderperson", "city", 3),
    ("County Commissioner", "County Commissioner", "county", 3),
    ("Council President", "Council President", "city", 2),
    ("County Executive", "County Executive", "county", 2),
    ("Sheriff", "Sheriff", "county", 2),
    ("Superintendent", "Superintendent", "city", 2),
    ("School Board Member", "school board member", "city", 2),
    ("Lieutenant Governor", "Lt. Gov.", "state", 1),
    ("Attorney General", "Attorney General", "state", 1),
    ("Deputy Mayor", "Deputy Mayor", "city", 1),
)
ABROAD_TITLES = (("Mayor", "Mayor", "city", 5), ("Councillor", "Councillor", "city", 4))
KINDS = (
    ("meeting", 29),
    ("council meeting", 26),
    ("town hall", 12),
    ("session", 8),
    ("commission meeting", 4),
    ("talks", 4),
    ("board meeting", 3),
    ("public hearing", 3),
    ("listening session", 2),
    ("summit", 2),
    ("roundtable", 2),
)
TOPICS = (
    "crime", "budget", "housing", "transit", "water", "schools", "roads", "public safety", "taxes",
    "zoning", "homelessness", "policing", "parks", "broadband", "flooding", "pensions", "opioids",
    "trash collection", "libraries", "economic development", "sewer rates", "snow removal",
    "affordable housing", "tourism", "the airport", "downtown parking", "climate", "energy costs",
    "the hospital", "gun violence", "lead pipes", "bus routes", "property taxes", "the stadium",
)  # fmt: skip
PURPOSES = (
    "discuss {topic}", "address {topic}", "talk about {topic}", "review the plan for {topic}",
    "hear from residents about {topic}", "vote on {topic}", "work out a deal on {topic}",
)  # fmt: skip
VENUES = (
    "City Hall", "the state capitol", "the public library", "council chambers", "the convention center",
    "the county courthouse", "the community center", "{last} High School", "the civic center",
)  # fmt: skip
OUTLETS = (
    "{city} Gazette", "{city} Times", "The {city} Ledger", "{city} Daily News", "{city} Public Radio",
    "News 4 {city}", "The {city} Courier", "{city} Tribune",
)  # fmt: skip
# Names by their frequency in the US census (Faker's tables), so "Smith" is as common as in the news.
FIRST_NAMES = (list(CensusNames.first_names), list(itertools.accumulate(CensusNames.first_names.values())))
LAST_NAMES = (list(CensusNames.last_names), list(itertools.accumulate(CensusNames.last_names.values())))
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
# Sentences that pad an article to a realistic length; they name no one, as background paragraphs do.
FILLER = (
    "Residents packed the hallway outside the chamber, and several said they had waited months for an answer on {topic}.",
    "Officials said the cost of {topic} had risen faster than expected over the last two budget cycles.",
    "A report released last spring found that complaints about {topic} had doubled since 2019.",
    "The proposal would need a second vote before it takes effect, and a public comment period is planned.",
    "Neighborhood groups have pressed for changes for years, saying the current approach leaves too many people behind.",
    "Business owners downtown said they were watching the talks closely.",
    "The plan has drawn support from labor groups but criticism from some taxpayers' associations.",
    "Staff members were asked to return with cost estimates and a timeline within 60 days.",
    "Attendance at recent sessions has been high, with dozens signing up to speak.",
    "A spokesperson said more details would be posted on the city's website ahead of the meeting.",
    "Similar efforts in neighboring communities have had mixed results, according to a state review.",
    "The last time the issue came up, the debate lasted well past midnight.",
    "Funding for the effort would come from a mix of state grants and local money, officials said.",
    "Critics questioned whether the timeline was realistic given staffing shortages.",
    "The meeting is open to the public and will also be streamed online.",
)


@dataclass(eq=False)  # one object per thing: compared and hashed by identity
class PlannedCity:
    pk: int
    name: str
    state: str
    country: str
    lat: float
    lon: float
    population: int
    geonames_id: int
    created: bool = False

    @property
    def region(self) -> str:
        return self.state if self.country in {"US", "CA"} and self.state else self.country


@dataclass(eq=False)  # one object per thing: compared and hashed by identity
class PlannedOfficial:
    pk: int
    first: str
    last: str
    title: str
    written_title: str
    jurisdiction: str
    state: str
    city: PlannedCity
    created: bool = False

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def aliases(self) -> list[str]:
        return [self.name, self.last, f"{self.written_title.split()[-1]} {self.last}"]

    @property
    def search_text(self) -> str:
        return Official.make_search_text(
            self.name, sorted(self.aliases), [(self.title, self.jurisdiction, self.state)]
        )


@dataclass
class Span:
    start: int
    end: int
    kind: str  # Evidence.Kind value
    is_mention: bool
    target: object  # PlannedOfficial, PlannedCity or PlannedMeeting


@dataclass
class Reading:
    """One article's account of a meeting (a MeetingSource)."""

    article: PlannedArticle
    status: str
    date: dt.date | None
    date_text: str
    venue: str
    purpose: str
    kind: str
    topics: list[str]
    officials: list[PlannedOfficial]
    unnamed: list[tuple[str, str, str]]


@dataclass(eq=False)  # one object per thing: compared and hashed by identity
class PlannedMeeting:
    pk: int
    city: PlannedCity
    readings: list[Reading] = field(default_factory=list)


@dataclass
class PlannedArticle:
    pk: int
    source_key: str
    title: str
    text: str
    url: str
    source: str
    published: dt.date
    dateline: PlannedCity
    spans: list[Span]

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


class Writer:
    """Builds an article's text and records the span of every marked name and sentence."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[Span] = []

    def put(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def sentence(self, *pieces, meeting: PlannedMeeting | None = None) -> None:
        """Write a sentence of plain strings and ``(text, kind, target)`` marks. Each mark gets a
        mention span; each official and city named also gets the sentence as its supporting span,
        and so does ``meeting`` (a date is marked in its meeting's sentence, as the extractor does)."""
        start = self.length
        targets: list[tuple[str, object]] = []
        for piece in pieces:
            if isinstance(piece, str):
                self.put(piece)
                continue
            text, kind, target = piece
            at = self.length
            self.put(text)
            self.spans.append(Span(at, self.length, kind, True, target))
            if kind != "date" and not any(t is target for _, t in targets):
                targets.append((kind, target))
        for kind, target in targets:
            self.spans.append(Span(start, self.length, kind, False, target))
        if meeting is not None:
            self.spans.append(Span(start, self.length, "meeting", False, meeting))
        self.put(" ")

    def paragraph(self) -> None:
        if self.parts and self.parts[-1] == " ":
            self.parts.pop()
            self.length -= 1
        self.put("\n\n")

    @property
    def text(self) -> str:
        return "".join(self.parts).strip()


@functools.cache
def _zipf_cumulative(n: int) -> list[float]:
    return list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(n)))


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


class Archive:
    """Plans cities, officials, meetings and articles; ``batches()`` yields them in order.

    Cities and officials are planned up front (a pool the articles draw from, big places and busy
    officials more often); a meeting's later readings come from articles close after its first.
    """

    def __init__(self, n_articles: int, *, seed: int = 1, shape: Shape = SHAPE, today: dt.date | None = None):
        self.n = n_articles
        self.shape = shape
        self.rng = random.Random(seed)
        self.today = today or dt.date.today()
        self.start = self.today - dt.timedelta(days=365 * shape.years)
        self.cities = self._plan_cities()
        # Bigger places make more news (by the square root of their population).
        self.city_cumulative = list(itertools.accumulate(c.population**0.5 for c in self.cities))
        self.officials_by_city: dict[int, list[PlannedOfficial]] = {}
        self.officials_by_state: dict[str, list[PlannedOfficial]] = {}
        self.officials = self._plan_officials()
        self.meeting_count = 0
        self.report_count = 0
        self._slugs: set[str] = set()
        self._batch_meetings: list[PlannedMeeting] = []
        self._open: list[tuple[PlannedMeeting, int]] = []  # meetings still being reported, until article i

    # Planning

    def _plan_cities(self) -> list[PlannedCity]:
        """Gazetteer places: US cities of 10,000 or more, the largest abroad; about one per 15 articles."""
        places = [
            place
            for candidates in city_index().values()
            for place in candidates
            if (place.country == "US" and place.population >= 10_000 and place.state in US_STATES)
            or (place.country in {"CA", "GB", "AU", "IE", "NZ"} and place.population >= 80_000)
        ]
        places.sort(key=lambda p: (-p.population, p.geonames_id))
        # Keep the biggest places, plus a random sample of the rest, so small archives still vary.
        wanted = max(20, min(len(places), self.n // 15))
        head = places[: wanted // 2]
        tail = self.rng.sample(places[wanted // 2 :], min(len(places) - wanted // 2, wanted - wanted // 2))
        seen, cities = set(), []
        for place in head + tail:
            key = (place.name, place.state or "", place.country)
            if key in seen:
                continue
            seen.add(key)
            cities.append(
                PlannedCity(
                    len(cities) + 1,
                    place.name,
                    place.state or "",
                    place.country,
                    place.lat,
                    place.lon,
                    place.population,
                    place.geonames_id,
                )
            )
        return cities

    def _plan_officials(self) -> list[PlannedOfficial]:
        officials = []
        for pk in range(1, max(4, round(self.n * self.shape.officials_per_article)) + 1):
            city = self._pick_city()
            title, written, level, _ = _weighted(
                self.rng, [(t, t[3]) for t in (TITLES if city.country == "US" else ABROAD_TITLES)]
            )
            if level == "state":
                jurisdiction = region_name(city.state, city.country) or city.state
            elif level == "county":
                jurisdiction = f"{self._name(LAST_NAMES)} County"
            else:
                jurisdiction = city.name
            official = PlannedOfficial(
                pk,
                self._name(FIRST_NAMES),
                self._name(LAST_NAMES),
                title,
                written,
                jurisdiction,
                city.state,
                city,
            )
            officials.append(official)
            self.officials_by_city.setdefault(city.pk, []).append(official)
            self.officials_by_state.setdefault(city.state, []).append(official)
        return officials

    # Rows

    def city_row(self, c: PlannedCity) -> City:
        slug = City.make_slug(c.name, c.state, c.country)
        if slug in self._slugs:  # two places of one name in a country without states (as resolve does)
            slug = f"{slug}-{c.pk}"
        self._slugs.add(slug)
        return City(
            pk=c.pk,
            name=c.name,
            state=c.state,
            country=c.country,
            slug=slug,
            latitude=c.lat,
            longitude=c.lon,
            population=c.population,
            geonames_id=c.geonames_id,
            ocd_id=City.make_ocd_id(c.name, c.state, c.country),
        )

    def role_row(self, o: PlannedOfficial, first_seen: dt.date) -> Role:
        last_seen = min(self.today, first_seen + dt.timedelta(days=self.rng.randint(0, 1500)))
        return Role(
            official_id=o.pk,
            title=o.title,
            jurisdiction=o.jurisdiction,
            state=o.state,
            city_id=o.city.pk if o.jurisdiction == o.city.name else None,
            first_seen=first_seen,
            last_seen=last_seen,
        )

    # Articles

    def batches(self, size: int) -> Iterator[tuple[list[PlannedArticle], list[PlannedMeeting]]]:
        """The articles in order, ``size`` at a time, with the meetings first reported in them.

        A meeting's later reports come from the same batch, so every batch can be saved complete and
        forgotten (memory stays flat whatever N is).
        """
        days = (self.today - self.start).days
        for begin in range(0, self.n, size):
            self._open = []
            self._batch_meetings = []
            articles = [
                self._article(i, self.start + dt.timedelta(days=days * i // self.n))
                for i in range(begin, min(self.n, begin + size))
            ]
            yield articles, self._batch_meetings

    def _name(self, table: tuple[list[str], list[float]]) -> str:
        names, cumulative = table
        return self.rng.choices(names, cum_weights=cumulative)[0]

    def _pick_city(self) -> PlannedCity:
        return self.rng.choices(self.cities, cum_weights=self.city_cumulative)[0]

    def _pick_official(self, pool: list[PlannedOfficial]) -> PlannedOfficial:
        # Busy officials are named far more often (the first few of each place, Zipf-like).
        return self.rng.choices(pool, cum_weights=_zipf_cumulative(len(pool)))[0]

    def _article(self, i: int, published: dt.date) -> PlannedArticle:
        rng = self.rng
        n_readings = _weighted(rng, self.shape.readings)
        lead = self._pick_official(self.officials)  # weighted by city through the pool's make-up
        home = lead.city
        readings_of: list[tuple[PlannedMeeting, Reading]] = []
        self._open = [(m, until) for m, until in self._open if until > i]
        # A new meeting with this share of readings keeps the archive at SHAPE.meetings_per_article.
        new_share = self.shape.meetings_per_article / 1.2
        for _ in range(n_readings):
            if self._open and rng.random() > new_share:
                meeting, _until = rng.choice(self._open)
                if any(meeting is m for m, _ in readings_of):
                    continue
                reading = self._follow_up(meeting, published)
            else:
                self.meeting_count += 1
                meeting = PlannedMeeting(self.meeting_count, home)
                self._batch_meetings.append(meeting)
                self._open.append((meeting, i + rng.randint(5, 400)))
                reading = self._first_reading(meeting, lead, published)
            readings_of.append((meeting, reading))
        article = self._write(i, published, home, lead, readings_of)
        for meeting, reading in readings_of:
            reading.article = article
            meeting.readings.append(reading)
        return article

    def _first_reading(self, meeting: PlannedMeeting, lead: PlannedOfficial, published: dt.date) -> Reading:
        rng = self.rng
        city = meeting.city
        # Others from the same place, or from the state's busiest officials (a governor, a senator).
        pools = [self.officials_by_city.get(city.pk, []), self.officials_by_state.get(city.state, [])[:20]]
        people = [lead]
        for _ in range(rng.choice((0, 1, 1, 1, 2, 2, 3))):
            pool = pools[0] if rng.random() < 0.7 else pools[1]
            if pool and (candidate := self._pick_official(pool)) not in people:
                people.append(candidate)
        unnamed = []
        if rng.random() < self.shape.unnamed_participant * len(people):
            other = self._pick_city()
            unnamed.append(("Mayor", other.name, other.state))
        topics = rng.sample(TOPICS, rng.choice((0, 1, 1, 2, 2, 3)))
        topic = topics[0] if topics else rng.choice(TOPICS)
        status = _weighted(rng, self.shape.statuses)
        date, date_text = self._when(status, published)
        venue = rng.choice(VENUES).format(last=lead.last) if rng.random() < self.shape.with_venue else ""
        return Reading(
            None,  # the article, set once written
            status,
            date,
            date_text,
            venue,
            rng.choice(PURPOSES).format(topic=topic),
            _weighted(rng, KINDS),
            topics,
            people,
            unnamed,
        )

    def _follow_up(self, meeting: PlannedMeeting, published: dt.date) -> Reading:
        """A later article on the same meeting: same people and place; the status may have moved on."""
        first = meeting.readings[0]
        status = first.status
        if status == "scheduled":
            status = _weighted(
                self.rng, (("held", 0.6), ("scheduled", 0.2), ("postponed", 0.1), ("cancelled", 0.1))
            )
        date, date_text = (first.date, first.date_text) if first.date else self._when(status, published)
        return Reading(
            None,
            status,
            date,
            date_text,
            first.venue,
            first.purpose,
            first.kind,
            list(first.topics),
            list(first.officials),
            list(first.unnamed),
        )

    def _when(self, status: str, published: dt.date) -> tuple[dt.date | None, str]:
        rng = self.rng
        if rng.random() >= self.shape.dated:
            return None, rng.choice(("", "", "next month", "later this year", "this spring"))
        offset = rng.randint(1, 30) * (1 if status in {"scheduled", "postponed"} else -1)
        date = published + dt.timedelta(days=offset)
        text = WEEKDAYS[date.weekday() % 6] if abs(offset) < 7 else f"{date:%b}. {date.day}"
        return date, text

    def _write(self, i, published, home, lead, readings_of) -> PlannedArticle:
        rng = self.rng
        w = Writer()
        outlet = rng.choice(OUTLETS).format(city=home.name)
        topic = next((r.topics[0] for _, r in readings_of if r.topics), rng.choice(TOPICS))
        city_mark = (home.name, "city", home)
        if readings_of:
            meeting, first = readings_of[0]
            headline = f"{lead.written_title.split()[-1]} {lead.last}, officials to {first.purpose}"
        else:
            headline = f"{home.name} weighs next steps on {topic}"
        w.put(headline[:1].upper() + headline[1:])
        w.paragraph()
        w.put(f"{home.name.upper()}, {home.region} — ")
        for meeting, reading in readings_of:
            names: list = []
            for n, person in enumerate(reading.officials):
                if n:
                    names.append(" and " if n == len(reading.officials) - 1 else ", ")
                names += [f"{person.written_title} ", (person.name, "official", person)]
            names[0] = names[0][:1].upper() + names[0][1:]
            when = (
                [" ", (reading.date_text, "date", meeting)]
                if reading.date_text and reading.date
                else ([f" {reading.date_text}"] if reading.date_text else [])
            )
            where = [f" at {reading.venue}"] if reading.venue else []
            place = [" in ", (meeting.city.name, "city", meeting.city)]
            verb = {
                "held": " met",
                "scheduled": " will meet",
                "postponed": " postponed a planned meeting",
                "cancelled": " canceled a planned meeting",
            }[reading.status]
            w.sentence(
                *names,
                verb,
                *place,
                *where,
                *when,
                f" to {reading.purpose}."
                if reading.status in {"held", "scheduled"}
                else f", where they were to {reading.purpose}.",
                meeting=meeting,
            )
            for title, jurisdiction, _state in reading.unnamed:
                joined = "joined them" if reading.status == "held" else "is also expected to attend"
                w.sentence(f"The {title.lower()} of {jurisdiction} {joined}, organizers said.")
            for person in reading.officials[1:]:
                place = (
                    [(person.jurisdiction, "city", person.city)]
                    if person.jurisdiction == person.city.name
                    else [person.jurisdiction]
                )
                w.sentence(
                    (person.last, "official", person),
                    f", who has served as {person.title.lower()} of ",
                    *place,
                    f" since {published.year - rng.randint(1, 8)}, said {topic} would top the agenda.",
                )
            speaker = reading.officials[-1]
            w.sentence(
                "“This is about whether people can count on us,” ",
                (speaker.last, "official", speaker),
                " said of the ",
                reading.kind,
                ".",
            )
            w.paragraph()
        w.sentence(
            f"{lead.written_title[:1].upper()}{lead.written_title[1:]} ",
            (lead.name, "official", lead),
            f" has made {topic} a priority since taking office in ",
            city_mark,
            f" in {published.year - rng.randint(1, 6)}.",
        )
        other = self._pick_city()
        if other is not home:
            w.sentence(
                "Leaders in ",
                (other.name, "city", other),
                f" tried a similar approach to {topic} two years ago, ",
                (lead.last, "official", lead),
                " noted.",
            )
        w.paragraph()
        while w.length < self.shape.filler_chars:
            w.sentence(rng.choice(FILLER).format(topic=topic))
            if rng.random() < 0.3:
                w.paragraph()
        text = w.text
        spans = [s for s in w.spans if s.end <= len(text)]  # the last sentence's space was stripped
        key = f"{i + 1:06d}-{slugify(headline)[:60]}"
        return PlannedArticle(
            i + 1,
            key,
            headline[:1].upper() + headline[1:],
            text,
            f"https://news.example.org/{slugify(home.name)}/{key}",
            outlet,
            published,
            home,
            spans,
        )


def derive_meeting(meeting: PlannedMeeting) -> dict:
    """The meeting's own fields from its readings, the latest winning (as resolve.refresh_meeting)."""
    readings = meeting.readings
    last = readings[-1]
    dated = [r for r in readings if r.date] or [r for r in readings if r.date_text]
    people = list(dict.fromkeys(p for r in readings for p in r.officials))
    unnamed = list(dict.fromkeys(u for r in readings for u in r.unnamed))
    topics = list(dict.fromkeys(t for r in readings for t in r.topics))
    parts = [
        last.purpose,
        *topics,
        last.venue,
        meeting.city.name,
        meeting.city.state,
        *(p.name for p in people),
    ]
    parts += [f"the {t.lower()} of {j}" for t, j, _ in unnamed]
    return {
        "status": last.status,
        "date": dated[-1].date if dated else None,
        "date_text": dated[-1].date_text if dated else "",
        "venue": last.venue,
        "purpose": last.purpose,
        "kind": last.kind,
        "topics": topics,
        "people": people,
        "unnamed": unnamed,
        "search_text": " | ".join(dict.fromkeys(p for p in parts if p)),
    }


def save_batch(archive: Archive, articles: list[PlannedArticle], meetings: list[PlannedMeeting]) -> None:
    """Write one batch with ``bulk_create``, parents before children (the caller owns the transaction).

    Cities, officials, meetings, articles and readings keep their planned ids, so rows point at each
    other without reading anything back; a city or official is written in the batch that first names it.
    """
    cities: list[PlannedCity] = []
    officials: dict[int, tuple[PlannedOfficial, dt.date]] = {}

    def named(thing, when: dt.date) -> None:
        if isinstance(thing, PlannedOfficial):
            named(thing.city, when)
            if not thing.created:
                thing.created = True
                officials[thing.pk] = (thing, when)
        elif isinstance(thing, PlannedCity) and not thing.created:
            thing.created = True
            cities.append(thing)

    for article in articles:
        named(article.dateline, article.published)
        for span in article.spans:
            named(span.target, article.published)
    for meeting in meetings:
        named(meeting.city, archive.today)

    City.objects.bulk_create((archive.city_row(c) for c in cities), batch_size=BULK_SIZE)
    Official.objects.bulk_create(
        (
            Official(pk=o.pk, name=o.name, surname=surname_of(o.name), search_text=o.search_text)
            for o, _ in officials.values()
        ),
        batch_size=BULK_SIZE,
    )
    Role.objects.bulk_create(
        (archive.role_row(o, seen) for o, seen in officials.values()), batch_size=BULK_SIZE
    )
    Alias.objects.bulk_create(
        (
            Alias(official_id=o.pk, name=alias)
            for o, _ in officials.values()
            for alias in dict.fromkeys(o.aliases)
        ),
        batch_size=BULK_SIZE,
    )
    Article.objects.bulk_create((article_row(a) for a in articles), batch_size=BULK_SIZE)
    participants, reports, report_officials = [], [], []
    derived = [(m, derive_meeting(m)) for m in meetings]
    Meeting.objects.bulk_create(
        (
            Meeting(
                pk=m.pk,
                city_id=m.city.pk,
                **{k: v for k, v in fields.items() if k not in {"people", "unnamed"}},
            )
            for m, fields in derived
        ),
        batch_size=BULK_SIZE,
    )
    for m, fields in derived:
        participants += [
            Participant(meeting_id=m.pk, official_id=p.pk, name=p.name) for p in fields["people"]
        ]
        participants += [
            Participant(meeting_id=m.pk, title=t, jurisdiction=j, state=st) for t, j, st in fields["unnamed"]
        ]
        for r in m.readings:
            archive.report_count += 1
            reports.append(reading_row(archive.report_count, m, r))
            report_officials += [
                REPORT_OFFICIAL(meetingsource_id=archive.report_count, official_id=p.pk) for p in r.officials
            ]
    Participant.objects.bulk_create(participants, batch_size=BULK_SIZE)
    MeetingSource.objects.bulk_create(reports, batch_size=BULK_SIZE)
    REPORT_OFFICIAL.objects.bulk_create(report_officials, batch_size=BULK_SIZE)
    # Evidence is most of the rows (25 per article), inserted as plain tuples.
    Evidence.insert_rows(evidence_values(a, span) for a in articles for span in a.spans)


REPORT_OFFICIAL = MeetingSource.officials.through
BULK_SIZE = 2000


def article_row(a: PlannedArticle) -> Article:
    return Article(
        pk=a.pk,
        title=a.title,
        text=a.text,
        url=a.url,
        source=a.source,
        published=a.published,
        dateline_city_id=a.dateline.pk,
        source_key=a.source_key,
        content_hash=a.content_hash,
        extraction_status=Article.Status.DONE,
        extractor_version="generated",
    )


def reading_row(pk: int, m: PlannedMeeting, r: Reading) -> MeetingSource:
    return MeetingSource(
        pk=pk,
        meeting_id=m.pk,
        article_id=r.article.pk,
        status=r.status,
        date=r.date,
        date_text=r.date_text,
        venue=r.venue,
        city_id=m.city.pk,
        purpose=r.purpose,
        kind=r.kind,
        topics=r.topics,
        unnamed=[list(u) for u in r.unnamed],
    )


def evidence_values(a: PlannedArticle, span: Span) -> tuple:
    """An Evidence row: article, kind, start, end, is_mention, then official, city, meeting (one set)."""
    target = span.target
    official = target.pk if isinstance(target, PlannedOfficial) else None
    city = target.pk if isinstance(target, PlannedCity) else None
    meeting = target.pk if isinstance(target, PlannedMeeting) else None
    return (a.pk, span.kind, span.start, span.end, span.is_mention, official, city, meeting)


FRONT_MATTER = "---\npublished: {published}\nsource: {source}\nurl: {url}\n---\n"


def article_file_text(article: PlannedArticle) -> str:
    """The article as a ``.txt`` file that ``manage.py ingest`` reads back to the same text."""
    return (
        FRONT_MATTER.format(published=article.published, source=article.source, url=article.url)
        + article.text
        + "\n"
    )


_WORD = re.compile(r"\w+")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
