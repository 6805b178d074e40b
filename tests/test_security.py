"""The usual defences of a site editors log into (issue 11): a Content-Security-Policy and a
Permissions-Policy on every response, HEAD answered on every page, admin logins throttled, and
bidirectional overrides in titles and outlets kept from reordering the page."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from civicnews.settings import tile_origins
from tests.factories import make_article, make_city, make_meeting, make_official

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def pages() -> list[str]:
    city = make_city(name="Dayton", state="OH")
    official = make_official("Alma Reyes", roles=[{"title": "Mayor", "city": city}])
    article = make_article(title="Council meets", source="Dayton Daily")
    meeting = make_meeting(city=city, participants=[official], sources=[article], purpose="budget")
    return [
        reverse("events:home"),
        reverse("events:meeting_list"),
        meeting.get_absolute_url(),
        reverse("events:meeting_feed_ics"),
        reverse("events:meeting_feed_atom"),
        reverse("events:official_list"),
        official.get_absolute_url(),
        reverse("events:city_list"),
        city.get_absolute_url(),
        reverse("events:article_list"),
        article.get_absolute_url(),
        reverse("admin:login"),
    ]


def directives(header: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


def test_every_response_has_a_content_security_policy_without_unsafe_scripts(client, pages):
    for url in [*pages, "/no-such-page/"]:
        policy = directives(client.get(url)["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"], url
        assert "https://tile.openstreetmap.org" in policy["img-src"], url  # the configured tile server


@pytest.mark.parametrize(
    ("template", "origins"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", ["https://tile.openstreetmap.org"]),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", ["https://*.tile.example.org"]),
        ("", []),
    ],
)
def test_the_policy_allows_the_configured_tile_server(template, origins):
    assert tile_origins(template) == origins


def test_no_template_holds_an_inline_script_or_style(client, pages):
    # The policy would block them: every script and style must come from a static file.
    for url in pages[:3] + pages[5:]:
        html = client.get(url).content.decode()
        for tag in html.split("<script")[1:]:
            head = tag.split(">", 1)[0]
            assert " src=" in head or 'type="application/json"' in head, f"{url}: inline <script{head}>"
        assert "<style" not in html and " style=" not in html, url


def test_every_response_has_a_permissions_policy(client, pages):
    for url in pages:
        policy = client.get(url)["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy, url


def test_head_is_answered_on_every_page(client, pages):
    for url in pages:
        get, head = client.get(url), client.head(url)
        assert head.status_code == get.status_code == 200, url
        assert head["Content-Type"] == get["Content-Type"], url
        assert head.content == b"", url


def test_bidi_overrides_in_titles_and_outlets_are_isolated(client):
    rlo, zwj = "\u202e", "\u200d"
    article = make_article(title=f"{rlo}Council meets", source=f"Daily{zwj}{rlo} News")
    make_meeting(purpose="budget", sources=[article])
    listing = client.get(reverse("events:article_list")).content.decode()
    assert f"<bdi>{rlo}Council meets</bdi>" in listing and f"<bdi>Daily{zwj}{rlo} News</bdi>" in listing
    detail = client.get(article.get_absolute_url()).content.decode()
    assert (
        f'<h1 dir="auto">{rlo}Council meets</h1>' in detail and f"<bdi>Daily{zwj}{rlo} News</bdi>" in detail
    )


# Admin login throttling (django-axes)


@pytest.fixture
def editor() -> User:
    return User.objects.create_superuser("editor", "editor@example.org", PASSWORD)


def log_in(client, password: str):
    return client.post(
        reverse("admin:login"), {"username": "editor", "password": password, "next": reverse("admin:index")}
    )


def test_wrong_passwords_lock_the_account_out_of_this_address(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "guess").status_code == 200  # the form again, with its error
    locked = log_in(client, "guess")
    assert locked.status_code == 429
    assert (
        "Sign-in locked" in locked.content.decode()
        and "axes_reset_username editor" in locked.content.decode()
    )
    assert log_in(client, PASSWORD).status_code == 429  # even the right password is no longer tried
    assert "_auth_user_id" not in client.session
    # Another address is not locked out.
    other = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": PASSWORD, "next": reverse("admin:index")},
        REMOTE_ADDR="10.0.0.9",
    )
    assert other.status_code == 302


def test_the_lock_out_is_lifted_by_the_reset_command(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "guess")
    assert log_in(client, PASSWORD).status_code == 429
    call_command("axes_reset_username", "editor")
    response = log_in(client, PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")


def test_the_lock_out_ends_after_the_cool_off_time(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "guess")
    assert log_in(client, PASSWORD).status_code == 429
    # As if the cool-off time had passed since the last wrong password.
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1)
    )
    assert log_in(client, PASSWORD).status_code == 302
