"""Why a meeting was held: its purpose and topic keywords.

``find_purpose`` prefers the "to discuss X" clause attached to the meeting's triggers, else a topic
phrase of a trigger ("hearing on X", "summit focused on X", "talks over X"), else what a body did ("voted
to X", "advance an ordinance"), else "met with the minister, pressing the province for money".
``purpose_frame`` picks the frame whose purpose a meeting reports and ``keywords`` the noun phrases
of that purpose.
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

from ..text import doc_text, span_noun_chunks
from .kind import noun_kind, verb_kind
from .model import Frame, Meeting
from .phrase import PURPOSE_WORDS, phrase
from .syntax import is_noun, np_head, subjects, verb_chain
from .vocab import BODY_ACTS, HOLD_VERBS, ORDINALS, PURPOSE_VERBS, SPEECH_VERBS

# "a summit focused on X", "a session aimed at X"
FOCUS_VERBS = {"focus", "center", "centre", "aim", "devote", "dedicate", "gear"}
TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning"}
# Verbs whose "on"/"over" phrase is a topic rather than a place ("testify on", "talk over").
TOPIC_VERBS = {"testify", "vote", "talk", "speak", "comment", "negotiate", "deliberate", "hear"}
# "the plan will get its first public hearing": the subject is what the gathering is about.
TOPIC_GETTERS = {"get", "receive", "face"}


def _in_quotes(sent: Span, tok: Token) -> bool:
    before = doc_text(sent.doc)[sent.start_char : tok.idx]
    return (before.count('"') + before.count("“") - before.count("”")) % 2 == 1


def _topic(prep: Token) -> Token | None:
    for o in prep.children:
        if o.dep_ in {"pobj", "pcomp"} and o.ent_type_ not in {"DATE", "TIME", "GPE", "LOC", "FAC"}:
            return o
    return None


def _governing_verb(tok: Token) -> tuple[Token | None, bool, list[Token]]:
    """The verb a trigger noun hangs from ('hold the first of several forums', 'questions at a town hall
    meeting'), whether the noun is its object, and the topic prepositions on the way up ('heard from
    residents about crime at a listening session')."""
    np = np_head(tok)
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
    if is_noun(tok):
        preps += [c for c in tok.children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS]
        focus += [c for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in FOCUS_VERBS]
        verb, is_object, passed = _governing_verb(tok)
        preps += passed
        if verb is not None and verb.lemma_ not in SPEECH_VERBS:
            # "hold a hearing on X": the topic often hangs from the verb
            topical = TOPIC_PREPS if is_object and verb.lemma_ in HOLD_VERBS else TOPIC_PREPS - {"on", "over"}
            preps += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in topical]
            for v in verb_chain(verb):
                if v.lemma_ in SPEECH_VERBS:
                    break
                focus += [c for c in v.children if c.dep_ == "advcl" and c.lemma_.lower() in FOCUS_VERBS]
            if is_object and verb.lemma_.lower() in TOPIC_GETTERS:
                subj = [s for s in verb.children if s.dep_ == "nsubj" and s.pos_ in {"NOUN", "PROPN"}]
                if subj:
                    text = phrase(subj[0], PURPOSE_WORDS - 2)
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
                text = phrase(obj, PURPOSE_WORDS - 3, avoid=tok.i) if obj is not None else ""
                if text:
                    out.insert(0, f"{label} {f.text} {p.text} {text}")
    for p in preps:
        obj = _topic(p)
        text = phrase(obj, PURPOSE_WORDS - 2, avoid=tok.i) if obj is not None else ""
        if text:
            out.append(f"{label} {p.text} {text}")
    return out


def find_purpose(
    sent: Span, trigger: Token, group: list[Token] | None = None, introduces: bool = True
) -> str | None:
    """The 'to discuss X' clause attached to the meeting's triggers (or their clause), else a topic
    phrase of a trigger ('hearing on X', 'summit focused on X'), else what a body did ('advance an
    ordinance'), else 'met with the minister, pressing the province for money'."""
    group = group or [trigger]
    ids = {g.i for g in group}
    anchors = ids | {v.i for v in verb_chain(trigger) if v.lemma_ not in SPEECH_VERBS}
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
        text = phrase(tok)
        if text:
            if tok.head.i in ids and tok.head.lemma_ == "vote" and not is_noun(tok.head):
                return f"vote to {text}"  # "the board voted to study closing two schools"
            return text
    for g in group:
        if is_noun(g):
            label = noun_kind(g) or g.lemma_.lower()
        else:
            label = "vote" if g.lemma_ == "vote" else verb_kind(g) or "meeting"
        phrases = _topic_phrases(g, label)
        if phrases:
            return phrases[0]
    for g in group:
        if is_noun(g) or g.lemma_ not in BODY_ACTS - {"meet", "convene", "vote"} and g.lemma_ != "take":
            continue
        if not any(c.dep_ == "dobj" for c in g.children) or not subjects(g):
            continue
        text = phrase(g)
        if text and " " in text:
            return g.lemma_ + text[len(g.text) :]  # "advanced an ordinance" -> "advance an ordinance"
    if introduces and not is_noun(trigger):
        # "met with the minister, pressing the province for money"
        for c in trigger.children:
            if c.dep_ in {"advcl", "xcomp"} and c.tag_ == "VBG" and not _in_quotes(sent, c):
                text = phrase(c)
                if text:
                    return text
    return None


# Words that say where or who, or nothing in particular: alone (or only with each other) they do not
# tell what a meeting is about, so they make no topic ("request", "city", "council member").
GENERIC_TOPIC_WORDS = frozenset(
    """
    city cities county counties state states region province town village government governor mayor
    council member members official officials staff resident residents customer customers people public
    request proposal plan problem issue matter meeting session way effort number future consequence
    thousand gap packet thing idea question change
    """.split()
)


def clean_topics(topics) -> tuple[str, ...]:
    """The topics worth showing, lower case and once each: no fragment that does not start with a
    letter ("% increase"), leading and trailing stop words dropped ("the budget" is "budget"), and
    nothing made only of stop words and GENERIC_TOPIC_WORDS."""
    kept = []
    for topic in topics:
        words = topic.lower().split()
        while words and words[0] in STOP_WORDS:
            words.pop(0)
        while words and words[-1] in STOP_WORDS:
            words.pop()
        if words and words[0][:1].isalpha() and not all(w in STOP_WORDS | GENERIC_TOPIC_WORDS for w in words):
            kept.append(" ".join(words))
    return tuple(dict.fromkeys(kept))


def keywords(purpose: str | None, sent: Span) -> tuple[str, ...]:
    if not purpose:
        return ()
    low = purpose.lower()
    out = []
    for chunk in span_noun_chunks(sent):
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
    return clean_topics(out)[:4]


def purpose_frame(m: Meeting) -> Frame | None:
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
