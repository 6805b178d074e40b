"""Editors stay in charge: merges, splits and corrected fields survive re-extraction."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse

from events.editing import likely_duplicate_officials, merge_meetings, merge_officials, split_meeting
from events.extraction import CityMention, Extraction, MeetingMention, OfficialMention
from events.models import Alias, Article, Meeting, Official
from events.resolve import replace_extraction

pytestmark = pytest.mark.django_db

COLUMBUS = CityMention(name="Columbus", state="OH", country="US")
REYES = OfficialMention(name="Alma Reyes", title="Mayor", jurisdiction="Dayton", state="OH")
HALLAM = OfficialMention(name="Ruth Hallam", title="Governor", jurisdiction="Ohio", state="OH")


def report(key: str, published: dt.date, status: str = "held", people=(REYES, HALLAM), **meeting) -> Article:
    """Store an article whose extraction reports one meeting in Columbus."""
    article = Article.objects.create(
        title=key, text=f"{key}\n\nSome text.", source_key=key, published=published
    )
    meeting.setdefault("date", dt.date(2024, 3, 12))
    mention = MeetingMention(
        status=status, city="Columbus", state="OH", participants=tuple(p.name for p in people), **meeting
    )
    extract_again(article, Extraction(officials=people, cities=(COLUMBUS,), meetings=(mention,)))
    return article


def extract_again(article: Article, extraction: Extraction) -> None:
    with transaction.atomic():
        replace_extraction(article, extraction)


def test_a_corrected_field_is_kept_when_the_article_is_extracted_again(admin_client):
    article = report("a", dt.date(2024, 3, 8), purpose="budget")
    meeting = Meeting.objects.get()
    data = {
        "purpose": "State budget talks",
        "topics": "",
        "status": "held",
        "city": meeting.city_id,
        "venue": "",
        "date": "2024-03-12",
        "date_text": "",
        "pinned": [],
        "participants-TOTAL_FORMS": "0",
        "participants-INITIAL_FORMS": "0",
        "reports-TOTAL_FORMS": "0",
        "reports-INITIAL_FORMS": "0",
    }
    response = admin_client.post(reverse("admin:events_meeting_change", args=[meeting.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting.refresh_from_db()
    assert meeting.purpose == "State budget talks" and meeting.pinned == ["purpose"]

    mention = MeetingMention(
        status="held",
        city="Columbus",
        state="OH",
        date=dt.date(2024, 3, 12),
        participants=("Alma Reyes",),
        purpose="a different reading",
    )
    extract_again(article, Extraction(officials=(REYES,), cities=(COLUMBUS,), meetings=(mention,)))
    meeting = Meeting.objects.get()
    assert meeting.purpose == "State budget talks"  # pinned: the editor's value stays
    assert meeting.participants.filter(official__name="Alma Reyes").exists()


def test_merging_officials_moves_everything_and_later_articles_find_the_kept_one():
    report("a", dt.date(2024, 3, 8))
    typo = OfficialMention(name="Alma Reyez", title="Mayor", jurisdiction="Dayton", state="OH")
    report("b", dt.date(2024, 4, 8), people=(typo,), date=dt.date(2024, 4, 9))
    keep, other = Official.objects.get(name="Alma Reyes"), Official.objects.get(name="Alma Reyez")
    assert any({p.first, p.second} == {keep, other} for p in likely_duplicate_officials())

    merge_officials(keep, [other])
    assert not Official.objects.filter(name="Alma Reyez").exists()
    assert keep.roles.count() == 1 and keep.roles.get().last_seen == dt.date(2024, 4, 8)
    assert Alias.objects.filter(official=keep, name="Alma Reyez").exists()
    assert Meeting.objects.filter(participants__official=keep).count() == 2
    assert not any({p.first, p.second} == {keep, other} for p in likely_duplicate_officials())

    report("c", dt.date(2024, 5, 1), people=(typo,), date=dt.date(2024, 5, 2))
    assert not Official.objects.filter(name="Alma Reyez").exists()  # the alias finds the kept official


def test_merging_meetings_and_splitting_them_again():
    report("a", dt.date(2024, 3, 8), people=(REYES,))
    report("b", dt.date(2024, 3, 9), people=(HALLAM,))
    first, second = Meeting.objects.order_by("pk")
    merged = merge_meetings(first, [second])
    assert Meeting.objects.count() == 1 and merged.sources.count() == 2
    assert set(merged.participants.values_list("official__name", flat=True)) == {"Alma Reyes", "Ruth Hallam"}

    (split_off,) = split_meeting(merged)
    assert Meeting.objects.count() == 2
    assert list(split_off.sources.values_list("source_key", flat=True)) == ["b"]
    assert list(Meeting.objects.get(pk=merged.pk).sources.values_list("source_key", flat=True)) == ["a"]


def test_a_split_survives_re_extraction():
    article_a = report("a", dt.date(2024, 3, 8))
    article_b = report("b", dt.date(2024, 3, 13))
    assert Meeting.objects.count() == 1
    (split_off,) = split_meeting(Meeting.objects.get())
    mention = MeetingMention(
        status="held",
        city="Columbus",
        state="OH",
        date=dt.date(2024, 3, 12),
        participants=("Alma Reyes", "Ruth Hallam"),
    )
    for article in (article_b, article_a):
        extract_again(article, Extraction(officials=(REYES, HALLAM), cities=(COLUMBUS,), meetings=(mention,)))
    assert Meeting.objects.count() == 2
    assert list(Meeting.objects.get(pk=split_off.pk).sources.values_list("source_key", flat=True)) == ["b"]


def test_status_follows_the_latest_report_and_the_history_is_kept():
    report("preview", dt.date(2024, 3, 8), status="scheduled")
    report("wire", dt.date(2024, 3, 13), status="held")
    report("delay", dt.date(2024, 3, 11), status="postponed")
    meeting = Meeting.objects.get()
    assert meeting.status == "held"
    history = meeting.reports.order_by("article__published").values_list("status", flat=True)
    assert list(history) == ["scheduled", "postponed", "held"]


def test_admin_actions_merge_officials_and_show_likely_duplicates(admin_client):
    report("a", dt.date(2024, 3, 8))
    typo = OfficialMention(name="Alma Reyez", title="Mayor", jurisdiction="Dayton", state="OH")
    report("b", dt.date(2024, 4, 8), people=(typo,), date=dt.date(2024, 4, 9))
    page = admin_client.get(reverse("admin:events_official_duplicates")).content.decode()
    assert "Alma Reyez" in page and "Alma Reyes" in page and "similar names" in page

    keep, other = Official.objects.get(name="Alma Reyes"), Official.objects.get(name="Alma Reyez")
    response = admin_client.post(
        reverse("admin:events_official_duplicates"), {"keep": keep.pk, "other": other.pk}
    )
    assert response.status_code == 302
    assert not Official.objects.filter(name="Alma Reyez").exists()
    assert Alias.objects.filter(official=keep, name="Alma Reyez").exists()
    page = admin_client.get(reverse("admin:events_official_duplicates")).content.decode()
    assert "No likely duplicates" in page


def test_admin_merge_meetings_action(admin_client):
    report("a", dt.date(2024, 3, 8), people=(REYES,))
    report("b", dt.date(2024, 3, 9), people=(HALLAM,))
    pks = list(Meeting.objects.values_list("pk", flat=True))
    response = admin_client.post(
        reverse("admin:events_meeting_changelist"), {"action": "merge", "_selected_action": pks}
    )
    assert response.status_code == 302
    assert Meeting.objects.get().sources.count() == 2
