"""Read article files into plain records; no database.

Formats, chosen by file extension:

- ``.txt``: optional front matter between two ``---`` lines (``published: YYYY-MM-DD``, ``source:``,
  ``url:``, ``title:``), then the title on the first line, a blank line and the body.
- ``.jsonl``: one JSON object per line with ``text`` (or ``body``) and optional ``id``, ``title``,
  ``url``, ``source``, ``published``.
- ``.html`` / ``.htm``: a web page; trafilatura finds the article text, title, date and URL.

Every article's ``text`` is laid out the same way, title line, blank line, body, and evidence spans
index it exactly. Files are read one at a time and JSON lines one line at a time, so memory does not
grow with the input. A problem becomes a :class:`ReadError` that names the file (and line) and says
what is wrong; one bad record never stops the others. A value that cannot be stored as it is (a NUL
byte, a URL longer than its column) is cleaned or bounded the same way for every database, and the
article carries a note saying so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import itertools
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

SUFFIXES = {".txt", ".jsonl", ".html", ".htm"}
STDIN = "-"
BOM = "\ufeff"

# The lengths of the Article columns these values are stored in (events.models uses them).
MAX_TITLE_LENGTH = 500
MAX_URL_LENGTH = 1000
MAX_SOURCE_LENGTH = 200
MAX_KEY_LENGTH = 200

# Publication dates a news article can have. The extractor resolves "Monday" by counting days from
# the published date, and datetime.date ends at years 1 and 9999, so 0001-01-01 or 9999-12-31 would
# overflow there (issue 11); anything outside these years is a typo anyway.
EARLIEST_PUBLISHED = dt.date(1600, 1, 1)
LATEST_PUBLISHED = dt.date(2199, 12, 31)

# Python refuses to convert integers of more than 4,300 digits (CVE-2020-10735) with a message about
# sys.set_int_max_str_digits; no field of an article is a number that long.
MAX_INT_DIGITS = 100

# Characters no database or feed can hold: C0 controls other than tab and newline (PostgreSQL refuses
# NUL in text, XML 1.0 and so the Atom feed refuses the rest, lxml refuses them in HTML) and lone
# surrogates, which are not Unicode text and cannot be encoded as UTF-8 for the hash or the database.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


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
    notes: tuple[str, ...] = ()  # what the reader changed to store it: "url ... not kept"

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
    return text.replace(BOM, "").replace("\r\n", "\n").replace("\r", "\n").strip()


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


def read_paths(paths: Iterable[str]) -> Iterator[RawArticle | ReadError]:
    """Every article under ``paths``, in order, one file at a time."""
    for name in expand_paths(paths):
        if isinstance(name, ReadError):
            yield name
        else:
            yield from read_path(name)


def read_path(name: str) -> Iterator[RawArticle | ReadError]:
    """Articles in one file (or stdin, read as .jsonl when it starts with ``{``, else as .txt).

    Whatever goes wrong becomes a ReadError for the file or the record: nothing raises.
    """
    try:
        if name == STDIN:
            yield from _read_stdin()
        else:
            yield from _read_file(Path(name))
    except Exception as exc:  # noqa: BLE001 - an unforeseen problem is still this file's message
        yield ReadError(name, f"cannot read: {type(exc).__name__}: {exc}")


def count_records(paths: Iterable[str]) -> int | None:
    """How many items ``read_paths(paths)`` yields (articles and errors), for a progress bar's total.

    Cheap: it lists files and counts non-blank lines of .jsonl files without parsing them. None when
    one of the paths is standard input, which can be read only once.
    """
    total = 0
    for name in expand_paths(paths):
        if name == STDIN:
            return None
        if not isinstance(name, ReadError) and name.lower().endswith(".jsonl"):
            try:
                with open(name, "rb") as lines:
                    total += max(1, sum(1 for line in lines if line.strip()))
                continue
            except OSError:
                pass
        total += 1
    return total


def _read_stdin() -> Iterator[RawArticle | ReadError]:
    stream = sys.stdin.buffer  # bytes: invalid UTF-8 is then a message, not a crash
    head: list[bytes] = []  # the lines up to the first non-blank one decide the format
    for line in stream:
        head.append(line)
        if line.strip():
            break
    lines = itertools.chain(head, stream)
    if head and head[-1].lstrip().removeprefix(BOM.encode()).startswith(b"{"):
        yield from parse_jsonl(lines, origin="<stdin>", stem="stdin")
    else:
        yield _parse_whole(parse_txt, b"".join(lines), origin="<stdin>", stem="stdin")


def _read_file(path: Path) -> Iterator[RawArticle | ReadError]:
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield ReadError(name, f"unsupported file type {suffix or '(none)'!r}; use .txt, .jsonl or .html")
        return
    try:
        if suffix == ".jsonl":
            with path.open("rb") as lines:
                yield from parse_jsonl(lines, origin=name, stem=path.stem)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadError(name, f"cannot read: {exc.strerror}")
        return
    parser = parse_html if suffix in {".html", ".htm"} else parse_txt
    yield _parse_whole(parser, data, origin=name, stem=path.stem)


def _parse_whole(parser, data: bytes, *, origin: str, stem: str) -> RawArticle | ReadError:
    """One article from a whole file's bytes (a .txt or .html file, or .txt on stdin)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ReadError(origin, f"not UTF-8 text (byte {exc.start})")
    notes: list[str] = []
    text = storable(text, "the file", notes)
    try:
        article = parser(text, origin=origin, stem=stem)
    except ReadError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - a parser bug or a pathological file: report, go on
        return ReadError(origin, f"cannot read: {type(exc).__name__}: {exc}")
    return _with_notes(article, notes)


def parse_txt(data: str, *, origin: str, stem: str) -> RawArticle:
    data = data.replace(BOM, "").replace("\r\n", "\n").replace("\r", "\n")
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
    return _article(
        key=stem,
        text=text,
        title=meta.get("title") or text.split("\n", 1)[0],
        origin=origin,
        url=meta.get("url", ""),
        source=meta.get("source", ""),
        published=_parse_date(meta.get("published"), origin),
    )


def parse_jsonl(lines: Iterable[bytes], *, origin: str, stem: str) -> Iterator[RawArticle | ReadError]:
    """One article (or error) per non-blank line of ``lines``, the raw bytes of a .jsonl file.

    Lines end at ``\\n`` only: U+2028 and the other characters ``str.splitlines`` also breaks at may
    stand unescaped inside a JSON string (issue 11).
    """
    records = 0
    for line_no, line in enumerate(lines, start=1):
        if line_no == 1:
            line = line.removeprefix(BOM.encode())
        if not line.strip():
            continue
        records += 1
        where = f"{origin}:{line_no}"
        try:
            yield _from_json_line(line, where=where, default_key=f"{stem}-{line_no}")
        except ReadError as exc:
            yield exc
        except Exception as exc:  # noqa: BLE001 - one record's problem, whatever it is
            yield ReadError(where, f"cannot read this record: {type(exc).__name__}: {exc}")
    if not records:
        yield ReadError(origin, "no JSON lines: the file is empty")


def _from_json_line(line: bytes, *, where: str, default_key: str) -> RawArticle:
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError(where, f"not UTF-8 text (byte {exc.start} of the line)") from None
    try:
        record = json.loads(decoded, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        raise ReadError(where, f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ReadError(where, "invalid JSON (nested too deeply)") from None
    except ValueError as exc:
        raise ReadError(where, f"invalid JSON ({exc})") from None
    if not isinstance(record, dict):
        raise ReadError(where, "each line must be a JSON object")
    return _from_record(record, where=where, default_key=default_key)


def _json_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"a number of {len(digits.lstrip('-')):,} digits")
    return int(digits)


def _from_record(record: dict, *, where: str, default_key: str) -> RawArticle:
    notes: list[str] = []

    def string(name: str) -> str:
        value = record.get(name)
        if value is None:
            return ""
        if name == "id" and isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ReadError(where, f"'{name}' must be a string")
        return storable(value, f"'{name}'", notes)

    body_name = "text" if "text" in record else "body"
    body = string(body_name)
    if not body.strip():
        raise ReadError(where, "missing 'text' (the article body)")
    title = string("title")
    published = record.get("published")
    if published is not None and not isinstance(published, str):
        raise ReadError(where, "'published' must be a YYYY-MM-DD string")
    text = compose_text(title, body)
    article = _article(
        key=string("id") or default_key,
        text=text,
        title=title.strip() or text.split("\n", 1)[0],
        origin=where,
        url=string("url"),
        source=string("source"),
        published=_parse_date(string("published"), where),
    )
    return _with_notes(article, notes)


def parse_html(data: str, *, origin: str, stem: str) -> RawArticle:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    # Precision over recall and no fallback extractors: a page of navigation links then yields no text
    # instead of being stored as an article made of its menu (issue 11). On the corpus articles laid
    # out as web pages (article, div and table layouts) the text found is the same as without.
    doc = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, favor_precision=True, fast=True
    )
    if doc is None or not (doc.text or "").strip():
        raise ReadError(origin, "no article text found in the HTML (navigation or boilerplate only)")
    title = (doc.title or "").strip()
    lines = [line.strip() for line in doc.text.split("\n") if line.strip()]
    if title and lines and lines[0] == title:
        lines = lines[1:]
    try:  # trafilatura's date is a guess from the page: without a usable one the article stays undated
        published = _parse_date(doc.date, origin)
    except ReadError:
        published = None
    text = compose_text(title, "\n\n".join(lines))
    return _article(
        key=stem,
        text=text,
        title=title or text.split("\n", 1)[0],
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


def storable(value: str, what: str, notes: list[str]) -> str:
    """``value`` without the characters no database or feed can hold; a note says what was changed."""
    value, controls = _CONTROLS.subn("", value)
    value, surrogates = _SURROGATES.subn("\ufffd", value)
    if controls:
        notes.append(f"{controls:,} control character(s) such as NUL removed from {what}")
    if surrogates:
        notes.append(f"{surrogates:,} lone surrogate(s) in {what} replaced with U+FFFD")
    return value


def _article(
    *, key: str, text: str, title: str, origin: str, url: str, source: str, published: dt.date | None
) -> RawArticle:
    """A RawArticle whose fields fit their columns on every database, with notes on what was cut."""
    notes: list[str] = []
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        notes.append(f"url is {len(url):,} characters long (at most {MAX_URL_LENGTH:,}); not kept")
        url = ""
    return RawArticle(
        source_key=_clip(key.strip(), MAX_KEY_LENGTH, "id", notes, ellipsis=False),
        text=text,
        # One line: the title heads pages and feeds.
        title=_clip(" ".join(title.split()), MAX_TITLE_LENGTH, "title", notes),
        origin=origin,
        url=url,
        source=_clip(" ".join(source.split()), MAX_SOURCE_LENGTH, "source", notes),
        published=published,
        notes=tuple(notes),
    )


def _with_notes(article: RawArticle, notes: list[str]) -> RawArticle:
    if not notes:
        return article
    return dataclasses.replace(article, notes=(*notes, *article.notes))


def _parse_date(value: str | None, origin: str) -> dt.date | None:
    if not value:
        return None
    try:
        date = dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ReadError(origin, f"published date {value!r} is not YYYY-MM-DD") from None
    if not EARLIEST_PUBLISHED <= date <= LATEST_PUBLISHED:
        raise ReadError(
            origin,
            f"published date {date.isoformat()} is not between {EARLIEST_PUBLISHED.year} and "
            f"{LATEST_PUBLISHED.year}",
        )
    return date


def _clip(value: str, limit: int, what: str, notes: list[str], *, ellipsis: bool = True) -> str:
    if len(value) <= limit:
        return value
    notes.append(f"{what} is {len(value):,} characters long; cut to {limit:,}")
    return value[: limit - 1] + "…" if ellipsis else value[:limit]
