"""Editors add and correct articles, officials, cities and meetings here.

Saving an article extracts it again once the save has committed (no command to run).
"""

from __future__ import annotations

from functools import partial

from django.contrib import admin, messages
from django.db import models, transaction
from django.db.models import Count

from .ingest import extract_article
from .models import Alias, Article, City, Evidence, Meeting, MeetingSource, Official, Participant, Role


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "source",
        "published",
        "source_key",
        "extraction_status",
        "meeting_count",
        "created",
    )
    list_filter = ("extraction_status", "source", "published", "extractor_version")
    search_fields = ("title", "source_key", "url", "source", "text")
    date_hierarchy = "published"
    list_select_related = ("dateline_city",)
    readonly_fields = (
        "content_hash",
        "extraction_status",
        "extraction_error",
        "extractor_version",
        "created",
        "updated",
    )
    autocomplete_fields = ("dateline_city",)
    actions = ("reextract",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("title", "text", "published", "source", "url", "source_key", "dateline_city")}),
        ("Extraction", {"fields": readonly_fields}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(meeting_count=Count("meetings", distinct=True))

    @admin.display(ordering="meeting_count", description="meetings")
    def meeting_count(self, obj: Article) -> int:
        return obj.meeting_count

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or {"text", "published"} & set(form.changed_data):
            # After commit, like Zulip's send_event_on_commit: extraction reads committed text.
            transaction.on_commit(partial(extract_article, obj.pk))
            messages.info(request, "Officials, cities and meetings were extracted from the article.")

    @admin.action(description="Extract the selected articles again")
    def reextract(self, request, queryset):
        pks = list(queryset.values_list("pk", flat=True))
        for pk in pks:
            transaction.on_commit(partial(extract_article, pk))
        self.message_user(request, f"Extracting {len(pks)} article(s) again.")


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ("name", "state", "country", "population", "latitude", "longitude", "meeting_count")
    list_filter = ("country", "state")
    search_fields = ("name", "state", "slug", "ocd_id")
    prepopulated_fields = {"slug": ("name", "state")}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(meeting_count=Count("meetings", distinct=True))

    @admin.display(ordering="meeting_count", description="meetings")
    def meeting_count(self, obj: City) -> int:
        return obj.meeting_count


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ("city",)


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 0


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ("name", "roles_display", "meeting_count", "created")
    list_filter = ("roles__title", "roles__state")
    search_fields = ("name", "aliases__name", "roles__title", "roles__jurisdiction")
    inlines = (RoleInline, AliasInline)

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
    model = MeetingSource
    extra = 0
    autocomplete_fields = ("article",)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("__str__", "city", "date", "date_text", "status", "source_count")
    list_filter = ("status", "date", "city__state")
    search_fields = ("purpose", "venue", "city__name", "participants__name", "participants__official__name")
    list_select_related = ("city",)
    autocomplete_fields = ("city",)
    date_hierarchy = "date"
    inlines = (ParticipantInline, MeetingSourceInline)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_count=Count("sources", distinct=True))

    @admin.display(ordering="source_count", description="sources")
    def source_count(self, obj: Meeting) -> int:
        return obj.source_count


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
