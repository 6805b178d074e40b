"""Editors' corrections: merge two officials or meetings, split a wrong merge, find likely duplicates.

Each action is one transaction. What an editor decides survives re-extraction: every record an
action touches is marked ``edited``, so re-extracting an article puts its readings back on the
meetings they were merged or split into and links its names to the officials they were merged
into (see resolve.replace_extraction); a merged-away official's name also becomes an alias of the
one kept, so later articles find the kept one.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from .models import Alias, Evidence, Meeting, MeetingSource, Official, Participant
from .names import first_names_compatible, normalise_name
from .resolve import refresh_meeting


@transaction.atomic
def merge_officials(keep: Official, others: Iterable[Official]) -> Official:
    """Fold ``others`` into ``keep``: roles, aliases (their names too), meetings and evidence."""
    meetings = set()
    for other in others:
        if other.pk == keep.pk:
            continue
        for role in other.roles.all():
            same = keep.roles.filter(
                title=role.title, jurisdiction=role.jurisdiction, state=role.state
            ).first()
            if same is None:
                role.official = keep
                role.save(update_fields=["official"])
                continue
            seen = [d for d in (same.first_seen, same.last_seen, role.first_seen, role.last_seen) if d]
            if seen:
                same.first_seen, same.last_seen = min(seen), max(seen)
                same.save(update_fields=["first_seen", "last_seen"])
            role.delete()
        for name in [other.name, *other.aliases.values_list("name", flat=True)]:
            Alias.objects.get_or_create(official=keep, name=name)
        Evidence.objects.filter(official=other).update(official=keep)
        for report in MeetingSource.objects.filter(officials=other):
            report.officials.remove(other)
            report.officials.add(keep)
            meetings.add(report.meeting_id)
        meetings.update(Participant.objects.filter(official=other).values_list("meeting_id", flat=True))
        Participant.objects.filter(official=other).update(official=keep, name=keep.name)
        other.delete()
    keep.edited = True
    keep.save(update_fields=["edited"])
    for meeting in Meeting.objects.filter(pk__in=meetings):
        refresh_meeting(meeting)
    keep.refresh_search_text()
    return keep


@transaction.atomic
def merge_meetings(keep: Meeting, others: Iterable[Meeting]) -> Meeting:
    """Fold ``others`` into ``keep``: every report, piece of evidence and editor-added participant."""
    for other in others:
        if other.pk == keep.pk:
            continue
        for report in other.reports.all():
            mine = keep.reports.filter(article=report.article_id).first()
            if mine is None:
                report.meeting = keep
                report.save(update_fields=["meeting"])
                continue
            # One article reported both halves: one reading, with everyone in it.
            mine.officials.add(*report.officials.all())
            mine.unnamed = [*mine.unnamed, *(u for u in report.unnamed if u not in mine.unnamed)]
            mine.save(update_fields=["unnamed"])
            report.delete()
        Evidence.objects.filter(meeting=other).update(meeting=keep)
        other.participants.filter(added_by_editor=True).update(meeting=keep)
        keep.pinned = sorted({*keep.pinned, *other.pinned})
        other.delete()
    keep.edited = True
    keep.save(update_fields=["pinned", "edited"])
    refresh_meeting(keep)
    return keep


@transaction.atomic
def split_meeting(meeting: Meeting) -> list[Meeting]:
    """Give every source article but the first its own meeting; return the new meetings."""
    reports = sorted(
        meeting.reports.select_related("article"),
        key=lambda r: (r.article.published is None, r.article.published, r.pk),
    )
    created = []
    for report in reports[1:]:
        new = Meeting.objects.create(status=report.status, edited=True)
        report.meeting = new
        report.save(update_fields=["meeting"])
        Evidence.objects.filter(meeting=meeting, article=report.article_id).update(meeting=new)
        refresh_meeting(new)
        created.append(new)
    meeting.edited = True
    meeting.save(update_fields=["edited"])
    refresh_meeting(meeting)
    return created


@dataclass(frozen=True)
class DuplicatePair:
    """Two officials who may be one person, and why."""

    first: Official
    second: Official
    reason: str


def likely_duplicate_officials(limit: int = 200) -> list[DuplicatePair]:
    """Pairs of officials with the same or a similar name who serve the same place.

    Officials are bucketed by the first three letters of their surname, so the comparison stays
    near-linear; within a bucket a pair is kept when the surnames match and the first names agree
    ("Q." and "Quinton"), or the whole names are near-identical ("Quinten Lukas" / "Quinton Lucas"),
    and the two share a jurisdiction or state (or one has no role yet).
    """
    buckets: dict[str, list[tuple[Official, list[str]]]] = defaultdict(list)
    for official in Official.objects.prefetch_related("roles").order_by("pk"):
        words = normalise_name(official.name).split()
        if words:
            buckets[words[-1][:3]].append((official, words))
    pairs = []
    for members in buckets.values():
        for i, (a, a_words) in enumerate(members):
            for b, b_words in members[i + 1 :]:
                reason = _why_same(a, a_words, b, b_words)
                if reason:
                    pairs.append(DuplicatePair(a, b, reason))
                    if len(pairs) >= limit:
                        return pairs
    return pairs


def _why_same(a: Official, a_words: list[str], b: Official, b_words: list[str]) -> str:
    places_a = {(r.jurisdiction, r.state) for r in a.roles.all()}
    places_b = {(r.jurisdiction, r.state) for r in b.roles.all()}
    states_a, states_b = {s for _, s in places_a}, {s for _, s in places_b}
    if places_a and places_b and not (places_a & places_b) and not (states_a & states_b):
        return ""
    where = (
        "same jurisdiction"
        if places_a & places_b
        else "same state"
        if states_a & states_b
        else "one has no role"
    )
    if a_words[-1] == b_words[-1] and first_names_compatible(a_words[:-1], b_words[:-1]):
        return f"same surname, compatible first names; {where}"
    ratio = difflib.SequenceMatcher(None, " ".join(a_words), " ".join(b_words)).ratio()
    if ratio >= 0.8:
        return f"similar names ({ratio:.0%} alike); {where}"
    return ""
