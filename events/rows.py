"""Write rows given as plain values, without a model instance for each (saving an article's facts).

Saving an article is the part of ingest that runs beside spaCy (issue 12), and most of its cost was
Django building statements, not the database running them: ``bulk_create`` of two participants took
0.76 ms of the client's CPU where the same INSERT written out took 0.13 ms. The rows that every
article writes (evidence, meetings, readings, participants, the officials they name, aliases and
roles) are written here; the lookups every article runs are written out where they are made
(``resolve._candidates``, ``officials._by_surname`` and its neighbours), with ``placeholders`` and
``table``. Everything else goes through the ORM.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models import Model

# Rows per INSERT statement: well under SQLite's limit of 32,766 parameters.
ROWS_PER_INSERT = 500

# Fields whose Python values both databases' drivers take as they are (any other, a date or JSON,
# is converted by the field, as ``save()`` would).
AS_THEY_ARE = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "FloatField",
        "ForeignKey",
        "IntegerField",
        "PositiveIntegerField",
        "SlugField",
        "TextField",
    }
)


def insert_rows(
    model: type[Model],
    fields: Sequence[str],
    rows: Iterable[Sequence],
    *,
    returning: bool = False,
    ignore_conflicts: bool = False,
) -> list[int]:
    """Insert ``rows`` into ``model``'s table: each a sequence of values for ``fields`` as the model
    holds them (the id, not the object, for a foreign key). Returns the new rows' ids, in order, when
    ``returning``; with ``ignore_conflicts`` a row that would break a unique constraint is skipped.

    On PostgreSQL the rows go in one statement (up to ``ROWS_PER_INSERT``), parsed and planned once
    instead of once a row (an article's evidence: 0.8 ms less of the server's CPU). SQLite compiles
    one short INSERT and runs it for each row (``executemany``), which there is faster than compiling
    the long one; rows whose ids are wanted go in one statement on both, with ``RETURNING``."""
    if returning and ignore_conflicts:
        raise ValueError("a skipped row has no id to return")
    columns, one_row, converters = _statement_parts(model, tuple(fields))
    if any(converters):  # (evidence has no field to convert: its rows go as they are)
        rows = [
            [
                value if convert is None else convert(value, connection)
                for convert, value in zip(converters, row, strict=True)
            ]
            for row in rows
        ]
    else:
        rows = list(rows)
    if not rows:
        return []
    insert = f"INSERT INTO {table(model)} ({columns}) VALUES "
    tail = " ON CONFLICT DO NOTHING" if ignore_conflicts else " RETURNING id" if returning else ""
    ids: list[int] = []
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql" and not returning:
            cursor.executemany(insert + one_row + tail, rows)
            return ids
        for at in range(0, len(rows), ROWS_PER_INSERT):
            chunk = rows[at : at + ROWS_PER_INSERT]
            cursor.execute(
                insert + ", ".join([one_row] * len(chunk)) + tail, [v for row in chunk for v in row]
            )
            if returning:
                ids += [row[0] for row in cursor.fetchall()]
    return ids


def placeholders(values: Sequence) -> str:
    """``%s, %s, %s`` for three values (an IN list is written only when it has some: PostgreSQL
    rejects ``IN ()``)."""
    return ", ".join(["%s"] * len(values))


def table(model: type[Model]) -> str:
    """The model's quoted table name, for SQL written out."""
    return connection.ops.quote_name(model._meta.db_table)


@functools.cache
def _statement_parts(model: type[Model], fields: tuple[str, ...]) -> tuple[str, str, tuple]:
    """The column list, one row's placeholders and each field's converter (None: as it is)."""
    found = [model._meta.get_field(name) for name in fields]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in found)
    converters = tuple(
        None if field.get_internal_type() in AS_THEY_ARE else field.get_db_prep_save for field in found
    )
    return columns, f"({', '.join(['%s'] * len(found))})", converters


def insert_objects(objs: Sequence[Model], fields: Sequence[str]) -> None:
    """Insert the unsaved model instances ``objs`` (foreign keys set while the related object had its
    id) as rows of ``fields``, and give each its new id. A field's ``pre_save`` gives its value, so
    ``auto_now`` dates are set as ``save()`` would set them."""
    if not objs:
        return
    model = type(objs[0])
    found = [model._meta.get_field(name) for name in fields]
    ids = insert_rows(model, fields, ([f.pre_save(obj, True) for f in found] for obj in objs), returning=True)
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias
