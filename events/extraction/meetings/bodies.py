"""Deliberative bodies whose session a trigger describes.

``frame_bodies`` looks at the trigger's subject ("the council voted"), its own phrase ("council meeting",
"session of the City Council") and whom it is with or before ("before the Public Safety Committee"), and
names each body as (kind, modifiers, city): a city council, county commission, school board, or a
state senate/house/legislative committee. ``participants.add_body_members`` turns them into members.
"""

from __future__ import annotations

from spacy.tokens import Token

from .status import STATUS_VERBS
from .syntax import is_body_noun, np_head, subjects, verb_chain
from .vocab import BODY_ACTS, BODY_NOUNS, CALL_VERBS, HOLD_VERBS, SPEECH_VERBS


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
    if low == "assembly" and words & {"general", "state", "national", "legislative"}:
        return None  # a legislature: its votes are results, not sessions a story describes
    if low == "legislature":
        return ("legislature", frozenset(), None)
    if low == "assembly":  # "the Anchorage Assembly": a city's council
        return ("council", frozenset(), city)
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


def frame_bodies(trigger: Token, doc_lower: str, place_at: dict) -> list:
    """Bodies whose session the trigger describes: its subject ('the council voted'), its own phrase
    ('council meeting', 'session of the City Council'), and whom it is with/before ('with members of the
    City Council', 'before the Public Safety Committee')."""
    cands: list[Token] = []
    verbs = [v for v in verb_chain(trigger) if v.lemma_ not in SPEECH_VERBS][:2]
    if trigger.pos_ in {"VERB", "AUX"} or trigger.tag_.startswith("VB"):
        cands += subjects(trigger)
        cands += [c for c in trigger.children if c.dep_ in {"dobj", "dative"}]
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ in {"with", "before"}:
                cands += [t for t in c.subtree]
    else:
        np = np_head(trigger)
        cands += [t for t in np.subtree]
        if trigger.dep_ in {"dobj", "pobj", "nsubj", "nsubjpass"}:
            for v in verbs[:1]:
                for c in v.children:
                    if c.dep_ == "prep" and c.lower_ in {"with", "before"}:
                        cands += list(c.subtree)
                if v.lemma_ in BODY_ACTS or v.lemma_ in HOLD_VERBS or v.lemma_ in STATUS_VERBS | CALL_VERBS:
                    cands += subjects(v)
    out = []
    seen = set()
    for t in cands:
        if t.i in seen or not is_body_noun(t):
            continue
        seen.add(t.i)
        if t.head.lemma_ in {"chair", "member", "president"} and t.dep_ == "compound":
            continue
        if t.dep_ in {"poss", "compound"} and is_body_noun(t.head):
            continue  # "the Common Council's Public Safety Committee" is the committee
        kind = _body_kind(t, doc_lower, place_at)
        if kind is not None:
            out.append(kind)
    return out
