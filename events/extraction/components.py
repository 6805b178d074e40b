"""spaCy components of the civicnews pipeline (names prefixed ``civicnews_``)."""

from __future__ import annotations

from spacy.attrs import LEMMA
from spacy.language import Language
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .meetings.patterns import DEPENDENCY_PATTERNS
from .titles import title_mention, title_patterns

TITLES_KEY = "civicnews_titles"

if not Span.has_extension("title"):
    Span.set_extension("title", getter=title_mention)


def add_title_ruler(nlp: Language) -> None:
    """Office titles ("Gov.", "Police Chief-designate", "former Mayor", "councillors") as spans of
    ``doc.spans['civicnews_titles']``, by a spaCy ``SpanRuler`` whose patterns are built from the
    vocabulary of ``titles.py``; ``span._.title`` says what each one means."""
    name = "civicnews_titles"
    ruler = nlp.add_pipe(
        "span_ruler",
        name=name,
        last=True,
        config={
            "spans_key": TITLES_KEY,
            "phrase_matcher_attr": "LOWER",
            "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
            "annotate_ents": False,
            "validate": False,
        },
    )
    # The patterns match on the lower-case form, which only the tokenizer makes: the ruler would
    # otherwise run every component before it over each of its ~10,000 phrases (12 s of a worker's
    # start, every ingest; issue 12).
    with nlp.select_pipes(enable=[name]):
        ruler.add_patterns(title_patterns())


@Language.component("civicnews_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """A line break starts a new sentence: the headline, the dateline paragraph and each paragraph are
    parsed on their own (runs before the parser, which keeps preset boundaries)."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


class MeetingCues:
    """Runs the dependency patterns of ``meetings/patterns.py`` and keeps, for each pattern key, the
    entity (or token) its ``date`` node names as a span group: ``doc.spans[key]``."""

    def __init__(self, nlp: Language):
        self.matcher = DependencyMatcher(nlp.vocab)
        # Each pattern under its own rule name, so a match tells which node is its "date".
        self.rules: dict[int, tuple[str, int]] = {}
        anchors = set()
        for key, patterns in DEPENDENCY_PATTERNS.items():
            for n, pattern in enumerate(patterns):
                rule = f"{key}#{n}"
                self.matcher.add(rule, [pattern])
                position = [node["RIGHT_ID"] for node in pattern].index("date")
                self.rules[nlp.vocab.strings[rule]] = (key, position)
                anchors |= set(pattern[0]["RIGHT_ATTRS"]["LEMMA"]["IN"])
        # Every pattern hangs from a word given by its lemma ("postpone"): a document with none of
        # them cannot match, and is not matched (the matcher costs ~1 ms per article).
        self.anchors = {nlp.vocab.strings.add(lemma) for lemma in anchors}

    def __call__(self, doc: Doc) -> Doc:
        found: dict[str, list] = {key: [] for key in DEPENDENCY_PATTERNS}
        anchored = not self.anchors.isdisjoint(doc.count_by(LEMMA))
        for match_id, token_ids in self.matcher(doc) if anchored else ():
            key, position = self.rules[match_id]
            tok = doc[token_ids[position]]
            # the entity the node is in ("Feb. 22"), or the node's own phrase ("one week")
            span = next((e for e in doc.ents if e.start <= tok.i < e.end), doc[tok.left_edge.i : tok.i + 1])
            found[key].append(span)
        for key, spans in found.items():
            doc.spans[key] = filter_spans(spans)
        return doc


@Language.factory("civicnews_meeting_cues")
def make_meeting_cues(nlp: Language, name: str) -> MeetingCues:
    return MeetingCues(nlp)
