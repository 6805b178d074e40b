"""The seed article: officials, cities and the Jefferson City meeting."""

from __future__ import annotations

from pathlib import Path

from events.extraction import extract

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_9a60d8dd216a8dd1.txt"


def test_seed_article():
    text = SEED.read_text(encoding="utf-8")
    ex = extract(text, None)
    assert {(o.name, o.title, o.jurisdiction, o.state) for o in ex.officials} == {
        ("Quinton Lucas", "Mayor", "Kansas City", "MO"),
        ("Mike Parson", "Governor", "Missouri", "MO"),
        ("Rick Smith", "Police Chief", "Kansas City", "MO"),
    }
    assert {(c.name, c.state, c.country) for c in ex.cities} == {
        ("Kansas City", "MO", "US"),
        ("Jefferson City", "MO", "US"),
        ("St. Louis", "MO", "US"),
        ("Springfield", "MO", "US"),
        ("Columbia", "MO", "US"),
    }
    jc = [m for m in ex.meetings if m.city == "Jefferson City"]
    assert len(jc) == 1
    m = jc[0]
    assert set(m.participants) == {"Quinton Lucas", "Mike Parson", "Rick Smith"}
    assert m.status == "scheduled" and m.state == "MO"
    assert {(u.title, u.jurisdiction, u.state) for u in m.unnamed_participants} == {
        (t, c, "MO") for t in ("Mayor", "Police Chief") for c in ("St. Louis", "Springfield", "Columbia")
    }
    for s, e in m.evidence:
        assert text[s:e].strip()
