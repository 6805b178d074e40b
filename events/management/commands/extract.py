"""``manage.py extract PATH...``: print what the extractor finds, as JSON lines; writes nothing.

One JSON object per article on stdout, ``"id"`` being the article's source key (file stem, or the
JSON record's ``id``). Problems go to stderr as ``PATH: problem`` (an article the extractor fails on
too), the others go on, and the exit status is non-zero when any failed. Output is the input of
``../shared/eval/score.py``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.readers import RawArticle, ReadError, read_paths
from events.workers import batches, extract_batch


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
        failures = 0

        def readable() -> Iterator[RawArticle]:
            nonlocal failures
            for item in read_paths(paths):
                if isinstance(item, ReadError):
                    self.stderr.write(str(item))
                    failures += 1
                else:
                    yield item

        # Batch by batch, so output starts at once and memory does not grow with the input.
        for batch in batches(readable(), batch_size):
            items = [(article.text, article.published or published, article.source) for article in batch]
            results = extract_batch(items, settings.CIVICNEWS_SPACY_MODEL, batch_size)
            for article, (_, date, _), result in zip(batch, items, results, strict=True):
                if isinstance(result, str):
                    self.stderr.write(f"{article.origin}: {result}")
                    failures += 1
                    continue
                record = {
                    "id": article.source_key,
                    "title": article.title,
                    "published": date.isoformat() if date else None,
                    **result.to_dict(),
                }
                self.stdout.write(json.dumps(record, ensure_ascii=False))
        if failures:
            raise CommandError(
                f"{failures} file(s) or record(s) could not be read or extracted; see the messages above."
            )
