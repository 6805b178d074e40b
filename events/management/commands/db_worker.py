"""``manage.py db_worker``: django-tasks-db's worker, which first enqueues what extraction is owed.

Before it claims its first task, the worker runs the sweep of ``manage.py extract_pending`` (a task
that a killed worker was running, or that was never enqueued, is enqueued again) and loads the spaCy
model, so the first article saved after it starts is not kept waiting for it. The rest is the
package's command (``--help`` lists its options); this app comes before ``django_tasks_db`` in
``INSTALLED_APPS`` so that this command is the one ``manage.py`` runs.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as WorkerCommand

from events.extraction.pipeline import get_nlp
from events.tasks import enqueue_pending


class Command(WorkerCommand):
    help = (
        "Run a background worker that runs the tasks stored in the database (django-tasks-db): "
        "article extraction. At start it enqueues every article whose extraction is missing, failed "
        "or stale (as `manage.py extract_pending` does). Run any number of workers, on any machine "
        "that reaches the database."
    )

    def handle(self, *args, reload: bool, verbosity: int, **options):
        # With --reload the command runs in the process that watches the code and again in the
        # worker process it starts (and restarts): sweep in the worker only.
        if not reload or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            report = enqueue_pending()
            if verbosity:
                self.stdout.write(report.summary())
            get_nlp(settings.CIVICNEWS_SPACY_MODEL)  # loaded once per process; now, not in the first task
        super().handle(*args, reload=reload, verbosity=verbosity, **options)
