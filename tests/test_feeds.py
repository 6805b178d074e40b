"""Every filtered meetings view is also an iCalendar file and an Atom feed, each read back by parsers
that did not write it: feedparser for Atom, vobject (not icalendar, which writes the feed) for iCalendar."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import feedparser
import icalendar
import pytest
import vobject
from django.utils import timezone

from events.models import City, Meeting
from tests.factories import make_article, make_report

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
RECENT = dt.date.today() - dt.timedelta(days=90)  # inside the calendar's window of the last year


@pytest.fixture
def meetings():
    dayton = City.objects.create(name="Dayton", state="OH", country="US")
    akron = City.objects.create(name="Akron", state="OH", country="US")
    Meeting.objects.create(city=dayton, date=RECENT, status="held", purpose="budget", topics=["budget"])
    Meeting.objects.create(
        city=dayton, date=RECENT + dt.timedelta(days=21), status="cancelled", purpose="town hall"
    )
    Meeting.objects.create(city=dayton, status="scheduled", purpose="undated summit")
    Meeting.objects.create(
        city=akron, date=RECENT + dt.timedelta(days=50), status="held", purpose="<script>roads</script>"
    )


def test_icalendar_feed_parses_back_with_the_filtered_meetings(client, meetings):
    response = client.get("/meetings/feed.ics", {"city": "dayton-oh"})
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == ["Budget", "Town hall"]  # undated: no calendar entry
    statuses = {str(e["SUMMARY"]): str(e["STATUS"]) for e in events}
    assert statuses == {"Budget": "CONFIRMED", "Town hall": "CANCELLED"}
    assert "Meetings in Dayton, OH" in str(calendar["X-WR-CALNAME"])


def test_icalendar_feed_filters_by_status(client, meetings):
    calendar = icalendar.Calendar.from_ical(client.get("/meetings/feed.ics", {"status": "cancelled"}).content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Town hall"]


def test_atom_feed_lists_the_filtered_meetings_escaped(client, meetings):
    response = client.get("/meetings/feed.atom", {"topic": "budget"})
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["[held] Budget"]
    everything = ET.fromstring(client.get("/meetings/feed.atom").content)
    assert len(list(everything.iter(f"{ATOM}entry"))) == 4  # the hostile purpose is still valid XML


def test_bad_filters_give_an_empty_feed_not_an_error(client, meetings):
    response = client.get("/meetings/feed.ics", {"city": "atlantis", "date_from": "soon"})
    assert response.status_code == 200
    assert icalendar.Calendar.from_ical(response.content).walk("VEVENT") == []
    assert client.get("/meetings/feed.atom", {"official": "abc"}).status_code == 200


def test_icalendar_feed_reads_back_in_a_second_parser(client, meetings):
    content = client.get("/meetings/feed.ics", {"city": "dayton-oh"}).content.decode()
    calendar = vobject.readOne(content)
    events = {event.summary.value: event for event in calendar.vevent_list}
    assert set(events) == {"Budget", "Town hall"}
    assert events["Budget"].dtstart.value == RECENT
    assert events["Town hall"].status.value == "CANCELLED"
    assert all(event.uid.value.startswith("meeting-") for event in events.values())


@pytest.fixture
def reported(meetings):
    """The budget meeting, reported by a preview (8 March) and a wire story (13 March)."""
    budget = Meeting.objects.get(purpose="budget")
    make_report(budget, make_article(published=dt.date(2024, 3, 13)), status="held")
    make_report(budget, make_article(published=dt.date(2024, 3, 8)), status="scheduled")
    return budget


def test_atom_feed_is_valid_and_dated_by_the_articles(client, reported):
    response = client.get("/meetings/feed.atom")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.author == "civicnews"  # RFC 4287: entries without an author need the feed's
    entries = {entry.title: entry for entry in feed.entries}
    budget = entries["[held] Budget"]
    assert budget.published_parsed[:3] == (2024, 3, 8)  # first reported, not when the row was written
    assert budget.updated_parsed[:3] == (2024, 3, 13)  # the latest reading
    # No article reports the town hall: published is the meeting's own date, updated the record's.
    town_hall = entries["[cancelled] Town hall"]
    assert town_hall.published_parsed[:3] == (RECENT + dt.timedelta(days=21)).timetuple()[:3]
    assert town_hall.updated_parsed[:3] == timezone.now().utctimetuple()[:3]
    assert "published" not in entries["[scheduled] Undated summit"]
    assert feed.entries[0].title == "[held] Budget"  # the most recently reported first
    assert feed.feed.updated_parsed[:3] == timezone.now().utctimetuple()[:3]


def test_icalendar_feed_is_bounded_to_the_last_year_and_a_limit(client, monkeypatch):
    today = dt.date.today()
    xenia = City.objects.create(name="Xenia", state="OH", country="US")
    for days in (-400, -30, 10, 20):
        Meeting.objects.create(city=xenia, date=today + dt.timedelta(days=days), purpose=f"day {days}")

    def summaries(**params) -> list[str]:
        response = client.get("/meetings/feed.ics", {"city": "xenia-oh", **params})
        return sorted(
            str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        )

    assert summaries() == ["Day -30", "Day 10", "Day 20"]
    calendar = icalendar.Calendar.from_ical(client.get("/meetings/feed.ics").content)
    assert "the latest first, from" in str(calendar["X-WR-CALDESC"])
    # Dates in the query choose the window instead.
    assert summaries(date_to=str(today - dt.timedelta(days=300))) == ["Day -400"]
    monkeypatch.setattr("events.feeds.ICS_LIMIT", 2)
    assert summaries() == ["Day 10", "Day 20"]


def test_feeds_keep_their_query_count_whatever_the_number_of_meetings(client, django_assert_max_num_queries):
    dayton = City.objects.create(name="Dayton", state="OH", country="US")
    today = dt.date.today()
    Meeting.objects.bulk_create(
        Meeting(city=dayton, date=today - dt.timedelta(days=n), purpose=f"m{n}") for n in range(300)
    )
    with django_assert_max_num_queries(4, info="ics: ids, meetings, participants, sources"):
        assert client.get("/meetings/feed.ics").status_code == 200
    with django_assert_max_num_queries(3, info="atom: the newest readings, their meetings, the unreported"):
        assert client.get("/meetings/feed.atom").status_code == 200


@pytest.mark.parametrize("walked", [4, 1], ids=["walking the newest readings", "a narrow filter"])
def test_atom_feed_keeps_the_most_recently_reported_meetings(client, monkeypatch, walked):
    """The feed stops at FEED_ITEMS: the meetings whose newest report is newest, whether it finds them by
    walking the newest readings or (when one meeting has many of them) by ranking the meetings."""
    flint = City.objects.create(name="Flint", state="MI", country="US")

    def meeting(purpose: str, *published: dt.date) -> None:
        held = Meeting.objects.create(city=flint, date=RECENT, status="held", purpose=purpose)
        for day in published:
            make_report(held, make_article(published=day), status="held")

    meeting("old", dt.date(2024, 1, 1))
    meeting("revisited", dt.date(2023, 1, 1), dt.date(2024, 5, 1))
    meeting("busy", dt.date(2024, 6, 1), dt.date(2024, 6, 2), dt.date(2024, 6, 3))
    meeting("spring", dt.date(2024, 4, 1))
    meeting("unreported")
    monkeypatch.setattr("events.feeds.FEED_ITEMS", 2)
    monkeypatch.setattr("events.feeds.READINGS_PER_ITEM", walked)
    feed = feedparser.parse(client.get("/meetings/feed.atom").content)
    assert [entry.title for entry in feed.entries] == ["[held] Busy", "[held] Revisited"]
    assert feed.entries[1].published_parsed[:3] == (2023, 1, 1)


def test_icalendar_feed_keeps_awkward_text_exactly_in_both_parsers(client):
    """Commas, semicolons, backslashes, line breaks and long lines of multi-byte letters survive the
    escaping and the folding at 75 octets, read back the same by icalendar and vobject."""
    purpose = "Review; the “Ünïcödé” plan, again\\twice\nthen vote " + "é—日本" * 30
    venue = "Hall A, Room 3; upstairs"
    selma = City.objects.create(name="Selma", state="AL", country="US")
    Meeting.objects.create(city=selma, date=RECENT, status="postponed", purpose=purpose, venue=venue)
    content = client.get("/meetings/feed.ics").content
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    title = purpose[0].upper() + purpose[1:]
    (event,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert (str(event["SUMMARY"]), str(event["LOCATION"])) == (title, f"{venue}, Selma, AL")
    assert str(event["STATUS"]) == "TENTATIVE"
    (second,) = vobject.readOne(content.decode()).vevent_list
    assert (second.summary.value, second.location.value) == (title, f"{venue}, Selma, AL")
    assert second.dtstart.value == RECENT
