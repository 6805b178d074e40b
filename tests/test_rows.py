"""Rows written as plain values (events.rows): what the ORM reads back is what was written."""

from __future__ import annotations

import datetime as dt

import pytest

from events.models import Alias, Article, City, Meeting, MeetingSource, Official
from events.rows import insert_objects, insert_rows

pytestmark = pytest.mark.django_db


def test_rows_come_back_as_written_with_their_ids_in_order():
    article = Article.objects.create(title="Budget", text="The council met.")
    city = City.objects.create(name="Dayton", state="OH", country="US", slug="dayton-oh-us")
    meeting, other = Meeting.objects.create(), Meeting.objects.create()
    fields = (
        "meeting",
        "article",
        "status",
        "date",
        "date_text",
        "venue",
        "city",
        "purpose",
        "kind",
        "topics",
        "unnamed",
    )
    rows = [
        (
            meeting.pk,
            article.pk,
            "held",
            dt.date(2024, 3, 12),
            "Tuesday",
            "City Hall",
            city.pk,
            "budget talks",
            "hearing",
            ["budget", "parks"],
            [["Mayor", "", ""]],
        ),
        (other.pk, article.pk, "cancelled", None, "", "", None, "", "", [], []),
    ]
    ids = insert_rows(MeetingSource, fields, rows, returning=True)
    stored = MeetingSource.objects.order_by("pk")
    assert [r.pk for r in stored] == ids
    assert [
        tuple(getattr(r, f"{f}_id" if f in {"meeting", "article", "city"} else f) for f in fields)
        for r in stored
    ] == rows


def test_a_row_that_is_already_there_is_skipped_and_the_others_written():
    official = Official.objects.create(name="Alma Reyes")
    Alias.objects.create(official=official, name="Reyes")
    insert_rows(
        Alias,
        ("official", "name"),
        [(official.pk, "Reyes"), (official.pk, "Mayor Reyes")],
        ignore_conflicts=True,
    )
    assert sorted(official.aliases.values_list("name", flat=True)) == ["Mayor Reyes", "Reyes"]
    with pytest.raises(ValueError, match="no id"):
        insert_rows(
            Alias, ("official", "name"), [(official.pk, "Alma")], returning=True, ignore_conflicts=True
        )


def test_inserted_objects_get_their_ids_and_creation_times():
    before = Official.objects.create(name="Someone Else")
    officials = [Official(name="Alma Reyes", surname="reyes"), Official(name="Ruth Hallam", surname="hallam")]
    insert_objects(officials, ("name", "surname", "search_text", "pinned", "edited", "created"))
    assert [o.pk for o in officials] == [before.pk + 1, before.pk + 2]
    for official in officials:
        stored = Official.objects.get(pk=official.pk)
        assert (stored.name, stored.surname, stored.pinned, stored.edited) == (
            official.name,
            official.surname,
            [],
            False,
        )
        assert stored.created == official.created is not None
    insert_objects([], ("name",))  # nothing to write is no statement and no error
