"""Full-text and trigram indexes for search, on PostgreSQL only (SQLite searches without them).

The index expressions are the ones Django's SearchVector and icontains/trigram lookups generate,
so the planner can use them for the queries in events/models.py.
"""

from __future__ import annotations

from django.db import migrations

INDEXES = [
    # (name, table, expression)
    (
        "events_official_search_fts",
        "events_official",
        "USING gin (to_tsvector('simple'::regconfig, COALESCE(\"search_text\", '')))",
    ),
    ("events_official_search_trgm", "events_official", 'USING gin (UPPER("search_text") gin_trgm_ops)'),
    ("events_official_name_trgm", "events_official", 'USING gin ("name" gin_trgm_ops)'),
    (
        "events_meeting_search_fts",
        "events_meeting",
        "USING gin (to_tsvector('simple'::regconfig, COALESCE(\"search_text\", '')))",
    ),
    ("events_meeting_search_trgm", "events_meeting", 'USING gin (UPPER("search_text") gin_trgm_ops)'),
    (
        "events_article_fts",
        "events_article",
        "USING gin ((to_tsvector('english'::regconfig, COALESCE(\"title\", '')) || "
        "to_tsvector('english'::regconfig, COALESCE(\"text\", ''))))",
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, expression in INDEXES:
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" {expression}')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expression in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("events", "0002_readings_pins_search")]

    operations = [migrations.RunPython(create, drop)]
