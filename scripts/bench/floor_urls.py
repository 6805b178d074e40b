"""The floor: one bare Django view, 25 meetings from the database through a template, beside the site."""

from __future__ import annotations

from django.http import HttpResponse
from django.template import Context, Template
from django.urls import include, path

from events.models import Meeting

TEMPLATE = Template("<ol>{% for m in rows %}<li>{{ m.pk }} {{ m.purpose }}</li>{% endfor %}</ol>")


def floor(request):
    rows = list(Meeting.objects.values("pk", "purpose").order_by("pk")[:25])
    return HttpResponse(TEMPLATE.render(Context({"rows": rows})))


urlpatterns = [path("floor/", floor), path("", include("civicnews.urls"))]  # + /healthz, 404 page
