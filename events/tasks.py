"""Extraction as a background task, on Django's Tasks API.

The task is written against the django-tasks backport of Django 6's ``django.tasks`` (on Django 6,
import ``task`` from ``django.tasks`` instead). ``settings.TASKS`` stores tasks in the database with
django-tasks-db, whose ``manage.py db_worker`` processes claim them one at a time (``SELECT ... FOR
UPDATE SKIP LOCKED`` on PostgreSQL, an exclusive transaction on SQLite), so any number of workers on
any number of machines share one queue. Tests run tasks at once with the immediate backend.

A task is keyed on the article and the hash of the text it was enqueued for. It does nothing when
that text has changed since (the change enqueued a task of its own) or when the current extractor
has already extracted it, so duplicate tasks and re-runs are harmless. Whatever enqueues one first
marks the article pending in its own transaction, and enqueues after that commits: a worker never
reads uncommitted text, and an article whose task is lost (a worker killed mid-task, a queue
emptied) stays pending until ``enqueue_pending()`` (``manage.py extract_pending``, and every
``db_worker`` at start) enqueues it again, with the failed and the stale ones.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.db import transaction
from django_tasks import TaskResult, TaskResultStatus, task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from .extraction import Extraction, extract
from .ingest import _apply_extraction, retrying
from .models import Article, ExtractionState, extraction_state

SWEEP_CHUNK = 1000


class Done(enum.StrEnum):
    """What a task did (its return value)."""

    EXTRACTED = "extracted"
    CHANGED = "changed"  # the text changed since (or the article is gone): its own task extracts it
    CURRENT = "current"  # the current extractor has already extracted this text


@task()
def extract_article(article_id: int, content_hash: str) -> str:
    """Extract the article ``article_id`` if it still has the text hashed ``content_hash`` and the
    current extractor has not extracted it yet. A failure is recorded on the article, then raised
    so the task is failed too (and the worker logs its traceback)."""
    article = Article.objects.filter(pk=article_id, content_hash=content_hash).first()
    if article is None:
        return Done.CHANGED
    if article.extraction_state == ExtractionState.EXTRACTED:
        return Done.CURRENT
    try:
        extraction = extract(article.text, article.published, model=settings.CIVICNEWS_SPACY_MODEL)
    except Exception as exc:
        retrying(partial(_record_failure, article_id, content_hash, f"{type(exc).__name__}: {exc}"))
        raise
    return retrying(partial(_save, article_id, content_hash, extraction))


@transaction.atomic(durable=True)
def _save(article_id: int, content_hash: str, extraction: Extraction) -> Done:
    # Checked again under the row lock: the text may have changed, or another worker run a twin of
    # this task, while this one was extracting.
    article = Article.objects.select_for_update().filter(pk=article_id, content_hash=content_hash).first()
    if article is None:
        return Done.CHANGED
    if article.extraction_state == ExtractionState.EXTRACTED:
        return Done.CURRENT
    _apply_extraction(article, extraction)
    return Done.EXTRACTED


def _record_failure(article_id: int, content_hash: str, error: str) -> None:
    Article.objects.filter(pk=article_id, content_hash=content_hash).update(
        extraction_status=Article.Status.FAILED, extraction_error=error
    )


def enqueue_extraction(article_id: int, content_hash: str) -> TaskResult:
    return extract_article.enqueue(article_id, content_hash)


def extract_later(article: Article, then: Callable[[TaskResult], None] = lambda result: None) -> None:
    """Mark ``article`` pending (the caller saves it) and enqueue its extraction once the caller's
    transaction commits, like Zulip's ``send_event_on_commit``; ``then`` gets the task's result."""
    article.extraction_status = Article.Status.PENDING
    article.extraction_error = ""
    transaction.on_commit(lambda: then(enqueue_extraction(article.pk, article.content_hash)))


@dataclass
class SweepReport:
    """What ``enqueue_pending()`` queued, by extraction state, and how many were queued already."""

    queued: Counter = field(default_factory=Counter)
    already_queued: int = 0

    def summary(self) -> str:
        total = sum(self.queued.values())
        states = ", ".join(
            f"{self.queued[state]} {state}" for state in ExtractionState if state in self.queued
        )
        line = f"Queued {total} article(s) for extraction" + (f" ({states})" if total else "")
        return f"{line}; {self.already_queued} already queued."


def enqueue_pending() -> SweepReport:
    """Enqueue the extraction of every article that needs one (pending, failed or stale) and has no
    task waiting in the queue already. Safe to run at any time, by any number of workers: a twin
    task does nothing."""
    report = SweepReport()
    queue = database_queue()
    waiting = queued_extractions(queue) if queue else set()
    # A database queue takes each chunk's tasks in one transaction: 10,000 tasks took 18 s on SQLite
    # and 13 s on PostgreSQL with a commit each, 4.5 s and 7 s so. The immediate backend runs each
    # task as it is enqueued, in a durable transaction of its own, so there is none around it.
    together = transaction.atomic if queue else nullcontext
    last = 0
    # In chunks of the primary key: bounded memory at any archive size, and no cursor held open
    # while the immediate backend runs each task on the same connection.
    while rows := list(
        Article.objects.needs_extraction()
        .filter(pk__gt=last)
        .order_by("pk")
        .values_list("pk", "content_hash", "extraction_status", "extractor_version")[:SWEEP_CHUNK]
    ):
        with together():
            for pk, content_hash, status, version in rows:
                if (pk, content_hash) in waiting:
                    report.already_queued += 1
                else:
                    enqueue_extraction(pk, content_hash)
                    report.queued[extraction_state(status, version)] += 1
        last = rows[-1][0]
    return report


def database_queue() -> DatabaseBackend | None:
    """The backend extraction tasks go to, when it keeps them in the database (django-tasks-db)."""
    backend = extract_article.get_backend()
    return backend if isinstance(backend, DatabaseBackend) else None


def queued_extractions(queue: DatabaseBackend) -> set[tuple[int, str]]:
    """The (article, content hash) keys of extraction tasks waiting to run in ``queue``. A task that
    is running may belong to a worker that died, so it does not count."""
    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, backend_name=queue.alias, task_path=extract_article.module_path
    ).values_list("args_kwargs", flat=True)
    return {tuple(args_kwargs["args"]) for args_kwargs in waiting}
