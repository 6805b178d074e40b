"""End to end in Chromium: live search and live filters swap #results and push the URL, no page load;
Back restores the previous list; the article's marks link to records; the map draws one marker per city
with no tiles; and, with JavaScript off, every one of those flows still works as plain links and forms."""

from __future__ import annotations

import datetime
import re
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import Page, expect

from events.models import Meeting, Official
from tests.factories import make_article, make_city, make_evidence, make_meeting, make_official

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


@pytest.fixture
def meetings():
    """Three meetings: two cancelled (Jefferson City, Springfield) and one held (Jefferson City)."""
    jc = make_city(name="Jefferson City", state="MO")
    springfield = make_city(name="Springfield", state="MO")
    lucas = make_official("Quinton Lucas")
    make_meeting(
        city=jc,
        participants=[lucas],
        sources=[make_article(title="Crime summit")],
        purpose="address crime",
        status=Meeting.Status.HELD,
        date=datetime.date(2019, 11, 25),
    )
    make_meeting(
        city=jc, purpose="budget hearing", status=Meeting.Status.CANCELLED, date=datetime.date(2019, 12, 2)
    )
    make_meeting(
        city=springfield,
        purpose="roads workshop",
        status=Meeting.Status.CANCELLED,
        date=datetime.date(2020, 1, 6),
    )
    return SimpleNamespace(jc=jc, springfield=springfield, lucas=lucas)


def test_meeting_filters_push_the_url_and_back_restores_the_list(live_server, page: Page, meetings):
    page.goto(f"{live_server.url}/meetings/")
    results = page.locator("#results")
    expect(results).to_contain_text("3 meetings")
    mark_document(page)

    page.get_by_label("Status").select_option("cancelled")
    expect(results).to_contain_text("2 meetings match these filters")
    expect(results).to_contain_text("Budget hearing")
    expect(results).to_contain_text("Roads workshop")
    expect(results).not_to_contain_text("Address crime")
    expect(results.locator(".badge-cancelled")).to_have_count(2)
    # Empty fields are dropped from the pushed URL (static/js/site.js).
    expect(page).to_have_url(re.compile(r"/meetings/\?status=cancelled$"))
    assert_same_document(page)

    # The city box suggests as you type (htmx fills its datalist); a chosen city applies on change.
    city = page.get_by_label("City")
    city.press_sequentially("Jeff", delay=50)
    expect(page.locator("#id_city-suggestions option")).to_have_count(1)
    expect(page.locator("#id_city-suggestions option")).to_have_attribute("value", "Jefferson City, MO")
    city.fill("Jefferson City, MO")
    city.press("Tab")
    expect(page).to_have_url(re.compile(r"/meetings/\?city=Jefferson%20City%2C%20MO&status=cancelled$"))
    expect(results).to_contain_text("1 meeting matches these filters")
    expect(results).to_contain_text("Budget hearing")
    expect(results).not_to_contain_text("Roads workshop")
    assert_same_document(page)

    # Back restores the previous list (and the form), then the one before it.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/meetings/\?status=cancelled$"))
    expect(page.locator("#results")).to_contain_text("Roads workshop")
    expect(page.locator("#results")).to_contain_text("Budget hearing")
    expect(page.get_by_label("City")).to_have_value("")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/meetings/$"))
    expect(page.locator("#results")).to_contain_text("Address crime")
    expect(page.locator("#results")).to_contain_text("3 meetings")
    # Forward again, and a cold load of the pushed URL shows the same list.
    page.go_forward()
    expect(page.locator("#results")).not_to_contain_text("Address crime")
    page.goto(f"{live_server.url}/meetings/?city=jefferson-city-mo&status=cancelled")
    expect(page.locator("#results")).to_contain_text("1 meeting matches these filters")
    expect(page.get_by_label("Status")).to_have_value("cancelled")


def test_back_and_forward_keep_the_filter_form_in_step_with_the_url(live_server, page: Page, meetings):
    page.goto(f"{live_server.url}/meetings/")
    city, status = page.get_by_label("City"), page.get_by_label("Status")
    city.fill("jefferson-city-mo")  # a text box with suggestions: typing a city's slug filters by it
    city.press("Tab")  # leaving the box is a change, as with a select
    expect(page).to_have_url(re.compile(r"/meetings/\?city=jefferson-city-mo$"))
    status.select_option("cancelled")
    expect(page).to_have_url(re.compile(r"\?city=jefferson-city-mo&status=cancelled$"))
    expect(page.locator("#results")).to_contain_text("1 meeting matches these filters")

    page.go_back()
    expect(page).to_have_url(re.compile(r"/meetings/\?city=jefferson-city-mo$"))
    expect(page.locator("#results")).to_contain_text("2 meetings match these filters")
    expect(city).to_have_value("jefferson-city-mo")
    expect(status).to_have_value("")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/meetings/$"))
    expect(page.locator("#results")).to_contain_text("3 meetings")
    expect(city).to_have_value("")
    expect(status).to_have_value("")
    page.go_forward()
    expect(page).to_have_url(re.compile(r"/meetings/\?city=jefferson-city-mo$"))
    expect(city).to_have_value("jefferson-city-mo")
    expect(status).to_have_value("")


def test_back_keeps_the_search_box_in_step_with_the_url(live_server, page: Page, officials):
    page.goto(f"{live_server.url}/officials/")
    box = page.get_by_label("Search officials")
    box.press_sequentially("Luc", delay=40)
    expect(page).to_have_url(re.compile(r"\?q=Luc$"))
    box.fill("Parson")
    expect(page).to_have_url(re.compile(r"\?q=Parson$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?q=Luc$"))
    expect(page.locator("#results")).to_contain_text("Quinton Lucas")
    expect(box).to_have_value("Luc")


def test_a_cancelled_title_is_one_plain_link_not_struck_through(live_server, page: Page, meetings):
    page.goto(f"{live_server.url}/meetings/")
    decoration = "el => getComputedStyle(el).textDecorationLine"
    cancelled = page.locator(".status-cancelled .meeting-title a").first.evaluate(decoration)
    held = page.locator(".status-held .meeting-title a").first.evaluate(decoration)
    assert cancelled == held == "underline"
    expect(page.locator(".status-cancelled .badge-cancelled").first).to_have_text("Cancelled")


def test_meeting_sort_is_live(live_server, page: Page, meetings):
    page.goto(f"{live_server.url}/meetings/")
    mark_document(page)
    titles = page.locator("#results .meeting-title a")
    expect(titles.first).to_have_text("Roads workshop")
    page.get_by_label("Order").select_option("oldest")
    expect(page).to_have_url(re.compile(r"/meetings/\?sort=oldest$"))
    expect(titles.first).to_have_text("Address crime")
    expect(page.locator("#results")).to_contain_text("oldest first")
    assert_same_document(page)


def test_meeting_filter_works_without_javascript(live_server, browser):
    city = make_city(name="Springfield", state="MO")
    make_meeting(city=city, purpose="address crime", status=Meeting.Status.HELD)
    make_meeting(city=city, purpose="budget hearing", status=Meeting.Status.POSTPONED)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/meetings/")
        page.get_by_label("Status").select_option("postponed")
        page.get_by_label("City").fill("springfield")  # a typed name, looked up on submit
        page.get_by_role("button", name="Filter").click()
        expect(page).to_have_url(re.compile(r"city=springfield.*status=postponed"))
        expect(page.get_by_label("City")).to_have_value("Springfield, MO")
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
    meeting = Meeting.objects.get()
    article = make_article(title="A headline long enough to wrap on a phone screen " * 2)
    paths = (
        "/",
        "/?q=Kansas",
        "/meetings/",
        meeting.get_absolute_url(),
        "/officials/",
        f"/officials/{officials.pk}/",
        "/cities/",
        officials.roles.first().city.get_absolute_url(),
        "/articles/",
        article.get_absolute_url(),
    )
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"


def test_home_search_is_live_and_grouped_by_kind(live_server, page: Page, officials):
    make_meeting(city=officials.roles.first().city, participants=[officials], purpose="talk about transit")
    page.goto(f"{live_server.url}/")
    mark_document(page)
    box = page.get_by_label("Search officials, cities and meetings")
    box.press_sequentially("Kansas", delay=50)
    results = page.locator("#results")
    expect(results.locator("#found-officials")).to_have_text(re.compile(r"Officials\s*1"))
    expect(results.locator("section[aria-labelledby=found-officials]")).to_contain_text("Quinton Lucas")
    expect(results.locator("section[aria-labelledby=found-cities]")).to_contain_text("Kansas City, MO")
    expect(results.locator("section[aria-labelledby=found-meetings]")).to_contain_text("Talk about transit")
    expect(page).to_have_url(re.compile(r"/\?q=Kansas$"))
    assert_same_document(page)

    # Enter submits the form: the whole home page, with the same groups, at the same URL.
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/\?q=Kansas$"))
    expect(page.locator("section[aria-labelledby=found-cities]")).to_contain_text("Kansas City, MO")
    page.locator("section[aria-labelledby=found-officials]").get_by_role("link", name="Quinton Lucas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quinton Lucas")


@pytest.fixture
def article():
    """An article whose text names an official, a city and a date, inside a meeting sentence."""
    jc = make_city(name="Jefferson City", state="MO")
    lucas = make_official("Quinton Lucas", roles=[{"title": "Mayor", "jurisdiction": "Kansas City"}])
    sentence = "Mayor Quinton Lucas is heading to Jefferson City Monday to address crime."
    article = make_article(
        title="Lucas heads to Jefferson City", text=f"Lucas heads to Jefferson City\n\n{sentence}"
    )
    meeting = make_meeting(city=jc, participants=[lucas], sources=[article], purpose="address crime")
    make_evidence(article, sentence, "meeting", meeting=meeting)
    make_evidence(article, "Quinton Lucas", "official", official=lucas, is_mention=True)
    make_evidence(article, "Jefferson City", "city", occurrence=1, city=jc, is_mention=True)
    make_evidence(article, "Monday", "date", meeting=meeting, is_mention=True)
    return article


def check_article_marks_and_follow_the_official(page: Page, url: str) -> None:
    page.goto(url)
    text = page.locator(".article-text")
    expect(text.locator("mark.hl-meeting")).to_have_count(1)
    expect(text.locator("mark.hl-official")).to_have_text("Quinton Lucas")
    expect(text.locator("mark.hl-city")).to_have_text("Jefferson City")
    expect(text.locator("mark.hl-date")).to_have_text("Monday")
    expect(page.locator(".legend")).to_contain_text("official")
    # Each kind has its own colour.
    colours = {
        kind: text.locator(f"mark.hl-{kind}").first.evaluate("el => getComputedStyle(el).backgroundColor")
        for kind in ("meeting", "official", "city", "date")
    }
    assert len(set(colours.values())) == 4, colours
    text.locator("mark.hl-official a").click()
    expect(page).to_have_url(re.compile(r"/officials/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Quinton Lucas")


def test_article_facts_are_highlighted_and_linked(live_server, page: Page, article):
    check_article_marks_and_follow_the_official(page, f"{live_server.url}{article.get_absolute_url()}")


@pytest.fixture
def cities():
    """Three cities with coordinates (one with a meeting) and one without."""
    kc = make_city(name="Kansas City", state="MO", latitude=39.0997, longitude=-94.5786)
    make_city(name="Springfield", state="MO", latitude=37.2153, longitude=-93.2982)
    make_city(name="Columbia", state="MO", latitude=38.9517, longitude=-92.3341)
    make_city(name="Nowhere", state="MO", latitude=None, longitude=None)
    make_meeting(city=kc, purpose="talk about transit")
    return kc


@pytest.mark.parametrize(
    "tile_url", ["", "http://127.0.0.1:9/{z}/{x}/{y}.png"], ids=["no-tiles", "unreachable-tiles"]
)
def test_city_map_has_one_marker_per_city_without_tiles(live_server, page: Page, settings, cities, tile_url):
    settings.CIVICNEWS_MAP_TILE_URL = tile_url
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/cities/")
    map_ = page.locator("#city-map")
    expect(map_).to_be_visible()
    markers = map_.locator(".leaflet-marker-icon")
    expect(markers).to_have_count(3)  # Nowhere has no coordinates
    expect(map_.locator(".leaflet-tile-loaded")).to_have_count(0)
    expect(page.locator("[data-map-status]")).to_contain_text("only country and state outlines are drawn")
    # Vendored outlines of countries and US states stand in for the tiles, under the markers.
    expect(map_.locator(".leaflet-countries-pane path")).not_to_have_count(0)
    expect(map_.locator(".leaflet-state-borders-pane path")).not_to_have_count(0)
    z_index = {
        pane: int(map_.locator(f".leaflet-{pane}-pane").evaluate("el => getComputedStyle(el).zIndex"))
        for pane in ("countries", "state-borders", "tile", "marker")
    }
    assert z_index["countries"] < z_index["state-borders"] < z_index["tile"] < z_index["marker"], z_index
    # The attribution's links are underlined, not told apart by colour alone (axe link-in-text-block).
    for link in map_.locator(".leaflet-control-attribution a").all():
        assert "underline" in link.evaluate("el => getComputedStyle(el).textDecorationLine")
    # The list under the map still names every city.
    expect(page.locator(".data-table tbody tr")).to_have_count(4)
    # A marker opens a popup whose link leads to the city.
    map_.get_by_role("button", name="Kansas City, MO").click()
    popup = map_.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("1 meeting")
    popup.get_by_role("link", name="Kansas City, MO").click()
    expect(page).to_have_url(re.compile(r"/cities/kansas-city-mo/$"))
    expect(page.locator("#city-map .leaflet-marker-icon")).to_have_count(1)
    assert errors == []


def test_a_city_name_is_text_on_the_map_never_html(live_server, page: Page, settings):
    settings.CIVICNEWS_MAP_TILE_URL = ""
    hostile = '<img src=x onerror="window.__xss = 1">'
    city = make_city(name=hostile, state="MO", latitude=39.0997, longitude=-94.5786)
    page.goto(f"{live_server.url}{city.get_absolute_url()}")
    tooltip = page.locator("#city-map .leaflet-tooltip")
    expect(tooltip).to_have_text(hostile)
    expect(tooltip.locator("img")).to_have_count(0)
    page.wait_for_timeout(200)  # an injected image would have failed to load and run its handler by now
    assert page.evaluate("window.__xss") is None


def test_city_map_follows_the_live_search(live_server, page: Page, settings, cities):
    settings.CIVICNEWS_MAP_TILE_URL = ""
    page.goto(f"{live_server.url}/cities/")
    expect(page.locator("#city-map .leaflet-marker-icon")).to_have_count(3)
    mark_document(page)
    page.get_by_label("Search cities").press_sequentially("spring", delay=40)
    expect(page.locator("#results")).to_contain_text("1 city matches “spring”")
    expect(page.locator("#city-map .leaflet-marker-icon")).to_have_count(1)
    assert_same_document(page)
    page.go_back()
    expect(page.locator("#results")).to_contain_text("4 cities")
    expect(page.locator("#city-map .leaflet-marker-icon")).to_have_count(3)
    expect(page.locator("#city-map .leaflet-map-pane")).to_have_count(1)


def test_keyboard_reaches_the_skip_link_and_focus_is_visible(live_server, page: Page, officials):
    page.goto(f"{live_server.url}/officials/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    outline = skip.evaluate(
        "el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth"
    )
    assert outline.startswith("solid") and not outline.endswith(" 0px"), outline
    # The skip link moves focus into <main>: the next Tab is the search box, past the navigation.
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Search officials")).to_be_focused()
    page.keyboard.type("Luc")
    expect(page.locator("#results")).to_contain_text("1 official matches “Luc”")


# The same flows with JavaScript off: plain links and form submits.


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_no_js_official_search_submits(live_server, no_js_page: Page, officials):
    page = no_js_page
    page.goto(f"{live_server.url}/officials/")
    page.get_by_label("Search officials").fill("Luc")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/officials/\?q=Luc$"))
    expect(page.locator("#results")).to_contain_text("1 official matches “Luc”")
    expect(page.locator("#results")).not_to_contain_text("Mike Parson")
    page.get_by_label("Search officials").fill("Zzz")
    page.get_by_label("Search officials").press("Enter")
    expect(page.locator("#results")).to_contain_text("No official matches “Zzz”.")


def test_no_js_home_search_submits(live_server, no_js_page: Page, officials):
    page = no_js_page
    page.goto(f"{live_server.url}/")
    page.get_by_label("Search officials, cities and meetings").fill("Parson")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/\?q=Parson$"))
    expect(page.locator("section[aria-labelledby=found-officials]")).to_contain_text("Mike Parson")


def test_no_js_meeting_filters_and_back(live_server, no_js_page: Page, meetings):
    page = no_js_page
    page.goto(f"{live_server.url}/meetings/")
    page.get_by_label("Status").select_option("cancelled")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"status=cancelled"))
    expect(page.locator("#results")).to_contain_text("2 meetings match these filters")
    page.get_by_label("City").fill("Springfield, MO")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"city=Springfield%2C\+MO"))
    expect(page.locator("#results")).to_contain_text("Roads workshop")
    expect(page.locator("#results")).not_to_contain_text("Budget hearing")
    page.go_back()
    expect(page.locator("#results")).to_contain_text("Budget hearing")
    expect(page.locator("#results")).to_contain_text("Roads workshop")


def test_no_js_article_marks_link_to_records(live_server, no_js_page: Page, article):
    check_article_marks_and_follow_the_official(no_js_page, f"{live_server.url}{article.get_absolute_url()}")


def test_no_js_cities_page_is_a_plain_list(live_server, no_js_page: Page, cities):
    page = no_js_page
    page.goto(f"{live_server.url}/cities/")
    expect(page.locator("#city-map")).to_be_hidden()
    expect(page.locator(".data-table tbody tr")).to_have_count(4)
    page.get_by_role("link", name="Kansas City").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kansas City")
    expect(page.locator("#results")).to_contain_text("Talk about transit")


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


def test_admin_change_forms_fit_a_1280_px_window(live_server, page: Page, admin_user, officials):
    meeting = make_meeting(
        city=officials.roles.first().city,
        participants=[officials],
        unnamed=[{"title": "Police Chief", "jurisdiction": "Kansas City", "state": "MO"}],
        sources=[make_article(title="Mayor Quinton Lucas heads to Jefferson City to address crime")],
        date=datetime.date(2019, 11, 25),
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Log in").click()
    for path in (
        f"/admin/events/meeting/{meeting.pk}/change/",
        f"/admin/events/official/{officials.pk}/change/",
        "/admin/events/article/add/",
    ):
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("#content")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1280, f"{path} is {width}px wide in a 1280px window"


# Content-Security-Policy (issue 11): no page, the admin included, breaks it, and everything still works.

CSP_WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`);
});
"""


@pytest.fixture
def csp_violations(page: Page) -> list[str]:
    """Violations seen by ``page``: the browser's console reports and the DOM's events (collect the
    events of the current document with ``collect_csp(page, found)`` before leaving it)."""
    found: list[str] = []
    page.add_init_script(CSP_WATCH)
    page.on(
        "console",
        lambda message: found.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return found


def collect_csp(page: Page, found: list[str]) -> None:
    found.extend(page.evaluate("window.__csp || []"))
    page.evaluate("window.__csp = []")


@pytest.mark.guarantee
def test_no_page_or_admin_screen_violates_the_content_security_policy(
    live_server, page: Page, settings, article, cities, csp_violations, guarantee
):
    settings.CIVICNEWS_MAP_TILE_URL = ""  # no network here; the tile host is allowed by img-src anyway
    User.objects.create_superuser("editor", "editor@example.org", "correct horse battery staple")
    site_pages = [
        "/",
        "/?q=Lucas",
        "/meetings/",
        Meeting.objects.first().get_absolute_url(),
        "/officials/",
        Official.objects.first().get_absolute_url(),
        "/cities/",
        cities.get_absolute_url(),
        "/articles/",
        article.get_absolute_url(),
        "/no-such-page/",
    ]
    for path in site_pages:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        collect_csp(page, csp_violations)

    # htmx still swaps the results in place, and Leaflet still draws the map.
    page.goto(f"{live_server.url}/officials/")
    mark_document(page)
    page.get_by_label("Search officials").press_sequentially("Luc", delay=30)
    expect(page.locator("#results")).to_contain_text("Quinton Lucas")
    assert_same_document(page)
    collect_csp(page, csp_violations)
    page.goto(f"{live_server.url}/cities/")
    expect(page.locator("#city-map .leaflet-marker-icon").first).to_be_visible()
    collect_csp(page, csp_violations)

    # The admin: signing in, every list and add form, and its scripts run (date shortcuts appear).
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    collect_csp(page, csp_violations)
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        for name in ("changelist", "add"):
            page.goto(f"{live_server.url}{reverse(f'admin:{info[0]}_{info[1]}_{name}')}")
            page.wait_for_load_state("networkidle")
            collect_csp(page, csp_violations)
    page.goto(f"{live_server.url}{reverse('admin:events_article_add')}")
    expect(page.locator(".datetimeshortcuts").first).to_be_visible()
    page.goto(f"{live_server.url}{reverse('admin:events_official_duplicates')}")
    collect_csp(page, csp_violations)
    screens = len(site_pages) + 2 * len(admin.site._registry) + 5
    guarantee(
        "Content-Security-Policy in Chromium, every page and admin screen: screens, violations",
        ok=not csp_violations,
        screens=screens,
        violations=len(csp_violations),
    )
    assert csp_violations == []
