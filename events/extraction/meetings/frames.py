"""One sentence's meeting frames.

``sentence_frames`` takes the triggers found in a sentence and keeps the first introduction (else the
first back-reference), plus up to two further introductions whose tense or status set them apart ("voted
at its Monday meeting to schedule a hearing for Nov. 6"). Every other trigger joins the nearest frame.
Each frame is then filled in by the stages: tense and status, its nearest date, place, kind, purpose
and the bodies involved.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .. import dates
from ..text import doc_ents, span_ents
from .bodies import frame_bodies
from .kind import frame_kind
from .model import Frame
from .patterns import NEW_DATE_KEY, SHIFT_KEY
from .place import locate
from .purpose import find_purpose
from .status import cue_applies, moved_to, status_cues, tense, told_in_the_past
from .syntax import clause_verb, modal
from .triggers import counted, places_in
from .vocab import CALL_VERBS, HYPOTHETICAL_MODALS, NEW_CUES, ORDINALS, SPEECH_VERBS


def _date_cost(ent: Span, t: Token) -> int:
    """How far a date expression is from a trigger: tokens, plus penalties outside its clause and for
    dates of a reporting verb ("officials said Monday")."""
    d = min(abs(ent.start - t.i), abs(ent.end - 1 - t.i))
    verb = clause_verb(t)
    if not (verb.left_edge.i <= ent.start <= verb.right_edge.i):
        d += 20
    heads = [ent.root.head, ent.root.head.head]
    if any(v.lemma_ in SPEECH_VERBS for v in heads) and ent.root.head not in (t, verb):
        d += 10
    return d


def _caller(t: Token) -> Token | None:
    """The verb that calls the meeting a trigger names ("call a special meeting"), if any."""
    if t.dep_ in {"dobj", "nsubjpass"} and t.head.lemma_ in CALL_VERBS:
        return t.head
    return None


def _date_of_calling(ent: Span, t: Token) -> bool:
    """'On Wednesday, the commissioners decided to call a special meeting': the day of the call,
    not of the meeting (a day of the meeting comes with "for": "called a meeting for Friday")."""
    caller = _caller(t)
    if caller is None:
        return False
    head = ent.root.head
    verbs = {caller.i} | {v.i for v in caller.ancestors}
    if head.dep_ == "prep" and head.lower_ == "on" and head.head.i in verbs:
        return True
    return ent.root.dep_ in {"npadvmod", "tmod"} and head.i in verbs and head.i != caller.i


# A day moved to that the story does not name yet: "until next week" (a meeting, undated).
_COMING = re.compile(r"\b(next|following|coming)\b", re.I)


def _vague_when(trigger: Token) -> str | None:
    """'last week's meeting', 'this week's session': a time the trigger's own phrase gives, vague or not."""
    for c in trigger.children:
        if c.ent_type_ == "DATE" and c.dep_ in {"poss", "compound", "npadvmod", "nmod", "amod"}:
            ent = next((e for e in doc_ents(c.doc) if e.start <= c.i < e.end), None)
            return ent.text if ent is not None else c.text
    return None


def _coordinated_days(text: str) -> list[str]:
    """'Thursday, July 27 and Wednesday, Aug. 2' -> each day; one day stays whole."""
    parts = [p.strip(" ,") for p in re.split(r",? and ", text)]
    if len(parts) > 1 and all(dates.is_specific(p) for p in parts):
        return parts
    return [text]


def _new_dates(sent: Span) -> list[Span]:
    """The dates the sentence moves a meeting to ("rescheduled for Feb. 22"): see ``patterns.py``."""
    group = sent.doc.spans[NEW_DATE_KEY] if NEW_DATE_KEY in sent.doc.spans else []
    return [
        s
        for s in group
        if sent.start <= s.start < sent.end and (dates.is_specific(s.text) or _COMING.search(s.text))
    ]


def _dates_for(sent: Span, triggers: list[Token], skip: list[Span]) -> dict[int, list]:
    """Each specific date expression of the sentence, but those in ``skip``, assigned to its nearest
    trigger."""
    out: dict[int, list] = {t.i: [] for t in triggers}
    skipped = {i for s in skip for i in range(s.start, s.end)}
    for ent in span_ents(sent):
        if ent.label_ not in {"DATE", "TIME"} or not dates.is_specific(ent.text):
            continue
        if any(i in skipped for i in range(ent.start, ent.end)):
            continue
        if any(_date_of_calling(ent, t) for t in triggers):
            continue
        costs = [(_date_cost(ent, t), t) for t in triggers]
        cost, best = min(costs, key=lambda c: c[0])
        out[best.i].append((cost, ent))
    for key in out:
        out[key].sort(key=lambda x: x[0])
    return out


def sentence_frames(sent, found, ctx, reference, doc_lower) -> list[Frame]:
    """The frames of one sentence: the first introduction (else the first back-reference), plus further
    introductions whose tense or date set them apart."""
    new_frames = [f for f in found if f.new]
    primary = new_frames[0] if new_frames else found[0]
    candidates = [primary] + [f for f in new_frames if f is not primary]
    for f in candidates:
        trig = f.trigger
        f.again = any(c.lower_ == "again" for c in trig.children) or any(
            c.lower_ == "once" and any(g.lower_ == "again" for g in c.children) for c in trig.children
        )
        f.force_new = f.new and (
            counted(trig)  # a group of gatherings is never one of the single ones
            or any(c.lower_ in NEW_CUES for c in trig.children)
            or (trig.pos_ in {"NOUN", "PROPN"} and trig.dep_ == "pobj" and trig.head.head.lower_ in ORDINALS)
        )
        f.future = tense(trig, sent, anaphor=not f.new)
        if trig.tag_ == "VBG" and trig.dep_ == "pcomp" and trig.head.lower_ == "after":
            f.future = False  # "After meeting with the mayor Monday, the premier says ..."
        if moved_to(trig) is not None:
            f.future = True  # "postponed the vote until its Oct. 22 meeting"
        if _caller(trig) is not None or any(
            c.lower_ in {"next", "upcoming", "coming"} for c in trig.children
        ):
            f.future = True  # "called a special meeting", "the next regularly scheduled meeting"
    cues = status_cues(sent)
    for f in candidates:
        for cue, status in cues:
            if cue_applies(cue, f.trigger):
                f.status = status
                f.status_modal = bool(modal(cue) & (HYPOTHETICAL_MODALS | {"will"}))
                f.future = True
                f.called_off_before = told_in_the_past(cue)
                break
    # Which day each introduction would take, to tell apart two meetings on two days in one sentence
    # ("mayors will be hosted on Wednesday, and the rest will meet on Thursday").
    own_dates = _dates_for(sent, [f.trigger for f in candidates], _new_dates(sent))
    frames = [primary]
    for f in candidates[1:]:
        differs = any(
            (f.future is not None and g.future is not None and f.future != g.future)
            or (f.status != g.status)
            or (own_dates[f.trigger.i] and own_dates[g.trigger.i])
            for g in frames
        )
        if differs and len(frames) < 3:
            frames.append(f)
    # The sentence's other triggers describe the frame nearest to them ("gathered for a summit").
    groups = {f.trigger.i: [f.trigger] for f in frames}
    for g in found:
        if g.trigger.i not in groups:
            nearest = min(frames, key=lambda f: abs(f.trigger.i - g.trigger.i))
            groups[nearest.trigger.i].append(g.trigger)
    new_dates = _new_dates(sent)
    date_map = _dates_for(sent, [f.trigger for f in frames], new_dates)
    for span in new_dates:
        f = min(frames, key=lambda f: abs(f.trigger.i - span.start))
        if f.new_date_text is None:
            f.new_date_text = span.text
            f.new_date_span = (span.start_char, span.end_char)
            f.new_date = dates.resolve(span.text, reference, True)
    shifts = sent.doc.spans[SHIFT_KEY] if SHIFT_KEY in sent.doc.spans else []
    for span in (s for s in shifts if sent.start <= s.start < sent.end):
        f = min(frames, key=lambda f: abs(f.trigger.i - span.start))
        f.shift_days = dates.shift_days(span.text)
    trigger_ids = {f.trigger.i for f in found}
    for f in frames:
        ds = date_map.get(f.trigger.i) or []
        if ds:
            ent = ds[0][1]
            days = _coordinated_days(ent.text)
            f.date_text = days[0]
            f.date_span = (ent.start_char, ent.end_char)
            f.more_dates = days[1:]
            if counted(f.trigger):  # "two meetings, one Friday and the other Nov. 4": the days after it
                f.more_dates += [e.text for _, e in ds[1:] if e.start > f.trigger.i]
            called_off = f.status in {"cancelled", "postponed"}
            # "followed its move canceling Monday night's meeting", written on Thursday: the Monday
            # gone (told in the past, the nearer day looks further back)
            recent = dates.RECENT_DAYS_TOLD_PAST if f.called_off_before else dates.RECENT_DAYS
            f.date = dates.resolve(f.date_text, reference, f.future, nearest=called_off, recent_days=recent)
        f.when = (f.date_text or _vague_when(f.trigger) or "").lower() or None
        f.venue, f.city, f.state_cue = locate(sent, f.trigger, ctx, trigger_ids)
        towns = [ctx.by_token()[t.i].place for t in places_in(f.trigger) if t.i in ctx.by_token()]
        if len(towns) > 1:  # "meetings in Cookeville and Gallatin": one in each
            f.city, f.more_cities = towns[0], towns[1:]
        group = groups[f.trigger.i]
        f.kind, f.kind_rank = frame_kind(group)
        f.purpose = find_purpose(sent, f.trigger, group, f.new)
        f.bodies = frame_bodies(f.trigger, doc_lower, ctx.by_token())
    return frames
