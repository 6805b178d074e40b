"""The indexed attribute ruler sets what spaCy's own sets, on the model's patterns and on our own."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from events.extraction.attribute_ruler import IndexedAttributeRuler
from events.extraction.pipeline import get_nlp, model_name

CORPUS = Path(__file__).resolve().parent / "corpus"


def _annotations(doc):
    return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def _both(vocab, patterns):
    stock = AttributeRuler(vocab)
    stock.add_patterns(patterns)
    indexed = IndexedAttributeRuler(vocab)
    indexed.add_patterns(patterns)
    return stock, indexed


def _doc(vocab):
    # "That is the plan y'all made, not a guess", tagged and parsed by hand.
    words = ["That", "is", "the", "plan", "y'", "all", "made", ",", "not", "a", "guess"]
    tags = ["DT", "VBZ", "DT", "NN", "PRP", "DT", "VBD", ",", "RB", "DT", "NN"]
    heads = [1, 1, 3, 1, 6, 4, 3, 3, 10, 10, 3]
    deps = ["nsubj", "ROOT", "det", "attr", "nsubj", "det", "relcl", "punct", "neg", "det", "appos"]
    return Doc(vocab, words=words, tags=tags, heads=heads, deps=deps)


PATTERNS = [
    # A tag map entry, then an exception by word that overrides it (later patterns win).
    {"patterns": [[{"TAG": "DT"}]], "attrs": {"POS": "DET", "MORPH": "PronType=Art"}},
    {"patterns": [[{"LOWER": "the", "TAG": "DT"}]], "attrs": {"MORPH": "Definite=Def|PronType=Art"}},
    {"patterns": [[{"LOWER": "a", "TAG": "DT"}]], "attrs": {"MORPH": "Definite=Ind|PronType=Art"}},
    # A determiner that is not attached as one is a pronoun.
    {
        "patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "WDT"]}}]],
        "attrs": {"POS": "PRON"},
    },
    {
        "patterns": [[{"TAG": "RB", "LOWER": {"IN": ["not", "n't"]}}]],
        "attrs": {"POS": "PART", "LEMMA": "not"},
    },
    # Two tokens and a regular expression: left to spaCy's matcher, still in its turn.
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {"patterns": [[{"TAG": {"IN": ["VBZ", "VBD"]}}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"LOWER": "is", "DEP": "ROOT"}]], "attrs": {"POS": "AUX", "LEMMA": "be"}},
]


def test_the_indexed_ruler_sets_what_spacys_sets_on_a_sentence_of_our_own():
    vocab = spacy.blank("en").vocab
    stock, indexed = _both(vocab, PATTERNS)
    expected, doc = stock(_doc(vocab)), indexed(_doc(vocab))

    assert _annotations(doc) == _annotations(expected)
    words = {t.text: t for t in doc}
    assert (words["That"].pos_, words["the"].pos_, words["a"].pos_) == ("PRON", "DET", "DET")
    assert str(words["the"].morph) == "Definite=Def|PronType=Art"
    assert str(words["a"].morph) == "Definite=Ind|PronType=Art"
    assert (words["not"].pos_, words["not"].lemma_, words["y'"].lemma_) == ("PART", "not", "you")
    assert (words["is"].pos_, words["is"].lemma_, words["made"].pos_) == ("AUX", "be", "VERB")
    assert len(indexed(Doc(vocab, words=[]))) == 0


def test_patterns_added_after_matching_are_used():
    vocab = spacy.blank("en").vocab
    indexed = IndexedAttributeRuler(vocab)
    indexed.add_patterns(PATTERNS[:1])
    assert indexed(_doc(vocab))[0].pos_ == "DET"
    indexed.add_patterns(PATTERNS[3:4])
    assert indexed(_doc(vocab))[0].pos_ == "PRON"
    indexed.clear()
    assert indexed(_doc(vocab))[0].pos_ == ""


@pytest.fixture(scope="module")
def parsed_corpora():
    """The test corpora's articles through the stock model, up to its attribute ruler."""
    nlp = spacy.load(model_name())
    texts = [path.read_text() for path in sorted(CORPUS.glob("*/*.txt"))]
    stop = nlp.pipe_names.index("attribute_ruler")
    return nlp, list(nlp.pipe(texts, disable=nlp.pipe_names[stop:]))


def test_the_indexed_ruler_matches_what_spacys_matches_on_the_test_corpora(parsed_corpora):
    """The model's own patterns (its tag map and exceptions) over every article of the corpora:
    the same matches, so the same part of speech, morphology and lemma for every token."""
    nlp, docs = parsed_corpora
    stock = nlp.get_pipe("attribute_ruler")
    _, indexed = _both(nlp.vocab, stock.patterns)
    assert len(docs) > 90
    for doc in docs:
        assert indexed.match(doc) == sorted(set(stock.match(doc)))
        assert _annotations(indexed(doc.copy())) == _annotations(stock(doc.copy()))


def test_the_extractors_pipeline_runs_the_models_patterns_indexed(parsed_corpora):
    stock, _ = parsed_corpora
    ruler = get_nlp().get_pipe("attribute_ruler")
    assert isinstance(ruler, IndexedAttributeRuler)
    assert ruler.patterns == stock.get_pipe("attribute_ruler").patterns
