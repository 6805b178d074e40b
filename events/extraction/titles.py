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
_add("school", "School Board President", "school board president", "board president")
_add("school", "School Board Member", "board member", "school board member", "trustee")
_add("national", "Prime Minister", "prime minister")
_add("province", "Premier", "premier")
_add("national", "Minister", "minister")
_add("national", "Member of Parliament", "mp", "member of parliament")

# Words that may stand directly before "Minister"/"Secretary" to form a portfolio title.
PORTFOLIO_HEADS = {"minister", "secretary"}

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
    """Context-dependent titles: 'Commissioner' on a county commission, plain 'Sen.'/'Rep.'."""
    if title.canonical == "Commissioner":
        if "county commission" in doc_lower and "city council" not in doc_lower:
            return _T("County Commissioner", "county")
        return _T("Commissioner", "city")
    if title.canonical == "Senator":
        if "u.s. senate" in doc_lower and "state senate" not in doc_lower:
            return _T("U.S. Senator", "state")
        return _T("State Senator", "state")
    if title.canonical == "Representative":
        if "congress" in doc_lower and "state house" not in doc_lower:
            return _T("U.S. Representative", "state")
        return _T("State Representative", "state")
    return title
