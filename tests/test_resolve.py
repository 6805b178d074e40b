"""Resolution on hand-built extractions (no spaCy): one record per real-world thing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import transaction

from events import rows as rows_module
from events.extraction import CityMention, Extraction, MeetingMention, OfficialMention, UnnamedOfficial
from events.models import Article, City, Evidence, Meeting, Official
from events.resolve import clear_extraction, prune_meetings, replace_extraction

pytestmark = pytest.mark.django_db

TEXT = "Mayors meet\n\nDAYTON, Ohio — Mayor Alma Reyes will meet Gov. Ruth Hallam in Columbus on Tuesday."
DAYTON = CityMention(name="Dayton", state="OH", country="US", lat=39.76, lon=-84.19, mentions=((13, 19),))
COLUMBUS = CityMention(name="Columbus", state="OH", country="US", lat=39.96, lon=-83.0)
REYES = OfficialMention(
    name="Alma Reyes",
    title="Mayor",
    jurisdiction="Dayton",
    state="OH",
    aliases=("Reyes",),
    evidence=((13, 90),),
    mentions=((35, 45),),
)
HALLAM = OfficialMention(name="Ruth Hallam", title="Governor", jurisdiction="Ohio", state="OH")


def article(key: str, published: dt.date | None, text: str = TEXT) -> Article:
    return Article.objects.create(title=key, text=f"{text} ({key})", source_key=key, published=published)


def meeting(status: str, date: dt.date | None = dt.date(2024, 3, 12), **kwargs) -> MeetingMention:
    kwargs.setdefault("participants", ("Alma Reyes", "Ruth Hallam"))
    kwargs.setdefault("purpose", "budget talks")
    kwargs.setdefault("topic_keywords", ("budget",))
    return MeetingMention(
        status=status,
        city="Columbus",
        state="OH",
        date=date,
        evidence=((13, 90),),
        **kwargs,
    )


def save(article_obj: Article, *meetings: MeetingMention, officials=(REYES, HALLAM)) -> None:
    extraction = Extraction(officials=officials, cities=(DAYTON, COLUMBUS), meetings=meetings)
    with transaction.atomic():
        replace_extraction(article_obj, extraction)
        article_obj.save()


def test_one_meeting_reported_by_three_articles_is_one_record_with_its_status_history():
    save(article("preview", dt.date(2024, 3, 8)), meeting("scheduled"))
    save(article("delay", dt.date(2024, 3, 11)), meeting("postponed", venue="Statehouse"))
    save(
        article("after", dt.date(2024, 3, 13)),
        meeting("held", date=None, unnamed_participants=(UnnamedOfficial("Mayor", "Akron", "OH"),)),
    )
    record = Meeting.objects.get()
    assert record.sources.count() == 3
    assert record.status == "held"  # the latest report wins
    assert record.date == dt.date(2024, 3, 12) and record.venue == "Statehouse"
    assert sorted(record.reports.values_list("status", flat=True)) == ["held", "postponed", "scheduled"]
    assert record.participants.filter(official__name="Alma Reyes").count() == 1
    assert record.participants.filter(official=None, title="Mayor", jurisdiction="Akron").count() == 1


def test_meetings_on_different_dates_stay_apart():
    save(article("march", dt.date(2024, 3, 8)), meeting("held"))
    save(article("april", dt.date(2024, 4, 8)), meeting("held", date=dt.date(2024, 4, 9)))
    assert Meeting.objects.count() == 2


def test_meetings_without_a_common_named_participant_stay_apart():
    save(article("a", None), meeting("held", participants=("Alma Reyes",)), officials=(REYES,))
    save(article("b", None), meeting("held", participants=("Ruth Hallam",)), officials=(HALLAM,))
    assert Meeting.objects.count() == 2


def test_an_official_named_by_several_articles_is_one_record_with_roles_and_aliases():
    save(article("a", dt.date(2024, 3, 8)))
    save(article("b", dt.date(2024, 5, 1)))
    reyes = Official.objects.get(name="Alma Reyes")
    role = reyes.roles.get()
    assert (role.title, role.jurisdiction, role.city.name) == ("Mayor", "Dayton", "Dayton")
    assert (role.first_seen, role.last_seen) == (dt.date(2024, 3, 8), dt.date(2024, 5, 1))
    assert set(reyes.aliases.values_list("name", flat=True)) == {"Alma Reyes", "Reyes"}
    assert City.objects.filter(name="Dayton").count() == 1


def test_an_office_is_held_from_the_earliest_to_the_latest_article_whatever_order_they_come_in():
    save(article("undated", None))
    role = Official.objects.get(name="Alma Reyes").roles.get()
    assert (role.first_seen, role.last_seen) == (None, None)
    for key, published in (("may", dt.date(2024, 5, 1)), ("march", dt.date(2024, 3, 8))):
        save(article(key, published))
    save(article("april", dt.date(2024, 4, 2)))  # within what is known: nothing moves
    role.refresh_from_db()
    assert (role.first_seen, role.last_seen) == (dt.date(2024, 3, 8), dt.date(2024, 5, 1))


def test_dateline_city_is_the_city_that_opens_the_body():
    first = article("a", None)
    save(first)
    assert first.dateline_city.name == "Dayton"


def test_clearing_an_extraction_removes_meetings_no_article_reports_any_more():
    first, second = article("a", None), article("b", None)
    save(first, meeting("held"))
    save(second, meeting("held"))
    prune_meetings(clear_extraction(first).meeting_ids)
    assert Meeting.objects.get().sources.get() == second
    prune_meetings(clear_extraction(second).meeting_ids)
    assert not Meeting.objects.exists()
    assert not first.evidence.exists()


def test_an_unnamed_office_holder_links_to_the_official_known_to_hold_it_then():
    save(
        article("a", dt.date(2024, 3, 8)),
        meeting(
            "held",
            unnamed_participants=(UnnamedOfficial("Mayor", "Dayton", "OH"),),
            participants=("Ruth Hallam",),
        ),
    )
    unnamed = Meeting.objects.get().participants.get(name="")
    assert (unnamed.title, unnamed.jurisdiction, unnamed.official.name) == ("Mayor", "Dayton", "Alma Reyes")


def test_an_undated_unnamed_office_holder_is_not_guessed():
    save(article("a", dt.date(2024, 3, 8)))  # Alma Reyes, Mayor of Dayton, seen in 2024
    save(
        article("b", None),
        meeting(
            "held",
            date=None,
            participants=("Ruth Hallam",),
            unnamed_participants=(UnnamedOfficial("Mayor", "Dayton", "OH"),),
        ),
    )
    unnamed = Meeting.objects.get().participants.get(name="")
    assert unnamed.official is None  # no date: no telling who was mayor then


def test_a_meeting_without_a_purpose_is_called_by_its_kind_and_place():
    save(article("a", None), meeting("held", purpose=None, kind="town hall"))
    record = Meeting.objects.get()
    assert record.title == "Town hall in Columbus"
    record.purpose = "budget talks"
    assert record.title == "Budget talks"


def test_topics_leave_out_fragments_stop_words_and_words_too_general_to_be_a_topic(client):
    topics = ("request", "City", "% increase", "council member", "The budget", "violence prevention", "crime")
    save(article("a", None), meeting("held", topic_keywords=topics))
    record = Meeting.objects.get()
    assert record.topics == ["budget", "violence prevention", "crime"]
    html = client.get(record.get_absolute_url()).content.decode()
    chips = re.findall(r'<a class="tag" href="[^"]*">([^<]*)</a>', html)
    assert chips == ["budget", "violence prevention", "crime"]


# Cross-article rules: reports of one meeting come out near it, name its day, and a body's session
# joins on its day even without a name in common.


def test_an_undated_report_a_year_later_is_another_meeting():
    save(article("spring", dt.date(2024, 3, 8)), meeting("held"))
    save(article("next-year", dt.date(2025, 3, 20)), meeting("held", date=None))
    assert Meeting.objects.count() == 2


def test_reports_published_far_apart_are_never_one_meeting():
    save(article("early", dt.date(2024, 1, 2)), meeting("held", date=None))
    save(article("late", dt.date(2024, 6, 2)), meeting("held", date=None))
    assert Meeting.objects.count() == 2


def test_an_undated_story_that_names_the_day_joins_the_meeting_of_that_day():
    save(
        article("moved", dt.date(2024, 3, 1)),
        meeting("postponed"),
        meeting("scheduled", date=dt.date(2024, 3, 19)),
    )
    save(article("recap", None), meeting("held", date=None, date_text="March 19"))
    recap = Meeting.objects.get(reports__article__source_key="recap")
    assert recap.date == dt.date(2024, 3, 19)


def test_a_bodys_session_joins_on_its_day_without_a_name_in_common():
    session = dict(kind="council meeting", participants=())
    save(article("paper", dt.date(2024, 3, 12)), meeting("cancelled", **session))
    save(article("station", dt.date(2024, 3, 12)), meeting("cancelled", **session))
    assert Meeting.objects.count() == 1
    other_day = dict(session, date=dt.date(2024, 3, 14))
    save(article("later", dt.date(2024, 3, 12)), meeting("scheduled", **other_day))
    assert Meeting.objects.count() == 2


def test_a_session_no_paper_places_joins_on_its_day():
    # "The county board's hearing was postponed Monday": no town, no names, two papers.
    hearing = MeetingMention(
        status="postponed", date=dt.date(2024, 3, 12), kind="hearing", evidence=((13, 90),)
    )
    save(article("paper", dt.date(2024, 3, 12)), hearing)
    save(article("station", dt.date(2024, 3, 12)), hearing)
    assert list(Meeting.objects.values_list("city", "kind")) == [(None, "hearing")]
    assert Meeting.objects.get().reports.count() == 2


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("José Núñez", "Jose Nunez"),  # one paper keeps the accents, another drops them
        ("Robert Hale Jr.", "Robert Hale"),  # a suffix
        ("ANNA KOWALSKI", "Anna Kowalski"),  # a headline's capitals
    ],
)
def test_one_person_whatever_accents_suffix_or_case_the_paper_writes(first, second):
    for key, name in (("a", first), ("b", second)):
        person = OfficialMention(name=name, title="Mayor", jurisdiction="Dayton", state="OH")
        save(article(key, dt.date(2024, 3, 8)), officials=(person,))
    assert Official.objects.count() == 1, Official.objects.values_list("name", flat=True)


def test_a_renamed_official_is_found_by_the_new_surname():
    save(article("a", dt.date(2024, 3, 8)))
    reyes = Official.objects.get(name="Alma Reyes")
    reyes.name = "Alma Reyes-Soto"
    reyes.save(update_fields=["name"])
    later = OfficialMention(name="Alma Reyes-Soto", title="Mayor", jurisdiction="Dayton", state="OH")
    save(article("b", dt.date(2024, 5, 1)), officials=(later,))
    assert list(Official.objects.filter(name__startswith="Alma").values_list("name", flat=True)) == [
        "Alma Reyes-Soto"
    ]


def test_evidence_rows_are_written_whole_however_many_an_article_has(monkeypatch):
    # More rows than one INSERT takes: every row arrives, each value in its column.
    monkeypatch.setattr(rows_module, "ROWS_PER_INSERT", 7)
    article = Article.objects.create(title="Many names", text="x" * 100)
    official = Official.objects.create(name="Alma Reyes")
    rows = [
        (article.pk, Evidence.Kind.OFFICIAL, start, start + 3, start % 2 == 0, official.pk, None, None)
        for start in range(23)
    ]
    Evidence.insert_rows(rows)
    Evidence.insert_rows([])
    stored = Evidence.objects.order_by("start").values_list(
        "article", "kind", "start", "end", "is_mention", "official", "city", "meeting"
    )
    assert list(stored) == rows
