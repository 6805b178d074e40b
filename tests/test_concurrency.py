"""Concurrent ingests (issue 11): several processes over overlapping files, while the site is read,
save what one process saves, with no errors and no duplicates, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from events.ingest import BATCH_SIZE
from tests.processes import CORPUS, export, manage, run, start

# Previews, wire copies and reactions of the same meetings: the processes race on the same
# officials, cities and meetings, and on the same articles (each is in all shares but one).
ARTICLES = [str(path) for path in sorted((CORPUS / "dev").glob("*.txt"))[:12]]
SUMMARY = re.compile(
    r"Ingested: read (?P<read>\d+), new (?P<new>\d+), updated (?P<updated>\d+), "
    r"re-extracted (?P<reextracted>\d+), duplicate (?P<duplicate>\d+), failed (?P<failed>\d+)\."
)
# Reads every list page in a loop until FILE exists, then prints "reads errors".
READER = """
import pathlib, time
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
stop = pathlib.Path({stop!r})
reads = errors = 0
while not stop.exists():
    for url in ("/", "/meetings/", "/officials/", "/cities/", "/articles/"):
        reads += 1
        errors += client.get(url).status_code != 200
    time.sleep(0.1)  # read steadily, leaving the processors to the ingests
print(reads, errors)
"""


def shares(files: list[str], count: int) -> list[list[str]]:
    """``count`` overlapping shares of ``files``: each file is in all shares but one. Every other share
    runs backwards, so most articles are saved by one process while another is extracting them."""
    found = [[f for i, f in enumerate(files) if i % count != k] for k in range(count)]
    return [share[::-1] if k % 2 else share for k, share in enumerate(found)]


def test_concurrent_ingests_over_overlapping_files_equal_a_serial_run(scratch_database, tmp_path):
    figures = ingest_concurrently(scratch_database, tmp_path, ARTICLES, processes=3)
    assert figures == {"errors": 0, "duplicates": 0, "reextracted": 0, "export equal": True}


def ingest_concurrently(scratch_database, tmp_path, files: list[str], *, processes: int) -> dict:
    """Ingest ``files`` serially, then in ``processes`` concurrent ingests over overlapping shares of
    them while a reader reads every list page; what went wrong, counted."""
    serial = scratch_database("serial")
    result = run(serial, "ingest", *files, "--no-progress")
    assert result.returncode == 0, result.stderr

    concurrent = scratch_database("concurrent")
    stop = tmp_path / "stop"
    reader = manage(concurrent, "shell", "--verbosity", "0", "-c", READER.format(stop=str(stop)))
    ingests = [manage(concurrent, "ingest", *share, "--no-progress") for share in shares(files, processes)]
    outputs = [process.communicate() for process in ingests]
    stop.touch()
    reads, read_errors = map(int, reader.communicate()[0].split())
    assert reads > 0

    summaries = [SUMMARY.search(stdout) for stdout, _ in outputs]
    totals = {key: sum(int(s[key]) for s in summaries if s) for key in SUMMARY.groupindex}
    errors = read_errors + sum(
        p.returncode != 0 or bool(stderr) for p, (_, stderr) in zip(ingests, outputs, strict=True)
    )
    # Each article is new in exactly one process; the others found it saved: a duplicate, not a
    # re-extraction. Anything else new is a record saved twice.
    return {
        "errors": errors,
        "duplicates": abs(totals["new"] - len(files)) + totals["updated"],
        "reextracted": totals["reextracted"],
        "export equal": export(concurrent) == export(serial),
    }


def test_find_or_create_waits_for_a_concurrent_transaction(scratch_database, tmp_path):
    """Forced interleaving: A has created Mayor Alma Reyes but not committed when B looks for her.
    B must wait for A and then find her, not create her a second time."""
    url = scratch_database("interleave")
    a_ready, b_ready, release = tmp_path / "a-ready", tmp_path / "b-ready", tmp_path / "release"
    helper = ("-m", "tests.interleave")
    a = start(url, *helper, "a", "--ready", str(a_ready), "--hold", str(release))
    wait_for(a_ready)
    b = start(url, *helper, "b", "--ready", str(b_ready))
    wait_for(b_ready)
    time.sleep(1)  # let B reach its find-or-create while A still holds its transaction open
    release.touch()
    results = [process.communicate() for process in (a, b)]
    assert [(p.returncode, out.strip(), err) for p, (out, err) in zip((a, b), results, strict=True)] == [
        (0, "new", ""),
        (0, "new", ""),
    ]
    officials = [json.loads(line)["name"] for line in run(url, "export", "officials").stdout.splitlines()]
    assert officials == ["Alma Reyes"]


def wait_for(path) -> None:
    deadline = time.monotonic() + 120
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.05)


def test_ingest_with_worker_processes_equals_one_process(scratch_database):
    """``ingest --workers 2``: two processes extract while the main one saves (issue 12); the
    database holds what ``--workers 0`` (all in one process) makes of the same files, and every
    article is counted once."""
    files = [str(path) for path in sorted((CORPUS / "dev").glob("*.txt"))]
    assert len(files) > BATCH_SIZE  # more than one batch: the workers really run
    serial, parallel = scratch_database("serial"), scratch_database("workers")
    outputs = [
        run(serial, "ingest", *files, "--workers", "0", "--no-progress"),
        run(parallel, "ingest", *files, "--workers", "2", "--no-progress"),
    ]
    summaries = [(result.returncode, result.stderr, SUMMARY.search(result.stdout)) for result in outputs]
    assert [(code, err, found and found["new"]) for code, err, found in summaries] == [
        (0, "", str(len(files))),
        (0, "", str(len(files))),
    ]
    assert export(parallel) == export(serial)


def test_killing_an_ingest_ends_its_extraction_worker(scratch_database):
    """An ingest killed mid-run (SIGKILL, the OOM killer) leaves no extraction worker behind: an
    orphaned worker used to wait forever for batches, holding its memory and the killed ingest's
    output pipes open, so whoever read them (a shell, a supervisor, a test) hung."""
    files = [str(path) for path in sorted((CORPUS / "dev").glob("*.txt"))]
    assert len(files) > BATCH_SIZE  # more than one batch: the worker process really starts
    process = manage(scratch_database("killed"), "ingest", *files, "--workers", "1", "--no-progress")
    workers = children_of(process.pid)
    process.kill()
    process.communicate(timeout=60)  # returns once no process holds the ingest's pipes open
    deadline = time.monotonic() + 60
    while any(alive(pid) for pid in workers):
        assert time.monotonic() < deadline, f"extraction workers {workers} outlived the ingest"
        time.sleep(0.1)


def children_of(pid: int) -> list[int]:
    """The child processes of ``pid``, once it has any (Linux's /proc)."""
    deadline = time.monotonic() + 120
    while True:
        found = [
            int(child)
            for path in Path(f"/proc/{pid}/task").glob("*/children")
            for child in path.read_text().split()
        ]
        if found:
            return found
        assert time.monotonic() < deadline, "the ingest started no worker process"
        time.sleep(0.05)


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"
