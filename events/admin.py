"""Editors add and correct articles, officials, cities and meetings here.

Saving an article enqueues its extraction once the save has committed (events.tasks); a background
worker extracts it, and the article list shows where each article's extraction stands.
"""

from __future__ import annotations

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django_tasks import TaskResult

from .editing import likely_duplicate_officials, merge_meetings, merge_officials, split_meeting
from .models import (
    Alias,
    Article,
    City,
    Evidence,
    ExtractionState,
    Meeting,
    MeetingSource,
    Official,
    Participant,
    Role,
)
from .readers import compose_text, content_hash
from .tasks import extract_later


class ArticleForm(forms.ModelForm):
    """An editor types a title and a body. The article is stored the way the reader stores a file
    (title line, blank line, body), so extraction, the dateline and the highlights see the same
    text as for an ingested article."""

    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text="The article without its title. It is stored as the title line, a blank line and "
        "this body, like an ingested file, so the highlights on the article page line up.",
    )

    url = forms.URLField(required=False, max_length=1000, assume_scheme="https")

    class Meta:
        model = Article
        fields = ("title", "published", "source", "url", "source_key", "dateline_city")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            title_line, blank, body = self.instance.text.partition("\n\n")
            self.initial["body"] = body if blank and title_line == self.instance.title else self.instance.text

    def clean(self):
        cleaned = super().clean()
        if "title" in cleaned and "body" in cleaned:
            self.instance.text = compose_text(cleaned["title"], cleaned["body"])
            twin = Article.objects.filter(content_hash=content_hash(self.instance.text))
            if twin := twin.exclude(pk=self.instance.pk).first():
                raise forms.ValidationError(f"This text is already stored as the article “{twin.title}”.")
        return cleaned


def count_of(number: int, singular: str, plural: str) -> str:
    """ "no meeting", "1 city", "2 officials"."""
    if number == 0:
        return f"no {singular}"
    return f"{number} {singular if number == 1 else plural}"


def found_in(article: Article) -> str:
    """What extraction found in ``article``: "2 officials, 1 city, no meeting"."""
    found = article.evidence.aggregate(
        officials=Count("official", distinct=True), cities=Count("city", distinct=True)
    )
    return ", ".join(
        [
            count_of(found["officials"], "official", "officials"),
            count_of(found["cities"], "city", "cities"),
            count_of(article.meeting_reports.count(), "meeting", "meetings"),
        ]
    )


class ExtractionStateFilter(admin.SimpleListFilter):
    title = "extraction"
    parameter_name = "extraction"

    def lookups(self, request, model_admin):
        return ExtractionState.choices

    def queryset(self, request, queryset):
        if self.value() in ExtractionState.values:
            return queryset.in_extraction_state(self.value())
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "source",
        "published",
        "source_key",
        "extraction",
        "meeting_count",
        "created",
    )
    list_filter = (ExtractionStateFilter, "source", "published", "extractor_version")
    search_fields = ("title", "source_key", "url", "source", "text")
    date_hierarchy = "published"
    list_select_related = ("dateline_city",)
    readonly_fields = (
        "content_hash",
        "extraction",
        "extraction_error",
        "extractor_version",
        "created",
        "updated",
    )
    autocomplete_fields = ("dateline_city",)
    actions = ("reextract",)
    form = ArticleForm
    fieldsets = (
        (None, {"fields": ("title", "body", "published", "source", "url", "source_key", "dateline_city")}),
        ("Extraction", {"fields": readonly_fields}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(meeting_count=Count("meetings", distinct=True))

    @admin.display(ordering="meeting_count", description="meetings")
    def meeting_count(self, obj: Article) -> int:
        return obj.meeting_count

    @admin.display(ordering="extraction_status")
    def extraction(self, obj: Article) -> str:
        """The extraction state; for a failed one, the start of the error (all of it on hover)."""
        state = obj.extraction_state
        if state != ExtractionState.FAILED:
            return state.label
        error = obj.extraction_error
        return format_html('{}: <span title="{}">{}</span>', state.label, error, Truncator(error).chars(80))

    def save_model(self, request, obj, form, change):
        if not change or {"title", "body", "published"} & set(form.changed_data):
            # Enqueued once the save has committed, so the worker reads the committed text. The
            # admin's transaction ends inside the view, so the message still reaches this response.
            extract_later(obj, then=partial(self.report_extraction, request))
        super().save_model(request, obj, form, change)

    def report_extraction(self, request, result: TaskResult) -> None:
        """Say what was found when the task has run already (the immediate backend), or that a
        background worker will run it."""
        if not result.is_finished:
            messages.info(
                request,
                "Saved. A background worker extracts the article shortly; "
                "the article list shows its extraction state.",
            )
            return
        article = Article.objects.get(pk=result.args[0])
        if article.extraction_state == ExtractionState.FAILED:
            messages.error(request, f"Extraction failed: {article.extraction_error}")
        else:
            messages.info(request, f"Extracted from the article: {found_in(article)}.")

    @admin.action(description="Extract the selected articles again")
    def reextract(self, request, queryset):
        articles = list(queryset.select_related(None).only("pk", "content_hash"))
        with transaction.atomic():
            for article in articles:
                extract_later(article)
            Article.objects.bulk_update(articles, ["extraction_status", "extraction_error"], batch_size=500)
        self.message_user(
            request,
            f"Extracting {len(articles)} article(s) again; the list shows each one's extraction state.",
        )


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ("name", "state", "country", "population", "latitude", "longitude", "meeting_count")
    list_filter = ("country", "state")
    search_fields = ("name", "state", "slug", "ocd_id")
    prepopulated_fields = {"slug": ("name", "state")}


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ("city",)


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 0


class PinnedFieldsForm(forms.ModelForm):
    """Shows ``pinned`` as checkboxes: a field the editor changes is pinned; untick to let
    re-extraction update it again."""

    pinned = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Pinned fields keep the editor's value when articles are extracted again. "
        "Any field you change here is pinned when you save.",
    )
    PINNABLE: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pinned"].choices = [(name, name.replace("_", " ")) for name in self.PINNABLE]

    def clean_pinned(self):
        changed = {name for name in self.changed_data if name in self.PINNABLE}
        if self.instance.pk is None:
            changed = set()
        return sorted({*self.cleaned_data["pinned"], *changed})


class MarksEditedMixin:
    """A saved change form or inline marks the record ``edited``: re-extraction then keeps what the
    editor decided (see resolve.replace_extraction)."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.has_changed() or any(formset.has_changed() for formset in formsets):
            type(form.instance).objects.filter(pk=form.instance.pk).update(edited=True)
        form.instance.refresh_search_text()


class OfficialForm(PinnedFieldsForm):
    PINNABLE = ("name",)

    class Meta:
        model = Official
        fields = ("name", "pinned")


@admin.register(Official)
class OfficialAdmin(MarksEditedMixin, admin.ModelAdmin):
    form = OfficialForm
    list_display = ("name", "roles_display", "meeting_count", "created")
    list_filter = ("edited", "roles__title", "roles__state")
    search_fields = ("name", "aliases__name", "roles__title", "roles__jurisdiction")
    inlines = (RoleInline, AliasInline)
    actions = ("merge",)
    fields = ("name", "pinned", "edited")
    readonly_fields = ("edited",)

    def get_urls(self):
        duplicates = path(
            "duplicates/",
            self.admin_site.admin_view(self.duplicates_view),
            name="events_official_duplicates",
        )
        return [duplicates, *super().get_urls()]

    def duplicates_view(self, request):
        """Likely duplicates, each with the evidence for both, and a button to merge them."""
        if request.method == "POST" and self.has_change_permission(request):
            keep = Official.objects.filter(pk=request.POST.get("keep")).first()
            other = Official.objects.filter(pk=request.POST.get("other")).first()
            if keep and other and keep != other:
                merge_officials(keep, [other])
                self.message_user(request, f"Merged “{other.name}” into “{keep.name}”.")
            return redirect("admin:events_official_duplicates")
        pairs = likely_duplicate_officials()
        officials = [o for pair in pairs for o in (pair.first, pair.second)]
        quotes = {}
        for evidence in (
            Evidence.objects.filter(official__in=officials, is_mention=False)
            .select_related("article")
            .order_by("official", "article", "start")
        ):
            quotes.setdefault(evidence.official_id, evidence)
        rows = [(pair, quotes.get(pair.first.pk), quotes.get(pair.second.pk)) for pair in pairs]
        context = {
            **self.admin_site.each_context(request),
            "title": "Officials who may be the same person",
            "opts": self.model._meta,
            "rows": rows,
        }
        return TemplateResponse(request, "admin/events/official/duplicates.html", context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "duplicates_url": reverse("admin:events_official_duplicates"),
        }
        return super().changelist_view(request, extra_context)

    @admin.action(description="Merge the selected officials into the first one (oldest)")
    def merge(self, request, queryset):
        officials = list(queryset.order_by("pk"))
        if len(officials) < 2:
            self.message_user(request, "Select at least two officials to merge.", messages.WARNING)
            return
        keep = merge_officials(officials[0], officials[1:])
        self.message_user(request, f"Merged {len(officials) - 1} official(s) into “{keep.name}”.")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("roles")
            .annotate(meeting_count=Count("participations__meeting", distinct=True))
        )

    @admin.display(description="roles")
    def roles_display(self, obj: Official) -> str:
        return "; ".join(str(role) for role in obj.roles.all())

    @admin.display(ordering="meeting_count", description="meetings")
    def meeting_count(self, obj: Official) -> int:
        return obj.meeting_count


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ("official",)


class MeetingSourceInline(admin.TabularInline):
    """Each article's reading, as the article said it. Read-only: the next extraction would replace
    an edit here. An editor corrects the meeting's own fields (pinned) or merges and splits."""

    model = MeetingSource
    extra = 0
    can_delete = False
    fields = ("source", "status", "date", "date_text", "venue", "city", "purpose", "kind")
    readonly_fields = fields
    verbose_name = "what this article said"
    verbose_name_plural = "what each article said (its reading)"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "city", "meeting__city")

    @admin.display(description="article")
    def source(self, report: MeetingSource) -> str:
        url = reverse("admin:events_article_change", args=[report.article_id])
        return format_html('<a href="{}">{}</a>', url, report.article.title)


class TopicsField(forms.CharField):
    """Topic keywords typed as "crime, public safety", stored as a list."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return list(dict.fromkeys(t.strip().lower() for t in (value or "").split(",") if t.strip()))

    def has_changed(self, initial, data):
        return (initial or []) != self.to_python(data)


class MeetingForm(PinnedFieldsForm):
    PINNABLE = Meeting.DERIVED_FIELDS
    topics = TopicsField(required=False, help_text="Comma-separated keywords.")

    class Meta:
        model = Meeting
        fields = ("purpose", "kind", "topics", "status", "city", "venue", "date", "date_text", "pinned")


@admin.register(Meeting)
class MeetingAdmin(MarksEditedMixin, admin.ModelAdmin):
    form = MeetingForm
    actions = ("merge", "split")
    list_display = ("__str__", "city", "date", "date_text", "status", "source_count")
    list_filter = ("status", "edited", "date", "city__state")
    search_fields = ("purpose", "venue", "city__name", "participants__name", "participants__official__name")
    list_select_related = ("city",)
    autocomplete_fields = ("city",)
    date_hierarchy = "date"
    inlines = (ParticipantInline, MeetingSourceInline)
    readonly_fields = ("edited",)
    fieldsets = (
        (
            "What the meeting page shows",
            {
                "description": "Each field follows the articles' readings listed below (the latest "
                "published article wins) unless you correct it here: a corrected field is pinned and "
                "wins over every article, now and after re-extraction.",
                "fields": (
                    "purpose",
                    "kind",
                    "topics",
                    "status",
                    "city",
                    "venue",
                    "date",
                    "date_text",
                    "pinned",
                    "edited",
                ),
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_count=Count("sources", distinct=True))

    @admin.display(ordering="source_count", description="sources")
    def source_count(self, obj: Meeting) -> int:
        return obj.source_count

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Participant) and instance.pk is None:
                instance.added_by_editor = True  # kept whatever the articles say
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()

    @admin.action(description="Merge the selected meetings into the first one (oldest)")
    def merge(self, request, queryset):
        meetings = list(queryset.order_by("pk"))
        if len(meetings) < 2:
            self.message_user(request, "Select at least two meetings to merge.", messages.WARNING)
            return
        keep = merge_meetings(meetings[0], meetings[1:])
        self.message_user(request, f"Merged {len(meetings) - 1} meeting(s) into meeting {keep.pk}.")

    @admin.action(description="Split: give each source article its own meeting")
    def split(self, request, queryset):
        created = [new for meeting in queryset for new in split_meeting(meeting)]
        self.message_user(request, f"Split off {len(created)} meeting(s).")


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "is_mention", "official", "city", "meeting", "quote")
    list_filter = ("kind", "is_mention")
    list_select_related = ("article", "official", "city", "meeting", "meeting__city")
    search_fields = ("article__title", "article__source_key", "official__name", "city__name")
    autocomplete_fields = ("article", "official", "city", "meeting")

    @admin.display(description="text")
    def quote(self, obj: Evidence) -> str:
        text = obj.text
        return text if len(text) <= 120 else text[:119] + "…"
