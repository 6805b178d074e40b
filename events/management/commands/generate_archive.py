"""``manage.py generate_archive --articles N [--files DIR] [--seed S] [--batch-size B]``.

Builds a realistic archive of N generated articles for benchmarks: straight into the (empty)
database, with the cities, officials, meetings, readings, participants and evidence that ingest
would have made of them, or, with ``--files``, as N article files for ``manage.py ingest``.
See ``events/archive.py`` for the shape of the data.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction

from events.archive import Archive, article_file_text, save_batch, word_count
from events.models import Article, City, Meeting, MeetingSource, Official


class Command(BaseCommand):
    help = (
        "Generate a realistic archive of N articles: into the database (which must be empty), "
        "or with --files DIR as N article files to ingest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", type=int, required=True, metavar="N", help="How many articles to generate."
        )
        parser.add_argument(
            "--files",
            metavar="DIR",
            help="Write N .txt article files (front matter, title, body) into DIR instead of the database.",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            help="Random seed: the same seed and N give the same archive on the same day (default 1).",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=2000,
            metavar="B",
            help="Articles saved per transaction (default 2000).",
        )

    def handle(self, *args, articles, files, seed, batch_size, verbosity, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        started = time.monotonic()
        if files:
            directory = Path(files)
            self._check_directory(directory)
        elif existing := self._existing_rows():
            raise CommandError(
                f"The database already holds {existing}; generate_archive fills an empty database "
                "(point DATABASE_URL at a new one, then run manage.py migrate)."
            )
        if not files and connection.vendor == "sqlite" and not connection.in_atomic_block:
            # A bulk load into a new file: if it stops half-way the file is thrown away, so skip the
            # rollback journal and fsyncs, and cache the indexes being built in memory.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous = OFF")
                cursor.execute("PRAGMA journal_mode = MEMORY")
                cursor.execute("PRAGMA cache_size = -262144")  # 256 MiB
        archive = Archive(articles, seed=seed)
        done = words = 0
        for batch, meetings in archive.batches(batch_size):
            if files:
                for article in batch:
                    (directory / f"{article.source_key}.txt").write_text(
                        article_file_text(article), encoding="utf-8"
                    )
                    words += word_count(article.text)
            else:
                with transaction.atomic():
                    save_batch(archive, batch, meetings)
            done += len(batch)
            if verbosity >= 2 or (
                verbosity == 1 and done % max(batch_size, articles // 10 or 1) < len(batch)
            ):
                self.stderr.write(f"{done:,}/{articles:,} articles ({time.monotonic() - started:.0f} s)")
        elapsed = time.monotonic() - started
        if files:
            self.stdout.write(
                f"Wrote {done:,} article files ({words:,} words) to {directory} in {elapsed:.0f} s."
            )
            return
        self._finish()
        self.stdout.write(
            f"Generated {Article.objects.count():,} articles, {Meeting.objects.count():,} meetings, "
            f"{Official.objects.count():,} officials, {City.objects.count():,} cities "
            f"in {time.monotonic() - started:.0f} s."
        )

    def _check_directory(self, directory: Path) -> None:
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"{directory}: not a directory.")
        directory.mkdir(parents=True, exist_ok=True)
        if any(directory.glob("*.txt")):
            raise CommandError(f"{directory}: already holds .txt files; give an empty or new directory.")

    def _existing_rows(self) -> str:
        for model in (Article, Meeting, Official, City):
            if model.objects.exists():
                return f"{model._meta.verbose_name_plural}"
        return ""

    def _finish(self) -> None:
        """After a bulk load: move the id sequences past the planned ids, refresh the planner's statistics."""
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(
                no_style(), [Article, City, Official, Meeting, MeetingSource]
            ):
                cursor.execute(sql)
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                # VACUUM marks the pages all-visible, so counts and id lookups read indexes alone.
                cursor.execute("VACUUM ANALYZE")
            else:
                cursor.execute("ANALYZE")
