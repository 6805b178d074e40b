"""One side of a forced interleaving (tests/test_concurrency.py), run as ``python -m tests.interleave``.

Saves an article naming Mayor Alma Reyes of Dayton through ``events.ingest.save_article``. With
``--hold FILE`` it stops inside its transaction, the official created but not committed,
until FILE exists; ``--ready FILE`` is touched when it gets there (or, without ``--hold``, just
before saving). Prints the outcome.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicnews.settings")
django.setup()

from events import ingest  # noqa: E402 - needs django.setup()
from events.extraction import Extraction  # noqa: E402
from events.extraction.types import OfficialMention  # noqa: E402
from events.readers import RawArticle  # noqa: E402

REYES = OfficialMention(name="Alma Reyes", title="Mayor", jurisdiction="Dayton", state="OH")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("key")
    parser.add_argument("--ready", type=Path, required=True)
    parser.add_argument("--hold", type=Path)
    args = parser.parse_args()
    if args.hold:
        apply = ingest._apply_extraction

        def apply_then_hold(article, extraction, **how):
            apply(article, extraction, **how)
            args.ready.touch()
            deadline = time.monotonic() + 120
            while not args.hold.exists() and time.monotonic() < deadline:
                time.sleep(0.05)

        ingest._apply_extraction = apply_then_hold
    else:
        args.ready.touch()
    raw = RawArticle(
        source_key=args.key,
        text=f"Story {args.key}\n\nDAYTON, Ohio — Mayor Alma Reyes spoke.",
        title=f"Story {args.key}",
        origin=args.key,
    )
    print(ingest.save_article(raw, Extraction(officials=(REYES,))))


if __name__ == "__main__":
    main()
