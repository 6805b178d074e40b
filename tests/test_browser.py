"""End to end in Chromium: live search and live filters swap #results and push the URL, no page load."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from events.models import Meeting
from tests.factories import make_article, make_city, make_meeting, make_official

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def officials():
    kc = make_city(name="Kansas City", state="MO")
    lucas = make_official("Quinton Lucas", roles=[{"title": "Mayor", "city": kc}])
    make_official("Mike Parson", roles=[{"title": "Governor", "jurisdiction": "Missouri", "state": "MO"}])
    return lucas


def mark_document(page: Page) -> None:
    """Tag the current document: a full page load would lose the tag."""
    page.evaluate("window.__marker = 1")


def assert_same_document(page: Page) -> None:
    assert page.evaluate("window.__marker") == 1, "the page was reloaded instead of swapped in place"


def test_official_live_search(live_server, page: Page, officials):
    page.goto(f"{live_server.url}/officials/")
    results = page.locator("#results")
    expect(results).to_contain_text("Mike Parson")
    mark_document(page)

    page.get_by_label("Search officials").press_sequentially("Luc", delay=50)

    expect(results).to_contain_text("1 official matches “Luc”")
    expect(results).to_contain_text("Quinton Lucas")
    expect(results).to_contain_text("Mayor, Kansas City (MO)")
    expect(results).not_to_contain_text("Mike Parson")
    expect(page).to_have_url(re.compile(r"/officials/\?q=Luc$"))
    assert_same_document(page)
    assert page.locator("#results").count() == 1, "the partial replaced #results, not nested inside it"

    # Loading the pushed URL cold shows the same rows.
    page.goto(page.url)
    expect(page.locator("#results")).to_contain_text("Quinton Lucas")
    expect(page.locator("#results")).not_to_contain_text("Mike Parson")
    expect(page.get_by_label("Search officials")).to_have_value("Luc")


def test_official_search_no_match_and_back(live_server, page: Page, officials):
    page.goto(f"{live_server.url}/officials/")
    mark_document(page)
    page.get_by_label("Search officials").press_sequentially("Zzz", delay=30)
    expect(page.locator("#results")).to_contain_text("No official matches “Zzz”.")
    expect(page).to_have_url(re.compile(r"q=Zzz"))
    assert_same_document(page)


def test_meeting_status_filter(live_server, page: Page):
    city = make_city(name="Jefferson City", state="MO")
    lucas = make_official("Quinton Lucas")
    article = make_article(title="Crime summit")
    make_meeting(
        city=city,
        participants=[lucas],
        sources=[article],
        purpose="address crime",
        status=Meeting.Status.HELD,
        date=datetime.date(2019, 11, 25),
    )
    make_meeting(
        city=city, purpose="budget hearing", status=Meeting.Status.CANCELLED, date=datetime.date(2019, 12, 2)
    )

    page.goto(f"{live_server.url}/meetings/")
    results = page.locator("#results")
    expect(results).to_contain_text("Address crime")
    expect(results).to_contain_text("Budget hearing")
    mark_document(page)

    page.get_by_label("Status").select_option("cancelled")

    expect(results).to_contain_text("1 meeting matches these filters")
    expect(results).to_contain_text("Budget hearing")
    expect(results).not_to_contain_text("Address crime")
    expect(results.locator(".badge-cancelled")).to_have_count(1)
    # Empty fields are dropped from the pushed URL (static/js/site.js).
    expect(page).to_have_url(re.compile(r"/meetings/\?status=cancelled$"))
    assert_same_document(page)

    page.get_by_label("City").select_option("jefferson-city-mo")
    expect(page).to_have_url(re.compile(r"/meetings/\?city=jefferson-city-mo&status=cancelled$"))
    expect(results).to_contain_text("Budget hearing")
    assert_same_document(page)

    # Back restores the previous state of the list.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/meetings/\?status=cancelled$"))
    expect(page.locator("#results")).to_contain_text("Budget hearing")


def test_meeting_filter_works_without_javascript(live_server, browser):
    city = make_city(name="Springfield", state="MO")
    make_meeting(city=city, purpose="address crime", status=Meeting.Status.HELD)
    make_meeting(city=city, purpose="budget hearing", status=Meeting.Status.POSTPONED)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/meetings/")
        page.get_by_label("Status").select_option("postponed")
        page.get_by_role("button", name="Filter").click()
        expect(page).to_have_url(re.compile(r"status=postponed"))
        expect(page.locator("#results")).to_contain_text("Budget hearing")
        expect(page.locator("#results")).not_to_contain_text("Address crime")
    finally:
        context.close()


def test_narrow_screen_has_no_horizontal_scroll(live_server, page: Page, officials):
    make_meeting(
        city=officials.roles.first().city,
        participants=[officials],
        purpose="a long purpose " * 8,
        status=Meeting.Status.POSTPONED,
    )
    page.set_viewport_size({"width": 375, "height": 800})
    for path in ("/", "/meetings/", "/officials/", "/cities/", f"/officials/{officials.pk}/"):
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"


def test_home_search_is_live_and_submits_to_officials(live_server, page: Page, officials):
    page.goto(f"{live_server.url}/")
    mark_document(page)
    box = page.get_by_label("Find an official")
    box.press_sequentially("Luc", delay=50)
    expect(page.locator("#results")).to_contain_text("Quinton Lucas")
    expect(page).to_have_url(re.compile(r"/\?q=Luc$"))
    assert_same_document(page)

    # Enter submits the form: the full officials page for the same words.
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/officials/\?q=Luc$"))
    expect(page.locator("#results")).to_contain_text("1 official matches “Luc”")


def test_pager_links_swap_in_place(live_server, page: Page):
    city = make_city(name="Columbia", state="MO")
    for day in range(1, 31):
        make_meeting(city=city, purpose=f"session {day:02d}", date=datetime.date(2021, 1, day), status="held")
    page.goto(f"{live_server.url}/meetings/?status=held")
    mark_document(page)
    page.locator("#results").get_by_role("link", name="Next →").click()
    expect(page.locator("#results")).to_contain_text("Page 2 of 2")
    expect(page).to_have_url(re.compile(r"/meetings/\?status=held&page=2$"))
    assert_same_document(page)
