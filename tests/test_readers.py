"""Reading article files: formats, front matter, and errors that name the file and the problem."""

from __future__ import annotations

import datetime as dt
import json

from events.readers import RawArticle, ReadError, read_paths

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
