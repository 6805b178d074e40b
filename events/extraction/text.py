"""A document's text and tokens, made once per document.

spaCy builds a new ``Token`` object at each ``doc[i]`` and each step of ``for tok in doc`` (and joins
every token's text at each ``doc.text``): the extractor's rules walked each article's tokens about
thirty times, and making those objects was 45 % of their time. These helpers keep what they make in
the document's ``user_data``; a document's tokens never change once the pipeline has run. Noun chunks
are found within the span asked about (the rules ask about one sentence an article).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_TEXT = "civicnews_text"
_TOKENS = "civicnews_tokens"
_ENTS = "civicnews_ents"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once (70 µs for 280 tokens, read about eight times per article)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def doc_tokens(doc: Doc) -> list[Token]:
    """The document's tokens, made once: ``doc_tokens(doc)[i]`` is ``doc[i]``."""
    tokens = doc.user_data.get(_TOKENS)
    if tokens is None:
        tokens = doc.user_data[_TOKENS] = list(doc)
    return tokens


def span_tokens(span: Span) -> list[Token]:
    """The tokens of ``span``, from its document's list (``list(span)`` makes new ones)."""
    return doc_tokens(span.doc)[span.start : span.end]


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, made once (spaCy makes a new span for every entity at each call)."""
    ents = doc.user_data.get(_ENTS)
    if ents is None:
        ents = doc.user_data[_ENTS] = doc.ents
    return ents


def span_ents(span: Span) -> list[Span]:
    """``span.ents``: the document's entities that lie wholly within ``span``."""
    return [ent for ent in doc_ents(span.doc) if ent.start >= span.start and ent.end <= span.end]


def span_noun_chunks(span: Span) -> list[Span]:
    """``span.noun_chunks``: the noun chunks that lie wholly within ``span``, found among its own tokens
    (spaCy's ``Span.noun_chunks`` finds every chunk of the whole document at each call, ~2 ms for an
    article, to keep those within the span)."""
    doc = span.doc
    return [
        Span(doc, start, end, label=label)
        for start, end, label in doc.noun_chunks_iterator(span)
        if start >= span.start and end <= span.end
    ]


def span_text(span: Span) -> str:
    """``span.text``, cut from the document's text (spaCy joins the span's tokens at each call)."""
    return doc_text(span.doc)[span.start_char : span.end_char]
