#!/usr/bin/env python
"""Time the extractor against a bare spaCy pass over the same texts.

Usage: scripts/bench_extraction.py [DIR] [--target 1.30] [--repeat 3]

Loads the article texts of DIR (default: the shared dev corpus) the way ``manage.py extract`` does
(front matter stripped by ``events.readers``), warms the pipeline up, then times, best of N, a bare
``nlp.pipe`` over the texts and ``extract_many`` over the same texts, and prints both times and their
ratio. Exits 1 when the ratio is above the target.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from events.extraction import extract_many  # noqa: E402
from events.extraction.pipeline import get_nlp  # noqa: E402
from events.readers import RawArticle, read_paths  # noqa: E402

DEFAULT_DIR = "/work/shared/corpus/dev"


def load(directory: str) -> list[tuple[str, object]]:
    items = []
    for record in read_paths([directory]):
        if isinstance(record, RawArticle):
            items.append((record.text, record.published))
    return items


def best_of(repeat: int, fn) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("directory", nargs="?", default=DEFAULT_DIR)
    ap.add_argument("--target", type=float, default=1.30)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    items = load(args.directory)
    if not items:
        print(f"no articles in {args.directory}", file=sys.stderr)
        return 2
    texts = [text for text, _ in items]
    nlp = get_nlp()

    def bare():
        for _ in nlp.pipe(texts, batch_size=32):
            pass

    def full():
        for _ in extract_many(items, batch_size=32):
            pass

    bare()  # warm-up: model, gazetteer, lazy tables
    full()
    # Interleave the two measurements so both see the same machine state.
    t_bare = t_full = float("inf")
    for _ in range(args.repeat):
        t_bare = min(t_bare, best_of(1, bare))
        t_full = min(t_full, best_of(1, full))
    ratio = t_full / t_bare
    print(
        f"{len(texts)} texts: bare nlp.pipe {t_bare:.2f} s, extract_many {t_full:.2f} s, "
        f"ratio {ratio:.2f} (target <= {args.target:.2f})"
    )
    return 0 if ratio <= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
