"""Pages: the HTMX partial contract, filters, bad input, escaping and constant query counts."""

from __future__ import annotations

import datetime
import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Meeting
from tests.factories import make_article, make_city, make_evidence, make_meeting, make_official, make_report

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}
HX_RESTORE = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
XSS = '<script>alert("x")</script>'


@pytest.fixture
def world():
    """Two cities, two officials, one article with evidence, and two meetings."""
    kc = make_city(name="Kansas City", state="MO", latitude=39.0997, longitude=-94.5786)
    springfield = make_city(name="Springfield", state="MO")
    jc = make_city(name="Jefferson City", state="MO")
    lucas = make_official("Quinton Lucas", roles=[{"title": "Mayor", "city": kc}], aliases=["Lucas"])
    parson = make_official(
        "Mike Parson", roles=[{"title": "Governor", "jurisdiction": "Missouri", "state": "MO"}]
    )
    text = (
        "Mayor Quinton Lucas heads to Jefferson City\n\n"
        "Kansas City Mayor Quinton Lucas is heading to Jefferson City Monday to address crime "
        "along with Governor Mike Parson."
    )
    article = make_article(title="Mayor Quinton Lucas heads to Jefferson City", text=text, source="FOX4")
    crime = make_meeting(
        city=jc,
        participants=[lucas, parson],
        unnamed=[{"title": "Mayor", "jurisdiction": "Springfield", "state": "MO"}],
        sources=[article],
        purpose="address crime",
        topics=["crime"],
        venue="state capitol",
        date=datetime.date(2019, 11, 25),
        date_text="Monday",
        status=Meeting.Status.HELD,
    )
    budget = make_meeting(
        city=springfield,
        participants=[parson],
        purpose="talk about the budget",
        topics=["budget"],
        date=datetime.date(2020, 3, 2),
        status=Meeting.Status.CANCELLED,
    )
    sentence = "Kansas City Mayor Quinton Lucas is heading to Jefferson City Monday to address crime along with Governor Mike Parson."
    make_evidence(article, sentence, "meeting", meeting=crime)
    make_evidence(article, "Quinton Lucas", "official", occurrence=1, official=lucas, is_mention=True)
    make_evidence(article, "Mike Parson", "official", official=parson, is_mention=True)
    make_evidence(article, "Jefferson City", "city", occurrence=1, city=jc, is_mention=True)
    make_evidence(article, "Monday", "date", meeting=crime, is_mention=True)
    return SimpleNamespace(
        kc=kc,
        springfield=springfield,
        jc=jc,
        lucas=lucas,
        parson=parson,
        article=article,
        crime=crime,
        budget=budget,
    )


def page_urls(w) -> dict[str, str]:
    return {
        "home": reverse("events:home"),
        "meeting_list": reverse("events:meeting_list"),
        "meeting_detail": w.crime.get_absolute_url(),
        "official_list": reverse("events:official_list"),
        "official_detail": w.lucas.get_absolute_url(),
        "city_list": reverse("events:city_list"),
        "city_detail": w.jc.get_absolute_url(),
        "article_list": reverse("events:article_list"),
        "article_detail": w.article.get_absolute_url(),
    }


PAGES = [
    "home",
    "meeting_list",
    "meeting_detail",
    "official_list",
    "official_detail",
    "city_list",
    "city_detail",
    "article_list",
    "article_detail",
]


# The HTMX partial contract, on every page


@pytest.mark.parametrize("name", PAGES)
def test_plain_get_is_full_page(client, world, name):
    response = client.get(page_urls(world)[name])
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert 'id="results"' in html
    assert "HX-Request" in response["Vary"]
    assert "/static/django_htmx/htmx-2" in html, "htmx comes from django-htmx's bundled copy"
    # Scripts and stylesheets come from our own static files, never another host (no CDN).
    # (Not a substring check on the whole page: the random CSRF token may spell "cdn".)
    external = re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="(?:https?:)?//[^"]*"', html)
    assert external == []


@pytest.mark.parametrize("name", PAGES)
def test_htmx_request_gets_only_the_partial(client, world, name):
    response = client.get(page_urls(world)[name], headers=HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="results"' in html
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("name", PAGES)
def test_history_restore_gets_the_full_page(client, world, name):
    response = client.get(page_urls(world)[name], headers=HX_RESTORE)
    assert response.status_code == 200
    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_base_layout(client, world):
    html = client.get("/").content.decode()
    assert 'data-hx-headers=\'{"x-csrftoken": "' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    for label in ("Meetings", "Officials", "Cities", "Articles"):
        assert f">{label}</a>" in html
    assert "<footer" in html


# Home


def test_home_shows_meetings_counts_and_search(client, world):
    response = client.get("/")
    html = response.content.decode()
    assert "address crime".capitalize() in html
    assert "Talk about the budget" in html
    assert "badge-cancelled" in html
    assert "the mayor of Springfield" in html
    # The search box submits to the home page itself, so it works as a plain form without JS.
    assert 'action="/"' in html and 'name="q"' in html and 'data-hx-get="/"' in html
    assert '<label for="home-q">Search officials, cities and meetings</label>' in html
    assert "<strong>1</strong> article" in html
    assert "<strong>2</strong> meetings" in html
    assert "<strong>3</strong> cities" in html


def result_group(html: str, kind: str) -> str:
    """The HTML of one group ("officials", "cities", "meetings") of the home search results."""
    start = html.index(f'aria-labelledby="found-{kind}"')
    return html[start : html.index("</section>", start)]


def test_home_search_groups_officials_cities_and_meetings(client, world):
    response = client.get("/", {"q": "Luc"}, headers=HX)
    html = response.content.decode()
    assert "<html" not in html
    officials = result_group(html, "officials")
    assert "Quinton Lucas" in officials and "Mike Parson" not in officials
    assert '<span class="count">1</span>' in officials
    assert "No city matches." in result_group(html, "cities")
    # The meeting Lucas took part in is found through its participant.
    meetings = result_group(html, "meetings")
    assert "Address crime" in meetings and "Talk about the budget" not in meetings
    assert "2 results for “Luc”" in html


def test_home_search_finds_cities_and_meetings_by_topic(client, world):
    html = client.get("/", {"q": "Springfield"}).content.decode()
    assert "<html" in html, "a plain submit gets the whole home page with the results in it"
    cities = result_group(html, "cities")
    assert 'href="/cities/springfield-mo/">Springfield, MO</a>' in cities
    assert "1 meeting" in cities
    assert "Talk about the budget" in result_group(html, "meetings")
    assert 'href="/cities/?q=Springfield"' in cities
    html = client.get("/", {"q": "budget"}, headers=HX).content.decode()
    assert "Talk about the budget" in result_group(html, "meetings")
    assert "Address crime" not in html


def test_home_search_with_no_match(client, world):
    html = client.get("/", {"q": "Zelensky"}, headers=HX).content.decode()
    assert "Nothing matches “Zelensky”" in html
    assert "No official, city or meeting matches “Zelensky”." in html


def test_empty_home_explains_how_to_ingest(client):
    html = client.get("/").content.decode()
    assert "python manage.py ingest seeds/" in html
    assert "make run" in html


# Meetings: filters


def meeting_titles(response) -> set[str]:
    html = response.content.decode()
    return {title for title in ("Address crime", "Talk about the budget") if title in html}


def test_meeting_list_shows_all_meetings(client, world):
    response = client.get("/meetings/")
    assert meeting_titles(response) == {"Address crime", "Talk about the budget"}
    assert "2 meetings" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"city": "jefferson-city-mo"}, {"Address crime"}),
        ({"city": "springfield-mo"}, {"Talk about the budget"}),
        ({"status": "cancelled"}, {"Talk about the budget"}),
        ({"status": "held"}, {"Address crime"}),
        ({"topic": "crime"}, {"Address crime"}),
        ({"topic": "Budget"}, {"Talk about the budget"}),
        ({"topic": "crim"}, set()),
        ({"date_from": "2020-01-01"}, {"Talk about the budget"}),
        ({"date_to": "2019-12-31"}, {"Address crime"}),
        ({"date_from": "2019-11-25", "date_to": "2019-11-25"}, {"Address crime"}),
        ({"status": "held", "city": "springfield-mo"}, set()),
    ],
)
def test_meeting_filters(client, world, params, expected):
    response = client.get("/meetings/", params, headers=HX)
    assert response.status_code == 200
    assert meeting_titles(response) == expected
    if not expected:
        assert "No meetings match these filters" in response.content.decode()


def test_meeting_filter_by_official(client, world):
    response = client.get("/meetings/", {"official": world.lucas.pk})
    assert meeting_titles(response) == {"Address crime"}
    response = client.get("/meetings/", {"official": world.parson.pk})
    assert meeting_titles(response) == {"Address crime", "Talk about the budget"}


def test_meeting_filter_form_is_htmx_and_works_without_js(client, world):
    html = client.get("/meetings/").content.decode()
    assert 'method="get"' in html and 'type="submit"' in html
    assert 'data-hx-get="/meetings/"' in html and 'data-hx-trigger="change, submit"' in html
    assert 'data-hx-target="#results"' in html and 'data-hx-push-url="true"' in html
    assert '<section id="results" aria-live="polite"' in html
    # City and official are text boxes with suggestions as you type, not a <select> of every row.
    for name in ("city", "official"):
        box = re.search(rf'<input type="text" name="{name}"[^>]*>', html).group(0)
        assert f'list="id_{name}-suggestions"' in box
        assert f'hx-get="/meetings/suggest/{name}/"' in box and 'hx-target="#id_' in box
        assert f'<datalist id="id_{name}-suggestions"></datalist>' in html
    assert "<option" not in html.split('name="status"')[0]


def test_filtering_by_a_city_without_meetings_shows_it(client, world):
    html = client.get("/meetings/", {"city": "kansas-city-mo"}).content.decode()
    assert 'name="city" value="Kansas City, MO"' in html
    assert "No meetings match these filters" in html


@pytest.mark.parametrize("value", ["Quinton Lucas", "quinton lucas", "Lucas", "Quinton Lucas #{pk}", "{pk}"])
def test_meetings_filter_by_an_official_typed_without_javascript(client, world, value):
    response = client.get("/meetings/", {"official": value.format(pk=world.lucas.pk)})
    assert meeting_titles(response) == {"Address crime"}
    assert f'name="official" value="Quinton Lucas #{world.lucas.pk}"' in response.content.decode()


@pytest.mark.parametrize("value", ["jefferson-city-mo", "Jefferson City, MO", "jefferson city"])
def test_meetings_filter_by_a_city_typed_without_javascript(client, world, value):
    response = client.get("/meetings/", {"city": value})
    assert meeting_titles(response) == {"Address crime"}


def test_an_ambiguous_name_lists_the_officials_it_could_be(client, world):
    twin = make_official("Quinton Lucas", roles=[{"title": "Sheriff", "jurisdiction": "Clay County"}])
    html = client.get("/meetings/", {"official": "Quinton Lucas"}).content.decode()
    assert "Several officials are called “Quinton Lucas”; pick one:" in html
    assert f"Quinton Lucas #{world.lucas.pk}" in html and f"Quinton Lucas #{twin.pk}" in html


def test_official_suggestions_as_you_type(client, world):
    response = client.get("/meetings/suggest/official/", {"official": "quin"}, headers=HX)
    html = response.content.decode()
    assert html.startswith(f'<option value="Quinton Lucas #{world.lucas.pk}">Mayor, Kansas City · 1 meeting')
    # A misspelt name still suggests the official.
    misspelt = client.get("/meetings/suggest/official/", {"official": "Quinten Lukas"}).content.decode()
    assert f"Quinton Lucas #{world.lucas.pk}" in misspelt
    assert client.get("/meetings/suggest/official/", {"official": "q"}).content == b""  # too short


def test_city_suggestions_as_you_type(client, world):
    html = client.get("/meetings/suggest/city/", {"city": "jeff"}).content.decode()
    assert html == '<option value="Jefferson City, MO">Jefferson City, MO</option>'
    assert client.get("/meetings/suggest/bogus/", {"bogus": "jeff"}).status_code == 404


def test_suggestions_escape_names(client, world):
    make_official(XSS, roles=[{"title": "Mayor", "jurisdiction": "<i>x</i>"}])
    html = client.get("/meetings/suggest/official/", {"official": "script"}).content.decode()
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;i&gt;" in html


def test_pagination_keeps_filters(client, world):
    for day in range(1, 31):
        make_meeting(city=world.jc, purpose=f"session {day}", date=datetime.date(2021, 1, day), status="held")
    response = client.get("/meetings/", {"status": "held", "city": "jefferson-city-mo"})
    html = response.content.decode()
    assert "31 meetings match these filters" in html
    assert "Page 1 of 2" in html
    next_link = "?status=held&amp;city=jefferson-city-mo&amp;page=2"
    assert f'href="{next_link}" data-hx-get="{next_link}"' in html
    page2 = client.get("/meetings/", {"status": "held", "city": "jefferson-city-mo", "page": 2}, headers=HX)
    assert "Page 2 of 2" in page2.content.decode()


def titles_in_order(html: str, titles: list[str]) -> list[str]:
    return sorted(titles, key=html.index)


def test_meetings_sort_newest_first_by_default_and_oldest_on_request(client, world):
    undated = make_meeting(city=world.jc, purpose="undated session", status="held")
    html = client.get("/meetings/").content.decode()
    titles = ["Address crime", "Talk about the budget", "Undated session"]
    assert titles_in_order(html, titles) == ["Talk about the budget", "Address crime", "Undated session"]
    assert '3 meetings<span class="muted">, newest first</span>' in html
    html = client.get("/meetings/", {"sort": "oldest"}, headers=HX).content.decode()
    assert titles_in_order(html, titles) == ["Address crime", "Talk about the budget", "Undated session"]
    assert "oldest first" in html
    # The explicit default is accepted too, and sorting is not filtering.
    html = client.get("/meetings/", {"sort": "newest"}).content.decode()
    assert titles_in_order(html, titles) == ["Talk about the budget", "Address crime", "Undated session"]
    assert "match these filters" not in html
    assert undated.date is None


def test_sort_select_offers_both_orders_and_pager_keeps_it(client, world):
    for day in range(1, 31):
        make_meeting(city=world.jc, purpose=f"session {day}", date=datetime.date(2021, 1, day), status="held")
    html = client.get("/meetings/", {"status": "held", "sort": "oldest"}).content.decode()
    assert '<select name="sort" id="id_sort">' in html
    assert '<option value="">Newest first</option>' in html
    assert '<option value="oldest" selected>Oldest first</option>' in html
    assert 'href="?status=held&amp;sort=oldest&amp;page=2"' in html
    page2 = client.get(
        "/meetings/", {"status": "held", "sort": "oldest", "page": 2}, headers=HX
    ).content.decode()
    assert "Session 30" in page2 and "Session 1<" not in page2


def test_feed_links_keep_the_filters(client, world):
    html = client.get(
        "/meetings/",
        {"status": "held", "city": "jefferson-city-mo", "sort": "oldest", "page": "1", "topic": ""},
    ).content.decode()
    assert (
        'Subscribe to these meetings: <a href="/meetings/feed.ics?city=jefferson-city-mo&amp;status=held" type="text/calendar">iCalendar</a>'
        ' · <a href="/meetings/feed.atom?city=jefferson-city-mo&amp;status=held" type="application/atom+xml">Atom</a>'
    ) in html
    # The links live in the partial, so they follow the filters as they change.
    html = client.get("/meetings/", {"topic": "crime"}, headers=HX).content.decode()
    assert 'href="/meetings/feed.ics?topic=crime"' in html
    html = client.get("/meetings/").content.decode()
    assert 'Subscribe: <a href="/meetings/feed.ics" type="text/calendar">' in html
    # Filters that cannot be applied offer no feed.
    assert "Subscribe" not in client.get("/meetings/", {"city": "atlantis"}).content.decode()


# Bad input: 200 with an explanation, never a 500


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"city": "atlantis"}, "No city is called “atlantis”: pick one from the suggestions as you type."),
        ({"date_from": "notadate"}, "Enter a date as YYYY-MM-DD."),
        ({"date_to": "2019-13-45"}, "Enter a date as YYYY-MM-DD."),
        ({"official": "abc"}, "No official is called “abc”"),
        ({"official": "999999"}, "No official has the number 999999."),
        ({"official": "9" * 40}, "No official has the number 9999"),
        ({"status": "exploded"}, "Select a valid choice."),
        ({"date_from": "2020-01-02", "date_to": "2020-01-01"}, "The end date is before the start date."),
        ({"topic": "x" * 101}, "at most 100 characters"),
        ({"sort": "sideways"}, "Select a valid choice. sideways is not one of the available choices."),
        ({"date_from": "99999-01-01"}, "Enter a date as YYYY-MM-DD."),
        ({"topic": "a\x00b"}, "Null characters are not allowed."),
        ({"official": "²"}, "No official is called “²”"),  # "²".isdigit() is True, int("²") fails
        ({"city": "\x00"}, "Null characters are not allowed."),  # PostgreSQL refuses NUL in a query
        ({"city": "kansas-city-xx"}, "No city is called “kansas-city-xx”"),
    ],
)
def test_meeting_list_bad_params_explain_themselves(client, world, params, message):
    for headers in ({}, HX):
        response = client.get("/meetings/", params, headers=headers)
        assert response.status_code == 200
        html = response.content.decode()
        assert "These filters could not be applied" in html
        assert message in html


def test_city_slug_in_error_is_escaped(client, world):
    html = client.get("/meetings/", {"city": "<b>x</b>"}).content.decode()
    assert "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


@pytest.mark.parametrize("url", ["/meetings/", "/officials/", "/cities/", "/articles/"])
@pytest.mark.parametrize(
    ("page", "note"),
    [
        ("999999", "There is no page 999999; showing the last page"),
        ("9" * 40, f"There is no page {'9' * 20}; showing the last page"),
        ("abc", "“abc” is not a page number; showing page 1"),
        ("-1", "“-1” is not a page number; showing page 1"),
        ("²", "“²” is not a page number; showing page 1"),  # "²".isdigit() is True, int("²") raises
        ("9" * 5000, f"“{'9' * 20}” is not a page number; showing page 1"),  # over int()'s 4,300 digits
    ],
)
def test_bad_page_numbers_fall_back_with_a_note(client, world, url, page, note):
    response = client.get(url, {"page": page})
    assert response.status_code == 200
    assert note in response.content.decode()


# Every parameter of every list page, detail page and feed, with hostile values (issue 11): never a 5xx.
HOSTILE_PARAMS = ["q", "page", "city", "official", "topic", "status", "date_from", "date_to", "sort"]
HOSTILE_VALUES = [
    "²",
    "١٢",  # Arabic-Indic digits: int() reads them
    "9" * 5000,
    "9" * 19,
    "\x00",
    "a\x00b",
    "-1",
    "0",
    "1.5",
    "1e3",
    " ",
    "%",
    "\u202e",
    "x" * 5000,
    "2020-02-30",
    "0001-01-01",
    "9999-12-31",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
]


def hostile_urls(w) -> list[str]:
    return [
        reverse("events:home"),
        reverse("events:meeting_list"),
        reverse("events:official_list"),
        reverse("events:city_list"),
        reverse("events:article_list"),
        reverse("events:meeting_feed_ics"),
        reverse("events:meeting_feed_atom"),
        w.lucas.get_absolute_url(),
        w.jc.get_absolute_url(),
    ]


@pytest.mark.guarantee
@pytest.mark.parametrize("param", HOSTILE_PARAMS)
def test_hostile_parameters_never_give_a_server_error(client, world, param, guarantee):
    client.raise_request_exception = False  # collect every 500 instead of stopping at the first
    errors, requests = [], 0
    for url in hostile_urls(world):
        for value in HOSTILE_VALUES:
            for headers in ({}, HX):
                requests += 1
                status = client.get(url, {param: value}, headers=headers).status_code
                if status >= 500:
                    errors.append(f"{url}?{param}={value[:20]!r} -> {status}")
    guarantee(
        "hostile parameters on every list page and feed: requests, 5xx",
        ok=not errors,
        requests=requests,
        errors=len(errors),
    )
    assert errors == []


@pytest.mark.parametrize("url", ["/", "/officials/", "/cities/", "/articles/"])
@pytest.mark.parametrize("q", ["<script>alert(1)</script>", "' OR 1=1 --", "%", "_", "\\", "\x00"])
def test_hostile_search_gives_an_escaped_empty_state(client, world, url, q):
    for headers in ({}, HX):
        response = client.get(url, {"q": q}, headers=headers)
        assert response.status_code == 200
        html = response.content.decode()
        assert "<script>alert(1)</script>" not in html
        if url != "/" or headers:
            assert "No " in html and "matches" in html or "could not be run" in html


def test_hostile_q_is_echoed_escaped(client, world):
    html = client.get("/officials/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "No official matches “&lt;script&gt;alert(1)&lt;/script&gt;”." in html


def test_overlong_q_is_explained(client, world):
    response = client.get("/officials/", {"q": "x" * 500})
    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/meetings/999999/",
        "/officials/999999/",
        "/cities/atlantis-xx/",
        "/articles/999999/",
        "/meetings/99999999999999999999999999/",
        "/articles/99999999999999999999999999/",
    ],
)
def test_missing_detail_objects_are_404(client, world, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_post_is_not_allowed(client, world):
    assert client.post("/meetings/").status_code == 405


# Officials


def test_official_search(client, world):
    html = client.get("/officials/", {"q": "Luc"}, headers=HX).content.decode()
    assert "1 official matches “Luc”" in html
    assert "Quinton Lucas" in html and "Mike Parson" not in html
    assert "Mayor, Kansas City (MO)" in html
    assert "1 meeting" in html


@pytest.mark.parametrize("q", ["mayor", "governor missouri", "lucas", "Kansas"])
def test_official_search_by_title_alias_and_place(client, world, q):
    html = client.get("/officials/", {"q": q}).content.decode()
    assert "No official matches" not in html


def test_official_search_no_match(client, world):
    html = client.get("/officials/", {"q": "Zelensky"}).content.decode()
    assert "No official matches “Zelensky”." in html


def test_official_search_forgives_a_misspelt_name(client, world):
    html = client.get("/officials/", {"q": "Quinten Lukas"}).content.decode()
    assert "Quinton Lucas" in html and "No official matches" not in html


def test_official_search_puts_the_best_match_first(client, world):
    make_official(
        name="Lucinda Park", roles=[{"title": "Mayor", "jurisdiction": "Lucas County", "state": "OH"}]
    )
    html = client.get("/officials/", {"q": "Lucas"}, headers=HX).content.decode()
    # Both hold "Lucas"; the one whose name holds it comes first, whatever the alphabet says.
    assert html.index("Quinton Lucas") < html.index("Lucinda Park")


def test_official_search_box_is_live(client, world):
    html = client.get("/officials/").content.decode()
    assert 'type="search"' in html and 'name="q"' in html
    assert 'data-hx-get="/officials/"' in html
    assert 'data-hx-trigger="input changed delay:300ms, search"' in html
    assert 'data-hx-target="#results"' in html and 'data-hx-push-url="true"' in html
    assert '<label for="id_q">' in html and 'type="submit"' in html


def test_official_detail(client, world):
    html = client.get(world.parson.get_absolute_url()).content.decode()
    assert "<h1>Mike Parson</h1>" in html
    assert "Governor, Missouri (MO)" in html
    assert "Meetings (2)" in html
    # Co-participants of the crime meeting, without Parson himself in the "With" list.
    assert "Quinton Lucas" in html and "the mayor of Springfield" in html
    assert world.article.title in html
    lucas = client.get(world.lucas.get_absolute_url()).content.decode()
    assert "“Lucas”" in lucas
    assert f'Mayor, <a href="{world.kc.get_absolute_url()}">Kansas City</a> (MO)' in lucas
    # Lucas's only meeting: the "With" list leaves him out but keeps the others.
    assert (
        "With:" in lucas
        and f'href="{world.lucas.get_absolute_url()}">Quinton Lucas</a>'
        not in lucas.split("Meetings (")[1].split("Articles that name")[0]
    )


# Cities


def test_city_list_and_search(client, world):
    html = client.get("/cities/").content.decode()
    assert "3 cities" in html and "Kansas City" in html
    html = client.get("/cities/", {"q": "spring"}, headers=HX).content.decode()
    assert "Springfield" in html and "Kansas City" not in html
    html = client.get("/cities/", {"q": "Atlantis"}).content.decode()
    assert "No city matches “Atlantis”." in html


def test_city_detail(client, world):
    html = client.get(world.kc.get_absolute_url()).content.decode()
    assert "<h1>Kansas City</h1>" in html
    assert "39.0997, -94.5786" in html
    assert "Quinton Lucas" in html and "Mayor" in html
    assert "No meeting in Kansas City has been reported." in html
    html = client.get(world.jc.get_absolute_url()).content.decode()
    assert "Address crime" in html


def map_data(html: str) -> dict:
    """The JSON the map script reads (``json_script`` id ``city-map-data``)."""
    import json

    start = html.index('<script id="city-map-data" type="application/json">') + len(
        '<script id="city-map-data" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_city_list_map_data_has_one_marker_per_located_city(client, world, settings):
    settings.CIVICNEWS_MAP_TILE_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"
    settings.CIVICNEWS_MAP_ATTRIBUTION = "&copy; Test tiles"
    make_city(name="Nowhere", state="MO", latitude=None, longitude=None)
    html = client.get("/cities/").content.decode()
    data = map_data(html)
    assert data["tile_url"] == "http://127.0.0.1:9/{z}/{x}/{y}.png"
    assert data["attribution"] == "&copy; Test tiles"
    markers = {city["label"]: city for city in data["cities"]}
    assert set(markers) == {"Kansas City, MO", "Springfield, MO", "Jefferson City, MO"}
    assert markers["Kansas City, MO"] == {
        "name": "Kansas City",
        "label": "Kansas City, MO",
        "url": "/cities/kansas-city-mo/",
        "lat": 39.0997,
        "lon": -94.5786,
        "meetings": 0,
    }
    assert markers["Jefferson City, MO"]["meetings"] == 1
    # The map waits for its script; the list below it is plain HTML and names every city.
    assert '<figure class="map-figure" data-city-map-figure hidden' in html
    assert 'src="/static/vendor/leaflet/leaflet.js"' in html and "/static/vendor/leaflet/leaflet.css" in html
    assert "1 of these cities has no known coordinates" in html
    assert '<a href="/cities/nowhere-mo/">Nowhere</a>' in html


def test_city_map_shows_the_busiest_cities_when_there_are_too_many(client, world, monkeypatch):
    monkeypatch.setattr("events.views.MAP_MAX_CITIES", 2)
    make_meeting(city=world.kc, purpose="transit")
    make_meeting(city=world.kc, purpose="housing")
    markers = [city["label"] for city in map_data(client.get("/cities/").content.decode())["cities"]]
    # Busiest drawn last (on top); Springfield (1 meeting) and Jefferson City (1) tie for the other place.
    assert len(markers) == 2 and markers[-1] == "Kansas City, MO"


def test_city_map_follows_the_search_and_escapes_names(client, world):
    make_city(name="</script><script>alert(1)</script>", state="MO")
    html = client.get("/cities/", {"q": "spring"}, headers=HX).content.decode()
    assert [c["label"] for c in map_data(html)["cities"]] == ["Springfield, MO"]
    html = client.get("/cities/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "</script><script>alert(1)</script>, MO" in [c["label"] for c in map_data(html)["cities"]]


def test_blank_tile_url_means_markers_only(client, world, settings):
    settings.CIVICNEWS_MAP_TILE_URL = ""
    html = client.get("/cities/").content.decode()
    assert map_data(html)["tile_url"] == ""
    assert "No background map is configured: only country and state outlines are drawn." in html


def test_no_map_when_no_city_matches(client, world):
    html = client.get("/cities/", {"q": "Atlantis"}).content.decode()
    assert "city-map-data" not in html and "No city matches “Atlantis”." in html


def test_city_detail_has_a_small_map(client, world):
    html = client.get(world.kc.get_absolute_url()).content.decode()
    data = map_data(html)
    assert [c["url"] for c in data["cities"]] == ["/cities/kansas-city-mo/"]
    assert "city-map-small" in html and 'aria-label="Map: where Kansas City is"' in html
    nowhere = make_city(name="Nowhere", latitude=None, longitude=None)
    html = client.get(nowhere.get_absolute_url()).content.decode()
    assert "city-map-data" not in html and "leaflet" not in html and "Not known" in html


def test_leaflet_is_vendored_with_its_licence():
    from pathlib import Path

    from django.conf import settings as django_settings

    leaflet = Path(django_settings.BASE_DIR) / "static" / "vendor" / "leaflet"
    for name in (
        "leaflet.js",
        "leaflet.css",
        "LICENSE",
        "images/marker-icon.png",
        "images/marker-shadow.png",
    ):
        assert (leaflet / name).is_file(), name
    assert 'version="1.9.4"' in (leaflet / "leaflet.js").read_text()
    assert "BSD" in (leaflet / "LICENSE").read_text() or "Redistribution" in (leaflet / "LICENSE").read_text()


def test_map_outlines_are_vendored_with_their_licences_and_linked_from_the_map(client, world):
    from pathlib import Path

    from django.conf import settings as django_settings
    from django.contrib.staticfiles import finders

    vendor = Path(django_settings.BASE_DIR) / "static" / "vendor"
    for package, data in (
        ("world-atlas", "countries-50m.json"),
        ("us-atlas", "states-10m.json"),
        ("topojson-client", "topojson-client.min.js"),
    ):
        assert "Permission to use, copy, modify" in (vendor / package / "LICENSE").read_text()  # ISC
        assert (vendor / package / data).is_file(), data
    html = client.get("/cities/").content.decode()
    for url in re.findall(r'data-(?:countries|states)-url="([^"]+)"', html) + re.findall(
        r'<script src="([^"]+topojson[^"]+)"', html
    ):
        assert finders.find(url.removeprefix(django_settings.STATIC_URL).lstrip("/")), url
    assert len(re.findall(r'data-(?:countries|states)-url="', html)) == 2


# Meetings: detail


def test_meeting_detail_shows_who_where_when_why_and_sources(client, world):
    html = client.get(world.crime.get_absolute_url()).content.decode()
    assert "<h1>Address crime</h1>" in html
    assert f'href="{world.lucas.get_absolute_url()}">Quinton Lucas</a>' in html
    assert "the mayor of Springfield" in html
    assert f'href="{world.jc.get_absolute_url()}">Jefferson City, MO</a>, state capitol' in html
    assert "Monday 25 November 2019" in html and "“Monday”" in html
    assert 'class="tag" href="/meetings/?topic=crime"' in html
    assert "badge-held" in html
    assert f'href="{world.article.get_absolute_url()}"><bdi>{world.article.title}</bdi></a>' in html
    # The evidence sentence, with the names, place and date in it marked and linked.
    assert '<blockquote class="evidence">Kansas City Mayor <mark class="hl hl-official"' in html
    assert f'<a href="{world.lucas.get_absolute_url()}">Quinton Lucas</a></mark> is heading to' in html
    assert f'<a href="{world.jc.get_absolute_url()}">Jefferson City</a></mark>' in html
    # The date marks this very meeting: marked, not linked to the page it is on.
    assert '<mark class="hl hl-date" data-kind="date" title="Date">Monday</mark>' in html
    # One source: no history, no disagreement.
    assert "Status history" not in html and "disagree" not in html
    # The date mention is evidence for this meeting too, but is_mention rows are not quoted.
    assert '<blockquote class="evidence">Monday</blockquote>' not in html


def test_meeting_detail_status_history_and_disagreements(client, world):
    meeting = make_meeting(
        city=world.kc,
        purpose="press for violence-prevention money",
        status="held",
        date=datetime.date(2024, 3, 13),
        venue="Ohio Statehouse",
    )
    preview = make_article(title="Preview", source="Buckeye Valley News", published=datetime.date(2024, 3, 8))
    wire = make_article(title="Wire story", source="Great Lakes Wire", published=datetime.date(2024, 3, 13))
    late = make_article(title="Late", source="Metro Daily", published=datetime.date(2024, 3, 14))
    # Created out of order: the history is ordered by the articles' published dates.
    make_report(meeting, wire, status="held", date=datetime.date(2024, 3, 13), venue="Ohio Statehouse")
    make_report(meeting, late, status="held", date=datetime.date(2024, 3, 13), venue="the ohio statehouse")
    make_report(meeting, preview, status="scheduled", date=datetime.date(2024, 3, 12), venue="")
    html = client.get(meeting.get_absolute_url()).content.decode()
    history = html[html.index("Status history") : html.index("</ol>", html.index("Status history"))]
    assert titles_in_order(history, ["Buckeye Valley News", "Great Lakes Wire", "Metro Daily"]) == [
        "Buckeye Valley News",
        "Great Lakes Wire",
        "Metro Daily",
    ]
    assert '<time datetime="2024-03-08">8 Mar 2024</time> — <a href=' in history
    assert (
        '><bdi>Buckeye Valley News</bdi></a>: <span class="badge badge-scheduled">Scheduled</span>' in history
    )
    assert '><bdi>Great Lakes Wire</bdi></a>: <span class="badge badge-held">Held</span>' in history
    assert (
        "Sources disagree on the date: <strong>12 Mar 2024</strong> (<bdi>Buckeye Valley News</bdi>), "
        "<strong>13 Mar 2024</strong> (<bdi>Great Lakes Wire</bdi>, <bdi>Metro Daily</bdi>)."
    ) in html
    assert (
        "Sources disagree on the status: <strong>Scheduled</strong> (<bdi>Buckeye Valley News</bdi>), "
        "<strong>Held</strong> (<bdi>Great Lakes Wire</bdi>, <bdi>Metro Daily</bdi>)."
    ) in html
    # "Ohio Statehouse" and "the ohio statehouse" agree; a report without a venue is silent, not opposed.
    assert "disagree on the venue" not in html
    assert "Sources (3)" in html


def test_meeting_detail_disagreement_on_venue_is_escaped(client, world):
    meeting = make_meeting(city=world.kc, purpose="hearing")
    make_report(meeting, make_article(source="A"), venue="City Hall")
    make_report(meeting, make_article(source="B"), venue="<b>Annex</b>")
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert (
        "Sources disagree on the venue: <strong>City Hall</strong> (<bdi>A</bdi>), "
        "<strong>&lt;b&gt;Annex&lt;/b&gt;</strong> (<bdi>B</bdi>)." in html
    )


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_cancelled_and_postponed_meetings_stand_out(client, world, status):
    meeting = make_meeting(city=world.kc, purpose="budget talks", status=status)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert f'<span class="badge badge-{status}">{status.capitalize()}</span>' in html
    assert f"<strong>This meeting was reported as {status}.</strong>" in html


def test_meeting_detail_names_the_kind_of_gathering_without_grammar_slips(client):
    meeting = make_meeting(purpose="budget", kind="closed-door talks", status="held")
    html = client.get(meeting.get_absolute_url()).content.decode()
    why = html[html.index("<dt>Why</dt>") : html.index("</dd>", html.index("<dt>Why</dt>"))]
    assert "Kind of gathering: closed-door talks" in why
    assert "A closed-door talks." not in why


def test_admin_pages_have_a_favicon(admin_client):
    from django.contrib.staticfiles import finders

    html = admin_client.get(reverse("admin:index")).content.decode()
    icons = re.findall(r'<link rel="icon" href="/static/([^"]+)"', html)
    assert icons and finders.find(icons[0]), "the admin declares no icon, so browsers ask for /favicon.ico"


def test_meeting_detail_escapes_evidence(client, world):
    article = make_article(title="Hostile", text=f"Intro\n\nThe council met {XSS} today.")
    meeting = make_meeting(city=world.kc, sources=[article], purpose=XSS)
    make_evidence(article, f"The council met {XSS} today.", "meeting", meeting=meeting)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert XSS not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


# Articles


def test_article_list(client, world):
    html = client.get("/articles/").content.decode()
    assert world.article.title in html and "FOX4" in html and "1 meeting" in html
    html = client.get("/articles/", {"q": "Parson"}, headers=HX).content.decode()
    assert world.article.title in html
    html = client.get("/articles/", {"q": "nothing like this"}).content.decode()
    assert "No article matches “nothing like this”." in html


def test_articles_list_puts_undated_and_outlet_unknown_articles_last(client):
    make_article(title="Dated, known outlet", published=datetime.date(2024, 3, 8))
    make_article(title="Undated, known outlet")
    make_article(title="Undated, outlet unknown", source="")  # the newest row: first by -created alone
    html = client.get("/articles/").content.decode()
    order = [html.index(title) for title in ("Dated, known", "Undated, known", "Undated, outlet unknown")]
    assert order == sorted(order), "undated and outlet-unknown articles come after the dated ones"


# Time passes: what the pages say depends on today


def test_a_scheduled_meeting_whose_date_has_passed_says_its_outcome_is_not_reported(client):
    today = datetime.date.today()
    past = make_meeting(
        purpose="review the levy", status="scheduled", date=today - datetime.timedelta(days=3)
    )
    future = make_meeting(
        purpose="open the bids", status="scheduled", date=today + datetime.timedelta(days=3)
    )
    html = client.get("/meetings/").content.decode()
    row = html[html.index("Review the levy") - 400 : html.index("Review the levy")]
    assert "Date passed, outcome not reported" in row
    row = html[html.index("Open the bids") - 400 : html.index("Open the bids")]
    assert "Date passed" not in row and "Scheduled" in row
    detail = client.get(past.get_absolute_url()).content.decode()
    assert "Date passed, outcome not reported" in detail
    assert "the date has passed and no later article reports what happened" in detail
    assert "Date passed" not in client.get(future.get_absolute_url()).content.decode()
    # Derived when shown, not stored: the status filter still finds it as reported.
    past.refresh_from_db()
    assert past.status == "scheduled"
    assert "Review the levy" in client.get("/meetings/", {"status": "scheduled"}).content.decode()


def test_home_says_how_old_the_newest_meeting_is_when_none_is_upcoming(client):
    newest = datetime.date.today() - datetime.timedelta(days=900)  # two and a half years
    make_meeting(purpose="old news", status="held", date=newest, sources=[make_article()])
    make_meeting(purpose="older news", status="held", date=newest - datetime.timedelta(days=30))
    html = client.get("/").content.decode()
    upcoming = html[html.index('id="upcoming-heading"') : html.index('id="recent-heading"')]
    assert f"The newest is dated {newest.day} {newest:%b %Y}, 2\xa0years, 5\xa0months ago" in upcoming
    assert "the recent meetings below are the latest there are" in upcoming


def test_article_detail_highlights_and_links(client, world):
    html = client.get(world.article.get_absolute_url()).content.decode()
    assert 'class="article-text"' in html
    assert '<mark class="hl hl-meeting" data-kind="meeting"' in html
    assert (
        f'<mark class="hl hl-official" data-kind="official" title="Official: Quinton Lucas">'
        f'<a href="{world.lucas.get_absolute_url()}">Quinton Lucas</a></mark>'
    ) in html
    assert f'<a href="{world.jc.get_absolute_url()}">Jefferson City</a></mark>' in html
    assert f'<a href="{world.crime.get_absolute_url()}">Monday</a></mark>' in html
    assert "Legend" in html
    # The official mark sits inside the meeting sentence's mark.
    meeting_start = html.index('<mark class="hl hl-meeting"', html.index('class="article-text"'))
    official_start = html.index('<mark class="hl hl-official"', meeting_start)
    assert meeting_start < official_start < html.index("</div>", meeting_start)


def test_article_marks_names_and_places_not_their_whole_sentences(client):
    article = make_article(text="Title\n\nMayor Ann Lee spoke in Dayton on Monday about roads.")
    lee = make_official(name="Ann Lee")
    sentence = "Mayor Ann Lee spoke in Dayton on Monday about roads."
    make_evidence(article, sentence, "official", official=lee)  # the sentence backs the fact
    make_evidence(article, "Ann Lee", "official", official=lee, is_mention=True)
    html = client.get(article.get_absolute_url()).content.decode()
    start = html.index('class="article-text"')
    text_html = html[start : html.index("</div>", start)]
    assert text_html.count('<mark class="hl hl-official"') == 1
    assert f'<a href="{lee.get_absolute_url()}">Ann Lee</a></mark>' in text_html


def test_article_page_escapes_untrusted_text(client):
    text = f"{XSS} headline\n\nMayor Bob Smith said {XSS} at city hall."
    article = make_article(title=f"{XSS} headline", text=text, url="javascript:alert(1)")
    bob = make_official("Bob Smith")
    make_evidence(article, "Bob Smith", "official", official=bob, is_mention=True)
    # A span that covers the script itself: its text must be escaped inside the mark too.
    make_evidence(article, XSS, "official", occurrence=1, official=bob, is_mention=True)
    html = client.get(article.get_absolute_url()).content.decode()
    assert XSS not in html
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; headline" in html  # title and text
    assert f'<a href="{bob.get_absolute_url()}">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</a>' in html
    assert 'href="javascript:' not in html
    listing = client.get("/articles/").content.decode()
    assert XSS not in listing and "&lt;script&gt;" in listing


# Constant query counts: 5 rows and 200 rows cost the same number of queries.

# Pinned per page. If one of these fails, a view started querying per row (or gained a query):
# fix the view with select_related/Prefetch, or update the number and say which query was added.
LIST_QUERIES = {
    "home": 8,  # 4 counts; upcoming + their participants; recent + their participants
    "meeting_list": 4,  # count, the page's keys, its rows, participants (city, official only when given)
    "official_list": 3,  # count, page, roles
    "city_list": 3,  # count, page, map markers
    "article_list": 2,  # count, page
}
DETAIL_QUERIES = {
    "meeting_detail": 5,  # meeting, participants, reports + articles, evidence, mentions in the sentences
    "official_detail": 9,  # official, roles, aliases; meetings count, keys, rows, participants; articles, count
    "city_detail": 7,  # city; officials, their roles here; meetings count, the page's keys, rows, participants
    "article_detail": 4,  # article, evidence, reports + meetings + cities, participants
}
# The home search adds, per group: officials count, page, roles (3); cities count, page (2); meetings
# by each of 3 reasons, rows, participants (5); plus up to 2 per official search for its "any word
# hit?" probe and close-names fallback (once for the officials, once inside the meetings').
HOME_SEARCH_QUERIES = LIST_QUERIES["home"] + 10 + 4


def populate(n: int, hub_name: str = "Hub") -> SimpleNamespace:
    """n cities, officials, articles and meetings, each meeting with two officials, one unnamed
    participant and one source article with evidence; all tied to one hub official, city and article.

    Bulk-created (a handful of INSERTs whatever n is), so the 200-row query-count tests stay fast.
    """
    import hashlib

    from events.models import Article, City, Evidence, MeetingSource, Official, Participant, Role

    hub_city = make_city(name=f"{hub_name} City")
    hub = make_official(
        f"{hub_name} Official", roles=[{"title": "Mayor", "city": hub_city}], aliases=[hub_name]
    )
    segment = f"{hub.name} met. "
    prefix = f"{hub_name} article\n\n"
    hub_article = make_article(title=f"{hub_name} article", text=prefix + segment * n)
    today = datetime.date.today()
    slug = hub_name.lower()
    cities = City.objects.bulk_create(
        City(
            name=f"{hub_name} Town {i}",
            state="MO",
            country="US",
            slug=f"{slug}-town-{i}-mo",
            latitude=38 + i / 100,
            longitude=-92 - i / 100,
        )
        for i in range(n)
    )
    officials = Official.objects.bulk_create(Official(name=f"{hub_name} Person {i}") for i in range(n))
    Role.objects.bulk_create(
        role
        for city, official in zip(cities, officials, strict=True)
        for role in (
            Role(official=official, title="Mayor", jurisdiction=city.name, state="MO", city=city),
            Role(official=official, title="Chair", jurisdiction=hub_city.name, state="MO", city=hub_city),
        )
    )
    texts = [
        f"Story {i}\n\n{hub.name} met {official.name} in {city.name}."
        for i, (city, official) in enumerate(zip(cities, officials, strict=True))
    ]
    articles = Article.objects.bulk_create(
        Article(
            title=f"{hub_name} story {i}",
            text=text,
            source="Test Gazette",
            source_key=f"{slug}_{i}",
            extraction_status=Article.Status.DONE,
            published=today,
            content_hash=hashlib.sha256(f"{hub_name}\0{text}".encode()).hexdigest(),
        )
        for i, text in enumerate(texts)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            city=hub_city if i % 2 else city,
            purpose="discuss crime",
            topics=["crime"],
            status=Meeting.Status.SCHEDULED,
            date=today + datetime.timedelta(days=i - n // 2),
        )
        for i, city in enumerate(cities)
    )
    # The denormalised search text, as ingest would write it (bulk, so 200 rows stay cheap).
    for city, official in zip(cities, officials, strict=True):
        official.search_text = f"{official.name} | Mayor {city.name} MO | Chair {hub_city.name} MO"
    Official.objects.bulk_update(officials, ["search_text"])
    for meeting, official in zip(meetings, officials, strict=True):
        meeting.search_text = f"discuss crime | crime | {hub.name} | {official.name} | the police chief"
    Meeting.objects.bulk_update(meetings, ["search_text"])
    participants, reports, evidence = [], [], []
    for i, (city, official, article, meeting) in enumerate(
        zip(cities, officials, articles, meetings, strict=True)
    ):
        participants += [
            Participant(meeting=meeting, official=hub, name=hub.name),
            Participant(meeting=meeting, official=official, name=official.name),
            Participant(meeting=meeting, title="Police Chief", jurisdiction=city.name),
        ]
        reports += [
            MeetingSource(meeting=meeting, article=article, status=meeting.status, date=meeting.date),
            MeetingSource(meeting=meeting, article=hub_article, status=meeting.status, date=meeting.date),
        ]
        body = article.text.index(hub.name)
        sentence_end = len(article.text)
        at = body + len(hub.name) + len(" met ")
        city_at = article.text.index(city.name, at)
        hub_at = len(prefix) + i * len(segment)
        evidence += [
            Evidence(article=article, kind="meeting", start=body, end=sentence_end, meeting=meeting),
            Evidence(
                article=article,
                kind="official",
                start=body,
                end=body + len(hub.name),
                official=hub,
                is_mention=True,
            ),
            Evidence(
                article=article,
                kind="official",
                start=at,
                end=at + len(official.name),
                official=official,
                is_mention=True,
            ),
            Evidence(
                article=article,
                kind="city",
                start=city_at,
                end=city_at + len(city.name),
                city=city,
                is_mention=True,
            ),
            Evidence(
                article=hub_article,
                kind="meeting",
                start=hub_at,
                end=hub_at + len(segment) - 1,
                meeting=meeting,
            ),
            Evidence(
                article=hub_article,
                kind="official",
                start=hub_at,
                end=hub_at + len(hub.name),
                official=hub,
                is_mention=True,
            ),
        ]
    Participant.objects.bulk_create(participants)
    MeetingSource.objects.bulk_create(reports)
    Evidence.objects.bulk_create(evidence)
    return SimpleNamespace(hub=hub, hub_city=hub_city, hub_article=hub_article)


def count_queries(client, url: str, headers=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


LIST_URLS = {
    "home": "/",
    "meeting_list": "/meetings/",
    "official_list": "/officials/",
    "city_list": "/cities/",
    "article_list": "/articles/",
}
ROWS = [5, 200]


def test_populate_builds_what_it_says(client):
    w = populate(5)
    assert Meeting.objects.count() == 5
    assert Meeting.objects.filter(participants__official=w.hub).count() == 5
    assert w.hub_article.evidence.count() == 10
    for evidence in w.hub_article.evidence.filter(is_mention=True):
        assert evidence.text == w.hub.name
    html = client.get(w.hub_article.get_absolute_url()).content.decode()
    assert html.count('data-kind="meeting"') == 5
    assert "Hub Town 4" in client.get("/cities/").content.decode()


@pytest.mark.parametrize("rows", ROWS)
@pytest.mark.parametrize("name", list(LIST_URLS))
def test_list_query_counts_are_constant(client, django_assert_max_num_queries, name, rows):
    populate(rows)
    with django_assert_max_num_queries(LIST_QUERIES[name], info=f"{name} with {rows} rows"):
        response = client.get(LIST_URLS[name])
    assert response.status_code == 200


@pytest.mark.parametrize("rows", ROWS)
@pytest.mark.parametrize("name", list(DETAIL_QUERIES))
def test_detail_query_counts_are_constant(client, django_assert_max_num_queries, name, rows):
    w = populate(rows)
    url = {
        "meeting_detail": Meeting.objects.filter(participants__official=w.hub).first().get_absolute_url(),
        "official_detail": w.hub.get_absolute_url(),
        "city_detail": w.hub_city.get_absolute_url(),
        "article_detail": w.hub_article.get_absolute_url(),
    }[name]
    with django_assert_max_num_queries(DETAIL_QUERIES[name], info=f"{name} with {rows} related rows"):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", ROWS)
def test_home_search_query_count_is_constant(client, django_assert_max_num_queries, rows):
    populate(rows)
    with django_assert_max_num_queries(HOME_SEARCH_QUERIES, info=f"home search with {rows} rows"):
        response = client.get("/", {"q": "hub"})
    assert response.status_code == 200
    assert '<span class="count">' in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/meetings/?status=scheduled&topic=crime&date_from=2000-01-01",
        "/meetings/?sort=oldest&page=2",
        "/officials/?q=person+mayor",
        "/cities/?q=MO",
        "/articles/?q=met",
        "/?q=hub",
        "/?q=person",
    ],
)
def test_filtered_query_counts_do_not_grow(client, url):
    populate(5)
    few = count_queries(client, url)
    populate(200, hub_name="Second")
    many = count_queries(client, url)
    assert few == many, f"{url}: {few} queries with few rows, {many} with many"


@pytest.mark.parametrize("rows", ROWS)
@pytest.mark.parametrize(
    ("url", "params", "queries"),
    [
        ("/meetings/suggest/official/", {"official": "hub person"}, 3),  # any hit?, officials, roles
        ("/meetings/suggest/official/", {"official": "Hub Persno"}, 4),  # + close names' candidates
        ("/meetings/suggest/city/", {"city": "hub town"}, 1),
    ],
)
def test_suggestions_query_count_is_constant(
    client, django_assert_max_num_queries, url, params, queries, rows
):
    populate(rows)
    with django_assert_max_num_queries(queries, info=f"{url} {params} with {rows} rows"):
        response = client.get(url, params, headers=HX)
    options = response.content.count(b"<option")
    assert options >= 1 if "Persno" in str(params) else options == min(rows, 10)
