"""Where a meeting is: its venue ("at the Statehouse") and city.

``locate`` takes the place phrases that hang from the trigger, its clause verbs or the venue: the venue's
own city (or the state capital for "the Capitol"), else the nearest "in/to/at <city>", and a state named
in a place phrase ("on the Missouri side") to pick between cities of the same name.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..gazetteer import CAPITALS, STATE_NAME_TO_CODE, lookup_city
from ..places import PlaceContext
from .syntax import verb_chain
from .vocab import SPEECH_VERBS, TRAVEL_VERBS, TRIGGER_NOUNS

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
    for v in verb_chain(trigger):
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


def _named_in(trigger: Token, ctx: PlaceContext):
    """'a Pueblo town hall', 'the Richmond City Council meeting': the town in the meeting's own name."""
    if trigger.pos_ not in {"NOUN", "PROPN"}:
        return None
    by_tok = ctx.by_token()
    for t in trigger.lefts:
        for tok in t.subtree:
            m = by_tok.get(tok.i)
            if m is not None and m.place is not None and t.dep_ in {"compound", "nmod", "amod", "poss"}:
                return m.place
    return None


def locate(sent: Span, trigger: Token, ctx: PlaceContext, trigger_ids: set[int]):
    """(venue, city, state cue) of the meeting ``trigger`` mentions in ``sent``; ``trigger_ids`` are the
    sentence's triggers (never a venue)."""
    base = _frame_tokens(trigger, None)
    venue, vspan = _venue(sent, base, trigger_ids)
    allowed = _frame_tokens(trigger, vspan)
    city = (
        _venue_city(venue, vspan, ctx)
        or _explicit_city(sent, ctx, trigger, allowed)
        or _named_in(trigger, ctx)
    )
    return venue, city, _state_cue(sent, allowed)
