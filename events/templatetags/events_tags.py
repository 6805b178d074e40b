"""Template helpers for civicnews pages: evidence highlighting and small labels.

Article text comes from the outside world and is never trusted. ``highlight`` escapes every plain
segment itself and builds each ``<mark>`` with ``format_html``; only the join of those already-safe
pieces is marked safe. Do not "simplify" this into ``mark_safe(text)`` plus string replacement.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django import template
from django.template.defaultfilters import urlencode
from django.urls import get_script_prefix, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from ..models import City

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


def make_span(
    kind: str,
    start: int,
    end: int,
    *,
    official_id=None,
    official_name="",
    city_slug="",
    city_label="",
    meeting_id=None,
) -> Span:
    """The highlight of one fact: names link to the official or city (titled with the name when it is
    known), the rest to the meeting."""
    url, label = "", KIND_LABELS.get(kind, kind)
    if kind == "official" and official_id:
        url = url_of("official", official_id)
        if official_name:
            label = f"Official: {official_name}"
    elif kind == "city" and city_slug:
        url, label = url_of("city", city_slug), f"City: {city_label}"
    elif meeting_id:
        url = url_of("meeting", meeting_id)
    return Span(start, end, kind, url, label)


def span_from_evidence(evidence) -> Span:
    """The highlight for one Evidence row. Reads ``official_id``, ``city`` (for its slug: select_related
    it) and ``meeting_id``, so a page of highlights costs no query per row."""
    official = evidence.official if _is_loaded(evidence, "official") else None
    city = evidence.city if evidence.city_id and _is_loaded(evidence, "city") else None
    return make_span(
        evidence.kind,
        evidence.start,
        evidence.end,
        official_id=evidence.official_id,
        official_name=official.name if official else "",
        city_slug=city.slug if city else "",
        city_label=city.label if city else "",
        meeting_id=evidence.meeting_id,
    )


SPAN_FIELDS = (
    "article_id", "start", "end", "kind", "meeting_id", "official_id", "official__name",
    "city__slug", "city__name", "city__state", "city__country",
)  # fmt: skip


def spans_by_article(evidence) -> dict[int, list[Span]]:
    """The highlights of an Evidence queryset, by article, as ``span_from_evidence`` makes them but
    read with ``values()``: a page quoting hundreds of names builds no model instance for them."""
    found: dict[int, list[Span]] = {}
    for row in evidence.values(*SPAN_FIELDS):
        span = make_span(
            row["kind"],
            row["start"],
            row["end"],
            official_id=row["official_id"],
            official_name=row["official__name"] or "",
            city_slug=row["city__slug"] or "",
            city_label=City.make_label(row["city__name"], row["city__state"], row["city__country"])
            if row["city__slug"]
            else "",
            meeting_id=row["meeting_id"],
        )
        found.setdefault(row["article_id"], []).append(span)
    return found


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


def url_of(model_name: str, key) -> str:
    """The detail URL of the ``model_name`` row (a key of ``LINKS``) whose pk or slug is ``key``,
    without a reverse() per link."""
    name, _field_name = LINKS[model_name]
    key = str(key)
    if not _SAFE_KEY.fullmatch(key):  # not a key a URL converter takes: let reverse() say so
        return reverse(name, args=[key])
    head, tail = _url_parts(name, get_script_prefix())
    return f"{head}{key}{tail}"


@register.filter
def link(instance) -> str:
    """``{{ meeting|link }}``: ``instance.get_absolute_url()`` for a meeting, official, article or city,
    without a reverse() per link."""
    model_name = instance._meta.model_name
    return url_of(model_name, getattr(instance, LINKS[model_name][1]))


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


# Dates in lists: Django's ``date`` filter looks up translated names for each one (a tenth of an
# official's page under cProfile went there). The site is in English; these say the same as "j M Y" and "D j M Y".
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@register.filter
def short_date(value) -> str:
    """``{{ date|short_date }}``: "5 Mar 2026" (``date:"j M Y"``); "" for no date."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if value else ""


@register.filter
def day_date(value) -> str:
    """``{{ date|day_date }}``: "Thu 5 Mar 2026" (``date:"D j M Y"``); "" for no date."""
    return f"{WEEKDAYS[value.weekday()]} {short_date(value)}" if value else ""


@register.filter
def iso_date(value) -> str:
    """``{{ date|iso_date }}``: "2026-03-05", for ``<time datetime>``; "" for no date."""
    return value.isoformat()[:10] if value else ""


@register.filter
def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def _escaped(value) -> str:
    """``conditional_escape(value)``: markup already marked safe stays, anything else is escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def row_html(format_string: str, *args, **kwargs) -> SafeString:
    """``format_html()`` without Django's lazy-string wrapper (``keep_lazy``), which on the busiest
    official's page cost as much as the escaping itself (~1,000 values a page). Every value is escaped
    (or kept when it is already safe markup); only ``format_string`` is trusted."""
    return SafeString(
        format_string.format(*map(_escaped, args), **{name: _escaped(v) for name, v in kwargs.items()})
    )


@register.simple_tag
def status_badge(status: str, label: str = "") -> SafeString:
    """A status badge; cancelled and postponed are drawn to stand out."""
    return row_html('<span class="badge badge-{}">{}</span>', status, capfirst(label or status))


@register.simple_tag
def meeting_status_badge(meeting) -> SafeString:
    """The meeting's status badge; a scheduled meeting whose date has passed says so instead."""
    if meeting.outcome_unknown:
        return status_badge("overdue", "Date passed, outcome not reported")
    return status_badge(meeting.status, meeting.get_status_display())


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


# Meeting rows: every list of meetings (up to 25 a page, several lists on some pages) shows them, and
# through the template engine a row cost about a millisecond, most of a list page's time. They are
# built here with ``row_html``, which escapes every value, as the templates would.


@register.simple_tag
def participants(meeting, exclude=None) -> SafeString:
    """The meeting's participants (``meeting.people``, see ``models.with_people``) as a list, without
    ``exclude`` (an Official) when given: "who else was there"."""
    items = []
    for person in meeting.people:
        if exclude and person.official_id == exclude.pk:
            continue
        title = row_html(' <span class="muted">({})</span>', person.title) if person.title else ""
        if person.official_id:
            url = url_of("official", person.official_id)
            items.append(row_html('<li><a href="{}">{}</a>{}</li>', url, person.official_name, title))
        elif person.name:
            items.append(row_html("<li>{}{}</li>", person.name, title))
        else:
            items.append(row_html('<li><span class="unnamed">{}</span></li>', person.unnamed_label))
    if not items:
        nobody = "no one else recorded" if exclude else "no participants recorded"
        items.append(row_html('<li class="muted">{}</li>', nobody))
    return row_html('<ul class="inline-list participants">{}</ul>', mark_safe("".join(items)))


def meeting_date(meeting) -> SafeString:
    if meeting.date:
        return row_html('<time datetime="{}">{}</time>', meeting.date.isoformat(), day_date(meeting.date))
    if meeting.date_text:
        return row_html(
            '<span class="as-written" title="Date as written in the article">“{}”</span>', meeting.date_text
        )
    return mark_safe('<span class="muted">Date not reported</span>')  # constant markup


@register.simple_tag
def meeting_row(meeting, level: int = 3, exclude=None) -> SafeString:
    """``{% meeting_row meeting %}``: one ``<li>`` of a list of meetings: date, status, title, place,
    participants (without ``exclude``, an Official, whose page it is) and topics."""
    if meeting.city:
        where = row_html('<a href="{}">{}</a>', link(meeting.city), meeting.city.label)
    else:
        where = mark_safe('<span class="muted">Place not reported</span>')  # constant markup
    if meeting.venue:
        where = row_html("{} · {}", where, meeting.venue)
    topics = ""
    if meeting.topics:
        by_topic = link_to("events:meeting_list") + "?topic="
        topics = row_html(
            '<ul class="inline-list tags" aria-label="Topics">{}</ul>',
            mark_safe(  # each item escaped by row_html
                "".join(
                    row_html('<li><a class="tag" href="{}">{}</a></li>', by_topic + urlencode(t), t)
                    for t in meeting.topics
                )
            ),
        )
    return row_html(
        '<li class="meeting-row status-{status}">'
        '<div class="meeting-when">{when}</div>'
        '<div class="meeting-body">'
        '<h{level} class="meeting-title">{badge} <a href="{url}">{title}</a></h{level}>'
        '<p class="meeting-where">{where}</p>'
        '<div class="meeting-who"><span class="label">{who}:</span> {people}</div>'
        "{topics}</div></li>",
        status=meeting.status,
        when=meeting_date(meeting),
        level=int(level),
        badge=meeting_status_badge(meeting),
        url=link(meeting),
        title=meeting.title,
        where=where,
        who="With" if exclude else "Who",
        people=participants(meeting, exclude),
        topics=topics,
    )
