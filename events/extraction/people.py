"""Officials: named people with an office title, and offices referred to without a name.

Patterns: "[Place] Title Name" ("Kansas City Mayor Jane Roe", "Gov. Jane Roe", "state Sen. Jane Roe"),
appositives after the name ("Jane Roe, the mayor of Springfield,"), and surname / title+surname mentions
resolved to the fullest name in the article. People with no office in the text are left out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .components import TITLES_KEY
from .dates import MONTH_NAMES, WEEKDAYS
from .gazetteer import (
    COUNTRY_AS_STATE,
    COUNTRY_DISPLAY,
    US_STATES,
    county_states,
    lookup_city,
    region_from_text,
    region_name,
)
from .places import PlaceContext, PlaceMention
from .text import doc_ents, doc_text, doc_tokens
from .titles import PAST_MODIFIERS, PLURAL_TITLES, Title, canonical_level
from .types import OfficialMention, UnnamedOfficial

_NAME_STOP = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "miss",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "mayor",
    "said",
    "says",
    "and",
    "the",
    "of",
    "city",
    "county",
    "council",
    "who",
    "district",
    "ward",
    "jr",
    "sr",
}
_SUFFIXES = {"Jr.", "Sr.", "II", "III", "IV"}
# Offices with many holders in one place: "council members of Hutchinson" names no one office.
MANY_HOLDERS = {
    "Council Member", "Councillor", "Alderperson", "Commissioner", "County Commissioner", "Trustee",
    "School Board Member", "State Senator", "State Representative", "U.S. Senator", "U.S. Representative",
    "Assembly Member", "Selectman", "County Councillor", "Member of Parliament",
}  # fmt: skip
# Words an appositive title may follow: "Ann Lee, the city's clerk of council", "Bo Li, Ohio's
# former state senator".
_APPOSITIVE_FILLERS = {
    "the", "a", "an", "former", "interim", "acting", "then", "'s", "’s", "longtime", "current",
    "city", "town", "village", "county", "state", "district", "borough", "school", "other",
}  # fmt: skip


@dataclass
class Person:
    name: str
    title: Title | None = None
    title_text: str | None = None
    juris: str | None = None
    state: str | None = None
    explicit: bool = False
    aliases: set = field(default_factory=set)
    mentions: list = field(default_factory=list)  # (start_char, end_char)
    sents: list = field(default_factory=list)  # (start_char, end_char)
    tokens: set = field(default_factory=set)  # token indices of name mentions


def _sent_span(tok_or_span) -> tuple[int, int]:
    s = tok_or_span.sent
    return s.start_char, s.end_char


def _is_name_token(tok) -> bool:
    t = tok.text
    if not t[:1].isupper() or tok.lower_ in _NAME_STOP:
        return False
    if tok.ent_type_ in {"DATE", "TIME"} or tok.lower_ in WEEKDAYS or tok.lower_.rstrip(".") in MONTH_NAMES:
        return False  # "Gov. Mike Parson Tuesday", "Mayor Ann Roe Monday"
    if tok.pos_ not in {"PROPN", "NOUN", "ADJ", "VERB", "X"} and tok.ent_type_ != "PERSON":
        return False
    return t.replace("-", "").replace("'", "").replace("’", "").replace(".", "").isalpha()


def _comma_then_region(doc: Doc, i: int) -> bool:
    """Token ``i`` is a comma and the next one names a state or region (", Illinois")."""
    return (
        i < len(doc) and doc[i].text == "," and i + 1 < len(doc) and bool(region_from_text(doc[i + 1].text))
    )


def _name_after(doc: Doc, i: int) -> Span | None:
    """The run of capitalised name tokens starting at token i ("Mary Ann Smith-Jones")."""
    j = i
    while j < len(doc) and j - i < 4:
        tok = doc[j]
        if _is_name_token(tok) or (tok.text in _SUFFIXES and j > i):
            j += 1
            continue
        if (
            tok.text == "-"
            and j > i
            and j + 1 < len(doc)
            and not tok.whitespace_
            and _is_name_token(doc[j + 1])
        ):
            j += 2
            continue
        if len(tok.text) == 2 and tok.text[1] == "." and tok.text[0].isupper() and j > i:  # middle initial
            j += 1
            continue
        break
    if j == i:
        return None
    span = doc[i:j]
    # Do not swallow a following verb tagged PROPN at the end ("Smith Says").
    return span


# "Chico Unified School District", "Somerset County public schools", "Des Moines Public Schools"
_SCHOOL_DISTRICT = re.compile(
    r"(?:[A-Z][\w.'-]+ ){1,4}(?:(?:Unified |Independent |Community |City |County )?School District"
    r"|[Pp]ublic [Ss]chools|(?<=[a-z] )Schools|City Schools|County Schools)"
)
# "Horowhenua District Council", "Kilkenny County Council", "Northern Midlands Council"
_AREA_KINDS = r"(?:District|County|City|Borough|Shire|Regional|Council|The|A|An|This|That|Its|Their)\b"
_COUNCIL_AREA = re.compile(
    rf"(?P<name>(?:(?!{_AREA_KINDS})[A-Z][a-z'’]+ ){{0,2}}(?!{_AREA_KINDS})[A-Z][a-z'’]+) "
    r"(?:(?P<kind>District|County|City|Borough|Shire|Regional) )?Council\b"
)


def _surname_of(full: str, short: str) -> bool:
    """'Amy Shuler Goodwin' is 'Goodwin' and 'Shuler-Goodwin'."""
    words = full.split()
    return words[-1] == short or "-".join(words[-2:]) == short


def _name_list(doc: Doc, i: int) -> list[Span]:
    """'Ann Lee, Bo Li and Cy Ma' from token i: two names or more, or one name; [] if none."""
    names = []
    while True:
        name = _name_after(doc, i)
        if name is None or len(name) < 2:
            break
        names.append(name)
        i = name.end
        if i < len(doc) and doc[i].text == ",":
            i += 1
        if i < len(doc) and doc[i].lower_ == "and":
            i += 1
        elif not (i > 0 and doc[i - 1].text == ","):
            break
    return names


class OfficialFinder:
    def __init__(self, doc: Doc, ctx: PlaceContext):
        self.doc = doc
        self.ctx = ctx
        self.text = doc_text(doc)
        self.lower = self.text.lower()
        self.place_at = ctx.by_token()
        self.people: dict[str, Person] = {}
        self.titles = list(doc.spans[TITLES_KEY]) if TITLES_KEY in doc.spans else []
        self.county_at = {}
        for s, e, name in ctx.counties:
            for k in range(s, e):
                self.county_at[k] = (s, e, name)
        self.unnamed: dict[tuple, UnnamedOfficial] = {}

    # ----- jurisdiction helpers -------------------------------------------------------------
    def _county_state(self, county: str) -> str | None:
        states = county_states().get(county.lower(), frozenset())
        if self.ctx.home_state in states:
            return self.ctx.home_state
        if len(states) == 1:
            return next(iter(states))
        return self.ctx.home_state

    def _main_county(self) -> str | None:
        counts = Counter(name for _, _, name in self.ctx.counties)
        return counts.most_common(1)[0][0] if counts else None

    def _school_district(self) -> str | None:
        """'Chico Unified School District', 'Somerset County public schools' (styled as a name)."""
        m = _SCHOOL_DISTRICT.search(self.text)
        if m is None:
            return None
        return " ".join(w if w[:1].isupper() else w.capitalize() for w in m.group(0).split())

    def _council_area(self) -> str | None:
        """The area a council serves when the story names no town: 'Horowhenua District Council'
        -> Horowhenua, 'Kilkenny County Council' -> Kilkenny County in Ireland (Norfolk in England)."""
        areas = Counter()
        for m in _COUNCIL_AREA.finditer(self.text):
            name, kind = m.group("name"), m.group("kind") or ""
            if kind == "County" and self.ctx.home_country == "IE":
                name = f"{name} County"
            areas[name] += 1
        return areas.most_common(1)[0][0] if areas else None

    def _prefix(self, start: int):
        """What stands directly before a title: a city, a county, a state, 'U.S.' or nothing."""
        doc = self.doc
        k = start - 1
        if k < 0:
            return None
        if doc[k].text == ",":
            k -= 1
        if doc[k].lower_ in {"'s", "’s"}:
            k -= 1
        if k > 0 and doc[k].lower_ in {"city", "town", "village", "borough"} and doc[k].text.islower():
            k -= 1  # "Waitakere city mayor"
        if k < 0:
            return None
        county = self._county_named(k, doc[start])
        if county:
            return ("county", county)
        if k in self.county_at:
            s, e, name = self.county_at[k]
            if e - 1 == k:
                return ("county", name)
        m: PlaceMention | None = self.place_at.get(k)
        if m is not None and m.end - 1 == k:
            return ("city", m)
        # "Kansas City, Missouri, Mayor": region after the city
        for n in (2, 1):
            if k - n + 1 < 0:
                continue
            region = region_from_text(doc[k - n + 1 : k + 1].text)
            if region:
                kk = k - n
                if kk >= 0 and doc[kk].text == ",":
                    m = self.place_at.get(kk - 1)
                    if m is not None:
                        return ("city", m)
                return ("region", region)
        if doc[k].lower_ in {"u.s.", "us", "federal"}:
            return ("federal", None)
        area = self._area_before(k)
        if area:
            return ("area", area)
        return None

    def _county_style(self, county: str | None) -> str | None:
        """English counties go by their name alone ("Norfolk"), American and Irish ones with
        "County" ("Walworth County", "Kilkenny County")."""
        if county and self.ctx.home_country == "GB":
            return county.removesuffix(" County")
        return county

    def _county_named(self, k: int, title_start) -> str | None:
        """'Deschutes County Commissioner', 'Maui Fire Chief': a county named by the word before a
        title (the title itself may start with "County"), where the state has that county and the
        word is no town of the story."""
        doc = self.doc
        word = doc[k]
        if not word.text[:1].isupper() or k in self.place_at or word.ent_type_ == "PERSON":
            return None
        name = f"{word.text} County"
        states = county_states().get(name.lower(), frozenset())
        if any(p.state == self.ctx.home_state for p in lookup_city(word.text)):
            return None  # "Missoula mayor": the town, though the county shares its name
        if title_start.lower_ == "county" or (self.ctx.home_state in states and not word.is_sent_start):
            return name if states else None
        return None

    def _area_before(self, k: int) -> str | None:
        """'Glamorgan Spring Bay mayor Cheryl Arnol': a council area the gazetteer lacks, named by the
        capitalised words before a lower-case title."""
        doc = self.doc
        if k + 1 >= len(doc) or not doc[k + 1].text.islower():
            return None
        start = k
        while start >= 0 and k - start < 4 and doc[start].text[:1].isupper() and doc[start].pos_ == "PROPN":
            if doc[start].ent_type_ in {"PERSON", "ORG", "NORP"} or start in self.place_at:
                return None
            start -= 1
        if start == k or (start >= 0 and doc[start].text[:1].isupper()):
            return None
        return doc[start + 1 : k + 1].text

    def _named_state(self, anchor: Span | None) -> tuple[str, str] | None:
        """A state or province the sentence of a title names ("as Vermont's chief executive, Gov.
        Phil Scott"), the one nearest before the title first."""
        if anchor is None:
            return None
        sent = anchor.sent
        found = []
        for tok in sent:
            region = region_from_text(tok.text)
            if region and region[0] and tok.ent_type_ in {"GPE", "NORP", "LOC", "ORG", ""}:
                if tok.i in self.place_at:
                    continue
                found.append((0 if tok.i < anchor.start else 1, abs(anchor.start - tok.i), region))
        return min(found)[2] if found else None

    def _top_state(self) -> tuple[str, str] | None:
        votes = [(code, n) for code, n in self.ctx.state_votes.most_common() if code != "DC"]
        if not votes:
            return None
        code = votes[0][0]
        country = "CA" if region_name(code, "CA") and code not in US_STATES else "US"
        return code, country

    def _jurisdiction(
        self, title: Title, prefix, after_places: list, anchor: Span | None = None
    ) -> tuple[str | None, str | None, Title]:
        ctx = self.ctx
        level = title.level
        if prefix and prefix[0] == "area" and level in {"city", "body"}:
            return prefix[1], ctx.home_state, title
        if prefix and prefix[0] == "county" and level == "city" and title.canonical == "Mayor":
            title = Title("County Mayor", "county")
            level = "county"
        if level == "city" and prefix and prefix[0] == "county":
            return prefix[1], self._county_state(prefix[1]), title  # "Maui Fire Chief"
        if level == "city":
            place = None
            if prefix and prefix[0] == "city":
                place = prefix[1].place
            elif after_places:
                place = after_places[-1].place
            else:
                place = ctx.home
            if place is None:
                return self._council_area(), ctx.home_state, title
            return place.name, place.state, title
        if level == "county":
            if prefix and prefix[0] == "county":
                return self._county_style(prefix[1]), self._county_state(prefix[1]), title
            county = self._county_style(self._main_county())
            return county, (self._county_state(county) if county else ctx.home_state), title
        if level == "school":
            return self._school_district(), ctx.home_state, title
        if level == "federal":
            if ctx.home_country == "GB":
                return "United Kingdom", "GB", title
            return "United States", None, title
        if level in {"national", "province"}:
            if ctx.home_country == "GB":
                return "United Kingdom", "GB", title
            if ctx.home_country == "CA" and ctx.home_state:
                if prefix and prefix[0] == "region" and prefix[1][1] == "CA":
                    code = prefix[1][0]
                else:
                    code = ctx.home_state
                return region_name(code, "CA"), code, title
            state = ctx.home_country if ctx.home_country in COUNTRY_AS_STATE else None
            return COUNTRY_DISPLAY.get(ctx.home_country, ctx.home_country), state, title
        # state level: the state the title names, the sentence names, the story is about, the home's
        code, country = ctx.home_state, ctx.home_country
        named = self._named_state(anchor) or self._top_state()
        if prefix and prefix[0] == "region" and prefix[1][0]:
            code, country = prefix[1]
        elif prefix and prefix[0] == "city" and prefix[1].place is not None:
            code, country = prefix[1].place.state, prefix[1].place.country
        elif named and ctx.home_country in {"US", "CA"} and named[1] in {"US", "CA"}:
            code, country = named
        if country == "GB":
            return "United Kingdom", "GB", title
        return region_name(code, country), code, title

    # ----- pattern passes --------------------------------------------------------------------
    def _add(self, name_span: Span, title: Title, title_span: Span, prefix, after_places, explicit=True):
        name_span = self._trim_headline_name(name_span)
        name = name_span.text
        if name.endswith("'s") or name.endswith("’s"):
            name = name[:-2]
        juris, state, title = self._jurisdiction(title, prefix, after_places, title_span or name_span)
        if title.canonical == "Minister" or title.canonical.endswith("Secretary"):
            title = self._portfolio(title, title_span)
        party = self._party_state(name_span.end)
        if party and title.level == "state":
            state = party
            juris = region_name(party, "US")
            mention = title_span._.title if title_span is not None else None
            if mention is not None and mention.title.canonical in {"Senator", "Representative"}:
                # "Rep. Ann Roe, D-Maine": a party tag with a whole state is a member of Congress's
                # (a state legislator's names a home town: "Rep. Ann Roe, D-Bangor").
                title = Title(f"U.S. {mention.title.canonical}", "state")
        person = self.people.get(name)
        if person is None:
            person = Person(name)
            self.people[name] = person
        if person.title is None or (explicit and not person.explicit and prefix):
            person.title, person.juris, person.state = title, juris, state
            person.explicit = bool(prefix)
        person.mentions.append((name_span.start_char, name_span.end_char))
        person.sents.append(_sent_span(name_span))
        person.tokens.update(range(name_span.start, name_span.end))
        if title_span is not None:
            person.aliases.add(f"{title_span.text} {name_span[-1].text}")

    def _portfolio(self, title: Title, span: Span) -> Title:
        doc = self.doc
        k = span.start - 1
        words = []
        while k >= 0 and (doc[k].text[:1].isupper() or doc[k].lower_ == "and") and k not in self.place_at:
            if doc[k].lower_ in {"the", "a", "an"}:
                break
            words.insert(0, doc[k].text)
            if doc[k].is_sent_start:
                break
            k -= 1
        while words and words[0].lower() == "and":
            words.pop(0)
        if not words:
            return title
        portfolio = " ".join(words)
        if title.canonical == "Minister" and self.ctx.home_country == "CA":
            return Title(f"Minister of {portfolio}", "province")
        return Title(f"{portfolio} {span.text.title()}", title.level)

    def _party_state(self, end: int) -> str | None:
        """'Jane Roe, D-Pa.,' -> 'PA'."""
        doc = self.doc
        if (
            end + 3 < len(doc)
            and doc[end].text == ","
            and doc[end + 1].text in {"D", "R", "I"}
            and doc[end + 2].text in {"-", "–"}
        ):
            region = region_from_text(doc[end + 3].text) or region_from_text(doc[end + 3].text + ".")
            if region and region[1] == "US":
                return region[0]
        return None

    def _title_of(self, span: Span) -> Title | None:
        """The office a title span names, in this story's context; None for a former holder
        ("former Mayor", "then-Gov.") or a group ("mayors")."""
        mention = span._.title
        if mention is None or mention.plural or mention.former or self._former_before(span):
            return None
        title = canonical_level(mention.title, self.lower)
        if mention.suffix:
            return Title(f"{title.canonical}-{mention.suffix}", title.level)
        return title

    def singular_titles(self) -> Iterator[tuple[Span, Title]]:
        """Each title mention of one official ("the mayor", not "mayors") with its title."""
        for tspan in self.titles:
            if tspan.label_ in PLURAL_TITLES:
                continue
            title = self._title_of(tspan)
            if title is not None:
                yield tspan, title

    def _places_after(self, name: Span) -> list[PlaceMention]:
        """'Mayor Phil Torjusen in the Gulf Coast city of Gautier', 'Mayor Ann Roe of Dayton': the
        place of the office, right after the name."""
        doc = self.doc
        k = name.end
        if k >= len(doc) or doc[k].lower_ not in {"of", "in"}:
            return []
        for j in range(k + 1, min(k + 8, name.sent.end)):
            if doc[j].is_punct or doc[j].pos_ == "VERB":
                return []
            m = self.place_at.get(j)
            if m is not None:
                return [m]
        return []

    def _trim_headline_name(self, name: Span) -> Span:
        """Headlines capitalise every word: "Mayor Luke Bronin Faces Doubtful Audience" names Luke
        Bronin, the longest start of the run that the body names too."""
        headline_end = self.text.find("\n")
        if name.start_char > headline_end > 0:
            return name
        body = self.text[headline_end:]
        for end in range(name.end, name.start + 1, -1):
            if self.doc[name.start : end].text in body:
                return self.doc[name.start : end]
        return name

    def _former_before(self, span: Span) -> bool:
        """'former city commissioner Fred Burow', 'FORMER Fraser Coast mayor': a past-office word a
        few words before the title, inside the same noun phrase."""
        doc = self.doc
        for k in range(span.start - 1, max(span.start - 4, span.sent.start - 1), -1):
            tok = doc[k]
            if tok.lower_ in PAST_MODIFIERS:
                return True
            if tok.is_punct and tok.text != "-" or tok.pos_ in {"VERB", "AUX", "ADP", "DET"}:
                return False
        return False

    def _local_president(self, tspan: Span, title: Title) -> Title:
        """'two panel members, President Liz Griffin and Trustee Eileen Robinson': a board's or a
        council's president, not the nation's, when the sentence is about a local body."""
        if title.canonical != "President":
            return title
        words = {t.lower_ for t in self.doc[max(tspan.sent.start, tspan.start - 6) : tspan.end + 6]}
        if words & {"u.s.", "white", "nation", "national", "federal"}:
            return title
        if words & {"board", "trustee", "trustees", "school", "district", "panel"}:
            return Title("Board President", "school")
        if words & {"council", "councilmembers", "commission", "village", "borough", "aldermen"}:
            return Title("Council President", "city")
        return title

    def _lists(self):
        """'Councilmembers Ann Lee, Bo Li and Cy Ma', 'councillors Dayne Pratt and Greg Moss', 'four
        trustees of the village — Ann Lee, Bo Li, Cy Ma and Di Wu': each name holds the title."""
        doc = self.doc
        for tspan in self.titles:
            mention = tspan._.title
            if mention is None or not mention.plural or mention.former:
                continue
            if tspan.start > 0 and doc[tspan.start - 1].lower_ == "of" and tspan[0].text[:1].isupper():
                continue  # "Association of County Commissioners": a name, not a list
            i = tspan.end
            if i < len(doc) and doc[i].lower_ == "of":  # "of the village"
                j = i + 1
                while j < len(doc) and j - i < 5 and doc[j].text not in {"—", "–", ":", ","}:
                    j += 1
                i = j
            if i < len(doc) and doc[i].text in {"—", "–", ":"}:
                i += 1
            title = canonical_level(mention.title, self.lower)
            for name in _name_list(doc, i):
                if not any(self.place_at.get(k) for k in range(name.start, name.end)):
                    self._add(name, title, None, self._prefix(tspan.start), [])

    def find(self):
        doc = self.doc
        self._lists()
        for tspan, title in self.singular_titles():
            if tspan[0].lower_ == "president" and tspan.start > 0 and doc[tspan.start - 1].text[:1].isupper():
                continue
            title = self._local_president(tspan, title)
            name = _name_after(doc, tspan.end)
            if name is None:
                continue
            if name.end < len(doc) and _is_name_token(doc[name.end]) and doc[name.end].pos_ == "PROPN":
                continue
            if any(self.place_at.get(k) for k in range(name.start, name.end)) and len(name) == 1:
                continue
            self._add(name, title, tspan, self._prefix(tspan.start), self._places_after(name))
        self._appositives()
        self._resolve_short_names()
        self._collect_mentions()

    def _appositive_title(self, k: int, title_at: dict) -> int | None:
        """Where the title of an appositive starts, from token k just after "Name,": past
        determiners, possessives, places and words naming a government ("the city's clerk of
        council", "city council president", "who is the state's adjutant general")."""
        doc = self.doc
        if k + 1 < len(doc) and doc[k].lower_ == "who" and doc[k + 1].lemma_ == "be":
            k += 2
        steps = 0
        while k < len(doc) and steps < 6 and k not in title_at:
            tok = doc[k]
            if (
                tok.lower_ in _APPOSITIVE_FILLERS
                or k in self.place_at
                or k in self.county_at
                or tok.text[:1].isupper()
            ):
                k += 1
                steps += 1
                continue
            return None
        if k not in title_at:
            return None
        after = title_at[k].end
        if after < len(doc) and _is_name_token(doc[after]):
            return None  # "..., Gov. Jim Justice said": a title of the next name, not an appositive
        return k

    def _appositives(self):
        """'Jane Roe, the mayor of Springfield,' / 'Jane Roe, mayor and CEO of ...' / 'Al Cox
        (R-Maryville), the state's other senator' / 'the Mayor of Charleston, Amy Goodwin,'."""
        doc = self.doc
        title_at = {t.start: t for t in self.titles if t.label_ not in PLURAL_TITLES}
        for ent in self._name_runs():
            if ent.end >= len(doc):
                continue
            k = ent.end
            if doc[k].text == "(":  # "(R-Maryville)"
                while k < len(doc) and doc[k].text != ")" and k - ent.end < 8:
                    k += 1
                k += 1
            if k < len(doc) and doc[k].text == ",":
                start = self._appositive_title(k + 1, title_at)
                if start is not None:
                    self._appositive(ent, title_at[start])
                    continue
                self._director_of(ent, k + 1)
            self._title_before_comma(ent)

    def _name_runs(self) -> list[Span]:
        """People's names: the tagger's PERSON entities, and runs of two to four capitalised name
        words before a comma that it missed ("Cliff Mears, city council president, said")."""
        doc = self.doc
        runs = [e for e in doc_ents(doc) if e.label_ == "PERSON"]
        taken = {i for e in runs for i in range(e.start, e.end)}
        tokens = doc_tokens(doc)
        for tok in tokens:
            if tok.text != "," or tok.i - 1 in taken:
                continue
            start = tok.i
            while (
                start > 0
                and tok.i - start < 4
                and _is_name_token(tokens[start - 1])
                and tokens[start - 1].pos_ == "PROPN"
            ):
                start -= 1
            if tok.i - start >= 2 and not any(k in self.place_at for k in range(start, tok.i)):
                runs.append(doc[start : tok.i])
        return runs

    def _title_before_comma(self, ent: Span) -> None:
        """'the Mayor of Charleston, Amy Shuler Goodwin,': the title and its place come first."""
        doc = self.doc
        if ent.start < 4 or doc[ent.start - 1].text != ",":
            return
        place = self.place_at.get(ent.start - 2)
        if place is None or doc[place.start - 1].lower_ != "of":
            return
        tspan = next((t for t in self.titles if t.end == place.start - 1), None)
        if tspan is not None and tspan.start > 0 and doc[tspan.start - 1].lower_ == "the":
            title = self._title_of(tspan)
            if title is not None:
                self._add(ent, title, tspan, None, [place])

    def _director_of(self, ent: Span, k: int) -> None:
        """'Ann Lee, the director of the state's Emergency Management Division': a director of a
        government department holds office; "director of" a company or charity does not."""
        doc = self.doc
        words = [t.lower_ for t in doc[k : k + 4]]
        if words[:3] != ["the", "director", "of"]:
            return
        j = k + 3
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        level = {"state": "state", "city": "city", "county": "county"}.get(
            doc[j].lower_ if j < len(doc) else ""
        )
        if level is None:
            return
        j += 1
        if j < len(doc) and doc[j].lower_ in {"'s", "’s"}:
            j += 1
        end = j
        while end < len(doc) and (doc[end].text[:1].isupper() or doc[end].lower_ in {"of", "and"}):
            end += 1
        while end > j and doc[end - 1].lower_ in {"of", "and"}:
            end -= 1
        if end - j < 2:
            return
        title = Title(f"Director of the {doc[j:end].text}", level)
        self._add(ent, title, None, None, [])

    def _appositive(self, ent: Span, tspan: Span) -> None:
        doc = self.doc
        title = self._title_of(tspan)
        if title is None:
            return
        # "of Springfield" / "for the District of Maryland" after the title
        j = tspan.end
        while j < len(doc) and doc[j].lower_ in {"and", "ceo", "chair", "president"}:
            j += 1
        after = []
        district = None
        if j < len(doc) and doc[j].lower_ in {"of", "for"}:
            stop = j + 1
            while stop < len(doc) and doc[stop].text not in {",", ";", "."} and stop - j < 14:
                stop += 1
            if _comma_then_region(doc, stop):
                stop += 2
            after = [m for m in self.ctx.mentions if j < m.start < stop]
            phrase = doc[j + 1 : stop].text
            if phrase.startswith("the District of "):
                district = phrase.removeprefix("the ")
        self._add(ent, title, tspan, self._prefix(tspan.start), after)
        if district:
            p = self.people[ent.text]
            p.juris = district
            region = region_from_text(district.removeprefix("District of "))
            if region:
                p.state = region[0]

    def _resolve_short_names(self):
        """A surname alone ("Cr McCullagh", "Mayor Shuler-Goodwin") is the person of that surname
        the article names in full: an official found in full, else a name the tagger found."""
        in_title = {i for t in self.titles for i in range(t.start, t.end)}
        full_names = [e for e in self._name_runs() if len(e) >= 2 and e.start not in in_title]
        tokens = doc_tokens(self.doc)
        for tok in tokens:  # "elected member Andrew McCullagh": a name the tagger missed
            start = tok.i
            while start > 0 and tok.i - start < 3 and _is_name_token(tokens[start - 1]):
                start -= 1
            if start < tok.i and tok.pos_ == "PROPN" and _is_name_token(tok) and start not in in_title:
                full_names.append(self.doc[start : tok.i + 1])
        for key in list(self.people):
            p = self.people[key]
            if len(p.name.split()) > 1:
                continue
            full = [
                f for f in self.people.values() if len(f.name.split()) > 1 and _surname_of(f.name, p.name)
            ]
            if len(full) == 1:
                f = full[0]
                f.aliases |= p.aliases | {p.name}
                f.mentions += p.mentions
                f.sents += p.sents
                f.tokens |= p.tokens
                if f.title is None or (p.explicit and not f.explicit):
                    f.title, f.juris, f.state, f.explicit = p.title, p.juris, p.state, p.explicit
                del self.people[key]
                continue
            named = {e.text for e in full_names if _surname_of(e.text, p.name)}
            if len(named) == 1 and not full:
                (name,) = named
                del self.people[key]
                p.aliases.add(p.name)
                p.name = name
                self.people[name] = p

    def _collect_mentions(self):
        doc = self.doc
        by_last = {}
        for p in self.people.values():
            parts = p.name.split()
            by_last.setdefault(parts[-1], []).append(p)
        taken = set().union(*(p.tokens for p in self.people.values())) if self.people else set()
        for tok in doc_tokens(doc):
            if tok.i in taken:
                continue
            cands = by_last.get(tok.text)
            if not cands or len(cands) != 1:
                continue
            p = cands[0]
            parts = p.name.split()
            start = tok.i - (len(parts) - 1)
            if start >= 0 and doc[start : tok.i + 1].text == p.name:
                span = doc[start : tok.i + 1]
            else:
                span = doc[tok.i : tok.i + 1]
                if tok.ent_type_ not in {"PERSON", "", "ORG", "NORP", "GPE"}:
                    continue
                p.aliases.add(tok.text)
            if span.start in p.tokens:
                continue
            p.tokens.update(range(span.start, span.end))
            p.mentions.append((span.start_char, span.end_char))
            p.sents.append(_sent_span(span))

    # ----- unnamed officials -------------------------------------------------------------------
    def find_unnamed(self) -> list[UnnamedOfficial]:
        """Offices the text names without a holder: "the mayors of Dayton and Akron", "mayors from
        Corpus Christi and Galveston", "each city's police chief", "our mayor", "the Governor", "the
        Ohio Attorney General's office". An office whose holder the article names is no unnamed one,
        nor is a singular "the mayor" when the article names a mayor: it is that mayor."""
        doc = self.doc
        held = {(p.title.canonical, p.juris) for p in self.people.values() if p.title}
        # "the commissioner" after "Transportation Commissioner Lydia Marchbanks" is Marchbanks
        named_titles = {
            w
            for p in self.people.values()
            if p.title
            for w in (p.title.canonical, p.title.canonical.split()[-1])
        }
        out: dict[tuple, UnnamedOfficial] = {}
        for tspan in self.titles:
            canonical = PLURAL_TITLES.get(tspan.label_)
            title = None
            if canonical is None:
                title = self._title_of(tspan)
                if title is None:
                    continue
                canonical = title.canonical
            nxt = doc[tspan.end] if tspan.end < len(doc) else None
            if nxt is not None and _is_name_token(nxt) and nxt.i not in self.place_at:
                continue
            prev = doc[tspan.start - 1] if tspan.start else None
            if canonical in MANY_HOLDERS:
                continue  # one of a council's many members is no office of its own
            named = canonical in named_titles or canonical.split()[-1] in named_titles
            for juris, state, *office in self._unnamed_places(tspan, title, prev, nxt, named):
                office = office[0] if office else canonical
                if juris is None or (office, juris) in held:
                    continue
                key = (office, juris, state)
                if key not in out:
                    out[key] = UnnamedOfficial(office, juris, state, (_sent_span(tspan),))
        return list(out.values())

    def _unnamed_places(self, tspan: Span, title: Title | None, prev, nxt, named: bool):
        """(jurisdiction, state) of each office a title span names without a holder."""
        doc = self.doc
        prev2 = doc[tspan.start - 2] if tspan.start > 1 else None
        k = tspan.end + 1 if nxt is not None and nxt.text == "," else tspan.end  # "mayors, from the cities"
        after = doc[k] if k < len(doc) else None
        if (
            after is not None
            and after.lower_ in {"of", "from"}
            and (prev is None or prev.lower_ in {"the", "both"} or tspan._.title.plural)
        ):
            places = self._place_list(k + 1)
            if not places and any(
                t.lower_ in {"below", "following"} for t in doc[tspan.end : tspan.sent.end]
            ):
                places = self._listed_after(tspan.sent)
            return [(p.name, p.state) for p in places]
        if prev is not None and prev.lower_ in {"'s", "’s"} and prev2 is not None and prev2.lower_ == "city":
            before = doc[tspan.start - 3].lower_ if tspan.start > 2 else ""
            if before == "each":
                sent = tspan.sent
                return [
                    (m.place.name, m.place.state)
                    for m in self.ctx.mentions
                    if sent.start <= m.start < tspan.start
                ]
            if before == "the" and self.ctx.home:
                return [(self.ctx.home.name, self.ctx.home.state)]
            return []
        office = self._office_after(tspan)
        if office == "office":
            # "the Ohio Attorney General's office" (not "the City Clerk's Office", a department's name)
            juris, state, _ = self._jurisdiction(title, self._prefix(tspan.start), [], tspan)
            return [(juris, state)] if title is not None else []
        if title is None or named or not self._definite(tspan):
            return []
        if office == "Office":
            return []  # "the U.S. Attorney's Office": a department's name
        if nxt is not None and (nxt.lower_ in {"of", "for"} or nxt.text[:1].isupper()):
            return []
        # "the Governor" in a Massachusetts story, "our mayor" in a Savannah one: the office of the
        # place the sentence (or else the story) is about.
        if title.canonical in {"Minister"} or title.canonical.endswith("Secretary"):
            title = self._portfolio(title, tspan)  # "the Housing Minister"
        sent_places = {
            m.place
            for m in self.ctx.mentions
            if tspan.sent.start <= m.start < tspan.sent.end and m.place and not m.dateline
        }
        after = list(sent_places) if len(sent_places) == 1 and title.level == "city" else []
        juris, state, title = self._jurisdiction(
            title, None, [m for m in self.ctx.mentions if m.place in after], tspan
        )
        return [(juris, state, title.canonical)]

    def _office_after(self, tspan: Span) -> str | None:
        """'office' in "the governor's office", 'Office' in "the City Clerk's Office"; else None."""
        doc, end = self.doc, tspan.end
        if end + 1 < len(doc) and doc[end].lower_ in {"'s", "’s"} and doc[end + 1].lower_ == "office":
            return doc[end + 1].text
        return None

    def _definite(self, tspan: Span) -> bool:
        """'the mayor', 'the incumbent mayor', 'the Housing Minister': the title with "the" before
        it, past adjectives and a portfolio."""
        doc = self.doc
        k = tspan.start - 1
        while k >= 0 and tspan.start - k <= 3 and (doc[k].pos_ == "ADJ" or doc[k].text[:1].isupper()):
            if doc[k].lower_ == "the" or k in self.place_at:
                break
            k -= 1
        return k >= 0 and doc[k].lower_ == "the"

    def _place_list(self, k: int) -> list:
        """'Dayton, Akron and Canton' from token k: the places of a list."""
        doc = self.doc
        places = []
        while k < len(doc):
            m = self.place_at.get(k)
            if m is not None:
                places.append(m.place)
                k = m.end
                if _comma_then_region(doc, k):
                    k += 2
                continue
            if doc[k].text in {",", "and", "or"}:
                k += 1
                continue
            break
        return [p for p in places if p is not None]

    def _listed_after(self, sent: Span) -> list:
        """'from the cities listed below': the towns alone on the lines after the sentence."""
        out = []
        for m in self.ctx.mentions:
            if m.start < sent.end or m.place is None:
                continue
            before = self.doc[m.start - 1] if m.start else None
            after = self.doc[m.end] if m.end < len(self.doc) else None
            if before is not None and "\n" in before.text and (after is None or "\n" in after.text):
                out.append(m.place)
            elif out:
                break
        return out

    def officials(self) -> list[OfficialMention]:
        out = []
        for p in self.people.values():
            if p.title is None:
                continue
            mentions = tuple(sorted(set(p.mentions)))
            evidence = tuple(sorted(set(p.sents)))
            out.append(
                OfficialMention(
                    name=p.name,
                    title=p.title.canonical,
                    jurisdiction=p.juris,
                    state=p.state,
                    aliases=tuple(sorted(p.aliases - {p.name})),
                    evidence=evidence,
                    mentions=mentions,
                )
            )
        return out


def find_officials(doc: Doc, ctx: PlaceContext) -> OfficialFinder:
    finder = OfficialFinder(doc, ctx)
    finder.find()
    return finder
