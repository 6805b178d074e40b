"""What sort of gathering a meeting is: "town hall", "public hearing", "council meeting",
"closed-door meeting".

A kind comes from the trigger nouns and their modifiers, from the body whose gathering the noun names
("session of the City Council") or that acts ("the school board voted": a board meeting), or from the
verb ("testified": a hearing). Each frame keeps its most telling kind, and a meeting the most telling
kind among its introductions, then its back-references.
"""

from __future__ import annotations

from spacy.tokens import Token

from .model import Meeting
from .syntax import is_body_noun, is_noun, np_head, subjects
from .vocab import (
    ADDRESS_VERBS,
    BODY_ACTS,
    HOLD_VERBS,
    PARTICIPATION,
    TRAVEL_VERBS,
    TRIGGER_NOUNS,
    TRIGGER_VERBS,
)

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
        if tok.dep_ in {"poss", "compound"} and is_body_noun(tok.head):
            tok = tok.head
    return BODY_WORDS.get(tok.lower_) or BODY_WORDS.get(tok.lemma_.lower())


def _first_body(tokens) -> str | None:
    for t in tokens:
        if is_body_noun(t):
            word = _body_word(t)
            if word:
                return word
    return None


def _body_before(verb: Token) -> str | None:
    """The body a verb's "before" phrase names ("testified before the Senate committee")."""
    return _first_body(
        [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "before" for g in c.children]
    )


def _body_with_kind(body: str, base: str) -> str:
    if body == "legislative":
        return "legislative session" if base in {"meeting", "session"} else f"legislative {base}"
    return f"{body} {base}"


def _noun_body(tok: Token) -> str | None:
    """The body whose gathering a trigger noun names: 'council meeting', 'the council's meeting', 'session
    of the City Council', 'Committee of the Whole session', 'hearing before the committee', 'at its
    meeting, the council voted', 'the council will hold its hearing'."""
    np = np_head(tok)
    if np is not tok and is_body_noun(np):
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
    found = _body_before(verb)
    if found:
        return found
    own = any(c.dep_ == "poss" and c.lower_ in _POSS_PRONOUNS for c in tok.children)
    if own or lemma in HOLD_VERBS or lemma in BODY_ACTS:
        return _first_body(subjects(verb))
    return None


def _kind_modifiers(tok: Token) -> list[str]:
    out = []
    for c in tok.lefts:
        if c.dep_ in {"amod", "compound", "nmod", "advmod"}:
            text = tok.doc[c.left_edge.i : c.i + 1].text.lower()
            if text in KIND_MODIFIERS and text not in out:
                out.append(text)
    return out


def noun_kind(tok: Token) -> str | None:
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


def verb_kind(tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    if lemma in PARTICIPATION or lemma == "take" and any(c.lower_ == "part" for c in tok.children):
        for c in tok.children:
            if c.dep_ == "dobj" and (
                c.lower_ in TRIGGER_NOUNS or c.lemma_ in TRIGGER_NOUNS or c.lower_ == "hall"
            ):
                return noun_kind(c)
        return None
    if lemma in TRAVEL_VERBS:
        return "visit"
    if lemma == "testify":
        body = _body_before(tok)
        return _body_with_kind(body, "hearing") if body else "hearing"
    if lemma in ADDRESS_VERBS:
        body = _first_body([c for c in tok.children if c.dep_ in {"dobj", "dative"}])
        if body:
            return _body_with_kind(body, "hearing" if body in {"committee", "legislative"} else "meeting")
    body = _first_body(subjects(tok))
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
    if kind == "meeting" or (kind == "visit" and not is_noun(tok)):
        return 0
    if tok.pos_ in {"NOUN", "PROPN"} or kind.endswith(("meeting", "hearing")) and " " in kind:
        return 2
    return 1


def frame_kind(group: list[Token]) -> tuple[str | None, int]:
    best: tuple[str | None, int] = (None, -1)
    for tok in group:
        kind = noun_kind(tok) if tok.pos_ in {"NOUN", "PROPN"} or tok.tag_ == "NN" else verb_kind(tok)
        rank = _kind_rank(tok, kind)
        if rank > best[1]:
            best = (kind, rank)
    return best


def meeting_kind(m: Meeting) -> str:
    """The most telling kind among the meeting's introductions, then its back-references."""
    best = None
    for n, f in enumerate(m.frames):
        if f.kind is None:
            continue
        key = (f.kind_rank, 1 if f.new else 0, -n)
        if best is None or key > best[0]:
            best = (key, f.kind)
    return best[1] if best else "meeting"
