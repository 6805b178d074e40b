"""Editors work in the admin: every list renders, and a saved article is extracted at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from events.models import Article, City, Evidence, Meeting, Official

pytestmark = pytest.mark.django_db

TITLE = "Mayor to meet governor"
BODY = (
    "DAYTON, Ohio — Dayton Mayor Alma Reyes will meet Gov. Ruth Hallam in Columbus on Tuesday to discuss "
    "road funding."
)


def article_form(**changes) -> dict:
    """The article form as an editor fills it in: a title and a body."""
    return {
        "title": TITLE,
        "body": BODY,
        "published": "2024-03-08",
        "source": "",
        "url": "",
        "source_key": "typed-in",
        "dateline_city": "",
        **changes,
    }


def test_a_typed_in_article_is_stored_like_an_ingested_one(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:events_article_add"), article_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.text == f"{TITLE}\n\n{BODY}"  # title line, blank line, body, like a .txt file
    assert article.extraction_status == Article.Status.DONE and article.extractor_version
    assert article.dateline_city.name == "Dayton"  # the body opens with the dateline, as in a file
    names = {article.text[e.start : e.end] for e in Evidence.objects.filter(article=article, is_mention=True)}
    assert {"Alma Reyes", "Ruth Hallam", "Columbus"} <= names  # the highlights line up with the text

    page = admin_client.get(reverse("admin:events_article_change", args=[article.pk])).content.decode()
    assert f">\n{BODY}</textarea>" in page  # the editor sees the body alone, under the title
    assert "title line, a blank line and this body" in page


def test_editing_the_body_extracts_again(admin_client, django_capture_on_commit_callbacks):
    article = Article.objects.create(title="Old", text="Old\n\nNothing happened.", source_key="old")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:events_article_change", args=[article.pk]),
            article_form(source_key="old", published=""),
        )
    article.refresh_from_db()
    assert article.text == f"{TITLE}\n\n{BODY}" and article.extraction_status == Article.Status.DONE
    assert Official.objects.filter(name="Alma Reyes").exists()


def test_the_same_text_twice_is_refused_with_a_reason(admin_client):
    Article.objects.create(title=TITLE, text=f"{TITLE}\n\n{BODY}", source_key="first")
    response = admin_client.post(reverse("admin:events_article_add"), article_form())
    assert response.status_code == 200
    assert f"This text is already stored as the article “{TITLE}”." in response.content.decode()
    assert Article.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("body", "found"),
    [
        (BODY, "2 officials, 2 cities, 1 meeting"),
        ("The library reopened after repairs; readers were pleased.", "no official, no city, no meeting"),
    ],
    ids=["facts", "nothing"],
)
def test_saving_an_article_says_what_was_found(admin_client, body, found):
    response = admin_client.post(reverse("admin:events_article_add"), article_form(body=body), follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert f"Extracted from the article: {found}." in shown, shown


@pytest.mark.parametrize("model", ["article", "city", "official", "meeting", "evidence"])
def test_every_admin_list_and_add_form_renders(admin_client, model):
    city = City.objects.create(name="Dayton", state="OH", country="US")
    official = Official.objects.create(name="Alma Reyes")
    official.roles.create(title="Mayor", jurisdiction="Dayton", state="OH", city=city)
    meeting = Meeting.objects.create(city=city, purpose="budget talks")
    article = Article.objects.create(title="A", text="A\n\nDayton news.", source_key="a")
    meeting.reports.create(article=article, status="held")
    Evidence.objects.create(article=article, kind="city", start=3, end=9, city=city)
    for url in (
        reverse(f"admin:events_{model}_changelist"),
        reverse(f"admin:events_{model}_add"),
        reverse(f"admin:events_{model}_changelist") + "?q=Dayton",
    ):
        assert admin_client.get(url).status_code == 200, url


def test_meeting_kind_is_editable_and_pinned(admin_client):
    meeting = Meeting.objects.create(purpose="budget talks", kind="meeting", status="held")
    data = {
        "purpose": "budget talks",
        "kind": "town hall",
        "topics": "",
        "status": "held",
        "city": "",
        "venue": "",
        "date": "",
        "date_text": "",
        "participants-TOTAL_FORMS": "0",
        "participants-INITIAL_FORMS": "0",
        "reports-TOTAL_FORMS": "0",
        "reports-INITIAL_FORMS": "0",
    }
    response = admin_client.post(reverse("admin:events_meeting_change", args=[meeting.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting.refresh_from_db()
    assert meeting.kind == "town hall" and meeting.pinned == ["kind"] and meeting.edited


def test_meeting_form_says_which_values_are_the_meetings_and_which_each_article_said(admin_client):
    meeting = Meeting.objects.create(purpose="budget talks", status="held", date=dt.date(2024, 3, 12))
    article = Article.objects.create(
        title="Budget talks set", text="Budget talks set\n\nText.", source_key="a"
    )
    meeting.reports.create(article=article, status="scheduled", date=dt.date(2024, 3, 11))
    page = admin_client.get(reverse("admin:events_meeting_change", args=[meeting.pk])).content.decode()
    assert "What the meeting page shows" in page
    assert "What each article said (its reading)" in page
    # The reading is shown as the article said it, not as a second editable date.
    assert 'name="reports-0-date"' not in page and "March 11, 2024" in page


def test_meeting_form_queries_do_not_grow_with_its_readings(admin_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_with(readings: int) -> int:
        meeting = Meeting.objects.create(purpose="budget talks", status="held")
        for n in range(readings):
            article = Article.objects.create(title=f"Story {n}", text=f"Story {n}\n\nText {meeting.pk}.")
            meeting.reports.create(article=article, status="held")
        with CaptureQueriesContext(connection) as queries:
            admin_client.get(reverse("admin:events_meeting_change", args=[meeting.pk]))
        return len(queries)

    queries_with(1)  # the first admin request also loads the session and the user
    assert queries_with(2) == queries_with(12)
