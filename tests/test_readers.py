"""Reading article files: formats, front matter, and errors that name the file and the problem."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from events.readers import RawArticle, ReadError, count_records, read_paths
from tests.hostile_inputs import write_matrix

ARTICLE = "Mayor visits capital\n\nSPRINGFIELD, Ill. — The mayor met the governor on Monday."


def read(*paths) -> list[RawArticle | ReadError]:
    return list(read_paths([str(p) for p in paths]))


def test_txt_with_front_matter(tmp_path):
    path = tmp_path / "a-story.txt"
    path.write_text(
        f"---\npublished: 2024-03-08\nsource: Prairie News\nurl: https://example.org/a\n---\n{ARTICLE}\n",
        encoding="utf-8",
    )
    (article,) = read(path)
    assert article.source_key == "a-story"
    assert article.title == "Mayor visits capital"
    assert article.text == ARTICLE  # body after the front matter, as stored and indexed
    assert article.published == dt.date(2024, 3, 8)
    assert (article.source, article.url) == ("Prairie News", "https://example.org/a")


def test_txt_without_front_matter_and_windows_newlines(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_bytes(("\ufeff" + ARTICLE.replace("\n", "\r\n")).encode("utf-8"))
    (article,) = read(path)
    assert article.text == ARTICLE
    assert article.published is None


def test_same_text_has_same_hash_whatever_the_newlines(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(ARTICLE.replace("\n", "\r\n").encode())
    first, second = read(tmp_path)
    assert first.content_hash == second.content_hash


def test_jsonl_reads_each_line_and_reports_bad_ones(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "one", "title": "First", "text": "Body one.", "published": "2024-01-02"}),
        "{not json",
        json.dumps({"id": "three", "title": "No body"}),
        json.dumps({"title": "Fourth", "body": "Body four.", "url": "https://example.org/4"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    one, bad_json, no_text, four = read(path)
    assert (one.source_key, one.text, one.published) == ("one", "First\n\nBody one.", dt.date(2024, 1, 2))
    assert str(bad_json).startswith(f"{path}:2: invalid JSON")
    assert str(no_text) == f"{path}:3: missing 'text' (the article body)"
    assert four.source_key == "feed-4" and four.url == "https://example.org/4"


def test_html_article(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Council meets on budget</title>"
        '<meta property="article:published_time" content="2024-05-01">'
        '<link rel="canonical" href="https://example.org/council"></head><body><nav>Home | News</nav>'
        "<article><h1>Council meets on budget</h1>"
        "<p>DAYTON, Ohio — The city council met Tuesday to discuss the budget for next year, "
        "with several members asking for more money for road repairs.</p>"
        "<p>The mayor said she would present a revised plan at the next session of the council.</p>"
        "</article><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    (article,) = read(path)
    assert article.title == "Council meets on budget"
    assert article.text.startswith("Council meets on budget\n\nDAYTON, Ohio — The city council met")
    assert "Copyright" not in article.text
    assert article.published == dt.date(2024, 5, 1)
    assert article.url == "https://example.org/council"


def test_errors_name_the_file_and_the_problem(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00bad")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "baddate.txt").write_text("---\npublished: March 8\n---\nTitle\n\nBody", encoding="utf-8")
    (tmp_path / "unclosed.txt").write_text("---\npublished: 2024-01-01\nTitle\n\nBody", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    messages = sorted(str(item) for item in read(*sorted(tmp_path.iterdir()), tmp_path / "missing.txt"))
    assert messages == sorted(
        [
            f"{tmp_path / 'binary.txt'}: not UTF-8 text (byte 0)",
            f"{tmp_path / 'empty.txt'}: no article text",
            f"{tmp_path / 'baddate.txt'}: published date 'March 8' is not YYYY-MM-DD",
            f"{tmp_path / 'unclosed.txt'}: front matter starts with '---' but has no closing '---' line",
            f"{tmp_path / 'notes.pdf'}: unsupported file type '.pdf'; use .txt, .jsonl or .html",
            f"{tmp_path / 'missing.txt'}: no such file or directory",
        ]
    )


def test_directories_are_searched_recursively_for_article_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("B title\n\nBody b.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A title\n\nBody a.", encoding="utf-8")
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")  # gold files beside articles are not articles
    assert [a.source_key for a in read(tmp_path)] == ["a", "b"]


# Hostile input (issue 11): every problem is one record's message; the records around it are read.


def good_line(key: str) -> str:
    return json.dumps({"id": key, "title": f"Title {key}", "text": f"Body of {key}."})


def test_a_pathological_json_line_is_that_lines_error_and_the_next_lines_are_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}",  # RecursionError in the JSON decoder
        '{"text": "Body.", "n": ' + "9" * 5000 + "}",  # ValueError: too many digits for int()
        good_line("after"),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    deep, digits, after = read(path)
    assert str(deep) == f"{path}:1: invalid JSON (nested too deeply)"
    assert str(digits) == f"{path}:2: invalid JSON (a number of 5,000 digits)"
    assert after.source_key == "after"


def test_invalid_utf8_on_one_json_line_fails_only_that_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        good_line("one").encode() + b"\n" + b'{"text": "\xff\xfe"}\n' + good_line("three").encode()
    )
    one, bad, three = read(path)
    assert str(bad) == f"{path}:2: not UTF-8 text (byte 10 of the line)"
    assert (one.source_key, three.source_key) == ("one", "three")


def test_a_lone_surrogate_is_replaced_and_the_article_kept(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "s", "title": "Odd \\ud800 title", "text": "Body \\udfff here."}\n', encoding="utf-8"
    )
    (article,) = read(path)
    assert article.text == "Odd \ufffd title\n\nBody \ufffd here."
    assert len(article.content_hash) == 64  # the hash used to raise UnicodeEncodeError
    assert article.notes == (
        "1 lone surrogate(s) in 'text' replaced with U+FFFD",
        "1 lone surrogate(s) in 'title' replaced with U+FFFD",
    )


def test_invalid_utf8_on_standard_input_is_an_error_not_a_crash(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Title\n\nBody \xff\xfe here.")))
    (error,) = read_paths(["-"])
    assert str(error) == "<stdin>: not UTF-8 text (byte 12)"


def test_json_lines_on_standard_input_are_read_one_by_one(monkeypatch):
    data = "\n\n" + good_line("a") + "\n{oops\n" + good_line("c") + "\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    a, oops, c = read_paths(["-"])
    assert (a.source_key, c.source_key) == ("a", "c")
    assert str(oops).startswith("<stdin>:4: invalid JSON")


def test_line_separators_inside_a_json_string_do_not_split_the_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    text = "First paragraph.\u2028Still the same line.\u2029And \x85 this."
    path.write_text(json.dumps({"id": "ls", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    (article,) = read(path)
    assert article.text == text


def test_an_empty_jsonl_file_is_reported(tmp_path):
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "blank.jsonl").write_text("\n  \n", encoding="utf-8")
    assert sorted(str(item) for item in read(tmp_path)) == [
        f"{tmp_path / 'blank.jsonl'}: no JSON lines: the file is empty",
        f"{tmp_path / 'empty.jsonl'}: no JSON lines: the file is empty",
    ]


def test_a_jsonl_file_may_start_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + good_line("bom").encode())
    (article,) = read(path)
    assert article.source_key == "bom"


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1599-12-31", "2200-01-01"])
def test_published_dates_at_the_edges_of_the_calendar_are_refused(tmp_path, date):
    (tmp_path / "a.txt").write_text(f"---\npublished: {date}\n---\nTitle\n\nBody", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "Body", "published": date}), encoding="utf-8")
    assert [str(item) for item in read(tmp_path / "a.txt", tmp_path / "b.jsonl")] == [
        f"{tmp_path / 'a.txt'}: published date {date} is not between 1600 and 2199",
        f"{tmp_path / 'b.jsonl'}:1: published date {date} is not between 1600 and 2199",
    ]


def test_the_first_and_last_accepted_dates_are_read(tmp_path):
    (tmp_path / "a.txt").write_text("---\npublished: 1600-01-01\n---\nTitle\n\nBody", encoding="utf-8")
    (tmp_path / "b.txt").write_text("---\npublished: 2199-12-31\n---\nTitle\n\nBody", encoding="utf-8")
    assert [a.published for a in read(tmp_path)] == [dt.date(1600, 1, 1), dt.date(2199, 12, 31)]


def test_a_navigation_only_page_is_not_an_article(tmp_path):
    path = tmp_path / "menu.html"
    links = "".join(
        f'<li><a href="/{w.lower()}">{w}</a></li>' for w in ["Home", "News", "Sports", "About us"]
    )
    path.write_text(
        f"<html><head><title>City News</title></head><body><nav><ul>{links}</ul></nav>"
        "<footer>Copyright 2024</footer></body></html>",
        encoding="utf-8",
    )
    (error,) = read(path)
    assert str(error) == f"{path}: no article text found in the HTML (navigation or boilerplate only)"


# Values PostgreSQL cannot store as they are (issue 11): cleaned or bounded in the reader, with a note.


def test_control_characters_are_removed_with_a_note(tmp_path):
    (tmp_path / "nul.txt").write_text(
        "Title\x00 here\n\nBody\x00 with a NUL and a \x1b escape.", encoding="utf-8"
    )
    (article,) = read(tmp_path / "nul.txt")
    assert article.text == "Title here\n\nBody with a NUL and a  escape."
    assert article.title == "Title here"
    assert article.notes == ("3 control character(s) such as NUL removed from the file",)


def test_overlong_url_is_dropped_and_overlong_source_and_key_are_cut(tmp_path):
    record = {
        "id": "k" * 250,
        "text": "Body.",
        "url": "https://example.org/" + "a" * 1000,
        "source": "S" * 300,
    }
    (tmp_path / "feed.jsonl").write_text(json.dumps(record), encoding="utf-8")
    stem = "x" * 230
    (tmp_path / f"{stem}.txt").write_text("---\nsource: Daily\n---\nTitle\n\nBody", encoding="utf-8")
    from_json, from_txt = read(tmp_path / "feed.jsonl", tmp_path / f"{stem}.txt")
    assert from_json.url == "" and from_json.source == "S" * 199 + "…" and from_json.source_key == "k" * 200
    assert from_json.notes == (
        "url is 1,020 characters long (at most 1,000); not kept",
        "id is 250 characters long; cut to 200",
        "source is 300 characters long; cut to 200",
    )
    assert from_txt.source_key == "x" * 200 and from_txt.notes == ("id is 230 characters long; cut to 200",)


def test_fields_of_the_wrong_type_are_named(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [{"text": ["a list"]}, {"text": "Body", "url": {"a": 1}}, {"text": "Body", "id": 7}]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    text, url, numeric_id = read(path)
    assert str(text) == f"{path}:1: 'text' must be a string"
    assert str(url) == f"{path}:2: 'url' must be a string"
    assert numeric_id.source_key == "7"


def test_the_progress_total_counts_every_record_read(tmp_path):
    paths = [str(path) for path in write_matrix(tmp_path)]
    assert count_records(paths) == len(list(read_paths(paths)))
    assert count_records(["-"]) is None  # standard input can be read only once
