"""Pages of civicnews: who met where, and why.

Each page is one URL that serves the full page and, for an HTMX request, only its ``results`` partial
(``render_page``). Query parameters are validated by the forms in ``forms.py``; every list is paginated
and built from the QuerySets' ``for_list()``/``for_detail()`` so the number of queries per page does
not grow with the number of rows.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from .forms import MeetingFilterForm, SearchForm
from .models import Alias, Article, City, Evidence, Meeting, Official, Participant, Role

PER_PAGE = 25
HOME_UPCOMING = 5
HOME_RECENT = 10
HOME_SEARCH_RESULTS = 8
OFFICIAL_ARTICLES = 50


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


def paginate(request: HttpRequest, items: QuerySet | list, per_page: int = PER_PAGE) -> tuple[Page, str]:
    """The requested page (``Paginator.get_page``: a bad number falls back) and a note when it did."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    asked = request.GET.get("page", "")
    note = ""
    if asked and asked != str(page.number) and page.paginator.count:
        shown = f"page {page.number} of {page.paginator.num_pages}"
        if asked.isdigit() and int(asked) > page.paginator.num_pages:
            note = f"There is no page {asked[:20]}; showing the last page ({shown})."
        else:
            note = f"“{asked[:20]}” is not a page number; showing {shown}."
    return page, note


def meetings_for_rows() -> QuerySet[Meeting]:
    """Meetings with everything a meeting row shows: city, participants and their officials."""
    return Meeting.objects.for_list()


# Home


@require_GET
def home(request: HtmxHttpRequest) -> HttpResponse:
    """Upcoming and recent meetings, counts, and a live search over officials.

    The partial is the officials search results, so the home search box can update in place.
    """
    form = SearchForm(request.GET, label="Find an official", placeholder="Name, title or place")
    q = form.query
    officials = (
        list(Official.objects.for_list().search(q).order_by("name")[:HOME_SEARCH_RESULTS]) if q else []
    )
    context: dict[str, Any] = {"form": form, "q": q, "officials": officials}
    if not (request.htmx and not request.htmx.history_restore_request):
        today = timezone.localdate()
        context.update(
            counts={
                "articles": Article.objects.count(),
                "officials": Official.objects.count(),
                "cities": City.objects.count(),
                "meetings": Meeting.objects.count(),
            },
            upcoming=list(meetings_for_rows().filter(date__gte=today).order_by("date", "pk")[:HOME_UPCOMING]),
            recent=list(
                meetings_for_rows()
                .filter(Q(date__lt=today) | Q(date__isnull=True))
                .order_by(F("date").desc(nulls_last=True), "-pk")[:HOME_RECENT]
            ),
            today=today,
        )
    return render_page(request, "events/home.html", "results", context)


# Meetings


@require_GET
def meeting_list(request: HtmxHttpRequest) -> HttpResponse:
    """Meetings, filtered by city, official, topic, status and date range."""
    form = MeetingFilterForm(request.GET)
    meetings = form.filter(meetings_for_rows()) if form.is_valid() else Meeting.objects.none()
    page, page_note = paginate(request, meetings)
    return render_page(
        request,
        "events/meeting_list.html",
        "results",
        {"form": form, "page": page, "page_note": page_note},
    )


@require_GET
def meeting_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Who met, where, when and why, and every article that reports it with its evidence sentences."""
    meeting = get_object_or_404(Meeting.objects.for_detail(), pk=pk)
    sentences: dict[int, list[Evidence]] = {}
    for evidence in meeting.evidence.all():
        if not evidence.is_mention:
            sentences.setdefault(evidence.article_id, []).append(evidence)
    # Oldest report first; sorted here because for_detail() already prefetches "reports".
    reports = sorted(
        meeting.reports.all(),
        key=lambda r: (r.article.published is None, r.article.published or datetime.date.min, r.article_id),
    )
    sources = [(report, sentences.pop(report.article_id, [])) for report in reports]
    # Evidence from an article with no MeetingSource row should not vanish: list it too.
    orphans = [(evidence_list[0].article, evidence_list) for evidence_list in sentences.values()]
    return render_page(
        request,
        "events/meeting_detail.html",
        "results",
        {
            "meeting": meeting,
            "sources": sources,
            "orphans": orphans,
            "source_count": len(sources) + len(orphans),
        },
    )


# Officials


@require_GET
def official_list(request: HtmxHttpRequest) -> HttpResponse:
    """Officials, searched live by name, alias, title or jurisdiction."""
    form = SearchForm(request.GET, label="Search officials", placeholder="Name, title or place")
    if form.is_valid():
        officials = Official.objects.for_list().search(form.query).order_by("name", "pk")
    else:
        officials = Official.objects.none()
    page, page_note = paginate(request, officials)
    return render_page(
        request,
        "events/official_list.html",
        "results",
        {"form": form, "q": form.query, "page": page, "page_note": page_note},
    )


@require_GET
def official_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """An official's roles, aliases, meetings (with who else was there) and the articles naming them."""
    official = get_object_or_404(
        Official.objects.prefetch_related(
            Prefetch("roles", Role.objects.select_related("city")),
            Prefetch("aliases", Alias.objects.all()),
        ),
        pk=pk,
    )
    meetings = meetings_for_rows().with_official(official)
    page, page_note = paginate(request, meetings)
    articles = Article.objects.for_list().filter(evidence__official=official).distinct()
    return render_page(
        request,
        "events/official_detail.html",
        "results",
        {
            "official": official,
            "page": page,
            "page_note": page_note,
            "articles": list(articles[:OFFICIAL_ARTICLES]),
            "article_count": articles.count(),
        },
    )


# Cities


@require_GET
def city_list(request: HtmxHttpRequest) -> HttpResponse:
    """Cities with their meeting counts, searchable by name or state code."""
    form = SearchForm(request.GET, label="Search cities", placeholder="City name or state code (MO)")
    if form.is_valid():
        cities = City.objects.with_counts().search(form.query).order_by("name", "state", "pk")
    else:
        cities = City.objects.none()
    page, page_note = paginate(request, cities)
    return render_page(
        request,
        "events/city_list.html",
        "results",
        {"form": form, "q": form.query, "page": page, "page_note": page_note},
    )


@require_GET
def city_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """A city: where it is, the meetings held there, and the officials who serve it."""
    city = get_object_or_404(City, slug=slug)
    meetings = meetings_for_rows().in_city(city)
    page, page_note = paginate(request, meetings)
    officials = (
        Official.objects.filter(roles__city=city)
        .distinct()
        .prefetch_related(Prefetch("roles", Role.objects.filter(city=city), to_attr="city_roles"))
        .annotate(meeting_count=Count("participations__meeting", distinct=True))
        .order_by("name")
    )
    return render_page(
        request,
        "events/city_detail.html",
        "results",
        {"city": city, "page": page, "page_note": page_note, "officials": list(officials)},
    )


# Articles


@require_GET
def article_list(request: HtmxHttpRequest) -> HttpResponse:
    """Articles, newest first, with how many meetings each reports; searchable by title, outlet, text."""
    form = SearchForm(request.GET, label="Search articles", placeholder="Title, outlet or words in the text")
    if form.is_valid():
        articles = (
            Article.objects.for_list()
            .search(form.query)
            .annotate(meeting_count=Count("meetings", distinct=True))
            .defer("text")
        )
    else:
        articles = Article.objects.none()
    page, page_note = paginate(request, articles)
    return render_page(
        request,
        "events/article_list.html",
        "results",
        {"form": form, "q": form.query, "page": page, "page_note": page_note},
    )


@require_GET
def article_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The article's text with every extracted fact highlighted and linked, and the meetings it reports."""
    article = get_object_or_404(Article.objects.select_related("dateline_city"), pk=pk)
    # Names, places and dates are marked where they stand; meetings by their whole sentence.
    evidence = list(
        article.evidence.filter(Q(is_mention=True) | Q(kind=Evidence.Kind.MEETING))
        .select_related("official", "city")
        .order_by("start", "-end", "pk")
    )
    reports = list(
        article.meeting_reports.select_related("meeting__city")
        .prefetch_related(Prefetch("meeting__participants", Participant.objects.select_related("official")))
        .order_by(F("meeting__date").desc(nulls_last=True), "meeting__pk")
    )
    order = {kind: i for i, kind in enumerate(["meeting", "official", "city", "date"])}
    kinds = sorted({e.kind for e in evidence}, key=lambda kind: (order.get(kind, 99), kind))
    return render_page(
        request,
        "events/article_detail.html",
        "results",
        {"article": article, "evidence": evidence, "reports": reports, "kinds": kinds},
    )
