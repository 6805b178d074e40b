"""Who took part in a meeting.

Participants are the named officials of the trigger sentences (each goes to the nearest trigger when a
sentence holds several meetings) and officials referred to by a unique title ("the mayor", "the
Cleveland mayor"); unnamed officials of the sentence go to its first meeting. When a council, board or
commission holds a session, its named members take part too; for a committee, only members tied to it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..people import OfficialFinder
from .model import Meeting
from .syntax import clause_verb, is_body_noun, subjects, verb_chain
from .vocab import PARTICIPATION, SPEECH_VERBS, TRIGGER_VERBS

_MEMBER_TITLES = {
    "council": {
        "Council Member",
        "Alderperson",
        "Councillor",
        "Council President",
        "City Council President",
        "President of Council",
        "Council Vice President",
        "Council Vice Chair",
        "Mayor Pro Tem",
        "Vice Mayor",
        "Deputy Mayor",
        "Commissioner",
        "Council Leader",
        "Assembly Member",
        "Assembly Chair",
        "Assembly Vice Chair",
        "Trustee",
        "Selectman",
        "Select Board Chair",
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


def title_references(doc: Doc, finder: OfficialFinder, people: list) -> dict[int, str]:
    """'the mayor', 'the Cleveland mayor', 'the lieutenant governor' -> the one named official with that
    title (token index of the title -> name)."""
    by_title: dict[str, list] = {}
    for p in people:
        by_title.setdefault(p.title.canonical, []).append(p)
    home = finder.ctx.home.name if finder.ctx.home else None
    place_at = finder.ctx.by_token()
    taken = set().union(*(p.tokens for p in people)) if people else set()
    out = {}
    for tspan, t in finder.singular_titles():
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
    """(token, name) of each official the sentence names: the token is the name's head ("Beck" of
    "Council Administrator Ashely Beck"), whose place in the parse says what the person does."""
    out = []
    seen = set()
    for p in people:
        toks = {i for i in p.tokens if sent.start <= i < sent.end}
        if toks:
            heads = [i for i in sorted(toks) if sent.doc[i].head.i not in toks or sent.doc[i].head.i == i]
            out.append((heads[0] if heads else min(toks), p.name))
            seen.add(p.name)
    for i, name in title_refs.items():
        if sent.start <= i < sent.end and name not in seen:
            out.append((i, name))
            seen.add(name)
    return sorted(out)


# Verbs whose subject was not at a meeting: "Royalty missed the meeting".
ABSENCE_VERBS = {"miss", "skip", "boycott", "avoid", "leave"}


def _off_the_meeting(person: Token, trigger: Token) -> bool:
    """A person the sentence names apart from the meeting: inside another verb's clause ("the wall
    proposed by President Trump"), speaking about a meeting of others ("Beck said the Metro Council
    will hold two meetings"), or missing it ("Royalty missed the meeting")."""
    if person.head.lemma_ in ABSENCE_VERBS and person.dep_ in {"nsubj", "nsubjpass"}:
        return True
    clause = clause_verb(trigger)
    chain = {v.i for v in verb_chain(trigger)} | {trigger.i}
    inside = clause.left_edge.i <= person.i <= clause.right_edge.i and person in clause.subtree
    for anc in person.ancestors:
        if anc.i in chain:
            return False
        if anc.pos_ in {"VERB", "AUX"}:
            if inside:
                # "the border wall proposed by President Trump": inside another verb's phrase
                return anc.dep_ in {"acl", "relcl"} and anc.lemma_ not in PARTICIPATION | TRIGGER_VERBS
            if anc.lemma_ in SPEECH_VERBS:
                # the speaker, when the meeting's clause is a body's or someone else's, not theirs
                others = subjects(clause)
                if any(s.lower_ in {"he", "she", "they", "we", "i"} for s in others):
                    return False  # "she and Mayor Goodman met them": the speaker too
                return any(is_body_noun(s) or (s.ent_type_ == "PERSON" and s.i != person.i) for s in others)
            return False
    return False


def assign_people(targets, sent: Span, people, title_refs, unnamed_all) -> None:
    """Merge each frame into its meeting; people go to the nearest trigger of the sentence."""
    negated = {t.i for t in sent if t.dep_ == "neg" and t.head.lemma_ in PARTICIPATION}
    present = [] if negated else _sentence_people(sent, people, title_refs)
    for i, name in present:
        frame, m = min(targets, key=lambda fm: abs(fm[0].trigger.i - i))
        if all(_off_the_meeting(sent.doc[i], f.trigger) for f, _ in targets):
            continue
        if name not in m.participants:
            m.participants.append(name)
    primary = targets[0][1]
    for u in unnamed_all:
        if (
            any(ev[0] >= sent.start_char and ev[1] <= sent.end_char for ev in u.evidence)
            and u not in primary.unnamed
        ):
            primary.unnamed.append(u)


def add_body_members(m: Meeting, people, sents: list[Span], home_place, bodies: list | None = None) -> None:
    """A council/commission/board session: the named members of that body are participants. For a
    committee, only members tied to it: named in its sentences, in the sentence right after, or in a
    sentence naming the same committee. ``bodies`` defaults to the bodies the meeting's frames name."""
    bodies = bodies if bodies is not None else [b for f in m.frames for b in f.bodies]
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
