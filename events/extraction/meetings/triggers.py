"""What counts as a meeting mention.

``is_trigger`` looks at one token: a verb (meet, convene, sit down, testify, "heading to X to address Y"),
a noun (meeting, summit, town hall, hearing, session, talks...), a body that acts ("the council voted"),
addressing a body ("told a Senate committee") or taking part ("attended"). It says whether the token
introduces a meeting (a verb; an indefinite, dated or modified noun) or refers back to one ("the
meeting", "also attended"). Press conferences, meeting rooms, legislative terms, plural or habitual
gatherings and negated or hypothetical acts are not triggers.
"""

from __future__ import annotations

from spacy.tokens import Token

from .. import dates
from ..gazetteer import lookup_city
from .status import ahead
from .syntax import is_body_noun, modal, np_head, subjects
from .vocab import (
    ADDRESS_VERBS,
    ASK_VERBS,
    BODY_ACTS,
    HOST_VERBS,
    HYPOTHETICAL_MODALS,
    NEW_CUES,
    ORDINALS,
    PARTICIPATION,
    PURPOSE_VERBS,
    TRAVEL_VERBS,
    TRIGGER_NOUNS,
    TRIGGER_VERBS,
)

ANAPHOR_ONLY_NOUNS = {"event", "gathering", "discussion", "conversation"}
HABITUAL = {"typically", "usually", "often", "generally", "routinely", "normally", "regularly", "always"}
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
    "constituent",
    "constituents",
    "resident",
    "residents",
    "family",
    "families",
    "survivor",
    "survivors",
    "voter",
    "voters",
}
_PRONOUN_OBJECTS = {"him", "her", "them", "us", "me"}


def _left_mods(tok: Token) -> list[Token]:
    return [
        c for c in tok.lefts if c.dep_ in {"det", "poss", "amod", "compound", "nummod", "nmod", "npadvmod"}
    ]


def _has_date_modifier(tok: Token) -> bool:
    np = np_head(tok)
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


COUNT_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "both"}


def places_in(tok: Token) -> list[Token]:
    """'meetings in Cookeville and Gallatin' -> the coordinated places after "in"."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            objs = [o for o in c.children if o.dep_ == "pobj" and (o.ent_type_ == "GPE" or _is_town(o))]
            if objs:
                return [objs[0], *[x for x in objs[0].conjuncts if x.ent_type_ == "GPE" or _is_town(x)]]
    return []


def counted(tok: Token) -> bool:
    """A plural gathering the text counts: "two special-called meetings", "three town halls",
    "six nights of heated meetings"."""
    if tok.tag_ not in {"NNS", "NNPS"}:
        return False
    counters = [tok]
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":
        counters.append(tok.head.head)
    return any(
        c.dep_ in {"nummod", "amod", "det", "quantmod"} and c.lower_ in COUNT_WORDS
        for counter in counters
        for c in counter.children
    )


def _hosts_officials(tok: Token) -> bool:
    """The one hosted is an official or a group of them (subject of the passive, or object)."""
    people = [c for c in tok.children if c.dep_ in {"nsubjpass", "dobj"}]
    return any(
        p.ent_type_ == "PERSON" or p.lemma_.lower() in PERSON_NOUNS or p.lower_ in _PRONOUN_OBJECTS
        for p in people
    )


def _in_doubt(tok: Token, asked: bool = False) -> bool:
    """'whether Abbott intends to meet the mayors' (and, with ``asked``, 'asked them to meet with
    him'): a meeting in question or requested, not one that happened or is set."""
    for anc in [tok, *tok.ancestors][:4]:
        if any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in anc.children):
            return True
        if asked and anc is not tok and anc.lemma_.lower() in ASK_VERBS and anc.i < tok.i:
            return True
    return False


def _is_town(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and bool(lookup_city(tok.text))


def is_trigger(tok: Token) -> tuple[bool, bool] | None:
    """(is_trigger, introduces_new) for a token, or None."""
    lemma = tok.lemma_.lower()
    low = tok.lower_
    doc = tok.doc
    if (low in TRIGGER_NOUNS or lemma in TRIGGER_VERBS) and tok.dep_ in {"amod", "compound"}:
        head = tok.head
        if head.pos_ == "NOUN" and head.lower_ not in TRIGGER_NOUNS and head.i > tok.i:
            return None  # "open-meeting laws", "meeting room", "hearing aid": a modifier of another noun
    if low == "attendance" and tok.i > 0 and doc[tok.i - 1].lower_ == "in":
        return True, False
    if low in {"attendees", "participants"}:
        return True, False
    if low == "comment" and tok.head.lower_ == "during" and any(c.lower_ == "public" for c in tok.children):
        return True, False  # "spoke during public comment": a part of a session
    if tok.pos_ in {"NOUN", "PROPN"} or (low == "meeting" and tok.tag_ == "NN"):
        key = low
        if lemma == "hall" and tok.i > 0 and doc[tok.i - 1].lower_ == "town":
            key = "town hall"
        elif low not in TRIGGER_NOUNS and lemma not in TRIGGER_NOUNS and low not in ANAPHOR_ONLY_NOUNS:
            if (
                lemma == "vote"
                and any(c.lower_ == "final" for c in tok.children)
                and tok.head.lemma_ == "take"
                and not _in_doubt(tok)
            ):
                return True, True
            return None
        if _in_doubt(tok):
            return None  # "whether the mayors will get a meeting too"
        plural = tok.tag_ in {"NNS", "NNPS"} and low != "talks"
        if plural:
            # "the first of several community forums"
            if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in ORDINALS:
                return True, True
            if counted(tok):
                return True, True  # "two special meetings, one Friday and one Nov. 4", "three town halls"
            if len(places_in(tok)) > 1:
                return True, True  # "face-to-face meetings in Cookeville and Gallatin": one in each
            return None
        if tok.dep_ == "compound" and tok.head.lower_ not in TRIGGER_NOUNS:
            return None  # "Plaza Conference Center", "hearing room"
        if tok.ent_type_ in {"ORG", "FAC"} and tok.ent_iob_ != "O":
            ent_end = tok.i + 1
            while ent_end < len(doc) and doc[ent_end].ent_iob_ == "I":
                ent_end += 1
            if ent_end - 1 != tok.i:
                return None
        if low in {"conference", "briefing"} and any(
            c.lower_ in {"press", "news", "media", "virtual", "daily", "weekly"} for c in tok.children
        ):
            return None  # a press conference or briefing is no meeting
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
        if key != "town hall" and low not in {"talks"} and not _left_mods(tok) and np_head(tok) is tok:
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
        np = np_head(tok)
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
        if lemma in TRIGGER_VERBS and _in_doubt(tok, asked=True):
            return None
        if lemma in TRIGGER_VERBS:
            if negated and not ahead(tok):
                return None  # "did not meet"; but "will not meet Monday" is a meeting called off
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
                    s.lower_ in {"goal", "goals", "deadline", "target", "standard"} for s in subjects(tok)
                ):
                    return None
            if lemma == "testify" and any(c.lower_ == "also" for c in tok.children):
                return True, False
            return True, True
        if lemma == "sit" and any(c.lower_ == "down" for c in tok.children):
            return None if negated else (True, True)
        if lemma in HOST_VERBS and not negated and _hosts_officials(tok):
            return True, True  # "Mayors from three cities will be hosted by the governor"
        if (
            lemma == "visit"
            and not negated
            and any(c.dep_ == "dobj" and (c.ent_type_ in {"GPE", "FAC"} or _is_town(c)) for c in tok.children)
        ):
            return True, True  # "he visited Lewisburg July 1": an official's visit
        if lemma in TRAVEL_VERBS:
            if any(
                c.dep_ in {"advcl", "xcomp"} and c.lemma_ in PURPOSE_VERBS and c.lemma_ != "take"
                for c in tok.children
            ) and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
                return True, True
        if lemma in BODY_ACTS or (lemma == "take" and any(c.lower_ == "up" for c in tok.children)):
            subj = subjects(tok)
            if subj and any(is_body_noun(s) for s in subj):
                if negated or modal(tok) & HYPOTHETICAL_MODALS:
                    return None
                if any(c.lower_ in HABITUAL for c in tok.children):
                    return None
                if tok.tag_ == "VBG" and tok.dep_ in {"pcomp", "acl"}:
                    return None
                return True, True
        if lemma in ADDRESS_VERBS and not negated:
            if any(c.dep_ in {"dobj", "dative"} and is_body_noun(c) for c in tok.children):
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
            if any(
                c.dep_ == "prep" and c.lower_ == "in" and any(g.tag_ == "VBG" for g in c.children)
                for c in tok.children
            ):
                return None  # "has joined me in writing to the minister": joining an act, not a meeting
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
