"""Ingest: the seed becomes browsable records; re-runs change nothing; each article is atomic."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from events import ingest as ingest_module
from events.ingest import Outcome, ingest_paths
from events.models import Alias, Article, City, Evidence, Meeting, MeetingSource, Official, Participant, Role
from events.resolve import refresh_meeting

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

    def save_then_fail_for_b(article, extraction, **how):
        real_save(article, extraction, **how)  # rows are written, then the article fails
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


def test_every_mention_of_a_long_article_keeps_its_evidence(tmp_path):
    # Hundreds of evidence rows in one article: every mention is kept.
    body = " ".join(f"Mayor Alma Reyes spoke in Dayton on item {n}." for n in range(150))
    write(tmp_path, "long.txt", f"Budget\n\nDAYTON, Ohio — {body}")
    report = ingest_paths([str(tmp_path)])
    assert report.counts[Outcome.NEW] == 1 and report.failed == 0
    article = Article.objects.get()
    spans = Evidence.objects.filter(article=article, kind=Evidence.Kind.CITY, is_mention=True)
    assert spans.count() == article.text.count("Dayton") + article.text.count("DAYTON") == 151
    assert {article.text[e.start : e.end].lower() for e in spans} == {"dayton"}


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


# Hostile input (issue 11): one bad record is one message; everything else is saved, on every database.


def hostile_directory(tmp_path: Path) -> Path:
    """Good articles mixed with the records that used to stop the run or lose the article."""
    good = "Mayor Alma Reyes spoke\n\nDAYTON, Ohio — Mayor Alma Reyes spoke on Monday about {}."
    lines = [
        '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"text": "Body.", "n": ' + "9" * 5000 + "}",
        json.dumps({"id": "surrogate", "text": "A lone \ud800 surrogate in the council story."}),
        json.dumps({"id": "nul", "text": "A NUL \x00 in the council story."}),
        json.dumps({"id": "long-url", "text": "Roads story.", "url": "https://example.org/" + "a" * 1000}),
        json.dumps({"id": "long-source", "text": "Parks story.", "source": "S" * 300}),
        json.dumps({"id": "ancient", "text": "Library story.", "published": "0001-01-01"}),
        json.dumps({"id": "far", "text": "Harbor story.", "published": "9999-12-31"}),
        json.dumps({"id": "u2028", "text": "Split\u2028story."}, ensure_ascii=False),
        json.dumps({"id": "good-json", "text": good.format("schools")}),
    ]
    write(tmp_path, "feed.jsonl", "\n".join(lines))
    write(tmp_path, "empty.jsonl", "")
    write(
        tmp_path,
        "menu.html",
        "<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav></body></html>",
    )
    write(tmp_path, f"{'x' * 230}.txt", good.format("a long file name"))
    write(tmp_path, "good.txt", good.format("budgets"))
    return tmp_path


def test_hostile_records_each_get_a_message_and_every_good_article_is_saved(tmp_path):
    folder = hostile_directory(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="6 of 14 article"):
        call_command("ingest", str(folder), "--no-progress", stdout=out, stderr=err)
    feed = folder / "feed.jsonl"
    assert err.getvalue().splitlines() == [
        f"{folder / 'empty.jsonl'}: no JSON lines: the file is empty",
        f"{feed}:1: invalid JSON (nested too deeply)",
        f"{feed}:2: invalid JSON (a number of 5,000 digits)",
        f"{feed}:3: 1 lone surrogate(s) in 'text' replaced with U+FFFD (note)",
        f"{feed}:4: 1 control character(s) such as NUL removed from 'text' (note)",
        f"{feed}:5: url is 1,020 characters long (at most 1,000); not kept (note)",
        f"{feed}:6: source is 300 characters long; cut to 200 (note)",
        f"{feed}:7: published date 0001-01-01 is not between 1600 and 2199",
        f"{feed}:8: published date 9999-12-31 is not between 1600 and 2199",
        f"{folder / 'menu.html'}: no article text found in the HTML (navigation or boilerplate only)",
        f"{folder / ('x' * 230 + '.txt')}: id is 230 characters long; cut to 200 (note)",
    ]
    assert "new 8," in out.getvalue() and "failed 6." in out.getvalue()
    keys = {"surrogate", "nul", "long-url", "long-source", "u2028", "good-json", "x" * 200, "good"}
    assert set(Article.objects.values_list("source_key", flat=True)) == keys
    assert Article.objects.get(source_key="nul").text == "A NUL  in the council story."
    assert Article.objects.get(source_key="u2028").text == "Split\u2028story."


def test_an_unstorable_article_whose_extraction_failed_is_kept_and_the_run_goes_on(tmp_path, monkeypatch):
    # On PostgreSQL the NUL and the long URL made the failed-article save raise and stop the run.
    url = "https://example.org/" + "a" * 1000
    write(tmp_path, "a.jsonl", json.dumps({"id": "nul", "text": "NUL \x00 story.", "url": url}))
    write(tmp_path, "b.txt", "Second\n\nThe second story.")

    def explode(*args, **kwargs):
        raise ValueError("model crashed")

    monkeypatch.setattr("events.workers.extract_many", explode)
    monkeypatch.setattr("events.workers.extract", explode)
    report = ingest_paths([str(tmp_path)])
    assert report.failed == 2
    kept = dict(Article.objects.values_list("source_key", "extraction_status"))
    assert kept == {"nul": Article.Status.FAILED, "b": Article.Status.FAILED}


def test_a_failed_article_that_cannot_be_kept_is_reported_and_the_run_goes_on(tmp_path, monkeypatch):
    write(tmp_path, "a.txt", "First\n\nThe first story.")
    write(tmp_path, "b.txt", "Second\n\nThe second story.")

    def explode(*args, **kwargs):
        raise ValueError("model crashed")

    monkeypatch.setattr("events.workers.extract_many", explode)
    monkeypatch.setattr("events.workers.extract", explode)
    real_copy = ingest_module._copy_raw

    def copy_then_break_a(article, raw):
        real_copy(article, raw)
        if raw.source_key == "a":
            raise OSError("disk full")

    monkeypatch.setattr(ingest_module, "_copy_raw", copy_then_break_a)
    problems: list[str] = []
    report = ingest_paths([str(tmp_path)], on_problem=problems.append)
    assert report.failed == 2
    assert f"{tmp_path / 'a.txt'}: could not keep the failed article: OSError: disk full" in problems
    assert list(Article.objects.values_list("source_key", flat=True)) == ["b"]


def test_articles_are_saved_before_the_rest_of_the_input_is_read(tmp_path, monkeypatch):
    """Streaming (issue 11: a 64 MB input peaked at 933 MB because every file was read first)."""
    count = ingest_module.BATCH_SIZE * 2 + 1
    for n in range(count):
        write(tmp_path, f"a{n:03}.txt", f"Story {n}\n\nThe council met about item {n}.")
    stored_when_read: list[int] = []
    real_read = ingest_module.read_paths

    def spy(paths):
        for item in real_read(paths):
            stored_when_read.append(Article.objects.count())
            yield item

    monkeypatch.setattr(ingest_module, "read_paths", spy)
    report = ingest_paths([str(tmp_path)])
    assert report.counts[Outcome.NEW] == count
    # When the last file was read, at least the first batch was already in the database.
    assert stored_when_read[-1] >= ingest_module.BATCH_SIZE


def test_an_article_transaction_that_hits_a_deadlock_is_run_again(tmp_path, monkeypatch):
    # PostgreSQL ends one of two deadlocked transactions; issue 11 lost those articles until a re-run.
    write(tmp_path, "a.txt", "Budget\n\nDAYTON, Ohio — Mayor Alma Reyes unveiled the budget on Monday.")
    real_save = ingest_module.replace_extraction
    deadlocks = iter([True, True, False])

    def deadlock_twice(article, extraction, **how):
        real_save(article, extraction, **how)
        if next(deadlocks):
            raise OperationalError("deadlock detected") from psycopg.errors.DeadlockDetected()

    monkeypatch.setattr(ingest_module, "replace_extraction", deadlock_twice)
    report = ingest_paths([str(tmp_path)])
    assert report.counts[Outcome.NEW] == 1 and report.failed == 0
    assert Official.objects.filter(name="Alma Reyes").count() == 1  # the failed attempts left nothing


def test_an_article_another_ingest_commits_after_it_was_looked_up_is_a_duplicate(tmp_path, monkeypatch):
    # Race seen on PostgreSQL: the lookup (by hash, or by URL) misses the article another process
    # has not yet committed, which then commits before this one inserts it. The insert collides on
    # the unique hash: the same text, so a duplicate, not a revision ("updated") nor a failure.
    front = "---\nurl: https://example.org/story\n---\n"
    write(tmp_path, "a.txt", front + "Budget\n\nDAYTON, Ohio — Mayor Alma Reyes unveiled the budget.")
    ingest_paths([str(tmp_path)])
    saved = Article.objects.get()
    real = Article.objects

    class LookupMisses:
        """The article lookup (by hash or URL, a Q) finds nothing the first time."""

        missed = False

        def select_for_update(self):
            return self

        def filter(self, *conditions, **lookups):
            if conditions and not self.missed:
                self.missed = True
                return real.none()
            return real.filter(*conditions, **lookups)

    lookups = LookupMisses()
    monkeypatch.setattr(Article, "objects", lookups)
    raw = next(iter(ingest_module.read_paths([str(tmp_path)])))
    assert ingest_module.save_article(raw, None) == Outcome.DUPLICATE
    monkeypatch.undo()
    assert lookups.missed
    assert Article.objects.get().updated == saved.updated  # untouched


def test_a_new_article_is_saved_without_looking_for_facts_it_cannot_have_yet(tmp_path):
    # Issue 12: statements per article are most of ingest's saving time. A new article has no earlier
    # evidence or readings to clear, and a new official's and a meeting's search text is written with
    # the row instead of read back and updated; what is stored is what a refresh computes.
    write(
        tmp_path,
        "a.txt",
        "Budget talks\n\nDAYTON, Ohio — Mayor Alma Reyes met Police Chief Tom Ortiz on Monday to discuss the budget.",
    )
    with CaptureQueriesContext(connection) as ctx:
        report = ingest_paths([str(tmp_path)])
    assert report.counts[Outcome.NEW] == 1
    statements = [query["sql"] for query in ctx.captured_queries]
    assert not [sql for sql in statements if sql.startswith('DELETE FROM "events_evidence"')]
    assert not [sql for sql in statements if sql.startswith('UPDATE "events_official" SET "search_text"')]
    # A new meeting is derived from its one reading and inserted whole, with its participants.
    assert not [sql for sql in statements if sql.startswith('UPDATE "events_meeting"')]
    for official in Official.objects.all():
        stored = official.search_text
        official.refresh_search_text()
        assert stored == official.search_text
    assert "Mayor Dayton OH" in Official.objects.get(name="Alma Reyes").search_text
    meeting = Meeting.objects.get()
    stored = meeting.search_text
    meeting.refresh_search_text()
    assert stored == meeting.search_text
    assert {"Alma Reyes", "Tom Ortiz", "Dayton"} <= set(stored.split(" | "))

    def as_stored():
        row = Meeting.objects.values().get()
        row.pop("updated")  # the time of the last save
        return row, list(Participant.objects.values_list("official__name", "title").order_by("pk"))

    before = as_stored()
    refresh_meeting(Meeting.objects.get())  # deriving it from its readings again changes nothing
    assert as_stored() == before
    assert len(before[1]) == 2


def test_when_saving_falls_behind_the_workers_apply_the_rules_too(tmp_path, monkeypatch):
    # The rules run beside saving while the workers are the slower side, and move to the workers
    # for the batches that saving would otherwise keep them waiting for (issue 12).
    monkeypatch.setattr(ingest_module, "BATCH_SIZE", 4)
    for n in range(16):
        write(
            tmp_path,
            f"a{n:02}.txt",
            f"Budget {n}\n\nDAYTON, Ohio — Mayor Alma Reyes met Gov. Ruth Hallam on Monday.",
        )
    rules, save = ingest_module.from_parsed, ingest_module.save_article
    ruled_here = []

    def counted(parsed, *args, **kwargs):
        ruled_here.append(parsed)
        return rules(parsed, *args, **kwargs)

    def slow(*args, **kwargs):
        time.sleep(0.1)  # saving is the slower side
        return save(*args, **kwargs)

    monkeypatch.setattr(ingest_module, "from_parsed", counted)
    monkeypatch.setattr(ingest_module, "save_article", slow)
    report = ingest_paths([str(tmp_path)], workers=1)
    assert report.counts[Outcome.NEW] == 16 and report.failed == 0
    assert 0 < len(ruled_here) < 16
    reyes = Official.objects.get(name="Alma Reyes")
    assert reyes.evidence.values("article").distinct().count() == 16
    assert MeetingSource.objects.count() == 16  # each article's reading of the meeting


def test_an_article_whose_rules_fail_beside_the_workers_is_kept_failed_and_the_rest_saved(
    tmp_path, monkeypatch
):
    # The workers parse; the rules run in the saving process (issue 12): a failure there is one article's.
    for n in range(ingest_module.BATCH_SIZE + 4):
        body = "Boom" if n == 5 else "DAYTON, Ohio — Mayor Alma Reyes met Gov. Ruth Hallam on Monday"
        write(tmp_path, f"a{n:02}.txt", f"Budget {n}\n\n{body}, budget item {n}.")
    real = ingest_module.from_parsed

    def fragile(parsed, *args, **kwargs):
        if b"Boom" in parsed:
            raise ValueError("rules crashed")
        return real(parsed, *args, **kwargs)

    monkeypatch.setattr(ingest_module, "from_parsed", fragile)
    report = ingest_paths([str(tmp_path)], workers=1)
    assert report.problems == [f"{tmp_path / 'a05.txt'}: extraction failed: ValueError: rules crashed"]
    assert report.counts[Outcome.NEW] == ingest_module.BATCH_SIZE + 3
    assert Article.objects.get(source_key="a05").extraction_status == Article.Status.FAILED
