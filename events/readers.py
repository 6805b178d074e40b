"""Read article files into plain records; no database.

Formats, chosen by file extension:

- ``.txt``: optional front matter between two ``---`` lines (``published: YYYY-MM-DD``, ``source:``,
  ``url:``, ``title:``), then the title on the first line, a blank line and the body.
- ``.jsonl``: one JSON object per line with ``text`` (or ``body``) and optional ``id``, ``title``,
  ``url``, ``source``, ``published``.
- ``.html`` / ``.htm``: a web page; trafilatura finds the article text, title, date and URL.

Every article's ``text`` is laid out the same way, title line, blank line, body, and evidence spans
index it exactly. A problem becomes a :class:`ReadError` that names the file (and line) and says
what is wrong; one bad record never stops the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

SUFFIXES = {".txt", ".jsonl", ".html", ".htm"}
STDIN = "-"
MAX_TITLE_LENGTH = 500


@dataclass(frozen=True)
class RawArticle:
    """One article read from a file, before extraction."""

    source_key: str
    text: str
    title: str
    origin: str  # where it came from, for messages: "seeds/a.txt" or "feed.jsonl:3"
    url: str = ""
    source: str = ""
    published: dt.date | None = None

    @cached_property  # ingest asks several times per article; hash the text once
    def content_hash(self) -> str:
        return content_hash(self.text)


class ReadError(Exception):
    """A file or record that cannot be read as an article; ``str()`` names where and why."""

    def __init__(self, origin: str, problem: str):
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


def content_hash(text: str) -> str:
    """Identity of an article's text: the same text ingested twice is one article."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def normalise_text(text: str) -> str:
    """Unix newlines, no byte-order mark, no trailing spaces at the ends of the whole text."""
    return text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").strip()


def expand_paths(paths: Iterable[str]) -> Iterator[str | ReadError]:
    """Files named, plus the article files under each directory (recursively, sorted)."""
    for name in paths:
        if name == STDIN:
            yield STDIN
            continue
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                yield ReadError(name, f"no article files ({', '.join(sorted(SUFFIXES))}) in this directory")
            yield from (str(p) for p in found)
        elif path.is_file():
            yield str(path)
        else:
            yield ReadError(name, "no such file or directory")


def read_path(name: str) -> Iterator[RawArticle | ReadError]:
    """Articles in one file (or stdin, read as .txt unless it starts with ``{``)."""
    if name == STDIN:
        data = sys.stdin.read()
        if data.lstrip().startswith("{"):
            yield from parse_jsonl(data, origin="<stdin>", stem="stdin")
        else:
            yield from _one(parse_txt, data, origin="<stdin>", stem="stdin")
        return
    path = Path(name)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield ReadError(name, f"unsupported file type {suffix or '(none)'!r}; use .txt, .jsonl or .html")
        return
    try:
        data = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        yield ReadError(name, f"not UTF-8 text (byte {exc.start})")
        return
    except OSError as exc:
        yield ReadError(name, f"cannot read: {exc.strerror}")
        return
    if suffix == ".jsonl":
        yield from parse_jsonl(data, origin=name, stem=path.stem)
    elif suffix in {".html", ".htm"}:
        yield from _one(parse_html, data, origin=name, stem=path.stem)
    else:
        yield from _one(parse_txt, data, origin=name, stem=path.stem)


def read_paths(paths: Iterable[str]) -> Iterator[RawArticle | ReadError]:
    for name in expand_paths(paths):
        if isinstance(name, ReadError):
            yield name
        else:
            yield from read_path(name)


def _one(parser, data: str, *, origin: str, stem: str) -> Iterator[RawArticle | ReadError]:
    try:
        yield parser(data, origin=origin, stem=stem)
    except ReadError as exc:
        yield exc


def parse_txt(data: str, *, origin: str, stem: str) -> RawArticle:
    data = data.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, str] = {}
    if data.startswith("---\n"):
        end = data.find("\n---", 3)
        if end == -1:
            raise ReadError(origin, "front matter starts with '---' but has no closing '---' line")
        for line_no, line in enumerate(data[4:end].split("\n"), start=2):
            if not line.strip():
                continue
            key, sep, value = line.partition(":")
            if not sep:
                raise ReadError(
                    f"{origin}:{line_no}", f"front matter line is not 'key: value': {line.strip()!r}"
                )
            meta[key.strip().lower()] = value.strip()
        data = data[end + len("\n---") :]
        data = data.split("\n", 1)[1] if "\n" in data else ""
    text = normalise_text(data)
    if not text:
        raise ReadError(origin, "no article text")
    title = meta.get("title") or text.split("\n", 1)[0].strip()
    return RawArticle(
        source_key=stem,
        text=text,
        title=_clip(title),
        origin=origin,
        url=meta.get("url", ""),
        source=meta.get("source", ""),
        published=_parse_date(meta.get("published"), origin),
    )


def parse_jsonl(data: str, *, origin: str, stem: str) -> Iterator[RawArticle | ReadError]:
    for line_no, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{line_no}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield ReadError(where, "each line must be a JSON object")
            continue
        try:
            yield _from_record(record, where=where, default_key=f"{stem}-{line_no}")
        except ReadError as exc:
            yield exc


def _from_record(record: dict, *, where: str, default_key: str) -> RawArticle:
    body = record.get("text", record.get("body"))
    if not isinstance(body, str) or not body.strip():
        raise ReadError(where, "missing 'text' (the article body)")
    title = record.get("title") or ""
    if not isinstance(title, str):
        raise ReadError(where, "'title' must be a string")
    text = compose_text(title, body)
    published = record.get("published")
    if published is not None and not isinstance(published, str):
        raise ReadError(where, "'published' must be a YYYY-MM-DD string")
    key = record.get("id", default_key)
    return RawArticle(
        source_key=str(key)[:200],
        text=text,
        title=_clip(title.strip() or text.split("\n", 1)[0]),
        origin=where,
        url=str(record.get("url") or ""),
        source=str(record.get("source") or ""),
        published=_parse_date(published, where),
    )


def parse_html(data: str, *, origin: str, stem: str) -> RawArticle:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    if doc is None or not (doc.text or "").strip():
        raise ReadError(origin, "no article text found in the HTML")
    title = (doc.title or "").strip()
    lines = [line.strip() for line in doc.text.split("\n") if line.strip()]
    if title and lines and lines[0] == title:
        lines = lines[1:]
    published = None
    if doc.date:
        try:
            published = dt.date.fromisoformat(doc.date[:10])
        except ValueError:
            published = None
    text = compose_text(title, "\n\n".join(lines))
    return RawArticle(
        source_key=stem,
        text=text,
        title=_clip(title or text.split("\n", 1)[0]),
        origin=origin,
        url=doc.url or "",
        source=doc.sitename or "",
        published=published,
    )


def compose_text(title: str, body: str) -> str:
    """Title line, blank line, body, the layout of a .txt article (unless the body already opens with it)."""
    title, body = normalise_text(title), normalise_text(body)
    if not title or body.startswith(title):
        return body
    return f"{title}\n\n{body}"


def _parse_date(value: str | None, origin: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ReadError(origin, f"published date {value!r} is not YYYY-MM-DD") from None


def _clip(title: str) -> str:
    return title if len(title) <= MAX_TITLE_LENGTH else title[: MAX_TITLE_LENGTH - 1] + "…"
