"""Cross-article resolution on the shared dev corpus: one record per real-world thing.

The gold files name three clusters (articles reporting the same meeting); ingesting the 36
articles must give one meeting per cluster with all its sources, no meeting joining articles
gold keeps apart, no official twice, and the same export whatever the order of ingestion.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from pathlib import Path

import pytest
from django.core.management import call_command

from events.ingest import ingest_paths
from events.models import Article, City, Meeting, Official
from events.resolve import normalise_name

# The project's own copy of the gold corpus (`make corpus-sync` refreshes it from ../shared).
DEV = Path(__file__).resolve().parent / "corpus" / "dev"
ARTICLES = sorted(DEV.glob("*.txt"))
GOLD = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("*.json"))}

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _corpus_present():
    if not ARTICLES:
        pytest.fail(f"the dev corpus is not at {DEV}: run `make corpus-sync`")


def ingest(paths) -> None:
    report = ingest_paths([str(p) for p in paths])
    assert report.failed == 0, report.problems


def export(kind: str) -> list[dict]:
    out = io.StringIO()
    call_command("export", kind, stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    for row in rows:
        row.pop("id")
    return sorted(rows, key=lambda row: json.dumps(row, sort_keys=True))


def gold_clusters() -> dict[str, set[str]]:
    clusters = defaultdict(set)
    for key, gold in GOLD.items():
        if gold.get("cluster"):
            clusters[gold["cluster"]].add(key)
    return clusters


def test_each_reported_meeting_is_one_record_with_all_its_sources():
    ingest(ARTICLES)
    meetings = export("meetings")
    clusters = gold_clusters()
    assert sorted(len(c) for c in clusters.values()) == [2, 2, 3]
    for name, articles in clusters.items():
        holding = [m for m in meetings if articles <= set(m["sources"])]
        assert len(holding) == 1, f"{name}: {sorted(articles)} are not one meeting"
    for meeting in meetings:
        sources = set(meeting["sources"])
        if len(sources) > 1:
            assert any(sources <= c for c in clusters.values()), (
                f"joined articles gold keeps apart: {sources}"
            )


def test_no_official_appears_twice():
    ingest(ARTICLES)
    names = [normalise_name(row["name"]) for row in export("officials")]
    gold_names = {normalise_name(o["name"]) for gold in GOLD.values() for o in gold["officials"]}
    assert len(names) == len(set(names))
    assert set(names) == gold_names


def test_the_order_of_ingestion_does_not_change_the_result():
    ingest(ARTICLES)
    forward = (export("meetings"), export("officials"), export("cities"))
    for model in (Article, Meeting, Official, City):
        model.objects.all().delete()
    ingest(reversed(ARTICLES))
    assert (export("meetings"), export("officials"), export("cities")) == forward
    ingest(ARTICLES)  # and a second time: nothing changes
    assert (export("meetings"), export("officials"), export("cities")) == forward
