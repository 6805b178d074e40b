"""Screenshots of every page of the site, at desktop and phone widths (`make screenshots`).

Builds a throwaway SQLite database, migrates it, ingests the dev corpus and the seed articles, starts
`manage.py runserver` on a free local port, and saves a full-page PNG of each page at 1280 px and
375 px wide as docs/screenshots/<page>-<width>.png, using Playwright on Debian's Chromium. Nothing is
fetched from the network: unless --tiles names a tile server, the maps show the vendored country and
state outlines under their markers.

    .venv/bin/python scripts/screenshots.py [--corpus DIR] [--out DIR] [--widths 1280 375]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# Picks the most telling record of each kind from the ingested data; prints them as JSON.
CHOOSE = """
import json
from django.db.models import Count, Q
from events.models import Article, City, Meeting, Official
meeting = (Meeting.objects.annotate(n=Count("reports", distinct=True), s=Count("reports__status", distinct=True))
           .order_by("-s", "-n", "-pk").first())
official = Official.objects.annotate(n=Count("participations__meeting", distinct=True)).order_by("-n", "name").first()
city = (City.objects.filter(latitude__isnull=False).annotate(n=Count("meetings", distinct=True))
        .order_by("-n", "name").first())
article = Article.objects.annotate(n=Count("evidence")).order_by("-n", "pk").first()
print(json.dumps({
    "meeting": meeting and meeting.get_absolute_url(),
    "official": official and official.get_absolute_url(),
    "city": city and city.get_absolute_url(),
    "city_slug": city and city.slug,
    "article": article and article.get_absolute_url(),
}))
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=CORPUS / "dev",
        help="Directory of articles to ingest besides seeds/ (default: tests/corpus/dev).",
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "docs" / "screenshots", help="Where to write the PNGs."
    )
    parser.add_argument(
        "--widths", type=int, nargs="+", default=[1280, 375], help="Viewport widths in CSS pixels."
    )
    parser.add_argument(
        "--tiles",
        default="",
        help="Map tile URL ({z}/{x}/{y} template) for the server (default: none, outlines only).",
    )
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    """Run ``manage.py args`` in the project with ``env``; raise with its output if it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, text=True, capture_output=True
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed with status {result.returncode}")
    if not capture:
        tail = (result.stdout + result.stderr).strip().splitlines()[-2:]
        for line in tail:
            print(f"  {line}")
    return result.stdout


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"the server did not answer {url} within {timeout:.0f}s")
        time.sleep(0.3)


def pages(chosen: dict) -> dict[str, str]:
    """Page name -> path, in the order they are shot."""
    city_filter = f"?city={chosen['city_slug']}" if chosen.get("city_slug") else "?status=held"
    listed = {
        "home": "/",
        "home-search": "/?q=mayor",
        "meetings": "/meetings/",
        "meetings-filtered": f"/meetings/{city_filter}",
        "meeting-detail": chosen.get("meeting"),
        "officials-search": "/officials/?q=mayor",
        "official-detail": chosen.get("official"),
        "cities": "/cities/",
        "city-detail": chosen.get("city"),
        "articles": "/articles/",
        "article-detail": chosen.get("article"),
    }
    return {name: path for name, path in listed.items() if path}


def shoot(base_url: str, paths: dict[str, str], out: Path, widths: list[int]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-quic"]
        )
        try:
            for width in widths:
                context = browser.new_context(
                    viewport={"width": width, "height": 900 if width > 600 else 800}
                )
                page = context.new_page()
                for name, path in paths.items():
                    page.goto(base_url + path, wait_until="load")
                    if page.locator("[data-city-map]").count():
                        page.locator("[data-city-map] .leaflet-marker-icon").first.wait_for(timeout=5000)
                        page.locator("[data-city-map] .leaflet-countries-pane path").first.wait_for(
                            state="attached", timeout=5000
                        )
                    page.wait_for_timeout(300)
                    target = out / f"{name}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    saved.append(target)
                    print(f"  {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
                context.close()
        finally:
            browser.close()
    return saved


def main() -> None:
    args = parse_args()
    seeds = ROOT / "seeds"
    sources = [str(path) for path in (args.corpus, seeds) if path.exists()]
    if not sources:
        raise SystemExit(f"nothing to ingest: neither {args.corpus} nor {seeds} exists")

    with tempfile.TemporaryDirectory(prefix="civicnews-screenshots-", dir="/tmp") as tmp:
        database = Path(tmp) / "screenshots.sqlite3"
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DEBUG": "1", "PYTHONUNBUFFERED": "1"}
        env["CIVICNEWS_MAP_TILE_URL"] = args.tiles
        print(f"Database {database}")
        manage(env, "migrate", "--noinput")
        print(f"Ingesting {', '.join(sources)}")
        manage(env, "ingest", *sources, "--no-progress")
        chosen = json.loads(manage(env, "shell", "-c", CHOOSE, capture=True).strip().splitlines()[-1])

        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            wait_for(base_url + "/")
            print(f"Server {base_url} (pid {server.pid}); writing {args.out}")
            saved = shoot(base_url, pages(chosen), args.out, args.widths)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    print(f"{len(saved)} screenshots in {args.out}")


if __name__ == "__main__":
    main()
