"""A city's meeting count is kept on its row by the database (migration 0010's triggers), so the
cities list, the map and the home search read it instead of counting every meeting per request."""

from __future__ import annotations

import pytest
from django.db.models import Count

from events.models import City, Meeting

from .factories import make_city, make_meeting
from .test_views import map_data

pytestmark = pytest.mark.django_db


def stored_counts() -> dict[str, int]:
    return dict(City.objects.values_list("name", "meeting_count"))


def counted() -> dict[str, int]:
    return dict(City.objects.annotate(n=Count("meetings")).values_list("name", "n"))


def test_the_count_follows_meetings_created_moved_and_deleted():
    salem, bend = make_city(name="Salem", state="OR"), make_city(name="Bend", state="OR")
    first = make_meeting(city=salem)
    make_meeting(city=salem)
    make_meeting(city=None)
    assert stored_counts() == {"Salem": 2, "Bend": 0}

    first.city = bend  # an editor corrects the place
    first.save()
    assert stored_counts() == {"Salem": 1, "Bend": 1}
    first.save()  # saved again with the same city: no change
    assert stored_counts() == {"Salem": 1, "Bend": 1}

    Meeting.objects.filter(city=salem).update(city=None)  # a bulk update, as merging does
    assert stored_counts() == {"Salem": 0, "Bend": 1}
    first.delete()
    assert stored_counts() == counted() == {"Salem": 0, "Bend": 0}


def test_saving_a_city_read_before_its_meetings_does_not_write_an_old_count():
    city = make_city(name="Eugene", state="OR")
    make_meeting(city=city)
    make_meeting(city=city)
    city.population = 178_000  # this instance still says meeting_count 0
    city.save()
    city.refresh_from_db()
    assert (city.population, city.meeting_count) == (178_000, 2)


def test_deleting_a_city_leaves_its_meetings_placeless_and_other_counts_right():
    gone, kept = make_city(name="Gone"), make_city(name="Kept")
    make_meeting(city=gone)
    make_meeting(city=kept)
    gone.delete()
    assert stored_counts() == counted() == {"Kept": 1}
    assert Meeting.objects.filter(city=None).count() == 1


def test_the_cities_page_and_the_map_show_the_stored_count(client):
    city = make_city(name="Corvallis", state="OR")
    for _ in range(3):
        make_meeting(city=city)
    make_city(name="Albany", state="OR")
    html = client.get("/cities/").content.decode()
    assert 'aria-label="3 meetings in Corvallis, OR">3</a>' in html
    markers = {marker["label"]: marker["meetings"] for marker in map_data(html)["cities"]}
    assert markers == {"Albany, OR": 0, "Corvallis, OR": 3}
