"""Search with each database's own full-text engine, the same words and rules on both.

A query becomes *terms*: its words, lower-cased, with the words that only connect a title to a place
dropped, so "mayor of Flint", "Flint's mayor" and "Flint mayor" are the same search. A row matches
when it holds every term as a word or the start of one (as you type, "Luc" finds Lucas).

- SQLite: FTS5 tables over the searched columns (``events_official_fts``, ``events_meeting_fts``,
  ``events_article_fts``), kept in step with their tables by triggers; all created by migration
  ``0006_search_at_scale``, which does nothing of this on PostgreSQL.
- PostgreSQL: ``to_tsvector('simple', ...)`` matched against a prefix ``tsquery``, over GIN indexes built
  (by the same migration, from the same expressions as below) so the planner uses them; for articles,
  a stored column of that document with its GIN index (migration ``0009_article_newest_first``).

A misspelt name ("Quinten Lukas") finds nothing word for word; officials then fall back to names
that look alike by pg_trgm's trigram similarity: PostgreSQL's ``%`` operator over a trigram index, and
on SQLite an FTS5 ``trigram`` table that finds candidates sharing trigrams, scored here the way pg_trgm
scores them, so both databases agree.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchVector, TrigramSimilarity
from django.db import connection
from django.db.models import BooleanField, Case, FloatField, QuerySet, Value, When
from django.db.models.expressions import RawSQL

# Connecting words: "mayor of Flint", "the mayor", "Flint's mayor" ("Flint's" is two words, flint and s).
CONNECTING_WORDS = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "s", "the", "to"})
# pg_trgm's default similarity threshold (pg_trgm.similarity_threshold), used on SQLite too.
SIMILARITY_THRESHOLD = 0.3
# How many names sharing trigrams SQLite scores for a misspelling (best bm25 first).
CLOSE_CANDIDATES = 50
CLOSE_RESULTS = 20

_WORD = re.compile(r"[^\W_]+")

# The searched columns of each model, and (SQLite) the FTS5 table over them.
DOCUMENTS = {
    "official": ("events_official_fts", ("search_text",)),
    "meeting": ("events_meeting_fts", ("search_text",)),
    "article": ("events_article_fts", ("title", "source", "text")),
}
NAME_TRIGRAMS = "events_official_name_fts"


def terms(q: str) -> list[str]:
    """The words of ``q`` that a match must hold: lower-cased, connecting words dropped."""
    words = _WORD.findall(q.lower())
    return [word for word in words if word not in CONNECTING_WORDS]


def document(model_name: str) -> SearchVector:
    """The PostgreSQL text-search document of a model; its GIN index is built from this expression."""
    _table, fields = DOCUMENTS[model_name]
    return SearchVector(*fields, config="simple")


def matching(queryset: QuerySet, words: list[str], *, walk: bool = False) -> QuerySet:
    """Rows of ``queryset`` holding every word in ``words`` (each as a word or a word's start).

    ``walk`` (SQLite; a top-level query only): many rows match, so walking the query's order and
    testing each row finds a page sooner than sorting every match (``views.article_list``).
    """
    if not words:
        return queryset.none()
    model_name = queryset.model._meta.model_name
    if connection.vendor == "postgresql":
        raw = " & ".join(f"{word}:*" for word in words)
        if model_name == "article":
            # A stored column (migration 0009): testing it costs no to_tsvector of the article's text,
            # so a search can walk the articles newest first and stop at the page. Unqualified, it
            # names the articles table of whichever (sub)query this is.
            match = RawSQL("search_document @@ to_tsquery('simple', %s)", (raw,), output_field=BooleanField())
            return queryset.filter(match)
        query = SearchQuery(raw, search_type="raw", config="simple")
        return queryset.alias(document=document(model_name)).filter(document=query)
    table, _fields = DOCUMENTS[model_name]
    ids = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"
    if walk:
        # The unary + keeps SQLite from looking up each match by id and sorting them all: it walks
        # the index of the query's order instead, testing each row against the matches.
        own_id = f'+"{queryset.model._meta.db_table}"."id"'
        return queryset.filter(
            RawSQL(f"{own_id} IN ({ids})", (_fts_match(words),), output_field=BooleanField())
        )
    return queryset.filter(pk__in=RawSQL(ids, (_fts_match(words),)))


def _fts_match(words: list[str]) -> str:
    # Each word is letters and digits only (see _WORD), so quoting it is all FTS5 needs.
    return " ".join(f'"{word}"*' for word in words)


def count_matching(model_name: str, words: list[str]) -> int | None:
    """SQLite: how many rows hold every word in ``words``, counted in the FTS5 table alone (a count
    through the model's table looks each match up: 137 ms instead of 12 for a common word at 100,000
    articles). None on PostgreSQL, whose count reads its GIN index."""
    if connection.vendor != "sqlite" or not words:
        return None
    table, _fields = DOCUMENTS[model_name]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH %s", (_fts_match(words),))
        return cursor.fetchone()[0]


def close_names(queryset: QuerySet, q: str) -> QuerySet:
    """The ``CLOSE_RESULTS`` officials whose name looks most like ``q`` (trigram similarity at least
    SIMILARITY_THRESHOLD), most similar first, with the similarity as ``relevance``.

    They are found once, here, and the queryset holds their ids: a page that lists them, counts them
    and finds their meetings asks the trigram index once, not three times (13-21 ms each on
    PostgreSQL at 26,000 officials)."""
    if connection.vendor == "postgresql":
        close = dict(
            queryset.filter(name__trigram_similar=q)
            .annotate(relevance=TrigramSimilarity("name", q))
            .order_by("-relevance", "pk")
            .values_list("pk", "relevance")[:CLOSE_RESULTS]
        )
    else:
        close = _close_on_sqlite(q)
    if not close:
        return queryset.none()
    relevance = Case(
        *(When(pk=pk, then=Value(score)) for pk, score in close.items()), output_field=FloatField()
    )
    return queryset.filter(pk__in=close).annotate(relevance=relevance).order_by("-relevance", "name", "pk")


def _close_on_sqlite(q: str) -> dict[int, float]:
    """{official id: similarity} of the closest names: candidates sharing trigrams with ``q`` from
    the FTS5 trigram table, scored here as pg_trgm scores them."""
    # The trigrams inside each word: what the FTS5 trigram tokenizer indexes.
    grams = sorted({gram for word in terms(q) for gram in _trigrams(word)})
    if not grams:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, name FROM {NAME_TRIGRAMS} WHERE {NAME_TRIGRAMS} MATCH %s ORDER BY rank LIMIT %s",
            (" OR ".join(f'"{gram}"' for gram in grams), CLOSE_CANDIDATES),
        )
        scored = sorted(((similarity(q, name), pk) for pk, name in cursor.fetchall()), reverse=True)
    return {pk: score for score, pk in scored[:CLOSE_RESULTS] if score >= SIMILARITY_THRESHOLD}


def similarity(a: str, b: str) -> float:
    """pg_trgm's ``similarity(a, b)``: shared trigrams over all trigrams of the two strings' words."""
    ours, theirs = trigram_set(a), trigram_set(b)
    if not ours or not theirs:
        return 0.0
    return len(ours & theirs) / len(ours | theirs)


def trigram_set(text: str) -> set[str]:
    """pg_trgm's trigrams: of each word, lower-cased, padded with two spaces before and one after."""
    return {gram for word in _WORD.findall(text.lower()) for gram in _trigrams(f"  {word} ")}


def _trigrams(padded: str) -> list[str]:
    return [padded[i : i + 3] for i in range(len(padded) - 2)]
