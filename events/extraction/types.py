"""Plain data that the extractor returns: no spaCy objects and no Django models leave the package.

Every fact carries ``evidence``: (start, end) character offsets of the sentence(s) it came from,
indexing the article text exactly as it was given to :func:`events.extraction.extract`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

Evidence = tuple[int, int]


@dataclass(frozen=True)
class UnnamedOfficial:
    """An office referred to without a name: "the mayor of Springfield"."""

    title: str
    jurisdiction: str | None
    state: str | None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class OfficialMention:
    """A named person holding public office, as the article describes them."""

    name: str  # the fullest form the text gives: "Quinton Lucas"
    title: str | None  # canonical: "Mayor", "Police Chief", "Council Member"
    jurisdiction: str | None  # "Kansas City", "Jackson County", "Missouri", "United States"
    state: str | None  # two-letter code (US state, CA province) or "GB"; None for US federal
    aliases: tuple[str, ...] = ()  # other surface forms in the article: "Lucas", "Mayor Lucas"
    evidence: tuple[Evidence, ...] = ()
    # Character spans of each mention of the person (the name itself), for highlighting.
    mentions: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class CityMention:
    """A city or town mentioned as a place, resolved against the gazetteer."""

    name: str
    state: str | None  # "MO", "ON"; "GB" for British cities (the gold convention); None when unknown
    country: str  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    geonames_id: int | None = None
    evidence: tuple[Evidence, ...] = ()
    mentions: tuple[Evidence, ...] = ()  # spans of the place name itself


@dataclass(frozen=True)
class MeetingMention:
    """A gathering of officials: who met where, when, and why."""

    status: str  # "scheduled" | "held" | "cancelled" | "postponed"
    city: str | None = None
    state: str | None = None
    country: str | None = None
    venue: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    participants: tuple[str, ...] = ()  # names, each equal to an OfficialMention.name
    unnamed_participants: tuple[UnnamedOfficial, ...] = ()
    topic_keywords: tuple[str, ...] = ()
    purpose: str | None = None
    evidence: tuple[Evidence, ...] = ()
    date_mentions: tuple[Evidence, ...] = ()  # spans of the date expression(s), for highlighting
    # What kind of gathering, lower case, from the trigger: "town hall", "summit", "hearing",
    # "council meeting", "board meeting", "roundtable", "closed-door talks", "visit", "meeting".
    kind: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything the extractor found in one article."""

    officials: tuple[OfficialMention, ...] = ()
    unnamed_officials: tuple[UnnamedOfficial, ...] = ()
    cities: tuple[CityMention, ...] = ()
    meetings: tuple[MeetingMention, ...] = ()
    extractor_version: str = ""

    def to_dict(self) -> dict:
        """JSON-ready dict in the shape of ARCHITECTURE.md (dates as ISO strings, spans as lists)."""
        data = asdict(self)
        for meeting in data["meetings"]:
            if meeting["date"] is not None:
                meeting["date"] = meeting["date"].isoformat()
        for city in data["cities"]:
            city["lat"], city["lon"] = city.pop("lat"), city.pop("lon")
        return _listify(data)


def _listify(value):
    if isinstance(value, dict):
        return {key: _listify(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_listify(item) for item in value]
    return value


__all__ = [
    "CityMention",
    "Evidence",
    "Extraction",
    "MeetingMention",
    "OfficialMention",
    "UnnamedOfficial",
]
