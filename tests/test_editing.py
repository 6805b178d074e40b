"""Editors stay in charge: merges, splits and corrected fields survive re-extraction."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from events.editing import likely_duplicate_officials, merge_meetings, merge_officials, split_meeting
from events.extraction import CityMention, Extraction, MeetingMention, OfficialMention
from events.models import Alias, Article, City, Meeting, Official
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


# Editors' corrections survive `ingest --reextract` (issue 10, item 1)

ARTICLE = (
    "---\npublished: 2024-03-08\n---\nMayor to meet governor\n\n"
    "DAYTON, Ohio — Dayton Mayor Alma Reyes will meet Gov. Ruth Hallam in Columbus on Tuesday to discuss "
    "road funding.\n"
)


def ingest(*args: str) -> None:
    call_command("ingest", *args, "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())


def edit_meeting(admin_client, meeting: Meeting, **changes) -> None:
    """Save the meeting's admin form with ``changes``, as an editor would (inline rows untouched)."""
    data = {
        "purpose": meeting.purpose,
        "kind": meeting.kind,
        "topics": ", ".join(meeting.topics),
        "status": meeting.status,
        "city": meeting.city_id or "",
        "venue": meeting.venue,
        "date": meeting.date.isoformat() if meeting.date else "",
        "date_text": meeting.date_text,
        "participants-TOTAL_FORMS": "0",
        "participants-INITIAL_FORMS": "0",
        "reports-TOTAL_FORMS": "0",
        "reports-INITIAL_FORMS": "0",
        **changes,
    }
    response = admin_client.post(reverse("admin:events_meeting_change", args=[meeting.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def test_an_editors_date_and_city_survive_ingest_reextract(admin_client, tmp_path):
    path = tmp_path / "reyes.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    ingest(str(path))
    meeting = Meeting.objects.get()
    assert (meeting.date, meeting.city.name) == (dt.date(2024, 3, 12), "Columbus")  # what the article says
    dayton = City.objects.get(name="Dayton")

    edit_meeting(admin_client, meeting, date="2024-03-19", city=dayton.pk)  # what really happened
    meeting.refresh_from_db()
    assert sorted(meeting.pinned) == ["city", "date"]

    ingest(str(path), "--reextract")
    assert Meeting.objects.count() == 1, "re-extraction made a second meeting with the article's values"
    meeting.refresh_from_db()
    assert (meeting.date, meeting.city) == (dt.date(2024, 3, 19), dayton)
    assert list(meeting.sources.values_list("source_key", flat=True)) == ["reyes"]
    reading = meeting.reports.get()
    assert (reading.date, reading.city.name) == (dt.date(2024, 3, 12), "Columbus")  # still what it said
    assert set(meeting.participants.values_list("official__name", flat=True)) == {"Alma Reyes", "Ruth Hallam"}


def test_an_edited_meeting_keeps_its_reading_when_an_upgraded_extractor_reads_it_differently():
    article = report("a", dt.date(2024, 3, 8))
    meeting = Meeting.objects.get()
    meeting.pinned, meeting.edited = ["venue"], True
    meeting.venue = "Statehouse"
    meeting.save()
    # The new extractor dates the meeting a week later and drops the governor.
    mention = MeetingMention(
        status="held", city="Columbus", state="OH", date=dt.date(2024, 3, 19), participants=("Alma Reyes",)
    )
    extract_again(article, Extraction(officials=(REYES,), cities=(COLUMBUS,), meetings=(mention,)))
    meeting = Meeting.objects.get()
    assert meeting.reports.get().date == dt.date(2024, 3, 19)
    assert meeting.date == dt.date(2024, 3, 19) and meeting.venue == "Statehouse"


def test_an_article_with_two_meetings_puts_each_reading_back_where_it_was():
    article = report("a", dt.date(2024, 3, 8))
    lunch = MeetingMention(
        status="held",
        city="Columbus",
        state="OH",
        date=dt.date(2024, 3, 14),
        participants=("Alma Reyes",),
        kind="lunch",
    )
    summit = MeetingMention(
        status="held",
        city="Columbus",
        state="OH",
        date=dt.date(2024, 3, 12),
        participants=("Alma Reyes", "Ruth Hallam"),
        kind="summit",
    )
    extraction = Extraction(officials=(REYES, HALLAM), cities=(COLUMBUS,), meetings=(summit, lunch))
    extract_again(article, extraction)
    summit_pk = Meeting.objects.get(kind="summit").pk
    lunch_pk = Meeting.objects.get(kind="lunch").pk
    for meeting in Meeting.objects.all():  # the editor moves both a week later
        meeting.date, meeting.pinned, meeting.edited = meeting.date + dt.timedelta(days=7), ["date"], True
        meeting.save()
    # Listed the other way round this time: each reading still goes back to its own meeting.
    extract_again(
        article, Extraction(officials=(REYES, HALLAM), cities=(COLUMBUS,), meetings=(lunch, summit))
    )
    assert Meeting.objects.count() == 2
    assert Meeting.objects.get(pk=summit_pk).reports.get().kind == "summit"
    assert Meeting.objects.get(pk=lunch_pk).reports.get().kind == "lunch"


def official_article(key: str, text: str, mention: OfficialMention) -> Article:
    article = Article.objects.create(title=key, text=f"{key}\n\n{text}", source_key=key)
    start = article.text.index(mention.name)
    mention = dataclasses.replace(mention, mentions=((start, start + len(mention.name)),))
    extract_again(article, Extraction(officials=(mention,)))
    return article


def test_a_renamed_official_keeps_its_mentions_when_the_article_is_extracted_again(admin_client):
    typo = OfficialMention(name="Alma Reyez", title="Mayor", jurisdiction="Dayton", state="OH")
    article = official_article("a", "Mayor Alma Reyez opened the library.", typo)
    official = Official.objects.get()
    alias = official.aliases.get(name="Alma Reyez")
    data = {
        "name": "Alma Reyes",  # the editor fixes the spelling, and drops the misspelt alias
        "roles-TOTAL_FORMS": "0",
        "roles-INITIAL_FORMS": "0",
        "aliases-TOTAL_FORMS": "1",
        "aliases-INITIAL_FORMS": "1",
        "aliases-0-id": alias.pk,
        "aliases-0-official": official.pk,
        "aliases-0-name": alias.name,
        "aliases-0-DELETE": "on",
    }
    response = admin_client.post(reverse("admin:events_official_change", args=[official.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]

    extract_again(article, Extraction(officials=(dataclasses.replace(typo, mentions=((9, 19),)),)))
    official = Official.objects.get()  # no second official named as the article misspells her
    assert official.name == "Alma Reyes"
    assert list(official.evidence.values_list("article__source_key", flat=True)) == ["a"]


def test_a_merged_official_keeps_its_mentions_when_the_article_is_extracted_again():
    official_article(
        "a", "Gov. Mike Parson spoke.", OfficialMention("Mike Parson", "Governor", "Missouri", "MO")
    )
    bare = OfficialMention(name="Parson", title=None, jurisdiction=None, state=None)
    article = official_article("b", "Parson said the budget was tight.", bare)
    keep, other = Official.objects.get(name="Mike Parson"), Official.objects.get(name="Parson")
    merge_officials(keep, [other])

    extract_again(article, Extraction(officials=(dataclasses.replace(bare, mentions=((3, 9),)),)))
    assert list(Official.objects.values_list("name", flat=True)) == ["Mike Parson"]
    assert set(keep.evidence.values_list("article__source_key", flat=True)) == {"a", "b"}
