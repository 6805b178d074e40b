"""Extraction of a batch of texts, safe to run in a worker process (no Django imported here).

``ingest --workers N`` sends batches to ``parse_batch`` through a pool of N processes, which run the
spaCy pipeline, and applies the rules to what they return in the process that saves (with
``--workers 0``, or a single batch, it runs ``extract_batch`` in-process).
A text that makes the extractor fail yields an error message in its place, never a lost batch.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from .extraction import Extraction, extract, extract_many, parse_many

Item = tuple[str, dt.date | None]


def extract_batch(items: list[Item], model: str, batch_size: int = 32) -> list[Extraction | str]:
    """One result per item, in order: its Extraction, or the error it raised as text."""
    return _each(
        items,
        lambda: extract_many(items, model=model, batch_size=batch_size),
        lambda item: extract(*item[:2], source=item[2] if len(item) > 2 else None, model=model),
    )


def parse_batch(texts: list[str], model: str, batch_size: int = 32) -> list[bytes | str]:
    """One result per text, in order: its parsed document (``parse_many``: the spaCy pipeline only,
    serialised), or the error it raised as text. ``ingest``'s workers run this, and the process that
    saves applies the rules (``from_parsed``) in the time it would spend waiting for them."""
    return _each(
        texts,
        lambda: parse_many(texts, model=model, batch_size=batch_size),
        lambda text: next(parse_many([text], model=model)),
    )


def _each(items: list, whole: Callable[[], Iterable], one: Callable) -> list:
    """``whole()``'s results for the batch of ``items``; if it raises, ``one(item)`` for each item,
    so that the text that makes the extractor fail is found and the others kept."""
    try:
        return list(whole())
    except Exception:  # noqa: BLE001 - find out which text failed, and keep the others
        results = []
        for item in items:
            try:
                results.append(one(item))
            except Exception as exc:  # noqa: BLE001 - reported per article by the caller
                results.append(failure(exc))
        return results


def failure(exc: Exception) -> str:
    """What an article whose extraction raised ``exc`` reports."""
    return f"extraction failed: {type(exc).__name__}: {exc}"


def exit_with_parent() -> None:
    """Pool initializer: end this worker process when the process that started it dies.

    A worker whose ingest was killed (SIGKILL, the OOM killer) would otherwise wait forever for
    batches that never come, holding its memory and the dead process's output pipes open (a caller
    reading them never sees them close)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def batches(items: Iterable, size: int) -> Iterator[list]:
    """``items`` in lists of ``size`` (the last may be shorter), read lazily."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
