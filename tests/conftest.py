"""Fixtures shared by the whole suite."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from tests.processes import create_database, drop_database

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made by the test
# (creating rows for the live server) are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive Debian's Chromium: Playwright's own browser download is not available here."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Tasks run as they are enqueued, in the test's process and transaction (the immediate backend);
    processes a test starts use the database queue and real workers, as deployed."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """No persistent connections in tests: a live-server thread's idle connection would otherwise
    keep PostgreSQL from dropping the test database at the end of the run."""
    from django.conf import settings

    for database in settings.DATABASES.values():
        database["CONN_MAX_AGE"] = 0


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """End idle sessions that test threads (live server, Playwright runs) left on the PostgreSQL
    test database, so pytest-django can drop it at the end of the run and the next run starts clean."""
    yield
    with django_db_blocker.unblock():
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture
def scratch_database(tmp_path):
    """Factory: ``scratch_database("serial")`` is the URL of a fresh, migrated database that other
    processes can open (SQLite: a file; PostgreSQL: a database beside the test database), of the
    engine the suite runs on, dropped after the test."""
    created: list[str] = []

    def make(suffix: str) -> str:
        created.append(create_database(suffix, tmp_path))
        return created[-1]

    yield make
    for url in created:
        drop_database(url)


@pytest.fixture
def guarantee():
    """``guarantee(name, ok=..., **figures)`` records a row of ``make hardening``'s table when
    scripts/hardening.py asks for them (CIVICNEWS_GUARANTEES names the file); otherwise a no-op.
    Rows of one guarantee on one database are added up there."""

    def record(name: str, *, ok: bool, **figures: int) -> None:
        target = os.environ.get("CIVICNEWS_GUARANTEES")
        if target:
            from django.db import connection

            row = {"guarantee": name, "database": connection.vendor, "ok": ok, "figures": figures}
            with open(target, "a", encoding="utf-8") as out:
                out.write(json.dumps(row) + "\n")

    return record
