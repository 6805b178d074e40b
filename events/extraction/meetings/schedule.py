"""Schedules: a paragraph that ends in a colon, then one short line per event.

    Every one of the town hall meetings starts at 7 p.m., at the schools shown here:
    Ward 4 – April 12 at Amherst Street Elementary School;
    Ward 6 – April 16 at Fairgrounds Elementary School;

    Here is the itinerary:
    Wednesday, June 28
    12 p.m. at the Sun Theater, 417 West Ave., Holdrege: Town Hall Event
    2 p.m. at Industrial Park Road, Gothenburg: Groundbreaking for New Fertilizer Plant

Each line is a meeting of the officials the story is about, on the line's date (or the date of the
last line that was only a date), at the line's venue and town. When some lines name a gathering
("Town Hall Event") only those are meetings: a groundbreaking on the same tour is not.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .. import dates
from ..gazetteer import town_in_state
from ..places import PlaceContext
from ..text import doc_text, span_text, span_tokens
from ..types import MeetingMention

# The longest line a schedule item takes, in words.
ITEM_WORDS = 30
# Nouns that name a gathering in a schedule line.
GATHERING_WORDS = re.compile(
    r"\b(town hall|meeting|forum|listening session|hearing|roundtable|session|summit|coffee)\b", re.I
)
_VENUE = re.compile(r"\bat (?:the )?(?P<venue>[A-Z][^,;:]+?)\.?(?=[,;:]|$)")
_TIME = re.compile(r"\b\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)", re.I)


@dataclass
class _Line:
    span: Span
    date: dt.date | None
    date_text: str | None
    only_date: bool


def _paragraphs(doc: Doc) -> list[Span]:
    out, offset = [], 0
    for para in doc_text(doc).split("\n"):
        stripped = para.strip()
        if stripped:
            start = offset + para.index(stripped)
            span = doc.char_span(start, start + len(stripped), alignment_mode="expand")
            if span is not None:
                out.append(span)
        offset += len(para) + 1
    return out


def _line(span: Span, reference: dt.date | None, future: bool) -> _Line:
    # Short lines give the tagger too little context to find their dates: read them directly.
    found = dates.find_date(span.text)
    date = date_text = None
    if found:
        date_text = found
        date = dates.resolve(date_text, reference, future)
    rest = span.text.replace(found or "", "")
    only_date = bool(found) and not re.sub(r"[\W\d_]", "", rest)
    return _Line(span, date, date_text, only_date)


def _is_item(span: Span) -> bool:
    if len([t for t in span_tokens(span) if not t.is_punct]) > ITEM_WORDS:
        return False
    text = span_text(span)
    return bool(dates.find_date(text) or _TIME.search(text))


def find_schedules(
    doc: Doc, ctx: PlaceContext, participants: list[str], reference: dt.date | None
) -> list[MeetingMention]:
    """The meetings of every schedule in the article (see the module docstring)."""
    paragraphs = _paragraphs(doc)
    out: list[MeetingMention] = []
    for n, intro in enumerate(paragraphs):
        if not span_text(intro).rstrip().endswith(":"):
            continue
        items = []
        for para in paragraphs[n + 1 :]:
            if not _is_item(para):
                break
            items.append(para)
        if len(items) < 2:
            continue
        future = not any(t.tag_ == "VBD" for t in intro)
        lines = [_line(item, reference, future) for item in items]
        named = [ln for ln in lines if not ln.only_date and GATHERING_WORDS.search(ln.span.text)]
        day = None
        for ln in lines:
            if ln.only_date:
                day = ln
                continue
            if named and ln not in named:
                continue
            date, date_text = (ln.date, ln.date_text) if ln.date_text and ln.date else (None, None)
            if date is None and day is not None:
                date, date_text = day.date, day.date_text
            if date is None and ln.date_text is None and (day is None or day.date_text is None):
                continue
            out.append(_meeting(ln.span, ctx, participants, date, date_text, future, reference))
    return out


def _line_town(text: str, ctx: PlaceContext):
    """An address ends in its town: "at the Sun Theater, 417 West Ave., Holdrege: Town Hall"."""
    head = re.split(r":\s", text)[0]
    parts = [p.strip(" .;") for p in head.split(",")]
    if len(parts) < 2:
        return None
    return town_in_state(parts[-1], ctx.home_state)


def _meeting(span, ctx, participants, date, date_text, future, reference) -> MeetingMention:
    places = [m.place for m in ctx.mentions if span.start <= m.start < span.end and m.place is not None]
    city = _line_town(span.text, ctx) or (places[-1] if places else ctx.home)
    venue = _VENUE.search(span.text)
    status = "scheduled" if future and (reference is None or date is None or date >= reference) else "held"
    what = GATHERING_WORDS.search(span.text)
    return MeetingMention(
        status=status,
        city=ctx.display_name(city) if city else None,
        state=city.state if city else None,
        country=city.country if city else None,
        venue=venue.group("venue").strip() if venue else None,
        date=date,
        date_text=date_text,
        participants=tuple(participants),
        kind=what.group(1).lower() if what else "meeting",
        evidence=((span.start_char, span.end_char),),
    )
