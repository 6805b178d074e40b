"""Pages: the HTMX partial contract, filters, bad input, escaping and constant query counts."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Meeting
from tests.factories import make_article, make_city, make_evidence, make_meeting, make_official

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
    assert "unpkg" not in html and "cdn" not in html.lower()


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
    assert 'hx-headers=\'{"x-csrftoken": "' in html
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
    assert 'action="/officials/"' in html and 'name="q"' in html
    assert "<strong>1</strong> article" in html
    assert "<strong>2</strong> meetings" in html
    assert "<strong>3</strong> cities" in html


def test_home_search_lists_officials(client, world):
    response = client.get("/", {"q": "Luc"}, headers=HX)
    html = response.content.decode()
    assert "Quinton Lucas" in html and "Mike Parson" not in html
    assert "<html" not in html


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
    assert 'hx-get="/meetings/"' in html and 'hx-trigger="change, submit"' in html
    assert 'hx-target="#results"' in html and 'hx-push-url="true"' in html
    assert '<section id="results" aria-live="polite"' in html
    assert '<option value="jefferson-city-mo">Jefferson City, MO</option>' in html
    assert f'<option value="{world.lucas.pk}">Quinton Lucas</option>' in html
    # Kansas City has no meeting, so the select does not offer it.
    assert 'value="kansas-city-mo"' not in html


def test_filtering_by_a_city_without_meetings_keeps_it_selected(client, world):
    html = client.get("/meetings/", {"city": "kansas-city-mo"}).content.decode()
    assert '<option value="kansas-city-mo" selected>Kansas City, MO</option>' in html
    assert "No meetings match these filters" in html


def test_pagination_keeps_filters(client, world):
    for day in range(1, 31):
        make_meeting(city=world.jc, purpose=f"session {day}", date=datetime.date(2021, 1, day), status="held")
    response = client.get("/meetings/", {"status": "held", "city": "jefferson-city-mo"})
    html = response.content.decode()
    assert "31 meetings match these filters" in html
    assert "Page 1 of 2" in html
    next_link = "?status=held&amp;city=jefferson-city-mo&amp;page=2"
    assert f'href="{next_link}" hx-get="{next_link}"' in html
    page2 = client.get("/meetings/", {"status": "held", "city": "jefferson-city-mo", "page": 2}, headers=HX)
    assert "Page 2 of 2" in page2.content.decode()


# Bad input: 200 with an explanation, never a 500


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"city": "atlantis"}, "No city has the slug “atlantis”."),
        ({"date_from": "notadate"}, "Enter a date as YYYY-MM-DD."),
        ({"date_to": "2019-13-45"}, "Enter a date as YYYY-MM-DD."),
        ({"official": "abc"}, "An official is chosen by number; “abc” is not one."),
        ({"official": "999999"}, "No official has the number 999999."),
        ({"official": "9" * 40}, "is not one"),
        ({"status": "exploded"}, "Select a valid choice."),
        ({"date_from": "2020-01-02", "date_to": "2020-01-01"}, "The end date is before the start date."),
        ({"topic": "x" * 101}, "at most 100 characters"),
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
@pytest.mark.parametrize("page", ["999999", "abc", "-1", "9" * 40])
def test_bad_page_numbers_fall_back_with_a_note(client, world, url, page):
    response = client.get(url, {"page": page})
    assert response.status_code == 200
    html = response.content.decode()
    if page.isdigit():
        assert f"There is no page {page[:20]}" in html
    else:
        assert "is not a page number" in html
    assert "showing" in html


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


def test_official_search_box_is_live(client, world):
    html = client.get("/officials/").content.decode()
    assert 'type="search"' in html and 'name="q"' in html
    assert 'hx-get="/officials/"' in html
    assert 'hx-trigger="input changed delay:300ms, search"' in html
    assert 'hx-target="#results"' in html and 'hx-push-url="true"' in html
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
    assert f'href="{world.article.get_absolute_url()}">{world.article.title}</a>' in html
    assert '<blockquote class="evidence">Kansas City Mayor Quinton Lucas is heading' in html
    # The date mention is evidence for this meeting too, but is_mention rows are not quoted.
    assert '<blockquote class="evidence">Monday</blockquote>' not in html


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


# Constant query counts: 2 rows and 20 rows cost the same number of queries.

# Pinned per page. If one of these fails, a view started querying per row (or gained a query):
# fix the view with select_related/Prefetch, or update the number and say which query was added.
LIST_QUERIES = {
    "home": 8,  # 4 counts; upcoming + their participants; recent + their participants
    "meeting_list": 5,  # count, page, participants, city choices, official choices
    "official_list": 3,  # count, page, roles
    "city_list": 2,  # count, page
    "article_list": 2,  # count, page
}
DETAIL_QUERIES = {
    "meeting_detail": 4,  # meeting, participants, reports, evidence
    "official_detail": 8,  # official, roles, aliases; meetings count, page, participants; articles, count
    "city_detail": 6,  # city; officials, their roles here; meetings count, page, participants
    "article_detail": 4,  # article, evidence, reports + meetings + cities, participants
}


def populate(n: int, hub_name: str = "Hub") -> SimpleNamespace:
    """n cities, officials, articles and meetings, each meeting with two officials, one unnamed
    participant and one source article with evidence; all tied to one hub official, city and article."""
    hub_city = make_city(name=f"{hub_name} City")
    hub = make_official(
        f"{hub_name} Official", roles=[{"title": "Mayor", "city": hub_city}], aliases=[hub_name]
    )
    hub_article = make_article(
        title=f"{hub_name} article", text=f"{hub_name} article\n\n" + f"{hub.name} met. " * n
    )
    today = datetime.date.today()
    for i in range(n):
        city = make_city()
        official = make_official(
            roles=[{"title": "Mayor", "city": city}, {"title": "Chair", "city": hub_city}]
        )
        article = make_article(text=f"Story {i}\n\n{hub.name} met {official.name} in {city.name}.")
        meeting = make_meeting(
            city=hub_city if i % 2 else city,
            participants=[hub, official],
            unnamed=[{"title": "Police Chief", "jurisdiction": city.name}],
            sources=[article, hub_article],
            date=today + datetime.timedelta(days=i - n // 2),
        )
        make_evidence(article, f"{hub.name} met {official.name} in {city.name}.", "meeting", meeting=meeting)
        make_evidence(article, hub.name, "official", official=hub, is_mention=True)
        make_evidence(article, official.name, "official", official=official, is_mention=True)
        make_evidence(article, city.name, "city", occurrence=0, city=city, is_mention=True)
        make_evidence(hub_article, f"{hub.name} met.", "meeting", occurrence=i, meeting=meeting)
        make_evidence(hub_article, hub.name, "official", occurrence=i, official=hub, is_mention=True)
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


@pytest.mark.parametrize("rows", [2, 20])
@pytest.mark.parametrize("name", list(LIST_URLS))
def test_list_query_counts_are_constant(client, django_assert_max_num_queries, name, rows):
    populate(rows)
    with django_assert_max_num_queries(LIST_QUERIES[name], info=f"{name} with {rows} rows"):
        response = client.get(LIST_URLS[name])
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [2, 20])
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


@pytest.mark.parametrize(
    "url",
    [
        "/meetings/?status=scheduled&topic=crime&date_from=2000-01-01",
        "/officials/?q=official+mayor",
        "/cities/?q=MO",
        "/articles/?q=met",
        "/?q=official",
    ],
)
def test_filtered_query_counts_do_not_grow(client, url):
    populate(2)
    few = count_queries(client, url)
    populate(20, hub_name="Second")
    many = count_queries(client, url)
    assert few == many, f"{url}: {few} queries with few rows, {many} with many"
