"""Link the officials one article names to stored officials, creating and updating them.

An article's names are looked up together, in a few queries whatever their number, and written
together: looking up each name, then reading each official's aliases and roles and writing each
change, cost ingest about five statements per official (issue 12). What the lookups find is kept in
memory and kept up to date as the article's names are resolved one by one, in order, so that a name
finds the official an earlier name of the same article created or renamed, exactly as separate
lookups in the database would.

One record per person: the same full name or alias (up to case), the same name up to accents and
middle initials, or the same surname holding the same office in the same jurisdiction with a
compatible first name ("Q. Lucas", or none). Aliases and roles accumulate; a fuller form of the name
replaces the name unless an editor pinned it.

Callers own the transaction and hold the locks of the article's surnames (``locks.lock``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import DateField, Value
from django.db.models.functions import Coalesce, Greatest, Least

from .extraction.types import OfficialMention
from .locks import lock
from .models import Alias, Article, City, Official, Role
from .names import first_names_compatible, normalise_name, surname_of

Office = tuple[str, str, str]  # title, jurisdiction, state


@dataclass(eq=False)
class Known:
    """One official as the article's saving knows it: the row, every alias and every role."""

    official: Official
    surname: str
    aliases: set[str] = field(default_factory=set)
    roles: dict[Office, Role] = field(default_factory=dict)
    new: bool = False
    resolved: bool = False  # one of the article's names means this official
    changed: bool = False  # its name, an alias or a role is new: the search text is written again

    def is_named(self, lowered: str) -> bool:
        """Whether its name or an alias is ``lowered`` up to case."""
        return self.official.name.lower() == lowered or any(a.lower() == lowered for a in self.aliases)

    def search_text(self) -> str:
        return Official.make_search_text(self.official.name, sorted(self.aliases), sorted(self.roles))


class ArticleOfficials:
    """The officials an article's names may mean, read in one go, then found, created and updated
    in memory; ``save()`` writes what changed in a handful of statements."""

    def __init__(self, mentions: Sequence[OfficialMention], earlier: dict[str, int]) -> None:
        self.known: list[Known] = []  # stored ones by id, then the new ones in order of creation
        self.new_aliases: list[Alias] = []
        self.new_roles: list[Role] = []
        self.widened: list[Role] = []  # stored roles the article's date lies outside of
        self.published: dt.date | None = None  # the article's date, what ``widened`` stretch to
        stored = list(_named_exactly([m.name for m in mentions if len(normalise_name(m.name).split()) >= 2]))
        if earlier:  # re-extraction: the officials an editor renamed or merged that its names stood for
            stored += Official.objects.filter(pk__in=set(earlier.values()))
        found = {o.pk for o in stored}
        lowered = [m.name.lower() for m in mentions]
        named = {name for name in lowered for o in stored if o.name.lower() == name}
        # Names no stored official bears (aliases are read below): candidates by surname.
        surnames = {surname_of(m.name) for m, low in zip(mentions, lowered, strict=True) if low not in named}
        surnames.discard("")
        if surnames:
            stored += Official.objects.filter(surname__in=surnames).exclude(pk__in=found)
        stored.sort(key=lambda o: o.pk)
        by_id = {o.pk: Known(o, surname=o.surname or "") for o in stored}
        if by_id:  # their aliases (names only) and roles, a plain query each
            for official_id, name in Alias.objects.filter(official__in=by_id).values_list(
                "official_id", "name"
            ):
                by_id[official_id].aliases.add(name)
            for role in Role.objects.filter(official__in=by_id):
                role.official = by_id[role.official_id].official
                by_id[role.official_id].roles[(role.title, role.jurisdiction, role.state)] = role
        self.known = list(by_id.values())

    def find(self, mention: OfficialMention) -> Known | None:
        """The official already known as this person, if any (see the module docstring)."""
        key = normalise_name(mention.name)
        words = key.split()
        if not words:
            return None
        if len(words) >= 2:
            lowered = mention.name.lower()
            if exact := next((k for k in self.known if k.is_named(lowered)), None):
                return exact
        surname = words[-1]
        same_surname = [k for k in self.known if k.surname == surname]
        for k in same_surname:
            if len(words) >= 2 and normalise_name(k.official.name) == key:
                return k
        if not mention.title:
            return None
        office = (mention.title, mention.jurisdiction or "")
        for k in same_surname:
            theirs = normalise_name(k.official.name).split()
            if first_names_compatible(words[:-1], theirs[:-1]) and any(o[:2] == office for o in k.roles):
                return k
        return None

    def by_id(self, official_id: int) -> Known | None:
        return next((k for k in self.known if k.official.pk == official_id), None)

    def resolve(
        self, article: Article, mention: OfficialMention, city: City | None, earlier: dict[str, int]
    ) -> Known:
        """The official ``mention`` names, updated in memory with what the article says of them.

        ``city`` is the stored city of the mention's jurisdiction, if it is one. ``earlier`` maps the
        names the article wrote, before it was extracted again, to the edited officials they stood
        for: an editor's rename or merge decides who the name means.
        """
        known = self._earlier(article, mention, earlier) or self.find(mention)
        if known is None:
            known = Known(Official(name=mention.name), surname_of(mention.name), new=True)
            self.known.append(known)
        elif _fullness(mention.name) > _fullness(known.official.name) and "name" not in known.official.pinned:
            # A fuller form of the name ("Lucas" known, "Quinton Lucas" now): keep the fuller one.
            known.official.name = mention.name
            known.surname = surname_of(mention.name)
            known.changed = True
        known.resolved = True
        for name in dict.fromkeys(alias[:200] for alias in [mention.name, *mention.aliases]):
            if name not in known.aliases:
                known.aliases.add(name)
                self.new_aliases.append(Alias(official=known.official, name=name))
                known.changed = True
        if mention.title:
            self._hold(known, (mention.title, mention.jurisdiction or "", mention.state or ""), article, city)
        return known

    def _earlier(self, article: Article, mention: OfficialMention, earlier: dict[str, int]) -> Known | None:
        written = [
            mention.name,
            *mention.aliases,
            *(article.text[start:end] for start, end in mention.mentions),
        ]
        for name in written:
            if official_id := earlier.get(normalise_name(name)):
                return self.by_id(official_id)
        return None

    def _hold(self, known: Known, office: Office, article: Article, city: City | None) -> None:
        """The official holds ``office`` as of the article: a new role, or one seen over a longer time."""
        published = article.published
        role = known.roles.get(office)
        if role is None:
            title, jurisdiction, state = office
            role = Role(
                official=known.official,
                title=title,
                jurisdiction=jurisdiction,
                state=state,
                city=city,
                first_seen=published,
                last_seen=published,
            )
            known.roles[office] = role
            self.new_roles.append(role)
            known.changed = True
        elif published is not None and _widen_seen(role, published) and role.pk is not None:
            if role not in self.widened:
                self.widened.append(role)
                self.published = published

    def save(self) -> None:
        """Write the new officials, aliases and roles and what changed, a statement for each kind.

        The stored officials the article names are locked first (not every candidate: a common
        surname has hundreds, and PostgreSQL's lock table is shared by all transactions): meetings
        are found through them, and one known under another surname is not covered by the
        article's surname locks."""
        lock(f"official:{k.official.pk}" for k in self.known if k.resolved and not k.new)
        for known in self.known:
            if known.new or known.changed:
                known.official.search_text = known.search_text()
                known.official.surname = known.surname
        Official.objects.bulk_create([k.official for k in self.known if k.new])
        for known in self.known:
            if known.changed and not known.new:  # (``bulk_update`` built a CASE per field: 4x the time)
                official = known.official
                Official.objects.filter(pk=official.pk).update(
                    name=official.name, surname=official.surname, search_text=official.search_text
                )
        if self.new_aliases:
            # Another process adding the same alias meanwhile is no error: it is there either way.
            Alias.objects.bulk_create(self.new_aliases, ignore_conflicts=True)
        # A role another process added meanwhile (to an official it found by an alias, outside this
        # article's surname locks) is there either way too.
        Role.objects.bulk_create(self.new_roles, ignore_conflicts=True)
        if self.widened:
            # Stretched to the article's date in the database: one plain UPDATE (not a CASE for each
            # role), and a date another process wrote meanwhile is not undone.
            day = Value(self.published, output_field=DateField())
            Role.objects.filter(pk__in=[role.pk for role in self.widened]).update(
                first_seen=Least(Coalesce("first_seen", day), day),
                last_seen=Greatest(Coalesce("last_seen", day), day),
            )


def _named_exactly(names: Iterable[str]) -> list[Official]:
    """The officials whose name or an alias is one of ``names`` up to case. Each side of the UNION
    is read through its table's ``LOWER(name)`` index (``iexact`` compared every row: 13 ms at
    26,000 officials). Written as SQL: the ORM took ~2 ms to build it, for every article."""
    written = list(dict.fromkeys(names))
    if not written:
        return []
    quote = connection.ops.quote_name
    official, alias = quote(Official._meta.db_table), quote(Alias._meta.db_table)
    lowered = ", ".join(["LOWER(%s)"] * len(written))
    sql = (
        f"SELECT * FROM {official} WHERE LOWER(name) IN ({lowered}) UNION "
        f"SELECT * FROM {official} WHERE id IN (SELECT official_id FROM {alias} WHERE LOWER(name) IN ({lowered}))"
    )
    return list(Official.objects.raw(sql, written * 2))


def _fullness(name: str) -> tuple[int, int]:
    """How full a form of a name is: longer once folded ("Quinton Lucas" over "Lucas"), then longer as
    written ("Levar M. Stoney" over "Levar Stoney"), so the name kept does not depend on the order
    the articles come in (concurrent ingests must equal a serial one). A spelling of the same length
    ("Alma Reyez", an alias after a merge) never replaces the name."""
    return (len(normalise_name(name)), len(name))


def _widen_seen(role: Role, published: dt.date) -> bool:
    """Stretch the role's first and last seen dates to ``published``; whether they changed."""
    changed = False
    if role.first_seen is None or published < role.first_seen:
        role.first_seen, changed = published, True
    if role.last_seen is None or published > role.last_seen:
        role.last_seen, changed = published, True
    return changed
