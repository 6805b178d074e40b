"""``make hardening``: run the guarantees of issue 11 on SQLite and on PostgreSQL, print one table.

    scripts/hardening.py [--pg-url URL]

Runs the tests marked ``guarantee`` (tests/test_hardening.py, plus the hostile-parameter walk and
the Content-Security-Policy crawl) once per database; each writes its figures to a file that this
script reads back. Exits 1 when a test fails or a figure misses its target.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_guarantees(database_url: str | None, report: Path) -> tuple[int, float]:
    """The guarantee tests on one database (None: the project's SQLite default, as make test-sqlite)."""
    env = {**os.environ, "CIVICNEWS_GUARANTEES": str(report)}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-m", "guarantee", "-p", "no:randomly", "-q"], cwd=ROOT, env=env
    )
    return result.returncode, time.monotonic() - started


def table(rows: list[dict]) -> tuple[str, bool]:
    """One line per guarantee and database: its figures added up over the tests that report it."""
    merged: dict[tuple[str, str], dict] = defaultdict(lambda: {"ok": True, "figures": defaultdict(int)})
    for row in rows:
        entry = merged[(row["guarantee"], row["database"])]
        entry["ok"] &= row["ok"]
        for name, value in row["figures"].items():
            entry["figures"][name] += value
    lines = [f"{'guarantee':<88} {'database':<10} {'figures':<44} result", "-" * 150]
    for (name, database), entry in sorted(merged.items()):
        figures = ", ".join(f"{key} {value:,}" for key, value in entry["figures"].items())
        lines.append(f"{name:<88} {database:<10} {figures:<44} {'ok' if entry['ok'] else 'FAILED'}")
    return "\n".join(lines), all(entry["ok"] for entry in merged.values())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--pg-url",
        default="postgres://postgres:postgres@127.0.0.1:5432/test",
        help="PostgreSQL server and database name to derive the test databases from (as make test's PG_URL).",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        report = Path(directory) / "guarantees.jsonl"
        report.touch()
        outcomes = {"sqlite": run_guarantees(None, report), "postgresql": run_guarantees(args.pg_url, report)}
        rows = [json.loads(line) for line in report.read_text().splitlines()]
    text, all_ok = table(rows)
    print()
    print(text)
    for name, (code, seconds) in outcomes.items():
        print(f"{name}: tests {'passed' if code == 0 else 'FAILED'} in {seconds:.0f} s")
    return 0 if all_ok and all(code == 0 for code, _ in outcomes.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
