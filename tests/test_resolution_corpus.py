"""Cross-article resolution on the gold corpora: one record per real-world thing.

The gold files name clusters (articles reporting the same meeting): three in the fictional dev
corpus, six in the real-news one. Ingesting a corpus must give one meeting per cluster with all its
sources, no meeting joining articles gold keeps apart, no meeting gathering reports more than 30
days apart or in different towns, no official twice, and the same export whatever the order of
ingestion.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import defaultdict
from pathlib import Path

import pytest
from django.core.management import call_command

from events.ingest import ingest_paths
from events.models import Article, City, Meeting, MeetingSource, Official
from events.resolve import SAME_MEETING_DAYS, normalise_name

# The project's own copies of the gold corpora (`make corpus-sync` refreshes them from ../shared).
CORPUS = Path(__file__).resolve().parent / "corpus"
CORPORA = ("dev", "real")

pytestmark = pytest.mark.django_db


def articles(corpus: str) -> list[Path]:
    found = sorted((CORPUS / corpus).glob("*.txt"))
    if not found:
        pytest.fail(f"the {corpus} corpus is not at {CORPUS / corpus}: run `make corpus-sync`")
    return found


def gold(corpus: str) -> dict[str, dict]:
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((CORPUS / corpus).glob("*.json"))
    }


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


def gold_clusters(corpus: str) -> dict[str, set[str]]:
    clusters = defaultdict(set)
    for key, annotation in gold(corpus).items():
        if annotation.get("cluster"):
            clusters[annotation["cluster"]].add(key)
    return clusters


@pytest.mark.parametrize(("corpus", "sizes"), [("dev", [2, 2, 3]), ("real", [2, 2, 2, 2, 2, 2])])
def test_each_reported_meeting_is_one_record_with_all_its_sources(corpus, sizes):
    ingest(articles(corpus))
    meetings = export("meetings")
    clusters = gold_clusters(corpus)
    assert sorted(len(c) for c in clusters.values()) == sizes
    for name, members in clusters.items():
        holding = [m for m in meetings if members <= set(m["sources"])]
        assert len(holding) == 1, f"{name}: {sorted(members)} are not one meeting"
    for meeting in meetings:
        sources = set(meeting["sources"])
        if len(sources) > 1:
            assert any(sources <= c for c in clusters.values()), (
                f"joined articles gold keeps apart: {sources}"
            )


@pytest.mark.parametrize("corpus", CORPORA)
def test_no_meeting_gathers_reports_far_apart_or_from_two_towns(corpus):
    ingest(articles(corpus))
    window = dt.timedelta(days=SAME_MEETING_DAYS)
    for meeting in Meeting.objects.all():
        readings = list(MeetingSource.objects.filter(meeting=meeting).select_related("article"))
        published = [r.article.published for r in readings if r.article.published]
        assert not published or max(published) - min(published) <= window, meeting
        days = [r.date for r in readings if r.date]
        assert not days or max(days) - min(days) <= window, meeting
        towns = {r.city_id for r in readings if r.city_id}
        assert len(towns) <= 1, f"{meeting}: readings in {towns}"


@pytest.mark.parametrize("corpus", CORPORA)
def test_no_official_appears_twice(corpus):
    ingest(articles(corpus))
    names = [normalise_name(row["name"]) for row in export("officials")]
    assert len(names) == len(set(names))
    if corpus == "dev":  # the rules were written on it: every official of the gold, and no other
        assert set(names) == {
            normalise_name(o["name"]) for g in gold(corpus).values() for o in g["officials"]
        }


@pytest.mark.parametrize("corpus", CORPORA)
def test_the_order_of_ingestion_does_not_change_the_result(corpus):
    paths = articles(corpus)
    ingest(paths)
    forward = (export("meetings"), export("officials"), export("cities"))
    for model in (Article, Meeting, Official, City):
        model.objects.all().delete()
    ingest(reversed(paths))
    assert (export("meetings"), export("officials"), export("cities")) == forward
    ingest(paths)  # and a second time: nothing changes
    assert (export("meetings"), export("officials"), export("cities")) == forward
