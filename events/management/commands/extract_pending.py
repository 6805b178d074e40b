"""``manage.py extract_pending``: enqueue the extraction of every article that needs one.

An article needs one when it was never extracted (saved by ``ingest --enqueue`` or the admin, or
its text changed since), when extraction failed, or when an older extractor version extracted it
(stale). Articles whose task is already waiting in the queue are skipped; running it again, or while
workers run, is harmless: a task for an article that is already extracted does nothing. Every
``db_worker`` runs this when it starts, so a worker killed mid-task loses nothing.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from events.tasks import enqueue_pending


class Command(BaseCommand):
    help = (
        "Enqueue the extraction of every article whose extraction is missing (pending), failed or "
        "stale (an older extractor version), unless its task is already queued; `manage.py db_worker` "
        "processes run the tasks. Safe to run at any time."
    )

    def handle(self, *args, **options):
        self.stdout.write(enqueue_pending().summary())
