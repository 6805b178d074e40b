"""Template helpers for civicnews pages: evidence highlighting and small labels.

Article text comes from the outside world and is never trusted. ``highlight`` escapes every plain
segment itself and builds each ``<mark>`` with ``format_html``; only the join of those already-safe
pieces is marked safe. Do not "simplify" this into ``mark_safe(text)`` plus string replacement.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

KIND_LABELS = {
    "official": "Official",
    "city": "City",
    "date": "Date",
    "meeting": "Meeting sentence",
}


@dataclass(frozen=True)
class Span:
    """A highlight: text[start:end] of ``kind``, linking to ``url`` (may be empty)."""

    start: int
    end: int
    kind: str
    url: str = ""
    label: str = ""


@dataclass
class _Node:
    span: Span
    children: list[_Node] = field(default_factory=list)


def span_from_evidence(evidence) -> Span:
    """The highlight for one Evidence row: link names to the official or city, the rest to the meeting.

    Reads ``official_id``, ``city`` (for its slug: select_related it) and ``meeting_id``, so a page of
    highlights costs no query per row.
    """
    kind = evidence.kind
    url, label = "", KIND_LABELS.get(kind, kind)
    if kind == "official" and evidence.official_id:
        url = reverse("events:official_detail", args=[evidence.official_id])
        if _is_loaded(evidence, "official"):
            label = f"Official: {evidence.official.name}"
    elif kind == "city" and evidence.city_id and _is_loaded(evidence, "city"):
        url = reverse("events:city_detail", args=[evidence.city.slug])
        label = f"City: {evidence.city.label}"
    elif evidence.meeting_id:
        url = reverse("events:meeting_detail", args=[evidence.meeting_id])
    return Span(evidence.start, evidence.end, kind, url, label)


def _is_loaded(instance, name: str) -> bool:
    """True when the related object ``name`` was select_related (reading it costs no query)."""
    return instance._meta.get_field(name).is_cached(instance)


def _as_span(item) -> Span:
    return item if isinstance(item, Span) else span_from_evidence(item)


def nest_spans(text_length: int, spans: Iterable[Span]) -> list[_Node]:
    """Arrange spans in a tree by containment; drop empty, out-of-range, duplicate and crossing spans.

    Spans are taken outermost-first (by start, then longest). A span that starts inside an open span
    but ends after it crosses that boundary and cannot be drawn as nested marks, so it is dropped: the
    earlier (outer) span wins.
    """
    ordered = sorted(
        {s for s in spans if 0 <= s.start < s.end <= text_length},
        key=lambda s: (s.start, -s.end, s.kind, s.url),
    )
    roots: list[_Node] = []
    stack: list[_Node] = []
    for span in ordered:
        while stack and stack[-1].span.end <= span.start:
            stack.pop()
        if stack and span.end > stack[-1].span.end:
            continue  # crosses the end of the open span
        node = _Node(span)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _render(text: str, nodes: list[_Node], start: int, end: int, url: str) -> list[str]:
    """Escaped HTML for text[start:end], with ``nodes`` as marks; plain runs link to ``url`` if set."""
    parts: list[str] = []

    def plain(a: int, b: int) -> None:
        if a >= b:
            return
        if url:
            # The enclosing mark's link wraps only plain runs, so links are never nested.
            parts.append(format_html('<a href="{}">{}</a>', url, text[a:b]))
        else:
            parts.append(escape(text[a:b]))

    cursor = start
    for node in nodes:
        span = node.span
        plain(cursor, span.start)
        # Safe to mark: every piece _render returns was escaped by escape() or format_html().
        inner = mark_safe("".join(_render(text, node.children, span.start, span.end, span.url)))
        parts.append(
            format_html(
                '<mark class="hl hl-{}" data-kind="{}"{}>{}</mark>',
                span.kind,
                span.kind,
                format_html(' title="{}"', span.label) if span.label else "",
                inner,
            )
        )
        cursor = span.end
    plain(cursor, end)
    return parts


def highlight_html(text: str, spans: Iterable) -> SafeString:
    """``text`` as HTML with each span wrapped in ``<mark class="hl hl-KIND">`` and linked.

    Every piece of ``text`` goes through ``escape`` (which escapes even SafeStrings) or ``format_html``
    before the join is marked safe.
    """
    text = str(text or "")
    roots = nest_spans(len(text), (_as_span(s) for s in spans or ()))
    return mark_safe("".join(_render(text, roots, 0, len(text), "")))


@register.simple_tag
def highlight(text: str, spans) -> SafeString:
    """``{% highlight article.text spans %}``: the article text with its evidence highlighted."""
    return highlight_html(text, spans)


# Whitespace, or a closing quote left over from the previous paragraph followed by a line break.
_EXCERPT_LEAD = re.compile(r"\s*(?:[\"'“”‘’]\s*\n)?\s*")


def trim_excerpt(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``text[start:end]`` past surrounding whitespace, and past a stray closing quote at its
    start (a sentence span that begins on the previous paragraph's quote mark)."""
    start = _EXCERPT_LEAD.match(text, start, end).end() if start < end else start
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def excerpt_html(text: str, start: int, end: int, spans: Iterable, here: str = "") -> SafeString:
    """``text[start:end]`` (an evidence sentence) as HTML, with the spans that lie wholly inside it
    highlighted; offsets are shifted to the excerpt. A span linking to ``here`` (the page showing the
    excerpt) is marked but not linked. Escaped like ``highlight_html``."""
    text = str(text or "")
    start, end = trim_excerpt(text, start, end)
    inside = []
    for span in map(_as_span, spans or ()):
        if start <= span.start and span.end <= end:
            url = "" if here and span.url == here else span.url
            inside.append(Span(span.start - start, span.end - start, span.kind, url, span.label))
    return highlight_html(text[start:end], inside)


@register.simple_tag
def highlight_excerpt(evidence, spans, here: str = "") -> SafeString:
    """``{% highlight_excerpt evidence mentions request.path %}``: an evidence sentence with the names,
    places and dates in it marked and linked. ``evidence.article`` must be loaded (select_related)."""
    return excerpt_html(evidence.article.text, evidence.start, evidence.end, spans, here)


# Links: a list page shows hundreds (each row links its meeting, city, participants and topics), and
# reverse() costs as much as the rest of a row's rendering. Each URL pattern is reversed once per
# process (and script prefix) with a marker for the key, which each link then replaces.
LINKS = {
    "meeting": ("events:meeting_detail", "pk"),
    "official": ("events:official_detail", "pk"),
    "article": ("events:article_detail", "pk"),
    "city": ("events:city_detail", "slug"),
}
_KEY_MARKER = "8675309"  # a whole number and a slug, so every converter takes it
_SAFE_KEY = re.compile(r"[-a-zA-Z0-9_]+")


@functools.cache
def _url_parts(name: str, script_prefix: str) -> tuple[str, str]:
    """The URL of ``name`` before and after its one argument (``script_prefix`` keys the cache)."""
    head, _marker, tail = reverse(name, args=[_KEY_MARKER]).partition(_KEY_MARKER)
    return head, tail


@functools.cache
def _plain_url(name: str, script_prefix: str) -> str:
    return reverse(name)


@register.filter
def link(instance) -> str:
    """``{{ meeting|link }}``: ``instance.get_absolute_url()`` for a meeting, official, article or city,
    without a reverse() per link."""
    name, field_name = LINKS[instance._meta.model_name]
    key = str(getattr(instance, field_name))
    if not _SAFE_KEY.fullmatch(key):  # not a key a URL converter takes: let reverse() say so
        return instance.get_absolute_url()
    head, tail = _url_parts(name, get_script_prefix())
    return f"{head}{key}{tail}"


@register.simple_tag
def link_to(name: str) -> str:
    """``{% link_to "events:meeting_list" %}``: ``{% url %}`` of a URL without arguments, reversed once."""
    return _plain_url(name, get_script_prefix())


@register.filter
def role_label(role) -> str:
    """The label "Mayor, Kansas City (MO)" for a Role; plain text, escaped by the template."""
    label = role.title
    if role.jurisdiction:
        label += f", {role.jurisdiction}"
    if role.state:
        label += f" ({role.state})"
    return label


@register.filter
def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


@register.inclusion_tag("events/_status_badge.html")
def status_badge(status: str, label: str = ""):
    """A status badge; cancelled and postponed are drawn to stand out."""
    return {"status": status, "label": label or status}


@register.inclusion_tag("events/_status_badge.html")
def meeting_status_badge(meeting):
    """The meeting's status badge; a scheduled meeting whose date has passed says so instead."""
    if meeting.outcome_unknown:
        return {"status": "overdue", "label": "Date passed, outcome not reported"}
    return {"status": meeting.status, "label": meeting.get_status_display()}


@register.filter
def is_web_url(url: str) -> bool:
    """True for http(s) URLs only: an ingested ``javascript:`` URL must never become a link."""
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


NAV_SECTIONS = {"meeting", "official", "city", "article"}


@register.simple_tag(takes_context=True)
def nav_current(context, section: str) -> str:
    """` aria-current="page"` on the list page of ``section``, `="true"` on its detail pages."""
    match = getattr(context.get("request"), "resolver_match", None)
    url_name = match.url_name if match else ""
    if url_name == section or url_name == f"{section}_list":
        return mark_safe(' aria-current="page"')  # constant markup
    if section in NAV_SECTIONS and url_name.startswith(f"{section}_"):
        return mark_safe(' aria-current="true"')  # constant markup
    return ""


@register.simple_tag
def participants_except(meeting, official=None) -> list:
    """The meeting's participants (from the prefetch cache) without ``official``: "who else was there"."""
    people = list(meeting.participants.all())
    if official is None or official == "":
        return people
    return [p for p in people if p.official_id != official.pk]
