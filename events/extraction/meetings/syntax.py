"""Small dependency-parse helpers shared by the stages: the head of a noun phrase, a verb's subjects
and auxiliaries, the clause verb above a token and the chain of verbs it depends on, and whether a
token is a noun or names a deliberative body."""

from __future__ import annotations

from spacy.tokens import Token

from .vocab import BODY_NOUNS, SPEECH_VERBS


def np_head(tok: Token) -> Token:
    """'last week's Committee of the Whole session': the phrase is headed by the proper noun."""
    np = tok
    for _ in range(2):
        if np.dep_ == "pobj" and np.head.lower_ == "of" and np.head.head.pos_ == "PROPN":
            np = np.head.head
        else:
            break
    return np


def is_body_noun(tok: Token) -> bool:
    return tok.lemma_.lower() in BODY_NOUNS or tok.lower_ in BODY_NOUNS


def subjects(verb: Token) -> list[Token]:
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


def modal(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ == "aux"}


def clause_verb(tok: Token) -> Token:
    t = tok
    for _ in range(6):
        if t.pos_ in {"VERB", "AUX"} or t.tag_.startswith("VB"):
            return t
        if t.head is t:
            return t
        t = t.head
    return t


def verb_chain(tok: Token) -> list[Token]:
    """The trigger's clause verb and the verbs it depends on, stopping at reporting verbs."""
    v = clause_verb(tok)
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


def is_noun(tok: Token) -> bool:
    return tok.pos_ in {"NOUN", "PROPN"} or tok.tag_ == "NN"
