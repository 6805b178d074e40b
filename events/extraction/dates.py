"""Date expressions of meetings resolved against the article's publication date.

Rules (from the gold conventions): a bare weekday in future tense is the next such day after publication,
in past tense the most recent such day before it; "Jan. 9" takes the publication year, or the next year
when it must lie in the future; vague references ("last week", "next month", "in October") give None;
without a reference date only fully specified dates (with a year) resolve.
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
_MONTH_RE = re.compile(
    r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s*(\d{4}))?"
)
_WEEKDAY_RE = re.compile(
    r"\b(last|next|this|on)?\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)", re.I
)
VAGUE = re.compile(
    r"\b(week|month|year|spring|summer|fall|autumn|winter|weekend|soon|later|recently)\b", re.I
)


def is_specific(text: str) -> bool:
    return bool(_MONTH_RE.search(text) or _WEEKDAY_RE.search(text))


def resolve(
    text: str, reference: dt.date | None, future: bool | None, *, same_day_ok: bool = False
) -> dt.date | None:
    """Resolve a date expression. ``future`` None means unknown tense (treated as future)."""
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
        try:
            date = dt.date(reference.year, month, day)
        except ValueError:
            return None
        if future is not False and date < reference:
            try:
                date = dt.date(reference.year + 1, month, day)
            except ValueError:
                return None
        elif future is False and date > reference:
            try:
                date = dt.date(reference.year - 1, month, day)
            except ValueError:
                return None
        return date
    w = _WEEKDAY_RE.search(text)
    if w and reference is not None:
        modifier = (w.group(1) or "").lower()
        target = WEEKDAYS[w.group(2).lower()]
        if modifier == "last":
            future = False
        elif modifier == "next":
            future = True
        delta = (target - reference.weekday()) % 7
        if same_day_ok and delta == 0:
            return reference
        if future is False:
            back = (reference.weekday() - target) % 7 or 7
            return reference - dt.timedelta(days=back)
        return reference + dt.timedelta(days=delta or 7)
    return None
