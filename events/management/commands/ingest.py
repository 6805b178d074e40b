"""``manage.py ingest PATH...``: read articles, extract their facts and save both.

Each article is saved with everything extracted from it in one transaction; an article whose
text is already stored is skipped (unless ``--reextract``), so running twice changes nothing.
A file that cannot be read is reported as ``PATH: problem`` and the others go on; the command
exits non-zero when anything failed. A value the reader had to change to store the article (a URL
longer than its column, a NUL byte) is reported as ``PATH: what changed (note)``, without failing.
With ``--enqueue`` articles are saved unextracted and ``manage.py db_worker`` processes extract them.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from events.ingest import Outcome, ingest_paths
from events.models import City, Meeting, Official
from events.readers import count_records


class Command(BaseCommand):
    help = (
        "Ingest article files (.txt with optional front matter, .jsonl, .html) or directories of "
        "them: extract officials, cities and meetings and save them. Re-running is a no-op."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help="Article files, directories (searched recursively) or - for stdin.",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            metavar="N",
            help="Extraction processes to run beside this one, which saves what they extract "
            "(default: 1; each loads the spaCy model). 0 extracts in this process: slower, since "
            "extracting then waits for saving.",
        )
        parser.add_argument(
            "--reextract",
            action="store_true",
            help="Extract articles that are already stored again (e.g. after an extractor upgrade).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and extract, report what would be saved, write nothing.",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Save the articles without extracting them and enqueue their extraction, which "
            "`manage.py db_worker` processes (on this or other machines) then run.",
        )
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="Never show the progress bar (it only shows on a terminal).",
        )

    def handle(self, *args, paths, workers, reextract, dry_run, enqueue, no_progress, **options):
        if workers < 0:
            raise CommandError("--workers must be 0 or more")
        if enqueue and dry_run:
            raise CommandError("--enqueue and --dry-run exclude each other: a dry run writes nothing.")
        if enqueue and workers != 1:
            raise CommandError(
                "--workers sets this command's extraction processes; with --enqueue the db_worker "
                "processes extract (run as many of them as you like)."
            )
        bar = tqdm(
            total=count_records(paths),  # None for stdin: the bar then counts without a total
            unit="record",
            desc="Ingesting",
            file=sys.stderr,
            disable=True if no_progress else None,  # None: show only on a terminal
        )

        def on_problem(message: str) -> None:
            bar.clear()
            self.stderr.write(message)

        def on_note(message: str) -> None:
            bar.clear()
            self.stderr.write(f"{message} (note)")

        try:
            report = ingest_paths(
                paths,
                workers=workers,
                reextract=reextract,
                dry_run=dry_run,
                enqueue=enqueue,
                on_problem=on_problem,
                on_note=on_note,
                progress=bar.update,
            )
        finally:
            bar.close()
        counts = report.counts
        written = counts[Outcome.NEW] + counts[Outcome.UPDATED] + counts[Outcome.REEXTRACTED]
        self.stdout.write(
            f"{'Dry run: would ingest' if dry_run else 'Ingested'}: read {report.read}, "
            f"new {counts[Outcome.NEW]}, updated {counts[Outcome.UPDATED]}, "
            f"re-extracted {counts[Outcome.REEXTRACTED]}, duplicate {counts[Outcome.DUPLICATE]}, "
            f"failed {report.failed}."
        )
        if enqueue:
            self.stdout.write(
                f"Queued {written} article(s) for extraction by the background workers (manage.py db_worker)."
            )
        self.stdout.write(
            f"Database: {Official.objects.count()} officials, {City.objects.count()} cities, "
            f"{Meeting.objects.count()} meetings."
        )
        if report.failed:
            raise CommandError(
                f"{report.failed} of {report.read} article(s) failed; "
                f"{written} saved. See the messages above."
            )
