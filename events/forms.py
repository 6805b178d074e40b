"""Forms that validate the query parameters of the list pages.

Every list view binds one of these to ``request.GET``. A bad parameter (an unknown city slug, a date
that is not YYYY-MM-DD, a non-numeric official id) becomes a form error that the page explains,
never a 500.
"""

from __future__ import annotations

import datetime
import json
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils.html import format_html

from .models import City, Meeting, Official

MAX_QUERY_LENGTH = 200
# How many rows an ambiguous lookup lists, and how many suggestions a lookup box offers.
LOOKUP_CHOICES = 10
# "12" or "Quinton Lucas #12": an official by number.
OFFICIAL_NUMBER = re.compile(r"(?:.*#)?\s*(?P<pk>\d+)")


def official_choice(official: Official) -> str:
    """How a lookup box names an official: unique, and readable ("Quinton Lucas #12")."""
    return f"{official.name} #{official.pk}"


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


class LookupInput(forms.TextInput):
    """A text box with a ``<datalist>`` of suggestions that htmx refreshes as you type.

    It replaces a ``<select>`` of every row (45,000 officials at 100,000 articles). Without JavaScript it
    is a plain text box: a typed name is looked up when the form is submitted (``clean_<field>``).
    """

    def __init__(self, suggest: str, attrs=None):
        self.suggest = suggest  # the field name in events:meeting_suggestions
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id', name)}-suggestions"
        context["widget"]["attrs"].update(
            {
                "list": list_id,
                "data-hx-get": reverse("events:meeting_suggestions", args=[self.suggest]),
                "data-hx-trigger": "input changed delay:250ms",
                "data-hx-target": f"#{list_id}",
                "data-hx-swap": "innerHTML",
                "data-hx-push-url": "false",
            }
        )
        context["list_id"] = list_id
        return context

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        box = self._render(self.template_name, context, renderer)
        return box + format_html('<datalist id="{}"></datalist>', context["list_id"])


class LookupField(forms.CharField):
    """A text field naming a row; the form's ``clean_<name>`` finds the row. ``shown`` maps a value to
    how the box shows it once found (an official's id becomes "Quinton Lucas #12")."""

    def __init__(self, *, suggest: str, **kwargs):
        super().__init__(max_length=MAX_QUERY_LENGTH, strip=True, widget=LookupInput(suggest), **kwargs)
        self.shown: dict[str, str] = {}

    def prepare_value(self, value):
        return self.shown.get(value, value)

    def clean(self, value):
        value = super().clean(value)
        if any(ord(c) < 32 for c in value):
            # PostgreSQL refuses a NUL in a string, and no name holds a control character (issue 11)
            raise ValidationError(
                "“%(value)s” is no name.",
                code="invalid",
                params={"value": value.encode("unicode_escape").decode()},
            )
        return value


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


class DateInput(forms.DateInput):
    """``<input type="date">`` that leaves out a value which is not YYYY-MM-DD: a date box cannot show
    it and HTML forbids it there; the form's error message still names the bad value."""

    input_type = "date"

    def format_value(self, value):
        value = super().format_value(value)
        try:
            return datetime.date.fromisoformat(value).isoformat() if value else value
        except ValueError:
            return None


class MeetingFilterForm(forms.Form):
    """The filters of ``/meetings/``: city (slug), official (id), topic, status, a date range, and the
    order (``sort``: newest first by default, ``oldest`` for oldest first)."""

    #: Fields that narrow the list (``sort`` only orders it).
    FILTERS = ("city", "official", "topic", "status", "date_from", "date_to")

    city = LookupField(label="City", required=False, suggest="city", help_text="Type a city; pick one.")
    official = LookupField(
        label="Official", required=False, suggest="official", help_text="Type a name; pick one."
    )
    topic = forms.CharField(label="Topic", required=False, max_length=100, strip=True)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *Meeting.Status.choices]
    )
    date_from = forms.DateField(label="From", required=False, input_formats=["%Y-%m-%d"], widget=DateInput)
    date_to = forms.DateField(label="To", required=False, input_formats=["%Y-%m-%d"], widget=DateInput)
    sort = SortField(
        label="Order",
        required=False,
        default="newest",
        choices=[("", "Newest first"), ("oldest", "Oldest first")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("date_from", "date_to"):
            self.fields[name].error_messages["invalid"] = "Enter a date as YYYY-MM-DD."

    def clean_city(self) -> City | None:
        """A city by its slug (links, bookmarks), its label ("Kansas City, MO") or its name."""
        value = self.cleaned_data["city"]
        if not value:
            return None
        # A slug (every link gives one) is one unique-index lookup; a name is compared case-blind,
        # which reads every city (12 ms of PostgreSQL's time at 5,000 cities).
        city = City.objects.filter(slug=value).first()
        if city is None:
            name, _, region = value.rpartition(",")
            found = list(
                City.objects.filter(
                    Q(name__iexact=value)
                    | Q(name__iexact=name.strip())
                    & (Q(state__iexact=region.strip()) | Q(country__iexact=region.strip()))
                )[:LOOKUP_CHOICES]
            )
            city = self._one(found, value, "city", "cities", lambda c: c.label)
        self.fields["city"].shown[value] = city.label
        return city

    def clean_official(self) -> Official | None:
        """An official by number ("12", as links give it), by name and number ("Quinton Lucas #12", as the
        suggestions give it), or by name or alias when only one official goes by it."""
        value = self.cleaned_data["official"]
        if not value:
            return None
        number = OFFICIAL_NUMBER.fullmatch(value)
        if number:
            official = (
                Official.objects.filter(pk=int(number["pk"])).first() if len(number["pk"]) <= 18 else None
            )
            if official is None:
                raise ValidationError(
                    "No official has the number %(value)s.", params={"value": number["pk"]}, code="unknown"
                )
        else:
            found = list(
                Official.objects.filter(Q(name__iexact=value) | Q(aliases__name__iexact=value))
                .distinct()
                .order_by("name", "pk")[:LOOKUP_CHOICES]
            )
            official = self._one(found, value, "official", "officials", official_choice)
        self.fields["official"].shown[value] = official_choice(official)
        return official

    def _one(self, found: list, value: str, noun: str, plural: str, label):
        """The one row ``value`` names, or a ValidationError that says why not."""
        if len(found) == 1:
            return found[0]
        if not found:
            raise ValidationError(
                "No %(noun)s is called “%(value)s”: pick one from the suggestions as you type.",
                params={"noun": noun, "value": value},
                code="unknown",
            )
        raise ValidationError(
            "Several %(plural)s are called “%(value)s”; pick one: %(choices)s.",
            params={"plural": plural, "value": value, "choices": "; ".join(label(row) for row in found)},
            code="ambiguous",
        )

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
