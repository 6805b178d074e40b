"""spaCy's attribute ruler, with its one-token patterns looked up by value instead of matched.

The stock small English pipeline's attribute ruler (its tag map: parts of speech and morphology
from the tagger's tags, and exceptions by word) holds 179 patterns, nearly all of one token. spaCy's
``Matcher`` tries every pattern at every token: 6.0 ms an article over 600 articles, against 1.2 ms
looked up, side by side (issue 12). ``IndexedAttributeRuler`` finds the same matches by looking each token's
values up in a dict of the patterns that test them with ``==`` or ``IN``, then checking the rest of
each candidate pattern; a pattern of several tokens, or one testing anything else (``REGEX``,
quantifiers, extensions), stays with spaCy's ``Matcher``. The matches, and so every attribute it
sets and the order later rules override earlier ones, are the same (``tests/test_attribute_ruler.py``
compares both on the test corpora).
"""

from __future__ import annotations

from collections import defaultdict

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# What a one-token pattern may test to be looked up (the attributes Doc.to_array gives as the
# Matcher reads them), by the name patterns use.
INDEXED_ATTRS = {
    "ORTH": ORTH,
    "TEXT": ORTH,
    "LOWER": LOWER,
    "NORM": NORM,
    "TAG": TAG,
    "POS": POS,
    "DEP": DEP,
    "LEMMA": LEMMA,
    "IS_SPACE": IS_SPACE,
}

# A test of one column of Doc.to_array: (column, operator, value or set of values).
Test = tuple[int, str, object]


class IndexedAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` whose ``match`` gives what spaCy's does, faster (see the module)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._index: _Index | None = None

    def clear(self) -> None:
        super().clear()
        self._index = None

    def add(self, patterns, attrs, index=0) -> None:
        super().add(patterns, attrs, index)
        self._index = None

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if self._index is None:
            self._index = _Index(self)
        return self._index.match(doc)


class _Index:
    """The patterns of a ruler, the one-token ones by the values they test and the others in a
    ``Matcher`` of their own, keyed as the ruler keys them (its patterns' position, as a string)."""

    def __init__(self, ruler: IndexedAttributeRuler) -> None:
        strings = ruler.vocab.strings
        self.columns: list[int] = []
        self.by_value: dict[tuple[int, int], list[tuple[int, int, list[Test]]]] = defaultdict(list)
        self.anywhere: list[tuple[int, int, list[Test]]] = []
        self.matcher = Matcher(ruler.vocab, validate=ruler.validate)
        for attr_id, entry in enumerate(ruler.patterns):
            key = strings.add(str(attr_id))
            rest = []
            for pattern in entry["patterns"]:
                tests = self.tests(pattern, strings)
                if tests is None:
                    rest.append(pattern)
                else:
                    self.place(attr_id, key, tests)
            if rest:
                self.matcher.add(key, rest)
        self.anchors = sorted({column for column, _ in self.by_value})  # the columns looked up

    def column(self, attr: int) -> int:
        if attr not in self.columns:
            self.columns.append(attr)
        return self.columns.index(attr)

    def tests(self, pattern: list, strings) -> list[Test] | None:
        """The tests of a one-token pattern that only compares indexed attributes, else None."""
        if len(pattern) != 1 or not isinstance(pattern[0], dict):
            return None
        tests = []
        for name, value in pattern[0].items():
            if name not in INDEXED_ATTRS:
                return None
            column = self.column(INDEXED_ATTRS[name])
            if isinstance(value, (str, bool, int)):
                tests.append((column, "==", _value_id(value, strings)))
            elif isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN"}:
                ((operator, values),) = value.items()
                if not isinstance(values, list) or not all(isinstance(v, (str, bool, int)) for v in values):
                    return None
                tests.append((column, operator, frozenset(_value_id(v, strings) for v in values)))
            else:
                return None
        return tests

    def place(self, attr_id: int, key: int, tests: list[Test]) -> None:
        """File the pattern under a value it requires (an ``==`` test, else each value of an ``IN``)
        with its other tests; a pattern requiring no value is tried at every token."""
        anchors = [i for i, t in enumerate(tests) if t[1] == "=="] + [
            i for i, t in enumerate(tests) if t[1] == "IN"
        ]
        if not anchors:
            self.anywhere.append((attr_id, key, tests))
            return
        i = anchors[0]
        column, operator, value = tests[i]
        others = tests[:i] + tests[i + 1 :]
        for required in [value] if operator == "==" else value:
            self.by_value[(column, required)].append((attr_id, key, others))

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What ``AttributeRuler.match`` returns: (position of the patterns, their key, start, end)
        for each match, sorted, so that a later pattern's attributes override an earlier one's."""
        found = set()
        if self.by_value or self.anywhere:
            rows = doc.to_array(self.columns).reshape(len(doc), len(self.columns)).tolist()
            for i, row in enumerate(rows):
                for column in self.anchors:
                    for attr_id, key, tests in self.by_value.get((column, row[column]), ()):
                        if _passes(row, tests):
                            found.add((attr_id, key, i, i + 1))
                for attr_id, key, tests in self.anywhere:
                    if _passes(row, tests):
                        found.add((attr_id, key, i, i + 1))
        if len(self.matcher):
            strings = doc.vocab.strings
            for key, start, end in self.matcher(doc, allow_missing=True, as_spans=False):
                found.add((int(strings[key]), key, start, end))
        return sorted(found)


def _passes(row: list[int], tests: list[Test]) -> bool:
    for column, operator, value in tests:
        if operator == "==":
            if row[column] != value:
                return False
        elif (row[column] in value) != (operator == "IN"):
            return False
    return True


def _value_id(value: str | bool | int, strings) -> int:
    """A pattern's value as the Matcher compares it: a string's id, a flag or number as is."""
    return strings.add(value) if isinstance(value, str) else int(value)


@Language.factory("civicnews_attribute_ruler", default_config={"validate": False})
def make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate)


def index_attribute_ruler(nlp: Language) -> None:
    """Replace ``nlp``'s attribute ruler, if it has spaCy's own, by an ``IndexedAttributeRuler``
    with the same patterns, under the same name and in the same place."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    stock = nlp.get_pipe("attribute_ruler")
    if type(stock) is not AttributeRuler:
        return
    patterns = stock.patterns
    indexed = nlp.replace_pipe("attribute_ruler", "civicnews_attribute_ruler")
    indexed.add_patterns(patterns)
