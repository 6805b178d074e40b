"""Per-stage tests of the extractor on short hand-written sentences (no database needed)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from events.extraction import EXTRACTOR_VERSION, dates, extract, extract_many
from events.extraction.pipeline import get_nlp

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def nlp():
    return get_nlp()


def _officials(ex):
    return {o.name: o for o in ex.officials}


def _cities(ex):
    return {(c.name, c.state) for c in ex.cities}


# ---- officials -------------------------------------------------------------------------------


def test_title_before_name(nlp):
    ex = extract("Budget fight\n\nSPRINGFIELD, Ill. — Mayor Hattie Quorn said Monday the plan works.")
    o = _officials(ex)["Hattie Quorn"]
    assert (o.title, o.jurisdiction, o.state) == ("Mayor", "Springfield", "IL")


def test_place_title_name(nlp):
    ex = extract("Talks\n\nDAYTON, Ohio — Toledo Mayor Bram Ostley and Gov. Wilma Frane spoke.")
    o = _officials(ex)
    assert (o["Bram Ostley"].title, o["Bram Ostley"].jurisdiction) == ("Mayor", "Toledo")
    assert (o["Wilma Frane"].title, o["Wilma Frane"].jurisdiction, o["Wilma Frane"].state) == (
        "Governor",
        "Ohio",
        "OH",
    )


def test_title_after_name_appositive(nlp):
    text = (
        "Audit\n\nRENO, Nev. — Dorrit Vankamp, the mayor of Sparks, said the audit was overdue. "
        "Vankamp said she would wait."
    )
    o = _officials(extract(text))["Dorrit Vankamp"]
    assert (o.title, o.jurisdiction, o.state) == ("Mayor", "Sparks", "NV")


def test_surname_coreference_and_spans(nlp):
    text = "Roads\n\nBOISE, Idaho — Police Chief Arlo Menteith spoke Tuesday. Menteith said roads are safer."
    o = _officials(extract(text))["Arlo Menteith"]
    assert o.title == "Police Chief" and "Menteith" in o.aliases
    assert [text[s:e] for s, e in o.mentions] == ["Arlo Menteith", "Menteith"]
    for s, e in o.evidence:
        assert text[s:e].strip()


def test_people_without_office_left_out(nlp):
    ex = extract("Vote\n\nTULSA, Okla. — Candidate Perrin Gadd lost to Mayor Ines Wollaton on Tuesday.")
    assert set(_officials(ex)) == {"Ines Wollaton"}


# ---- places ----------------------------------------------------------------------------------


def test_two_springfields_resolved_by_context(nlp):
    mo = extract("Jobs\n\nSPRINGFIELD, Mo. — The Greene County plant will add jobs, officials said.")
    ma = extract(
        "Jobs\n\nThe plant in Springfield will add jobs, Massachusetts officials said, "
        "as Holyoke and Chicopee wait."
    )
    assert ("Springfield", "MO") in _cities(mo)
    assert ("Springfield", "MA") in _cities(ma)


def test_non_us_city(nlp):
    ex = extract("Buses\n\nLONDON, Ont. — Mayor Tamsin Rudd met officials in Windsor on Monday.")
    assert ("London", "ON") in _cities(ex) and ("Windsor", "ON") in _cities(ex)
    uk = extract("Buses\n\nBIRMINGHAM, England — Councillor Amos Pell travelled to London on Monday.")
    assert {("Birmingham", "GB"), ("London", "GB")} <= _cities(uk)
    assert all(c.country == "GB" for c in uk.cities)


def test_states_are_not_cities(nlp):
    ex = extract("Aid\n\nTOPEKA, Kan. — Kansas and Missouri leaders spoke in Jackson County on Friday.")
    names = {c.name for c in ex.cities}
    assert "Kansas" not in names and "Missouri" not in names and "Topeka" in names


# ---- dates -----------------------------------------------------------------------------------


def test_weekday_resolution():
    pub = dt.date(2024, 3, 8)  # a Friday
    assert dates.resolve("Tuesday", pub, future=True) == dt.date(2024, 3, 12)
    assert dates.resolve("Tuesday", pub, future=False) == dt.date(2024, 3, 5)
    assert dates.resolve("Friday", pub, future=True) == dt.date(2024, 3, 15)
    assert dates.resolve("Tuesday", None, future=True) is None


def test_yearless_date_resolution():
    pub = dt.date(2023, 12, 18)
    assert dates.resolve("Jan. 9", pub, future=True) == dt.date(2024, 1, 9)
    assert dates.resolve("Dec. 2", pub, future=False) == dt.date(2023, 12, 2)
    assert dates.resolve("Nov. 6, 2023", None, future=True) == dt.date(2023, 11, 6)
    assert dates.resolve("Jan. 9", None, future=True) is None


# ---- meetings --------------------------------------------------------------------------------


def _one_meeting(text, pub):
    ex = extract(text, pub)
    assert len(ex.meetings) == 1, ex.meetings
    return ex.meetings[0]


def test_meeting_scheduled(nlp):
    text = (
        "Summit set\n\nDENVER — Mayor Oskar Brandle will meet with Gov. Lise Arnaud on Tuesday "
        "at the state Capitol to discuss shelter costs."
    )
    m = _one_meeting(text, dt.date(2024, 3, 8))
    assert m.status == "scheduled" and m.date == dt.date(2024, 3, 12)
    assert set(m.participants) == {"Oskar Brandle", "Lise Arnaud"}
    assert (m.city, m.state) == ("Denver", "CO")


def test_meeting_held(nlp):
    text = "Talks\n\nBOISE, Idaho — Mayor Ruth Calloway met with Sheriff Dane Holt on Tuesday at City Hall."
    m = _one_meeting(text, dt.date(2024, 3, 8))
    assert m.status == "held" and m.date == dt.date(2024, 3, 5)
    assert set(m.participants) == {"Ruth Calloway", "Dane Holt"}


def test_meeting_cancelled(nlp):
    text = (
        "Storm\n\nBANGOR, Maine — State Rep. Eliza Marsh has canceled a town hall meeting planned for "
        "Saturday because of snow."
    )
    m = _one_meeting(text, dt.date(2024, 1, 5))
    assert m.status == "cancelled" and m.date == dt.date(2024, 1, 6)


def test_meeting_postponed(nlp):
    text = (
        "Delay\n\nMESA, Ariz. — A special meeting of the City Council set for Tuesday has been postponed, "
        "Mayor Colm Farrow said."
    )
    m = _one_meeting(text, dt.date(2024, 1, 5))
    assert m.status == "postponed" and "Colm Farrow" in m.participants


def test_statement_is_not_a_meeting(nlp):
    text = (
        "Aid\n\nHOLYOKE, Mass. — Mayor Vera Lindqvist said in a written statement Thursday that the aid "
        "formula is unfair. She has asked for a meeting with the governor, but none has been scheduled."
    )
    assert extract(text, dt.date(2024, 1, 5)).meetings == ()


def test_unnamed_officials(nlp):
    text = "Summit\n\nDAYTON, Ohio — Mayor Ada Penrose will meet Tuesday with the mayors of Akron and Toledo."
    ex = extract(text, dt.date(2024, 3, 8))
    assert {(u.title, u.jurisdiction, u.state) for u in ex.unnamed_officials} == {
        ("Mayor", "Akron", "OH"),
        ("Mayor", "Toledo", "OH"),
    }


# ---- API contract ----------------------------------------------------------------------------


def test_extract_many_keeps_order_and_version(nlp):
    items = [
        ("A\n\nBOISE, Idaho — Mayor Una Kell spoke.", None),
        ("B\n\nRENO, Nev. — Mayor Ivo Drax spoke.", dt.date(2024, 1, 1)),
    ]
    out = list(extract_many(items, batch_size=1))
    assert [o.officials[0].name for o in out] == ["Una Kell", "Ivo Drax"]
    assert all(o.extractor_version == EXTRACTOR_VERSION for o in out)
    d = out[1].to_dict()
    assert d["officials"][0]["name"] == "Ivo Drax"


def test_all_spans_index_text(nlp):
    text = (
        "Mayors meet\n\nCOLUMBUS, Ohio — Akron Mayor Tess Graywood and Gov. Ned Vollan met Tuesday "
        "at the Statehouse to discuss grants. Graywood said the meeting went well."
    )
    ex = extract(text, dt.date(2024, 3, 8))
    spans = []
    for o in ex.officials:
        spans += list(o.evidence) + list(o.mentions)
    for c in ex.cities:
        spans += list(c.evidence) + list(c.mentions)
        for s, e in c.mentions:
            assert text[s:e].lower() == c.name.lower()
    for m in ex.meetings:
        spans += list(m.evidence) + list(m.date_mentions)
    assert spans
    for s, e in spans:
        assert 0 <= s < e <= len(text)


def test_package_imports_no_django():
    code = (
        "import sys, events.extraction; "
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_evidence_spans_carry_no_surrounding_whitespace():
    text = "Mayor meets governor\n\nDAYTON, Ohio — Mayor Alma Reyes met Gov. Ruth Hallam on Monday.\n\nReyes said the talks went well.\n"
    result = extract(text, dt.date(2024, 3, 8))
    spans = [span for fact in (*result.officials, *result.cities, *result.meetings) for span in fact.evidence]
    assert spans
    for start, end in spans:
        assert text[start:end] == text[start:end].strip()
