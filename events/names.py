"""People's names folded for comparison: the one rule that says when two spellings are one name."""

from __future__ import annotations

import re
import unicodedata

NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def normalise_name(name: str) -> str:
    """Accents, case, punctuation, suffixes and middle initials folded: "José Q. O'Neil Jr." -> "jose o neil"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = [w for w in re.sub(r"[^\w\s]", " ", text).split() if w not in NAME_SUFFIXES]
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    return " ".join(words)


def surname_of(name: str) -> str:
    """The folded last word of a name: "Núñez Jr." and "NUNEZ" are both "nunez"."""
    words = normalise_name(name).split()
    return words[-1] if words else ""


def first_names_compatible(ours: list[str], theirs: list[str]) -> bool:
    """Whether two folded first names (and middle names) can be one person's: equal, one an initial
    of the other ("q" and "quinton"), or one missing."""
    if not ours or not theirs:
        return True
    a, b = ours[0], theirs[0]
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))
