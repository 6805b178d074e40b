"""Editors work in the admin: every list renders, and a saved article is extracted at once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from events.models import Article, City, Evidence, Meeting, Official

pytestmark = pytest.mark.django_db

TEXT = (
    "Mayor to meet governor\n\n"
    "DAYTON, Ohio — Dayton Mayor Alma Reyes will meet Gov. Ruth Hallam in Columbus on Tuesday to discuss "
    "road funding."
)


def test_adding_an_article_in_the_admin_extracts_it(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:events_article_add"),
            {
                "title": "Mayor to meet governor",
                "text": TEXT,
                "published": "2024-03-08",
                "source": "",
                "url": "",
                "source_key": "typed-in",
                "dateline_city": "",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.extraction_status == Article.Status.DONE
    assert article.extractor_version
    assert Official.objects.filter(name="Alma Reyes").exists()
    assert Evidence.objects.filter(article=article, official__name="Alma Reyes").exists()


def test_editing_the_text_extracts_again(admin_client, django_capture_on_commit_callbacks):
    article = Article.objects.create(title="Old", text="Old\n\nNothing happened.", source_key="old")
    data = {
        "title": "New",
        "text": TEXT,
        "published": "",
        "source": "",
        "url": "",
        "source_key": "old",
        "dateline_city": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("admin:events_article_change", args=[article.pk]), data)
    article.refresh_from_db()
    assert article.text == TEXT and article.extraction_status == Article.Status.DONE
    assert Official.objects.filter(name="Alma Reyes").exists()


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
