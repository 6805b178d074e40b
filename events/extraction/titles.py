"""Office-title vocabulary: surface forms -> canonical title and the level of government it serves."""

from __future__ import annotations

from dataclasses import dataclass

# Levels: city, county, state, federal, school, national (non-US national), province, body (resolved later)


@dataclass(frozen=True)
class Title:
    canonical: str
    level: str


_T = Title

# Surface form (lower case, as tokenised text) -> Title. Longer forms win over shorter ones.
TITLE_FORMS: dict[str, Title] = {}


def _add(level: str, canonical: str, *forms: str) -> None:
    for form in forms + (canonical.lower(),):
        TITLE_FORMS[form] = _T(canonical, level)


_add("city", "Mayor", "mayor", "lord mayor")
_add("city", "Mayor Pro Tem", "mayor pro tem", "mayor pro tempore")
_add("city", "Deputy Mayor", "deputy mayor")
_add("county", "County Mayor", "county mayor")
_add("state", "Governor", "gov.", "governor")
_add("state", "Lieutenant Governor", "lt. gov.", "lt. governor", "lieutenant gov.", "lt.gov.")
_add("city", "Police Chief", "police chief", "chief of police", "police superintendent")
_add("city", "Deputy Police Chief", "deputy police chief", "deputy chief", "assistant police chief")
_add("city", "Police Commissioner", "police commissioner")
_add("city", "Fire Chief", "fire chief")
_add(
    "city",
    "Council Member",
    "council member",
    "councilmember",
    "councilman",
    "councilwoman",
    "city council member",
    "city councilmember",
    "city councilman",
    "city councilwoman",
    "council memeber",
    "councilperson",
)
_add("city", "Councillor", "councillor", "coun.", "councilor", "cllr", "cllr.")
_add("city", "Council President", "council president", "city council president")
_add("city", "Council Leader", "council leader", "leader of the council")
_add("city", "Alderperson", "ald.", "alderman", "alderwoman", "alderperson", "alder")
_add("city", "City Manager", "city manager")
_add("city", "City Administrator", "city administrator")
_add("city", "City Attorney", "city attorney")
_add("city", "City Clerk", "city clerk")
_add("city", "Inspector General", "inspector general")
_add("city", "Transportation Commissioner", "transportation commissioner")
_add("body", "Commissioner", "commissioner", "comm.")
_add("county", "County Commissioner", "county commissioner")
_add("county", "County Executive", "county executive", "county exec.")
_add("county", "Sheriff", "sheriff")
_add("county", "County Judge", "county judge")
_add("county", "County Chair", "county chair", "county chairman", "county chairwoman")
_add("county", "County Commission Chair", "county commission chair")
_add("county", "County Commission Chairman", "county commission chairman")
_add("county", "Commission Chairman", "commission chairman", "commission chairwoman")
_add("county", "Commission Chair", "commission chair")
_add("body", "Chairperson", "chairperson")
_add("county", "County Board Chair", "county board chair", "county board chairman")
_add("county", "Legislature Chair", "legislature chair", "legislature chairman")
_add("county", "District Attorney", "district attorney")
_add("county", "County Clerk", "county clerk")
_add("state", "State Senator", "state sen.", "state senator")
_add(
    "state",
    "State Representative",
    "state rep.",
    "state representative",
    "state del.",
    "state delegate",
    "assemblyman",
    "assemblywoman",
    "assemblymember",
    "state assemblyman",
    "state assemblywoman",
)
_add("state", "Senator", "sen.", "senator")
_add("state", "Representative", "rep.", "representative")
_add("state", "U.S. Senator", "u.s. sen.", "u.s. senator", "us sen.", "united states senator")
_add(
    "state",
    "U.S. Representative",
    "u.s. rep.",
    "u.s. representative",
    "congressman",
    "congresswoman",
    "us rep.",
    "u.s. congressman",
    "u.s. congresswoman",
    "congressmember",
)
_add("state", "Attorney General", "attorney general", "atty. gen.", "state attorney general")
_add("state", "Secretary of State", "secretary of state")
_add("state", "State Treasurer", "state treasurer", "treasurer")
_add("state", "State Auditor", "state auditor")
_add("state", "Senate President", "senate president", "president of the senate", "senate president pro tem")
_add("state", "Speaker", "house speaker", "speaker", "speaker of the house", "assembly speaker")
_add("state", "Senate Majority Leader", "senate majority leader")
_add("state", "House Majority Leader", "house majority leader")
_add("federal", "U.S. Attorney", "u.s. attorney", "united states attorney", "us attorney")
_add(
    "federal",
    "EPA Administrator",
    "epa administrator",
    "environmental protection agency administrator",
    "u.s. environmental protection agency administrator",
)
_add(
    "federal",
    "Deputy Transportation Secretary",
    "deputy transportation secretary",
    "u.s. deputy transportation secretary",
    "deputy secretary of transportation",
)
_add(
    "federal",
    "Transportation Secretary",
    "transportation secretary",
    "u.s. transportation secretary",
    "secretary of transportation",
)
_add("federal", "Secretary of Homeland Security", "homeland security secretary")
_add("federal", "Secretary of Housing and Urban Development", "housing secretary", "hud secretary")
_add("federal", "Energy Secretary", "energy secretary")
_add("federal", "Agriculture Secretary", "agriculture secretary")
_add("federal", "Interior Secretary", "interior secretary")
_add("federal", "Education Secretary", "education secretary")
_add("federal", "Attorney General of the United States", "u.s. attorney general")
_add("federal", "FEMA Administrator", "fema administrator")
_add("federal", "President", "president")
_add("federal", "Vice President", "vice president")
_add("school", "Superintendent", "superintendent", "schools superintendent", "supt.", "school superintendent")
_add(
    "school",
    "School Board Chair",
    "board chair",
    "school board chair",
    "board chairman",
    "board chairwoman",
    "school board chairman",
)
_add("school", "School Board President", "school board president")
_add("school", "School Board Member", "board member", "school board member", "school trustee")
_add("school", "Board President", "board president")
_add("school", "Board Vice President")
_add("national", "Prime Minister", "prime minister")
_add("province", "Premier", "premier")
_add("national", "Minister", "minister")
_add("national", "Member of Parliament", "mp", "member of parliament")

# Appointed posts and the titles of councils and boards as officials are styled in real copy. The
# display form is the one the office uses ("City Council President", "President of Council").
_add("city", "City Council President")
_add("city", "President of Council", "president of the council", "council's president")
_add("city", "Council Vice President", "council vice president", "vice president of council")
_add("city", "Council Vice Chair", "vice chair of the council")
_add("city", "Vice Mayor")
_add("city", "Lord Mayor")
_add("city", "Mayor-President", "mayor - president")
_add("city", "Clerk of Council", "clerk of the council")
_add("city", "Council Clerk")
_add("city", "Council Administrator")
_add("city", "Town Solicitor")
_add("city", "City Solicitor")
_add("city", "Law Director")
_add("city", "Town Manager")
_add("city", "Town Administrator")
_add("city", "Town Clerk")
_add("city", "Village Manager")
_add("city", "Village President")
_add("city", "Village Clerk")
_add("city", "Municipal Manager")
_add("city", "Municipal Attorney")
_add("city", "Municipal Clerk")
_add("city", "Chief Administrative Officer")
_add("city", "Chief Executive", "chief executive officer")
_add("city", "Selectman", "selectwoman", "select board member", "selectperson")
_add("city", "Select Board Chair", "chair of the select board")
_add("city", "Assembly Chair", "chair of the assembly")
_add("city", "Assembly Vice Chair")
_add("city", "Assembly Member", "assemblymember of the municipality")
_add("city", "Councillor", "cr", "cr.")
_add("city", "Council Leader", "leader of the city council", "city council leader")
_add("body", "Trustee", "trustee", "village trustee")
_add("county", "County Councillor", "county councilor")
_add("county", "County Auditor")
_add("county", "County Treasurer")
_add("county", "County Administrator")
_add("county", "County Manager")
_add("county", "State's Attorney", "states attorney", "state’s attorney")
_add("county", "County Commission Chairperson", "commission chairperson")
_add("county", "Parish President")
_add("state", "Adjutant General")
_add("state", "Secretary of State")
_add("state", "Comptroller", "state comptroller")

# Words that may stand directly before "Minister"/"Secretary" to form a portfolio title.
PORTFOLIO_HEADS = {"minister", "secretary"}

# Plural forms, for lists ("Councilmembers Ann Lee, Bo Li and Cy Ma") and unnamed groups ("the mayors
# of Dayton and Akron").
PLURAL_TITLES = {
    "mayors": "Mayor",
    "police chiefs": "Police Chief",
    "governors": "Governor",
    "sheriffs": "Sheriff",
    "city managers": "City Manager",
    "county executives": "County Executive",
    "superintendents": "Superintendent",
    "chiefs of police": "Police Chief",
    "fire chiefs": "Fire Chief",
    "county commissioners": "County Commissioner",
    "council members": "Council Member",
    "councilmembers": "Council Member",
    "city council members": "Council Member",
    "councilors": "Councillor",
    "councillors": "Councillor",
    "aldermen": "Alderperson",
    "alderpersons": "Alderperson",
    "trustees": "Trustee",
    "selectmen": "Selectman",
    "commissioners": "Commissioner",
    "assembly members": "Assembly Member",
}

# Words that change what a title says of its holder: "former"/"then-" (no longer in office: not an
# official), "-elect"/"-designate" (chosen, not yet sworn in: an official, "Governor-elect"),
# "acting"/"interim" (in office).
PAST_MODIFIERS = ("former", "ex", "then", "late")
IN_OFFICE_MODIFIERS = ("acting", "interim")
FUTURE_SUFFIXES = ("elect", "designate")


@dataclass(frozen=True)
class TitleMention:
    """A title as one span of text gives it: the office, and whether its holder is a former one or
    has been chosen but not sworn in ("elect", "designate")."""

    title: Title
    plural: bool = False
    former: bool = False
    suffix: str | None = None  # "elect" or "designate"

    @property
    def display(self) -> str:
        return f"{self.title.canonical}-{self.suffix}" if self.suffix else self.title.canonical


def title_mention(span) -> TitleMention | None:
    """``Span._.title``: what a span the title ruler labelled says (its label is the vocabulary key)."""
    words = [t.lower_ for t in span]
    plural = span.label_ in PLURAL_TITLES
    if plural:
        title = _T(PLURAL_TITLES[span.label_], TITLE_FORMS[PLURAL_TITLES[span.label_].lower()].level)
    else:
        title = TITLE_FORMS.get(span.label_)
    if title is None:
        return None
    return TitleMention(
        title,
        plural=plural,
        former=bool(words) and words[0] in PAST_MODIFIERS,
        suffix=next((w for w in words if w in FUTURE_SUFFIXES), None),
    )


def _spellings(form: str) -> set[str]:
    """The spellings a form takes in copy: tokenisation of abbreviations is case-sensitive ("Gov." is
    one token, "gov." is not), so each is its own pattern."""
    forms = {form, form.replace("u.s.", "U.S.")}
    out = set()
    for f in forms:
        out |= {f, f.title(), f.capitalize(), " ".join(w.capitalize() for w in f.split())}
    return out


def title_patterns() -> list[dict]:
    """SpanRuler phrase patterns for every title of the vocabulary, bare ("Mayor"), with a modifier
    before it ("former Mayor", "then-Gov.", "acting Police Chief") and with a suffix after it
    ("Gov.-elect", "Police Chief-designate"). Each pattern's label is the vocabulary key of its title."""
    patterns = []
    for form in list(TITLE_FORMS) + list(PLURAL_TITLES):
        for spelling in sorted(_spellings(form)):
            patterns.append({"label": form, "pattern": spelling})
            for modifier in PAST_MODIFIERS + IN_OFFICE_MODIFIERS:
                patterns.append({"label": form, "pattern": f"{modifier} {spelling}"})
                patterns.append({"label": form, "pattern": f"{modifier}-{spelling}"})
            for suffix in FUTURE_SUFFIXES:
                patterns.append({"label": form, "pattern": f"{spelling}-{suffix}"})
    return patterns


# Abbreviations the tokenizer should keep whole (so the sentence splitter does not break on them).
TOKENIZER_SPECIAL_CASES = (
    "Lt.",
    "Gov.",
    "Sen.",
    "Rep.",
    "Ald.",
    "Coun.",
    "Supt.",
    "Comm.",
    "Atty.",
    "Gen.",
    "Del.",
    "Cllr.",
    "Ont.",
    "Que.",
    "Alta.",
    "Sask.",
    "Nfld.",
)

# Titles after which a plain "Sen."/"Rep." is a state legislator unless "U.S." precedes it.
FEDERAL_MARKERS = {"u.s.", "us", "united", "congressional", "congress"}


def canonical_level(title: Title, doc_lower: str) -> Title:
    """Context-dependent titles: 'Commissioner' on a county commission, plain 'Sen.'/'Rep.', a
    trustee or chairperson of a school board or of a village."""
    if title.level == "body" and title.canonical in {"Trustee", "Chairperson"}:
        school = any(w in doc_lower for w in ("school board", "board of education", "school district"))
        if title.canonical == "Chairperson":
            return _T("School Board Chair", "school") if school else _T("Chairperson", "city")
        return _T("Trustee", "school" if school else "city")
    if title.canonical == "Commissioner":
        if "county commission" in doc_lower and "city council" not in doc_lower:
            return _T("County Commissioner", "county")
        return _T("Commissioner", "city")
    if title.canonical in {"Senator", "Representative"}:
        federal = sum(doc_lower.count(cue) for cue in FEDERAL_CUES)
        state = sum(doc_lower.count(cue) for cue in STATE_LEGISLATURE_CUES)
        chamber = "U.S." if federal > state else "State"
        return _T(f"{chamber} {title.canonical}", "state")
    return title


# Words of a story that place a plain "Sen."/"Rep." in Congress or in the statehouse.
FEDERAL_CUES = (
    "u.s. senate",
    "congress",
    "capitol hill",
    "washington, d.c",
    "washington d.c",
    "white house",
    "u.s. house",
    "federal",
    "senate budget committee",
    "senate finance committee",
    "house of representatives",
)
STATE_LEGISLATURE_CUES = (
    "state senate",
    "state house",
    "statehouse",
    "state capitol",
    "general assembly",
    "legislature",
    "state lawmakers",
    "state legislat",
)
