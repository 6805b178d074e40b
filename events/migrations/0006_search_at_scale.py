"""Search and list pages at 100,000 articles (issue 12).

Both databases: indexes for the list pages' filters and orders.
SQLite: FTS5 tables over the searched columns, kept in step by triggers, and a trigram FTS5 table over
official names for close spellings (see events/search.py).
PostgreSQL: GIN indexes built from the very expressions events/search.py queries with, a trigram index
on official names (0003's), and (date DESC NULLS LAST, id DESC) for the meetings' default order.
Each vendor's step does nothing on the other database.
"""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models
from django.db.models import F

# SQLite FTS5 tables: (table, content table, columns, tokenizer).
FTS_TABLES = [
    ("events_official_fts", "events_official", ("search_text",), "unicode61 remove_diacritics 2"),
    ("events_official_name_fts", "events_official", ("name",), "trigram"),
    ("events_meeting_fts", "events_meeting", ("search_text",), "unicode61 remove_diacritics 2"),
    ("events_article_fts", "events_article", ("title", "source", "text"), "unicode61 remove_diacritics 2"),
]

# 0003's indexes that the queries no longer use (substring search) or never matched (article text).
OLD_PG_INDEXES = [
    "events_official_search_fts",
    "events_official_search_trgm",
    "events_meeting_search_fts",
    "events_meeting_search_trgm",
    "events_article_fts",
]


def _pg_indexes(apps):
    from events.search import document

    return [
        (
            apps.get_model("events", "Official"),
            GinIndex(document("official"), name="official_search_document"),
        ),
        (apps.get_model("events", "Meeting"), GinIndex(document("meeting"), name="meeting_search_document")),
        (apps.get_model("events", "Article"), GinIndex(document("article"), name="article_search_document")),
        (
            apps.get_model("events", "Meeting"),
            models.Index(F("date").desc(nulls_last=True), F("id").desc(), name="meeting_newest_first"),
        ),
    ]


def _sqlite_fts_sql(table: str, content: str, columns: tuple[str, ...], tokenizer: str) -> list[str]:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    delete = f"INSERT INTO {table}({table}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    insert = f"INSERT INTO {table}(rowid, {cols}) VALUES (new.id, {new});"
    return [
        f"CREATE VIRTUAL TABLE {table} USING fts5({cols}, content='{content}', content_rowid='id', "
        f"tokenize='{tokenizer}')",
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON {content} BEGIN {insert} END",
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON {content} BEGIN {delete} END",
        f"CREATE TRIGGER {table}_au AFTER UPDATE OF {cols} ON {content} BEGIN {delete} {insert} END",
        f"INSERT INTO {table}({table}) VALUES ('rebuild')",
    ]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for spec in FTS_TABLES:
            for sql in _sqlite_fts_sql(*spec):
                schema_editor.execute(sql)
    elif vendor == "postgresql":
        for name in OLD_PG_INDEXES:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
        for model, index in _pg_indexes(apps):
            schema_editor.add_index(model, index)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for table, _content, _columns, _tokenizer in FTS_TABLES:
            for suffix in ("ai", "ad", "au"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
            schema_editor.execute(f"DROP TABLE IF EXISTS {table}")
    elif vendor == "postgresql":
        for model, index in _pg_indexes(apps):
            schema_editor.remove_index(model, index)
        from importlib import import_module

        import_module("events.migrations.0003_postgres_search_indexes").create(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("events", "0005_edited_by_editor")]

    operations = [
        migrations.RemoveIndex(model_name="meeting", name="events_meet_status_2afbd1_idx"),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["published", "created"], name="article_published"),
        ),
        migrations.AddIndex(
            model_name="meeting", index=models.Index(fields=["city", "date"], name="meeting_city_date")
        ),
        migrations.AddIndex(
            model_name="meeting", index=models.Index(fields=["status", "date"], name="meeting_status_date")
        ),
        migrations.AddIndex(
            model_name="meeting", index=models.Index(fields=["updated"], name="meeting_updated")
        ),
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(fields=["official", "meeting"], name="participant_official_meeting"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
