"""Extraction of a batch of texts, safe to run in a worker process (no Django imported here).

``ingest --workers N`` sends batches here through a pool of N processes (with ``--workers 0``, or
a single batch, it runs in-process).
A text that makes the extractor fail yields an error message in its place, never a lost batch.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Iterable, Iterator
from itertools import islice

from .extraction import Extraction, extract, extract_many

Item = tuple[str, dt.date | None]


def extract_batch(items: list[Item], model: str, batch_size: int = 32) -> list[Extraction | str]:
    """One result per item, in order: its Extraction, or the error it raised as text."""
    try:
        return list(extract_many(items, model=model, batch_size=batch_size))
    except Exception:  # noqa: BLE001 - find out which text failed, and keep the others
        results: list[Extraction | str] = []
        for text, published, *source in items:
            try:
                results.append(extract(text, published, source=source[0] if source else None, model=model))
            except Exception as exc:  # noqa: BLE001 - reported per article by the caller
                results.append(f"extraction failed: {type(exc).__name__}: {exc}")
        return results


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
