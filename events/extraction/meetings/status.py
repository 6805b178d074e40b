"""Whether a meeting is past or upcoming, and whether it was cancelled or postponed.

``tense`` reads the trigger's clause verb and the verbs it depends on (will, scheduled, plans to, a
past-tense verb), stopping at reporting verbs ("said"). ``status_cues`` finds the cancel/postpone verbs of a
sentence, and ``cue_applies`` says whether one of them speaks of a given trigger.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..text import span_text, span_tokens
from .syntax import subjects, verb_chain

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


def tense(tok: Token, sent: Span, anaphor: bool = False) -> bool | None:
    """True = future/scheduled, False = past/held."""
    chain = verb_chain(tok)
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
    low = span_text(sent).lower()
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


# What calls a meeting off, and what moves it, as lemmas (with the particle some of them need).
CANCEL_VERBS = {"cancel", "scrap", "nix", "scuttle", "abandon", "scratch", "suspend"}
# Holding a meeting that will not happen: "the council won't be holding its Tuesday session",
# "the board will not meet Monday".
HOLD_OR_MEET = {"hold", "meet", "convene", "have"}
CANCEL_PHRASES = {("call", "off"), ("scrub", "off")}
POSTPONE_VERBS = {"postpone", "delay", "reschedule", "defer", "bump"}
POSTPONE_PHRASES = {("push", "back"), ("push", "off"), ("move", "back"), ("put", "off"), ("hold", "off")}
# Verbs whose subject is the body that called its own meeting off or moved it ("the council canceled").
STATUS_VERBS = CANCEL_VERBS | POSTPONE_VERBS | {verb for verb, _ in CANCEL_PHRASES | POSTPONE_PHRASES}
# Nouns that call off or move the meeting they are "of".
STATUS_NOUNS = {"cancellation": "cancelled", "postponement": "postponed", "rescheduling": "postponed"}
# A gathering that "did not happen", "never took place", "could not go ahead".
HAPPEN_VERBS = {"happen", "proceed", "occur"}
HAPPEN_PHRASES = {("take", "place"), ("go", "ahead"), ("go", "forward")}


def _phrase(t: Token, phrases: set) -> bool:
    return any(
        t.lemma_.lower() == verb and any(c.lower_ == word for c in t.children) for verb, word in phrases
    )


def status_cues(sent: Span) -> list[tuple[Token, str]]:
    out = []
    for t in span_tokens(sent):
        lem = t.lemma_.lower()
        if t.pos_ in {"NOUN", "PROPN"} and _there_is_no(t):
            out.append((t, "cancelled"))  # "There will be no council meeting Monday"
            continue
        if t.pos_ == "NOUN" and lem in STATUS_NOUNS and any(c.lower_ == "of" for c in t.children):
            out.append((t, STATUS_NOUNS[lem]))  # "the cancellation of Tuesday's meeting"
            continue
        if t.pos_ not in {"VERB", "AUX"} and not t.tag_.startswith("VB"):
            continue
        negated = any(c.dep_ == "neg" or c.lower_ == "never" for c in t.children)
        if (
            lem in CANCEL_VERBS
            or t.lower_ in {"canceled", "cancelled", "scrapped", "scraps"}
            or _phrase(t, CANCEL_PHRASES)
        ):
            out.append((t, "cancelled"))
        elif negated and (lem in HAPPEN_VERBS or _phrase(t, HAPPEN_PHRASES)):
            out.append((t, "cancelled"))
        elif negated and lem in HOLD_OR_MEET and ahead(t):
            out.append((t, "cancelled"))
        elif lem in POSTPONE_VERBS or t.lower_ in {"postponed", "delayed"}:
            out.append((t, "postponed"))
        elif _phrase(t, POSTPONE_PHRASES) and not any(
            c.dep_ == "prep" and c.lower_ in {"on", "against"} for c in t.children
        ):
            out.append((t, "postponed"))
    if not out:
        for t in sent:  # "adjourned for lack of a quorum": called off
            if t.lower_ == "quorum" and _lacking(t):
                verb = next((a for a in t.ancestors if a.pos_ in {"VERB", "AUX"}), None)
                if verb is not None:
                    out.append((verb, "cancelled"))
    return out


def _lacking(quorum: Token) -> bool:
    """'for lack of a quorum', 'without a quorum', 'no quorum', 'failed to reach a quorum'."""
    words = {t.lower_ for t in quorum.doc[max(0, quorum.i - 4) : quorum.i]}
    return bool(words & {"lack", "want", "without", "no", "short", "failed", "fail", "absence"})


def ahead(verb: Token) -> bool:
    """The verb speaks of what is to come: "will not", "won't be holding", "is not meeting"."""
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    return bool(aux & {"will", "wo", "'ll", "shall"}) or (
        verb.tag_ == "VBG" and bool(aux & {"is", "are", "be"})
    )


def _there_is_no(t: Token) -> bool:
    return (
        any(c.dep_ == "det" and c.lower_ == "no" for c in t.children)
        and t.head.lemma_ == "be"
        and any(c.dep_ == "expl" for c in t.head.children)
    )


# Verbs that move an item of business to a later meeting: "tabled the motion until the next meeting".
MOVE_VERBS = POSTPONE_VERBS | {"table", "move", "push", "continue", "carry", "defer"}


def moved_to(trigger: Token) -> Token | None:
    """The verb that moves something to the meeting, when the meeting is where it goes: "postponed a
    vote until its Oct. 22 meeting", "pushed the item to the next session". That meeting is to come."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ not in {"until", "to", "till"}:
        return None
    verb = prep.head
    return verb if verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() in MOVE_VERBS else None


def _moves_something_else(cue: Token, trigger: Token) -> bool:
    """The cue's own object is no meeting, and the meeting is where that goes."""
    objects = [c for c in cue.children if c.dep_ in {"dobj", "nsubjpass"}]
    mover = moved_to(trigger)
    return bool(objects) and all(o.i != trigger.i for o in objects) and mover is not None and mover.i == cue.i


def cue_applies(cue: Token, trigger: Token) -> bool:
    """A status verb speaks of the meeting when one governs the other ("canceled a town hall",
    "the session set for Tuesday has been canceled", "the meeting, which was postponed")."""
    if cue.i == trigger.i:
        return True
    if _moves_something_else(cue, trigger):
        return False  # "postponed a vote until its Oct. 22 meeting": the meeting is where it goes
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
    between = cue.doc[cue.i + 1 : trigger.i]
    if 0 < trigger.i - cue.i <= 8 and all(
        t.text not in {",", ".", ";", ":"} and (t.pos_ not in {"VERB", "AUX"} or t.dep_ == "amod")
        for t in between  # "scheduled", "in-person" before the noun
    ):
        return True  # "canceling Monday night's scheduled in-person meeting", however it is parsed
    subj = subjects(cue)
    return any(s.lower_ in {"it", "that", "this"} for s in subj)


def told_in_the_past(verb: Token) -> bool:
    """The verb, or the verb it hangs from, tells of the past ("was rescheduled", "followed its move
    canceling"), not of now ("has been postponed", "is rescheduling", "will cancel")."""
    for v in [verb, *list(verb.ancestors)[:2]]:
        aux = {c.lower_ for c in v.children if c.dep_ in {"aux", "auxpass"}}
        if aux & {"has", "have", "will", "is", "are", "'s", "wo"}:
            return False
        if v.tag_ == "VBD" or aux & {"was", "were", "had"}:
            return True
    return False
