"""Extraction as a background task (issue 12, item 3), run here by the immediate backend: enqueued
after commit by `ingest --enqueue` and the admin, idempotent, swept up by `extract_pending`, and
shown in the admin. tests/test_workers.py runs real `db_worker` processes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from events import tasks
from events.extraction import EXTRACTOR_VERSION
from events.models import Article, Evidence, ExtractionState, Meeting, Official
from events.tasks import Done, enqueue_pending, extract_article
from tests.factories import make_article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TEXT = (
    "Mayor to meet governor\n\nDAYTON, Ohio — Dayton Mayor Alma Reyes will meet Gov. Ruth Hallam in "
    "Columbus on Tuesday to discuss road funding."
)
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

pytestmark = pytest.mark.django_db


def command(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def article_in(state: ExtractionState, **kwargs) -> Article:
    """An article whose extraction is ``state``."""
    status = {ExtractionState.EXTRACTED: Article.Status.DONE, ExtractionState.STALE: Article.Status.DONE}
    version = EXTRACTOR_VERSION if state == ExtractionState.EXTRACTED else "0.9.0"
    return make_article(
        extraction_status=status.get(state, state), extractor_version=version, extraction_error="", **kwargs
    )


def test_ingest_enqueue_saves_articles_pending_and_extracts_them_after_the_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        out = command("ingest", str(SEEDS), "--enqueue", "--no-progress")
    assert "new 1" in out and "Queued 1 article(s) for extraction" in out
    article = Article.objects.get()
    # Saved, with no facts yet: the extraction waits for the commit.
    assert article.extraction_state == ExtractionState.PENDING and not Official.objects.exists()
    assert len(callbacks) == 1

    callbacks[0]()  # the commit: the (immediate) task runs
    article.refresh_from_db()
    assert article.extraction_state == ExtractionState.EXTRACTED
    assert Official.objects.filter(name="Quinton Lucas").exists()
    assert Meeting.objects.filter(city__name="Jefferson City").exists()


@pytest.mark.parametrize(
    ("options", "problem"),
    [(["--dry-run"], "--enqueue and --dry-run"), (["--workers", "2"], "db_worker processes extract")],
)
def test_ingest_enqueue_refuses_options_it_cannot_honour(options, problem):
    with pytest.raises(CommandError, match=problem):
        command("ingest", str(SEEDS), "--enqueue", *options)
    assert not Article.objects.exists()


def test_a_task_for_text_that_has_changed_since_does_nothing():
    article = article_in(ExtractionState.PENDING, text=TEXT)
    old_hash = article.content_hash
    article.text = TEXT.replace("Tuesday", "Wednesday")
    article.save()

    result = extract_article.enqueue(article.pk, old_hash)

    assert result.return_value == Done.CHANGED
    article.refresh_from_db()
    assert article.extraction_state == ExtractionState.PENDING and not Evidence.objects.exists()


def test_a_task_for_an_article_the_current_extractor_has_extracted_does_nothing(django_assert_num_queries):
    article = article_in(ExtractionState.PENDING, text=TEXT)
    assert extract_article.enqueue(article.pk, article.content_hash).return_value == Done.EXTRACTED
    evidence = set(Evidence.objects.values_list("pk", flat=True))
    assert evidence

    with django_assert_num_queries(1):  # reads the article, writes nothing
        result = extract_article.enqueue(article.pk, article.content_hash)

    assert result.return_value == Done.CURRENT
    assert set(Evidence.objects.values_list("pk", flat=True)) == evidence


def test_a_stale_article_is_extracted_again():
    article = article_in(ExtractionState.STALE, text=TEXT)
    assert extract_article.enqueue(article.pk, article.content_hash).return_value == Done.EXTRACTED
    article.refresh_from_db()
    assert article.extractor_version == EXTRACTOR_VERSION
    assert Official.objects.filter(name="Alma Reyes").exists()


def test_a_failed_extraction_is_kept_on_the_article_and_fails_the_task(monkeypatch):
    article = article_in(ExtractionState.PENDING, text=TEXT)

    def broken(*args, **kwargs):
        raise ValueError("the parser fell over")

    monkeypatch.setattr(tasks, "extract", broken)
    result = extract_article.enqueue(article.pk, article.content_hash)

    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class is ValueError
    article.refresh_from_db()
    assert article.extraction_state == ExtractionState.FAILED
    assert article.extraction_error == "ValueError: the parser fell over"


def test_extract_pending_enqueues_missing_failed_and_stale_extractions():
    pending, failed, stale = (
        article_in(state, text=TEXT.replace("road", word))
        for state, word in (
            (ExtractionState.PENDING, "bridge"),
            (ExtractionState.FAILED, "water"),
            (ExtractionState.STALE, "school"),
        )
    )
    current = article_in(ExtractionState.EXTRACTED)

    out = command("extract_pending")

    assert (
        out.strip() == "Queued 3 article(s) for extraction (1 pending, 1 failed, 1 stale); 0 already queued."
    )
    for article in (pending, failed, stale):
        article.refresh_from_db()
        assert article.extraction_state == ExtractionState.EXTRACTED, article.title
    current.refresh_from_db()
    assert current.extraction_state == ExtractionState.EXTRACTED and not current.evidence.exists()
    assert command("extract_pending").strip() == "Queued 0 article(s) for extraction; 0 already queued."


def test_the_sweep_does_not_queue_an_article_twice_but_requeues_a_dead_workers_task(settings):
    settings.TASKS = DATABASE_QUEUE
    first, second = (article_in(ExtractionState.PENDING, text=TEXT.replace("road", w)) for w in ("a", "b"))

    assert enqueue_pending().summary() == "Queued 2 article(s) for extraction (2 pending); 0 already queued."
    assert enqueue_pending().summary() == "Queued 0 article(s) for extraction; 2 already queued."
    queued = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert sorted(row.args_kwargs["args"] for row in queued) == sorted(
        [[first.pk, first.content_hash], [second.pk, second.content_hash]]
    )

    # A worker claimed the first and was killed: the task stays "running", the article pending.
    claimed = next(row for row in queued if row.args_kwargs["args"] == [first.pk, first.content_hash])
    claimed.claim("killed-worker")
    assert enqueue_pending().summary() == "Queued 1 article(s) for extraction (1 pending); 1 already queued."
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 2


@pytest.mark.django_db(transaction=True)  # the admin's own transaction commits, as in production
def test_an_admin_save_with_a_database_queue_leaves_the_article_to_a_worker(settings, admin_client):
    settings.TASKS = DATABASE_QUEUE
    title, _, body = TEXT.partition("\n\n")
    form = {"title": title, "body": body, "published": "2024-03-08", "source": "", "url": ""}
    response = admin_client.post(
        reverse("admin:events_article_add"), {**form, "source_key": "typed", "dateline_city": ""}
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.extraction_state == ExtractionState.PENDING and not Official.objects.exists()
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.READY
    assert task.args_kwargs["args"] == [article.pk, article.content_hash]
    page = admin_client.get(response.url).content.decode()
    assert "A background worker extracts the article shortly" in page


def test_changing_only_the_published_date_extracts_again(admin_client, django_capture_on_commit_callbacks):
    """The same text, a week later: "Tuesday" is another day, though the content hash is the same."""
    title, _, body = TEXT.partition("\n\n")
    form = {"title": title, "body": body, "source": "", "url": "", "source_key": "typed", "dateline_city": ""}
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("admin:events_article_add"), {**form, "published": "2024-03-08"})
    article = Article.objects.get()
    assert Meeting.objects.get().date.isoformat() == "2024-03-12"

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:events_article_change", args=[article.pk]), {**form, "published": "2024-03-15"}
        )
    assert Meeting.objects.get().date.isoformat() == "2024-03-19"


def test_the_reextract_action_extracts_current_articles_again(
    admin_client, django_capture_on_commit_callbacks
):
    article = article_in(ExtractionState.EXTRACTED, text=TEXT)
    assert not article.evidence.exists()  # made by hand, never really extracted
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:events_article_changelist"),
            {"action": "reextract", "_selected_action": [article.pk]},
            follow=True,
        )
    assert "Extracting 1 article(s) again" in response.content.decode()
    assert article.evidence.exists() and Official.objects.filter(name="Alma Reyes").exists()


def test_the_article_list_shows_and_filters_each_extraction_state(
    admin_client, django_assert_max_num_queries
):
    made = {state: article_in(state, title=f"The {state} one") for state in ExtractionState}
    Article.objects.filter(pk=made[ExtractionState.FAILED].pk).update(
        extraction_error="ValueError: <script>alert(1)</script> in the text"
    )
    url = reverse("admin:events_article_changelist")

    with django_assert_max_num_queries(12):  # the column reads the row: no query per article
        page = admin_client.get(url).content.decode()
    assert 'Failed: <span title="ValueError: &lt;script&gt;alert(1)&lt;/script&gt; in the text">' in page
    assert "<script>alert(1)" not in page
    assert "Stale (older extractor)" in page

    for state, article in made.items():
        listed = admin_client.get(url, {"extraction": state}).context["cl"].result_list
        assert [a.title for a in listed] == [article.title], state
    everything = admin_client.get(url, {"extraction": "nonsense"}).context["cl"].result_list
    assert len(everything) == len(made)
