#!/usr/bin/env python
"""Score the extractor on the project's gold corpora: dev, real (whole, odd half, even half) and seed.

Usage: scripts/eval.py [--corpus DIR] [--verbose] [SET...]

SET is any of ``dev``, ``real``, ``seed`` (default: all three). Each set's articles are extracted
once, in this process, the way ``manage.py extract`` does; the predictions go to a temporary file
that the corpus's own scorer (``tests/corpus/score.py``, a copy of ``../shared/eval/score.py``)
reads. The real set is also scored in two halves, odd and even file numbers, so that a rule written
while looking at one half can be checked on the other. ``--verbose`` lists the misses per article.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "tests" / "corpus"
SETS = ("dev", "real", "seed")


def predict(directory: Path, out: Path) -> int:
    from events.extraction import extract_many
    from events.readers import RawArticle, read_paths

    records = [r for r in read_paths([str(directory)]) if isinstance(r, RawArticle)]
    with out.open("w", encoding="utf-8") as fh:
        extractions = extract_many((r.text, r.published, r.source) for r in records)
        for record, extraction in zip(records, extractions, strict=True):
            fh.write(json.dumps({"id": record.source_key, **extraction.to_dict()}) + "\n")
    return len(records)


def halves(directory: Path) -> dict[str, list[Path]]:
    """Gold files split by the parity of the number in their name (real-031 odd, real-032 even)."""
    out: dict[str, list[Path]] = {"odd": [], "even": []}
    for gold in sorted(directory.glob("*.json")):
        number = re.search(r"(\d+)", gold.stem)
        if number:
            out["odd" if int(number.group(1)) % 2 else "even"].append(gold)
    return out


def score(scorer: Path, gold_dir: Path, pred: Path, verbose: bool) -> None:
    command = [sys.executable, str(scorer), "--gold", str(gold_dir), "--pred", str(pred)]
    if verbose:
        command.append("--verbose")
    sys.stdout.flush()
    subprocess.run(command, check=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", metavar="SET", help="dev, real or seed (default: all three)")
    ap.add_argument(
        "--corpus", type=Path, default=CORPUS, help="directory holding dev/, real/, seed/ and score.py"
    )
    ap.add_argument("--verbose", action="store_true", help="list the misses per article")
    args = ap.parse_args(argv)
    unknown = set(args.sets) - set(SETS)
    if unknown:
        ap.error(f"unknown set {', '.join(sorted(unknown))}: choose from {', '.join(SETS)}")
    scorer = args.corpus / "score.py"
    with tempfile.TemporaryDirectory(prefix="civicnews-eval-") as tmp:
        tmp = Path(tmp)
        for name in args.sets or SETS:
            gold_dir = args.corpus / name
            # The seed's gold sits in the corpus; its article is the project's own seeds/.
            articles = ROOT / "seeds" if name == "seed" else gold_dir
            pred = tmp / f"{name}.jsonl"
            count = predict(articles, pred)
            print(f"== {name} ({count} articles, gold in {gold_dir})")
            score(scorer, gold_dir, pred, args.verbose)
            if name == "real":
                for half, files in halves(gold_dir).items():
                    half_dir = tmp / f"real-{half}"
                    half_dir.mkdir()
                    for gold in files:
                        (half_dir / gold.name).symlink_to(gold)
                    print(f"== real, {half} half ({len(files)} articles)")
                    score(scorer, half_dir, pred, False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
