"""The extractor: article text (+ optional published date) in, officials, cities and meetings out.

Pure Python and spaCy, no Django: the package can be tested, benchmarked and run in worker
processes without a database. ``extract()`` handles one text, ``extract_many()`` batches through
``nlp.pipe``; ``parse_many()`` and ``from_parsed()`` are its two halves, the model and the rules, for
running them in different processes. The spaCy model is loaded once per process (see ``pipeline.get_nlp``).
"""

from __future__ import annotations

from .api import EXTRACTOR_VERSION, extract, extract_many, from_parsed, parse_many
from .types import CityMention, Extraction, MeetingMention, OfficialMention, UnnamedOfficial

__all__ = [
    "EXTRACTOR_VERSION",
    "CityMention",
    "Extraction",
    "MeetingMention",
    "OfficialMention",
    "UnnamedOfficial",
    "extract",
    "extract_many",
    "from_parsed",
    "parse_many",
]
