"""``manage.py export {meetings,officials,cities} [--format jsonl|csv|ics] [--output FILE]``.

JSON lines (one record per line, the contract of ARCHITECTURE.md), CSV with a header row, or,
for meetings, an iCalendar feed of the dated ones.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from events.exports import ROWS, to_csv, to_ical


class Command(BaseCommand):
    help = "Export meetings, officials or cities as JSON lines (default), CSV, or iCalendar (meetings only)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(ROWS), help="What to export.")
        parser.add_argument(
            "--format",
            choices=["jsonl", "csv", "ics"],
            default="jsonl",
            help="jsonl: one JSON object per line (default); csv: spreadsheet; ics: iCalendar (meetings only).",
        )
        parser.add_argument(
            "--output", "-o", metavar="FILE", help="Write to FILE instead of standard output."
        )

    def handle(self, *args, kind, format, output, **options):
        model, rows = ROWS[kind]
        if format == "ics" and kind != "meetings":
            raise CommandError("--format ics is only for meetings (a calendar holds events).")
        if format == "ics":
            data = to_ical(model.objects.all()).decode("utf-8")
        elif format == "csv":
            data = to_csv(rows(model.objects.all()))
        else:
            data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows(model.objects.all()))
        if output:
            try:
                with open(output, "w", encoding="utf-8", newline="") as fh:
                    fh.write(data)
            except OSError as exc:
                raise CommandError(f"{output}: cannot write: {exc.strerror}") from None
            self.stderr.write(f"Wrote {kind} to {output}.")
        else:
            self.stdout.write(data, ending="")
