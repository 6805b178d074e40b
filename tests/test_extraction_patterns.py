"""Each pattern of the extractor on a short sentence of our own (never a corpus sentence).

The rules were written against the real-news corpus; these sentences state the pattern of the
language each rule follows, so a rule that only fits one article's wording shows here too.
"""

from __future__ import annotations

import datetime as dt

import pytest

from events.extraction import extract
from events.extraction.gazetteer import lookup_city, region_from_text
from events.extraction.meetings.patterns import NEW_DATE_KEY
from events.extraction.pipeline import get_nlp

WEDNESDAY = dt.date(2024, 3, 13)


@pytest.fixture(scope="session")
def nlp():
    return get_nlp()


def meetings(text, published=WEDNESDAY):
    return extract(text, published).meetings


# ---- a meeting moved to another day -----------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "new_date"),
    [
        ("The board has rescheduled the hearing for April 2.", "April 2"),
        ("Trustees postponed the vote until Thursday.", "Thursday"),
        ("The finance committee is moving to Friday, March 15.", "Friday, March 15"),
        ("The mayor changed the date of the meeting to Monday.", "Monday"),
        ("The summer session has been pushed back by a week, to Tuesday.", "Tuesday"),
    ],
)
def test_new_date_pattern(nlp, sentence, new_date):
    doc = nlp(sentence)
    assert [span.text for span in doc.spans[NEW_DATE_KEY]] == [new_date]


def test_when_a_move_was_made_is_not_the_new_date(nlp):
    doc = nlp("On Monday the council postponed its budget hearing.")
    assert list(doc.spans[NEW_DATE_KEY]) == []


def test_postponed_meeting_with_a_new_date_is_two_meetings():
    found = meetings(
        "Storm delays council\n\nPORTLAND, Maine — Councilor Ada Brisk said the City Council meeting "
        "set for Tuesday has been postponed to Thursday, March 21, because of the storm.",
        published=dt.date(2024, 3, 15),  # a Friday: "Tuesday" is the coming one
    )
    assert sorted((m.status, m.date) for m in found) == [
        ("postponed", dt.date(2024, 3, 19)),
        ("scheduled", dt.date(2024, 3, 21)),
    ]
    assert all("Ada Brisk" in m.participants for m in found)


def test_the_rescheduled_meeting_is_the_one_on_the_new_day():
    found = meetings(
        "Board delay\n\nTOPEKA, Kan. — The school board meeting that was set for tonight has been "
        "postponed, board President Lena Marsh said. The rescheduled meeting will start at 6 p.m. "
        "March 20 at the district office."
    )
    assert sorted((m.status, m.date) for m in found) == [
        ("postponed", WEDNESDAY),
        ("scheduled", dt.date(2024, 3, 20)),
    ]


# ---- the gazetteer ------------------------------------------------------------------------------


def test_places_in_australia_ireland_and_new_zealand_carry_their_region():
    assert lookup_city("Wagga Wagga")[0].state == "NSW"
    assert lookup_city("Galway")[0].state == "IE"
    assert lookup_city("Hamilton")[0].country in {"CA", "NZ", "US", "GB", "AU"}
    assert region_from_text("Queensland") == ("QLD", "AU")


def test_accents_and_the_city_form_of_a_name():
    assert lookup_city("Quebec City")[0].state == "QC"
    assert lookup_city("Montreal")[0].country == "CA"
    # an alias never hides a town that has the name as its own
    assert all(p.name != "Jefferson City" for p in lookup_city("Jefferson"))


# ---- places ----------------------------------------------------------------------------------


def cities(text, published=None, source=None):
    return {(c.name, c.state) for c in extract(text, published, source=source).cities}


def test_common_words_and_street_names_are_not_towns():
    text = (
        "Budget talks\n\nDENVER — The Transportation, Energy and Utilities Committee met on Front Street "
        "near the Bay Area office, and members of Congress sent a letter."
    )
    assert cities(text) == {("Denver", "CO")}


def test_a_list_of_towns_one_per_line():
    text = "Mayors invited\n\nAUSTIN — The governor invited mayors from these cities:\n\nAmarillo\n\nLubbock\n\nFrisco\n"
    assert {("Amarillo", "TX"), ("Lubbock", "TX"), ("Frisco", "TX")} <= cities(text)


def test_datelines_with_a_hyphen_or_alone_on_their_line():
    assert ("Baton Rouge", "LA") in cities("Storm\n\nBATON ROUGE - Offices close at noon, the mayor said.")
    assert ("Bismarck", "ND") in cities("Order\n\nBISMARCK, N.D.\n\nThe governor signed the order.")


def test_a_dateline_without_a_state_is_the_papers_own_area():
    text = "Council delay\n\nRICHMOND — The town council postponed its Tuesday meeting."
    assert cities(text, source="The Westerly Sun") == {("Richmond", "RI")}
    # A city the AP lets stand alone keeps its own state whatever the paper.
    assert cities("Talks\n\nPITTSBURGH — The mayor met the governor.", source="The Westerly Sun") == {
        ("Pittsburgh", "PA")
    }


def test_a_dateline_town_the_gazetteer_lacks_takes_the_state_the_story_names():
    text = "Visit\n\nNORTHFIELD HOLLOW — The Vermont governor spoke to residents about flood aid in Vermont."
    assert ("Northfield Hollow", "VT") in cities(text)


def test_a_dateline_town_the_gazetteer_lacks_is_in_the_papers_own_state():
    # The story names another state in passing; the paper's nameplate places the town.
    text = "Budget\n\nWESTERLO — The town board hired a Colorado firm to audit the budget."
    assert ("Westerlo", "NY") in cities(text, source="Albany Courant (albanycourant.example)")


def test_a_story_that_names_no_town_is_about_the_outlets():
    assert cities(
        "Council delay\n\nThe City Council's meeting moved to Tuesday.", source="Lawrence Journal-World"
    ) == {("Lawrence", "KS")}


def test_the_name_the_article_uses_for_another_name_of_a_place():
    assert ("Quebec City", "QC") in cities(
        "Trip\n\nGov. Ann Roe is in Quebec City for talks with the premier."
    )


# ---- titles ----------------------------------------------------------------------------------


def officials(text, published=None, source=None):
    return {
        o.name: (o.title, o.jurisdiction, o.state) for o in extract(text, published, source=source).officials
    }


@pytest.mark.parametrize(
    ("phrase", "display", "former"),
    [
        ("Gov.-elect", "Governor-elect", False),
        ("Mayor-elect", "Mayor-elect", False),
        ("Police Chief-designate", "Police Chief-designate", False),
        ("former Mayor", "Mayor", True),
        ("then-Gov.", "Governor", True),
        ("acting Police Chief", "Police Chief", False),
        ("City Council President", "City Council President", False),
        ("president of council", "President of Council", False),
    ],
)
def test_title_ruler_reads_modifiers(nlp, phrase, display, former):
    doc = nlp(f"{phrase} Ann Doe spoke.")
    (span,) = doc.spans["civicnews_titles"]
    assert (span.text, span._.title.display, span._.title.former) == (phrase, display, former)


def test_officials_elect_are_officials_and_former_ones_are_not():
    found = officials(
        "Handover\n\nATLANTA — Gov.-elect Dana Reyes met former Gov. Carl Winter and then-Mayor Lou Park."
    )
    assert found == {"Dana Reyes": ("Governor-elect", "Georgia", "GA")}


def test_plain_senator_in_a_story_about_congress_is_a_us_senator():
    found = officials(
        "Town halls\n\nDENVER — Sen. Ava Holt will hold a town hall before Congress returns to Washington, D.C."
    )
    assert found["Ava Holt"][0] == "U.S. Senator"
    found = officials("Budget\n\nDENVER — Sen. Ava Holt said the state Senate will vote on the budget.")
    assert found["Ava Holt"][0] == "State Senator"


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "Vote\n\nSALEM, Ore. — Councilmembers Ann Lee, Bo Li and Cy Ma voted no.",
            "Bo Li",
            "Council Member",
        ),
        (
            "Suit\n\nSALEM, Ore. — She sued three trustees of the village — Ann Lee, Bo Li and Cy Ma.",
            "Cy Ma",
            "Trustee",
        ),
        (
            "Delay\n\nAKRON, Ohio — Joe Fenn, city council president, made the call.",
            "Joe Fenn",
            "City Council President",
        ),
        (
            "Snow\n\nAKRON, Ohio — Todd Kerr, the city's clerk of council, sent the notice.",
            "Todd Kerr",
            "Clerk of Council",
        ),
        (
            "Visit\n\nBOISE, Idaho — Al Cox (R-Boise), the state's other senator, spoke.",
            "Al Cox",
            "State Senator",
        ),
        (
            "Fire\n\nBOISE, Idaho — Ann Lee, who is the state's adjutant general, spoke.",
            "Ann Lee",
            "Adjutant General",
        ),
        (
            "Fire\n\nBOISE, Idaho — Ann Lee, the director of the state Department of Lands, came too.",
            "Ann Lee",
            "Director of the Department of Lands",
        ),
        (
            "Row\n\nThe governor took aim at the Mayor of Charleston, Amy Shuler Goodwin, on Monday.",
            "Amy Shuler Goodwin",
            "Mayor",
        ),
    ],
)
def test_official_patterns(text, name, title):
    assert officials(text)[name][0] == title


def test_names_end_before_a_day_and_a_headline_runs_on_no_further_than_the_body():
    found = officials(
        "Mayor Luke Dorn Faces Doubtful Crowd\n\nHARTFORD, Conn. — Gov. Ned Lamb met Mayor Luke Dorn Tuesday."
    )
    assert set(found) == {"Ned Lamb", "Luke Dorn"}


def test_a_surname_alone_is_the_person_the_article_names_in_full():
    found = officials(
        "Motion\n\nHOBART — Elected member Andrew Crane tabled a motion. Cr Crane said it was time."
    )
    assert list(found) == ["Andrew Crane"]
    found = officials(
        "Row\n\nThe Mayor of Charleston, Amy Shuler Goodwin, replied. Mayor Shuler-Goodwin said no."
    )
    assert list(found) == ["Amy Shuler Goodwin"]


def test_a_sheriff_named_by_title_and_surname_keeps_the_surname_alone():
    assert list(officials("Jail\n\nPIERRE, S.D. — Sheriff Boll asked for a secretary.")) == ["Boll"]


@pytest.mark.parametrize(
    ("text", "name", "jurisdiction"),
    [
        # the state the sentence names, not the town the story happens in
        ("Trip\n\nQUEBEC CITY — As Vermont's governor, Gov. Ann Roe met the premier.", "Ann Roe", "Vermont"),
        # a county named before the title, the title starting with "County" or not
        (
            "Talks\n\nSALEM, Ore. — Lane County Commissioner Al Cox met Benton Fire Chief Bo Li.",
            "Al Cox",
            "Lane County",
        ),
        # a town after the name
        (
            "Vote\n\nJACKSON, Miss. — Voters ousted Mayor Al Cox in the coastal city of Gautier.",
            "Al Cox",
            "Gautier",
        ),
        # a council area the gazetteer lacks, named before a lower-case title
        ("Motion\n\nHOBART — Derwent Valley mayor Ann Roe backed the motion.", "Ann Roe", "Derwent Valley"),
        # no town at all: the area of the council the story is about
        (
            "Quorum\n\nThe Westland District Council meeting was put off, Mayor Ann Roe said.",
            "Ann Roe",
            "Westland",
        ),
        # a school board's members serve its district
        (
            "Masks\n\nSNOW HILL, Md. — Board member Al Cox spoke for Worcester County public schools.",
            "Al Cox",
            "Worcester County Public Schools",
        ),
    ],
)
def test_jurisdiction_patterns(text, name, jurisdiction):
    assert officials(text)[name][1] == jurisdiction


def test_english_county_councillors_serve_the_county_by_its_name():
    found = officials(
        "Committee\n\nNORWICH, England — County councillor Al Cox of Norfolk County Council spoke."
    )
    assert found["Al Cox"][1:] == ("Norfolk", "GB")


# ---- schedules -------------------------------------------------------------------------------


def test_a_schedule_gives_one_meeting_per_line():
    text = (
        "Listening tour\n\nCONCORD, N.H. — Mayor Ida Pell will hold listening sessions in every ward "
        "this spring. The sessions start at 6 p.m. at these schools:\n\n"
        "Ward 1 – March 18 at Rundlett Middle School;\n\nWard 2 – March 25 at Beaver Meadow School;\n\n"
        "Ward 3 – April 2 at Broken Ground School.\n"
    )
    found = sorted((m.date, m.venue, m.participants) for m in meetings(text, dt.date(2024, 3, 1)))
    assert found == [
        (dt.date(2024, 3, 18), "Rundlett Middle School", ("Ida Pell",)),
        (dt.date(2024, 3, 25), "Beaver Meadow School", ("Ida Pell",)),
        (dt.date(2024, 4, 2), "Broken Ground School", ("Ida Pell",)),
    ]


def test_an_itinerary_keeps_its_gatherings_and_their_towns():
    text = (
        "Governor's tour\n\nLINCOLN, Neb. — Gov. Ned Lamb will visit four towns. Here is his schedule:\n\n"
        "Monday, May 6\n\n10 a.m. at the Civic Center, 100 Main St., Kearney: Town Hall Meeting\n\n"
        "1 p.m. at the Co-op, 20 Elm St., Lexington: Ribbon cutting\n\n"
        "Tuesday, May 7\n\n9 a.m. at the Library, 5 Oak St., Broken Bow: Town Hall Meeting\n"
    )
    found = sorted((m.date, m.city) for m in meetings(text, dt.date(2024, 5, 1)))
    assert found == [(dt.date(2024, 5, 6), "Kearney"), (dt.date(2024, 5, 7), "Broken Bow")]


# ---- meetings: days, counts, statuses ----------------------------------------------------------


def test_one_meeting_per_day_named_together():
    found = meetings(
        "Mayors invited\n\nAUSTIN, Texas — The remaining mayors will meet with Gov. Ned Lamb on "
        "Thursday, July 27 and Wednesday, Aug. 2.",
        dt.date(2017, 7, 26),
    )
    assert sorted(m.date for m in found) == [dt.date(2017, 7, 27), dt.date(2017, 8, 2)]


def test_a_counted_group_of_gatherings_is_a_meeting():
    found = meetings("Town halls\n\nPUEBLO, Colo. — In August, Sen. Ava Holt hosted three town halls.")
    assert [(m.status, m.participants) for m in found] == [("held", ("Ava Holt",))]


def test_business_that_has_to_wait_dates_the_next_meeting():
    found = meetings(
        "Council off\n\nLAS CRUCES, N.M. — Mayor Ida Pell said Tuesday's council meeting was canceled; "
        "the items on its agenda now have to wait until March 26."
    )
    assert sorted((m.status, m.date) for m in found) == [
        ("cancelled", dt.date(2024, 3, 12)),
        ("scheduled", dt.date(2024, 3, 26)),
    ]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("The council meeting set for Friday did not happen because too few members joined.", "cancelled"),
        ("The special council meeting was abandoned after 30 seconds.", "cancelled"),
        ("There will be no council meeting on Friday, Mayor Ida Pell said.", "cancelled"),
        ("The council put off Friday's meeting until the storm passes.", "postponed"),
        ("The council's summer meeting has been bumped by a day.", "postponed"),
    ],
)
def test_status_words(sentence, status):
    found = meetings(f"Council news\n\nSALEM, Ore. — Mayor Ida Pell spoke. {sentence}")
    assert [m.status for m in found] == [status]


def test_a_meeting_word_that_modifies_another_noun_is_no_meeting():
    assert meetings("Rules\n\nSALEM, Ore. — Mayor Ida Pell said the open-meeting laws bar it.") == ()


def test_the_day_a_meeting_is_called_is_not_its_day():
    found = meetings(
        "Special meeting\n\nLAWRENCE, Kan. — On Monday, city commissioners decided to call a special "
        "meeting. Commissioners will gather in the special meeting on March 19.",
        dt.date(2024, 3, 13),
    )
    assert [(m.status, m.date) for m in found] == [("scheduled", dt.date(2024, 3, 19))]


def test_a_called_off_meeting_in_a_story_about_one_council_is_that_councils():
    found = meetings(
        "Storm\n\nLAWRENCE, Kan. — The City Commission will meet on March 19, Commissioner Bo Li said. "
        "The city said the March 12 meeting would be canceled because of the storm.",
        dt.date(2024, 3, 13),
    )
    assert sorted((m.status, m.date) for m in found) == [
        ("cancelled", dt.date(2024, 3, 12)),
        ("scheduled", dt.date(2024, 3, 19)),
    ]


def test_a_called_off_meeting_is_one_meeting_in_either_tense():
    found = meetings(
        "Glitch\n\nMANSFIELD, Ohio — Technical problems led to the cancellation of Tuesday's council "
        "meeting, Council President Joe Fenn said. Fenn sided with the members on the decision to "
        "postpone Tuesday's meeting.",
        dt.date(2024, 3, 13),
    )
    assert [(m.status, m.date) for m in found] == [("postponed", dt.date(2024, 3, 12))]


def test_a_first_line_with_a_full_stop_is_the_first_sentence():
    found = meetings(
        "Wednesday's Metro Council meeting has been cancelled because of the storm.\n\n"
        "Mayor Ida Pell said offices would close at noon.",
        dt.date(2024, 3, 13),
    )
    assert [(m.status, m.date) for m in found] == [("cancelled", dt.date(2024, 3, 13))]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # hosting officials is meeting them; a visit to a town is a meeting there
        (
            "Invitations\n\nAUSTIN, Texas — Mayors from three cities will be hosted by Gov. Ned Lamb on Friday.",
            1,
        ),
        ("Trip\n\nNASHVILLE, Tenn. — Sen. Ava Holt visited Lewisburg on Monday.", 1),
        # in doubt or only asked for: no meeting
        ("Snub\n\nAUSTIN, Texas — It is unclear whether Gov. Ned Lamb will meet the mayors.", 0),
        ("Invite\n\nSALEM, Ore. — Commissioner Al Cox asked them to meet with him.", 0),
        # plural meetings in two towns: one in each
        ("Tour\n\nNASHVILLE, Tenn. — Rep. Bo Li will hold meetings in Cookeville and Gallatin.", 2),
    ],
)
def test_meeting_verbs(text, count):
    assert len(meetings(text)) == count


def test_two_reports_of_one_day_are_one_meeting_whatever_their_tense():
    found = meetings(
        "Town hall\n\nSALT LAKE CITY — On Friday, Rep. Bo Li holds a town hall at West High School. "
        "More than 1,000 people attended the Friday town hall held by Li.",
        dt.date(2024, 3, 15),
    )
    assert [m.date for m in found] == [dt.date(2024, 3, 15)]


def test_a_city_assembly_is_a_council():
    found = meetings(
        "Testimony\n\nANCHORAGE, Alaska — The Anchorage Assembly will meet on Tuesday, Assembly Chair "
        "Ann Roe said. Assembly Member Bo Li opposes the plan."
    )
    assert [set(m.participants) for m in found] == [{"Ann Roe", "Bo Li"}]


def test_a_meeting_moved_by_a_span_of_time_gives_the_later_meeting():
    found = meetings(
        "Delay\n\nCHICO, Calif. — The school board meeting set for today has been postponed by one week, "
        "board President Lena Marsh said.",
        WEDNESDAY,
    )
    assert sorted((m.status, m.date) for m in found) == [
        ("postponed", WEDNESDAY),
        ("scheduled", dt.date(2024, 3, 20)),
    ]


def test_a_quote_mark_that_closes_no_quotation_is_an_apostrophe():
    found = meetings(
        "Delay\n\nCHICO, Calif. — The board” meeting set for tonight has been postponed, board President "
        "Lena Marsh said. The rescheduled meeting will start at 6 p.m. March 20.",
        WEDNESDAY,
    )
    assert sorted(m.status for m in found) == ["postponed", "scheduled"]


def test_headlines_and_subheadings_are_not_the_story():
    found = meetings(
        "Photo gallery: the governor tours the flood zone\n\nGovernor visits the flood zone to meet families\n\n"
        "On Monday, Gov. Ann Roe came to Elm Grove to see the damage and to meet families.",
        WEDNESDAY,
    )
    assert [(m.status, m.date) for m in found] == [("held", dt.date(2024, 3, 11))]


# ---- unnamed officials -----------------------------------------------------------------------


def unnamed(text, published=None):
    return {(u.title, u.jurisdiction, u.state) for u in extract(text, published).unnamed_officials}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Invitations\n\nAUSTIN, Texas — Mayors from Amarillo, Lubbock and Frisco will meet the governor.",
            # "the governor" in a Texas story is the Governor of Texas
            {
                ("Mayor", "Amarillo", "TX"),
                ("Mayor", "Lubbock", "TX"),
                ("Mayor", "Frisco", "TX"),
                ("Governor", "Texas", "TX"),
            },
        ),
        (
            "Invitations\n\nAUSTIN, Texas — The other mayors, from the cities listed below, will come.\n\nWaco\n\nTyler\n",
            {("Mayor", "Waco", "TX"), ("Mayor", "Tyler", "TX")},
        ),
        (
            "Vote\n\nAMES, Iowa — Councilman Bo Li of Cedar Falls unseated the incumbent mayor.",
            {("Mayor", "Cedar Falls", "IA")},
        ),
        (
            "Opinion\n\nCOLUMBUS, Ohio — The Ohio Attorney General's office sent an opinion.",
            {("Attorney General", "Ohio", "OH")},
        ),
        (
            "Row\n\nCORK, Ireland — The Housing Minister threatened councils.",
            {("Housing Minister", "Ireland", "IE")},
        ),
        # one of many council members is no office; a named holder's title is that holder
        ("Vote\n\nAMES, Iowa — Council members of Ames and Boone met.", set()),
        (
            "Cameras\n\nCHICAGO — Transportation Commissioner Ann Roe testified. The commissioner said no.",
            set(),
        ),
    ],
)
def test_unnamed_officials(text, expected):
    assert unnamed(text) == expected


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Races\n\nJACKSON, Miss. — Ann Roe will succeed Bo Li as Tupelo mayor.", ("Tupelo", "MS")),
        ("Town hall\n\nDENVER — Sen. Ava Holt is rescheduling a Pueblo town hall.", ("Pueblo", "CO")),
        ("Visit\n\nNASHVILLE, Tenn. — Sen. Al Cox (R-Maryville) spoke.", ("Maryville", "TN")),
        ("Trip\n\nDENVER — Sen. Ava Holt is staying in Washington D.C. on Friday.", ("Washington", "DC")),
    ],
)
def test_town_cues(text, city):
    assert city in cities(text)


def test_an_outlet_name_that_only_starts_like_a_town_is_no_home():
    assert cities("Notice\n\nThe mayor was served a notice.", source="Fraser Coast Chronicle") == set()


def test_a_dated_meeting_in_a_story_about_one_council_is_that_councils():
    found = meetings(
        "Storm\n\nBATON ROUGE, La. — The Metro Council canceled Wednesday's meeting, Councilwoman Ann Roe "
        "said. A special meeting, scheduled for Friday, will take up the property taxes.",
        WEDNESDAY,
    )
    assert sorted((m.status, m.date, m.participants) for m in found) == [
        ("cancelled", WEDNESDAY, ("Ann Roe",)),
        ("scheduled", dt.date(2024, 3, 15), ("Ann Roe",)),
    ]


def test_a_councils_meeting_is_in_the_councils_town():
    found = meetings(
        "Nothing to decide\n\nNORTH SHORE, New Zealand — The Auckland City Council has scrapped its July "
        "meeting, deputy mayor Ann Roe said."
    )
    assert [(m.city, m.status) for m in found] == [("Auckland", "cancelled")]


def test_nights_of_meetings_are_a_counted_group():
    found = meetings(
        "Testimony\n\nANCHORAGE, Alaska — After six nights of chaotic meetings, Assembly Chair Ann Roe said "
        "the Assembly will meet on Tuesday.",
    )
    assert sorted(m.status for m in found) == ["held", "scheduled"]


def test_a_meeting_called_off_in_the_past_tense_is_the_day_gone_by():
    found = meetings(
        "Virus\n\nRICHMOND, Va. — The council's statement followed its move canceling Monday night's "
        "scheduled meeting, Mayor Ann Roe said.",
        dt.date(2024, 3, 14),  # a Thursday
    )
    assert [(m.status, m.date) for m in found] == [("cancelled", dt.date(2024, 3, 11))]


def test_the_town_in_a_meetings_own_name():
    found = meetings("Trip\n\nDENVER — Sen. Ava Holt is rescheduling a Pueblo town hall planned for Friday.")
    assert [(m.city, m.status) for m in found] == [("Pueblo", "postponed")]


def test_a_small_town_of_a_state_the_story_never_names_is_a_local_place():
    text = (
        "Storm\n\nBATON ROUGE, La. — The storm will hit southeast Louisiana. Annexations tied to a "
        "subdivision in the St. George area were on the agenda."
    )
    assert cities(text) == {("Baton Rouge", "LA")}


def test_people_the_sentence_names_apart_from_the_meeting_are_not_its_participants():
    found = meetings(
        "Storm\n\nBATON ROUGE, La. — Council Administrator Ann Roe said Wednesday that the Metro Council "
        "will hold a special meeting on Friday.",
    )
    assert [m.participants for m in found] == [()]
    found = meetings(
        "Town hall\n\nSALT LAKE CITY — Rep. Bo Li held a town hall on Friday at which he backed the wall "
        "proposed by President Ann Roe.",
        dt.date(2024, 3, 16),
    )
    assert [m.participants for m in found] == [("Bo Li",)]


def test_the_speaker_who_met_is_a_participant():
    found = meetings(
        "Mix-up\n\nLAS VEGAS — City Clerk Ann Roe said she and Mayor Bo Li met the residents on Friday.",
        dt.date(2024, 3, 16),
    )
    assert [set(m.participants) for m in found] == [{"Ann Roe", "Bo Li"}]


@pytest.mark.parametrize(
    "text",
    [
        "Briefing\n\nCHARLESTON, W.Va. — Gov. Ann Roe used a press briefing on Thursday to attack the mayor.",
        "Letter\n\nEDINBURGH — Councillor Ann Roe has joined me in writing to the minister, Cllr Bo Li said.",
    ],
)
def test_press_briefings_and_joint_letters_are_no_meetings(text):
    assert meetings(text) == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "The council won't be holding its regularly scheduled Tuesday session, Mayor Ida Pell said.",
        "The council will not meet on Tuesday, Mayor Ida Pell said.",
        "Tuesday's council meeting was adjourned for lack of a quorum, Mayor Ida Pell said.",
        "The council suspended Monday's meeting, Mayor Ida Pell said.",
    ],
)
def test_more_ways_of_calling_a_meeting_off(sentence):
    found = meetings(f"Council news\n\nSALEM, Ore. — {sentence}", dt.date(2024, 3, 15))
    assert [m.status for m in found] == ["cancelled"]


def test_last_weeks_meeting_that_called_off_this_weeks_is_another_meeting():
    found = meetings(
        "No meeting\n\nFLAGSTAFF, Ariz. — The City Council won't be holding its Tuesday session. Council "
        "members made the call at last week's meeting, Mayor Ida Pell said.",
        dt.date(2024, 3, 15),
    )
    assert sorted(m.status for m in found) == ["cancelled", "held"]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (
            "Talks\n\nST. LOUIS — Gov. Ned Lamb said his plan is to come back and hold long talks with Mayor Ida Pell.",
            0,
        ),
        (
            "Vote\n\nCORBY, England — The group could be convened for a meeting to choose a new leader, Cllr Bo Li said.",
            0,
        ),
        ("Talks\n\nDENVER — Gov. Ned Lamb and Mayor Ida Pell plan to meet again next week.", 1),
    ],
)
def test_a_meeting_only_wished_for_is_none_yet(text, count):
    assert len(meetings(text)) == count


def test_a_second_town_hall_is_the_same_groups_next_one():
    found = meetings(
        "Town halls\n\nBANGOR, Maine — Sen. Ruth Vale and Rep. Owen Marsh met voters at a town hall on "
        "Monday. A second town hall is set for March 20."
    )
    assert sorted((m.date, m.participants) for m in found) == [
        (dt.date(2024, 3, 11), ("Ruth Vale", "Owen Marsh")),
        (dt.date(2024, 3, 20), ("Ruth Vale", "Owen Marsh")),
    ]


def test_the_meeting_something_is_put_off_until_is_to_come_not_postponed():
    found = meetings(
        "Budget\n\nDAYTON, Ohio — Mayor Alma Reyes said the City Council postponed a vote on the budget "
        "until its March 26 meeting."
    )
    assert [(m.status, m.date) for m in found if m.date] == [("scheduled", dt.date(2024, 3, 26))]


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("Rep. Dora Lund, D-Oregon, toured the plant.", "U.S. Representative"),
        ("Sen. Dora Lund, R-Ore., toured the plant.", "U.S. Senator"),
        ("Rep. Dora Lund, D-Medford, toured the plant.", "State Representative"),
    ],
)
def test_a_party_tag_with_a_whole_state_marks_a_member_of_congress(sentence, title):
    # Written plain ("Rep.") in a story that says nothing of Congress or the statehouse.
    found = officials(f"Tour\n\nMEDFORD, Ore. — {sentence}")
    assert found["Dora Lund"][0] == title
