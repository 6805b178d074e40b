"""Meeting patterns kept as data: spaCy ``DependencyMatcher`` patterns, each a pattern of the language.

A newcomer extends the extractor by adding a pattern here (and a test sentence of their own in
``tests/test_extraction_patterns.py``), not a branch in the code. The ``civicnews_meeting_cues``
component (``components.py``) runs them once per document and stores what they find as span groups
(``doc.spans[<key>]``) that the meeting stages read.

- ``NEW_DATE``: the date a meeting was moved *to* ("rescheduled for Feb. 22", "postponed until
  Thursday", "moved back to Wednesday", "changed the date of the meeting to Monday, May 17"). The
  meeting's own date is the one it was moved *from*; the new date is a second, scheduled meeting.
  Business that "has to wait until Oct. 29" dates the next meeting the same way.
- ``SHIFT``: how far a meeting moved ("postponed by one week", "by 48 hours"): the new meeting is
  that far from the old one's day.
"""

from __future__ import annotations

# Verbs that move a meeting to another day.
MOVE_VERBS = [
    "reschedule",
    "move",
    "postpone",
    "push",
    "bump",
    "delay",
    "shift",
    "change",
    "defer",
    "put",
    "slide",
    "switch",
    "adjourn",
    "reset",
    "wait",  # "matters due today now have to wait until Oct. 29": the next meeting takes them up
]
# Prepositions that introduce the day a meeting is moved to ("on" says when the move was made).
NEW_DATE_PREPS = ["to", "for", "until", "till", "til"]
DATE_ENTS = ["DATE", "TIME"]

NEW_DATE_KEY = "civicnews_new_dates"
# "postponed by one week", "bumped by a day", "pushed back 48 hours": how far a meeting moved.
SHIFT_KEY = "civicnews_date_shifts"
DURATION_UNITS = ["hour", "day", "week"]


def _to_date(left: str) -> list[dict]:
    """``left`` -> "to/for/until" -> its object, a date ("to Monday, September 18th")."""
    return [
        {
            "LEFT_ID": left,
            "REL_OP": ">",
            "RIGHT_ID": "prep",
            "RIGHT_ATTRS": {"DEP": "prep", "LOWER": {"IN": NEW_DATE_PREPS}},
        },
        {
            "LEFT_ID": "prep",
            "REL_OP": ">",
            "RIGHT_ID": "date",
            "RIGHT_ATTRS": {"DEP": "pobj", "ENT_TYPE": {"IN": DATE_ENTS}},
        },
    ]


MOVE_VERB = {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": MOVE_VERBS}}}

DEPENDENCY_PATTERNS: dict[str, list[list[dict]]] = {
    NEW_DATE_KEY: [
        # "rescheduled for Feb. 22", "postponed until Thursday", "moving to Monday, September 18th"
        [MOVE_VERB, *_to_date("verb")],
        # "rescheduled the hearing for April 2": the new day hangs from the meeting moved
        [
            MOVE_VERB,
            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "object", "RIGHT_ATTRS": {"DEP": "dobj"}},
            *_to_date("object"),
        ],
        # "bumped by a day, to Tuesday": the new day hangs from the amount
        [
            MOVE_VERB,
            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "by", "RIGHT_ATTRS": {"LOWER": "by"}},
            {"LEFT_ID": "by", "REL_OP": ">", "RIGHT_ID": "amount", "RIGHT_ATTRS": {"DEP": "pobj"}},
            *_to_date("amount"),
        ],
    ],
}

DEPENDENCY_PATTERNS[SHIFT_KEY] = [
    # "postponed the session by one week", "bumped by a day"
    [
        MOVE_VERB,
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "by", "RIGHT_ATTRS": {"LOWER": "by"}},
        {
            "LEFT_ID": "by",
            "REL_OP": ">",
            "RIGHT_ID": "date",
            "RIGHT_ATTRS": {"DEP": "pobj", "LEMMA": {"IN": DURATION_UNITS}},
        },
    ],
]
