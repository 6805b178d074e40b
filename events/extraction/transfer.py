"""A parsed document as it crosses from the process that ran the spaCy pipeline to the one that
applies the rules (``ingest``'s workers parse; the process that saves runs the rules).

spaCy's own ``Doc.to_bytes`` cost 5.7 ms an article to write and 5.2 ms to read on this machine
(issue 12), most of it not in the document: each of its five msgpack calls looks up srsly's
encoders among every installed package's entry points. This keeps what ``Doc.to_bytes`` keeps and
the rules read (the text and spaces, the token attributes of spaCy's ``DocBin``, the strings they
name, and the span groups: the office titles and the meeting cues), as one pickle of a NumPy array
and a few lists: ~0.5 ms each way. The tok2vec tensor is left out: the rules never read it.
"""

from __future__ import annotations

import pickle

import numpy
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

# The token attributes spaCy's DocBin keeps (besides ORTH: the words come from the text).
ATTRS = (
    "NORM",
    "TAG",
    "HEAD",
    "DEP",
    "ENT_IOB",
    "ENT_TYPE",
    "ENT_KB_ID",
    "ENT_ID",
    "LEMMA",
    "MORPH",
    "POS",
    "SENT_START",
)
# Those whose values are the hashes of strings, which the receiving vocabulary must know.
STRING_ATTRS = ("NORM", "TAG", "DEP", "ENT_TYPE", "ENT_KB_ID", "ENT_ID", "LEMMA", "MORPH")


def pack(doc: Doc) -> bytes:
    """``doc`` as bytes for ``unpack``."""
    values = doc.to_array(ATTRS)
    hashes = numpy.unique(values[:, [ATTRS.index(a) for a in STRING_ATTRS]])
    strings = doc.vocab.strings
    names = [strings[int(h)] for h in hashes.tolist() if h in strings]
    groups = {key: [(s.start, s.end, s.label_) for s in group] for key, group in doc.spans.items()}
    return pickle.dumps(
        (doc.text, doc.to_array(["LENGTH", "SPACY"]), values, names, groups), protocol=pickle.HIGHEST_PROTOCOL
    )


def unpack(data: bytes, vocab: Vocab) -> Doc:
    """The document ``pack`` wrote, in ``vocab`` (the same model's)."""
    text, lengths, values, names, groups = pickle.loads(data)  # noqa: S301 - our own workers' output
    for name in names:
        vocab.strings.add(name)
    words, spaces, start = [], [], 0
    for length, space in lengths.tolist():
        words.append(text[start : start + length])
        spaces.append(bool(space))
        start += length + space
    doc = Doc(vocab, words=words, spaces=spaces)
    doc.from_array(ATTRS, values)
    for key, spans in groups.items():
        doc.spans[key] = [Span(doc, start, end, label=label) for start, end, label in spans]
    return doc
