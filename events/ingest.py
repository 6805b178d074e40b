"""Ingest articles: read, extract, and save each article with its facts in one transaction.

``ingest_paths()`` is what ``manage.py ingest`` runs. Extraction (slow, pure) happens outside any
transaction; each article is then saved, with everything extracted from it, in its own durable
transaction, so a failure leaves nothing half-written and never stops the other articles. The
unique content hash makes a second run a no-op. With ``enqueue``, articles are saved pending and
background workers extract them (``events.tasks``).
"""

from __future__ import annotations

import enum
import functools
import logging
import random
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TypeVar

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q

from .extraction import EXTRACTOR_VERSION, Extraction, from_parsed
from .models import Article
from .readers import RawArticle, ReadError, read_paths
from .resolve import replace_extraction
from .workers import batches, exit_with_parent, extract_batch, failure, parse_batch

logger = logging.getLogger(__name__)
T = TypeVar("T")

BATCH_SIZE = 32


class Outcome(enum.StrEnum):
    NEW = "new"
    UPDATED = "updated"  # same URL, new text: the article was revised
    REEXTRACTED = "re-extracted"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass
class IngestReport:
    """What one ingest run did, for the summary line."""

    counts: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    @property
    def read(self) -> int:
        return sum(self.counts.values())

    @property
    def failed(self) -> int:
        return self.counts[Outcome.FAILED]

    def fail(self, message: str) -> None:
        self.counts[Outcome.FAILED] += 1
        self.problems.append(message)


def ingest_paths(
    paths: Iterable[str],
    *,
    workers: int = 1,
    reextract: bool = False,
    dry_run: bool = False,
    enqueue: bool = False,
    on_problem: Callable[[str], None] = lambda message: None,
    on_note: Callable[[str], None] = lambda message: None,
    progress: Callable[[int], None] = lambda n: None,
) -> IngestReport:
    """Ingest every article under ``paths``; report problems as they happen through ``on_problem``.

    Articles stream through in batches: read, filtered against the database, extracted, saved, so
    memory stays bounded whatever the size of the input (issue 11: 64 MB used to peak at 933 MB).
    ``on_note`` hears what a reader changed to store an article (a URL too long to keep);
    ``progress`` is called once per record read, whatever became of it. ``enqueue`` saves articles
    without extracting them and enqueues their extraction for the background workers.
    """
    report = IngestReport()
    seen: set[str] = set()  # hashes read in this run: a twin later in the input is a duplicate
    stored: set[str] = set()  # those of them already in the database

    def fail(message: str) -> None:
        report.fail(message)
        on_problem(message)

    def fresh() -> Iterator[RawArticle]:
        """Readable articles, each text once; errors and twins are reported as they are read."""
        for item in read_paths(paths):
            if isinstance(item, ReadError):
                fail(str(item))
                progress(1)
                continue
            for note in item.notes:
                on_note(f"{item.origin}: {note}")
            if item.content_hash in seen:
                report.counts[Outcome.DUPLICATE] += 1
                progress(1)
            else:
                seen.add(item.content_hash)
                yield item

    def to_extract() -> Iterator[list[RawArticle]]:
        """Batches of the articles to extract: stored ones are skipped unless ``reextract``."""
        for batch in batches(fresh(), BATCH_SIZE):
            hashes = [raw.content_hash for raw in batch]
            stored.update(
                Article.objects.filter(content_hash__in=hashes).values_list("content_hash", flat=True)
            )
            if not reextract:
                skipped = sum(1 for raw in batch if raw.content_hash in stored)
                report.counts[Outcome.DUPLICATE] += skipped
                progress(skipped)
                batch = [raw for raw in batch if raw.content_hash not in stored]
            if batch:
                yield batch

    def tally(done: list[Done]) -> None:
        for outcome, messages in done:
            report.counts[outcome] += 1
            if outcome is Outcome.FAILED:
                report.problems.append(messages[0])
            for message in messages:
                on_problem(message)
            progress(1)

    if enqueue:
        for batch in to_extract():
            tally([_finish(raw, None, reextract=reextract) for raw in batch])
        return report
    # Each article with whether it is stored already (checked as its batch is read).
    work = ([(raw, raw.content_hash in stored) for raw in batch] for batch in to_extract())
    for done in _ingest_stream(work, workers, reextract=reextract, dry_run=dry_run):
        tally(done)
    return report


# What became of one article: its outcome, and the messages to report (when it FAILED, the first
# says why).
Done = tuple[Outcome, list[str]]


def _finish(
    raw: RawArticle,
    result: Extraction | str | None,
    *,
    reextract: bool,
    dry_run: bool = False,
    stored: bool = False,
) -> Done:
    """Save one extracted article (or keep it failed, or only say what would be saved)."""
    if isinstance(result, str):
        problems = [f"{raw.origin}: {result}"]
        if not dry_run:
            _keep_failed(raw, result, reextract=reextract, on_problem=problems.append)
        return Outcome.FAILED, problems
    if dry_run:
        return (Outcome.REEXTRACTED if stored else Outcome.NEW), []
    try:
        return save_article(raw, result, reextract=reextract), []
    except Exception as exc:  # noqa: BLE001 - one bad article never stops the rest
        logger.exception("saving %s failed", raw.origin)
        return Outcome.FAILED, [f"{raw.origin}: could not save: {type(exc).__name__}: {exc}"]


def _finish_batch(
    batch: list[tuple[RawArticle, bool]], results: list[Extraction | str], *, reextract: bool, dry_run: bool
) -> list[Done]:
    """Save one extracted batch: each article's outcome, in order."""
    return [
        _finish(raw, result, reextract=reextract, dry_run=dry_run, stored=stored)
        for (raw, stored), result in zip(batch, results, strict=True)
    ]


def _extract_only(batch: list[tuple[RawArticle, bool]], model: str) -> list[Extraction | str]:
    return extract_batch([(raw.text, raw.published) for raw, _ in batch], model, BATCH_SIZE)


def _parse_only(batch: list[tuple[RawArticle, bool]], model: str) -> list[bytes | str]:
    return parse_batch([raw.text for raw, _ in batch], model, BATCH_SIZE)


def _apply_rules(
    batch: list[tuple[RawArticle, bool]], parsed: list[bytes | str], model: str
) -> list[Extraction | str]:
    """The extractions of a batch a worker parsed (an error it met is passed on)."""
    results: list[Extraction | str] = []
    for (raw, _), item in zip(batch, parsed, strict=True):
        if isinstance(item, str):
            results.append(item)
            continue
        try:
            results.append(from_parsed(item, raw.published, model=model))
        except Exception as exc:  # noqa: BLE001 - reported per article, the others are kept
            results.append(failure(exc))
    return results


def _ingest_stream(
    batches: Iterator[list[tuple[RawArticle, bool]]], workers: int, *, reextract: bool, dry_run: bool
) -> Iterator[list[Done]]:
    """What became of each batch of (article, already stored), in order.

    ``workers`` processes run the spaCy pipeline while this one applies the extractor's rules to the
    documents they return and saves the results, so ingest runs at the model's pace (issue 12:
    extracting then saving in one process ran at 0.6x spaCy's rate; the rules and saving together cost
    about half of what the model does, and the rules were 11 % of a worker's time). When saving is
    the slower side (two workers), the workers apply the rules of the next batch too. At most
    ``2 * workers`` batches are in flight: every process stays busy without reading the whole input
    ahead. The workers never touch the database: each article is saved here, in its own transaction.
    With no workers, or a single batch (starting a process would cost more than it saves), this
    process extracts too.
    """
    model = settings.CIVICNEWS_SPACY_MODEL
    finish = functools.partial(_finish_batch, reextract=reextract, dry_run=dry_run)
    first = list(islice(batches, 2))
    batches = chain(first, batches)
    if workers < 1 or len(first) < 2:
        for batch in batches:
            yield finish(batch, _extract_only(batch, model))
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=exit_with_parent) as pool:
        pending: deque[tuple[list, Future, bool]] = deque()  # a batch, its future, parsed only
        rules_here = True  # whether this process applies the rules of the next batch sent

        def oldest() -> list[Done]:
            nonlocal rules_here
            done, future, parsed_only = pending.popleft()
            # A batch ready before this process asks for it: saving is the slower side, so the
            # workers take the rules of the next batch too; one not ready: the workers are.
            rules_here = not future.done()
            results = future.result()
            if parsed_only:
                results = _apply_rules(done, results, model)
            return finish(done, results)

        for batch in batches:
            work = _parse_only if rules_here else _extract_only
            pending.append((batch, pool.submit(work, batch, model), rules_here))
            if len(pending) >= 2 * workers:
                yield oldest()
        while pending:
            yield oldest()


def save_article(raw: RawArticle, extraction: Extraction | None, *, reextract: bool = False) -> Outcome:
    """Save one article and its extraction atomically (without one: pending, its extraction enqueued).

    An article with this text that another process saved meanwhile is a duplicate (it is replaced
    only with ``reextract``), whether it is found here or collides on the unique hash.
    """

    def save() -> Outcome:
        try:
            return _save_article(raw, extraction, reextract=reextract)
        except IntegrityError:
            if Article.objects.filter(content_hash=raw.content_hash).exists():
                return Outcome.DUPLICATE
            if raw.url and Article.objects.at_url(raw.url).exists():
                raise SavedMeanwhile(f"another process saved an article at {raw.url} meanwhile") from None
            raise

    return retrying(save)


class SavedMeanwhile(Exception):
    """Another process saved an article at the same URL meanwhile: saving again makes this an update."""


# PostgreSQL ends one of two transactions that deadlock (40P01), or that cannot be serialised
# (40001), and expects the client to run it again (issue 11: deadlocks on events_official lost
# articles until a re-run). Each attempt is the whole article transaction.
RETRY_SQLSTATES = {"40P01", "40001"}
ATTEMPTS = 5


def retrying(operation: Callable[[], T]) -> T:
    """``operation()``, run again (after a short random pause) while it fails only because of a
    concurrent transaction; the error of the last of ``ATTEMPTS`` tries stands."""
    for attempt in range(1, ATTEMPTS):
        try:
            return operation()
        except (OperationalError, SavedMeanwhile) as exc:
            if (
                isinstance(exc, OperationalError)
                and getattr(exc.__cause__, "sqlstate", None) not in RETRY_SQLSTATES
            ):
                raise
            logger.info("attempt %d failed (%s); trying again", attempt, exc)
            time.sleep(random.uniform(0, 0.05 * 2**attempt))  # apart, so they do not collide again
    return operation()


@transaction.atomic(durable=True)
def _save_article(raw: RawArticle, extraction: Extraction | None, *, reextract: bool) -> Outcome:
    # This text, else an earlier text at this URL: read in one statement, each through its index.
    # Another process may have committed this very article since it was read as new: it is then
    # found by its URL with this text, a duplicate, not a revision.
    stored = Q(content_hash=raw.content_hash)
    if raw.url:
        stored |= Article.at_url_condition(raw.url)
    found = sorted(
        Article.objects.select_for_update().filter(stored).order_by(),
        key=lambda a: a.content_hash != raw.content_hash,
    )
    article = found[0] if found else None
    if article is not None and article.content_hash == raw.content_hash:
        if not reextract:
            return Outcome.DUPLICATE
        outcome = Outcome.REEXTRACTED
    elif article is not None:
        outcome = Outcome.UPDATED
    else:
        article, outcome = Article(), Outcome.NEW
    _copy_raw(article, raw)
    if extraction is None:  # ingest --enqueue: saved pending, a worker extracts it after the commit
        from .tasks import extract_later  # imported here: the task module builds on this one

        extract_later(article)
        article.save()
    else:
        if outcome is not Outcome.NEW:
            article.save()
        _apply_extraction(article, extraction)  # a new article is inserted there, extracted
    return outcome


def _apply_extraction(article: Article, extraction: Extraction) -> None:
    """Replace the article's facts with ``extraction`` and mark it extracted (caller's transaction).
    A new article (no id yet) is inserted by ``replace_extraction``, marked already."""
    adding = article.pk is None
    article.extraction_status = Article.Status.DONE
    article.extraction_error = ""
    article.extractor_version = EXTRACTOR_VERSION
    replace_extraction(article, extraction)
    if not adding:
        article.save(
            update_fields=["dateline_city", "extraction_status", "extraction_error", "extractor_version"]
        )


def _keep_failed(raw: RawArticle, error: str, *, reextract: bool, on_problem: Callable[[str], None]) -> None:
    """Keep an article whose extraction failed, marked failed, so its text is not lost."""

    @transaction.atomic(durable=True)
    def keep() -> None:
        article = Article.objects.select_for_update().filter(content_hash=raw.content_hash).first()
        if article is not None and not reextract:
            return  # stored meanwhile by another ingest: nothing is lost, and its facts stay
        article = article or Article()
        _copy_raw(article, raw)
        article.extraction_status = Article.Status.FAILED
        article.extraction_error = error
        article.save()

    try:
        retrying(keep)
    except Exception as exc:  # noqa: BLE001 - the article already counts as failed; say why it is lost
        logger.exception("keeping the failed article %s failed", raw.origin)
        on_problem(f"{raw.origin}: could not keep the failed article: {type(exc).__name__}: {exc}")


def _copy_raw(article: Article, raw: RawArticle) -> None:
    article.title = raw.title
    article.text = raw.text
    article.url = raw.url
    article.source = raw.source
    article.published = raw.published
    article.source_key = raw.source_key
