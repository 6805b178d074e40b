"""Pages of civicnews: who met where, and why.

Each page is one URL that serves the full page and, for an HTMX request, only its ``results`` partial
(``render_page``). Query parameters are validated by the forms in ``forms.py``; every list is paginated
and built from the QuerySets' ``for_list()``/``for_detail()`` so the number of queries per page does
not grow with the number of rows.
"""

from __future__ import annotations

import datetime
import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html_join
from django.views.decorators.http import require_safe
from django_htmx.middleware import HtmxDetails

from .counts import RowCount, table_count, table_counts
from .forms import LOOKUP_CHOICES, MAX_QUERY_LENGTH, MeetingFilterForm, PageForm, SearchForm, official_choice
from .models import (
    Alias,
    Article,
    City,
    Evidence,
    Meeting,
    MeetingSource,
    Official,
    Participant,
    Role,
    with_people,
)
from .search import count_matching, matching, terms
from .templatetags.events_tags import Span, spans_by_article

PER_PAGE = 25
HOME_UPCOMING = 5
HOME_RECENT = 10
HOME_SEARCH_RESULTS = 8
# The home search counts meetings up to this many, then says "more than" (counting all that a
# common surname matches would read every one of them).
SEARCH_COUNT_LIMIT = 1000
# SQLite's article search walks the articles newest first when more than this many match (at 500
# of 100,000 it reads ~5,000 index entries for a page); with fewer, it sorts the matches.
WALK_ABOVE = 500
OFFICIAL_ARTICLES = 50
# The busiest cities on the map: more markers make it unreadable and the page heavy (each costs
# escaping and JSON; 2,000 took most of the page's time at 100,000 articles). The list has them all.
MAP_MAX_CITIES = 500


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


# Helpers


def render_page(
    request: HtmxHttpRequest, template: str, partial: str, context: dict[str, Any]
) -> HttpResponse:
    """Render ``template``, or only its ``partial`` for an HTMX request.

    A history-cache miss sends ``HX-Request`` *and* ``HX-History-Restore-Request``; htmx then swaps the
    whole body, so it must get the full page (adamchainz/django-htmx#410, bigskysoftware/htmx#3037).
    The response varies on HX-Request so no cache serves a fragment as a page or the reverse.
    """
    if request.htmx and not request.htmx.history_restore_request:
        template = f"{template}#{partial}"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def paginate(
    request: HttpRequest,
    items: QuerySet | list,
    per_page: int = PER_PAGE,
    *,
    count: int | RowCount | None = None,
) -> tuple[Page, str]:
    """The requested page and a note when it could not be shown: a ``page`` that is not a whole number
    of at least 1 shows the first page, one past the end the last (``Paginator.get_page``). ``count``:
    how many ``items`` there are, when the caller knows it more cheaply than the paginator; an
    estimated one (``counts.table_count``) is used except near its end, where the last pages must
    exist, and ``page.estimated`` says the page shows an estimate."""
    form = PageForm(request.GET)
    number = form.cleaned_data["page"] if form.is_valid() else None
    estimated = isinstance(count, RowCount) and count.estimated
    if estimated and (number or 1) * per_page > int(count) * 0.9:
        count, estimated = None, False
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = int(count)  # a cached_property: set, it is not asked of the database
    page = paginator.get_page(number)
    page.estimated = estimated
    asked = request.GET.get("page", "")
    note = ""
    if asked and number != page.number and page.paginator.count:
        shown = f"page {page.number} of {page.paginator.num_pages}"
        if number is not None:
            note = f"There is no page {asked[:20]}; showing the last page ({shown})."
        else:
            note = f"“{asked[:20]}” is not a page number; showing {shown}."
    return page, note


def paginate_meetings(
    request: HttpRequest, ordered: QuerySet[Meeting], *, count: int | RowCount | None = None
) -> tuple[Page, str]:
    """``paginate()`` over the keys of ``ordered`` (filtered and sorted), then only the page's meetings
    fetched with everything their rows show (``meeting_rows``). The database sorts bare keys: for the
    busiest official (1,747 meetings) that is 6 ms of SQL instead of 27 ms spent joining their cities
    for rows no one sees."""
    page, note = paginate(request, ordered.values_list("pk", flat=True), count=count)
    page.object_list = meeting_rows(list(page.object_list))
    return page, note


def is_partial(request: HtmxHttpRequest) -> bool:
    """True when ``render_page`` will render only the partial (so the view can skip page-only queries)."""
    return bool(request.htmx and not request.htmx.history_restore_request)


def map_context(cities: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The data of a cities map: tile server, attribution and one marker per city with coordinates.

    ``cities`` are dicts with name, state, country, slug, latitude, longitude and meeting_count (a
    ``values()`` query: no model instances, no query per city). The tile settings travel with the data
    because the map is drawn by static/js/site.js; a blank tile URL means markers only.
    """
    markers = []
    # One reverse() for all markers: there can be thousands.
    city_url = reverse("events:city_detail", args=["slug"]).removesuffix("slug/")
    for city in cities:
        markers.append(
            {
                "name": city["name"],
                "label": City.make_label(city["name"], city["state"], city["country"]),
                "url": f"{city_url}{city['slug']}/",
                "lat": city["latitude"],
                "lon": city["longitude"],
                "meetings": city.get("meeting_count", 0),
            }
        )
    return {
        "tile_url": settings.CIVICNEWS_MAP_TILE_URL,
        "attribution": settings.CIVICNEWS_MAP_ATTRIBUTION,
        "cities": markers,
    }


MAP_FIELDS = ("name", "state", "country", "slug", "latitude", "longitude")


def feed_urls(form: MeetingFilterForm) -> dict[str, str]:
    """iCalendar and Atom feed URLs for the current filters (no page, no sort)."""
    query = urlencode(form.filter_params) if form.is_valid() else ""
    urls = {kind: reverse(f"events:meeting_feed_{kind}") for kind in ("ics", "atom")}
    return {kind: f"{url}?{query}" if query else url for kind, url in urls.items()}


def meeting_rows(keys: list[int]) -> list[Meeting]:
    """The meetings with these keys, in this order, with everything a meeting row shows: their city
    and their participants (``with_people``)."""
    found = Meeting.objects.for_list().in_bulk(keys)
    return with_people([found[pk] for pk in keys if pk in found])


def find_meetings(q: str, officials: QuerySet[Official], limit: int) -> tuple[list[Meeting], int]:
    """The home search's meetings: the best ``limit`` and how many match, counted up to one more
    than ``SEARCH_COUNT_LIMIT`` (which means "more than that").

    Best first: those matching by their own words, then those of ``officials`` (the ones the search
    found), then those whose articles match; newest first within each. Each reason is one query for
    the ids and dates of its newest meetings (from the full-text indexes), no more than the count
    needs; once the reasons so far hold more than the limit, the later ones can change neither the
    best ``limit`` nor the count, so they are not asked. For a common surname that is one query
    instead of reading every reading of every article that names it.
    """
    rank: dict[int, tuple] = {}
    for reason, matched in enumerate(Meeting.objects.search_sources(q, officials)):
        newest = Meeting.objects.filter(pk__in=matched).order_by(F("date").desc(nulls_last=True), "-pk")
        for pk, date in newest.values_list("pk", "date")[: SEARCH_COUNT_LIMIT + 1]:
            newest_first = (date is None, -date.toordinal() if date else 0, -pk)
            rank.setdefault(pk, (reason, *newest_first))
        if len(rank) > SEARCH_COUNT_LIMIT:
            break
    best = heapq.nsmallest(limit, rank, key=rank.__getitem__)
    return meeting_rows(best), min(len(rank), SEARCH_COUNT_LIMIT + 1)


# Home


@require_safe
def home(request: HtmxHttpRequest) -> HttpResponse:
    """Upcoming and recent meetings, counts, and a live search over officials, cities and meetings.

    The partial is the search results, grouped by kind, so the home search box updates in place.
    """
    form = SearchForm(
        request.GET,
        label="Search officials, cities and meetings",
        placeholder="A name, a title, a place or a topic",
    )
    q = form.query
    context: dict[str, Any] = {"form": form, "q": q}
    if q:
        officials = Official.objects.for_list().search(q)  # ranked: best match first
        cities = City.objects.search(q).order_by("-meeting_count", "name", "pk")
        meetings, meeting_count = find_meetings(q, officials, HOME_SEARCH_RESULTS)
        context["groups"] = {
            "officials": {"items": list(officials[:HOME_SEARCH_RESULTS]), "count": officials.count()},
            "cities": {"items": list(cities[:HOME_SEARCH_RESULTS]), "count": cities.count()},
            "meetings": {
                "items": meetings,
                "count": min(meeting_count, SEARCH_COUNT_LIMIT),
                "more": meeting_count > SEARCH_COUNT_LIMIT,
            },
        }
        context["result_count"] = sum(group["count"] for group in context["groups"].values())
        context["result_more"] = meeting_count > SEARCH_COUNT_LIMIT
        context["per_group"] = HOME_SEARCH_RESULTS
    if not is_partial(request):
        today = timezone.localdate()
        counts = table_counts(Article, Official, City, Meeting)
        context.update(
            counts={
                "articles": counts[Article],
                "officials": counts[Official],
                "cities": counts[City],
                "meetings": counts[Meeting],
            },
            upcoming=with_people(
                Meeting.objects.for_list().filter(date__gte=today).order_by("date", "pk")[:HOME_UPCOMING]
            ),
            recent=with_people(
                Meeting.objects.for_list()
                .filter(Q(date__lt=today) | Q(date__isnull=True))
                .order_by(F("date").desc(nulls_last=True), "-pk")[:HOME_RECENT]
            ),
            today=today,
        )
    return render_page(request, "events/home.html", "results", context)


# Meetings


@require_safe
def meeting_list(request: HtmxHttpRequest) -> HttpResponse:
    """Meetings, filtered by city, official, topic, status and date range."""
    form = MeetingFilterForm(request.GET)
    meetings = form.order(form.filter(Meeting.objects.all())) if form.is_valid() else Meeting.objects.none()
    page, page_note = paginate_meetings(request, meetings, count=known_count(form))
    return render_page(
        request,
        "events/meeting_list.html",
        "results",
        {"form": form, "page": page, "page_note": page_note, "feeds": feed_urls(form)},
    )


def known_count(form: MeetingFilterForm) -> int | RowCount | None:
    """How many meetings the filters leave, when it is known without counting them: all of them (an
    estimate on PostgreSQL), a city's (kept on its row) or an official's (in the participants' index)."""
    if not form.is_valid():
        return None
    given = {name for name in form.FILTERS if form.cleaned_data.get(name)}
    if not given:
        return table_count(Meeting)
    if given == {"city"}:
        return form.cleaned_data["city"].meeting_count
    if given == {"official"}:
        return official_meeting_count(form.cleaned_data["official"])
    return None


def official_meeting_count(official: Official) -> int:
    """Counted in the participants' (official, meeting) index, without reading the meetings."""
    return Participant.objects.filter(official=official).values("meeting_id").distinct().count()


@require_safe
def meeting_suggestions(request: HtmxHttpRequest, field: str) -> HttpResponse:
    """The ``<option>``s of a lookup box of the meetings filters (``official`` or ``city``) for what was
    typed so far: the box's ``<datalist>``, refreshed by htmx as you type."""
    typed = request.GET.get(field, "").strip()[:MAX_QUERY_LENGTH]
    if field not in {"official", "city"}:
        raise Http404("No such lookup.")
    options: list[tuple[str, str]] = []
    if len(typed) >= 2 and field == "official":
        officials = (
            Official.objects.search(typed)
            .with_meeting_count()
            .prefetch_related("roles")
            .order_by("-relevance", "-meeting_count", "name", "pk")[:LOOKUP_CHOICES]
        )
        for official in officials:
            roles = "; ".join(str(role) for role in official.roles.all())
            meetings = f"{official.meeting_count} meeting{pluralize(official.meeting_count)}"
            options.append((official_choice(official), " · ".join(filter(None, [roles, meetings]))))
    elif len(typed) >= 2:
        cities = City.objects.search(typed).order_by(F("population").desc(nulls_last=True), "name", "pk")
        options = [(city.label, city.label) for city in cities[:LOOKUP_CHOICES]]
    response = HttpResponse(format_html_join("", '<option value="{}">{}</option>', options))
    patch_vary_headers(response, ["HX-Request"])
    return response


@dataclass
class Disagreement:
    """Sources that read one fact of a meeting differently: ``readings`` is [(value, [outlets])]."""

    field: str
    readings: list[tuple[str, list[str]]] = field(default_factory=list)


def source_label(article: Article) -> str:
    return article.source or article.title


def report_order(report: MeetingSource) -> tuple:
    """Oldest report first by the article's published date; undated articles last."""
    published = report.article.published
    return (published is None, published or datetime.date.min, report.article_id)


def find_disagreements(reports: list[MeetingSource]) -> list[Disagreement]:
    """Facts on which the reports differ: status, date and venue. A report that is silent on a fact
    (no date, no venue) does not disagree with one that gives it."""
    facts = [
        ("status", lambda r: (r.status, r.get_status_display())),
        ("date", lambda r: (r.date, f"{r.date.day} {r.date:%b %Y}") if r.date else None),
        (
            "venue",
            lambda r: (
                (r.venue.strip().casefold().removeprefix("the "), r.venue.strip())
                if r.venue.strip()
                else None
            ),
        ),
    ]
    found = []
    for name, reading in facts:
        groups: dict[Any, tuple[str, list[str]]] = {}
        for report in reports:
            value = reading(report)
            if value is None:
                continue
            key, shown = value
            outlets = groups.setdefault(key, (shown, []))[1]
            label = source_label(report.article)
            if label not in outlets:
                outlets.append(label)
        if len(groups) > 1:
            found.append(Disagreement(name, list(groups.values())))
    return found


@require_safe
def meeting_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Who met, where, when and why; its status history and where the sources disagree; and every
    article that reports it, with its evidence sentences (names, places and dates in them marked)."""
    meeting = get_object_or_404(Meeting.objects.for_detail(), pk=pk)
    with_people([meeting])
    sentences: dict[int, list[Evidence]] = {}
    for evidence in meeting.evidence.all():  # the meeting's sentences (for_detail() leaves out mentions)
        sentences.setdefault(evidence.article_id, []).append(evidence)
    # Sorted here because for_detail() already prefetches "reports".
    reports = sorted(meeting.reports.all(), key=report_order)
    article_ids = {report.article_id for report in reports} | set(sentences)
    # Names, places and dates inside the quoted sentences: one query for every source article.
    mentions: dict[int, list[Span]] = {}
    if sentences:
        mentions = spans_by_article(
            Evidence.objects.filter(article_id__in=article_ids, is_mention=True).order_by("start")
        )
    sources = [
        (report, sentences.pop(report.article_id, []), mentions.get(report.article_id, []))
        for report in reports
    ]
    # Evidence from an article with no MeetingSource row should not vanish: list it too.
    orphans = [
        (evidence_list[0].article, evidence_list, mentions.get(article_id, []))
        for article_id, evidence_list in sentences.items()
    ]
    return render_page(
        request,
        "events/meeting_detail.html",
        "results",
        {
            "meeting": meeting,
            "here": meeting.get_absolute_url(),  # its own link in the quoted sentences is not linked
            "sources": sources,
            "orphans": orphans,
            "source_count": len(sources) + len(orphans),
            "history": reports,
            "disagreements": find_disagreements(reports),
        },
    )


# Officials


@require_safe
def official_list(request: HtmxHttpRequest) -> HttpResponse:
    """Officials, searched live by name, alias, title or jurisdiction."""
    form = SearchForm(request.GET, label="Search officials", placeholder="Name, title or place")
    if form.is_valid():
        officials = Official.objects.for_list().search(form.query)  # ranked: best match first
    else:
        officials = Official.objects.none()
    count = table_count(Official) if form.is_valid() and not form.query else None
    page, page_note = paginate(request, officials, count=count)
    return render_page(
        request,
        "events/official_list.html",
        "results",
        {"form": form, "q": form.query, "page": page, "page_note": page_note},
    )


@require_safe
def official_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """An official's roles, aliases, meetings (with who else was there) and the articles naming them."""
    official = get_object_or_404(
        Official.objects.prefetch_related(
            Prefetch("roles", Role.objects.select_related("city")),
            Prefetch("aliases", Alias.objects.all()),
        ),
        pk=pk,
    )
    page, page_note = paginate_meetings(
        request,
        Meeting.objects.with_official(official).newest_first(),
        count=official_meeting_count(official),
    )
    # Newest first, checking each article for evidence naming them (an index lookup), so the page
    # stops at the newest 50 instead of sorting every article that ever named a busy official.
    naming = Evidence.objects.filter(official=official)
    articles = (
        Article.objects.newest_first()
        .filter(Exists(naming.filter(article=OuterRef("pk"))))
        .only("title", "source", "published")  # what the list shows; not the text
    )
    return render_page(
        request,
        "events/official_detail.html",
        "results",
        {
            "official": official,
            "page": page,
            "page_note": page_note,
            "articles": list(articles[:OFFICIAL_ARTICLES]),
            "article_count": naming.values("article_id").distinct().count(),
        },
    )


# Cities


@require_safe
def city_list(request: HtmxHttpRequest) -> HttpResponse:
    """Cities with their meeting counts, searchable by name or state code."""
    form = SearchForm(request.GET, label="Search cities", placeholder="City name or state code (MO)")
    if form.is_valid():
        cities = City.objects.search(form.query).order_by("name", "state", "pk")
    else:
        cities = City.objects.none()
    page, page_note = paginate(request, cities)
    # The map shows the busiest matching cities (not only this page's), drawn last, so on top.
    located = []
    if form.is_valid() and page.paginator.count:
        busiest = (
            City.objects.search(form.query)
            .filter(latitude__isnull=False, longitude__isnull=False)
            .order_by("-meeting_count", "name", "pk")
            .values(*MAP_FIELDS, "meeting_count")[:MAP_MAX_CITIES]
        )
        located = list(busiest)[::-1]
    city_map = map_context(located)
    return render_page(
        request,
        "events/city_list.html",
        "results",
        {
            "form": form,
            "q": form.query,
            "page": page,
            "page_note": page_note,
            "city_map": city_map,
            "unmapped": max(page.paginator.count - len(city_map["cities"]), 0),
        },
    )


@require_safe
def city_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """A city: where it is, the meetings held there, and the officials who serve it."""
    city = get_object_or_404(City, slug=slug)
    page, page_note = paginate_meetings(
        request, Meeting.objects.in_city(city).newest_first(), count=city.meeting_count
    )
    officials = (
        Official.objects.filter(pk__in=Role.objects.filter(city=city).values("official_id"))
        .prefetch_related(Prefetch("roles", Role.objects.filter(city=city), to_attr="city_roles"))
        .with_meeting_count()
        .order_by("name")
    )
    context: dict[str, Any] = {"city": city, "page": page, "page_note": page_note}
    if not is_partial(request):
        context["officials"] = list(officials)
        if city.latitude is not None and city.longitude is not None:
            context["city_map"] = map_context(
                [{name: getattr(city, name) for name in MAP_FIELDS} | {"meeting_count": page.paginator.count}]
            )
    return render_page(request, "events/city_detail.html", "results", context)


# Articles


@require_safe
def article_list(request: HtmxHttpRequest) -> HttpResponse:
    """Articles, newest first, with how many meetings each reports; searchable by title, outlet, text."""
    form = SearchForm(request.GET, label="Search articles", placeholder="Title, outlet or words in the text")
    articles = Article.objects.for_list().with_meeting_count().defer("text")
    words, count = terms(form.query), None
    if not form.is_valid():
        articles = articles.none()
    elif not form.query:
        count = table_count(Article)
    else:
        # SQLite counts the matches in its FTS5 table; with many, a page is found by walking the
        # articles newest first (index article_newest_first), with few by sorting them.
        count = count_matching("article", words)
        articles = matching(articles, words, walk=count is not None and count > WALK_ABOVE)
    page, page_note = paginate(request, articles, count=count)
    return render_page(
        request,
        "events/article_list.html",
        "results",
        {"form": form, "q": form.query, "page": page, "page_note": page_note},
    )


@require_safe
def article_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The article's text with every extracted fact highlighted and linked, and the meetings it reports."""
    article = get_object_or_404(Article.objects.select_related("dateline_city"), pk=pk)
    # Names, places and dates are marked where they stand; meetings by their whole sentence.
    evidence = spans_by_article(
        article.evidence.filter(Q(is_mention=True) | Q(kind=Evidence.Kind.MEETING)).order_by(
            "start", "-end", "pk"
        )
    ).get(article.pk, [])
    reports = list(
        article.meeting_reports.select_related("meeting__city").order_by(
            F("meeting__date").desc(nulls_last=True), "meeting__pk"
        )
    )
    with_people([report.meeting for report in reports])
    order = {kind: i for i, kind in enumerate(["meeting", "official", "city", "date"])}
    kinds = sorted({e.kind for e in evidence}, key=lambda kind: (order.get(kind, 99), kind))
    return render_page(
        request,
        "events/article_detail.html",
        "results",
        {"article": article, "evidence": evidence, "reports": reports, "kinds": kinds},
    )
