"""Search officials and meetings by name, alias, title, place, topic and article text, ranked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from events.extraction import CityMention, Extraction, MeetingMention, OfficialMention
from events.models import Article, Meeting, Official
from events.resolve import replace_extraction

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
