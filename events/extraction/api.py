"""Public entry points: ``extract`` (one text) and ``extract_many`` (batched through ``nlp.pipe``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from . import transfer
from .meetings import find_meetings
from .people import find_officials
from .pipeline import get_nlp, model_name, with_the_rules
from .places import PlaceContext, analyse
from .text import doc_text
from .types import CityMention, Extraction

EXTRACTOR_VERSION = "2.1.0"


def _cities(doc: Doc, ctx: PlaceContext) -> tuple[CityMention, ...]:
    if ctx.outlet_home is not None:
        p = ctx.outlet_home  # named by the outlet only: no span of the text to show
        return (CityMention(p.name, p.state, p.country, p.lat, p.lon, p.population, p.geonames_id),)
    groups: dict[int, list] = {}
    for m in ctx.mentions:
        groups.setdefault(m.place.geonames_id, []).append(m)
    out = []
    for mentions in groups.values():
        p = mentions[0].place
        name = ctx.display_name(p)
        spans = tuple(m.char_span(doc) for m in mentions)
        evidence = tuple(
            sorted({(doc[m.start].sent.start_char, doc[m.start].sent.end_char) for m in mentions})
        )
        out.append(
            CityMention(
                name=name,
                state=p.state,
                country=p.country,
                lat=p.lat,
                lon=p.lon,
                population=p.population,
                geonames_id=p.geonames_id,
                evidence=evidence,
                mentions=spans,
            )
        )
    return tuple(out)


def from_doc(doc: Doc, published: dt.date | None = None, source: str | None = None) -> Extraction:
    ctx = analyse(doc, source)
    finder = find_officials(doc, ctx)
    officials = tuple(finder.officials())
    unnamed = tuple(finder.find_unnamed())
    meetings = tuple(find_meetings(doc, ctx, finder, published))
    extraction = Extraction(
        officials=officials,
        unnamed_officials=unnamed,
        cities=_cities(doc, ctx),
        meetings=meetings,
        extractor_version=EXTRACTOR_VERSION,
    )
    return _trim_evidence(extraction, doc_text(doc))


def _trim_evidence(extraction: Extraction, text: str) -> Extraction:
    """Evidence spans without the whitespace spaCy keeps at sentence ends (blank lines, spaces)."""

    def trim(spans):
        out = []
        for start, end in spans:
            chunk = text[start:end]
            start += len(chunk) - len(chunk.lstrip())
            end -= len(chunk) - len(chunk.rstrip())
            if start < end and (start, end) not in out:
                out.append((start, end))
        return tuple(out)

    def fix(fact):
        return dataclasses.replace(fact, evidence=trim(fact.evidence))

    return dataclasses.replace(
        extraction,
        officials=tuple(map(fix, extraction.officials)),
        unnamed_officials=tuple(map(fix, extraction.unnamed_officials)),
        cities=tuple(map(fix, extraction.cities)),
        meetings=tuple(
            dataclasses.replace(fix(m), unnamed_participants=tuple(map(fix, m.unnamed_participants)))
            for m in extraction.meetings
        ),
    )


def _apostrophes(text: str) -> str:
    """A closing double quote that closes no quotation is a mistyped apostrophe ("the trustees”
    meeting", "tonight”s meeting"). Replaced one character for one, so every offset stays valid."""
    if "”" not in text:
        return text
    out = []
    for para in text.split("\n"):
        chars, open_quotes = list(para), 0
        for i, c in enumerate(chars):
            if c == "“":
                open_quotes += 1
            elif c == "”":
                if open_quotes:
                    open_quotes -= 1
                elif i > 0 and chars[i - 1].isalpha():
                    chars[i] = "’"
        out.append("".join(chars))
    return "\n".join(out)


def extract(
    text: str, published: dt.date | None = None, *, source: str | None = None, model: str | None = None
) -> Extraction:
    """Extract one article. ``published`` resolves "Monday" and "Nov. 25"; ``source``, the outlet's
    name, tells where a story that names no state is at home ("The Westerly Sun")."""
    nlp = get_nlp(model_name(model))
    return from_doc(nlp(_apostrophes(text)), published, source)


def extract_many(
    items: Iterable[tuple], *, model: str | None = None, batch_size: int = 32
) -> Iterator[Extraction]:
    """Extract many articles through ``nlp.pipe``: items are ``(text, published)`` or
    ``(text, published, source)``."""
    nlp = get_nlp(model_name(model))
    contexts = ((_apostrophes(item[0]), item[1:]) for item in items)
    for doc, context in nlp.pipe(contexts, as_tuples=True, batch_size=batch_size):
        yield from_doc(doc, *context)


def parse_many(texts: Iterable[str], *, model: str | None = None, batch_size: int = 32) -> Iterator[bytes]:
    """The first half of ``extract_many``: the spaCy model (and the components it needs) alone over
    ``texts``, each document packed (``transfer.py``) for ``from_parsed`` to finish in another
    process; the components of ``with_the_rules`` are left to it."""
    name = model_name(model)
    nlp = get_nlp(name)
    later = list(with_the_rules(name))
    for doc in nlp.pipe((_apostrophes(text) for text in texts), batch_size=batch_size, disable=later):
        yield transfer.pack(doc)


def from_parsed(
    parsed: bytes, published: dt.date | None = None, source: str | None = None, *, model: str | None = None
) -> Extraction:
    """The second half: the components of ``with_the_rules`` (parts of speech and lemmas, office
    titles, meeting cues) and the rules over a document ``parse_many`` packed (the same model loaded
    here, for its vocabulary and those components); ``from_parsed(next(parse_many([text])))`` is
    ``extract(text)``."""
    name = model_name(model)
    nlp = get_nlp(name)
    doc = transfer.unpack(parsed, nlp.vocab)
    for component in with_the_rules(name):
        doc = nlp.get_pipe(component)(doc)
    return from_doc(doc, published, source)
