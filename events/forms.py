"""Forms that validate the query parameters of the list pages.

Every list view binds one of these to ``request.GET``. A bad parameter (an unknown city slug, a date
that is not YYYY-MM-DD, a non-numeric official id) becomes a form error that the page explains,
never a 500.
"""

from __future__ import annotations

import functools
import json

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import F, QuerySet

from .models import City, Meeting, Official

MAX_QUERY_LENGTH = 200
MAX_ID = 2**63 - 1  # the largest BigAutoField primary key


class SearchForm(forms.Form):
    """The ``q`` box of the officials, cities, articles and home pages."""

    q = forms.CharField(label="Search", required=False, max_length=MAX_QUERY_LENGTH, strip=True)

    def __init__(self, *args, label: str = "Search", placeholder: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].label = label
        self.fields["q"].widget = forms.SearchInput(attrs={"placeholder": placeholder, "autocomplete": "off"})

    @property
    def query(self) -> str:
        """The cleaned search words, or "" when the form is invalid or empty."""
        if self.is_valid():
            return self.cleaned_data["q"]
        return ""


class LookupChoiceField(forms.ChoiceField):
    """A ``<select>`` whose value names a row; cleaning returns that row (or None when empty).

    The select offers only the useful rows (cities that have meetings), but any existing row is a valid
    value, so a bookmark for a city whose meetings were merged away still explains itself. The choices are
    a callable, so the query runs only when the select is rendered, not for an HTMX partial. ``key`` is
    the field that checks the value's shape (a slug, an id in range) before the database sees it: "²"
    passes ``str.isdigit`` but not ``int``, and PostgreSQL refuses a NUL in a string (issue 11).
    ``error_messages`` has "invalid" (a value of the wrong shape) and "unknown" (no such row); both
    may use ``%(value)s``.
    """

    def __init__(self, *, queryset: QuerySet, to_field_name: str, key: forms.Field, **kwargs):
        super().__init__(**kwargs)
        self.queryset, self.to_field_name, self.key = queryset, to_field_name, key

    def valid_value(self, value) -> bool:
        return True

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        params = {"value": value}
        try:
            key = self.key.clean(value)
        except ValidationError:
            raise ValidationError(self.error_messages["invalid"], code="invalid", params=params) from None
        row = self.queryset.filter(**{self.to_field_name: key}).first()
        if row is None:
            raise ValidationError(self.error_messages["unknown"], code="unknown", params=params)
        return row


class PageForm(forms.Form):
    """The ``page`` parameter of every paginated page (``views.paginate`` explains a bad one)."""

    page = forms.IntegerField(required=False, min_value=1)


class SortField(forms.ChoiceField):
    """The ``sort`` select. Its first choice is the default and is sent as "" (so the pushed URL stays
    short); the explicit spelling of the default (``sort=newest``) is accepted too."""

    def __init__(self, *, default: str, **kwargs):
        self.default = default
        super().__init__(**kwargs)

    def valid_value(self, value) -> bool:
        return value == self.default or super().valid_value(value)

    def clean(self, value) -> str:
        return super().clean(value) or self.default


class MeetingFilterForm(forms.Form):
    """The filters of ``/meetings/``: city (slug), official (id), topic, status, a date range, and the
    order (``sort``: newest first by default, ``oldest`` for oldest first)."""

    #: Fields that narrow the list (``sort`` only orders it).
    FILTERS = ("city", "official", "topic", "status", "date_from", "date_to")

    city = LookupChoiceField(
        label="City",
        required=False,
        queryset=City.objects.all(),
        to_field_name="slug",
        key=forms.SlugField(max_length=City._meta.get_field("slug").max_length),
        error_messages={
            "invalid": "No city has the slug “%(value)s”.",
            "unknown": "No city has the slug “%(value)s”.",
        },
    )
    official = LookupChoiceField(
        label="Official",
        required=False,
        queryset=Official.objects.all(),
        to_field_name="pk",
        key=forms.IntegerField(min_value=1, max_value=MAX_ID),
        error_messages={
            "invalid": "An official is chosen by number; “%(value)s” is not one.",
            "unknown": "No official has the number %(value)s.",
        },
    )
    topic = forms.CharField(label="Topic", required=False, max_length=100, strip=True)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *Meeting.Status.choices]
    )
    date_from = forms.DateField(
        label="From",
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label="To", required=False, input_formats=["%Y-%m-%d"], widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = SortField(
        label="Order",
        required=False,
        default="newest",
        choices=[("", "Newest first"), ("oldest", "Oldest first")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Memoised: the Select widget reads its choices twice (use_required_attribute, then render).
        self.fields["city"].choices = functools.cache(self._city_choices)
        self.fields["official"].choices = functools.cache(self._official_choices)
        for name in ("date_from", "date_to"):
            self.fields[name].error_messages["invalid"] = "Enter a date as YYYY-MM-DD."

    # Choices: only rows that have meetings, plus the selected one if it has none.
    def _city_choices(self) -> list[tuple[str, str]]:
        cities = City.objects.filter(meetings__isnull=False).distinct().order_by("name", "state")
        choices = [(c.slug, c.label) for c in cities]
        selected = self.cleaned_data.get("city") if hasattr(self, "cleaned_data") else None
        if selected and selected.slug not in {slug for slug, _ in choices}:
            choices.append((selected.slug, selected.label))
        return [("", "Any city"), *choices]

    def _official_choices(self) -> list[tuple[str, str]]:
        officials = Official.objects.filter(participations__isnull=False).distinct().order_by("name")
        choices = [(str(o.pk), o.name) for o in officials]
        selected = self.cleaned_data.get("official") if hasattr(self, "cleaned_data") else None
        if selected and str(selected.pk) not in {pk for pk, _ in choices}:
            choices.append((str(selected.pk), selected.name))
        return [("", "Any official"), *choices]

    def clean_topic(self) -> str:
        return self.cleaned_data["topic"].lower()

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", "The end date is before the start date.")
        return cleaned

    @property
    def active(self) -> bool:
        """True when at least one filter is set (the empty state then says so)."""
        return self.is_valid() and any(self.cleaned_data.get(name) for name in self.FILTERS)

    @property
    def filter_params(self) -> dict[str, str]:
        """The non-empty filter parameters as given (no ``page``, no ``sort``): the feeds' query."""
        return {name: self.data[name] for name in self.FILTERS if self.data.get(name)}

    def filter(self, meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
        """Apply the cleaned filters to a Meeting queryset. Call only when the form is valid."""
        data = self.cleaned_data
        if data["city"]:
            meetings = meetings.in_city(data["city"])
        if data["official"]:
            meetings = meetings.with_official(data["official"])
        if data["topic"]:
            meetings = filter_topic(meetings, data["topic"])
        if data["status"]:
            meetings = meetings.filter(status=data["status"])
        if data["date_from"]:
            meetings = meetings.filter(date__gte=data["date_from"])
        if data["date_to"]:
            meetings = meetings.filter(date__lte=data["date_to"])
        return meetings

    def order(self, meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
        """Newest first (the default) or oldest first; undated meetings last either way, so both
        orders agree on SQLite and PostgreSQL (which sort NULLs differently)."""
        if self.is_valid() and self.cleaned_data["sort"] == "oldest":
            return meetings.order_by(F("date").asc(nulls_last=True), "pk")
        return meetings.order_by(F("date").desc(nulls_last=True), "-pk")


def filter_topic(meetings: QuerySet[Meeting], topic: str) -> QuerySet[Meeting]:
    """Meetings whose ``topics`` list holds ``topic`` as a whole element.

    PostgreSQL answers ``topics @> '["crime"]'``. SQLite has no JSON containment lookup
    (``supports_json_field_contains`` is False), so there we look for the JSON-encoded string,
    quotes included, in the stored list: ``"crime"`` matches the element crime, not "crimes".
    """
    if connection.features.supports_json_field_contains:
        return meetings.filter(topics__contains=[topic])
    return meetings.filter(topics__icontains=json.dumps(topic))
