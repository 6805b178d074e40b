"""``manage.py export``: JSON lines by contract, CSV, and an iCalendar feed that parses back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import icalendar
import pytest
from django.core.management import CommandError, call_command

from events.models import Article, City, Meeting, Official

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings():
    dayton = City.objects.create(name="Dayton", state="OH", country="US", latitude=39.76, longitude=-84.19)
    reyes = Official.objects.create(name="Alma Reyes")
    reyes.roles.create(title="Mayor", jurisdiction="Dayton", state="OH", city=dayton)
    reyes.aliases.create(name="Reyes")
    article = Article.objects.create(title="A", text="A\n\nbody", source_key="dev-a")
    held = Meeting.objects.create(
        city=dayton,
        venue="City Hall",
        date=dt.date(2024, 3, 12),
        status="held",
        purpose="budget talks",
        topics=["budget"],
    )
    cancelled = Meeting.objects.create(
        city=dayton, date=dt.date(2024, 4, 2), status="cancelled", purpose="town hall"
    )
    undated = Meeting.objects.create(status="scheduled", purpose="next summit")
    for meeting in (held, cancelled, undated):
        meeting.participants.create(official=reyes, name="Alma Reyes")
        meeting.reports.create(article=article, status=meeting.status)
    held.participants.create(title="Mayor", jurisdiction="Akron", state="OH")
    return held, cancelled, undated


def export(*args: str) -> str:
    out = io.StringIO()
    call_command("export", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_meetings_as_json_lines_follow_the_contract(meetings):
    rows = [json.loads(line) for line in export("meetings").splitlines()]
    assert len(rows) == 3
    held = next(row for row in rows if row["status"] == "held")
    assert held == {
        "id": meetings[0].pk,
        "city": "Dayton",
        "state": "OH",
        "venue": "City Hall",
        "date": "2024-03-12",
        "date_text": None,
        "status": "held",
        "purpose": "budget talks",
        "kind": None,
        "topic_keywords": ["budget"],
        "participants": ["Alma Reyes"],
        "unnamed_participants": [{"title": "Mayor", "jurisdiction": "Akron", "state": "OH"}],
        "sources": ["dev-a"],
    }


def test_officials_and_cities_as_csv(meetings):
    (official,) = csv.DictReader(io.StringIO(export("officials", "--format", "csv")))
    assert official["name"] == "Alma Reyes" and official["roles"] == "Mayor, Dayton, OH"
    assert official["aliases"] == "Reyes"
    (city,) = csv.DictReader(io.StringIO(export("cities", "--format", "csv")))
    assert (city["name"], city["slug"], city["lat"]) == ("Dayton", "dayton-oh", "39.76")


def test_meetings_as_icalendar_parse_back_with_cancelled_status(meetings):
    calendar = icalendar.Calendar.from_ical(export("meetings", "--format", "ics"))
    events = calendar.walk("VEVENT")
    assert len(events) == 2  # the undated meeting cannot be put on a calendar
    by_summary = {str(e["SUMMARY"]): e for e in events}
    assert str(by_summary["Town hall"]["STATUS"]) == "CANCELLED"
    assert by_summary["Budget talks"].decoded("DTSTART") == dt.date(2024, 3, 12)
    assert str(by_summary["Budget talks"]["LOCATION"]) == "City Hall, Dayton, OH"


def test_icalendar_is_only_for_meetings():
    with pytest.raises(CommandError, match="only for meetings"):
        export("cities", "--format", "ics")


def test_output_to_a_file(meetings, tmp_path):
    target = tmp_path / "cities.jsonl"
    call_command("export", "cities", "--output", str(target), stderr=io.StringIO())
    assert json.loads(target.read_text())["name"] == "Dayton"
