"""Meeting frames: who met (or will meet) where, when and why.

Each sentence is scanned for meeting triggers (verbs such as meet/convene/sit down/testify, nouns such as
meeting/summit/town hall/hearing/session/roundtable/talks, "heading to X to address Y", a council, board or
commission that voted/heard/took up something). A trigger either introduces a meeting (a verb, an
indefinite, dated or modified noun) or refers back to one ("the meeting", "also attended").

One sentence may introduce several meetings when its triggers differ in tense or date ("voted at its
Monday meeting to schedule a hearing for Nov. 6"). An introduction merges into the most recent
compatible meeting (tense, date and place agree) unless it says "again"/"first"/"next"/"separate"; a
back-reference goes to the current meeting, or to the latest one of the same tense.

Participants are the named officials of the trigger sentences (nearest trigger when a sentence holds
several meetings), officials referred to by a unique title ("the mayor"), the group of the previous
meeting for "meet again", and the named members of a council, board or commission holding a session.
Statements, interviews, lawsuits, requested-but-unscheduled meetings and plural/habitual gatherings are
not meetings.

Each meeting gets a kind ("town hall", "public hearing", "council meeting", "closed-door talks") from its
trigger nouns and their modifiers, or from the body that acts ("the school board voted": a board meeting),
and a short purpose: the "to discuss X" clause, else a topic phrase of a trigger ("hearing on X", "summit
focused on X", "talks over X"), else what the body did ("voted to X"), ended at a phrase boundary.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from . import dates
from .components import PLURAL_TITLES
from .gazetteer import CAPITALS, STATE_NAME_TO_CODE, lookup_city
from .people import OfficialFinder
from .places import PlaceContext
from .types import MeetingMention

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
    "town hall",
}
ANAPHOR_ONLY_NOUNS = {"event", "gathering", "discussion", "conversation"}
TRIGGER_VERBS = {"meet", "convene", "gather", "huddle", "testify"}
# Nouns naming a deliberative body; "the council voted" describes one of its sessions.
BODY_NOUNS = {
    "council",
    "board",
    "commission",
    "committee",
    "legislature",
    "commissioners",
    "aldermen",
    "alderpersons",
    "councillors",
    "councilors",
    "supervisors",
    "trustees",
    "subcommittee",
}
# What a body does at a session ("the council voted / heard testimony / took up the plan").
BODY_ACTS = {
    "vote",
    "meet",
    "hear",
    "adjourn",
    "approve",
    "advance",
    "reject",
    "debate",
    "deliberate",
    "convene",
    "consider",
}
# Addressing a body is taking part in its session ("told a Senate committee", "briefed the council").
ADDRESS_VERBS = {"tell", "brief", "address"}
HOLD_VERBS = {"hold", "have", "convene", "open", "take", "begin", "start", "conduct", "host", "resume"}
TRAVEL_VERBS = {"head", "travel", "return", "go", "come", "fly", "visit"}
HABITUAL = {"typically", "usually", "often", "generally", "routinely", "normally", "regularly", "always"}
HYPOTHETICAL_MODALS = {"would", "could", "should", "might", "may", "must"}
FUTURE_HEADS = {
    "plan",
    "schedule",
    "set",
    "expect",
    "agree",
    "due",
    "want",
    "hope",
    "intend",
    "prepare",
    "invite",
    "slate",
}
FUTURE_PREDICATES = {"due", "set", "scheduled", "slated", "expected", "poised", "planned"}
SPEECH_VERBS = {
    "say",
    "tell",
    "announce",
    "confirm",
    "add",
    "note",
    "report",
    "state",
    "write",
    "explain",
    "warn",
    "predict",
    "insist",
    "argue",
}
NEW_CUES = {"again", "first", "next", "separate", "another", "second", "follow-up", "upcoming"}
ORDINALS = {"first", "second", "third", "next", "last", "final", "latest"}
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
    "agree",
    "coordinate",
    "weigh",
    "explore",
    "examine",
}
PERSON_NOUNS = {
    "mayor",
    "mayors",
    "governor",
    "official",
    "officials",
    "leader",
    "leaders",
    "minister",
    "chief",
    "lawmakers",
    "legislators",
    "members",
    "counterparts",
    "colleagues",
    "delegation",
}
VENUE_WORDS = (
    "capitol",
    "statehouse",
    "hall",
    "center",
    "centre",
    "library",
    "building",
    "office",
    "school",
    "chambers",
    "courthouse",
    "college",
    "station",
    "church",
    "auditorium",
    "house",
)
_PRONOUN_OBJECTS = {"him", "her", "them", "us", "me"}


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
    date: dt.date | None = None
    date_text: str | None = None
    date_span: tuple[int, int] | None = None
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


# ---- triggers ----------------------------------------------------------------------------------


def _left_mods(tok: Token) -> list[Token]:
    return [
        c for c in tok.lefts if c.dep_ in {"det", "poss", "amod", "compound", "nummod", "nmod", "npadvmod"}
    ]


def _np_head(tok: Token) -> Token:
    """'last week's Committee of the Whole session': the phrase is headed by the proper noun."""
    np = tok
    for _ in range(2):
        if np.dep_ == "pobj" and np.head.lower_ == "of" and np.head.head.pos_ == "PROPN":
            np = np.head.head
        else:
            break
    return np


def _has_date_modifier(tok: Token) -> bool:
    np = _np_head(tok)
    doc = tok.doc
    for i in range(np.left_edge.i, tok.i):
        if doc[i].ent_type_ in {"DATE", "TIME"} and dates.is_specific(doc[i].text + " 1"):
            return True
        if doc[i].ent_type_ in {"DATE", "TIME"} and doc[i].lower_ in dates.WEEKDAYS:
            return True
        if doc[i].ent_type_ == "DATE" and doc[i].dep_ == "poss":
            return True
        if doc[i].ent_type_ == "DATE" and i + 1 < len(doc) and doc[i + 1].lower_ in {"'s", "’s"}:
            return True
    return False


def _is_body_noun(tok: Token) -> bool:
    return tok.lemma_.lower() in BODY_NOUNS or tok.lower_ in BODY_NOUNS


def _subjects(verb: Token) -> list[Token]:
    """Subjects of a verb, climbing through xcomp ('Commissioners are scheduled to take a vote')."""
    v = verb
    for _ in range(3):
        subj = [c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subj:
            out = []
            for s in subj:
                out.append(s)
                out += list(s.conjuncts)
                out += [c for c in s.children if c.dep_ == "appos"]  # dateline parsed as the subject
            return out
        if v.dep_ in {"xcomp", "advcl"} and v.head is not v:
            v = v.head
        else:
            break
    return []


def _modal(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ == "aux"}


def _is_trigger(tok: Token) -> tuple[bool, bool] | None:
    """(is_trigger, introduces_new) for a token, or None."""
    lemma = tok.lemma_.lower()
    low = tok.lower_
    doc = tok.doc
    if low == "attendance" and tok.i > 0 and doc[tok.i - 1].lower_ == "in":
        return True, False
    if low in {"attendees", "participants"}:
        return True, False
    if low == "comment" and tok.head.lower_ == "during" and any(c.lower_ == "public" for c in tok.children):
        return True, False  # "spoke during public comment": a part of a session
    if tok.pos_ in {"NOUN", "PROPN"} or (low == "meeting" and tok.tag_ == "NN"):
        key = low
        if low == "hall" and tok.i > 0 and doc[tok.i - 1].lower_ == "town":
            key = "town hall"
        elif low not in TRIGGER_NOUNS and lemma not in TRIGGER_NOUNS and low not in ANAPHOR_ONLY_NOUNS:
            if (
                lemma == "vote"
                and any(c.lower_ == "final" for c in tok.children)
                and tok.head.lemma_ == "take"
            ):
                return True, True
            return None
        plural = tok.tag_ in {"NNS", "NNPS"} and low != "talks"
        if plural:
            # "the first of several community forums"
            if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in ORDINALS:
                return True, True
            return None
        if tok.dep_ == "compound" and tok.head.lower_ not in TRIGGER_NOUNS:
            return None  # "Plaza Conference Center", "hearing room"
        if tok.ent_type_ in {"ORG", "FAC"} and tok.ent_iob_ != "O":
            ent_end = tok.i + 1
            while ent_end < len(doc) and doc[ent_end].ent_iob_ == "I":
                ent_end += 1
            if ent_end - 1 != tok.i:
                return None
        if low == "conference" and any(c.lower_ in {"press", "news"} for c in tok.children):
            return None
        if low == "meeting" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in {"room", "place"}:
            return None
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in {"meeting", "session"} and key != low:
            return None  # "town hall meeting": the trigger is "meeting"
        if key == "town hall" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "meeting":
            return None
        if low == "visit" and tok.pos_ == "VERB":
            return None
        mods_all = {c.lower_ for c in tok.children if c.dep_ in {"amod", "advmod", "compound", "nummod"}}
        if low == "session" and (
            mods_all & {"legislative", "lame-duck", "budget"}
            or (mods_all & {"next", "last", "this"} and not any(c.dep_ in {"det", "poss"} for c in tok.lefts))
        ):
            return None  # a legislative term, not a gathering
        if key != "town hall" and low not in {"talks"} and not _left_mods(tok) and _np_head(tok) is tok:
            return None  # bare "hearing" is the gerund ("hard of hearing")
        if tok.dep_ in {"oprd", "acomp"} and not any(c.dep_ in {"det", "poss"} for c in tok.children):
            return None  # a predicate ("called the concerns worth hearing")
        head = tok.head
        if (
            tok.dep_ == "attr"
            and head.lemma_ == "be"
            and any(c.dep_ == "nsubj" and c.lower_ in {"it", "this", "that"} for c in head.children)
        ):
            return True, False  # "It was her first visit to the city": predicates the current meeting
        np = _np_head(tok)
        dets = {c.lower_ for c in np.children if c.dep_ in {"det", "poss"}}
        if np is not tok:
            dets |= {c.lower_ for c in tok.children if c.dep_ in {"det", "poss"}}
        mods = {c.lower_ for c in tok.children if c.dep_ in {"amod", "advmod", "compound", "nummod"}}
        if mods & NEW_CUES:
            return True, not (dets & {"that", "this"})
        if low in ANAPHOR_ONLY_NOUNS:
            return (True, False) if dets & {"the", "that", "this"} else None
        if _has_date_modifier(tok) and not dets & {"that", "this"}:
            return True, True  # "Tuesday's meeting", "at its Monday night meeting"
        if dets & {"the", "that", "this", "his", "her", "their", "its", "our", "my", "your"}:
            return True, False
        return True, True
    if tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB"):
        negated = any(c.dep_ == "neg" for c in tok.children)
        if lemma in TRIGGER_VERBS:
            if negated:
                return None
            if lemma == "meet":
                objs = [c for c in tok.children if c.dep_ == "dobj"]
                if objs and not any(
                    o.ent_type_ == "PERSON"
                    or o.lemma_ in PERSON_NOUNS
                    or o.lower_ in _PRONOUN_OBJECTS
                    or (o.pos_ == "PROPN" and o.ent_type_ not in {"DATE", "TIME"})
                    for o in objs
                ):
                    return None
                if any(
                    s.lower_ in {"goal", "goals", "deadline", "target", "standard"} for s in _subjects(tok)
                ):
                    return None
            if lemma == "testify" and any(c.lower_ == "also" for c in tok.children):
                return True, False
            return True, True
        if lemma == "sit" and any(c.lower_ == "down" for c in tok.children):
            return None if negated else (True, True)
        if lemma in TRAVEL_VERBS:
            if any(
                c.dep_ in {"advcl", "xcomp"} and c.lemma_ in PURPOSE_VERBS and c.lemma_ != "take"
                for c in tok.children
            ) and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
                return True, True
        if lemma in BODY_ACTS or (lemma == "take" and any(c.lower_ == "up" for c in tok.children)):
            subj = _subjects(tok)
            if subj and any(_is_body_noun(s) for s in subj):
                if negated or _modal(tok) & HYPOTHETICAL_MODALS:
                    return None
                if any(c.lower_ in HABITUAL for c in tok.children):
                    return None
                if tok.tag_ == "VBG" and tok.dep_ in {"pcomp", "acl"}:
                    return None
                return True, True
        if lemma in ADDRESS_VERBS and not negated:
            if any(c.dep_ in {"dobj", "dative"} and _is_body_noun(c) for c in tok.children):
                return True, True
        if lemma in PARTICIPATION or (
            lemma == "take"
            and any(
                c.lower_ == "part" and not [g for g in c.children if not g.is_punct] for c in tok.children
            )
        ):
            if negated:
                return None
            if tok.tag_ == "VBG" and tok.dep_ in {"pcomp", "acl", "pobj"}:
                return None  # "expressed interest in joining"
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            if lemma in {"join", "attend"} and objs:
                o = objs[0]
                if not (
                    o.ent_type_ == "PERSON"
                    or o.lemma_.lower() in PERSON_NOUNS
                    or o.lower_ in _PRONOUN_OBJECTS
                    or o.lemma_.lower() in TRIGGER_NOUNS
                    or o.lower_ in TRIGGER_NOUNS
                    or o.lower_ == "hall"
                    or o.pos_ == "PROPN"
                ):
                    return None
            return True, False
    return None


# ---- tense, status, dates ------------------------------------------------------------------------


def _clause_verb(tok: Token) -> Token:
    t = tok
    for _ in range(6):
        if t.pos_ in {"VERB", "AUX"} or t.tag_.startswith("VB"):
            return t
        if t.head is t:
            return t
        t = t.head
    return t


def _verb_chain(tok: Token) -> list[Token]:
    """The trigger's clause verb and the verbs it depends on, stopping at reporting verbs."""
    v = _clause_verb(tok)
    chain = [v]
    h = v
    for _ in range(3):
        if h.dep_ in {"xcomp", "ccomp", "advcl", "conj", "relcl", "pcomp"} and h.head is not h:
            nxt = h.head
            if nxt.dep_ == "prep" and nxt.head is not nxt:
                nxt = nxt.head
            if nxt.lemma_ in SPEECH_VERBS and h.dep_ in {"ccomp", "conj"}:
                break
            h = nxt
            chain.append(h)
        else:
            break
    return chain


def _tense(tok: Token, sent: Span, anaphor: bool = False) -> bool | None:
    """True = future/scheduled, False = past/held."""
    chain = _verb_chain(tok)
    v = chain[0]
    if anaphor and len(chain) > 1 and v.lemma_ in FUTURE_HEADS and v.tag_ in {"VBG", "VB"}:
        # "voted against scheduling the hearing": the sentence reports a past act about the meeting.
        governing = chain[1]
        if governing.tag_ == "VBD" and governing.lemma_ not in FUTURE_HEADS:
            return False
    for w in chain:
        kids = {c.lower_ for c in w.children}
        if kids & {"will", "'ll", "shall", "wo"}:
            return True
        if w.lemma_ in FUTURE_HEADS or w.lower_ in FUTURE_PREDICATES:
            return True
        if any(c.dep_ in {"acomp", "attr"} and c.lower_ in FUTURE_PREDICATES for c in w.children):
            return True
        if w.tag_ == "VBG" and kids & {"is", "are", "'s", "'re", "am"}:
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
    if any(t.tag_ == "VBD" for t in sent if t.dep_ == "ROOT"):
        return False
    return None


def _status_cues(sent: Span) -> list[tuple[Token, str]]:
    out = []
    for t in sent:
        lem = t.lemma_.lower()
        if t.pos_ not in {"VERB", "AUX"} and not t.tag_.startswith("VB"):
            continue
        if (
            lem in {"cancel", "scrap", "nix", "scuttle"}
            or t.lower_ in {"canceled", "cancelled", "scrapped", "scraps"}
            or (lem == "call" and any(c.lower_ == "off" for c in t.children))
        ):
            out.append((t, "cancelled"))
        elif lem in {"postpone", "delay", "reschedule", "defer"} or t.lower_ in {"postponed", "delayed"}:
            out.append((t, "postponed"))
        elif (
            lem in {"push", "move"}
            and any(c.lower_ in {"back", "off"} for c in t.children)
            and not any(c.dep_ == "prep" and c.lower_ in {"on", "against"} for c in t.children)
        ):
            out.append((t, "postponed"))
    return out


def _cue_applies(cue: Token, trigger: Token) -> bool:
    """A status verb speaks of the meeting when one governs the other ("canceled a town hall",
    "the session set for Tuesday has been canceled", "the meeting, which was postponed")."""
    if cue.i == trigger.i:
        return True
    if cue.left_edge.i <= trigger.i <= cue.right_edge.i and trigger in cue.subtree:
        # not when the meeting sits in the cue's own object clause of another verb ("delay enforcement")
        return True
    if (
        trigger.pos_ in {"NOUN", "PROPN"}
        and cue.dep_ in {"relcl", "acl"}
        and trigger.left_edge.i <= cue.i <= trigger.right_edge.i
        and cue in trigger.subtree
    ):
        return True  # "the meeting, which was postponed"
    subj = _subjects(cue)
    return any(s.lower_ in {"it", "that", "this"} for s in subj)


def _date_cost(ent: Span, t: Token) -> int:
    """How far a date expression is from a trigger: tokens, plus penalties outside its clause and for
    dates of a reporting verb ("officials said Monday")."""
    d = min(abs(ent.start - t.i), abs(ent.end - 1 - t.i))
    verb = _clause_verb(t)
    if not (verb.left_edge.i <= ent.start <= verb.right_edge.i):
        d += 20
    heads = [ent.root.head, ent.root.head.head]
    if any(v.lemma_ in SPEECH_VERBS for v in heads) and ent.root.head not in (t, verb):
        d += 10
    return d


def _dates_for(sent: Span, triggers: list[Token]) -> dict[int, list]:
    """Each specific date expression of the sentence, assigned to its nearest trigger."""
    out: dict[int, list] = {t.i: [] for t in triggers}
    for ent in sent.ents:
        if ent.label_ not in {"DATE", "TIME"} or not dates.is_specific(ent.text):
            continue
        costs = [(_date_cost(ent, t), t) for t in triggers]
        cost, best = min(costs, key=lambda c: c[0])
        out[best.i].append((cost, ent))
    for key in out:
        out[key].sort(key=lambda x: x[0])
    return out


# ---- places ---------------------------------------------------------------------------------------


def _venue(sent: Span, frame_tokens: set[int], trigger_ids: set[int]):
    for tok in sent:
        if tok.dep_ != "prep" or not (
            tok.lower_ == "at" or (tok.lower_ == "to" and tok.head.lemma_ in TRAVEL_VERBS)
        ):
            continue
        pobj = [c for c in tok.children if c.dep_ == "pobj"]
        if not pobj:
            continue
        head = pobj[0]
        if head.ent_type_ in {"TIME", "DATE", "PERSON"} or head.like_num or head.i in trigger_ids:
            continue
        if head.lower_ in TRIGGER_NOUNS or head.lemma_ in TRIGGER_NOUNS:
            continue
        if frame_tokens and tok.head.i not in frame_tokens:
            continue
        left = head.left_edge.i
        right = head.i + 1
        span = sent.doc[left:right]
        text = span.text
        for det in ("the ", "a ", "an ", "The "):
            if text.startswith(det):
                text = text[len(det) :]
        if not text or not (text[0].isupper() or any(w in text.lower() for w in VENUE_WORDS)):
            continue
        return text, span
    return None, None


def _venue_city(venue: str | None, span, ctx: PlaceContext):
    if not venue:
        return None
    if span is not None:
        by_tok = ctx.by_token()
        for t in span:
            m = by_tok.get(t.i)
            if m is not None:
                return m.place
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
    return None


def _frame_tokens(trigger: Token, venue_span) -> set[int]:
    """Tokens a place phrase may hang from to locate this meeting: the trigger (and its phrase when it
    is a noun), its clause verbs and their predicates, and the venue."""
    out = {trigger.i}
    if trigger.pos_ in {"NOUN", "PROPN"}:
        out |= {t.i for t in trigger.subtree}
    for v in _verb_chain(trigger):
        if v.lemma_ in SPEECH_VERBS:
            break
        out.add(v.i)
        out |= {c.i for c in v.children if c.dep_ in {"acomp", "dobj", "attr"}}
    if venue_span is not None:
        out |= {t.i for t in venue_span}
    return out


def _hangs_from(prep: Token, allowed: set[int]) -> bool:
    """'in Topeka' in 'travel to the Statehouse in Topeka' / 'meet again in the spring in Lubbock'."""
    if prep.i in allowed:
        return True
    h = prep.head
    for _ in range(3):
        if h.i in allowed:
            return True
        if h.dep_ == "pobj" and h.head.dep_ == "prep" and h.head.head is not h.head:
            h = h.head.head
        else:
            return False
    return False


def _explicit_city(sent: Span, ctx: PlaceContext, trigger: Token, allowed: set[int]):
    best = None
    for m in ctx.mentions:
        if not (sent.start <= m.start < sent.end):
            continue
        k = m.start - 1
        if k >= 0 and sent.doc[k].lower_ == "downtown":
            k -= 1
        prev = sent.doc[k] if k >= 0 else None
        if prev is None or prev.lower_ not in {"in", "to", "at"}:
            continue
        if not _hangs_from(prev, allowed):
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
    return best[1].place if best else None


def _state_cue(sent: Span, allowed: set[int]) -> str | None:
    """'at Union Station, on the Missouri side' / 'in Missouri': a state named in a place phrase of the
    meeting."""
    for tok in sent:
        if tok.dep_ != "prep" or tok.lower_ not in {"on", "in"} or tok.head.i not in allowed:
            continue
        for t in tok.subtree:
            code = STATE_NAME_TO_CODE.get(t.text)
            if code and t.ent_type_ in {"GPE", "NORP", "LOC", ""}:
                nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
                if nxt is not None and nxt.lower_ in {"city", "county"}:
                    continue
                return code
    return None


# ---- kind -----------------------------------------------------------------------------------------

# What a trigger noun calls the gathering ("sit-down" is a meeting; "forums" one forum).
KIND_NOUNS = {
    "meeting": "meeting",
    "summit": "summit",
    "hearing": "hearing",
    "session": "session",
    "roundtable": "roundtable",
    "talks": "talks",
    "forum": "forum",
    "sit-down": "meeting",
    "visit": "visit",
    "conference": "conference",
    "retreat": "retreat",
    "briefing": "briefing",
    "town hall": "town hall",
}
# Modifiers that say what sort of gathering it is ("closed-door talks", "listening session").
KIND_MODIFIERS = {"public", "closed-door", "private", "listening", "work", "community", "joint", "virtual"}
# A deliberative body as the kind names it: "the school board voted" -> "board meeting".
BODY_WORDS = {
    "council": "council",
    "aldermen": "council",
    "alderpersons": "council",
    "councillors": "council",
    "councilors": "council",
    "board": "board",
    "trustees": "board",
    "supervisors": "board",
    "commission": "commission",
    "commissioners": "commission",
    "committee": "committee",
    "subcommittee": "committee",
    "legislature": "legislative",
}
_POSS_PRONOUNS = {"its", "their"}


def _body_word(tok: Token) -> str | None:
    """The body a noun names, looking through 'the Common Council's Public Safety Committee' to the
    committee."""
    for _ in range(2):
        if tok.dep_ in {"poss", "compound"} and _is_body_noun(tok.head):
            tok = tok.head
    return BODY_WORDS.get(tok.lower_) or BODY_WORDS.get(tok.lemma_.lower())


def _first_body(tokens) -> str | None:
    for t in tokens:
        if _is_body_noun(t):
            word = _body_word(t)
            if word:
                return word
    return None


def _body_with_kind(body: str, base: str) -> str:
    if body == "legislative":
        return "legislative session" if base in {"meeting", "session"} else f"legislative {base}"
    return f"{body} {base}"


def _noun_body(tok: Token) -> str | None:
    """The body whose gathering a trigger noun names: 'council meeting', 'the council's meeting', 'session
    of the City Council', 'Committee of the Whole session', 'hearing before the committee', 'at its
    meeting, the council voted', 'the council will hold its hearing'."""
    np = _np_head(tok)
    if np is not tok and _is_body_noun(np):
        return _body_word(np)
    cands = []
    for t in (tok, np):
        for c in t.children:
            if c.dep_ in {"compound", "poss", "nmod"} and c.i < t.i:
                cands += [g for g in c.subtree if g.dep_ in {"compound", "poss", "nmod"} or g.i == c.i]
            elif c.dep_ == "prep" and c.lower_ in {"of", "before"}:
                cands += [g for g in c.children if g.dep_ == "pobj"]
    found = _first_body(cands)
    if found:
        return found
    verb = np.head if np.dep_ in {"dobj", "nsubjpass", "pobj"} else None
    if verb is not None and verb.dep_ == "prep":
        verb = verb.head
    if verb is None or not (verb.pos_ in {"VERB", "AUX"} or verb.tag_.startswith("VB")):
        return None
    lemma = verb.lemma_.lower()
    before = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "before" for g in c.children]
    found = _first_body(before)
    if found:
        return found
    own = any(c.dep_ == "poss" and c.lower_ in _POSS_PRONOUNS for c in tok.children)
    if own or lemma in HOLD_VERBS or lemma in BODY_ACTS:
        return _first_body(_subjects(verb))
    return None


def _kind_modifiers(tok: Token) -> list[str]:
    out = []
    for c in tok.lefts:
        if c.dep_ in {"amod", "compound", "nmod", "advmod"}:
            text = tok.doc[c.left_edge.i : c.i + 1].text.lower()
            if text in KIND_MODIFIERS and text not in out:
                out.append(text)
    return out


def _noun_kind(tok: Token) -> str | None:
    doc = tok.doc
    low = tok.lower_
    if low == "hall" and tok.i > 0 and doc[tok.i - 1].lower_ == "town":
        return "town hall"
    if low == "meeting" and tok.i > 1 and doc[tok.i - 1].lower_ == "hall" and doc[tok.i - 2].lower_ == "town":
        return "town hall"
    base = KIND_NOUNS.get(low) or KIND_NOUNS.get(tok.lemma_.lower())
    if base is None:
        if tok.lemma_.lower() == "vote":
            body = _noun_body(tok)
            return _body_with_kind(body, "meeting") if body else "vote"
        return None
    mods = _kind_modifiers(tok)
    if base == "session" and mods:
        return " ".join(mods + [base])
    if base == "hearing":
        body = _noun_body(tok)
        if body in {"committee", "legislative"} or (body and "public" not in mods):
            return _body_with_kind(body, base)
        return "public hearing" if "public" in mods else base
    if base in {"meeting", "session"}:
        body = _noun_body(tok)
        if body:
            return _body_with_kind(body, "meeting")
    return " ".join(mods + [base])


def _verb_kind(tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    if lemma in PARTICIPATION or lemma == "take" and any(c.lower_ == "part" for c in tok.children):
        for c in tok.children:
            if c.dep_ == "dobj" and (
                c.lower_ in TRIGGER_NOUNS or c.lemma_ in TRIGGER_NOUNS or c.lower_ == "hall"
            ):
                return _noun_kind(c)
        return None
    if lemma in TRAVEL_VERBS:
        return "visit"
    if lemma == "testify":
        before = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "before" for g in c.children]
        body = _first_body(before)
        return _body_with_kind(body, "hearing") if body else "hearing"
    if lemma in ADDRESS_VERBS:
        body = _first_body([c for c in tok.children if c.dep_ in {"dobj", "dative"}])
        if body:
            return _body_with_kind(body, "hearing" if body in {"committee", "legislative"} else "meeting")
    body = _first_body(_subjects(tok))
    if body and (lemma in BODY_ACTS or lemma in TRIGGER_VERBS or lemma == "take"):
        return _body_with_kind(body, "meeting")
    if lemma in TRIGGER_VERBS or lemma == "sit":
        if any(c.lower_ == "privately" for c in tok.children) or any(
            c.dep_ == "prep" and c.lower_ == "behind" and any(g.lower_ == "doors" for g in c.subtree)
            for c in tok.children
        ):
            return "closed-door meeting"
        return "meeting"
    return None


def _kind_rank(tok: Token, kind: str | None) -> int:
    """How much a kind says: a plain 'meeting' (or a trip: 'headed to the capital') least, a verb's guess
    ('testified': a hearing) less than what a trigger noun or a body names."""
    if kind is None:
        return -1
    if kind == "meeting" or (kind == "visit" and not _is_noun(tok)):
        return 0
    if tok.pos_ in {"NOUN", "PROPN"} or kind.endswith(("meeting", "hearing")) and " " in kind:
        return 2
    return 1


def _frame_kind(group: list[Token]) -> tuple[str | None, int]:
    best: tuple[str | None, int] = (None, -1)
    for tok in group:
        kind = _noun_kind(tok) if tok.pos_ in {"NOUN", "PROPN"} or tok.tag_ == "NN" else _verb_kind(tok)
        rank = _kind_rank(tok, kind)
        if rank > best[1]:
            best = (kind, rank)
    return best


def _meeting_kind(m: Meeting) -> str:
    """The most telling kind among the meeting's introductions, then its back-references."""
    best = None
    for n, f in enumerate(m.frames):
        if f.kind is None:
            continue
        key = (f.kind_rank, 1 if f.new else 0, -n)
        if best is None or key > best[0]:
            best = (key, f.kind)
    return best[1] if best else "meeting"


# ---- purpose --------------------------------------------------------------------------------------


def _in_quotes(sent: Span, tok: Token) -> bool:
    before = sent.doc.text[sent.start_char : tok.idx]
    return (before.count('"') + before.count("“") - before.count("”")) % 2 == 1


PURPOSE_WORDS = 12  # a purpose is cut to about this many words, at a phrase boundary
_CLIP_DROP_DEPS = {"relcl", "acl", "advcl", "appos", "npadvmod", "parataxis"}
_CLIP_DROP_PREPS = {"along", "with", "during", "after", "before", "at", "in"}
# Words a phrase cannot end on, and dependents a cut must not separate from their head.
_TRAILING_DEPS = {"cc", "det", "prep", "aux", "auxpass", "mark", "poss", "case", "amod", "compound", "nummod"}
_COMPLEMENTS = {"dobj", "pobj", "pcomp", "xcomp", "ccomp", "attr", "acomp", "oprd", "dative", "prt", "agent"}
_CONTENT_POS = {"NOUN", "PROPN", "NUM"}
# "a summit focused on X", "a session aimed at X"
FOCUS_VERBS = {"focus", "center", "centre", "aim", "devote", "dedicate", "gear"}
TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning"}
# Verbs whose "on"/"over" phrase is a topic rather than a place ("testify on", "talk over").
TOPIC_VERBS = {"testify", "vote", "talk", "speak", "comment", "negotiate", "deliberate", "hear"}
# "the plan will get its first public hearing": the subject is what the gathering is about.
TOPIC_GETTERS = {"get", "receive", "face"}
_PLACE_ENTS = {"GPE", "LOC", "FAC", "ORG"}


def _drop_set(head: Token, keep: Token | None = None, avoid: int | None = None) -> set[int]:
    """Words of the head's subtree a purpose leaves out: relative clauses and side remarks, dates
    ('on Tuesday', but not 'daytime camping'), company ('along with the governor'), where ('at City
    Hall') and the phrase holding ``avoid`` (the meeting itself: 'the budget at a town hall')."""
    drop: set[int] = set()
    is_verb = head.pos_ in {"VERB", "AUX"}
    for t in head.subtree:
        if t.i in drop or t.i == head.i or (keep is not None and t.i == keep.i):
            continue
        objs = [c for c in t.children if c.dep_ == "pobj"] if t.dep_ == "prep" else []
        if (
            t.dep_ in _CLIP_DROP_DEPS - {"npadvmod"}
            or (
                t.dep_ == "npadvmod"
                and t.head.pos_ in {"VERB", "AUX"}
                and not (t.i + 1 < len(t.doc) and t.doc[t.i + 1].text == "-")
            )
            or (
                t.ent_type_ in {"DATE", "TIME"}
                and not (
                    t.dep_ in {"compound", "amod", "nmod", "poss"}
                    and t.head.ent_type_ not in {"DATE", "TIME"}
                )
            )
            or (objs and t.lower_ in _CLIP_DROP_PREPS and t.head.i == head.i and is_verb)
            or (objs and t.lower_ in {"at", "in"} and all(o.ent_type_ in _PLACE_ENTS for o in objs))
            or (objs and any(o.ent_type_ in {"PERSON", "DATE", "TIME"} for o in objs))
            or (t.dep_ == "prep" and avoid is not None and t.left_edge.i <= avoid <= t.right_edge.i)
            or (t.dep_ == "advmod" and t.head.i == head.i)
        ):
            drop |= {d.i for d in t.subtree}
    return drop


def _words(head: Token, drop: set[int]) -> tuple[list[Token], int]:
    """The kept words from the head (from its left edge for a noun or a clause object), and how many of
    them run on without a gap or a break (';', ':', a dash)."""
    clause_object = head.dep_ in {"pcomp", "pobj", "ccomp"}  # "focused on what several called X"
    first = head.i if head.pos_ in {"VERB", "AUX"} and not clause_object else head.left_edge.i
    words = [t for t in head.subtree if t.i >= first and t.i not in drop and not t.is_space]
    brk = len(words)
    for n in range(1, len(words)):
        if words[n].i != words[n - 1].i + 1 or words[n].text in {";", ":", "—", "–", "("}:
            brk = n
            break
    return words, brk


def _cut_ok(words: list[Token], p: int, strict: bool = True) -> bool:
    """Ending the phrase after its first p words leaves no phrase open: no word before the end depends
    on one after it (a determiner or modifier whose noun is cut off, a subject whose verb is), no word
    before it loses its object, the end is not inside a name, and the last word can end a phrase.
    ``strict`` also keeps a list together ("farms, schools and small businesses")."""
    last = words[p - 1]
    if last.is_punct or last.dep_ in _TRAILING_DEPS or last.lower_ in {"that", "which", "who", "to"}:
        return False
    if p >= len(words):
        return True
    after = {t.i for t in words[p:]}
    before = {t.i for t in words[:p]}
    for t in words[:p]:
        if t.head.i in after:
            return False
        if any(c.i in after and c.dep_ in _COMPLEMENTS for c in t.children):
            return False
    if strict and any(t.dep_ in {"conj", "cc"} and t.head.i in before for t in words[p:]):
        return False
    return words[p].ent_iob_ != "I"


def _cut(words: list[Token], brk: int, limit: int) -> list[Token]:
    """The longest well-formed phrase of at most ``limit`` words (a little more to keep a list or a
    clause whole) within the first ``brk`` words."""
    counts = []
    n = 0
    for t in words[:brk]:
        n += 0 if t.is_punct else 1
        counts.append(n)
    ends = range(brk, 0, -1)

    def first(most: int, strict: bool, least: int = 0) -> int | None:
        return next((p for p in ends if least <= counts[p - 1] <= most and _cut_ok(words, p, strict)), None)

    # a whole phrase of about the limit, else a longer one, else a list cut short, else anything
    p = (
        first(limit + 2, True, limit // 2)
        or first(limit + 4, True, limit // 2)
        or first(limit, False, limit // 2)
        or first(limit + 2, True)
        or first(2 * limit, True)
    )
    if p:
        return words[:p]
    return []


def _phrase(head: Token, limit: int = PURPOSE_WORDS, avoid: int | None = None) -> str:
    """A short, readable rendering of a purpose phrase: the head's subtree without side remarks, dates
    and company ("along with the governor"), ended at a phrase boundary near ``limit`` words. A relative
    or purpose clause right after a short phrase stays: "push a bill that would create a bonus"."""
    drop = _drop_set(head, avoid=avoid)
    words, brk = _words(head, drop)
    if words and brk <= 5:
        nxt = words[brk - 1].i + 1
        for t in head.subtree:
            if (
                t.i in drop
                and t.left_edge.i == nxt
                and (
                    t.dep_ in {"relcl", "acl"}
                    or (t.dep_ == "advcl" and any(c.lower_ == "to" for c in t.children))
                )
                and t.ent_type_ not in {"DATE", "TIME"}
            ):
                words, brk = _words(head, _drop_set(head, keep=t, avoid=avoid))
                break
    run = _cut(words, brk, limit) if words else []
    if not any(t.pos_ in _CONTENT_POS for t in run if t.i != head.i or head.pos_ != "VERB"):
        return ""  # "talk about something", "take it up"
    return head.doc[run[0].i : run[-1].i + 1].text.strip(" ,.")


def _topic(prep: Token) -> Token | None:
    for o in prep.children:
        if o.dep_ in {"pobj", "pcomp"} and o.ent_type_ not in {"DATE", "TIME", "GPE", "LOC", "FAC"}:
            return o
    return None


def _is_noun(tok: Token) -> bool:
    return tok.pos_ in {"NOUN", "PROPN"} or tok.tag_ == "NN"


def _governing_verb(tok: Token) -> tuple[Token | None, bool, list[Token]]:
    """The verb a trigger noun hangs from ('hold the first of several forums', 'questions at a town hall
    meeting'), whether the noun is its object, and the topic prepositions on the way up ('heard from
    residents about crime at a listening session')."""
    np = _np_head(tok)
    if np.dep_ == "pobj" and np.head.lower_ == "of" and np.head.head.lower_ in ORDINALS:
        np = np.head.head  # "the first of several forums"
    if np.dep_ == "dobj":
        return np.head, True, []
    t = np
    passed = []
    for _ in range(3):
        if t.dep_ == "pobj" and t.head.dep_ == "prep":
            if t.i != np.i and t.head.lower_ in TOPIC_PREPS - {"on", "over"}:
                passed.append(t.head)
            t = t.head.head
            if t.pos_ in {"VERB", "AUX"}:
                return t, False, passed
        else:
            break
    return None, False, []


def _topic_phrases(tok: Token, label: str) -> list[str]:
    """'summit focused on X', 'hearing on X', 'talks over X', 'met with them about X', 'a plan that gets
    its first hearing', for one trigger, labelled with its kind."""
    out = []
    preps = []
    focus = []
    if _is_noun(tok):
        preps += [c for c in tok.children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS]
        focus += [c for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in FOCUS_VERBS]
        verb, is_object, passed = _governing_verb(tok)
        preps += passed
        if verb is not None and verb.lemma_ not in SPEECH_VERBS:
            # "hold a hearing on X": the topic often hangs from the verb
            topical = TOPIC_PREPS if is_object and verb.lemma_ in HOLD_VERBS else TOPIC_PREPS - {"on", "over"}
            preps += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in topical]
            for v in _verb_chain(verb):
                if v.lemma_ in SPEECH_VERBS:
                    break
                focus += [c for c in v.children if c.dep_ == "advcl" and c.lemma_.lower() in FOCUS_VERBS]
            if is_object and verb.lemma_.lower() in TOPIC_GETTERS:
                subj = [s for s in verb.children if s.dep_ == "nsubj" and s.pos_ in {"NOUN", "PROPN"}]
                if subj:
                    text = _phrase(subj[0], PURPOSE_WORDS - 2)
                    if text:
                        out.append(f"{label} on {text[0].lower() + text[1:]}")
    else:
        topical = TOPIC_PREPS if tok.lemma_.lower() in TOPIC_VERBS else TOPIC_PREPS - {"on", "over"}
        preps += [c for c in tok.children if c.dep_ == "prep" and c.lower_ in topical]
        focus += [c for c in tok.children if c.dep_ == "advcl" and c.lemma_.lower() in FOCUS_VERBS]
    for f in focus:
        for p in f.children:
            if p.dep_ == "prep" and p.lower_ in {"on", "at", "around", "to"}:
                obj = _topic(p)
                text = _phrase(obj, PURPOSE_WORDS - 3, avoid=tok.i) if obj is not None else ""
                if text:
                    out.insert(0, f"{label} {f.text} {p.text} {text}")
    for p in preps:
        obj = _topic(p)
        text = _phrase(obj, PURPOSE_WORDS - 2, avoid=tok.i) if obj is not None else ""
        if text:
            out.append(f"{label} {p.text} {text}")
    return out


def _purpose(
    sent: Span, trigger: Token, group: list[Token] | None = None, introduces: bool = True
) -> str | None:
    """The 'to discuss X' clause attached to the meeting's triggers (or their clause), else a topic
    phrase of a trigger ('hearing on X', 'summit focused on X'), else what a body did ('advance an
    ordinance'), else 'met with the minister, pressing the province for money'."""
    group = group or [trigger]
    ids = {g.i for g in group}
    anchors = ids | {v.i for v in _verb_chain(trigger) if v.lemma_ not in SPEECH_VERBS}
    cands = []
    for tok in sent:
        if (
            tok.tag_ != "VB"
            or tok.i == trigger.i
            or not any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children)
            or _in_quotes(sent, tok)
        ):
            continue
        if tok.lemma_ == "take" and not any(c.lower_ in {"vote", "questions"} for c in tok.subtree):
            continue
        listed = tok.lemma_ in PURPOSE_VERBS
        direct = tok.head.i in ids and tok.dep_ in {"advcl", "xcomp", "acl", "relcl"}
        if not (listed or direct) or tok.lemma_ in {"be", "have", "say"}:
            continue
        attached = tok.head.i in anchors or (
            tok.head.head.i in anchors and tok.head.dep_ in {"xcomp", "advcl"}
        )
        if not attached and tok.dep_ not in {"advcl", "xcomp", "acl", "relcl"}:
            continue
        cands.append((0 if attached else 1, 0 if listed else 1, abs(tok.i - trigger.i), tok))
    if cands:
        cands.sort(key=lambda c: c[:3])
        tok = cands[0][3]
        text = _phrase(tok)
        if text:
            if tok.head.i in ids and tok.head.lemma_ == "vote" and not _is_noun(tok.head):
                return f"vote to {text}"  # "the board voted to study closing two schools"
            return text
    for g in group:
        if _is_noun(g):
            label = _noun_kind(g) or g.lemma_.lower()
        else:
            label = "vote" if g.lemma_ == "vote" else _verb_kind(g) or "meeting"
        phrases = _topic_phrases(g, label)
        if phrases:
            return phrases[0]
    for g in group:
        if _is_noun(g) or g.lemma_ not in BODY_ACTS - {"meet", "convene", "vote"} and g.lemma_ != "take":
            continue
        if not any(c.dep_ == "dobj" for c in g.children) or not _subjects(g):
            continue
        text = _phrase(g)
        if text and " " in text:
            return g.lemma_ + text[len(g.text) :]  # "advanced an ordinance" -> "advance an ordinance"
    if introduces and not _is_noun(trigger):
        # "met with the minister, pressing the province for money"
        for c in trigger.children:
            if c.dep_ in {"advcl", "xcomp"} and c.tag_ == "VBG" and not _in_quotes(sent, c):
                text = _phrase(c)
                if text:
                    return text
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


# ---- bodies -----------------------------------------------------------------------------------------


def _body_kind(tok: Token, doc_lower: str, place_at: dict) -> tuple[str, frozenset, str | None] | None:
    """'the Springfield City Council' -> ('council', mods, 'Springfield'); committees, school boards,
    county commissions and legislative committees likewise."""
    low = tok.lower_ if tok.lower_ in BODY_NOUNS else tok.lemma_.lower()
    mods = set()
    words = set()
    for c in tok.lefts:
        if c.dep_ in {"compound", "amod", "poss", "nmod"}:
            for t in c.subtree:
                words.add(t.lower_)
                if (
                    c.dep_ != "poss"
                    and t.pos_ in {"NOUN", "PROPN", "ADJ"}
                    and t.lower_ not in {"city", "full", "joint"}
                ):
                    mods.add(t.lower_)
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in {"on", "of"} and tok.lower_.startswith("committee"):
            for t in c.subtree:
                words.add(t.lower_)
                if t.pos_ in {"NOUN", "PROPN", "ADJ"}:
                    mods.add(t.lower_)
    city = None
    for c in tok.subtree:
        if c.i < tok.i and c.i in place_at and place_at[c.i].place is not None:
            city = place_at[c.i].place.name
            break
    if low in {"committee", "subcommittee"}:
        if words & {"senate"}:
            return ("senate", frozenset(mods - {"senate", "state"}), None)
        if words & {"house", "assembly"}:
            return ("house", frozenset(mods - {"house", "assembly", "state"}), None)
        return ("committee", frozenset(mods), city)
    if low == "legislature":
        return ("legislature", frozenset(), None)
    if low in {"council", "aldermen", "alderpersons", "councillors", "councilors"}:
        if "county" in words:
            return ("county", frozenset(), None)
        return ("council", frozenset(), city)
    if low in {"commission", "commissioners"}:
        if "county" in words or ("county commission" in doc_lower and "city council" not in doc_lower):
            return ("county", frozenset(), None)
        return ("council", frozenset(), city)
    if low in {"board", "trustees"}:
        if "county" in words or "supervisors" in words:
            return ("county", frozenset(), None)
        if (
            words & {"school", "education"}
            or "school board" in doc_lower
            or "board of education" in doc_lower
        ):
            return ("school", frozenset(), None)
        return None
    if low == "supervisors":
        return ("county", frozenset(), None)
    return None


def _frame_bodies(trigger: Token, doc_lower: str, place_at: dict) -> list:
    """Bodies whose session the trigger describes: its subject ('the council voted'), its own phrase
    ('council meeting', 'session of the City Council'), and whom it is with/before ('with members of the
    City Council', 'before the Public Safety Committee')."""
    cands: list[Token] = []
    verbs = [v for v in _verb_chain(trigger) if v.lemma_ not in SPEECH_VERBS][:2]
    if trigger.pos_ in {"VERB", "AUX"} or trigger.tag_.startswith("VB"):
        cands += _subjects(trigger)
        cands += [c for c in trigger.children if c.dep_ in {"dobj", "dative"}]
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ in {"with", "before"}:
                cands += [t for t in c.subtree]
    else:
        np = _np_head(trigger)
        cands += [t for t in np.subtree]
        if trigger.dep_ in {"dobj", "pobj", "nsubj", "nsubjpass"}:
            for v in verbs[:1]:
                for c in v.children:
                    if c.dep_ == "prep" and c.lower_ in {"with", "before"}:
                        cands += list(c.subtree)
                if v.lemma_ in BODY_ACTS or v.lemma_ in HOLD_VERBS:
                    cands += _subjects(v)
    out = []
    seen = set()
    for t in cands:
        if t.i in seen or not _is_body_noun(t):
            continue
        seen.add(t.i)
        if t.head.lemma_ in {"chair", "member", "president"} and t.dep_ == "compound":
            continue
        if t.dep_ in {"poss", "compound"} and _is_body_noun(t.head):
            continue  # "the Common Council's Public Safety Committee" is the committee
        kind = _body_kind(t, doc_lower, place_at)
        if kind is not None:
            out.append(kind)
    return out


_MEMBER_TITLES = {
    "council": {
        "Council Member",
        "Alderperson",
        "Councillor",
        "Council President",
        "Mayor Pro Tem",
        "Commissioner",
        "Council Leader",
    },
    "county": {
        "County Commissioner",
        "Commission Chairman",
        "Commission Chair",
        "County Commission Chair",
        "County Commission Chairman",
        "County Board Chair",
        "County Mayor",
        "County Judge",
    },
    "school": {"School Board Chair", "School Board Member", "School Board President", "Superintendent"},
    "senate": {"State Senator", "Senate President", "Senate Majority Leader"},
    "house": {"State Representative", "Speaker", "House Majority Leader"},
    "legislature": {"State Senator", "State Representative", "Senate President", "Speaker"},
}
_BODY_HEADS = {"council": {"Mayor"}}


# ---- people -----------------------------------------------------------------------------------------


def _title_references(doc: Doc, finder: OfficialFinder, people: list) -> dict[int, str]:
    """'the mayor', 'the Cleveland mayor', 'the lieutenant governor' -> the one named official with that
    title (token index of the title -> name)."""
    by_title: dict[str, list] = {}
    for p in people:
        by_title.setdefault(p.title.canonical, []).append(p)
    home = finder.ctx.home.name if finder.ctx.home else None
    place_at = finder.ctx.by_token()
    taken = set().union(*(p.tokens for p in people)) if people else set()
    out = {}
    for tspan in finder.titles:
        if tspan.label_ in PLURAL_TITLES:
            continue
        t = finder._title_of(tspan)
        if t is None:
            continue
        nxt = doc[tspan.end] if tspan.end < len(doc) else None
        if nxt is not None and (nxt.i in taken or nxt.lower_ in {"of", "'s", "’s"} or nxt.text[:1].isupper()):
            continue
        k = tspan.start - 1
        city = None
        if k >= 0 and k in place_at:
            city = place_at[k].place.name if place_at[k].place else None
            k = place_at[k].start - 1
        if k < 0 or doc[k].lower_ not in {"the"}:
            continue
        cands = by_title.get(t.canonical, [])
        if city:
            cands = [p for p in cands if p.juris == city]
        elif len(cands) > 1 and home:
            cands = [p for p in cands if p.juris == home] or cands
        if len(cands) == 1:
            for i in range(tspan.start, tspan.end):
                out[i] = cands[0].name
    return out


def _sentence_people(sent: Span, people, title_refs: dict[int, str]) -> list[tuple[int, str]]:
    out = []
    seen = set()
    for p in people:
        toks = [i for i in p.tokens if sent.start <= i < sent.end]
        if toks:
            out.append((min(toks), p.name))
            seen.add(p.name)
    for i, name in title_refs.items():
        if sent.start <= i < sent.end and name not in seen:
            out.append((i, name))
            seen.add(name)
    return sorted(out)


# ---- main -----------------------------------------------------------------------------------------


def _body_sentences(doc: Doc):
    headline_end = doc.text.find("\n")
    for sent in doc.sents:
        if sent.end_char <= headline_end or not sent.text.strip():
            continue
        if sent.start_char < headline_end:
            rest = sent.text[headline_end - sent.start_char :]
            body_start = headline_end + len(rest) - len(rest.lstrip())
            sent = doc.char_span(body_start, sent.end_char, alignment_mode="expand")
            if sent is None or not sent.text.strip():
                continue
        yield sent


def _compatible(m: Meeting, f: Frame) -> bool:
    return (
        (f.future is None or m.future is None or f.future == m.future)
        and (f.date is None or m.date is None or f.date == m.date)
        and (f.city is None or m.city is None or f.city == m.city)
    )


def find_meetings(
    doc: Doc, ctx: PlaceContext, finder: OfficialFinder, published: dt.date | None
) -> list[MeetingMention]:
    reference = published
    same_day = False
    if reference is None and ctx.dateline is not None and ctx.dateline.date is not None:
        reference, same_day = ctx.dateline.date, True
    people = [p for p in finder.people.values() if p.title is not None]
    unnamed_all = finder.find_unnamed()
    title_refs = _title_references(doc, finder, people)
    doc_lower = finder.lower
    meetings: list[Meeting] = []
    current: Meeting | None = None
    sents = list(_body_sentences(doc))
    for sent in sents:
        low = sent.text.lower()
        if any(p in low for p in NEGATIVE_PHRASES):
            continue
        found = []
        for tok in sent:
            res = _is_trigger(tok)
            if res:
                found.append(Frame(sent, tok, new=res[1]))
        if not found:
            continue
        frames = _sentence_frames(sent, found, ctx, reference, same_day, doc_lower)
        if not frames:
            continue
        targets = []
        for frame in frames:
            target = _target(frame, meetings, current)
            if target is None:
                continue
            _merge(target, frame, sent)
            targets.append((frame, target))
        if not targets:
            continue
        _assign(targets, sent, people, title_refs, unnamed_all)
        for frame, target in targets:
            prior = target.again_prior
            if frame.again and prior is not None and not target.participants and not target.unnamed:
                # "The three will meet again": the same group as before.
                target.participants = list(prior.participants)
                target.unnamed = list(prior.unnamed)
        current = targets[0][1]
    out = []
    # Past meetings first, then upcoming ones (each group in order of first mention).
    meetings.sort(key=lambda m: 0 if (m.status is None and m.future is False) else 1)
    for m in meetings:
        _body_members(m, people, sents, ctx.home)
        if not m.participants and not m.unnamed:
            continue
        status = m.status or ("held" if m.future is False else "scheduled")
        city = m.city or ctx.home
        if m.state_cue and city is not None and city.state != m.state_cue:
            alt = [p for p in lookup_city(city.name) if p.state == m.state_cue]
            if alt:
                city = alt[0]
        purpose_frame = _purpose_frame(m)
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
                topic_keywords=_keywords(m.purpose, purpose_frame.sent) if purpose_frame else (),
                purpose=m.purpose,
                kind=_meeting_kind(m),
                evidence=tuple(sorted(set(m.sents))),
                date_mentions=tuple(m.date_spans),
            )
        )
    return out


def _sentence_frames(sent, found, ctx, reference, same_day, doc_lower) -> list[Frame]:
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
            any(c.lower_ in NEW_CUES for c in trig.children)
            or (trig.pos_ in {"NOUN", "PROPN"} and trig.dep_ == "pobj" and trig.head.head.lower_ in ORDINALS)
        )
        f.future = _tense(trig, sent, anaphor=not f.new)
    cues = _status_cues(sent)
    for f in candidates:
        for cue, status in cues:
            if _cue_applies(cue, f.trigger):
                f.status = status
                f.status_modal = bool(_modal(cue) & (HYPOTHETICAL_MODALS | {"will"}))
                f.future = True
                break
    frames = [primary]
    for f in candidates[1:]:
        differs = any(
            (f.future is not None and g.future is not None and f.future != g.future) or (f.status != g.status)
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
    date_map = _dates_for(sent, [f.trigger for f in frames])
    trigger_ids = {f.trigger.i for f in found}
    for f in frames:
        ds = date_map.get(f.trigger.i) or []
        if ds:
            ent = ds[0][1]
            f.date_text = ent.text
            f.date_span = (ent.start_char, ent.end_char)
            f.date = dates.resolve(ent.text, reference, f.future, same_day_ok=same_day)
        base = _frame_tokens(f.trigger, None)
        f.venue, vspan = _venue(sent, base, trigger_ids)
        allowed = _frame_tokens(f.trigger, vspan)
        f.city = _venue_city(f.venue, vspan, ctx) or _explicit_city(sent, ctx, f.trigger, allowed)
        f.state_cue = _state_cue(sent, allowed)
        group = groups[f.trigger.i]
        f.kind, f.kind_rank = _frame_kind(group)
        f.purpose = _purpose(sent, f.trigger, group, f.new)
        f.bodies = _frame_bodies(f.trigger, doc_lower, ctx.by_token())
    return frames


def _target(frame: Frame, meetings: list[Meeting], current: Meeting | None) -> Meeting | None:
    if frame.new:
        target = None
        if not frame.force_new:
            for m in reversed(meetings):
                if _compatible(m, frame):
                    target = m
                    break
        if target is None:
            target = Meeting()
            if frame.again:
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
            or frame.date is not None
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


def _assign(targets, sent: Span, people, title_refs, unnamed_all) -> None:
    """Merge each frame into its meeting; people go to the nearest trigger of the sentence."""
    negated = {t.i for t in sent if t.dep_ == "neg" and t.head.lemma_ in PARTICIPATION}
    present = [] if negated else _sentence_people(sent, people, title_refs)
    for i, name in present:
        frame, m = min(targets, key=lambda fm: abs(fm[0].trigger.i - i))
        if name not in m.participants:
            m.participants.append(name)
    primary = targets[0][1]
    for u in unnamed_all:
        if (
            any(ev[0] >= sent.start_char and ev[1] <= sent.end_char for ev in u.evidence)
            and u not in primary.unnamed
        ):
            primary.unnamed.append(u)


def _merge(m: Meeting, f: Frame, sent: Span) -> None:
    m.frames.append(f)
    m.sents.append((sent.start_char, sent.end_char))
    m.sent_starts.add(sent.start)
    if f.status:
        if not (m.status == "cancelled" and f.status == "postponed" and f.status_modal):
            m.status = f.status
    if m.future is None and (f.new or not m.frames[:-1]):
        m.future = f.future
    if m.date is None and f.date is not None:
        m.date = f.date
    if m.date_text is None and f.date_text:
        m.date_text = f.date_text
    if f.date_span:
        m.date_spans.append(f.date_span)
    if m.city is None and f.city is not None:
        m.city = f.city
    if m.state_cue is None and f.state_cue:
        m.state_cue = f.state_cue
    if m.venue is None and f.venue:
        m.venue = f.venue


def _purpose_frame(m: Meeting) -> Frame | None:
    """The purpose comes from the meeting's own introduction: prefer a frame whose sentence carries the
    participants or the venue, then any introduction, then any frame."""
    with_purpose = [f for f in m.frames if f.purpose]
    if not with_purpose:
        return None
    names = set(m.participants)

    def rank(f: Frame):
        has_people = any(t.ent_type_ == "PERSON" for t in f.sent) and bool(names)
        return (0 if f.new else 1, 0 if (has_people or f.venue) else 1)

    return sorted(with_purpose, key=rank)[0]


def _body_members(m: Meeting, people, sents: list[Span], home_place) -> None:
    """A council/commission/board session: the named members of that body are participants. For a
    committee, only members tied to it: named in its sentences, in the sentence right after, or in a
    sentence naming the same committee."""
    pf = _purpose_frame(m)
    m.purpose = pf.purpose if pf else None
    bodies = [b for f in m.frames for b in f.bodies]
    if not bodies:
        return
    home = m.city.name if m.city is not None else (home_place.name if home_place is not None else None)
    for kind, mods, city in bodies:
        wanted = set(_MEMBER_TITLES.get(kind if kind != "committee" else "council", ()))
        if kind == "council":
            wanted |= _BODY_HEADS["council"]
        body_city = city
        for p in people:
            if p.title.canonical not in wanted or p.name in m.participants:
                continue
            if kind in {"council", "committee"} and p.title.level == "city":
                place = body_city or home
                if place and p.juris and p.juris != place:
                    continue
            if kind == "committee" and not _tied_to_committee(p, m, mods, sents):
                continue
            m.participants.append(p.name)


def _tied_to_committee(p, m: Meeting, mods: frozenset, sents: list[Span]) -> bool:
    idx = {s.start: n for n, s in enumerate(sents)}
    near = set()
    for start in m.sent_starts:
        n = idx.get(start)
        if n is None:
            continue
        near.add(n)
        if n + 1 < len(sents):
            near.add(n + 1)
    for n, s in enumerate(sents):
        if not any(s.start <= i < s.end for i in p.tokens):
            continue
        if n in near:
            return True
        for t in s:
            if t.lemma_.lower() in {"committee", "subcommittee"}:
                other = {
                    c.lower_
                    for c in t.lefts
                    if c.dep_ in {"compound", "amod"} and c.pos_ in {"NOUN", "PROPN", "ADJ"}
                }
                if other <= set(mods):
                    return True
    return False
