"""The bad-input matrix of issue 11: article files that are wrong in every way we know of, each with
the message ingest must give, and tricky but good ones that must be saved (with a note)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

GOOD = "Mayor Alma Reyes spoke\n\nDAYTON, Ohio — Mayor Alma Reyes spoke on Monday about {}."


@dataclass(frozen=True)
class Input:
    name: str  # file (or directory, ending in "/") created under the matrix directory
    data: bytes | None  # None: do not create it (a missing path), b"/" for an empty directory
    message: str  # what the message about it says ("" for a good input without note)
    saved_key: str = ""  # for a good input: the source key it is saved under


def line(record, *, escape: bool = True) -> bytes:
    """A JSON line; ``escape=False`` writes non-ASCII characters as they are (U+2028 raw, say)."""
    return (record if isinstance(record, str) else json.dumps(record, ensure_ascii=escape)).encode()


BAD: list[Input] = [
    Input("deep.jsonl", line('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"), "nested too deeply"),
    Input("digits.jsonl", line('{"text": "x", "n": ' + "9" * 5000 + "}"), "a number of 5,000 digits"),
    Input("broken.jsonl", b"{oops", "invalid JSON"),
    Input("truncated.jsonl", b'{"text": "abc', "invalid JSON"),
    Input("trailing.jsonl", b'{"text": "abc"} extra', "invalid JSON"),
    Input("array.jsonl", b"[1, 2]", "each line must be a JSON object"),
    Input("string.jsonl", b'"just a string"', "each line must be a JSON object"),
    Input("null.jsonl", b"null", "each line must be a JSON object"),
    Input("notext.jsonl", line({"title": "No body"}), "missing 'text'"),
    Input("blanktext.jsonl", line({"text": "   "}), "missing 'text'"),
    Input("numbertext.jsonl", line({"text": 5}), "'text' must be a string"),
    Input("nantext.jsonl", b'{"text": NaN}', "'text' must be a string"),
    Input("listtitle.jsonl", line({"text": "Body", "title": ["a"]}), "'title' must be a string"),
    Input("objecturl.jsonl", line({"text": "Body", "url": {"a": 1}}), "'url' must be a string"),
    Input("boolsource.jsonl", line({"text": "Body", "source": True}), "'source' must be a string"),
    Input("objectid.jsonl", line({"text": "Body", "id": {"a": 1}}), "'id' must be a string"),
    Input("numberdate.jsonl", line({"text": "Body", "published": 20240101}), "must be a YYYY-MM-DD string"),
    Input("worddate.jsonl", line({"text": "Body", "published": "March 8"}), "is not YYYY-MM-DD"),
    Input("baddate.jsonl", line({"text": "Body", "published": "2024-02-30"}), "is not YYYY-MM-DD"),
    Input("ancient.jsonl", line({"text": "Body", "published": "0001-01-01"}), "is not between 1600 and 2199"),
    Input("far.jsonl", line({"text": "Body", "published": "9999-12-31"}), "is not between 1600 and 2199"),
    Input("latin1.jsonl", b'{"text": "caf\xe9"}', "not UTF-8 text"),
    Input("empty.jsonl", b"", "the file is empty"),
    Input("blanklines.jsonl", b"\n \n\t\n", "the file is empty"),
    Input("latin1.txt", b"Caf\xe9 council\n\nBody", "not UTF-8 text"),
    Input("utf16.txt", "Title\n\nBody".encode("utf-16"), "not UTF-8 text"),
    Input("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not UTF-8 text"),
    Input("empty.txt", b"", "no article text"),
    Input("spaces.txt", b"  \n\n \t \n", "no article text"),
    Input("unclosed.txt", b"---\npublished: 2024-01-01\nTitle\n\nBody", "no closing '---' line"),
    Input("frontline.txt", b"---\njust words\n---\nTitle\n\nBody", "is not 'key: value'"),
    Input("frontdate.txt", b"---\npublished: soon\n---\nTitle\n\nBody", "is not YYYY-MM-DD"),
    Input("frontancient.txt", b"---\npublished: 0001-01-01\n---\nTitle\n\nBody", "is not between 1600"),
    Input("frontonly.txt", b"---\nsource: Daily\n---\n", "no article text"),
    Input("controls.txt", b"\x00\x01\x02\x1b", "no article text"),
    Input(
        "menu.html",
        b"<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav></body></html>",
        "no article text found",
    ),
    Input("scriptonly.html", b"<html><body><script>alert(1)</script></body></html>", "no article text found"),
    Input("emptypage.html", b"<html></html>", "no article text found"),
    Input("latin1.html", b"<html><body><p>Caf\xe9</p></body></html>", "not UTF-8 text"),
    Input("document.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
    Input("notes.json", b"{}", "unsupported file type '.json'"),
    Input("README", b"read me", "unsupported file type '(none)'"),
    Input("missing.txt", None, "no such file or directory"),
    Input("nothing/", b"/", "no article files"),
    Input("onlydocs/notes.md", b"# notes", "no article files"),
]

# Good, if odd: saved, each with the note that says what was changed to store it.
TRICKY: list[Input] = [
    Input("nul.jsonl", line({"id": "nul", "text": "A NUL \x00 in a story."}), "control character", "nul"),
    Input(
        "surrogate.jsonl", line({"id": "surrogate", "text": "A \ud800 story."}), "lone surrogate", "surrogate"
    ),
    Input(
        "longurl.jsonl",
        line({"id": "longurl", "text": "Roads.", "url": "https://e.org/" + "a" * 1000}),
        "not kept",
        "longurl",
    ),
    Input(
        "longsource.jsonl",
        line({"id": "longsource", "text": "Parks.", "source": "S" * 300}),
        "cut to 200",
        "longsource",
    ),
    Input(f"{'x' * 230}.txt", GOOD.format("a long file name").encode(), "cut to 200", "x" * 200),
    Input(
        "separator.jsonl", line({"id": "separator", "text": "One\u2028line."}, escape=False), "", "separator"
    ),
    Input(
        "bom.jsonl",
        b"\xef\xbb\xbf" + line({"id": "bom", "text": GOOD.format("a byte-order mark")}),
        "",
        "bom",
    ),
    Input("good.txt", GOOD.format("budgets").encode(), "", "good"),
    Input(
        "page.html",
        f"<html><body><article><p>{GOOD.format('parks')}</p></article></body></html>".encode(),
        "",
        "page",
    ),
]


def write_matrix(directory: Path) -> list[Path]:
    """Create every input under ``directory``; the paths to pass to ingest, one per input."""
    paths = []
    for item in [*BAD, *TRICKY]:
        path = directory / item.name.rstrip("/")
        if item.data == b"/":
            path.mkdir(parents=True)
        elif item.data is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(item.data)
        paths.append(path if "/" not in item.name.rstrip("/") else directory / item.name.split("/")[0])
    return paths
