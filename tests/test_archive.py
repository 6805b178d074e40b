"""manage.py generate_archive: a realistic archive of N articles, in the database or as files."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from events.models import Article, City, Evidence, Meeting, MeetingSource, Official, Participant
from events.readers import RawArticle, read_paths
from tests.factories import make_article

pytestmark = pytest.mark.django_db
N = 300


@pytest.fixture
def archive():
    out = StringIO()
    call_command("generate_archive", articles=N, batch_size=100, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_database_has_the_proportions_ingest_produces(archive):
    assert f"Generated {N} articles" in archive
    assert Article.objects.count() == N
    assert 0.5 * N <= Meeting.objects.count() <= 0.7 * N  # ~0.6 meetings per article
    assert 0.2 * N <= Official.objects.count() <= 0.3 * N  # officials recur across articles
    assert 20 * N <= Evidence.objects.count() <= 30 * N  # ~25 spans per article
    assert 1.1 * N <= MeetingSource.objects.count() <= 1.3 * N  # ~1.2 readings per article
    assert set(Meeting.objects.values_list("status", flat=True)) == set(Meeting.Status.values)
    assert Participant.objects.filter(name="").exists()  # unnamed office holders too
    assert not Meeting.objects.filter(reports=None).exists()
    assert not Meeting.objects.filter(participants=None).exists()
    assert Official.objects.filter(roles=None).count() == 0
    assert Official.objects.filter(aliases=None).count() == 0


def test_evidence_spans_point_at_what_they_stand_for(archive):
    for evidence in Evidence.objects.filter(is_mention=True).select_related("article", "official", "city")[
        :500
    ]:
        if evidence.official:
            assert evidence.text in evidence.official.name, evidence.text
        elif evidence.city:
            assert evidence.text == evidence.city.name
    sentence = Evidence.objects.filter(kind="meeting").select_related("article", "meeting").first()
    assert sentence.text.endswith(".")
    assert any(p.official.name in sentence.text for p in sentence.meeting.participants.exclude(official=None))


def test_generated_articles_are_searchable(archive, client):
    official = Official.objects.order_by("pk").first()
    assert official in Official.objects.search(official.name)
    response = client.get("/", {"q": official.name})
    assert official.name in response.content.decode()


def test_refuses_a_database_that_holds_articles():
    make_article()
    with pytest.raises(CommandError, match="already holds articles"):
        call_command("generate_archive", articles=10, stdout=StringIO(), stderr=StringIO())
    assert Article.objects.count() == 1
    assert not City.objects.exists()


def test_files_are_articles_ingest_reads(tmp_path):
    out = StringIO()
    call_command("generate_archive", articles=40, files=str(tmp_path), stdout=out, stderr=StringIO())
    assert "Wrote 40 article files" in out.getvalue()
    records = list(read_paths([str(tmp_path)]))
    assert len(records) == 40 and all(isinstance(r, RawArticle) for r in records)
    words = [len(r.text.split()) for r in records]
    assert 180 <= sum(words) / len(words) <= 320  # like the real corpus, ~245 words
    assert all(r.published and r.url and r.source for r in records)
    assert not Article.objects.exists()  # files only


def test_same_seed_same_archive(tmp_path):
    for name in ("a", "b"):
        call_command(
            "generate_archive", articles=20, files=str(tmp_path / name), stdout=StringIO(), stderr=StringIO()
        )
    texts = {name: sorted(p.read_text() for p in (tmp_path / name).iterdir()) for name in ("a", "b")}
    assert texts["a"] == texts["b"]
    call_command(
        "generate_archive",
        articles=20,
        files=str(tmp_path / "c"),
        seed=2,
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert sorted(p.read_text() for p in (tmp_path / "c").iterdir()) != texts["a"]


@pytest.mark.parametrize(
    ("options", "message"),
    [({"articles": 0}, "at least 1"), ({"articles": 5, "batch_size": 0}, "at least 1")],
)
def test_bad_options_are_explained(options, message):
    with pytest.raises(CommandError, match=message):
        call_command("generate_archive", stdout=StringIO(), stderr=StringIO(), **options)


def test_files_refuse_a_directory_of_articles(tmp_path):
    (tmp_path / "old.txt").write_text("Old\n\nstory")
    with pytest.raises(CommandError, match="already holds .txt files"):
        call_command(
            "generate_archive", articles=5, files=str(tmp_path), stdout=StringIO(), stderr=StringIO()
        )


def test_status_mix(archive):
    statuses = Counter(Meeting.objects.values_list("status", flat=True))
    assert statuses["held"] > statuses["cancelled"] and statuses["scheduled"] > statuses["postponed"]
