"""Advisory locks that make find-or-create safe between concurrent ingests."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db import connection


def lock(keys: Iterable[str]) -> None:
    """Make find-or-create safe between processes: hold ``keys`` until the transaction ends.

    Two ingests resolving "Alma Reyes" at once would both find nothing and both create her (issue
    11). On PostgreSQL each key is a transaction-level advisory lock, taken in sorted order within a
    call (and calls come in a fixed order: an article's cities and surnames, then the
    stored officials they may mean), so two articles wait for each other instead of
    deadlocking. SQLite needs nothing: its IMMEDIATE transactions let one writer in at a time.
    """
    if connection.vendor != "postgresql":
        return
    numbers = sorted(
        {
            int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)
            for key in keys
        }
    )
    if not numbers:
        return
    with connection.cursor() as cursor:  # one statement, taking the locks in the sorted order
        cursor.execute(
            "SELECT count(pg_advisory_xact_lock(key)) FROM (SELECT unnest(%s::bigint[]) AS key ORDER BY 1) keys",
            [numbers],
        )
