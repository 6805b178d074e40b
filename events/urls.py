"""URLs of the events app (fixed: see docs/ARCHITECTURE.md, "URLs")."""

from __future__ import annotations

from django.urls import path

from . import feeds, views

app_name = "events"
urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/suggest/<str:field>/", views.meeting_suggestions, name="meeting_suggestions"),
    path("meetings/feed.ics", feeds.meeting_ics, name="meeting_feed_ics"),
    path("meetings/feed.atom", feeds.MeetingAtomFeed(), name="meeting_feed_atom"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("officials/", views.official_list, name="official_list"),
    path("officials/<int:pk>/", views.official_detail, name="official_detail"),
    path("cities/", views.city_list, name="city_list"),
    path("cities/<slug:slug>/", views.city_detail, name="city_detail"),
    path("articles/", views.article_list, name="article_list"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
]
