"""Place mentions: find city-name spans, then resolve ambiguous names by the article's context.

Context votes for a state/province/country come from the dateline ("JACKSON, Miss."), state names anywhere
("Mississippi's capital"), "City, St." pairs, county names ("Hinds County" exists only in MS) and the
other, unambiguous cities of the article. Each candidate place is scored by
log10(population) + the share of votes for its state and country.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .components import TITLES_KEY
from .dates import MONTHS
from .gazetteer import (
    _HOME_COUNTRIES,
    AP_STANDALONE_DATELINES,
    AU_STATE_NAME_TO_CODE,
    COUNTRY_AS_STATE,
    COUNTRY_NAMES,
    PROVINCE_NAME_TO_CODE,
    REGION_ABBREVIATIONS,
    STATE_NAME_TO_CODE,
    Place,
    county_states,
    lookup_city,
    region_from_text,
    same_name,
)
from .text import doc_ents, doc_text, doc_tokens

# Capitalised words that may follow a city name without making it part of a longer proper name.
_CITY_FOLLOWERS = {
    "mayor",
    "city",
    "town",
    "village",
    "police",
    "council",
    "public",
    "municipal",
    "fire",
    "school",
    "schools",
    "board",
    "common",
    "mayors",
    "officials",
    "leaders",
    "democrat",
    "republican",
    "county's",
    "native",
    "residents",
    "voters",
    "lawmakers",
    "chief",
    "manager",
    "ald.",
    "councilmember",
    "councilwoman",
    "councilman",
    "commissioner",
    "sheriff",
    "superintendent",
}
_NON_CITY_FOLLOWERS = {
    "county",
    "parish",
    "river",
    "lake",
    "street",
    "avenue",
    "road",
    "university",
    "college",
    "state",
    "heights",
    "park",
    "station",
    "building",
    "center",
    "hall",
    "square",
    "airport",
    "bay",
    "valley",
    "mountain",
    "mountains",
    "island",
    "sound",
    "boulevard",
    "drive",
    "way",
    "creek",
    "township",
    "borough",
}
_PLACE_PREPS = {
    "in",
    "to",
    "from",
    "near",
    "of",
    "at",
    "outside",
    "around",
    "toward",
    "towards",
    "including",
    "like",
    "as",
    "between",
    "and",
    "or",
    "with",
    "visit",
    "visited",
    "across",
    "neighboring",
    "nearby",
    "neighbouring",
}
_PLACE_NOUNS = {"city", "town", "village", "capital", "suburb", "borough", "municipality", "hometown"}
# Prepositions after which a gazetteer name tagged PERSON may still be a place, if the article's own
# state or province has a place of that name ("Republicans and Democrats in Madison").
_STRONG_PLACE_PREPS = {
    "in",
    "of",
    "from",
    "to",
    "near",
    "outside",
    "with",
    "at",
    "visited",
    "visiting",
    "toured",
}
# Ambiguous proper names that are states or countries first.
# Gazetteer names that are far more often ordinary words in news copy.
_GENERIC = {
    "Ward",
    "Council",
    "West",
    "East",
    "North",
    "South",
    "Central",
    "State Line",
    "Metro",
    "Mayor",
    "Police",
    "Union",
    "Center",
    "Commerce",
    "City",
    "Government",
    "Republican",
    "Democrat",
    "Main",
    "Story",
    "Office",
    "Capitol",
    "Court",
    "Supreme",
    "Justice",
    "Hall",
}
_STATE_LIKE = (
    set(STATE_NAME_TO_CODE) | set(PROVINCE_NAME_TO_CODE) | set(AU_STATE_NAME_TO_CODE) | set(COUNTRY_NAMES)
)

# "SPRINGFIELD, Ill. (AP) — ...", "BATON ROUGE - ...", "BISMARCK, N.D." alone on its line.
_DATELINE_RE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'\- ]+?)(?:,\s*(?P<region>[A-Z][A-Za-z. ]+?))?\s*"
    r"(?:\((?P<paren>[^)]*)\))?\s*(?P<dash>[—–]|--|\s-\s|-\s|\s*$)",
    re.M,
)
# Capitalised words that open a paragraph with a dash but are not places.
_NEWSROOM_WORDS = {
    "UPDATE",
    "UPDATED",
    "BREAKING",
    "CORRECTION",
    "EXCLUSIVE",
    "WATCH",
    "VIDEO",
    "PHOTOS",
    "ANALYSIS",
}
_CALL_SIGN = re.compile(r"^[KWC][A-Z]{2,3}(?:-TV|-FM|-AM)?$")  # broadcasters' call letters: "KUSA", "WSAZ"


@dataclass(frozen=True)
class PlaceWeights:
    """Every weight the place resolver uses, in one place.

    Context *votes* for a region (a state, province or country) come from the article; a candidate
    place scores ``population`` per power of ten of its population, plus ``state_share`` times the
    share of the region votes its state got and ``country_share`` times its country's share, plus
    ``near_home``/``near_region`` when it lies near the article's home (dateline) city.
    """

    # votes
    dateline: float = 4.0  # the dateline's region ("JACKSON, Miss. —")
    outlet: float = 3.0  # the region of the outlet's home town, named in its name ("The Westerly Sun")
    region_abbreviation: float = 1.0  # each "City, St." or "R-Pa."
    region_name: float = 1.0  # each state or province named, up to ``name_cap`` times
    country_name: float = 2.0  # each country named, up to ``name_cap`` times
    name_cap: int = 3
    county: float = 1.0  # a county name, shared among the states that have one of that name
    unambiguous_city: float = 1.0  # a city with one sizeable candidate votes for its region
    dominant: float = 20.0  # ...or whose largest candidate is this many times the next one
    # scores
    population: float = 1.0
    state_share: float = 5.0
    country_share: float = 3.0
    us_default: float = 1.0  # no country named: an American paper's default
    near_home: float = 3.0
    near_home_km: float = 80.0
    near_region: float = 1.0
    near_region_km: float = 250.0
    # acceptance (``_credible``): a name this big is a place on any cue, this big on a medium one
    big_city: int = 100_000
    town: int = 20_000
    # a story with this many votes for one state is about it: a smaller town of a state it never
    # mentions is a local one the gazetteer lacks (``_stranger``)
    firm_state: float = 2.0


WEIGHTS = PlaceWeights()


@dataclass
class Dateline:
    city_start: int
    city_end: int
    city_text: str
    region: tuple[str | None, str] | None
    date: dt.date | None = None
    listed: bool = True  # the gazetteer knows the town


@dataclass
class PlaceMention:
    start: int  # token indices
    end: int
    text: str
    place: Place | None = None
    explicit: tuple[str | None, str] | None = None
    dateline: bool = False

    def char_span(self, doc: Doc) -> tuple[int, int]:
        return doc[self.start].idx, doc[self.end - 1].idx + len(doc[self.end - 1].text)


@dataclass
class PlaceContext:
    mentions: list[PlaceMention] = field(default_factory=list)
    dateline: Dateline | None = None
    home: Place | None = None
    home_state: str | None = None
    home_country: str = "US"
    state_votes: Counter = field(default_factory=Counter)
    country_votes: Counter = field(default_factory=Counter)
    counties: list[tuple[int, int, str]] = field(default_factory=list)  # token span + "X County"
    outlet_home: Place | None = None  # the home, when only the outlet's name gives it
    home_named: bool = True  # the home is the dateline's (or the outlet's) town

    def by_token(self) -> dict[int, PlaceMention]:
        cached = getattr(self, "_by_token", None)
        if cached is not None and cached[0] == len(self.mentions):
            return cached[1]
        out = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                out[i] = m
        self._by_token = (len(self.mentions), out)
        return out

    def display_name(self, place: Place) -> str:
        """The name the article uses for a place when it is another name of it ("Quebec City" for
        Québec, "Manukau" for Manukau City); the gazetteer's name otherwise."""
        for m in self.mentions:
            if m.place == place and not m.text.isupper() and same_name(m.text) != same_name(place.name):
                return m.text
        return place.name

    def resolve_name(self, name: str) -> Place | None:
        """Resolve a free-standing city name against the article context."""
        return resolve(name, None, self)


def parse_dateline(text: str) -> Dateline | None:
    # The dateline opens one of the first few paragraphs of the body.
    offset = 0
    for n, para in enumerate(text.split("\n")):
        if n > 12:
            break
        m = _DATELINE_RE.match(para)
        if m and para.strip():
            city = m.group("city").strip()
            region_text = m.group("region")
            region = region_from_text(region_text) if region_text else None
            alone = not m.group("dash").strip()  # "BISMARCK, N.D." as a line of its own
            listed = bool(lookup_city(city))
            # A town the gazetteer lacks is still the dateline's when the form leaves no doubt:
            # capitals and a long dash ("SIMSBURY — Speaking in Simsbury, ...").
            unlisted = (
                m.group("dash").strip() in {"—", "–"}
                and len(city) >= 5
                and city not in _NEWSROOM_WORDS
                and not _CALL_SIGN.match(city)
            )
            if alone and not region:
                listed = unlisted = False
            if len(city) >= 3 and (listed or region or unlisted):
                date = _parse_full_date(m.group("paren")) if m.group("paren") else None
                start = offset + m.start("city")
                return Dateline(start, start + len(city), city, region, date, listed=listed)
        offset += len(para) + 1
    return None


def _parse_full_date(text: str) -> dt.date | None:
    m = re.search(r"([A-Z][a-z]+)\.?\s+(\d{1,2}),\s*(\d{4})", text)
    if not m:
        return None
    month = MONTHS.get(m.group(1)[:3].lower())
    if not month:
        return None
    try:
        return dt.date(int(m.group(3)), month, int(m.group(2)))
    except ValueError:
        return None


def _is_cap(tok) -> bool:
    return bool(tok.text) and (tok.text[0].isupper() or tok.text in {"-", "St.", "de", "du", "la"})


def _region_after(doc: Doc, end: int) -> tuple[tuple[str | None, str] | None, int]:
    """', Mo.' / ', Missouri,' / ', England' directly after a city name ("Washington D.C." too)."""
    if end < len(doc) and doc[end].text in REGION_ABBREVIATIONS and "." in doc[end].text:
        return REGION_ABBREVIATIONS[doc[end].text], end + 1
    if end + 1 < len(doc) and doc[end].text == ",":
        for n in (3, 2, 1):
            if end + 1 + n <= len(doc):
                span = doc[end + 1 : end + 1 + n]
                region = region_from_text(span.text)
                if region:
                    return region, end + 1 + n
    return None, end


def _person_surnames(doc: Doc) -> set[str]:
    """Last names of people: multi-word PERSON entities and the names right after an office title
    ("Police Chief Darnell Hughes"), so that a lone "Hughes" is not taken for a town."""
    out = set()
    for ent in doc_ents(doc):
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        if ent.start > 0 and doc[ent.start - 1].lower_ in _STRONG_PLACE_PREPS and lookup_city(ent.text):
            continue  # "the line with Forest Acres": a town the tagger took for a person
        out.add(ent[-1].text)
    for span in doc.spans.get(TITLES_KEY, []):
        j = span.end
        while j < len(doc) and j - span.end < 3 and doc[j].text[:1].isupper() and doc[j].is_alpha:
            j += 1
        if j - span.end >= 2:
            out.add(doc[j - 1].text)
    return out


def find_mentions(doc: Doc, dateline: Dateline | None, maybe: list | None = None) -> list[PlaceMention]:
    mentions: list[PlaceMention] = []
    pending: list[Span] = []
    person_tagged = maybe if maybe is not None else []
    surnames = _person_surnames(doc)
    tokens = doc_tokens(doc)
    full_text = doc_text(doc)
    i = 0
    n = len(doc)
    dl_span = None
    if dateline is not None:
        dl_span = doc.char_span(dateline.city_start, dateline.city_end, alignment_mode="expand")
        if dl_span is not None and (lookup_city(dl_span.text) or not dateline.listed):
            # The dateline city is a place even when the parser splits "KANSAS | CITY".
            mentions.append(
                PlaceMention(
                    dl_span.start, dl_span.end, dl_span.text, explicit=dateline.region, dateline=True
                )
            )
        else:
            dl_span = None
    while i < n:
        if dl_span is not None and dl_span.start <= i < dl_span.end:
            i = dl_span.end
            continue
        tok = tokens[i]
        if not tok.text[:1].isupper() and tok.text != "St.":
            i += 1
            continue
        found = None
        for length in (4, 3, 2, 1):
            if i + length > n:
                continue
            words = tokens[i : i + length]
            if not all(_is_cap(t) for t in words) or words[-1].text in {"-", "St."}:
                continue
            if any(t.is_sent_start for t in words[1:]):
                continue
            text = full_text[words[0].idx : words[-1].idx + len(words[-1])]  # span.text, no Span made
            if text in _STATE_LIKE and not text == "Washington":
                found = None
                i += length - 1
                break
            if text in _GENERIC:
                continue
            if lookup_city(text):
                found = doc[i : i + length]
                # "Columbia City Council": the city is Columbia, not Columbia City.
                if (
                    length > 1
                    and words[-1].text == "City"
                    and i + length < n
                    and tokens[i + length].lower_
                    in {
                        "council",
                        "hall",
                        "manager",
                        "attorney",
                        "clerk",
                        "schools",
                        "commission",
                        "building",
                    }
                ):
                    shorter = doc[i : i + length - 1]
                    if (
                        shorter.text not in _STATE_LIKE
                        and lookup_city(shorter.text)
                        and lookup_city(shorter.text)[0].population >= lookup_city(text)[0].population
                    ):
                        found = shorter
                break
        if found is None:
            i += 1
            continue
        m = _accept(doc, found, dateline)
        if m is not None and len(found) == 1 and found.text in surnames and not m.explicit and not m.dateline:
            m = None
        if m is not None:
            mentions.append(m)
            i = m.end
        else:
            if found.text not in surnames:
                pending.append(found)
                prev = doc[found.start - 1] if found.start > 0 else None
                nxt = doc[found.end] if found.end < len(doc) else None
                if (
                    found[0].ent_type_ in {"PERSON", "ORG"}
                    and prev is not None
                    and prev.lower_ in _STRONG_PLACE_PREPS
                    and not (nxt is not None and nxt.text[:1].isupper() and nxt.pos_ == "PROPN")
                    and not any(t.text in surnames for t in found)
                ):
                    person_tagged.append(found)
            i = found.end
    # Coordinated with an accepted place, or a list of gazetteer names ("Durham and Cary").
    accepted = {m.start for m in mentions}
    starts = {sp.start for sp in pending} | accepted
    changed = True
    while changed and pending:
        changed = False
        for sp in list(pending):
            head = sp[-1]
            linked = []
            if head.dep_ == "conj":
                linked.append(head.head)
            linked += [c for c in head.children if c.dep_ == "conj"]
            linked_starts = set()
            for tok in linked:
                for st in starts:
                    if st <= tok.i < st + 4:
                        linked_starts.add(st)
            if not linked_starts:
                continue
            if linked_starts & accepted or all(st in starts for st in linked_starts):
                nxt = doc[sp.end] if sp.end < len(doc) else None
                if nxt is not None and nxt.lower_ in {"county", "parish"}:
                    continue
                cue = STRONG if linked_starts & accepted else MEDIUM  # "Ankeny and Waukee"
                if _inside_longer_name(doc, sp) or not _credible(sp, cue):
                    continue  # "Front Street and the Lahaina area", "Transportation, Energy and ..."
                mentions.append(PlaceMention(sp.start, sp.end, sp.text))
                accepted.add(sp.start)
                pending.remove(sp)
                changed = True
    mentions.sort(key=lambda m: m.start)
    return mentions


# How sure a mention's own words make it that a gazetteer name is a place here.
STRONG, MEDIUM, WEAK = 3, 2, 1
# Prefix words a city name may follow inside a longer capitalised run ("Mayor Springfield" never, but
# "Downtown Springfield", "Greater Manchester" yes).
_CITY_PREFIXES = {
    "mayor",
    "st.",
    "downtown",
    "neighboring",
    "nearby",
    "suburban",
    "greater",
    "north",
    "south",
}


def _inside_longer_name(doc: Doc, span: Span) -> bool:
    """'Front Street', 'East Baton Rouge': a capitalised word before the name that is not a prefix
    a place name takes ("Downtown", "Greater")."""
    prev = doc[span.start - 1] if span.start > 0 else None
    return (
        prev is not None
        and prev.text[:1].isupper()
        and not prev.is_sent_start
        and prev.lower_ not in _CITY_PREFIXES
        and prev.ent_type_ != "GPE"
        and not prev.is_punct
        and prev.pos_ not in {"DET", "PRON", "ADP", "CCONJ"}  # "— The Auckland City Council"
    )


def _title_follows(doc: Doc, i: int) -> bool:
    """An office title starts at token i, or after "city"/"town" there."""
    starts = {t.start for t in doc.spans.get(TITLES_KEY, [])}
    return i in starts or (i < len(doc) and doc[i].lower_ in {"city", "town"} and i + 1 in starts)


def _party_hometown(doc: Doc, span: Span) -> bool:
    """'Sen. Bob Corker (R-Chattanooga)': a legislator's party and hometown."""
    return (
        span.start >= 2
        and doc[span.start - 1].text in {"-", "–"}
        and doc[span.start - 2].text in {"R", "D", "I"}
        and span.start >= 3
        and doc[span.start - 3].text in {"(", ","}
    )


def _alone_on_its_line(doc: Doc, span: Span) -> bool:
    """A paragraph that is only a town's name: an item of a list of places."""
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return (before is None or "\n" in before.text) and (after is None or "\n" in after.text)


def _cue(doc: Doc, span: Span, explicit) -> int:
    """STRONG: a region after it (", Mo."), the tagger's GPE, or an office or body named after it
    ("Salem Mayor", "Salem City Council"); MEDIUM: a place preposition before it ("in Salem") or a
    possessive ("Salem's"); WEAK otherwise."""
    if explicit or span[0].ent_type_ in {"GPE", "LOC"} and span.root.ent_type_ in {"GPE", "LOC"}:
        return STRONG
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.text[:1].isupper() and nxt.lower_ in _CITY_FOLLOWERS:
        return STRONG
    if _title_follows(doc, span.end):
        return STRONG  # "Davenport Alderman Mike Matson", "Hutchinson city council member Steve Cook"
    if _alone_on_its_line(doc, span) or _party_hometown(doc, span):
        return STRONG
    if prev is not None and prev.lower_ in _PLACE_PREPS - {"and", "or", "as", "like", "with"}:
        return MEDIUM
    if nxt is not None and (nxt.lower_ in _CITY_FOLLOWERS or nxt.lower_ in {"'s", "’s"}):
        return MEDIUM
    return WEAK


def _credible(span: Span, cue: int) -> bool:
    """Small towns need stronger cues than big cities: a town of 1,200 called "Energy" or "Congress"
    is a place only when the sentence says so, Chicago nearly always is."""
    population = max((p.population for p in lookup_city(span.text)), default=0)
    if population >= WEIGHTS.big_city:
        return True
    if population >= WEIGHTS.town or len(span) > 1:
        return cue >= MEDIUM
    return cue >= STRONG or (cue == MEDIUM and span[0].ent_type_ not in {"ORG", "PERSON", "FAC"})


def _accept(doc: Doc, span: Span, dateline: Dateline | None) -> PlaceMention | None:
    start, end = span.start, span.end
    text = span.text
    if dateline and span.start_char == dateline.city_start:
        return PlaceMention(start, end, text, explicit=dateline.region, dateline=True)
    if text.isupper() and len(text) > 3:
        return None  # shouting headline words other than the dateline
    explicit, _ = _region_after(doc, end)
    nxt = doc[end] if end < len(doc) else None
    prev = doc[start - 1] if start > 0 else None
    if text == "Washington" and nxt is not None and nxt.lower_ in {"state", "county"}:
        return None
    if nxt is not None and nxt.text[:1].isupper() and nxt.lower_ not in _CITY_FOLLOWERS and not explicit:
        if nxt.lower_ in _NON_CITY_FOLLOWERS or nxt.pos_ in {"PROPN", "NOUN"}:
            return None  # part of a longer name: "Bay Area", "Salem Township"
    if nxt is not None and nxt.lower_ in {"county", "parish", "river", "township"}:
        return None
    if span[-1].lower_ == "county" and nxt is not None and nxt.lower_ in {"council", "commission", "board"}:
        return None  # "Norfolk County Council": a county's council, not a town called Norfolk County
    if _inside_longer_name(doc, span):
        return None  # the end of a longer name: "Front Street", "Barrack Street"
    if not _credible(span, _cue(doc, span, explicit)):
        return None
    ent = span[0].ent_type_
    if explicit:
        return PlaceMention(start, end, text, explicit=explicit)
    if _alone_on_its_line(doc, span):
        return PlaceMention(start, end, text)  # an item of a list of towns, whatever the tagger thought
    root = span.root
    if any(c.dep_ == "appos" and c.lemma_.lower() in _PLACE_NOUNS for c in root.children):
        return PlaceMention(start, end, text)  # "Burlington, the state's largest city,"
    if ent in {"PERSON", "NORP"} and (nxt is None or nxt.lower_ not in _CITY_FOLLOWERS):
        return None
    if ent in {"GPE", "LOC"} or _alone_on_its_line(doc, span) or _title_follows(doc, end):
        return PlaceMention(start, end, text)  # "Tupelo mayor", whatever the tagger thought
    if nxt is not None and doc[end : end + 2].text.lower() in {"town hall", "city council", "city hall"}:
        return PlaceMention(start, end, text)  # "a Pueblo town hall"
    if _party_hometown(doc, span):
        return PlaceMention(start, end, text)
    if nxt is not None and nxt.lower_ in _CITY_FOLLOWERS and nxt.text[:1].isupper():
        return PlaceMention(start, end, text)
    if nxt is not None and nxt.lower_ in {"'s", "’s"} and ent not in {"PERSON", "ORG"}:
        return PlaceMention(start, end, text)
    if prev is not None and prev.lower_ in _PLACE_PREPS and ent in {"", "ORG", "FAC"}:
        if (
            ent == "ORG"
            and span[0].ent_iob_ == "B"
            and doc[start].ent_type_ == "ORG"
            and end < len(doc)
            and doc[end].ent_iob_ == "I"
        ):
            return None
        return PlaceMention(start, end, text)
    return None


def _collect_votes(doc: Doc, ctx: PlaceContext) -> None:
    votes, cvotes = ctx.state_votes, ctx.country_votes
    if ctx.dateline and ctx.dateline.region:
        state, country = ctx.dateline.region
        if state:
            votes[state] += WEIGHTS.dateline
        cvotes[country] += WEIGHTS.dateline
    tokens = doc_tokens(doc)
    for tok in tokens:
        text = tok.text
        if text in REGION_ABBREVIATIONS:
            prev = tokens[tok.i - 1].text if tok.i else ""
            if prev in {",", "-", "–"} or (tok.i >= 2 and tokens[tok.i - 2].text == "-"):
                state, country = REGION_ABBREVIATIONS[text]
                votes[state] += WEIGHTS.region_abbreviation
                cvotes[country] += WEIGHTS.region_abbreviation
    # Multi-word state/province/country names.
    text = doc_text(doc)
    # Blank out the city names ("Kansas" in "Kansas City" is no vote for Kansas).
    if ctx.mentions:
        chars = list(text)
        for m in ctx.mentions:
            a, b = m.char_span(doc)
            chars[a:b] = "#" * (b - a)
        text = "".join(chars)
    cap = WEIGHTS.name_cap
    for names, country in (
        (STATE_NAME_TO_CODE, "US"),
        (PROVINCE_NAME_TO_CODE, "CA"),
        (AU_STATE_NAME_TO_CODE, "AU"),
    ):
        for name, code in names.items():
            if name not in text:
                continue
            c = min(len(re.findall(rf"\b{re.escape(name)}\b", text)), cap)
            votes[code] += WEIGHTS.region_name * c
            cvotes[country] += WEIGHTS.region_name * c
    for name, country in COUNTRY_NAMES.items():
        if country == "US" or name not in text:
            continue
        c = min(len(re.findall(rf"(?<![\w.]){re.escape(name)}(?![\w])", text)), cap)
        if c:
            cvotes[country] += WEIGHTS.country_name * c
            if country in COUNTRY_AS_STATE:
                votes[country] += WEIGHTS.country_name * c
    # Counties.
    cs = county_states()
    for tok in tokens:
        if (
            tok.text == "Co."
            and tok.i > 0
            and county_states().get(f"{tokens[tok.i - 1].text} County".lower())
        ):
            name = f"{tokens[tok.i - 1].text} County"  # "Walworth Co. Commission"
            ctx.counties.append((tok.i - 1, tok.i + 1, name))
            for state in county_states()[name.lower()]:
                ctx.state_votes[state] += WEIGHTS.county / len(county_states()[name.lower()])
            continue
        if tok.lower_ == "county" and tok.i > 0 and tok.text[0].isupper():
            for n in (3, 2, 1):
                if tok.i - n < 0:
                    continue
                span = doc[tok.i - n : tok.i + 1]
                if not all(t.text[:1].isupper() for t in span):
                    continue
                states = cs.get(span.text.lower())
                if states:
                    ctx.counties.append((span.start, span.end, span.text))
                    for state in states:
                        votes[state] += WEIGHTS.county / len(states)
                    break


def _score(place: Place, ctx: PlaceContext) -> float:
    total = sum(ctx.state_votes.values()) or 1.0
    ctotal = sum(ctx.country_votes.values()) or 1.0
    score = WEIGHTS.population * place.weight
    score += WEIGHTS.state_share * ctx.state_votes.get(place.state, 0) / total
    if ctx.country_votes:
        score += WEIGHTS.country_share * ctx.country_votes.get(place.country, 0) / ctotal
    elif place.country == "US":
        score += WEIGHTS.us_default
    return score


def resolve(name: str, explicit: tuple[str | None, str] | None, ctx: PlaceContext) -> Place | None:
    cands = [
        p
        for p in lookup_city(name)
        if p.country in {"US", "CA", "GB", "IE", "AU", "NZ"}
        or p.population >= 500_000
        or (explicit and explicit[1] == p.country)
    ]
    if not cands:
        return None
    if name == "Washington" and not explicit:
        dc = [p for p in cands if p.state == "DC"]
        if dc:
            return dc[0]
    if explicit:
        state, country = explicit
        pool = [p for p in cands if p.country == country and (state is None or p.state == state)]
        if pool:
            return pool[0]
    return max(cands, key=lambda p: _score(p, ctx))


def _km(a: Place, b: Place) -> float:
    if a.lat is None or b.lat is None:
        return math.inf
    lat = math.radians((a.lat + b.lat) / 2)
    dx = (a.lon - b.lon) * 111.32 * math.cos(lat)
    dy = (a.lat - b.lat) * 110.57
    return math.hypot(dx, dy)


_SPECIAL_DEFAULTS = {"Washington"}  # resolved by resolve(): the capital unless qualified


def _near_home(name: str, ctx: PlaceContext, current: Place | None) -> Place | None:
    """An ambiguous bare name: prefer the candidate near the article's home city ("Overland Park and
    Independence" in a Kansas City story) when the context score leaves them close."""
    if ctx.home is None:
        return current
    if name in _SPECIAL_DEFAULTS:
        return current
    cands = [p for p in lookup_city(name) if p.country == ctx.home.country and p.population >= 1000]
    if current is not None:
        # proximity may pick a comparable place, not a village over a city of the same name, unless
        # the village lies close to the story's home in its state ("Willmar, Grove City and Hutchinson")
        cands = [
            p
            for p in cands
            if p == current
            or p.population * 3 >= current.population
            or (p.state == ctx.home.state and _km(p, ctx.home) < WEIGHTS.near_home_km)
        ]
    if len(cands) < 2:
        return current

    def score(p: Place) -> float:
        d = _km(p, ctx.home)
        if d < WEIGHTS.near_home_km:
            return _score(p, ctx) + WEIGHTS.near_home
        return _score(p, ctx) + (WEIGHTS.near_region if d < WEIGHTS.near_region_km else 0.0)

    return max(cands, key=score)


# Words that follow a town's name in a newspaper's or station's name ("The Westerly Sun").
NEWSPAPER_WORDS = {
    "sun", "times", "daily", "news", "herald", "tribune", "journal", "post", "press", "star", "gazette",
    "chronicle", "examiner", "telegraph", "record", "courier", "standard", "independent", "review",
    "leader", "observer", "dispatch", "day", "free", "register", "bulletin", "enterprise", "democrat",
    "republican", "citizen", "sentinel", "mercury", "eagle", "ledger", "argus", "beacon", "patch",
    "weekly", "advertiser", "messenger", "mail", "express", "inquirer", "globe", "today", "now",
    "courant", "banner", "pioneer", "clarion", "gleaner", "monitor", "reporter", "statesman", "bee",
    "guardian", "mirror", "world", "recorder", "transcript", "union", "voice", "echo", "appeal",
}  # fmt: skip


def outlet_places(source: str | None) -> list[Place]:
    """Where an outlet is at home, from its name: "The Westerly Sun", "Richmond Times-Dispatch",
    "Florida Politics". The candidates of a town name, or the state named."""
    if not source:
        return []
    words = re.sub(r"\(.*?\)", " ", source).replace("-", " ").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    for n in (3, 2, 1):  # the outlet's name opens with its town: the longest town name there
        name = " ".join(words[:n])
        if not name[:1].isupper() or name in _STATE_LIKE:
            continue
        if n < len(words) and words[n].lower() not in NEWSPAPER_WORDS:
            continue  # "Fraser Coast Chronicle" is no paper of a town called Fraser
        places = [p for p in lookup_city(name) if p.population >= 1000 and p.country in _HOME_COUNTRIES]
        if places:
            return places
    return []


def _outlet_votes(source: str | None, ctx: PlaceContext) -> None:
    """The outlet's home votes for its region, shared among the towns of that name by population
    (the prior that a paper called "Marshall ..." is in each Marshall)."""
    for word in (source or "").split():
        region = region_from_text(word)
        if region and region[0]:
            ctx.state_votes[region[0]] += WEIGHTS.outlet
            ctx.country_votes[region[1]] += WEIGHTS.outlet
            return
    places = outlet_places(source)
    total = sum(p.population for p in places)
    for p in places:
        share = WEIGHTS.outlet * p.population / total
        if p.state:
            ctx.state_votes[p.state] += share
        ctx.country_votes[p.country] += share


def _stranger(m: PlaceMention, ctx: PlaceContext) -> bool:
    """A town of a state the story never mentions, in a story firmly about another one ("the St.
    George area" in a Louisiana story is not St. George, Utah): a local place the gazetteer lacks."""
    if m.explicit or m.place.population >= WEIGHTS.big_city or not ctx.state_votes:
        return False
    top, votes = ctx.state_votes.most_common(1)[0]
    own = ctx.state_votes.get(m.place.state, 0)  # at most the town's own vote as an unambiguous name
    return m.place.state != top and own <= WEIGHTS.unambiguous_city and votes >= WEIGHTS.firm_state


def _unlisted_town(name: str, state: str | None, country: str) -> Place:
    """A town the gazetteer lacks (many New England towns are not in it): no coordinates."""
    return Place(name.title(), state, country, None, None, 0, None)


def _local_dateline(m: PlaceMention, ctx: PlaceContext, source: str | None) -> Place | None:
    """A dateline without a state is a well-known city or a town of the paper's own area (AP style):
    "RICHMOND —" in a Rhode Island paper is Richmond, R.I., not Virginia's capital 600 km away. A
    dateline town the gazetteer lacks is in the paper's own state, else the one the article votes for."""
    outlet = outlet_places(source)
    if m.place is None:
        if outlet:
            home = max(outlet, key=lambda p: p.population)
            return _unlisted_town(m.text, home.state, home.country)
        if not ctx.state_votes:
            return None
        state = ctx.state_votes.most_common(1)[0][0]
        return _unlisted_town(
            m.text, state, ctx.country_votes.most_common(1)[0][0] if ctx.country_votes else "US"
        )
    if not outlet or any(p.state == m.place.state for p in outlet):
        return m.place
    if m.text.title().replace("Saint ", "St. ") in AP_STANDALONE_DATELINES:
        return m.place
    home = max(outlet, key=lambda p: p.population)
    if any(p.state == home.state for p in lookup_city(m.text)) or _km(home, m.place) < WEIGHTS.near_region_km:
        return m.place
    return _unlisted_town(m.text, home.state, home.country)


def analyse(doc: Doc, source: str | None = None) -> PlaceContext:
    ctx = PlaceContext()
    ctx.dateline = parse_dateline(doc_text(doc))
    maybe: list[Span] = []
    ctx.mentions = find_mentions(doc, ctx.dateline, maybe)
    for m in ctx.mentions:
        if m.explicit is None:
            m.explicit, _ = _region_after(doc, m.end)
    _collect_votes(doc, ctx)
    _outlet_votes(source, ctx)
    # Unambiguous cities (one sizeable candidate) vote for their state.
    for m in ctx.mentions:
        if m.explicit:
            if m.explicit[0]:
                ctx.state_votes[m.explicit[0]] += 1
            ctx.country_votes[m.explicit[1]] += 1
            continue
        cands = [p for p in lookup_city(m.text) if p.population >= 1000]
        if len(cands) == 1 or (
            len(cands) > 1 and cands[0].population > WEIGHTS.dominant * cands[1].population
        ):
            if cands[0].state:
                ctx.state_votes[cands[0].state] += WEIGHTS.unambiguous_city
            ctx.country_votes[cands[0].country] += WEIGHTS.unambiguous_city
    # A name the article qualifies only later ("Kansas City, Kan.") is, when first used bare, the
    # other, default place of that name: writers add the region to mark the exception.
    headline_end = doc_text(doc).find("\n")
    first_explicit: dict[str, tuple[int, tuple]] = {}
    for m in ctx.mentions:
        if m.explicit and m.text.lower() not in first_explicit:
            first_explicit[m.text.lower()] = (m.start, m.explicit)
    for m in ctx.mentions:
        m.place = resolve(m.text, m.explicit, ctx)
        fe = first_explicit.get(m.text.lower())
        in_headline = doc[m.start].idx < headline_end
        if (
            m.explicit is None
            and fe is not None
            and m.start < fe[0]
            and m.place is not None
            and not in_headline
        ):
            state, country = fe[1]
            if m.place.state == state and m.place.country == country:
                others = [p for p in lookup_city(m.text) if p.country == country and p.state != state]
                if others and others[0].population >= m.place.population:
                    m.place = others[0]
    for m in ctx.mentions:
        if m.dateline and m.explicit is None:
            m.place = _local_dateline(m, ctx, source)
        elif m.place is not None and _stranger(m, ctx):
            m.place = None
    ctx.mentions = [m for m in ctx.mentions if m.place is not None]
    dl = [m for m in ctx.mentions if m.dateline]
    if dl:
        ctx.home = dl[0].place
    elif ctx.mentions:
        counts = Counter(m.place for m in ctx.mentions)
        ctx.home = counts.most_common(1)[0][0]
        ctx.home_named = False  # the town the story names most, not one it is datelined from
    else:
        # A story that names no town at all ("the City Council's summer meeting") is about the
        # outlet's own: the home is the outlet's town, the candidate the context favours.
        outlet = outlet_places(source)
        if outlet:
            ctx.home = ctx.outlet_home = max(outlet, key=lambda p: _score(p, ctx))
    if ctx.home:
        ctx.home_state = ctx.home.state
        ctx.home_country = ctx.home.country
        for m in ctx.mentions:
            if m.explicit is None and not m.dateline and m.text.lower() not in first_explicit:
                if m.text.lower() != ctx.home.name.lower():
                    m.place = _near_home(m.text, ctx, m.place)
        # Gazetteer names the tagger took for people, after "in"/"of": kept when the home state has one.
        taken = {i for m in ctx.mentions for i in range(m.start, m.end)}
        added = False
        for sp in maybe:
            if any(i in taken for i in range(sp.start, sp.end)):
                continue
            local = [
                p for p in lookup_city(sp.text) if p.state == ctx.home_state and p.country == ctx.home_country
            ]
            if local:
                ctx.mentions.append(PlaceMention(sp.start, sp.end, sp.text, place=local[0]))
                added = True
        if added:
            ctx.mentions.sort(key=lambda m: m.start)
    elif ctx.state_votes:
        ctx.home_state = ctx.state_votes.most_common(1)[0][0]
    return ctx
