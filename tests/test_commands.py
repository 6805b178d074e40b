"""The extract command prints JSON lines and writes nothing; --help explains every option."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from events.models import Article

ROOT = Path(__file__).resolve().parent.parent


def extract_lines(*args: str, stdin: str | None = None) -> list[dict]:
    out = io.StringIO()
    if stdin is not None:
        sys_stdin, sys.stdin = sys.stdin, io.TextIOWrapper(io.BytesIO(stdin.encode()))
    try:
        call_command("extract", *args, stdout=out)
    finally:
        if stdin is not None:
            sys.stdin = sys_stdin
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.django_db
def test_extract_prints_one_json_object_per_article_and_writes_nothing():
    (record,) = extract_lines(str(ROOT / "seeds"))
    assert record["id"] == "000_9a60d8dd216a8dd1"
    assert record["title"].startswith("Mayor Quinton Lucas")
    assert record["published"] is None
    assert {"officials", "unnamed_officials", "cities", "meetings"} <= record.keys()
    assert "Quinton Lucas" in {o["name"] for o in record["officials"]}
    assert Article.objects.count() == 0


def test_extract_reads_stdin_and_uses_the_published_option():
    text = "Mayor to meet governor\n\nDAYTON, Ohio — Mayor Alma Reyes will meet Gov. Ruth Hallam on Monday."
    (record,) = extract_lines("-", "--published", "2024-03-06", stdin=text)
    assert record["id"] == "stdin" and record["published"] == "2024-03-06"


def test_extract_reports_unreadable_paths_and_fails(tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command("extract", str(tmp_path / "nope.txt"), stdout=io.StringIO(), stderr=err)
    assert f"{tmp_path / 'nope.txt'}: no such file or directory" in err.getvalue()


def test_bad_published_option_is_a_clear_error():
    with pytest.raises(CommandError, match="--published 'yesterday' is not a YYYY-MM-DD date"):
        call_command("extract", "-", "--published", "yesterday")


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_help_explains_every_option(command):
    result = subprocess.run(
        [sys.executable, "manage.py", command, "--help"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "PATH" in result.stdout
    for option in {"extract": ["--published"], "ingest": ["--workers", "--reextract", "--dry-run"]}[command]:
        assert option in result.stdout


def test_extract_reports_an_article_the_extractor_fails_on_and_goes_on(tmp_path, monkeypatch):
    from events.extraction import extract as real_extract

    (tmp_path / "a.txt").write_text("Boom\n\nThis one breaks the extractor.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Fine\n\nMayor Alma Reyes spoke in Dayton, Ohio.", encoding="utf-8")

    def fragile(text, published=None, **kwargs):
        if text.startswith("Boom"):
            raise ValueError("model crashed")
        return real_extract(text, published, **kwargs)

    def batch_fails(*args, **kwargs):
        raise ValueError("one text of the batch broke it")

    monkeypatch.setattr("events.workers.extract_many", batch_fails)
    monkeypatch.setattr("events.workers.extract", fragile)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command("extract", str(tmp_path), stdout=out, stderr=err)
    assert err.getvalue() == f"{tmp_path / 'a.txt'}: extraction failed: ValueError: model crashed\n"
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["b"]
