#!/usr/bin/env python
"""``make bench``: every figure of issue 12 measured in one run, printed as one table.

Usage: scripts/bench.py [--quick] [--data DIR] [--pg-url URL] [--only pages|ingest] [--duration S]

- Pages: an archive of 100,000 generated articles (10,000 with --quick) on SQLite and on PostgreSQL
  (built once by ``generate_archive`` and reused), served by gunicorn with 2 workers as ``make serve``
  does, each page loaded by wrk on loopback for 10 s (3 s with --quick) over 2 connections: p50, p95
  and p99 latency. The floor is a bare Django view rendering 25 rows under the same server. The query
  plans of the searches and lists (EXPLAIN) are printed, to show which indexes they use.
- Ingest: 600 generated article files (100 with --quick): a bare spaCy ``nlp.pipe`` over their texts,
  then ``extract`` and ``ingest`` (into a new SQLite file and a new PostgreSQL database, with 0, 1 and
  2 extraction workers), in articles per second and as a ratio of the bare rate measured alternately
  with it, best of 2 each (this machine's speed drifts by a third within an hour); then the RSS of the
  ingest's main process and of its extraction worker after 1,000 and after 10,000 articles (200 and
  1,000 with --quick). Then one more 1-worker ingest into SQLite under py-spy (50 samples/s, idle
  included): where the extraction worker's and the saving process's time goes, printed after the table.
- Ingest into the archive (a whole run only): the same files, 1 worker, into a copy of each page
  archive, as a newsroom's daily stream meets its years of stories.

The machine, the date and the commit head the table. Targets are issue 12's; a figure that misses one
is marked.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
CONNECTIONS = 2

PAGE_TARGET_MS = 50
SEARCH_TARGET_MS = 150
FEED_TARGET_MS = 100


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="10,000 articles, 3 s per page, 100 files to ingest."
    )
    parser.add_argument("--data", default=str(ROOT / ".bench"), help="Where generated data is kept.")
    parser.add_argument(
        "--pg-url",
        default="postgres://postgres:postgres@127.0.0.1:5432/civicnews_bench",
        help="PostgreSQL URL; databases named after it with _pages_N and _ingest suffixes are (re)created.",
    )
    parser.add_argument("--only", choices=["pages", "ingest"], help="Measure only pages or only ingest.")
    parser.add_argument("--duration", type=int, help="Seconds of load per page (default 10, 3 with --quick).")
    parser.add_argument("--explain", help=argparse.SUPPRESS)  # internal: print plans for this database
    parser.add_argument("--ingest-run", nargs=2, metavar=("DIR", "WORKERS"), help=argparse.SUPPRESS)
    parser.add_argument("--rss-at", type=int, nargs="*", default=[], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.explain:
        return explain(args.explain)
    if args.ingest_run:
        return ingest_run(args.ingest_run[0], int(args.ingest_run[1]), args.rss_at)

    data = Path(args.data)
    data.mkdir(parents=True, exist_ok=True)
    articles = 10_000 if args.quick else 100_000
    duration = args.duration or (3 if args.quick else 10)
    rows: list[tuple[str, str, str, str]] = []
    started = time.monotonic()
    print(header(), flush=True)
    profile: list[str] = []
    if args.only in (None, "ingest"):
        rows += bench_ingest(data, args.pg_url, quick=args.quick)
        profile = profile_ingest(data, quick=args.quick)
    if args.only in (None, "pages"):
        rows += bench_pages(data, args.pg_url, articles, duration)
    if args.only is None:
        rows += bench_ingest_into_archive(data, args.pg_url, articles, quick=args.quick)
    print(header())
    pages = f" Pages: {articles:,} articles, wrk {duration} s per page, {CONNECTIONS} connections, gunicorn 2 workers."
    print(f"Whole run: {time.monotonic() - started:.0f} s.{pages if args.only != 'ingest' else ''}\n")
    print(table(rows))
    if profile:
        print("\n" + "\n".join(profile))
    return 0


# Machine


def header() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory = next(
        (
            int(line.split()[1]) // 1024**2
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"civicnews bench, {dt.datetime.now():%Y-%m-%d %H:%M}, commit {commit}\n"
        f"machine: {cpu}, {os.cpu_count()} cores, {memory} GiB RAM, {platform.platform()}; load average {load}"
    )


def table(rows) -> str:
    lines = ["| measure | SQLite | PostgreSQL | target |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def run_env(database_url: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    env.update(DATABASE_URL=database_url, PYTHONPATH=f"{ROOT}:{ROOT / 'scripts' / 'bench'}", **extra)
    return env


def production_env(database_url: str, **extra) -> dict:
    """``run_env`` with the settings a deployment runs: DEBUG off (with it on, Django keeps and
    formats every SQL statement it runs, ~3 ms of an ingested article's saving on PostgreSQL)."""
    return run_env(database_url, DEBUG="0", SECRET_KEY="bench-" + "k" * 50, **extra)


def manage(database_url: str, *args: str) -> str:
    result = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=run_env(database_url), capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def pg_database(base_url: str, name: str) -> str:
    return re.sub(r"/[^/]*$", f"/{name}", base_url)


def recreate_pg(url: str, *, template: str | None = None) -> None:
    """Drop the database at ``url`` and create it again, empty or as a copy of ``template``."""
    create = f'CREATE DATABASE "{db_name(url)}"' + (f' TEMPLATE "{template}"' if template else "")
    pg_admin(url, [drop_statement(url), create])


def drop_statement(url: str) -> str:
    return f'DROP DATABASE IF EXISTS "{db_name(url)}" WITH (FORCE)'


def db_name(url: str) -> str:
    return url.rsplit("/", 1)[1]


def pg_admin(url: str, statements: list[str]) -> None:
    """Run ``statements`` on the server of ``url``, connected to its ``postgres`` database."""
    code = f"""
import psycopg
with psycopg.connect({pg_database(url, "postgres")!r}, autocommit=True) as c:
    for statement in {statements!r}:
        c.execute(statement)
"""
    subprocess.run([PY, "-c", code], check=True)


# Pages


def ensure_archive(url: str, articles: int) -> str:
    """Migrate; (re)generate unless the database already holds this archive. Returns what was done."""
    try:
        manage(url, "migrate", "--noinput", "-v0")
        count = int(
            manage(
                url, "shell", "-v0", "-c", "from events.models import Article; print(Article.objects.count())"
            )
        )
    except SystemExit:
        count = -1
    if count == articles:
        return "reused"
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    else:
        recreate_pg(url)
    manage(url, "migrate", "--noinput", "-v0")
    started = time.monotonic()
    manage(url, "generate_archive", "--articles", str(articles), "-v0")
    return f"generated in {time.monotonic() - started:.0f} s"


def page_urls(url: str) -> dict[str, str]:
    """The pages of issue 12's table, with the biggest rows of this archive."""
    code = """
import json
from collections import Counter
from django.db.models import Count
from events.models import Article, City, Meeting, Official, Participant
surnames = Counter(name.rsplit(' ', 1)[-1] for name in Official.objects.values_list('name', flat=True))
busiest = Participant.objects.exclude(official=None).values('official').annotate(n=Count('id')).order_by('-n').first()
official = Official.objects.get(pk=busiest['official'])
city = City.objects.get(pk=Meeting.objects.values('city').annotate(n=Count('id')).order_by('-n').first()['city'])
meeting = Meeting.objects.annotate(n=Count('reports')).order_by('-n', 'pk').first()
article = Article.objects.annotate(n=Count('evidence')).order_by('-n', 'pk').first()
first, last = official.name.split(' ', 1)
print(json.dumps({'surname': surnames.most_common(1)[0][0], 'official': official.pk,
  'misspelt': first[:-1] + first[-1] * 2 + ' ' + last[:2] + last[3:] + last[2],
  'city': city.slug, 'meeting': meeting.pk, 'article': article.pk}))
"""
    found = json.loads(manage(url, "shell", "-v0", "-c", code).strip().splitlines()[-1])
    q = urllib.parse.quote
    return {
        "/": "/",
        "/?q=<common surname>": f"/?q={q(found['surname'])}",
        "/?q=<misspelt name>": f"/?q={q(found['misspelt'])}",
        "/meetings/ full page": "/meetings/",
        "/meetings/ htmx partial": "HX /meetings/",
        "/meetings/?city=<big city>": f"/meetings/?city={found['city']}",
        "/meetings/?official=<busiest>": f"/meetings/?official={found['official']}",
        "/meetings/suggest/official/": f"HX /meetings/suggest/official/?official={q(found['surname'][:4])}",
        "/officials/": "/officials/",
        "/officials/?q=<common surname>": f"/officials/?q={q(found['surname'])}",
        "/officials/?q=<misspelt name>": f"/officials/?q={q(found['misspelt'])}",
        "official detail (busiest)": f"/officials/{found['official']}/",
        "/cities/": "/cities/",
        "city detail (busiest)": f"/cities/{found['city']}/",
        "/articles/": "/articles/",
        "/articles/?q=<common surname>": f"/articles/?q={q(found['surname'])}",
        "meeting detail (most sources)": f"/meetings/{found['meeting']}/",
        "article detail (most evidence)": f"/articles/{found['article']}/",
        "/meetings/feed.ics": "/meetings/feed.ics",
        "/meetings/feed.atom": "/meetings/feed.atom",
    }


def target_for(name: str) -> int:
    if "feed" in name:
        return FEED_TARGET_MS
    if "q=" in name or "suggest" in name:
        return SEARCH_TARGET_MS
    return PAGE_TARGET_MS


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with 2 workers on loopback, started as ``make serve`` starts it."""

    def __init__(self, database_url: str, settings: str = "civicnews.settings"):
        self.port = free_port()
        env = production_env(
            database_url, BIND=f"127.0.0.1:{self.port}", WEB_WORKERS="2", DJANGO_SETTINGS_MODULE=settings
        )
        log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"civicnews-bench-{self.port}.log", "w")
        self.process = subprocess.Popen(
            ["bash", "scripts/serve.sh", "--timeout", "120"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=5):
                    return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise SystemExit(f"gunicorn did not answer /healthz; see {log.name}")

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=60)

    def wrk(self, path: str, duration: int) -> dict:
        headers = []
        if path.startswith("HX "):
            path = path[3:]
            headers = ["-H", "HX-Request: true"]
        url = f"http://127.0.0.1:{self.port}{path}"
        warm_up = urllib.request.Request(url, headers={"HX-Request": "true"} if headers else {})
        urllib.request.urlopen(warm_up, timeout=120).read()
        result = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{CONNECTIONS}",
                f"-d{duration}s",
                "--timeout",
                "60s",
                "-s",
                str(ROOT / "scripts" / "bench" / "report.lua"),
                *headers,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(result.stdout.strip().splitlines()[-1])


def bench_pages(data: Path, pg_url: str, articles: int, duration: int) -> list[tuple[str, str, str, str]]:
    databases = {
        "SQLite": f"sqlite:///{data / f'archive-{articles}.sqlite3'}",
        "PostgreSQL": pg_database(pg_url, f"{db_name(pg_url)}_pages_{articles}"),
    }
    results: dict[str, dict[str, dict]] = {}
    notes = []
    for label, url in databases.items():
        print(f"{label}: archive of {articles:,} articles ...", flush=True)
        notes.append(f"{label} archive {ensure_archive(url, articles)}")
        print(
            subprocess.run([PY, __file__, "--explain", url], capture_output=True, text=True).stdout,
            flush=True,
        )
        urls = page_urls(url)
        results[label] = {}
        server = Server(url)
        try:
            for name, path in urls.items():
                results[label][name] = server.wrk(path, duration)
                print(f"  {label} {name}: {fmt(results[label][name])}", flush=True)
        finally:
            server.stop()
        floor = Server(url, settings="floor_settings")
        try:
            results[label]["floor"] = floor.wrk("/floor/", duration)
        finally:
            floor.stop()
    rows = [("data", *(n.split(" ", 1)[1] for n in notes), "generate_archive 100k < 10 min")]
    for name in [*urls, "floor"]:
        target = target_for(name)
        cells = [fmt(results[label][name], target if name != "floor" else None) for label in databases]
        rows.append(
            (f"{name} p50/p95/p99 ms", *cells, f"p95 ≤ {target} ms" if name != "floor" else "(bare view)")
        )
    return rows


def fmt(r: dict, target: int | None = None) -> str:
    miss = " **MISS**" if target is not None and r["p95"] > target else ""
    errors = f", {r['errors']} errors" if r["errors"] else ""
    return f"{r['p50']:.1f} / {r['p95']:.1f} / {r['p99']:.1f} ({r['rps']:.0f}/s{errors}){miss}"


def explain(url: str) -> int:
    """Print the plans of the searches and list queries (run with DATABASE_URL=url)."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicnews.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.exceptions import EmptyResultSet
    from django.db import connection
    from django.db.models import Count, Exists, F, OuterRef, Q

    from events.models import Article, City, Meeting, MeetingSource, Official
    from events.search import matching, terms

    city = City.objects.order_by("pk").first()
    official = Official.objects.order_by("pk").first()
    surname = official.name.rsplit(" ", 1)[-1]
    own, attended, reported = Meeting.objects.search_sources(surname, Official.objects.search(surname))
    newest = (F("date").desc(nulls_last=True), "-pk")
    queries = {
        "home search, officials": Official.objects.for_list().search(surname),
        "home search, meetings by their own words (newest 1,001)": Meeting.objects.filter(pk__in=own)
        .order_by(*newest)
        .values_list("pk", "date"),
        "home search, meetings by their articles' text (3rd reason)": Meeting.objects.filter(
            pk__in=reported
        ).order_by(*newest),
        "articles list": Article.objects.for_list().defer("text"),
        # As the articles page asks it: SQLite walks the articles newest first when many match.
        "articles search": matching(
            Article.objects.for_list().defer("text"), terms(surname), walk=connection.vendor == "sqlite"
        ),
        "officials, misspelt": Official.objects.search(
            official.name[:-2] + official.name[-1] + official.name[-2]
        ),
        "meetings list": Meeting.objects.for_list(),
        "meetings in a city": Meeting.objects.for_list().in_city(city),
        "an official's articles": Article.objects.for_list().filter(
            Q(Exists(official.evidence.filter(article=OuterRef("pk"))))
        ),
        "cities map, meetings counted": City.objects.annotate(meeting_count=Count("meetings__city")).order_by(
            "-meeting_count", "name", "pk"
        ),
        "Atom feed, newest readings": MeetingSource.objects.filter(article__published__isnull=False)
        .order_by("-article__published", "-article__created", "-article_id")
        .values_list("meeting_id", "article__published"),
    }
    prefix = "EXPLAIN" if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN"
    for name, queryset in queries.items():
        try:
            sql, params = queryset[:25].query.sql_with_params()
        except EmptyResultSet:
            print(f"  EXPLAIN {connection.vendor} {name}: matches nothing, no query")
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"{prefix} {sql}", params)
            plan = [" ".join(str(c) for c in row) for row in cursor.fetchall()]
        print(f"  EXPLAIN {connection.vendor} {name}:")
        for line in plan:
            print(f"    {line}")
    return 0


# Ingest


def bench_ingest(data: Path, pg_url: str, *, quick: bool) -> list[tuple[str, str, str, str]]:
    """The ingest rows of the table."""
    sample = 100 if quick else 600
    repeats = 1 if quick else 2
    rss_points = (200, 1_000) if quick else (1_000, 10_000)
    files = data / f"files-{sample}"
    big = data / f"files-{rss_points[1]}"
    for directory, n in ((files, sample), (big, rss_points[1])):
        if not directory.is_dir() or len(list(directory.glob("*.txt"))) != n:
            shutil.rmtree(directory, ignore_errors=True)
            manage(
                "sqlite://:memory:",
                "generate_archive",
                "--articles",
                str(n),
                "--files",
                str(directory),
                "-v0",
            )
    print(f"Ingest: {sample} files in {files}", flush=True)
    bare, extract = spacy_rates(files)
    rows = [
        ("bare spaCy nlp.pipe, articles/s", f"{bare:.1f}", "", "(the reference)"),
        ("extract, articles/s (× bare)", f"{extract:.1f} ({extract / bare:.2f}×)", "", ""),
    ]
    pg_ingest = pg_database(pg_url, f"{db_name(pg_url)}_ingest")
    for workers, label, target in INGEST_ROWS:
        cells = []
        for url in (f"sqlite:///{data / 'ingest.sqlite3'}", pg_ingest):
            # This machine's speed drifts (bare rates over the same 600 texts from 9.0 to 20.1
            # articles/s within 90 minutes):
            # each ingest alternates with a bare run over the same texts, best of ``repeats`` each.
            references, rates = [], []
            for _ in range(repeats):
                references.append(spacy_rates(files, extract=False)[0])
                result = fresh_ingest(url, files, workers)
                rates.append(result["articles"] / result["seconds"])
            reference, rate = max(references), max(rates)
            miss = " **MISS**" if target and rate / reference < target else ""
            cells.append(f"{rate:.1f} ({rate / reference:.2f}× of {reference:.1f}){miss}")
        rows.append(
            (f"ingest, {label}, articles/s (× bare beside it)", *cells, f"≥ {target}× bare" if target else "")
        )
    result = fresh_ingest(f"sqlite:///{data / 'ingest.sqlite3'}", big, 1, rss_points)
    first, last = (result["rss"][str(n)] for n in rss_points)
    for process, label in (("main", "main process"), ("worker", "extraction worker")):
        miss = " **MISS**" if last[process] > first[process] * 1.1 else ""
        rows.append(
            (
                f"ingest RSS after {rss_points[0]:,} / {rss_points[1]:,} articles, {label}, MiB",
                f"{first[process]:.0f} / {last[process]:.0f}{miss}",
                "",
                "grows ≤ 10 %",
            )
        )
    return rows


# (--workers, row label, target as a share of the bare rate)
INGEST_ROWS = (
    (0, "--workers 0 (extracting and saving in one process)", None),
    (1, "1 worker (extracting beside the saving process)", 0.85),
    (2, "2 workers", 1.2),
)


def bench_ingest_into_archive(
    data: Path, pg_url: str, articles: int, *, quick: bool
) -> list[tuple[str, str, str, str]]:
    """The same files ingested (1 worker) into a copy of each page archive: the steady stream of a
    newsroom whose archive is already large, where every lookup of an article, official or meeting
    meets 100,000 articles' rows instead of an empty database's."""
    files = data / f"files-{100 if quick else 600}"
    source = data / f"archive-{articles}.sqlite3"
    copy = data / "archive-ingest.sqlite3"
    copy.unlink(missing_ok=True)
    with sqlite3.connect(source) as original, sqlite3.connect(copy) as target:
        original.backup(target)  # consistent whatever the write-ahead log holds
    name = db_name(pg_url)
    pg_copy = pg_database(pg_url, f"{name}_archive_ingest")
    recreate_pg(pg_copy, template=f"{name}_pages_{articles}")
    cells = []
    for url in (f"sqlite:///{copy}", pg_copy):
        reference, _ = spacy_rates(files, extract=False)  # as bench_ingest: the machine's speed drifts
        result = timed_ingest(url, files, 1)
        rate = result["articles"] / result["seconds"]
        cells.append(f"{rate:.1f} ({rate / reference:.2f}× of {reference:.1f})")
    copy.unlink()
    pg_admin(pg_copy, [drop_statement(pg_copy)])
    return [
        (
            f"ingest into the {articles:,}-article archive, 1 worker, articles/s (× bare just before)",
            *cells,
            "",
        )
    ]


def profile_ingest(data: Path, *, quick: bool) -> list[str]:
    """Where a 1-worker ingest's time goes: one more ingest of the sample files into a new SQLite
    database under py-spy (``--subprocesses --idle``), each process's main thread summed by what it was
    doing. Its rate is not the table's (py-spy takes a little of the machine)."""
    spy = shutil.which("py-spy", path=str(Path(PY).parent)) or shutil.which("py-spy")
    if spy is None:
        return ["Profile: py-spy is not installed (pip install py-spy), so no profile was taken."]
    files = data / f"files-{100 if quick else 600}"
    url = f"sqlite:///{data / 'profile.sqlite3'}"
    Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    manage(url, "migrate", "--noinput", "-v0")
    raw = data / "ingest-profile.txt"
    command = [
        spy,
        "record",
        "--subprocesses",
        "--idle",
        "--format",
        "raw",
        "--rate",
        "50",
        "--output",
        str(raw),
    ]
    command += ["--", PY, __file__, "--ingest-run", str(files), "1"]
    out = subprocess.run(command, capture_output=True, text=True, env=production_env(url), cwd=ROOT)
    if out.returncode or not raw.exists():
        return [f"Profile: py-spy failed ({out.stderr.strip().splitlines()[-1:]})."]
    result = json.loads(next(line for line in out.stdout.splitlines() if line.startswith("{")))
    rate = result["articles"] / result["seconds"]
    shares = profile_shares(raw.read_text())
    lines = [
        f"Profile of a 1-worker ingest into SQLite ({rate:.1f} articles/s under py-spy, 50 samples/s; "
        f"raw stacks in {raw}), each process's time:"
    ]
    for process, parts in shares.items():
        total = sum(parts.values()) or 1
        lines.append(
            f"  {process}: " + ", ".join(f"{what} {n / total:.0%}" for what, n in parts.most_common() if n)
        )
    return lines


# What a process's main thread was doing, by the first of these frames its stack holds (py-spy's raw
# stacks, outermost first): (process, label, frame names).
PROFILE_PARTS = (
    ("extraction worker", "extractor's rules", ("from_doc",)),
    ("extraction worker", "packing documents", ("pack",)),
    (
        "extraction worker",
        "civicnews pipeline components",
        ("MeetingCues", "SpanRuler", "mark_paragraphs", "_apostrophes"),
    ),
    ("extraction worker", "spaCy's model (nlp.pipe)", ("Language.pipe",)),
    ("extraction worker", "waiting for a batch", ("Queue.get",)),
    ("extraction worker", "sending results", ("_sendback_result",)),
    ("saving process", "extractor's rules", ("from_parsed",)),
    ("saving process", "saving articles", ("save_article", "_keep_failed")),
    ("saving process", "waiting for the worker", ("Future.result",)),
    ("saving process", "reading files", ("read_paths", "to_extract")),
)


def profile_shares(raw: str) -> dict[str, collections.Counter[str]]:
    """Samples per (process, part) from py-spy's raw output: the saving process is the one py-spy
    started (its ``ingest_paths`` thread); the worker is its child (``_process_worker``)."""
    shares = {"extraction worker": collections.Counter(), "saving process": collections.Counter()}
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        frames = [frame.split(" (")[0] for frame in stack.split(";")]
        if "_process_worker" in frames:
            process = "extraction worker"
        elif "ingest_paths" in frames and not frames[1].startswith("process "):
            process = "saving process"
        else:
            continue  # model loading before the timing, helper threads
        label = next(
            (
                label
                for owner, label, names in PROFILE_PARTS
                if owner == process and any(name.startswith(names) for name in frames)
            ),
            "other",
        )
        shares[process][label] += int(count)
    return shares


def spacy_rates(files: Path, *, extract: bool = True) -> tuple[float, float | None]:
    """Articles per second of a bare ``nlp.pipe`` over the texts of ``files`` and, with ``extract``,
    of the extractor over them, each in a fresh process with the model loaded and warmed up."""
    code = f"""
import sys, time
sys.path.insert(0, {str(ROOT)!r})
import spacy
from events.extraction import extract_many
from events.extraction.pipeline import model_name
from events.readers import RawArticle, read_paths
items = [(r.text, r.published) for r in read_paths([{str(files)!r}]) if isinstance(r, RawArticle)]
nlp = spacy.load(model_name())
list(nlp.pipe([t for t, _ in items[:20]]))  # warm up
if {extract!r}:
    list(extract_many(items[:20]))
t = time.perf_counter(); list(nlp.pipe([t for t, _ in items], batch_size=32)); bare = time.perf_counter() - t
if {extract!r}:
    t = time.perf_counter(); list(extract_many(items, batch_size=32)); full = time.perf_counter() - t
    print(len(items) / bare, len(items) / full)
else:
    print(len(items) / bare)
"""
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    bare, *full = (float(x) for x in out.split())
    print(f"  bare {bare:.1f}/s" + (f", extract {full[0]:.1f}/s" if full else ""), flush=True)
    return bare, (full[0] if full else None)


def fresh_ingest(url: str, files: Path, workers: int, rss_at=()) -> dict:
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    else:
        recreate_pg(url)
    return timed_ingest(url, files, workers, rss_at)


def timed_ingest(url: str, files: Path, workers: int, rss_at=()) -> dict:
    """Migrate the database at ``url``, then ingest ``files`` into it in a process of its own."""
    manage(url, "migrate", "--noinput", "-v0")
    command = [PY, __file__, "--ingest-run", str(files), str(workers), "--rss-at", *map(str, rss_at)]
    out = subprocess.run(command, capture_output=True, text=True, env=production_env(url), cwd=ROOT)
    if out.returncode:
        raise SystemExit(f"ingest failed: {out.stderr}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"  ingest {url.split(':')[0]} {workers} worker(s): {result}", flush=True)
    return result


def ingest_run(directory: str, workers: int, rss_at: list[int]) -> int:
    """In this process (DATABASE_URL set): load the model, then time ingest_paths; report RSS as asked."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicnews.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    from events.extraction.pipeline import get_nlp
    from events.ingest import ingest_paths

    get_nlp(settings.CIVICNEWS_SPACY_MODEL)  # the bare rate excludes loading the model too
    done = 0
    rss: dict[str, float] = {}

    def progress(n: int) -> None:
        nonlocal done
        done += n
        if done in rss_at:
            workers = [resident_mib(pid) for pid in child_pids()]
            rss[str(done)] = {"main": resident_mib(), "worker": max(workers, default=0.0)}

    started = time.perf_counter()
    report = ingest_paths([directory], workers=workers, progress=progress)
    seconds = time.perf_counter() - started
    print(json.dumps({"articles": report.read, "failed": report.failed, "seconds": seconds, "rss": rss}))
    return 0


def resident_mib(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child_pids() -> list[int]:
    """This process's children (ingest's extraction workers)."""
    return [
        int(pid) for path in Path("/proc/self/task").glob("*/children") for pid in path.read_text().split()
    ]


if __name__ == "__main__":
    sys.exit(main())
