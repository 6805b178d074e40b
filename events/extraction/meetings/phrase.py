"""Clipping a parse subtree to a short, readable phrase (used for purposes and topics).

``phrase`` keeps the head's subtree without side remarks, dates, company ("along with the governor")
and place phrases, and ends it at a phrase boundary near a word limit: never on a determiner or
preposition, never cutting a word off from its head or a list in two.
"""

from __future__ import annotations

from spacy.tokens import Token

PURPOSE_WORDS = 12  # a purpose is cut to about this many words, at a phrase boundary
_CLIP_DROP_DEPS = {"relcl", "acl", "advcl", "appos", "npadvmod", "parataxis"}
_CLIP_DROP_PREPS = {"along", "with", "during", "after", "before", "at", "in"}
# Words a phrase cannot end on, and dependents a cut must not separate from their head.
_TRAILING_DEPS = {"cc", "det", "prep", "aux", "auxpass", "mark", "poss", "case", "amod", "compound", "nummod"}
_COMPLEMENTS = {"dobj", "pobj", "pcomp", "xcomp", "ccomp", "attr", "acomp", "oprd", "dative", "prt", "agent"}
_CONTENT_POS = {"NOUN", "PROPN", "NUM"}
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


def phrase(head: Token, limit: int = PURPOSE_WORDS, avoid: int | None = None) -> str:
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
