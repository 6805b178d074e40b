"""spaCy components of the civicnews pipeline (names prefixed ``civicnews_``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import DependencyMatcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from .meetings.patterns import DEPENDENCY_PATTERNS
from .titles import TITLE_FORMS

TITLES_KEY = "civicnews_titles"
PLURAL_TITLES = {
    "mayors": "Mayor",
    "police chiefs": "Police Chief",
    "governors": "Governor",
    "sheriffs": "Sheriff",
    "city managers": "City Manager",
    "county executives": "County Executive",
    "superintendents": "Superintendent",
    "chiefs of police": "Police Chief",
    "fire chiefs": "Fire Chief",
    "county commissioners": "County Commissioner",
    "council members": "Council Member",
}


class TitleTagger:
    """Marks office titles ("Gov.", "Police Chief", "mayors") as spans in ``doc.spans['civicnews_titles']``.

    The span label is the surface form's key in :data:`titles.TITLE_FORMS` (or ``PLURAL_TITLES``).
    """

    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for form in list(TITLE_FORMS) + list(PLURAL_TITLES):
            # Tokenisation of abbreviations is case-sensitive ("Gov." is one token, "gov." is not),
            # so each form is added in the spellings it takes in text.
            variants = {form, form.title(), form.capitalize(), " ".join(w.capitalize() for w in form.split())}
            variants.add(form.replace("u.s.", "U.S."))
            variants.add(" ".join(w.capitalize() for w in form.replace("u.s.", "U.S.").split()))
            self.matcher.add(form, [nlp.make_doc(v) for v in variants])

    def __call__(self, doc: Doc) -> Doc:
        spans = self.matcher(doc, as_spans=True)
        doc.spans[TITLES_KEY] = filter_spans(spans)
        return doc


@Language.component("civicnews_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """A line break starts a new sentence: the headline, the dateline paragraph and each paragraph are
    parsed on their own (runs before the parser, which keeps preset boundaries)."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


@Language.factory("civicnews_titles")
def make_title_tagger(nlp: Language, name: str) -> TitleTagger:
    return TitleTagger(nlp)


class MeetingCues:
    """Runs the dependency patterns of ``meetings/patterns.py`` and keeps, for each pattern key, the
    entity (or token) its ``date`` node names as a span group: ``doc.spans[key]``."""

    def __init__(self, nlp: Language):
        self.matcher = DependencyMatcher(nlp.vocab)
        # Each pattern under its own rule name, so a match tells which node is its "date".
        self.rules: dict[int, tuple[str, int]] = {}
        for key, patterns in DEPENDENCY_PATTERNS.items():
            for n, pattern in enumerate(patterns):
                rule = f"{key}#{n}"
                self.matcher.add(rule, [pattern])
                position = [node["RIGHT_ID"] for node in pattern].index("date")
                self.rules[nlp.vocab.strings[rule]] = (key, position)

    def __call__(self, doc: Doc) -> Doc:
        found: dict[str, list] = {key: [] for key in DEPENDENCY_PATTERNS}
        for match_id, token_ids in self.matcher(doc):
            key, position = self.rules[match_id]
            tok = doc[token_ids[position]]
            span = next((e for e in doc.ents if e.start <= tok.i < e.end), doc[tok.i : tok.i + 1])
            found[key].append(span)
        for key, spans in found.items():
            doc.spans[key] = filter_spans(spans)
        return doc


@Language.factory("civicnews_meeting_cues")
def make_meeting_cues(nlp: Language, name: str) -> MeetingCues:
    return MeetingCues(nlp)
