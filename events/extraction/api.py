"""Public entry points: ``extract`` and ``extract_many`` (crude first version)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from .pipeline import get_nlp, model_name
from .types import Extraction, OfficialMention

EXTRACTOR_VERSION = "0.1.0"

_TITLES = {"mayor": "Mayor", "gov.": "Governor", "governor": "Governor", "chief": "Police Chief"}


def _from_doc(doc, published):
    officials = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        prev = doc[ent.start - 1].lower_ if ent.start else ""
        title = _TITLES.get(prev)
        if title and ent.text not in officials:
            officials[ent.text] = OfficialMention(
                name=ent.text, title=title, jurisdiction=None, state=None,
                evidence=((ent.sent.start_char, ent.sent.end_char),),
                mentions=((ent.start_char, ent.end_char),),
            )
    return Extraction(officials=tuple(officials.values()), extractor_version=EXTRACTOR_VERSION)


def extract(text: str, published: dt.date | None = None, *, model: str | None = None) -> Extraction:
    nlp = get_nlp(model_name(model))
    return _from_doc(nlp(text), published)


def extract_many(items: Iterable[tuple[str, dt.date | None]], *, model: str | None = None,
                 batch_size: int = 32) -> Iterator[Extraction]:
    nlp = get_nlp(model_name(model))
    for doc, published in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
        yield _from_doc(doc, published)
