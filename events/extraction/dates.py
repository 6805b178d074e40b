"""Date expressions of meetings resolved against the article's publication date.

Rules (from the gold conventions): a weekday that falls on the publication day is the publication date
("the council canceled Monday's meeting" in a Monday paper); otherwise a bare weekday in future tense is
the next such day after publication, in past tense the most recent such day before it, and for a meeting
called off or moved, whose original date the story reports, the past one when it is a day or two back. "Today", "tonight",
"this morning" are the publication date, "tomorrow" and "yesterday" the day after and before. "Jan. 9"
takes the publication year, or the next year when it must lie in the future (the previous one when it
must lie in the past); vague references ("last week", "next month", "in October") give None; without a
reference date only fully specified dates (with a year) resolve.
"""

from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Every way a month is written, lower case without the period: "jan", "january", "sept".
MONTH_NAMES = {
    name
    for full in (
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    )
    for name in (full, full[:3], "sept" if full == "september" else full)
}  # fmt: skip
_MONTH_RE = re.compile(
    r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s*(\d{4}))?"
)
_WEEKDAY_MONTH_RE = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+"
    r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s*\d{4})?"
)
_WEEKDAY_RE = re.compile(
    r"\b(last|next|this|on)?\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)", re.I
)
# Days named relative to the day of writing, and their offset from it.
_RELATIVE_RE = re.compile(r"\b(today|tonight|tomorrow|yesterday|this (?:morning|afternoon|evening))\b", re.I)
_RELATIVE_DAYS = {"tomorrow": 1, "yesterday": -1}
# A yearless date whose tense puts it this far from the reference, when the other side is this close,
# takes the close one (see _nearest_year).
TENSE_TRUST_DAYS = 183
CLOSE_DAYS = 45
# A meeting called off or moved on a weekday at most this many days before publication is the past one.
RECENT_DAYS = 2
# ...or at most this many days before, when the story tells of calling it off in the past tense.
RECENT_DAYS_TOLD_PAST = 4
VAGUE = re.compile(
    r"\b(week|month|year|spring|summer|fall|autumn|winter|weekend|soon|later|recently)\b", re.I
)


def _nearest_year(month: int, day: int, reference: dt.date, future: bool | None) -> dt.date | None:
    """The year that puts a yearless date on the side of the reference its tense says, nearest to it.

    A tense that would put the date more than half a year away, when the other side has it within
    six weeks, is more likely a misread tense than a story about a meeting that far off."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:  # Feb. 29
            continue
    if not candidates:
        return None

    def distance(date: dt.date) -> int:
        return abs((date - reference).days)

    closest = min(candidates, key=distance)
    if future is None:
        return closest
    agreeing = [d for d in candidates if (d >= reference if future else d <= reference)]
    best = min(agreeing, key=distance) if agreeing else closest
    if distance(best) > TENSE_TRUST_DAYS and distance(closest) <= CLOSE_DAYS:
        return closest
    return best


def month_and_day(text: str) -> tuple[int, int] | None:
    """'Wednesday, July 3' -> (7, 3); None when the text names no month and day."""
    m = _MONTH_RE.search(text)
    return (MONTHS[m.group(1)[:3].lower()], int(m.group(2))) if m else None


def find_date(text: str) -> str | None:
    """The first date expression a text gives ("Wednesday, June 28", "April 12", "Tuesday"), read
    with the rules' own patterns (for short lines the tagger reads poorly)."""
    found = [
        m for m in (_WEEKDAY_MONTH_RE.search(text), _MONTH_RE.search(text), _WEEKDAY_RE.search(text)) if m
    ]
    return min(found, key=lambda m: m.start()).group(0).strip() if found else None


def is_specific(text: str) -> bool:
    return bool(_MONTH_RE.search(text) or _WEEKDAY_RE.search(text) or _RELATIVE_RE.search(text))


def resolve(
    text: str,
    reference: dt.date | None,
    future: bool | None,
    *,
    nearest: bool = False,
    recent_days: int = RECENT_DAYS,
) -> dt.date | None:
    """Resolve a date expression. ``future`` None means unknown tense (treated as future); ``nearest``
    takes the weekday nearer to the reference, before or after it (a meeting called off or moved)."""
    m = _MONTH_RE.search(text)
    if m:
        month = MONTHS[m.group(1)[:3].lower()]
        day = int(m.group(2))
        if m.group(3):
            try:
                return dt.date(int(m.group(3)), month, day)
            except ValueError:
                return None
        if reference is None:
            return None
        return _nearest_year(month, day, reference, future)
    w = _WEEKDAY_RE.search(text)
    if w and reference is not None:
        modifier = (w.group(1) or "").lower()
        target = WEEKDAYS[w.group(2).lower()]
        ahead = (target - reference.weekday()) % 7
        back = (reference.weekday() - target) % 7 or 7
        if modifier == "last":
            return reference - dt.timedelta(days=back)
        if modifier == "next":
            return reference + dt.timedelta(days=ahead or 7)
        if ahead == 0:
            return reference
        if nearest:
            # News of a meeting called off comes within a day or two of it, or days ahead of it.
            future = not (back <= recent_days and back < ahead)
        if future is False:
            return reference - dt.timedelta(days=back)
        return reference + dt.timedelta(days=ahead)
    r = _RELATIVE_RE.search(text)
    if r and reference is not None:
        return reference + dt.timedelta(days=_RELATIVE_DAYS.get(r.group(1).lower(), 0))
    return None


_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7}


def shift_days(text: str) -> int | None:
    """'one week' -> 7, '48 hours' -> 2, 'a day' -> 1: whole days a meeting moved by."""
    m = re.match(r"(?i)\s*(\d+|a|an|one|two|three|four|five|six|seven)\s+(hour|day|week)s?\b", text)
    if not m:
        return None
    count = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS[m.group(1).lower()]
    days = count * _UNIT_DAYS[m.group(2).lower()]
    return round(days) if days >= 1 else None
