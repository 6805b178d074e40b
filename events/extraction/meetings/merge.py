"""Grouping frames into meetings.

An introduction merges into the most recent compatible meeting (tense, date and place agree) unless it
says "again"/"first"/"next"/"separate"; a back-reference goes to the current meeting, or to the latest
one of the same tense. ``merge_frame`` folds a frame's facts into its meeting (first date, city and
venue win; a status overrides, except that a maybe-postponement does not undo a cancellation).
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Span

from .model import Frame, Meeting
from .vocab import HOLD_VERBS


def _compatible(m: Meeting, f: Frame) -> bool:
    # A meeting called off or moved is spoken of in both tenses ("Tuesday's meeting was canceled",
    # "the decision to postpone Tuesday's meeting"): its day says which meeting it is.
    # ...unless the text gives the two different times ("last week's meeting" decided to cancel
    # "this week's session").
    called_off = bool({f.status, m.status} & {"cancelled", "postponed"}) and not (
        f.when and m.when and f.when != m.when
    )
    if f.date is not None and f.date == m.date or (f.date_text and f.date_text == m.date_text):
        return f.city is None or m.city is None or f.city == m.city  # the same day: the same meeting
    return (
        (f.future is None or m.future is None or f.future == m.future or called_off)
        and (f.date is None or m.date is None or f.date == m.date)
        and (f.city is None or m.city is None or f.city == m.city)
    )


# Modifiers that make a meeting another of the same group's ("a second town hall", "another session").
REPEAT_CUES = {"second", "another", "third", "follow-up", "again"}
# Modifiers that make a meeting noun the meeting on the new day: "the rescheduled meeting".
SUCCESSOR_CUES = {"rescheduled", "make-up", "makeup", "postponed"}


def _successor_reference(frame: Frame, meetings: list[Meeting]) -> Meeting | None:
    """'The rescheduled meeting will start at 6 p.m.': the meeting a moved one was moved to."""
    if not any(c.lower_ in SUCCESSOR_CUES for c in frame.trigger.children if c.dep_ in {"amod", "compound"}):
        return None
    moved = next((m for m in reversed(meetings) if m.successor or m.status == "postponed"), None)
    if moved is None or moved.origin is not None:
        return None
    if moved.successor is None:
        new_successor(moved, meetings)
    return moved.successor


def new_successor(moved: Meeting, meetings: list[Meeting], frame: Frame | None = None) -> Meeting:
    """The scheduled meeting a postponed one was moved to, dated by the frame that moved it."""
    successor = Meeting(future=True, status="scheduled", origin=moved)
    if frame is not None:
        successor.date, successor.date_text = frame.new_date, frame.new_date_text
        if frame.new_date_span:
            successor.date_spans.append(frame.new_date_span)
    moved.successor = successor
    meetings.insert(meetings.index(moved) + 1, successor)
    return successor


def target_meeting(frame: Frame, meetings: list[Meeting], current: Meeting | None) -> Meeting | None:
    successor = _successor_reference(frame, meetings)
    if successor is not None:
        return successor
    if frame.new:
        target = None
        if not frame.force_new:
            for m in reversed(meetings):
                if _compatible(m, frame):
                    target = m
                    break
        if target is None:
            target = Meeting()
            if frame.again or any(c.lower_ in REPEAT_CUES for c in frame.trigger.children):
                # "meet again", "a second town hall": the same group as before, if the text names none
                target.again_prior = next((m for m in reversed(meetings) if m.participants), None)
            meetings.append(target)
        return target
    if not meetings:
        # A first mention by reference ("his meeting with the governor") still introduces the meeting.
        trig = frame.trigger
        introduces = (
            any(c.dep_ == "poss" for c in trig.children)
            or any(c.dep_ == "prep" and c.lower_ == "with" for c in trig.children)
            or frame.venue is not None
            or frame.date_text is not None  # "the town hall held on July 3", in an undated story too
            or frame.status is not None  # "The summer meeting has been bumped by a day"
            or (trig.dep_ == "dobj" and trig.head.lemma_ in HOLD_VERBS)  # "the chairman opened the meeting"
        )
        if not introduces:
            return None
        target = Meeting()
        meetings.append(target)
        return target
    target = current
    if frame.future is not None and current is not None and current.future is not None:
        if frame.future != current.future and frame.status is None:
            for m in reversed(meetings):
                if m.future == frame.future:
                    target = m
                    break
    return target


def merge_frame(m: Meeting, f: Frame, sent: Span, meetings: list[Meeting]) -> None:
    base = m.date or f.date
    if f.shift_days and not f.new_date_text and base and m.origin is None and m.successor is None:
        # "postponed by one week": the meeting a week after this one's day
        f.new_date = base + dt.timedelta(days=f.shift_days)
        f.new_date_text = f.new_date.isoformat()
    if f.new_date_text and m.origin is None:
        # "postponed until Thursday": this meeting keeps its own day; Thursday's is its successor.
        if m.successor is None:
            new_successor(m, meetings, f)
        m.successor.frames.append(f)
        m.successor.sents.append((sent.start_char, sent.end_char))
        if m.status is None:
            m.status = "postponed"
    m.frames.append(f)
    if m.when is None:
        m.when = f.when
    m.sents.append((sent.start_char, sent.end_char))
    m.sent_starts.add(sent.start)
    if f.status and m.origin is None:
        if not (m.status == "cancelled" and f.status == "postponed" and f.status_modal):
            m.status = f.status
    if m.future is None and (f.new or not m.frames[:-1]):
        m.future = f.future
    if m.date is None and f.date is not None:
        m.date = f.date
        m.more_dates = list(f.more_dates)
    if m.date_text is None and f.date_text:
        m.date_text = f.date_text
    if f.date_span:
        m.date_spans.append(f.date_span)
    if m.city is None and f.city is not None:
        m.city = f.city
        m.more_cities = list(f.more_cities)
    if m.state_cue is None and f.state_cue:
        m.state_cue = f.state_cue
    if m.venue is None and f.venue:
        m.venue = f.venue
