"""events_tags: the evidence highlighter on hand-made text and spans, and the small label helpers."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.urls import clear_script_prefix, set_script_prefix
from django.utils.safestring import SafeString, mark_safe

from events.models import with_people
from events.templatetags.events_tags import (
    Span,
    highlight_html,
    is_web_url,
    link,
    meeting_row,
    nest_spans,
    role_label,
)
from tests.factories import make_article, make_city, make_meeting, make_official


def mark(kind: str, inner: str, url: str = "", title: str = "") -> str:
    body = f'<a href="{url}">{inner}</a>' if url else inner
    title_attr = f' title="{title}"' if title else ""
    return f'<mark class="hl hl-{kind}" data-kind="{kind}"{title_attr}>{body}</mark>'


def test_no_spans_is_escaped_text():
    html = highlight_html('<script>alert("x")</script> & more', [])
    assert isinstance(html, SafeString)
    assert html == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more"


def test_even_safe_strings_are_escaped():
    # Article text is never trusted, even if something upstream wrongly marked it safe.
    assert highlight_html(mark_safe("<b>bold</b>"), []) == "&lt;b&gt;bold&lt;/b&gt;"


def test_safe_string_text_is_escaped_inside_and_around_spans():
    text = mark_safe("<b>Lucas</b> <i>met</i>")
    html = highlight_html(text, [Span(0, 12, "meeting", "/m/1/"), Span(3, 8, "official", "/o/1/")])
    assert "<b>" not in html and "<i>" not in html
    assert '<a href="/m/1/">&lt;b&gt;</a>' in html and "&lt;i&gt;met&lt;/i&gt;" in html


def test_single_span_with_link():
    text = "Mayor Quinton Lucas spoke."
    html = highlight_html(text, [Span(6, 19, "official", "/officials/1/", "Official: Quinton Lucas")])
    assert (
        html
        == "Mayor "
        + mark("official", "Quinton Lucas", "/officials/1/", "Official: Quinton Lucas")
        + " spoke."
    )


def test_span_without_url_is_a_plain_mark():
    assert highlight_html("on Monday.", [Span(3, 9, "date")]) == "on " + mark("date", "Monday") + "."


def test_spans_at_text_start_and_end():
    text = "Lucas met Parson"
    html = highlight_html(text, [Span(0, 5, "official", "/o/1/"), Span(10, 16, "official", "/o/2/")])
    assert html == mark("official", "Lucas", "/o/1/") + " met " + mark("official", "Parson", "/o/2/")


def test_span_covering_whole_text():
    assert highlight_html("Lucas", [Span(0, 5, "official", "/o/1/")]) == mark("official", "Lucas", "/o/1/")


def test_span_text_is_escaped():
    text = 'A <img src=x onerror="alert(1)"> B'
    html = highlight_html(text, [Span(2, 32, "city", "/cities/x/")])
    assert "<img" not in html
    assert mark("city", "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;", "/cities/x/") in html


def test_url_and_label_are_escaped():
    html = highlight_html("Lucas", [Span(0, 5, "official", '/o/"><script>', 'x" onmouseover="y')])
    assert "<script>" not in html and 'onmouseover="y"' not in html
    assert 'href="/o/&quot;&gt;&lt;script&gt;"' in html
    assert 'title="x&quot; onmouseover=&quot;y"' in html


def test_nested_spans_nest_marks_without_nesting_links():
    text = "Mayor Lucas met in Jefferson City today."
    spans = [
        Span(0, 39, "meeting", "/meetings/1/"),
        Span(6, 11, "official", "/officials/1/"),
        Span(19, 33, "city", "/cities/jc/"),
    ]
    html = highlight_html(text, spans)
    assert html == (
        '<mark class="hl hl-meeting" data-kind="meeting">'
        '<a href="/meetings/1/">Mayor </a>'
        + mark("official", "Lucas", "/officials/1/")
        + '<a href="/meetings/1/"> met in </a>'
        + mark("city", "Jefferson City", "/cities/jc/")
        + '<a href="/meetings/1/"> today</a>'
        "</mark>."
    )
    # Links never contain links.
    assert "<a href" not in html.split("<a href", 2)[1].split("</a>")[0]


def test_inner_span_sharing_the_outer_start_and_end():
    text = "Kansas City"
    html = highlight_html(text, [Span(0, 6, "date"), Span(0, 11, "city", "/c/kc/")])
    # The longer span is the outer one, whatever order they come in.
    assert (
        html
        == '<mark class="hl hl-city" data-kind="city">'
        + mark("date", "Kansas")
        + '<a href="/c/kc/"> City</a></mark>'
    )


def test_overlapping_span_is_dropped():
    text = "abcdefghij"
    spans = [Span(0, 5, "meeting", "/m/1/"), Span(3, 8, "official", "/o/1/")]
    html = highlight_html(text, spans)
    assert html == mark("meeting", "abcde", "/m/1/") + "fghij"


def test_span_crossing_a_nested_boundary_is_dropped_but_siblings_stay():
    text = "0123456789ABCDEF"
    spans = [
        Span(0, 10, "meeting", "/m/"),
        Span(2, 6, "official", "/o/"),
        Span(4, 8, "city", "/c/"),  # starts inside the official span, ends outside it: dropped
        Span(7, 9, "date"),  # a later sibling inside the meeting: kept
    ]
    roots = nest_spans(len(text), spans)
    assert [n.span.kind for n in roots] == ["meeting"]
    assert [n.span.kind for n in roots[0].children] == ["official", "date"]
    html = highlight_html(text, spans)
    assert "hl-city" not in html and "hl-date" in html
    assert html.endswith("</mark>ABCDEF")


@pytest.mark.parametrize(
    "span", [Span(-1, 3, "city"), Span(5, 5, "city"), Span(6, 4, "city"), Span(8, 99, "city")]
)
def test_invalid_spans_are_ignored(span):
    assert highlight_html("Springfield", [span]) == "Springfield"


def test_duplicate_spans_render_once():
    spans = [Span(0, 5, "official", "/o/1/")] * 3
    assert highlight_html("Lucas said", spans) == mark("official", "Lucas", "/o/1/") + " said"


def test_adjacent_spans():
    html = highlight_html("ab", [Span(0, 1, "city"), Span(1, 2, "date")])
    assert html == mark("city", "a") + mark("date", "b")


def test_unicode_offsets_are_characters():
    text = "“Lucas” said"
    assert highlight_html(text, [Span(1, 6, "official")]) == "“" + mark("official", "Lucas") + "” said"


def test_template_tag_escapes_and_accepts_spans():
    template = Template("{% load events_tags %}<div>{% highlight text spans %}</div>")
    html = template.render(Context({"text": "<i>Lucas</i>", "spans": [Span(3, 8, "official", "/o/1/")]}))
    assert html == "<div>&lt;i&gt;" + mark("official", "Lucas", "/o/1/") + "&lt;/i&gt;</div>"


def test_template_tag_with_no_spans_or_text():
    template = Template("{% load events_tags %}[{% highlight text spans %}]")
    assert template.render(Context({"text": "", "spans": None})) == "[]"


def test_role_label():
    assert (
        role_label(SimpleNamespace(title="Mayor", jurisdiction="Kansas City", state="MO"))
        == "Mayor, Kansas City (MO)"
    )
    assert role_label(SimpleNamespace(title="Governor", jurisdiction="", state="")) == "Governor"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://fox4kc.com/a", True),
        ("HTTP://x.org", True),
        ("javascript:alert(1)", False),
        ("", False),
        (None, False),
    ],
)
def test_is_web_url(url, ok):
    assert is_web_url(url) is ok


def test_excerpt_marks_only_spans_inside_it_and_unlinks_the_current_page():
    from events.templatetags.events_tags import excerpt_html

    text = 'Intro said "no."\n\nMayor Lucas met in Dayton on Monday. Parson stayed home.'
    start = text.index('"\n')  # a sentence span that begins on the previous paragraph's quote
    end = text.index(" Parson")
    spans = [
        Span(text.index("Lucas"), text.index("Lucas") + 5, "official", "/o/1/"),
        Span(text.index("Dayton"), text.index("Dayton") + 6, "city", "/c/dayton/"),
        Span(text.index("Monday"), text.index("Monday") + 6, "date", "/m/7/"),
        Span(text.index("Parson"), text.index("Parson") + 6, "official", "/o/2/"),  # outside: dropped
    ]
    html = excerpt_html(text, start, end, spans, here="/m/7/")
    assert html == (
        "Mayor "
        + mark("official", "Lucas", "/o/1/")
        + " met in "
        + mark("city", "Dayton", "/c/dayton/")
        + " on "
        + mark("date", "Monday")
        + "."
    )


def test_excerpt_escapes_and_keeps_an_opening_quote():
    from events.templatetags.events_tags import excerpt_html

    text = 'x "<b>Lucas</b>" y'
    assert excerpt_html(text, 2, len(text), []) == "&quot;&lt;b&gt;Lucas&lt;/b&gt;&quot; y"


@pytest.mark.django_db
def test_link_is_the_absolute_url_of_each_kind_of_row():
    city = make_city(name="Coeur d'Alene", state="ID")
    rows = [city, make_official("Ann Lee"), make_article(), make_meeting(city)]
    assert [link(row) for row in rows] == [row.get_absolute_url() for row in rows]
    assert link(city) == "/cities/coeur-dalene-id/"
    set_script_prefix("/civic/")  # served under a path: the links follow
    try:
        assert [link(row) for row in rows] == [row.get_absolute_url() for row in rows]
        assert link(city).startswith("/civic/cities/")
    finally:
        clear_script_prefix()


@pytest.mark.parametrize(
    "day", [datetime.date(2026, 3, 5), datetime.date(2025, 9, 28), datetime.date(1999, 12, 31)]
)
def test_list_dates_read_as_djangos_date_filter_writes_them(day):
    rendered = Template(
        "{% load events_tags %}{{ d|short_date }}|{{ d|day_date }}|{{ d|iso_date }}|{{ none|short_date }}"
    ).render(Context({"d": day, "none": None}))
    expected = Template('{{ d|date:"j M Y" }}|{{ d|date:"D j M Y" }}|{{ d|date:"Y-m-d" }}|').render(
        Context({"d": day})
    )
    assert rendered == expected


@pytest.mark.django_db
def test_meeting_row_escapes_every_value_it_shows():
    hostile = '<img src=x onerror="alert(1)">'
    city = make_city(name="Springfield", state="IL")
    official = make_official(name=f"Ann {hostile}")
    meeting = make_meeting(
        city=city,
        participants=[official],
        unnamed=[{"title": "Mayor", "jurisdiction": hostile}],
        purpose=f"discuss {hostile}",
        venue=hostile,
        topics=[hostile],
        date_text=hostile,
    )
    with_people([meeting])
    row = meeting_row(meeting)
    assert isinstance(row, SafeString)
    assert "<img" not in row and 'onerror="' not in row
    # The title, venue, topic, date as written, the official and the unnamed office's place.
    assert row.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;") == 6
    assert f'href="{link(official)}"' in row and f'href="{link(city)}"' in row


@pytest.mark.django_db
def test_meeting_row_leaves_out_the_official_whose_page_it_is():
    mayor, clerk = make_official(name="Ann Lee"), make_official(name="Bo Chan")
    meeting = make_meeting(participants=[mayor, clerk])
    with_people([meeting])
    row = meeting_row(meeting, exclude=mayor)
    assert "Bo Chan" in row and "Ann Lee" not in row and ">With:<" in row
    with_people([alone := make_meeting(participants=[mayor])])
    assert "no one else recorded" in meeting_row(alone, exclude=mayor)
