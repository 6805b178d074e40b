"""Articles newest first, searched or not, from indexes on PostgreSQL (issue 12).

The articles list, an official's articles and the article search sort by ``published`` (undated last),
then with an outlet before without, then ``created``, newest first (``ArticleQuerySet.for_list``).
Without an index in that very order PostgreSQL sorted all 100,000 articles for each page (0.9 s);
with ``article_newest_first`` it reads the first 25 and stops.

A search can then stop at the page too, walking that index and testing each article, if the test is
cheap: ``events_article.search_document``, a stored generated ``tsvector`` of the searched columns,
instead of computing ``to_tsvector`` of each article's text again (0.6 ms an article). Its GIN index
replaces 0006's index on the same expression (``events/search.py`` queries the column).

SQLite gets ``article_newest_first`` too (in its own spelling), so that a search matching many
articles walks it and stops at the page (``views.article_list``); it searches its FTS5 table.
"""

from __future__ import annotations

from django.db import migrations, models
from django.db.models import ExpressionWrapper, F, Q

# The same document as events.search.document("article"), as PostgreSQL stores it.
DOCUMENT = (
    "to_tsvector('simple'::regconfig, COALESCE(title, '') || ' ' || COALESCE(source, '') || ' ' "
    "|| COALESCE(text, ''))"
)


def _newest_first(vendor: str) -> models.Index:
    """The index of ``for_list()``'s order. SQLite cannot say NULLS LAST in an index, and needs none:
    it reads (published, has no outlet DESC, created) backwards, and its NULLs sort last that way."""
    no_outlet = ExpressionWrapper(Q(source=""), output_field=models.BooleanField())
    if vendor == "postgresql":
        fields = (F("published").desc(nulls_last=True), no_outlet, F("created").desc())
    else:
        fields = (F("published"), no_outlet.desc(), F("created"))
    return models.Index(*fields, name="article_newest_first")


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    article = apps.get_model("events", "Article")
    if vendor == "sqlite":
        schema_editor.add_index(article, _newest_first(vendor))
        return
    if vendor != "postgresql":
        return
    schema_editor.execute('DROP INDEX IF EXISTS "article_search_document"')
    schema_editor.execute(
        f"ALTER TABLE events_article ADD COLUMN search_document tsvector GENERATED ALWAYS AS ({DOCUMENT}) STORED"
    )
    schema_editor.execute(
        'CREATE INDEX "article_search_document" ON events_article USING gin (search_document)'
    )
    schema_editor.add_index(article, _newest_first(vendor))


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    article = apps.get_model("events", "Article")
    if vendor == "sqlite":
        schema_editor.remove_index(article, _newest_first(vendor))
        return
    if vendor != "postgresql":
        return
    schema_editor.remove_index(article, _newest_first(vendor))
    schema_editor.execute('DROP INDEX IF EXISTS "article_search_document"')
    schema_editor.execute("ALTER TABLE events_article DROP COLUMN search_document")
    # 0006's index on the expression, written out: a migration does not import today's code.
    schema_editor.execute(
        f'CREATE INDEX "article_search_document" ON events_article USING gin (({DOCUMENT}))'
    )


class Migration(migrations.Migration):
    dependencies = [("events", "0008_article_extraction_state")]

    operations = [migrations.RunPython(forwards, backwards)]
