"""civicnews records: articles in; cities, officials and meetings out, every fact with evidence."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from django.db import models
from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from .extraction import EXTRACTOR_VERSION
from .names import surname_of
from .readers import MAX_KEY_LENGTH, MAX_SOURCE_LENGTH, MAX_TITLE_LENGTH, MAX_URL_LENGTH, content_hash
from .rows import insert_rows
from .search import close_names, matching, terms


def count_of(queryset: models.QuerySet, field: str = "pk", *, distinct: bool = False) -> Subquery:
    """How many rows the correlated ``queryset`` has (distinct values of ``field``), per outer row.

    For the counts a list shows: evaluated only for the rows of the page (and answered from an
    index), where a ``Count(..., distinct=True)`` annotation groups the whole table before the page
    is cut. A plain function, not an aggregate, so the subquery has no GROUP BY.
    """
    template = "COUNT(DISTINCT %(expressions)s)" if distinct else "COUNT(%(expressions)s)"
    counted = Func(F(field), template=template, output_field=IntegerField())
    return Subquery(
        queryset.order_by().annotate(counted=counted).values("counted"), output_field=IntegerField()
    )


class ArticleQuerySet(models.QuerySet):
    def at_url(self, url: str):
        """The article at ``url``, through the partial unique index ``article_unique_url``: the
        databases use it only when the query repeats its condition (a URL is not blank). Without it,
        looking an article up by URL read all 100,000 (about 105 ms per article ingested)."""
        return self.filter(Article.at_url_condition(url))

    def for_list(self):
        return self.select_related("dateline_city").newest_first()

    def newest_first(self):
        """Newest first; undated articles, then those with no outlet, last (PostgreSQL would put
        NULL dates first). Index ``article_newest_first`` is in this order."""
        return self.order_by(
            F("published").desc(nulls_last=True),
            ExpressionWrapper(Q(source=""), output_field=models.BooleanField()),
            "-created",
        )

    def search(self, q: str):
        """Articles whose title, outlet or text hold every word of ``q`` (see events/search.py)."""
        if not q.strip():
            return self
        return matching(self, terms(q))

    def with_meeting_count(self):
        return self.annotate(meeting_count=count_of(MeetingSource.objects.filter(article=OuterRef("pk"))))

    def in_extraction_state(self, state: str):
        """Articles whose extraction is ``state`` (an ``ExtractionState``)."""
        if state == ExtractionState.STALE:
            return self.filter(extraction_status=Article.Status.DONE).exclude(
                extractor_version=EXTRACTOR_VERSION
            )
        if state == ExtractionState.EXTRACTED:
            return self.filter(extraction_status=Article.Status.DONE, extractor_version=EXTRACTOR_VERSION)
        return self.filter(extraction_status=state)

    def needs_extraction(self):
        """Articles a worker owes an extraction: pending (never extracted, or changed since), failed,
        or stale."""
        return self.exclude(extraction_status=Article.Status.DONE, extractor_version=EXTRACTOR_VERSION)


class ExtractionState(models.TextChoices):
    """Where an article's extraction stands: its status, and for an extracted one whether the
    extractor has changed since (``EXTRACTOR_VERSION``)."""

    PENDING = "pending"
    EXTRACTED = "extracted"
    FAILED = "failed"
    STALE = "stale", "Stale (older extractor)"


def extraction_state(status: str, version: str) -> ExtractionState:
    if status == Article.Status.DONE:
        return ExtractionState.EXTRACTED if version == EXTRACTOR_VERSION else ExtractionState.STALE
    return ExtractionState(status)


class Article(models.Model):
    """A news article as ingested: the text we extract from and cite."""

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        DONE = "done", "extracted"
        FAILED = "failed", "failed"

    title = models.CharField(max_length=MAX_TITLE_LENGTH)
    text = models.TextField(
        help_text="The article as stored (title line, blank line, body). Evidence spans index this text."
    )
    url = models.URLField(max_length=MAX_URL_LENGTH, blank=True)
    source = models.CharField("outlet", max_length=MAX_SOURCE_LENGTH, blank=True)
    published = models.DateField(null=True, blank=True)
    dateline_city = models.ForeignKey(
        "City", null=True, blank=True, on_delete=models.SET_NULL, related_name="dateline_articles"
    )
    source_key = models.CharField(
        max_length=MAX_KEY_LENGTH,
        blank=True,
        help_text="File stem or the JSON record's id; the id in extract output.",
    )
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    extraction_status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    extraction_error = models.TextField(blank=True)
    extractor_version = models.CharField(max_length=20, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "-created"]
        indexes = [
            models.Index(fields=["source_key"]),
            models.Index(fields=["published", "created"], name="article_published"),
            # The worker's sweep and the admin's filter, from the index alone.
            models.Index(fields=["extraction_status", "extractor_version"], name="article_extraction_state"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="article_unique_url"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # The hash is the article's identity: always derived from the text, never typed in.
        self.content_hash = content_hash(self.text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "content_hash"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("events:article_detail", args=[self.pk])

    @staticmethod
    def at_url_condition(url: str) -> Q:
        """Articles at ``url``, in the words of the partial unique index ``article_unique_url`` (see
        ``ArticleQuerySet.at_url``)."""
        return Q(url=url) & ~Q(url="")

    @property
    def extraction_state(self) -> ExtractionState:
        return extraction_state(self.extraction_status, self.extractor_version)


class CityQuerySet(models.QuerySet):
    def search(self, q: str):
        """Cities whose name holds ``q`` (as you type), is a run of its words ("mayor of Kansas City"
        finds Kansas City), or whose state code it is."""
        q = q.strip()
        if not q:
            return self
        words = q.lower().replace("'s ", " ").split()
        runs = {
            " ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + 4) + 1)
        }
        return self.alias(lower_name=Lower("name")).filter(
            Q(name__icontains=q) | Q(lower_name__in=runs) | Q(state__iexact=q)
        )


class City(models.Model):
    """A city or town, resolved against the GeoNames gazetteer."""

    name = models.CharField(max_length=200)
    state = models.CharField(
        max_length=10, blank=True, help_text="State or province code (MO, ON); blank when none applies."
    )
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2 code.")
    slug = models.SlugField(max_length=220, unique=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    geonames_id = models.PositiveIntegerField(null=True, blank=True)
    ocd_id = models.CharField("Open Civic Data division id", max_length=300, blank=True)
    # Kept by the database (triggers of migration 0010) whatever writes a meeting; never saved from here.
    meeting_count = models.IntegerField(
        "meetings",
        default=0,
        editable=False,
        help_text="Meetings in this city, kept by the database's triggers.",
    )

    objects = CityQuerySet.as_manager()

    class Meta:
        ordering = ["name", "state"]
        verbose_name_plural = "cities"
        constraints = [
            models.UniqueConstraint(
                fields=["name", "state", "country"], name="city_unique_name_state_country"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.make_slug(self.name, self.state, self.country)
        if not self.ocd_id:
            self.ocd_id = self.make_ocd_id(self.name, self.state, self.country)
        if not self._state.adding and kwargs.get("update_fields") is None:
            # The count this instance read may be out of date: the database's triggers keep it.
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name != "meeting_count"
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("events:city_detail", args=[self.slug])

    @property
    def label(self) -> str:
        """ "Kansas City, MO" for US and Canadian cities, "Birmingham, GB" elsewhere."""
        return self.make_label(self.name, self.state, self.country)

    @staticmethod
    def make_label(name: str, state: str, country: str) -> str:
        region = state if country in {"US", "CA"} and state else country
        return f"{name}, {region}"

    @staticmethod
    def make_ocd_id(name: str, state: str, country: str) -> str:
        """The Open Civic Data division id; "" without a country and state."""
        if not (country and state):
            return ""
        place = slugify(name).replace("-", "_")
        level = "state" if country == "US" else "province"
        return f"ocd-division/country:{country.lower()}/{level}:{state.lower()}/place:{place}"

    @staticmethod
    def make_slug(name: str, state: str, country: str) -> str:
        region = state if country in {"US", "CA"} and state else country
        return slugify(f"{name} {region}")


class OfficialQuerySet(models.QuerySet):
    def for_list(self):
        return self.prefetch_related(
            Prefetch("roles", Role.objects.select_related("city")),
        ).with_meeting_count()

    def with_meeting_count(self):
        participations = Participant.objects.filter(official=OuterRef("pk"))
        return self.annotate(meeting_count=count_of(participations, "meeting_id", distinct=True))

    def search(self, q: str):
        """Officials by name, alias, title and jurisdiction, in any order ("mayor of Flint", "Flint's
        mayor"), best match first: a name holding the whole query before the other matches.

        When no official holds the words, names that look alike ("Quinten Lukas" finds Quinton Lucas).
        """
        q = q.strip()
        if not q:
            return self.order_by("name", "pk")
        found = matching(self, terms(q))
        if not found.exists():
            return close_names(self, q)
        name_hit = Case(
            When(name__icontains=q, then=Value(2.0)), default=Value(1.0), output_field=FloatField()
        )
        return found.annotate(relevance=name_hit).order_by("-relevance", "name", "pk")


class Official(models.Model):
    """A named person who holds (or held) a public office."""

    name = models.CharField(max_length=200, help_text="Full name, the fullest form any article gives.")
    # Ingest finds an official by surname among every official (events/resolve.py): a scan of the
    # names (9 ms at 26,000 officials) before this indexed column. Set from the name on save();
    # nullable only so that SQLite adds it without rebuilding the table (which drops its triggers).
    surname = models.CharField(  # noqa: DJ001 - nullable, see above
        max_length=200,
        null=True,
        editable=False,
        help_text="The name's last word, folded (names.surname_of).",
    )
    search_text = models.TextField(
        blank=True, editable=False, help_text="Name, aliases and roles, for search."
    )
    pinned = models.JSONField(
        default=list, blank=True, help_text='Fields an editor corrected ("name"); ingest never changes them.'
    )
    edited = models.BooleanField(
        "edited by an editor",
        default=False,
        editable=False,
        help_text="Renamed, corrected or merged in the admin: re-extracting an article keeps the "
        "names it links to this official.",
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = OfficialQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name"]),
            models.Index(fields=["surname"], name="official_surname"),
            # find_official: the same name whatever its case, read from an index, not a scan.
            models.Index(Lower("name"), name="official_lower_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.surname = surname_of(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "surname"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("events:official_detail", args=[self.pk])

    def refresh_search_text(self) -> None:
        self.search_text = self.make_search_text(
            self.name,
            sorted(self.aliases.values_list("name", flat=True)),
            sorted(self.roles.values_list("title", "jurisdiction", "state")),
        )
        Official.objects.filter(pk=self.pk).update(search_text=self.search_text)

    @staticmethod
    def make_search_text(name: str, aliases: Iterable[str], roles: Iterable[tuple[str, str, str]]) -> str:
        """What the search reads of an official: the name, the aliases, then each role's "title
        jurisdiction state" (callers sort the aliases and roles, so the text does not depend on the
        database's collation or on the order rows were added in)."""
        parts = [name, *aliases]
        for title, jurisdiction, state in roles:
            parts.append(" ".join(filter(None, [title, jurisdiction, state])))
        return " | ".join(dict.fromkeys(parts))


class Role(models.Model):
    """An office an official holds: Mayor of Kansas City, Governor of Missouri."""

    # Indexed as the first column of role_unique_per_official (and so for Alias, Meeting.city,
    # MeetingSource.meeting, Participant.official, Evidence.official): a second index on the column
    # alone would only cost every insert.
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="roles", db_index=False)
    title = models.CharField(max_length=100, help_text="Canonical title: Mayor, Governor, Police Chief, ...")
    jurisdiction = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=10, blank=True)
    city = models.ForeignKey(
        City,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="roles",
        help_text="Set when the jurisdiction is a city.",
    )
    first_seen = models.DateField(null=True, blank=True)
    last_seen = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["official", "title", "jurisdiction", "state"], name="role_unique_per_official"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.jurisdiction}" if self.jurisdiction else self.title


class Alias(models.Model):
    """Another name an official goes by in articles: "Lucas", "Mayor Lucas"."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="aliases", db_index=False)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "aliases"
        constraints = [models.UniqueConstraint(fields=["official", "name"], name="alias_unique_per_official")]
        indexes = [models.Index(Lower("name"), name="alias_lower_name")]

    def __str__(self) -> str:
        return self.name


class MeetingQuerySet(models.QuerySet):
    def for_list(self):
        """Meetings as a list shows them, with their city; ``with_people()`` adds their participants."""
        return (
            self.select_related("city")
            .defer("search_text")  # rows never show it, and it is the longest column
            .newest_first()
        )

    def newest_first(self):
        """By date, newest first, then newest row first; undated meetings last on both databases."""
        return self.order_by(F("date").desc(nulls_last=True), "-pk")

    def for_detail(self):
        """A meeting page's meeting: city, reports with their articles, and the sentences that report
        it (``evidence`` holds those, not the names and dates marked in them); ``with_people()`` adds
        its participants."""
        return self.select_related("city").prefetch_related(
            Prefetch("reports", MeetingSource.objects.select_related("article")),
            Prefetch(
                "evidence",
                Evidence.objects.filter(is_mention=False)
                .select_related("article")
                .order_by("article", "start"),
            ),
        )

    def in_city(self, city):
        return self.filter(city=city)

    def search(self, q: str, officials: models.QuerySet | None = None):
        """Meetings ``q`` matches (see ``search_sources``), in no particular order."""
        if not terms(q):  # nothing to search by: everything for no query, nothing for "%" or "of"
            return self.none() if q.strip() else self
        own, attended, reported = self.search_sources(q, officials)
        return self.filter(Q(pk__in=own) | Q(pk__in=attended) | Q(pk__in=reported))

    @staticmethod
    def search_sources(q: str, officials: models.QuerySet | None = None) -> tuple[models.QuerySet, ...]:
        """The ids of the meetings ``q`` matches, by reason, best first: their own words (purpose,
        topics, place, participants' names); an official of ``officials`` (by default those ``q``
        finds, close spellings included) took part; the text of an article reporting them."""
        words = terms(q)
        if officials is None:
            officials = Official.objects.search(q)
        own = matching(Meeting.objects.all(), words).order_by().values_list("pk", flat=True)
        attended = (
            Participant.objects.filter(official__in=officials.values("pk"))
            .order_by()
            .values_list("meeting_id", flat=True)
        )
        reported = (
            MeetingSource.objects.filter(article__in=matching(Article.objects.all(), words).values("pk"))
            .order_by()
            .values_list("meeting_id", flat=True)
        )
        return own, attended, reported

    def with_official(self, official):
        return self.filter(pk__in=Participant.objects.filter(official=official).values("meeting_id"))


class Meeting(models.Model):
    """Officials meeting somewhere about something, as reported by one or more articles."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled"
        HELD = "held"
        CANCELLED = "cancelled"
        POSTPONED = "postponed"

    purpose = models.CharField(max_length=500, blank=True)
    kind = models.CharField(
        max_length=60, blank=True, help_text='What kind of gathering: "town hall", "summit", "hearing", ...'
    )
    topics = models.JSONField(default=list, blank=True, help_text="Topic keywords, a JSON list of strings.")
    city = models.ForeignKey(
        City, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings", db_index=False
    )
    venue = models.CharField(max_length=300, blank=True)
    date = models.DateField(null=True, blank=True)
    date_text = models.CharField("date as written", max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.SCHEDULED)
    sources = models.ManyToManyField(Article, through="MeetingSource", related_name="meetings")
    search_text = models.TextField(
        blank=True, editable=False, help_text="Purpose, topics, place and participants, for search."
    )
    pinned = models.JSONField(
        default=list,
        blank=True,
        help_text="Fields an editor corrected; re-extraction never overwrites them.",
    )
    edited = models.BooleanField(
        "edited by an editor",
        default=False,
        editable=False,
        help_text="Corrected, merged or split in the admin: re-extracting its articles puts their "
        "readings back on this meeting, and it is kept even when no article reports it.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        # List pages filter by city or status and sort by date; the Atom feed sorts by updated.
        # (PostgreSQL also gets (date DESC NULLS LAST, id DESC) in migration 0005: SQLite cannot
        # declare NULLS LAST in an index, and does not need to.)
        indexes = [
            models.Index(fields=["date"]),
            models.Index(fields=["city", "date"], name="meeting_city_date"),
            models.Index(fields=["status", "date"], name="meeting_status_date"),
            models.Index(fields=["updated"], name="meeting_updated"),
        ]

    def __str__(self) -> str:
        where = self.city.name if self.city_id else "unknown place"
        when = self.date.isoformat() if self.date else (self.date_text or "undated")
        return f"{self.purpose or 'Meeting'} ({where}, {when})"

    def get_absolute_url(self) -> str:
        return reverse("events:meeting_detail", args=[self.pk])

    @property
    def title(self) -> str:
        """What a page calls the meeting: its purpose, else its kind and place ("Town hall in Flint")."""
        if self.purpose:
            return self.purpose[:1].upper() + self.purpose[1:]
        kind = (self.kind or "meeting").capitalize()
        return f"{kind} in {self.city.name}" if self.city_id else f"{kind} (purpose not reported)"

    @property
    def outcome_unknown(self) -> bool:
        """Still "scheduled" though its date has passed: no later article said what happened.
        Derived when shown, never stored: tomorrow changes it without a write."""
        return (
            self.status == self.Status.SCHEDULED
            and self.date is not None
            and self.date < timezone.localdate()
        )

    # Fields derived from the reports, unless an editor pinned them.
    DERIVED_FIELDS = ("purpose", "kind", "topics", "city", "venue", "date", "date_text", "status")

    def refresh_search_text(self) -> None:
        self.search_text = self.search_text_for(self.participants.select_related("official"))
        Meeting.objects.filter(pk=self.pk).update(search_text=self.search_text)

    def search_text_for(self, participants: Iterable[Participant]) -> str:
        """What the search reads of the meeting: purpose, topics, place and ``participants`` (all of
        them, with their officials loaded)."""
        parts = [self.purpose, *self.topics, self.venue]
        if self.city_id:
            parts += [self.city.name, self.city.state]
        for participant in participants:
            parts.append(participant.official.name if participant.official else str(participant))
        return " | ".join(dict.fromkeys(p for p in parts if p))


class MeetingSource(models.Model):
    """One article's report of a meeting: what that article said of it (its "reading")."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reports", db_index=False)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="meeting_reports")
    status = models.CharField(max_length=10, choices=Meeting.Status)
    date = models.DateField(null=True, blank=True)
    date_text = models.CharField(max_length=200, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    city = models.ForeignKey(City, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    purpose = models.CharField(max_length=500, blank=True)
    kind = models.CharField(max_length=60, blank=True)
    topics = models.JSONField(default=list, blank=True)
    officials = models.ManyToManyField(
        "Official", blank=True, related_name="meeting_reports", help_text="Named participants in this report."
    )
    unnamed = models.JSONField(
        default=list, blank=True, help_text='Unnamed participants: [["Mayor", "Akron", "OH"], ...].'
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "article"], name="meetingsource_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.article} reports {self.meeting}"


class Participant(models.Model):
    """Someone at a meeting: a named official, or an office without a name ("the mayor of Springfield")."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    official = models.ForeignKey(
        Official,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participations",
        db_index=False,
    )
    name = models.CharField(max_length=200, blank=True, help_text="As written; blank for an unnamed office.")
    title = models.CharField(max_length=100, blank=True)
    jurisdiction = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=10, blank=True)
    added_by_editor = models.BooleanField(
        default=False, help_text="Added in the admin: kept whatever the articles say."
    )

    class Meta:
        ordering = ["pk"]
        # An official's meetings and their count, read from the index alone.
        indexes = [models.Index(fields=["official", "meeting"], name="participant_official_meeting")]

    def __str__(self) -> str:
        return self.name or self.unnamed_label

    @property
    def unnamed_label(self) -> str:
        return unnamed_label(self.title, self.jurisdiction)


def unnamed_label(title: str, jurisdiction: str) -> str:
    """How a page names an office without a name: "the mayor of Springfield"."""
    if jurisdiction:
        return f"the {title.lower() or 'official'} of {jurisdiction}"
    return f"the {title.lower() or 'official'}"


class Person(NamedTuple):
    """A participant as a page shows them: a plain row, not a model instance (see ``with_people``)."""

    official_id: int | None
    official_name: str | None
    name: str
    title: str
    jurisdiction: str

    @property
    def unnamed_label(self) -> str:
        return unnamed_label(self.title, self.jurisdiction)


def with_people(meetings: Iterable[Meeting]) -> list[Meeting]:
    """``meetings`` as a list, each with its ``people``: its participants as ``Person`` rows, read in
    one query for all.

    For the 25 meetings of a page this is 0.5 ms where prefetching them as Participant and Official
    instances took 2.0 ms (the busiest official's page at 100,000 articles, SQLite), about a tenth of
    the page."""
    meetings = list(meetings)
    people: dict[int, list[Person]] = {meeting.pk: [] for meeting in meetings}
    if people:
        rows = (
            Participant.objects.filter(meeting_id__in=people)
            .order_by("pk")
            .values_list("meeting_id", "official_id", "official__name", "name", "title", "jurisdiction")
        )
        for meeting_id, *person in rows:
            people[meeting_id].append(Person(*person))
    for meeting in meetings:
        meeting.people = people[meeting.pk]
    return meetings


class Evidence(models.Model):
    """The sentence (or name) in an article that backs one fact."""

    class Kind(models.TextChoices):
        OFFICIAL = "official"
        CITY = "city"
        MEETING = "meeting"
        DATE = "date"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=10, choices=Kind)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    official = models.ForeignKey(
        Official, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence", db_index=False
    )
    city = models.ForeignKey(City, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    is_mention = models.BooleanField(
        default=False, help_text="True for the span of the name itself, False for the supporting sentence."
    )

    class Meta:
        ordering = ["article", "start"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="evidence_span_not_empty"),
        ]
        # The articles naming an official (their page), read from the index alone.
        indexes = [models.Index(fields=["official", "article"], name="evidence_official_article")]

    def __str__(self) -> str:
        return f"{self.article.source_key or self.article_id} [{self.start}:{self.end}]"

    # The order of the values in each of ``insert_rows``'s tuples.
    ROW_FIELDS = ("article", "kind", "start", "end", "is_mention", "official", "city", "meeting")

    @classmethod
    def insert_rows(cls, rows: Iterable[tuple]) -> None:
        """Insert evidence given as plain tuples of ids and values (``ROW_FIELDS``). An article has
        ~25 rows: a model instance for each and ``bulk_create`` cost ~10 times the INSERTs (issue 12;
        ingest's saving and ``generate_archive`` both write them this way)."""
        insert_rows(cls, cls.ROW_FIELDS, rows)

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]
