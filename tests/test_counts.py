"""Lists of a whole table say "About N" on PostgreSQL once the table is large (the planner's
estimate instead of counting 100,000 rows per request); SQLite, filtered lists and the last pages
count exactly."""

from __future__ import annotations

import pytest
from django.db import connection

from events import counts
from events.models import Meeting

from .factories import make_article, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def thirty_meetings(monkeypatch):
    monkeypatch.setattr(counts, "ESTIMATE_ABOVE", 10)
    for day in range(1, 31):
        make_meeting(purpose=f"budget hearing {day}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE events_meeting")  # what autovacuum does for a table that grew


def test_a_large_table_is_estimated_on_postgresql_and_counted_on_sqlite(client, thirty_meetings):
    estimate = counts.table_count(Meeting)
    assert estimate.value == 30
    assert estimate.estimated == (connection.vendor == "postgresql")
    html = client.get("/meetings/").content.decode()
    shown = "About 30 meetings" if connection.vendor == "postgresql" else "30 meetings"
    assert f'<h2 class="result-count">{shown}' in html
    make_article()  # the home page shows its counts once there is an article
    home = client.get("/").content.decode()
    shown = "about 30" if connection.vendor == "postgresql" else "30"
    assert f"<strong>{shown}</strong> meetings" in home


def test_the_last_pages_are_counted_so_they_exist(client, thirty_meetings):
    html = client.get("/meetings/", {"page": 2}).content.decode()
    assert '<h2 class="result-count">30 meetings' in html
    assert "Page 2 of 2" in html
    assert html.count('class="meeting-row') == 5


def test_a_filtered_list_is_counted(client, thirty_meetings):
    html = client.get("/meetings/", {"status": "scheduled"}).content.decode()
    assert '<h2 class="result-count">30 meetings match these filters' in html


def test_a_small_table_is_counted_exactly(client):
    make_meeting()
    assert counts.table_count(Meeting) == counts.RowCount(1)
    assert '<h2 class="result-count">1 meeting<' in client.get("/meetings/").content.decode()
