"""Ingest: the seed becomes browsable records; re-runs change nothing; each article is atomic."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from events import ingest as ingest_module
from events.ingest import Outcome, ingest_paths
from events.models import Alias, Article, City, Evidence, Meeting, MeetingSource, Official, Participant, Role

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MODELS = (Article, City, Official, Role, Alias, Meeting, MeetingSource, Participant, Evidence)

pytestmark = pytest.mark.django_db


def table_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run_ingest(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *args, "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_seed_becomes_a_meeting_in_jefferson_city():
    out, err = run_ingest(str(SEEDS))
    assert "new 1" in out and err == ""

    lucas = Official.objects.get(name="Quinton Lucas")
    assert lucas.roles.filter(title="Mayor", jurisdiction="Kansas City", state="MO").exists()
    jefferson = City.objects.get(name="Jefferson City", state="MO", country="US")
    assert jefferson.latitude == pytest.approx(38.57, abs=0.1)

    meeting = Meeting.objects.get(city=jefferson)
    assert meeting.status == Meeting.Status.SCHEDULED
    names = set(meeting.participants.exclude(official=None).values_list("official__name", flat=True))
    assert {"Quinton Lucas", "Mike Parson", "Rick Smith"} <= names
    article = Article.objects.get()
    assert list(meeting.sources.all()) == [article]
    assert article.source_key == "000_9a60d8dd216a8dd1"
    assert article.extraction_status == Article.Status.DONE


def test_evidence_spans_index_the_stored_text():
    run_ingest(str(SEEDS))
    article = Article.objects.get()
    lucas = Official.objects.get(name="Quinton Lucas")
    names = {article.text[e.start : e.end] for e in Evidence.objects.filter(official=lucas, is_mention=True)}
    assert names and all("Lucas" in name for name in names)
    meeting_sentences = Evidence.objects.filter(meeting__isnull=False, kind=Evidence.Kind.MEETING)
    assert any("Jefferson City" in article.text[e.start : e.end] for e in meeting_sentences)


def test_ingesting_twice_changes_nothing():
    run_ingest(str(SEEDS))
    before = table_counts()
    out, _ = run_ingest(str(SEEDS))
    assert "new 0" in out and "duplicate 1" in out
    assert table_counts() == before


def test_reextract_replaces_facts_without_duplicating_them():
    run_ingest(str(SEEDS))
    before = table_counts()
    out, _ = run_ingest(str(SEEDS), "--reextract")
    assert "re-extracted 1" in out
    assert table_counts() == before


def test_dry_run_writes_nothing():
    out, _ = run_ingest(str(SEEDS), "--dry-run")
    assert out.startswith("Dry run: would ingest: read 1, new 1")
    assert all(count == 0 for count in table_counts().values())


def test_bad_files_are_reported_by_name_and_never_stop_the_others(tmp_path):
    write(tmp_path, "good.txt", "Mayor Alma Reyes opens library\n\nDAYTON, Ohio — Mayor Alma Reyes spoke.")
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfe bad bytes")
    write(tmp_path, "feed.jsonl", '{"id": "x1", "title": "Fine", "text": "Fine body."}\n{oops\n')
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="2 of 4 article"):
        call_command("ingest", str(tmp_path), "--no-progress", stdout=out, stderr=err)
    assert f"{tmp_path / 'broken.txt'}: not UTF-8 text" in err.getvalue()
    assert f"{tmp_path / 'feed.jsonl'}:2: invalid JSON" in err.getvalue()
    assert set(Article.objects.values_list("source_key", flat=True)) == {"good", "x1"}
    assert "failed 2" in out.getvalue()


def test_each_article_is_saved_whole_or_not_at_all(tmp_path, monkeypatch):
    write(tmp_path, "a.txt", "Governor visits\n\nTOPEKA, Kan. — Gov. Ruth Hallam toured a school on Friday.")
    write(
        tmp_path,
        "b.txt",
        "Mayor speaks\n\nDAYTON, Ohio — Mayor Alma Reyes met Police Chief Tom Ortiz on Monday.",
    )
    real_save = ingest_module.replace_extraction

    def save_then_fail_for_b(article, extraction):
        real_save(article, extraction)  # rows are written, then the article fails
        if article.source_key == "b":
            raise RuntimeError("disk full")

    monkeypatch.setattr(ingest_module, "replace_extraction", save_then_fail_for_b)
    report = ingest_paths([str(tmp_path)])
    assert report.failed == 1 and report.counts[Outcome.NEW] == 1
    assert report.problems == [f"{tmp_path / 'b.txt'}: could not save: RuntimeError: disk full"]
    assert list(Article.objects.values_list("source_key", flat=True)) == ["a"]
    # Nothing from b survives: not its officials, cities or evidence.
    assert not Official.objects.filter(name__in=["Alma Reyes", "Tom Ortiz"]).exists()
    assert not City.objects.filter(name="Dayton").exists()
    assert Evidence.objects.exclude(article__source_key="a").count() == 0

    monkeypatch.setattr(ingest_module, "replace_extraction", real_save)
    report = ingest_paths([str(tmp_path)])  # fixed: the rerun picks up only what failed
    assert report.counts[Outcome.NEW] == 1 and report.counts[Outcome.DUPLICATE] == 1
    assert Official.objects.filter(name="Alma Reyes").exists()


def test_extractor_failure_keeps_the_article_marked_failed(tmp_path, monkeypatch):
    write(tmp_path, "a.txt", "Title\n\nBody text about a council.")

    def explode(*args, **kwargs):
        raise ValueError("model crashed")

    monkeypatch.setattr("events.workers.extract_many", explode)
    monkeypatch.setattr("events.workers.extract", explode)
    report = ingest_paths([str(tmp_path)])
    assert report.problems == [f"{tmp_path / 'a.txt'}: extraction failed: ValueError: model crashed"]
    article = Article.objects.get()
    assert article.extraction_status == Article.Status.FAILED
    assert "model crashed" in article.extraction_error


def test_a_revised_article_at_the_same_url_replaces_the_old_text(tmp_path):
    front = "---\nurl: https://example.org/story\npublished: 2024-05-01\n---\n"
    write(tmp_path, "v1.txt", front + "Council to meet\n\nDAYTON, Ohio — The council meets Tuesday.")
    ingest_paths([str(tmp_path / "v1.txt")])
    write(tmp_path, "v2.txt", front + "Council to meet\n\nDAYTON, Ohio — The council meets Wednesday.")
    report = ingest_paths([str(tmp_path / "v2.txt")])
    assert report.counts[Outcome.UPDATED] == 1
    article = Article.objects.get()
    assert "Wednesday" in article.text and article.source_key == "v2"


def test_the_same_official_in_two_articles_is_one_record(tmp_path):
    write(tmp_path, "a.txt", "Budget\n\nDAYTON, Ohio — Mayor Alma Reyes unveiled the budget on Monday.")
    write(
        tmp_path,
        "b.txt",
        "Parks\n\nDAYTON, Ohio — Mayor Alma Reyes opened a park on Friday, and Reyes said more would come.",
    )
    ingest_paths([str(tmp_path)])
    reyes = Official.objects.get(name="Alma Reyes")
    assert reyes.evidence.values("article").distinct().count() == 2
    assert reyes.roles.get().title == "Mayor"


def test_extraction_in_worker_processes_gives_the_same_records(tmp_path):
    # More articles than one batch, so the process pool really runs.
    for n in range(ingest_module.BATCH_SIZE + 4):
        write(
            tmp_path,
            f"a{n:02}.txt",
            f"Budget {n}\n\nDAYTON, Ohio — Mayor Alma Reyes met Gov. Ruth Hallam on Monday, budget item {n}.",
        )
    report = ingest_paths([str(tmp_path)], workers=2)
    assert report.counts[Outcome.NEW] == ingest_module.BATCH_SIZE + 4 and report.failed == 0
    assert (
        Official.objects.get(name="Alma Reyes").evidence.values("article").distinct().count() == report.read
    )
