"""Ingest articles: read, extract, and save each article with its facts in one transaction.

``ingest_paths()`` is what ``manage.py ingest`` runs; ``extract_article()`` is what the admin runs
after an editor saves an article. Extraction (slow, pure) happens outside any transaction; each
article is then saved, with everything extracted from it, in its own durable transaction, so a
failure leaves nothing half-written and never stops the other articles. The unique content hash
makes a second run a no-op.
"""

from __future__ import annotations

import enum
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice, repeat

from django.conf import settings
from django.db import IntegrityError, transaction

from .extraction import EXTRACTOR_VERSION, Extraction, extract
from .models import Article
from .readers import RawArticle, ReadError, read_paths
from .resolve import replace_extraction
from .workers import extract_batch

logger = logging.getLogger(__name__)

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
    on_problem: Callable[[str], None] = lambda message: None,
    progress: Callable[[int], None] = lambda n: None,
    on_total: Callable[[int], None] = lambda n: None,
) -> IngestReport:
    """Ingest every article under ``paths``; report problems as they happen through ``on_problem``."""
    report = IngestReport()

    def fail(message: str) -> None:
        report.fail(message)
        on_problem(message)

    todo: list[RawArticle] = []
    seen: set[str] = set()
    for item in read_paths(paths):
        if isinstance(item, ReadError):
            fail(str(item))
        elif item.content_hash in seen:
            report.counts[Outcome.DUPLICATE] += 1
        else:
            seen.add(item.content_hash)
            todo.append(item)

    known = set(Article.objects.filter(content_hash__in=seen).values_list("content_hash", flat=True))
    if not reextract:
        report.counts[Outcome.DUPLICATE] += sum(1 for raw in todo if raw.content_hash in known)
        todo = [raw for raw in todo if raw.content_hash not in known]
    on_total(len(todo))

    for raw, result in zip(todo, _extract_all(todo, workers), strict=True):
        if isinstance(result, str):
            fail(f"{raw.origin}: {result}")
            if not dry_run:
                _save_failed(raw, result)
        elif dry_run:
            report.counts[Outcome.REEXTRACTED if raw.content_hash in known else Outcome.NEW] += 1
        else:
            try:
                report.counts[save_article(raw, result)] += 1
            except Exception as exc:  # noqa: BLE001 - one bad article never stops the rest
                logger.exception("saving %s failed", raw.origin)
                fail(f"{raw.origin}: could not save: {type(exc).__name__}: {exc}")
        progress(1)
    return report


def _extract_all(articles: list[RawArticle], workers: int) -> Iterator[Extraction | str]:
    model = settings.CIVICNEWS_SPACY_MODEL
    batches = ([(raw.text, raw.published) for raw in batch] for batch in _chunks(articles, BATCH_SIZE))
    if workers <= 1 or len(articles) <= BATCH_SIZE:
        for batch in batches:
            yield from extract_batch(batch, model, BATCH_SIZE)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for results in pool.map(extract_batch, batches, repeat(model), repeat(BATCH_SIZE)):
            yield from results


def save_article(raw: RawArticle, extraction: Extraction) -> Outcome:
    """Save one article and its extraction atomically; a concurrent twin counts as a duplicate."""
    try:
        return _save_article(raw, extraction)
    except IntegrityError:
        if Article.objects.filter(content_hash=raw.content_hash).exists():
            return Outcome.DUPLICATE
        raise


@transaction.atomic(durable=True)
def _save_article(raw: RawArticle, extraction: Extraction) -> Outcome:
    article = Article.objects.select_for_update().filter(content_hash=raw.content_hash).first()
    if article is not None:
        outcome = Outcome.REEXTRACTED
    elif raw.url and (article := Article.objects.select_for_update().filter(url=raw.url).first()):
        outcome = Outcome.UPDATED
    else:
        article, outcome = Article(), Outcome.NEW
    _copy_raw(article, raw)
    article.save()  # the facts below need the article's id
    _apply_extraction(article, extraction)
    return outcome


def _apply_extraction(article: Article, extraction: Extraction) -> None:
    """Replace the stored article's facts with ``extraction`` and mark it extracted (caller's transaction)."""
    replace_extraction(article, extraction)
    article.extraction_status = Article.Status.DONE
    article.extraction_error = ""
    article.extractor_version = EXTRACTOR_VERSION
    article.save(
        update_fields=["dateline_city", "extraction_status", "extraction_error", "extractor_version"]
    )


def _save_failed(raw: RawArticle, error: str) -> None:
    """Keep an article whose extraction failed, marked failed, so its text is not lost."""
    try:
        with transaction.atomic(durable=True):
            article = Article.objects.filter(content_hash=raw.content_hash).first() or Article()
            _copy_raw(article, raw)
            article.extraction_status = Article.Status.FAILED
            article.extraction_error = error
            article.save()
    except IntegrityError:
        logger.warning("could not record the failed article %s", raw.origin)


def _copy_raw(article: Article, raw: RawArticle) -> None:
    article.title = raw.title
    article.text = raw.text
    article.url = raw.url
    article.source = raw.source
    article.published = raw.published
    article.source_key = raw.source_key


def extract_article(pk: int) -> Article:
    """(Re-)extract one stored article, e.g. after an editor saved it in the admin."""
    article = Article.objects.get(pk=pk)
    try:
        extraction = extract(article.text, article.published, model=settings.CIVICNEWS_SPACY_MODEL)
    except Exception as exc:  # noqa: BLE001 - recorded on the article for the editor to see
        logger.exception("extracting article %s failed", pk)
        Article.objects.filter(pk=pk).update(
            extraction_status=Article.Status.FAILED, extraction_error=f"{type(exc).__name__}: {exc}"
        )
        article.refresh_from_db()
        return article
    with transaction.atomic(durable=True):
        article = Article.objects.select_for_update().get(pk=pk)
        _apply_extraction(article, extraction)
    return article


def _chunks(items: list, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
