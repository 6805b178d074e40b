#!/usr/bin/env python
"""Time the extractor against a bare spaCy pass over the same texts.

Usage: scripts/bench_extraction.py [DIR...] [--target 1.30] [--repeat 3]

For each DIR (default: the project's dev and real corpora), loads the article texts the way
``manage.py extract`` does (front matter stripped by ``events.readers``), warms up, then times, best
of N and interleaved, a bare ``nlp.pipe`` of the stock spaCy model (no civicnews components) and
``extract_many`` (the whole extractor) over the same texts, and prints both times and their ratio.
Exits 1 when any ratio is above the target.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from events.extraction import extract_many  # noqa: E402
from events.extraction.pipeline import model_name  # noqa: E402
from events.readers import RawArticle, read_paths  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
DEFAULT_DIRS = [str(CORPUS / "dev"), str(CORPUS / "real")]


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


def bench(directory: str, nlp, target: float, repeat: int) -> bool:
    items = load(directory)
    if not items:
        print(f"no articles in {directory}", file=sys.stderr)
        return False
    texts = [text for text, _ in items]

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
    for _ in range(repeat):
        t_bare = min(t_bare, best_of(1, bare))
        t_full = min(t_full, best_of(1, full))
    ratio = t_full / t_bare
    print(
        f"{directory}: {len(texts)} texts, bare nlp.pipe {t_bare:.2f} s, extract_many {t_full:.2f} s, "
        f"ratio {ratio:.2f} (target <= {target:.2f})"
    )
    return ratio <= target


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("directories", nargs="*", default=DEFAULT_DIRS, metavar="DIR")
    ap.add_argument("--target", type=float, default=1.30, help="highest acceptable ratio (default: 1.30)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each, best kept (default: 3)")
    args = ap.parse_args(argv)
    # The baseline is the stock model as spaCy ships it: the civicnews components count as extraction.
    nlp = spacy.load(model_name())
    results = [bench(directory, nlp, args.target, args.repeat) for directory in args.directories]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
