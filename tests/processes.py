"""Run ``manage.py`` in real processes against a database of their own (see the ``scratch_database``
fixture): what concurrency and crash tests need, since a test's own database lives in one process
(and, on SQLite, in memory)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
EXPORT_KINDS = ("meetings", "officials", "cities")


def start(database_url: str, *args: str) -> subprocess.Popen:
    """Start ``python *args`` in the project with ``DATABASE_URL=database_url``; output captured as text."""
    env = {**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "ERROR"}
    return subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def manage(database_url: str, *args: str) -> subprocess.Popen:
    return start(database_url, "manage.py", *args)


def run(database_url: str, *args: str) -> subprocess.CompletedProcess:
    process = manage(database_url, *args)
    stdout, stderr = process.communicate()
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def export(database_url: str) -> dict[str, list[str]]:
    """Every meeting, official and city as sorted JSON lines, without database ids (which depend on
    the order rows were created in, not on what they say)."""
    found = {}
    for kind in EXPORT_KINDS:
        result = run(database_url, "export", kind)
        assert result.returncode == 0, result.stderr
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        found[kind] = sorted(json.dumps({k: v for k, v in row.items() if k != "id"}) for row in rows)
    return found


def count_articles(database_url: str) -> int:
    """How many articles the database behind ``database_url`` holds now (read while others write)."""
    return query(database_url, "SELECT count(*) FROM events_article")[0][0]


def query(database_url: str, sql: str) -> list[tuple]:
    """The rows ``sql`` reads from the database behind ``database_url`` now, while others write."""
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=60) as connection:
            return connection.execute(sql).fetchall()
    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as connection:
        return connection.execute(sql).fetchall()


def create_database(suffix: str, directory: Path) -> str:
    """A fresh, migrated database of the suite's engine, named after the test database; its URL."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        url = f"sqlite:///{directory / f'{suffix}.sqlite3'}"
    else:
        name = f"{database['NAME'].removeprefix('test_')}_{suffix}"
        with _server(database) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            server.execute(f'CREATE DATABASE "{name}"')
        auth = f"{database['USER']}:{database['PASSWORD']}@" if database["USER"] else ""
        url = f"postgres://{auth}{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{name}"
    result = run(url, "migrate", "--noinput")
    assert result.returncode == 0, result.stderr
    return url


def drop_database(url: str) -> None:
    database = settings.DATABASES["default"]
    if url.startswith("postgres://"):
        with _server(database) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def _server(database: dict) -> psycopg.Connection:
    return psycopg.connect(
        dbname="postgres",
        user=database["USER"] or None,
        password=database["PASSWORD"] or None,
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        autocommit=True,
    )
