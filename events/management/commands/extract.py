"""``manage.py extract PATH...``: print what the extractor finds, as JSON lines; writes nothing.

One JSON object per article on stdout, ``"id"`` being the article's source key (file stem, or the
JSON record's ``id``). Problems go to stderr as ``PATH: problem``; the exit status is non-zero when
any file failed. Output is the input of ``../shared/eval/score.py``.
"""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.extraction import extract_many
from events.readers import RawArticle, ReadError, read_paths


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published {value!r} is not a YYYY-MM-DD date") from None


class Command(BaseCommand):
    help = (
        "Extract officials, cities and meetings from article files and print one JSON object per "
        "article (JSON Lines) on stdout. Nothing is written to the database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help="Article files (.txt, .jsonl, .html), directories (searched recursively) or - for stdin.",
        )
        parser.add_argument(
            "--published",
            type=iso_date,
            metavar="YYYY-MM-DD",
            help="Publication date for articles that do not give one (resolves 'Monday', 'Nov. 25').",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=32,
            help="Articles per spaCy batch (default: 32).",
        )

    def handle(self, *args, paths, published, batch_size, **options):
        articles: list[RawArticle] = []
        failures = 0
        for item in read_paths(paths):
            if isinstance(item, ReadError):
                self.stderr.write(str(item))
                failures += 1
            else:
                articles.append(item)
        items = ((a.text, a.published or published, a.source) for a in articles)
        extractions = extract_many(items, model=settings.CIVICNEWS_SPACY_MODEL, batch_size=batch_size)
        for article, extraction in zip(articles, extractions, strict=True):
            record = {
                "id": article.source_key,
                "title": article.title,
                "published": (article.published or published).isoformat()
                if (article.published or published)
                else None,
                **extraction.to_dict(),
            }
            self.stdout.write(json.dumps(record, ensure_ascii=False))
        if failures:
            raise CommandError(f"{failures} file(s) or record(s) could not be read; see the messages above.")
