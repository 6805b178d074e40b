"""The guarantees of issue 11, with figures for ``make hardening`` (scripts/hardening.py).

The bad-input matrix is fast and runs in ``make test`` too; the tests marked ``hardening`` (crashes,
concurrent ingests of a whole corpus, a crawl of every page with XSS payloads in Chromium) only in
``make hardening``. The hostile-parameter walk and the Content-Security-Policy crawl that also feed
the table are in test_views.py and test_browser.py.
"""

from __future__ import annotations

import io
import random
import time

import pytest
from django.core.management import CommandError, call_command
from playwright.sync_api import Page

from events.models import Article, City, Meeting, Official
from tests.factories import make_article, make_city, make_evidence, make_meeting, make_official
from tests.hostile_inputs import BAD, TRICKY, write_matrix
from tests.processes import CORPUS, count_articles, export, manage, run
from tests.test_concurrency import ingest_concurrently

DEV = [str(path) for path in sorted((CORPUS / "dev").glob("*.txt"))]


@pytest.mark.guarantee
@pytest.mark.django_db
def test_every_bad_input_has_its_message_and_every_good_one_is_saved(tmp_path, guarantee):
    paths = write_matrix(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", *map(str, paths), "--no-progress", stdout=out, stderr=err)
    lines = err.getvalue().splitlines()
    inputs = [*BAD, *TRICKY]
    unexplained = [
        item.name
        for item, path in zip(inputs, paths, strict=True)
        if item.message and not any(line.startswith(str(path)) and item.message in line for line in lines)
    ]
    saved = set(Article.objects.values_list("source_key", flat=True))
    lost = [item.name for item in TRICKY if item.saved_key not in saved]
    guarantee(
        "bad-input matrix: inputs, with their message, good ones saved",
        ok=not unexplained and not lost,
        inputs=len(inputs),
        explained=sum(bool(item.message) for item in inputs) - len(unexplained),
        saved=len(TRICKY) - len(lost),
    )
    assert len(BAD) >= 45
    assert (unexplained, lost) == ([], [])


@pytest.mark.guarantee
@pytest.mark.hardening
def test_sigkill_at_random_points_then_a_rerun_equals_a_clean_run(scratch_database, guarantee):
    clean = scratch_database("clean")
    assert run(clean, "ingest", *DEV, "--no-progress").returncode == 0
    killed = scratch_database("killed")
    chance = random.Random(11)  # fixed: the same points on every run
    # Kill when the database holds a random number of articles, then a random moment later (within
    # the time one article takes to save): in the middle of saving the next one.
    kills = 0
    for target in sorted(chance.sample(range(1, len(DEV)), 5)):
        process = manage(killed, "ingest", *DEV, "--no-progress")
        while process.poll() is None and count_articles(killed) < target:
            time.sleep(0.05)
        time.sleep(chance.uniform(0, 0.03))
        if process.poll() is None:
            process.kill()  # SIGKILL: no clean-up of any kind
            kills += 1
        process.communicate()
    rerun = run(killed, "ingest", *DEV, "--no-progress")
    equal = export(killed) == export(clean)
    guarantee(
        "SIGKILL at 5 random points, then a re-run: kills, export equal to a clean run",
        ok=rerun.returncode == 0 and equal and kills == 5,
        kills=kills,
        equal=int(equal),
    )
    assert (rerun.returncode, rerun.stderr, kills, equal) == (0, "", 5, True)


@pytest.mark.guarantee
@pytest.mark.hardening
def test_four_concurrent_ingests_of_the_dev_corpus(scratch_database, tmp_path, guarantee):
    figures = ingest_concurrently(scratch_database, tmp_path, DEV, processes=4)
    ok = figures == {"errors": 0, "duplicates": 0, "reextracted": 0, "export equal": True}
    guarantee(
        "4 concurrent ingests over overlapping files: errors, duplicates, export equal",
        ok=ok,
        errors=figures["errors"],
        duplicates=figures["duplicates"] + figures["reextracted"],
        equal=int(figures["export equal"]),
    )
    assert ok, figures


PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "<iframe src=javascript:alert(1)></iframe>",
    "<body onload=alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<svg><script>alert(1)</script></svg>",
    "<div hx-get=/ hx-trigger=load hx-on::after-request=alert(1)>x</div>",
    "<div data-hx-on:click=alert(1)>x</div>",
    "\u202e<script>alert(1)</script>",
    "<base href=//example.invalid/>",
    "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
    "<style>@import 'javascript:alert(1)'</style>",
    "<img src=x:alert(1) onerror=eval(src)>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<select autofocus onfocus=alert(1)>",
    "<textarea autofocus onfocus=alert(1)>",
    "'-alert(1)-'",
    '";alert(1);//',
    "{{7*7}}<script>alert(1)</script>",
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<a href="&#106;avascript:alert(1)">x</a>',
]


@pytest.mark.guarantee
@pytest.mark.hardening
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_xss_payloads_in_every_field_run_nothing_on_any_page(live_server, page: Page, settings, guarantee):
    settings.CIVICNEWS_MAP_TILE_URL = ""
    for n, payload in enumerate(PAYLOADS):
        city = make_city(name=f"{payload} {n}", latitude=38 + n / 100, longitude=-92 - n / 100)
        official = make_official(f"{payload} Official{n}", roles=[{"title": "Mayor", "city": city}])
        text = f"{payload} title\n\nMayor {payload} said {payload} in the city."
        article = make_article(title=payload, source=payload, url=payload, text=text)
        make_evidence(article, payload, "official", official=official, is_mention=True)
        make_meeting(
            city=city,
            participants=[official],
            sources=[article],
            purpose=payload,
            venue=payload,
            topics=[payload],
        )
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    paths = ["/", "/meetings/", "/officials/", "/cities/", "/articles/", "/meetings/feed.atom"]
    paths += [f"{base}?page=2" for base in ("/meetings/", "/officials/", "/cities/", "/articles/")]
    paths += [f"/?q={payload[:30]}" for payload in PAYLOADS[:5]]
    for model in (Meeting, Official, Article, City):
        paths += [row.get_absolute_url() for row in model.objects.all()]
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    guarantee(
        "XSS payloads in every field, every page crawled in Chromium: payloads, pages, dialogs",
        ok=not dialogs,
        payloads=len(PAYLOADS),
        pages=len(paths),
        dialogs=len(dialogs),
    )
    assert dialogs == []
