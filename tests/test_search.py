"""Search officials and meetings by name, alias, title, place, topic and article text, ranked."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from events.extraction import CityMention, Extraction, MeetingMention, OfficialMention
from events.models import Article, Meeting, Official
from events.resolve import replace_extraction
from events.search import SIMILARITY_THRESHOLD, similarity
from tests.factories import make_article, make_city, make_meeting, make_official

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    officials = (
        OfficialMention(
            name="Quinton Lucas",
            title="Mayor",
            jurisdiction="Kansas City",
            state="MO",
            aliases=("Mayor Lucas",),
        ),
        OfficialMention(name="Mike Parson", title="Governor", jurisdiction="Missouri", state="MO"),
        OfficialMention(name="Lucille Ortega", title="Police Chief", jurisdiction="Springfield", state="IL"),
    )
    text = "Crime talks\n\nMayor Lucas will meet the governor about gun violence and the budget."
    article = Article.objects.create(
        title="Crime talks", text=text, source_key="a", published=dt.date(2024, 1, 2)
    )
    meeting = MeetingMention(
        status="scheduled",
        city="Jefferson City",
        state="MO",
        participants=("Quinton Lucas", "Mike Parson"),
        purpose="address crime",
        topic_keywords=("crime",),
    )
    with transaction.atomic():
        replace_extraction(
            article,
            Extraction(
                officials=officials,
                cities=(CityMention(name="Jefferson City", state="MO", country="US"),),
                meetings=(meeting,),
            ),
        )


def names(queryset) -> list[str]:
    return [o.name for o in queryset]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Lucas", ["Quinton Lucas"]),
        ("mayor lucas", ["Quinton Lucas"]),  # alias and title
        ("governor", ["Mike Parson"]),  # title
        ("Kansas City", ["Quinton Lucas"]),  # jurisdiction
        ("police chief springfield", ["Lucille Ortega"]),
        ("Luc", ["Lucille Ortega", "Quinton Lucas"]),  # as you type: prefixes match
    ],
)
def test_officials_by_name_alias_title_and_jurisdiction(world, q, expected):
    assert sorted(names(Official.objects.search(q))) == expected


def test_best_match_first(world):
    # "Lucille" is in one official's name; "Lucas" in the other's: the name holding the query leads.
    assert names(Official.objects.search("Lucille"))[0] == "Lucille Ortega"


def test_a_misspelt_name_still_finds_the_official(world):
    assert names(Official.objects.search("Quinten Lukas")) == ["Quinton Lucas"]


def test_no_match_is_empty_not_an_error(world):
    assert names(Official.objects.search("zzzz qqqq")) == []
    assert names(Official.objects.search("' OR 1=1 --")) == []


def test_meetings_by_topic_participant_place_and_article_text(world):
    for q in ("crime", "Parson", "Jefferson City", "gun violence"):
        assert Meeting.objects.search(q).count() == 1, q
    assert Meeting.objects.search("tornado").count() == 0


# Issue 10, search: title and place in any order; a misspelt name finds the official's meetings too.


@pytest.mark.parametrize(
    "q", ["Kansas City mayor", "mayor of Kansas City", "Kansas City's mayor", "the mayor of kansas city"]
)
def test_title_and_place_in_any_order(world, q):
    assert names(Official.objects.search(q)) == ["Quinton Lucas"]


def test_meetings_of_the_officials_a_misspelling_finds(world):
    assert [m.purpose for m in Meeting.objects.search("Quinten Lukas")] == ["address crime"]


def test_meetings_of_the_officials_a_title_and_place_find(world):
    # The meeting's own text names Lucas, not his office: it is found through the official.
    assert [m.purpose for m in Meeting.objects.search("mayor of Kansas City")] == ["address crime"]


@pytest.mark.parametrize("q", ["Quinten Lukas", "mayor of Kansas City"])
def test_home_search_shows_the_meetings_of_the_officials_it_found(client, world, q):
    html = client.get("/", {"q": q}).content.decode()
    officials, meetings = html.split('id="found-officials"')[1].split('id="found-meetings"')
    assert "Quinton Lucas" in officials
    assert "Address crime" in meetings and "No meeting matches" not in meetings


def test_words_are_matched_whole_or_as_a_start_not_inside(world):
    assert names(Official.objects.search("ucas")) == []  # not a word, nor the start of one
    assert names(Official.objects.search("Parso")) == ["Mike Parson"]


def test_search_index_follows_edits_and_deletes(world):
    lucas = Official.objects.get(name="Quinton Lucas")
    lucas.name = "Quinton Lucas-Reyes"
    lucas.save()
    lucas.refresh_search_text()
    assert names(Official.objects.search("reyes")) == ["Quinton Lucas-Reyes"]
    lucas.delete()
    assert names(Official.objects.search("reyes")) == []
    assert names(Official.objects.search("Quinten Lukas")) == []


def test_close_spellings_are_scored_as_pg_trgm_scores_them():
    # pg_trgm's documentation: similarity('word', 'two words') is 0.363636.
    assert round(similarity("word", "two words"), 6) == 0.363636
    assert (
        similarity("Quinten Lukas", "Quinton Lucas")
        >= SIMILARITY_THRESHOLD
        > similarity("Lukas", "Mike Parson")
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT similarity('Quinten Lukas', 'Quinton Lucas')")
            assert cursor.fetchone()[0] == pytest.approx(
                similarity("Quinten Lukas", "Quinton Lucas"), abs=1e-6
            )


def query_plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Tiny test tables: show what it *can* use. Without sequential or plain index scans, only
            # a bitmap scan of an index whose expression matches the condition is left.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(str(row) for row in cursor.fetchall())


@pytest.mark.parametrize(
    ("queryset", "sqlite_step", "pg_index"),
    [
        (
            lambda: Official.objects.search("mayor"),
            "SCAN events_official_fts VIRTUAL TABLE",
            "official_search_document",
        ),
        (
            lambda: Meeting.objects.search("crime"),
            "SCAN events_meeting_fts VIRTUAL TABLE",
            "meeting_search_document",
        ),
        (
            lambda: Article.objects.search("violence"),
            "SCAN events_article_fts VIRTUAL TABLE",
            "article_search_document",
        ),
        # The closest names are found first (the trigram index: the test below), then fetched by id.
        (
            lambda: Official.objects.search("Quinten Lukas"),
            "SEARCH events_official USING INTEGER PRIMARY KEY",
            "events_official_pkey",
        ),
    ],
)
def test_searches_use_the_full_text_indexes(world, queryset, sqlite_step, pg_index):
    with transaction.atomic():
        plan = query_plan(queryset().order_by())
    assert (pg_index if connection.vendor == "postgresql" else sqlite_step) in plan, plan


def test_a_misspelt_name_is_looked_up_through_the_trigram_index_among_thousands(db):
    # Issue 12: once PostgreSQL had statistics it compared every name with pg_trgm's ``%`` (declared
    # as cheap as comparing integers) instead of reading the trigram index: a misspelt name searched
    # on the home page took 255 ms at 26,000 officials. Plans as the planner picks them, unforced.
    firsts = [f"{a}{b}" for a in ("Al", "Be", "Ca", "Do", "El", "Fa") for b in ("ma", "ne", "ri", "so", "tu")]
    lasts = [f"{a}{b}s" for a in ("Ham", "Kel", "Mor", "Per", "Wal", "Ros", "Tan", "Vic") for b in "aeiou"]
    Official.objects.bulk_create(
        Official(name=f"{first} {last}{n}") for first in firsts for last in lasts for n in range(10)
    )
    Official.objects.create(name="Quinton Lucas")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE events_official")
    with CaptureQueriesContext(connection) as ctx:
        assert names(Official.objects.search("Quinten Lukas")) == ["Quinton Lucas"]
    statements = [query["sql"] for query in ctx.captured_queries]
    if connection.vendor == "postgresql":
        (lookup,) = [sql for sql in statements if '"name" % ' in sql]  # found once, then by id
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {lookup}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "events_official_name_trgm" in plan, plan
    else:
        assert [sql for sql in statements if "events_official_name_fts MATCH" in sql]


def test_home_search_counts_meetings_up_to_a_limit_and_keeps_the_best(client, monkeypatch):
    """Past SEARCH_COUNT_LIMIT the home search says "more than", and still shows the meetings that
    match by their own words first, newest first, before those an official it found took part in."""
    dayton = make_city(name="Dayton", state="OH")
    # Found by her office's place, which her meetings' own words do not hold.
    lee = make_official("Ann Lee", roles=[{"title": "Mayor", "jurisdiction": "Zephyr Cove", "state": "NV"}])
    for day in (1, 2, 3):
        make_meeting(dayton, purpose=f"zephyr {day}", topics=[], date=dt.date(2024, 5, day))
        make_meeting(
            dayton, participants=[lee], purpose=f"visit {day}", topics=[], date=dt.date(2024, 6, day)
        )
    monkeypatch.setattr("events.views.SEARCH_COUNT_LIMIT", 4)
    monkeypatch.setattr("events.views.HOME_SEARCH_RESULTS", 4)
    html = client.get("/", {"q": "zephyr"}, headers={"HX-Request": "true"}).content.decode()
    meetings = html.split('id="found-meetings"')[1]
    assert 'Meetings <span class="count">4+</span>' in html
    assert "The first 4 of more than 4." in meetings
    shown = re.findall(r"(Zephyr \d|Visit \d)</a>", meetings)
    assert shown == ["Zephyr 3", "Zephyr 2", "Zephyr 1", "Visit 3"]
    assert "More than 5 results for “zephyr”" in html  # 4+ meetings and the official


@pytest.mark.parametrize("walk_above", [0, 10_000], ids=["walking the newest first", "sorting the matches"])
def test_article_search_lists_matches_newest_first_and_counts_them(client, monkeypatch, walk_above):
    """Whether SQLite walks the articles newest first (many matches) or sorts the matches (few), the
    page lists the same articles in the same order, undated last, with the same count."""
    for title, published in [
        ("Zephyr budget", dt.date(2024, 3, 1)),
        ("Zephyr roads", dt.date(2024, 5, 1)),
        ("Zephyr undated", None),
        ("Zephyr parks", dt.date(2023, 1, 1)),
        ("Nothing here", dt.date(2024, 6, 1)),
    ]:
        make_article(title=title, published=published)
    monkeypatch.setattr("events.views.WALK_ABOVE", walk_above)
    html = client.get("/articles/", {"q": "zephyr"}).content.decode()
    assert "4 articles match “zephyr”" in html
    titles = re.findall(r"<bdi>(Zephyr \w+)</bdi></a></h3>", html)
    assert titles == ["Zephyr roads", "Zephyr budget", "Zephyr parks", "Zephyr undated"]
