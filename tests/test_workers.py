"""Real `db_worker` processes (issue 12, item 3): workers share the queue in the database, each task
runs on one of them, a worker killed mid-task loses nothing, and what they extract equals a plain
ingest; `make run` serves with a worker that extracts what an editor saves, and stops it with the
server. On the engine the suite runs on; `make test` runs these once, in its PostgreSQL run (claims
with SKIP LOCKED), as each takes a minute or more."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable

import pytest
from django_tasks_db.models import DBTaskResult

from events.extraction import EXTRACTOR_VERSION
from tests.processes import CORPUS, ROOT, export, manage, query, run

ARTICLES = [str(path) for path in sorted((CORPUS / "dev").glob("*.txt"))[:8]]
WORKER = ("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2")
TASKS = DBTaskResult._meta.db_table

pytestmark = pytest.mark.workers


def task_states(database_url: str) -> Counter:
    return Counter(status for (status,) in query(database_url, f"SELECT status FROM {TASKS}"))


def wait_until(condition: Callable[[], bool], process: subprocess.Popen, timeout: float = 300) -> None:
    """Wait until ``condition()`` holds; fail if ``process`` ends first."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_workers_share_the_queue_and_lose_nothing_when_one_is_killed(scratch_database):
    serial = scratch_database("serial")
    assert run(serial, "ingest", *ARTICLES, "--no-progress").returncode == 0

    queued = scratch_database("queued")
    result = run(queued, "ingest", "--enqueue", *ARTICLES, "--no-progress")
    assert result.returncode == 0 and f"Queued {len(ARTICLES)} article(s)" in result.stdout, result

    # A worker is killed in the middle of a task: the task stays "running", its article pending.
    doomed = manage(queued, *WORKER, "--worker-id", "doomed")
    wait_until(lambda: task_states(queued)["SUCCESSFUL"] >= 1 and task_states(queued)["RUNNING"], doomed)
    doomed.kill()  # SIGKILL: no clean-up of any kind
    doomed.communicate()
    assert task_states(queued)["RUNNING"] == 1

    # Two workers start at once; each first enqueues what is owed (the killed worker's article),
    # then they share the queue until it is empty.
    workers = [manage(queued, *WORKER, "--batch", "--worker-id", name) for name in ("first", "second")]
    outputs = [worker.communicate(timeout=600) for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], outputs

    articles = query(queued, "SELECT extraction_status, extractor_version FROM events_article")
    assert articles == [("done", EXTRACTOR_VERSION)] * len(ARTICLES)
    runs = [
        (status, ids if isinstance(ids, list) else json.loads(ids))
        for status, ids in query(queued, f"SELECT status, worker_ids FROM {TASKS}")
    ]
    finished = [ids for status, ids in runs if status != "RUNNING"]
    assert all(status in {"SUCCESSFUL", "RUNNING"} for status, _ in runs), runs
    assert all(len(ids) == 1 for ids in finished), runs  # no task was claimed twice
    # Which worker ran which task is the scheduler's choice: one that loads its model sooner may
    # drain the eight tasks alone, so only "each task once, none lost" is asserted.
    assert export(queued) == export(serial)


def test_make_run_serves_with_a_worker_that_extracts_an_admin_save_and_stops_with_the_server(
    scratch_database,
):
    database = scratch_database("run")
    make_editor = f"from django.contrib.auth.models import User; User.objects.create_superuser('editor', password={PASSWORD!r})"
    editor = run(database, "shell", "-c", make_editor)
    assert editor.returncode == 0, editor.stderr
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": database, "BIND": f"127.0.0.1:{port}", "LOG_LEVEL": "ERROR"}
    # A session of its own, so that the SIGINT below reaches it as Ctrl+C reaches `make run`.
    served = subprocess.Popen(
        ["bash", "scripts/run.sh"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        # Ctrl+C as a terminal delivers it, even when this suite was started in the background
        # (a shell starts background jobs with SIGINT ignored, and children inherit that).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    site = Site(f"http://127.0.0.1:{port}")
    try:
        wait_until(site.up, served)
        site.log_in("editor", PASSWORD)
        saved = site.add_article("Mayor to meet governor", BODY)
        assert "A background worker extracts the article shortly" in saved
        wait_until(lambda: "Alma Reyes" in site.get("/officials/"), served, timeout=120)
    finally:
        if served.poll() is None:
            os.killpg(served.pid, signal.SIGINT)  # Ctrl+C
        # The output ends when every process holding it has exited, the worker included.
        output, _ = served.communicate(timeout=120)
    assert "Starting worker" in output and "shutting down gracefully" in output, output


PASSWORD = "a-long-test-password-1"
BODY = (
    "DAYTON, Ohio — Dayton Mayor Alma Reyes will meet Gov. Ruth Hallam in Columbus on Tuesday to "
    "discuss road funding."
)


class Site:
    """A browser's view of a served site: cookies, CSRF tokens and forms."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def up(self) -> bool:
        try:
            return self.opener.open(f"{self.base}/healthz", timeout=5).status == 200
        except OSError:
            return False

    def get(self, path: str) -> str:
        return self.opener.open(self.base + path, timeout=30).read().decode()

    def submit(self, path: str, fields: dict[str, str]) -> str:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(path))[1]
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        request = urllib.request.Request(self.base + path, data, headers={"Referer": self.base + path})
        return self.opener.open(request, timeout=60).read().decode()

    def log_in(self, username: str, password: str) -> None:
        page = self.submit("/admin/login/?next=/admin/", {"username": username, "password": password})
        assert "Log out" in page, page

    def add_article(self, title: str, body: str) -> str:
        fields = {"title": title, "body": body, "published": "2024-03-08", "source_key": "typed"}
        return self.submit(
            "/admin/events/article/add/", {"source": "", "url": "", "dateline_city": "", **fields}
        )
