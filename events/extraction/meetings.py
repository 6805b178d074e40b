"""Meeting frames: who met (or will meet) where, when and why.

Each sentence is scanned for meeting triggers (verbs such as meet/convene/sit down/testify, nouns such as
meeting/summit/town hall/hearing/session/roundtable/talks, "heading to X to address Y", a council that
voted). A trigger either introduces a meeting (a verb, an indefinite or modified noun) or refers back to
one ("the meeting", "also attended"). Introductions merge into the current meeting unless tense, date
or place conflict, or the trigger says "again"/"first"/"next"/"separate". Statements, interviews,
lawsuits, requested-but-unscheduled meetings and plural/habitual gatherings are not meetings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from . import dates
from .gazetteer import CAPITALS, STATE_NAME_TO_CODE, lookup_city
from .people import OfficialFinder
from .places import PlaceContext
from .types import MeetingMention, UnnamedOfficial

TRIGGER_NOUNS = {
    "meeting",
    "summit",
    "hearing",
    "session",
    "roundtable",
    "talks",
    "forum",
    "sit-down",
    "visit",
    "conference",
    "retreat",
    "briefing",
}
ANAPHOR_ONLY_NOUNS = {"event", "gathering", "discussion", "conversation"}
TRIGGER_VERBS = {"meet", "convene", "gather", "huddle", "testify"}
BODY_NOUNS = {"council", "board", "commission", "committee", "legislature", "commissioners", "aldermen"}
CANCEL = {"cancel", "canceled", "cancelled", "scrap", "scraps", "scrapped", "call", "nix"}
POSTPONE = {"postpone", "postponed", "delay", "delayed", "reschedule", "push"}
FUTURE_HEADS = {"plan", "schedule", "set", "expect", "agree", "due", "want", "hope", "intend", "prepare"}
NEW_CUES = {"again", "first", "next", "separate", "another", "second", "follow-up", "upcoming"}
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
PARTICIPATION = {"attend", "join", "participate"}
PURPOSE_VERBS = {
    "discuss",
    "address",
    "talk",
    "ask",
    "push",
    "lobby",
    "press",
    "review",
    "hear",
    "vote",
    "resolve",
    "consider",
    "fight",
    "update",
    "tackle",
    "brief",
    "present",
    "seek",
    "plan",
    "pitch",
    "request",
    "urge",
    "take",
    "study",
    "debate",
    "lay",
    "negotiate",
}


@dataclass
class Frame:
    sent: Span
    trigger: Token
    new: bool
    force_new: bool = False
    future: bool | None = None
    status: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    date_span: tuple[int, int] | None = None
    city: object = None  # Place
    venue: str | None = None
    purpose: str | None = None
    anaphor_body: bool = False


@dataclass
class Meeting:
    frames: list = field(default_factory=list)
    status: str | None = None
    future: bool | None = None
    date: dt.date | None = None
    date_text: str | None = None
    date_spans: list = field(default_factory=list)
    city: object = None
    venue: str | None = None
    purpose: str | None = None
    participants: list = field(default_factory=list)
    unnamed: list = field(default_factory=list)
    sents: list = field(default_factory=list)


def _is_trigger(tok: Token, sent_lower: str) -> tuple[bool, bool] | None:
    """(is_trigger, introduces_new) for a token, or None."""
    lemma = tok.lemma_.lower()
    low = tok.lower_
    if low == "attendance" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "in":
        return True, False
    if tok.pos_ in {"NOUN", "PROPN"} or (low == "meeting" and tok.tag_ == "NN"):
        key = low
        if low == "hall" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "town":
            key = "town hall"
        elif low not in TRIGGER_NOUNS and lemma not in TRIGGER_NOUNS and low not in ANAPHOR_ONLY_NOUNS:
            if (
                lemma == "vote"
                and any(c.lower_ == "final" for c in tok.children)
                and tok.head.lemma_ == "take"
            ):
                return True, True
            return None
        if tok.tag_ in {"NNS", "NNPS"} and low != "talks":
            return None
        if low == "conference" and any(c.lower_ in {"press", "news"} for c in tok.children):
            return None
        if low == "meeting" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in {"room", "place"}:
            return None
        if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in {"meeting", "session"} and key != low:
            return None  # "town hall meeting": the trigger is "meeting"
        if key == "town hall" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "meeting":
            return None
        if low == "visit" and tok.pos_ == "VERB":
            return None
        dets = {c.lower_ for c in tok.children if c.dep_ in {"det", "poss"}}
        mods = {c.lower_ for c in tok.children if c.dep_ in {"amod", "advmod", "compound", "nummod"}}
        if mods & NEW_CUES:
            return True, not (dets & {"that", "this"})
        if low in ANAPHOR_ONLY_NOUNS:
            return (True, False) if dets & {"the", "that", "this"} else None
        if dets & {"the", "that", "this", "his", "her", "their", "its"} and not any(
            c.dep_ == "poss" and c.ent_type_ == "DATE" for c in tok.children
        ):
            return True, False
        return True, True
    if tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB"):
        if lemma in TRIGGER_VERBS:
            if lemma == "meet":
                objs = [c for c in tok.children if c.dep_ == "dobj"]
                if objs and not any(
                    o.ent_type_ == "PERSON"
                    or o.lemma_ in {"mayor", "governor", "official", "leader", "minister", "chief"}
                    for o in objs
                ):
                    return None
            return True, True
        if lemma == "sit" and any(c.lower_ == "down" for c in tok.children):
            return True, True
        if lemma in {"head", "travel", "return", "go", "come"}:
            if any(
                c.dep_ in {"advcl", "xcomp"} and c.lemma_ in PURPOSE_VERBS and c.lemma_ != "take"
                for c in tok.children
            ) and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
                return True, True
        if lemma == "vote":
            subj = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subj and subj[0].lemma_.lower() in BODY_NOUNS:
                return True, True
        if lemma in PARTICIPATION or (
            lemma == "take" and any(c.lower_ == "part" and not list(c.children) for c in tok.children)
        ):
            if any(c.dep_ == "neg" for c in tok.children):
                return None
            return True, False
    if low in {"attendees", "participants"} and tok.pos_ == "NOUN":
        return True, False
    if low == "attendance" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "in":
        return True, False
    return None


def _clause_verb(tok: Token) -> Token:
    t = tok
    for _ in range(6):
        if t.pos_ in {"VERB", "AUX"} or t.tag_.startswith("VB"):
            return t
        if t.head is t:
            return t
        t = t.head
    return t


def _tense(tok: Token, sent: Span) -> bool | None:
    """True = future/scheduled, False = past/held."""
    v = _clause_verb(tok)
    chain = [v]
    h = v
    for _ in range(3):
        if h.dep_ in {"xcomp", "ccomp", "advcl", "conj", "relcl"} and h.head is not h:
            h = h.head
            chain.append(h)
        else:
            break
    for w in chain:
        kids = {c.lower_ for c in w.children}
        if kids & {"will", "'ll", "shall"}:
            return True
        if w.lemma_ in FUTURE_HEADS or w.lower_ in {"scheduled", "set", "slated", "planned", "due"}:
            return True
        if w.tag_ == "VBG" and kids & {"is", "are", "'s", "'re"}:
            return True
        if kids & {"would"} and w.tag_ == "VB":
            return True
        if w.tag_ in {"VBD"}:
            return False
        if w.tag_ == "VBN" and kids & {"has", "have", "had", "was", "were"}:
            return False
    low = sent.text.lower()
    if any(
        cue in low
        for cue in (" will ", " scheduled", " set for", " plans to", "expected to", " next ", " upcoming")
    ):
        return True
    if v.tag_ in {"VBZ", "VBP"}:
        return True
    if v.tag_ == "VB" and any(c.lower_ == "to" for c in v.children):
        return True
    return None


def _status_cue(sent: Span) -> str | None:
    for t in sent:
        lem = t.lemma_.lower()
        if (
            lem in {"cancel", "scrap"}
            or t.lower_ in {"canceled", "cancelled", "scrapped", "scraps"}
            or (lem == "call" and any(c.lower_ == "off" for c in t.children))
        ):
            return "cancelled"
        if lem in {"postpone", "delay", "reschedule"} or t.lower_ in {"postponed", "delayed"}:
            if lem == "delay" and t.pos_ == "NOUN":
                continue
            return "postponed"
    return None


def _dates(sent: Span, trigger: Token):
    out = []
    for ent in sent.ents:
        if ent.label_ == "DATE" and dates.is_specific(ent.text):
            out.append((abs(ent.start - trigger.i), ent))
    out.sort(key=lambda x: x[0])
    return [e for _, e in out]


def _venue(sent: Span, ctx: PlaceContext):
    for tok in sent:
        if tok.lower_ != "at" or tok.dep_ != "prep":
            continue
        pobj = [c for c in tok.children if c.dep_ == "pobj"]
        if not pobj:
            continue
        head = pobj[0]
        if head.ent_type_ in {"TIME", "DATE", "PERSON"} or head.like_num:
            continue
        left = head.left_edge.i
        right = head.i + 1
        # include "in Jefferson City"-less compound names only
        span = sent.doc[left:right]
        text = span.text
        for det in ("the ", "a ", "an "):
            if text.lower().startswith(det):
                text = text[len(det) :]
        if not text or not (
            text[0].isupper()
            or any(
                w in text.lower()
                for w in (
                    "capitol",
                    "statehouse",
                    "hall",
                    "center",
                    "library",
                    "building",
                    "office",
                    "school",
                    "chambers",
                    "courthouse",
                    "college",
                    "station",
                )
            )
        ):
            continue
        return text, span
    return None, None


def _venue_city(venue: str | None, span, ctx: PlaceContext):
    if not venue:
        return None
    low = venue.lower()
    if "capitol" in low or "statehouse" in low:
        state = ctx.home_state
        for name, code in STATE_NAME_TO_CODE.items():
            if name.lower() in low:
                state = code
        cap = CAPITALS.get(state or "")
        if cap:
            cands = [p for p in lookup_city(cap) if p.state == state]
            if cands:
                return cands[0]
    if span is not None:
        by_tok = ctx.by_token()
        for t in span:
            m = by_tok.get(t.i)
            if m is not None:
                return m.place
    return None


def _explicit_city(sent: Span, ctx: PlaceContext, trigger: Token):
    by_tok = ctx.by_token()
    best = None
    for m in ctx.mentions:
        if not (sent.start <= m.start < sent.end):
            continue
        prev = sent.doc[m.start - 1] if m.start > 0 else None
        if prev is not None and prev.lower_ == "downtown" and m.start > 1:
            prev = sent.doc[m.start - 2]
        if prev is None or prev.lower_ not in {"in", "to", "at"}:
            continue
        nxt = sent.doc[m.end] if m.end < len(sent.doc) else None
        if (
            nxt is not None
            and nxt.text[:1].isupper()
            and nxt.lower_ not in {"city"}
            and nxt.ent_type_ not in {"DATE", "TIME"}
            and nxt.pos_ == "PROPN"
        ):
            continue
        d = abs(m.start - trigger.i)
        if best is None or d < best[0]:
            best = (d, m)
    del by_tok
    return best[1].place if best else None


def _purpose(sent: Span, trigger: Token) -> str | None:
    for tok in sent:
        if (
            tok.lemma_ in PURPOSE_VERBS
            and tok.tag_ == "VB"
            and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children)
        ):
            if tok.lemma_ == "take" and not any(c.lower_ in {"vote", "questions"} for c in tok.subtree):
                continue
            words = [t for t in tok.subtree if t.i >= tok.i][:16]
            text = sent.doc[words[0].i : words[-1].i + 1].text.strip(" ,.")
            return text
    for c in trigger.children:
        if c.dep_ == "prep" and c.lower_ in {"on", "about"}:
            words = list(c.subtree)[1:16]
            if words:
                return f"{trigger.text} {sent.doc[words[0].i : words[-1].i + 1].text}"
    return None


def _keywords(purpose: str | None, sent: Span) -> tuple[str, ...]:
    if not purpose:
        return ()
    low = purpose.lower()
    out = []
    for chunk in sent.noun_chunks:
        if chunk.text.lower() in low and chunk.root.pos_ == "NOUN":
            words = [
                t.lemma_.lower() if t.i == chunk.root.i else t.lower_
                for t in chunk
                if t.pos_ in {"NOUN", "ADJ", "PROPN"} and not t.is_stop
            ]
            if words:
                kw = " ".join(words)
                if kw not in out:
                    out.append(kw)
    return tuple(out[:4])


def find_meetings(
    doc: Doc, ctx: PlaceContext, finder: OfficialFinder, published: dt.date | None
) -> list[MeetingMention]:
    reference = published
    same_day = False
    if reference is None and ctx.dateline is not None and ctx.dateline.date is not None:
        reference, same_day = ctx.dateline.date, True
    people = list(finder.people.values())
    unnamed_all = finder.find_unnamed()
    meetings: list[Meeting] = []
    current: Meeting | None = None
    sents = list(doc.sents)
    headline_end = doc.text.find("\n")
    for sent in sents:
        if sent.end_char <= headline_end or not sent.text.strip():
            continue
        if sent.start_char < headline_end:
            body_start = (
                sent.start_char + len(sent.text) - len(sent.text[headline_end - sent.start_char :].lstrip())
            )
            sent = doc.char_span(body_start, sent.end_char, alignment_mode="expand")
            if sent is None or not sent.text.strip():
                continue
        low = sent.text.lower()
        if any(p in low for p in NEGATIVE_PHRASES):
            continue
        frames = []
        for tok in sent:
            res = _is_trigger(tok, low)
            if res:
                frames.append(Frame(sent, tok, new=res[1]))
        if not frames:
            continue
        new_frames = [f for f in frames if f.new]
        frame = new_frames[0] if new_frames else frames[0]
        trig = frame.trigger
        frame.force_new = any(c.lower_ in NEW_CUES for c in trig.children) or (
            trig.pos_ in {"VERB"} and any(c.lower_ == "again" for c in trig.children)
        )
        frame.future = _tense(trig, sent)
        frame.status = _status_cue(sent)
        if frame.status:
            frame.future = True
        ds = _dates(sent, trig)
        if ds:
            ent = ds[0]
            frame.date_text = ent.text
            frame.date_span = (ent.start_char, ent.end_char)
            frame.date = dates.resolve(ent.text, reference, frame.future, same_day_ok=same_day)
        frame.venue, vspan = _venue(sent, ctx)
        frame.city = _explicit_city(sent, ctx, trig) or _venue_city(frame.venue, vspan, ctx)
        frame.purpose = _purpose(sent, trig)
        target = None
        if frame.new:
            compatible = (
                current is not None
                and not frame.force_new
                and (frame.future is None or current.future is None or frame.future == current.future)
                and (frame.date is None or current.date is None or frame.date == current.date)
                and (frame.city is None or current.city is None or frame.city == current.city)
            )
            if compatible:
                target = current
            else:
                target = Meeting()
                meetings.append(target)
        else:
            if not meetings:
                continue
            target = current
            if (
                frame.future is not None
                and current is not None
                and current.future is not None
                and frame.future != current.future
                and frame.status is None
            ):
                for m in reversed(meetings):
                    if m.future == frame.future:
                        target = m
                        break
        _merge(target, frame, people, unnamed_all, sent)
        current = target
    out = []
    for m in meetings:
        if not m.participants and not m.unnamed:
            _body_members(m, people)
        if not m.participants and not m.unnamed:
            continue
        status = m.status or ("held" if m.future is False else "scheduled")
        city = m.city or ctx.home
        out.append(
            MeetingMention(
                status=status,
                city=city.name if city else None,
                state=city.state if city else None,
                country=city.country if city else None,
                venue=m.venue,
                date=m.date,
                date_text=m.date_text,
                participants=tuple(m.participants),
                unnamed_participants=tuple(m.unnamed),
                topic_keywords=_keywords(m.purpose, m.frames[0].sent) if m.frames else (),
                purpose=m.purpose,
                evidence=tuple(sorted(set(m.sents))),
                date_mentions=tuple(m.date_spans),
            )
        )
    return out


def _merge(m: Meeting, f: Frame, people, unnamed_all: list[UnnamedOfficial], sent: Span) -> None:
    m.frames.append(f)
    m.sents.append((sent.start_char, sent.end_char))
    if f.status:
        m.status = f.status
    if m.future is None and f.new:
        m.future = f.future
    if m.date is None and f.date is not None:
        m.date = f.date
    if m.date_text is None and f.date_text:
        m.date_text = f.date_text
    if f.date_span:
        m.date_spans.append(f.date_span)
    if m.city is None and f.city is not None:
        m.city = f.city
    if m.venue is None and f.venue:
        m.venue = f.venue
    if m.purpose is None and f.purpose:
        m.purpose = f.purpose
    negated = {t.i for t in sent if t.dep_ == "neg" and t.head.lemma_ in PARTICIPATION}
    for p in people:
        if p.title is None or p.name in m.participants:
            continue
        toks = [i for i in p.tokens if sent.start <= i < sent.end]
        if not toks:
            continue
        if negated:
            continue
        m.participants.append(p.name)
    for u in unnamed_all:
        if (
            any(ev[0] >= sent.start_char and ev[1] <= sent.end_char for ev in u.evidence)
            and u not in m.unnamed
        ):
            m.unnamed.append(u)


_COUNCIL_TITLES = {
    "Mayor",
    "Council Member",
    "Alderperson",
    "Commissioner",
    "Council President",
    "Mayor Pro Tem",
    "Councillor",
    "County Commissioner",
    "Commission Chairman",
    "Commission Chair",
    "County Mayor",
}
_BOARD_TITLES = {"School Board Chair", "School Board Member", "School Board President", "Superintendent"}


def _body_members(m: Meeting, people) -> None:
    """A council/commission/board session: its named members are the participants."""
    words = {t.lemma_.lower() for f in m.frames for t in f.sent}
    if words & {"council", "commission", "aldermen", "commissioners"}:
        wanted = _COUNCIL_TITLES
    elif "board" in words:
        wanted = _BOARD_TITLES
    else:
        return
    for p in people:
        if p.title is not None and p.title.canonical in wanted and p.name not in m.participants:
            m.participants.append(p.name)
