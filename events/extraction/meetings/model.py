"""The two records the meeting finder works with.

A ``Frame`` is one mention of a meeting in one sentence: its trigger word and what the sentence says
about it (tense, status, date, place, kind, purpose, bodies). A ``Meeting`` is the frames merged into one
gathering, with its participants; ``find.find_meetings`` turns each into a ``MeetingMention``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Span, Token


@dataclass
class Frame:
    sent: Span
    trigger: Token
    new: bool
    force_new: bool = False
    again: bool = False
    future: bool | None = None
    status: str | None = None
    status_modal: bool = False
    called_off_before: bool = False  # the cancel/postpone verb tells of the past
    when: str | None = None  # the day or time the text gives the meeting, vague ones too ("last week's")
    date: dt.date | None = None
    date_text: str | None = None
    date_span: tuple[int, int] | None = None
    # The day the meeting was moved to ("postponed until Thursday"): a second, scheduled meeting.
    new_date: dt.date | None = None
    new_date_text: str | None = None
    new_date_span: tuple[int, int] | None = None
    shift_days: int | None = None  # "postponed by one week": the new day is a week after the old
    # Further days of the same gathering: "will meet on Thursday, July 27 and Wednesday, Aug. 2",
    # "two meetings, one Friday and the other Nov. 4" (one meeting each).
    more_dates: list = field(default_factory=list)
    more_cities: list = field(default_factory=list)  # "meetings in Cookeville and Gallatin": Places
    city: object = None  # Place
    state_cue: str | None = None
    venue: str | None = None
    purpose: str | None = None
    bodies: list = field(default_factory=list)  # (kind, modifiers, city name or None)
    kind: str | None = None  # "town hall", "council meeting"
    kind_rank: int = -1


@dataclass
class Meeting:
    frames: list = field(default_factory=list)
    status: str | None = None
    future: bool | None = None
    date: dt.date | None = None
    date_text: str | None = None
    date_spans: list = field(default_factory=list)
    city: object = None
    state_cue: str | None = None
    venue: str | None = None
    purpose: str | None = None
    participants: list = field(default_factory=list)
    unnamed: list = field(default_factory=list)
    sents: list = field(default_factory=list)
    sent_starts: set = field(default_factory=set)  # token index of each trigger sentence's start
    again_prior: object = None  # the meeting that "meet again" repeats
    more_dates: list = field(default_factory=list)  # date texts of the same gathering's other days
    when: str | None = None  # its first frame's ``when``
    more_cities: list = field(default_factory=list)  # the other towns of "meetings in A and B"
    # A meeting moved to another day has a successor: the meeting on the new day ("rescheduled for
    # Feb. 22"), which "the rescheduled meeting" refers to; ``origin`` points back from it.
    successor: Meeting | None = None
    origin: Meeting | None = None
