"""Every page is valid HTML: the Nu Html Checker (vnu.jar) finds no error on any page, in any state it
can be in (data, empty, search results, bad filters, a missing record), nor in any partial that htmx
swaps into a page. htmx reads its attributes as ``data-hx-*``, which HTML allows on any element.

vnu.jar comes from npm's ``vnu-jar``, installed into .venv/vnu by scripts/ensure-vnu.sh (``make test``
runs it); Java runs it.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from events.models import Meeting
from tests.factories import make_article, make_city, make_evidence, make_meeting, make_official, make_report

pytestmark = pytest.mark.django_db

VNU_JAR = Path(
    os.environ.get("VNU_JAR", Path(settings.BASE_DIR) / ".venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
)
HX = {"HX-Request": "true"}
XSS = '<script>alert("x")</script>'

# A partial goes into a page's <main>: check it inside a minimal document, as the browser sees it.
PARTIAL_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>partial</title></head>'
    "<body><main>{}</main></body></html>"
)


def check_html(documents: dict[str, str], directory: Path) -> list[str]:
    """Run vnu over ``documents`` (name -> HTML); return its errors as "name:line: message"."""
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} is missing: run `bash scripts/ensure-vnu.sh` (`make test` does)")
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: run `bash scripts/ensure-vnu.sh` (`make test` does)")
    files = []
    for name, html in documents.items():
        path = directory / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout)["messages"]
    assert result.returncode in (0, 1), result.stderr
    return [
        f"{Path(m.get('url', '?')).stem}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]


def add_pages(documents: dict[str, str], client, prefix: str, urls: dict[str, str]) -> None:
    """Each URL as a full page and, for htmx, as the partial it swaps in."""
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        documents[f"{prefix}{name}"] = response.content.decode()
        fragment = client.get(url, headers=HX).content.decode()
        assert "<html" not in fragment or response.status_code == 404, url
        if "<html" not in fragment:
            documents[f"{prefix}{name}-partial"] = PARTIAL_PAGE.format(fragment)


def populate() -> dict[str, str]:
    """Records in every state a page shows; returns the detail URLs."""
    today = datetime.date.today()
    kc = make_city(name="Kansas City", state="MO", latitude=39.0997, longitude=-94.5786)
    jc = make_city(name="Jefferson City", state="MO", latitude=38.5767, longitude=-92.1735)
    make_city(name="Nowhere", state="MO", latitude=None, longitude=None)
    lucas = make_official("Quinton Lucas", roles=[{"title": "Mayor", "city": kc}], aliases=["Lucas"])
    parson = make_official("Mike Parson", roles=[{"title": "Governor", "jurisdiction": "Missouri"}])
    nobody = make_official(XSS)
    sentence = (
        "Mayor Quinton Lucas is heading to Jefferson City Monday to address crime with Gov. Mike Parson."
    )
    article = make_article(
        title="Lucas heads to Jefferson City",
        text=f"Lucas heads to Jefferson City\n\n{sentence} {XSS}",
        published=datetime.date(2019, 11, 22),
        url="https://example.org/story",
    )
    later = make_article(title="Crime summit held", source="Courier", published=datetime.date(2019, 11, 26))
    crime = make_meeting(
        city=jc,
        participants=[lucas, parson],
        unnamed=[{"title": "Mayor", "jurisdiction": "Springfield", "state": "MO"}],
        purpose="address crime",
        kind="summit",
        topics=["crime", XSS],
        venue="state capitol",
        date=datetime.date(2019, 11, 25),
        date_text="Monday",
        status=Meeting.Status.HELD,
    )
    make_report(crime, article, status="scheduled", date=datetime.date(2019, 11, 25), venue="Capitol")
    make_report(crime, later, status="held", date=datetime.date(2019, 11, 26), venue=XSS)
    make_evidence(article, sentence, "meeting", meeting=crime)
    make_evidence(article, "Quinton Lucas", "official", official=lucas, is_mention=True)
    make_evidence(article, "Jefferson City", "city", occurrence=1, city=jc, is_mention=True)
    make_evidence(article, "Monday", "date", meeting=crime, is_mention=True)
    for status in Meeting.Status:
        make_meeting(city=kc, participants=[parson], purpose=f"{status} session", status=status, date=today)
    make_meeting(purpose="", kind="town hall", status="scheduled", date=today - datetime.timedelta(days=9))
    make_meeting(city=kc, purpose=XSS, date_text="next week", status="postponed")
    return {
        "meeting": crime.get_absolute_url(),
        "official": lucas.get_absolute_url(),
        "official-without-roles": nobody.get_absolute_url(),
        "city": jc.get_absolute_url(),
        "city-without-coordinates": "/cities/nowhere-mo/",
        "article": article.get_absolute_url(),
        "article-without-facts": later.get_absolute_url(),
    }


LIST_PAGES = {
    "home": "/",
    "home-search": "/?q=Lucas",
    "home-search-nothing": "/?q=zzzz",
    "home-search-too-long": "/?q=" + "x" * 300,
    "meetings": "/meetings/",
    "meetings-filtered": "/meetings/?city=jefferson-city-mo&status=held&sort=oldest",
    "meetings-bad-filters": "/meetings/?city=atlantis&date_from=soon&official=abc",
    "meetings-no-match": "/meetings/?topic=nothing",
    "meetings-bad-page": "/meetings/?page=99",
    "officials": "/officials/",
    "officials-search": "/officials/?q=mayor",
    "officials-no-match": "/officials/?q=zzzz",
    "cities": "/cities/",
    "cities-search": "/cities/?q=kansas",
    "cities-no-match": "/cities/?q=atlantis",
    "articles": "/articles/",
    "articles-search": "/articles/?q=crime",
    "articles-no-match": "/articles/?q=zzzz",
    "missing-page": "/meetings/999999/",
}


def test_every_page_and_partial_is_valid_html(client, tmp_path):
    documents: dict[str, str] = {}
    add_pages(documents, client, "empty-", {"home": "/", "meetings": "/meetings/", "cities": "/cities/"})
    add_pages(documents, client, "", {**LIST_PAGES, **populate()})
    errors = check_html(documents, tmp_path)
    assert errors == [], "\n".join(errors)
    assert len(documents) > 40  # the pages and partials above were all checked


def test_the_checker_reports_invalid_html(tmp_path):
    """The check above can fail: hx-* attributes (not data-hx-*) are errors to vnu."""
    page = PARTIAL_PAGE.format('<a href="/" hx-get="/">home</a><div aria-label="x">y</div>')
    errors = check_html({"bad": page}, tmp_path)
    assert any("hx-get" in error for error in errors), errors
    assert len(errors) == 2, errors
