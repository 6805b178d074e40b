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

from .extraction.types import OfficialMention
from .locks import lock
from .models import Alias, Article, City, Official, Role
from .names import first_names_compatible, normalise_name, surname_of
from .rows import insert_objects, insert_rows, placeholders, table

Office = tuple[str, str, str]  # title, jurisdiction, state
# The columns written for a new official (the rest keep their defaults).
NEW_OFFICIAL_FIELDS = ("name", "surname", "search_text", "pinned", "edited", "created")


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
            stored += _by_surname(surnames, found)
        stored.sort(key=lambda o: o.pk)
        by_id = {o.pk: Known(o, surname=o.surname or "") for o in stored}
        if by_id:  # their aliases (names only) and roles, a plain query each
            aliases, roles = _aliases_and_roles(list(by_id))
            for official_id, name in aliases:
                by_id[official_id].aliases.add(name)
            for role in roles:
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
        insert_objects([k.official for k in self.known if k.new], NEW_OFFICIAL_FIELDS)
        renamed = [k.official for k in self.known if k.changed and not k.new]
        if renamed:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {table(Official)} SET name = %s, surname = %s, search_text = %s WHERE id = %s",
                    [(o.name, o.surname, o.search_text, o.pk) for o in renamed],
                )
        # Another process adding the same alias meanwhile is no error: it is there either way. A role
        # another process added meanwhile (to an official it found by an alias, outside this
        # article's surname locks) is there either way too. (Plain rows: ``events.rows``.)
        insert_rows(
            Alias,
            ("official", "name"),
            [(a.official.pk, a.name) for a in self.new_aliases],
            ignore_conflicts=True,
        )
        insert_rows(
            Role,
            ("official", "title", "jurisdiction", "state", "city", "first_seen", "last_seen"),
            [
                (r.official.pk, r.title, r.jurisdiction, r.state, r.city_id, r.first_seen, r.last_seen)
                for r in self.new_roles
            ],
            ignore_conflicts=True,
        )
        if self.widened:
            # Stretched to the article's date in the database: a date another process wrote meanwhile
            # is not undone.
            day = connection.ops.adapt_datefield_value(self.published)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table(Role)} SET "
                    "first_seen = CASE WHEN first_seen IS NULL OR first_seen > %s THEN %s ELSE first_seen END, "
                    "last_seen = CASE WHEN last_seen IS NULL OR last_seen < %s THEN %s ELSE last_seen END "
                    f"WHERE id IN ({placeholders(self.widened)})",
                    [day] * 4 + [role.pk for role in self.widened],
                )


# The article's officials are read in SQL written out, the rows made into instances as Django does
# (``Model.from_db``): the ORM took about as long to build each statement as the database to run it.


def _named_exactly(names: Iterable[str]) -> list[Official]:
    """The officials whose name or an alias is one of ``names`` up to case. Each side of the UNION
    is read through its table's ``LOWER(name)`` index (``iexact`` compared every row: 13 ms at
    26,000 officials)."""
    written = list(dict.fromkeys(names))
    if not written:
        return []
    official, alias = table(Official), table(Alias)
    lowered = ", ".join(["LOWER(%s)"] * len(written))
    sql = (
        f"SELECT * FROM {official} WHERE LOWER(name) IN ({lowered}) UNION "
        f"SELECT * FROM {official} WHERE id IN (SELECT official_id FROM {alias} WHERE LOWER(name) IN ({lowered}))"
    )
    return list(Official.objects.raw(sql, written * 2))


def _by_surname(surnames: set[str], exclude: set[int]) -> list[Official]:
    """The officials with one of ``surnames`` (folded), but those in ``exclude``."""
    sql = f"SELECT * FROM {table(Official)} WHERE surname IN ({placeholders(surnames)})"
    if exclude:
        sql += f" AND id NOT IN ({placeholders(exclude)})"
    return list(Official.objects.raw(sql, [*surnames, *exclude]))


ROLE_COLUMNS = tuple(field.attname for field in Role._meta.concrete_fields)


def _aliases_and_roles(official_ids: list[int]) -> tuple[list[tuple[int, str]], list[Role]]:
    """The (official id, name) of every alias of these officials, and their roles (a role's columns
    need no conversion, so its instances are made from the rows as they come)."""
    ids = placeholders(official_ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT official_id, name FROM {table(Alias)} WHERE official_id IN ({ids})", official_ids
        )
        aliases = cursor.fetchall()
        cursor.execute(
            f"SELECT {', '.join(ROLE_COLUMNS)} FROM {table(Role)} WHERE official_id IN ({ids})", official_ids
        )
        roles = [Role.from_db(connection.alias, ROLE_COLUMNS, row) for row in cursor.fetchall()]
    return aliases, roles


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
