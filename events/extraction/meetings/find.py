"""The meeting finder's main loop: sentences in, ``MeetingMention``s out.

For each body sentence (the headline is skipped) that is not a request for a meeting: find its triggers,
build its frames, send each frame to its meeting and merge it, then hand out the sentence's people.
At the end, meetings without participants are dropped; the rest get their body members, status, city,
purpose, keywords and kind. Past meetings come first, then upcoming ones.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

from spacy.tokens import Doc

from .. import dates
from ..gazetteer import lookup_city
from ..people import OfficialFinder
from ..places import PlaceContext
from ..text import doc_text, span_text, span_tokens
from ..types import MeetingMention
from .frames import sentence_frames
from .kind import meeting_kind
from .merge import merge_frame, target_meeting
from .model import Frame, Meeting
from .participants import add_body_members, assign_people, title_references
from .purpose import keywords, purpose_frame
from .schedule import find_schedules
from .syntax import modal, verb_chain
from .triggers import is_trigger
from .vocab import HYPOTHETICAL_MODALS, WISH_NOUNS, WISH_VERBS

NEGATIVE_PHRASES = (
    "asked for a meeting",
    "requested a meeting",
    "has not been scheduled",
    "none has been scheduled",
    "not yet scheduled",
    "called for a meeting",
    "asking for a meeting",
    "request a meeting",
)


def _headlines_end(text: str) -> int:
    """Where the headline and any subheadings end: the lines before the first that ends like a
    sentence (a first line with a full stop is the story's first sentence, no headline)."""
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and (stripped[-1] in '.?!:"”’' or len(stripped.split()) > SUBHEAD_WORDS):
            return offset
        offset += len(line) + 1
    return 0


# The longest line without a full stop that is still a headline or a subheading.
SUBHEAD_WORDS = 25


def _body_sentences(doc: Doc):
    """The sentences of the story, without its headline (which repeats the story in other words);
    a first line that ends with a full stop is no headline but the story's first sentence."""
    headline_end = _headlines_end(doc_text(doc))
    for sent in doc.sents:
        if sent.end_char <= headline_end or not span_text(sent).strip():
            continue
        if sent.start_char < headline_end:
            rest = span_text(sent)[headline_end - sent.start_char :]
            body_start = headline_end + len(rest) - len(rest.lstrip())
            sent = doc.char_span(body_start, sent.end_char, alignment_mode="expand")
            if sent is None or not span_text(sent).strip():
                continue
        yield sent


# Statuses that make an unattended mention of "the meeting" worth keeping: it was called off or moved.
CALLED_OFF = {"cancelled", "postponed"}


# Kinds of gathering a story's body holds when the sentence names no one ("the special meeting").
GENERIC_KINDS = {"meeting", "session", "hearing", "public hearing", "special meeting"}


def _body_city(bodies, ctx: PlaceContext):
    """'The Auckland City Council scrapped its meeting': the meeting is in the council's town."""
    named = {(kind, city) for kind, _, city in bodies if city}
    unnamed_kinds = {kind for kind, _, city in bodies if not city}
    if len({city for _, city in named}) != 1 or not unnamed_kinds <= {kind for kind, _ in named}:
        return None  # a joint session of two bodies, or of a county's: the story's home
    names = [city for _, city in named]
    return next((m.place for m in ctx.mentions if m.place and m.place.name == names[0]), None)


def _story_body(meetings: list[Meeting]):
    """The one deliberative body whose sessions a story reports, if there is one."""
    bodies = Counter(b for m in meetings for f in m.frames for b in f.bodies)
    kinds = {kind for kind, _, _ in bodies}
    return bodies.most_common(1)[0][0] if len(kinds) == 1 else None


def _only_wished(frame) -> bool:
    """A meeting someone would like, or that could happen: under "could"/"would"/"might", or a verb or
    noun of wanting ("his plan is to", "hopes to")."""
    for v in verb_chain(frame.trigger):
        if modal(v) & HYPOTHETICAL_MODALS or v.lemma_ in WISH_VERBS:
            return True
        if any(c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_ in WISH_NOUNS for c in v.children):
            return True
    return False


def _each_day(out: list, reference) -> list[MeetingMention]:
    """A gathering on several days, or in several towns, that the text names together is one
    meeting per day and per town."""
    days = []
    for mention, more_dates, more_cities in out:
        days.append(mention)
        for text in more_dates:
            date = dates.resolve(text, reference, mention.status != "held")
            days.append(dataclasses.replace(mention, date=date, date_text=text))
        for town in more_cities:
            days.append(dataclasses.replace(mention, city=town.name, state=town.state, country=town.country))
    return days


def _with_schedules(out: list[MeetingMention], doc: Doc, ctx: PlaceContext, people, reference) -> list:
    """Schedules' lines are meetings of the official the story is about; a meeting the prose
    mentions without a date ("at each session") is one of them."""
    lead = max(people, key=lambda p: len(p.mentions), default=None)
    scheduled = find_schedules(doc, ctx, [lead.name] if lead else [], reference)
    if not scheduled:
        return out
    names = {n for m in scheduled for n in m.participants}
    kept = [m for m in out if m.date is not None or not set(m.participants) <= names]
    return kept + scheduled


def _inherit(successor: Meeting, origin: Meeting) -> None:
    """The meeting on the new day is the same body's or group's, where the text says nothing else."""
    successor.participants = successor.participants or list(origin.participants)
    successor.unnamed = successor.unnamed or list(origin.unnamed)
    successor.city = successor.city or origin.city
    successor.state_cue = successor.state_cue or origin.state_cue


def find_meetings(
    doc: Doc, ctx: PlaceContext, finder: OfficialFinder, published: dt.date | None
) -> list[MeetingMention]:
    reference = published
    if reference is None and ctx.dateline is not None and ctx.dateline.date is not None:
        reference = ctx.dateline.date
    people = [p for p in finder.people.values() if p.title is not None]
    unnamed_all = finder.find_unnamed()
    title_refs = title_references(doc, finder, people)
    doc_lower = finder.lower
    meetings: list[Meeting] = []
    current: Meeting | None = None
    sents = list(_body_sentences(doc))
    for sent in sents:
        low = span_text(sent).lower()
        if any(p in low for p in NEGATIVE_PHRASES):
            continue
        found = []
        for tok in span_tokens(sent):
            res = is_trigger(tok)
            if res:
                found.append(Frame(sent, tok, new=res[1]))
        if not found:
            continue
        frames = sentence_frames(sent, found, ctx, reference, doc_lower)
        if not frames:
            continue
        targets = []
        for frame in frames:
            target = target_meeting(frame, meetings, current)
            if target is None:
                continue
            merge_frame(target, frame, sent, meetings)
            targets.append((frame, target))
        if not targets:
            continue
        assign_people(targets, sent, people, title_refs, unnamed_all)
        for _frame, target in targets:
            prior = target.again_prior
            if prior is not None and not target.participants and not target.unnamed:
                # "The three will meet again", "a second town hall": the same group as before.
                target.participants = list(prior.participants)
                target.unnamed = list(prior.unnamed)
        current = targets[0][1]
    out = []
    story_body = _story_body(meetings)
    # Past meetings first, then upcoming ones (each group in order of first mention).
    meetings.sort(key=lambda m: 0 if (m.status is None and m.future is False) else 1)
    for m in meetings:
        # The purpose is chosen before body members join; the keywords' frame below, after.
        chosen = purpose_frame(m)
        m.purpose = chosen.purpose if chosen else None
        # "The Feb. 18 meeting would be canceled", "a special meeting, scheduled for Friday", in a
        # story about one council: its meeting.
        own_bodies = [b for f in m.frames for b in f.bodies]
        kind = meeting_kind(m)
        generic = m.status in CALLED_OFF or (kind in GENERIC_KINDS and m.date_text is not None)
        bodies = own_bodies or ([story_body] if story_body and generic else [])
        add_body_members(m, people, sents, ctx.home, bodies)
        if m.origin is not None:
            _inherit(m, m.origin)
        is_session = bool(bodies)
        if not m.participants and not m.unnamed and not is_session:
            continue  # no one we can name met: "a meeting" in passing
        if m.date_text is None and m.status is None and all(_only_wished(f) for f in m.frames):
            continue  # "his plan is to come back and hold long talks", "could be convened": no meeting yet
        status = m.status or ("held" if m.future is False else "scheduled")
        # Where the text does not say, the meeting is in the dateline's town; the town a story only
        # names most often, when the meeting is its council's or one of its officials attends.
        local = ctx.home is not None and (
            bodies or any(p.juris == ctx.home.name for p in people if p.name in m.participants)
        )
        city = m.city or _body_city(bodies, ctx) or (ctx.home if ctx.home_named or local else None)
        if m.state_cue and city is not None and city.state != m.state_cue:
            alt = [p for p in lookup_city(city.name) if p.state == m.state_cue]
            if alt:
                city = alt[0]
        pframe = purpose_frame(m)
        out.append(
            (
                MeetingMention(
                    status=status,
                    city=ctx.display_name(city) if city else None,
                    state=city.state if city else None,
                    country=city.country if city else None,
                    venue=m.venue,
                    date=m.date,
                    date_text=m.date_text,
                    participants=tuple(m.participants),
                    unnamed_participants=tuple(m.unnamed),
                    topic_keywords=keywords(m.purpose, pframe.sent) if pframe else (),
                    purpose=m.purpose,
                    kind=kind,
                    evidence=tuple(sorted(set(m.sents))),
                    date_mentions=tuple(m.date_spans),
                ),
                m.more_dates,
                m.more_cities,
            )
        )
    return _with_schedules(_each_day(out, reference), doc, ctx, people, reference)
