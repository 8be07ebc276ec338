"""Small wording helpers shared by the rules' sentences."""

from __future__ import annotations

from collections.abc import Iterable

from pmo_advisor.prose import number as shown_number


def join(items: Iterable[str], sep: str = ", ", word: str = "and") -> str:
    """Items as a sentence lists them: "a, b and c", or "a; b; or c" with ``sep="; "``."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    last = f"; {word} " if sep == "; " else f" {word} "
    return sep.join(words[:-1]) + last + words[-1]


def singular(name: str) -> str:
    """'Programme PMO' -> 'programme PMO'."""
    first, _, rest = name.partition(" ")
    return f"{first.lower()} {rest}".strip()


def plural(name: str) -> str:
    """'Project PMO' -> 'project PMOs'; 'Enterprise PMO (ePMO)' -> 'enterprise PMOs (ePMOs)'."""
    return singular(name).replace("PMO", "PMOs")


def a(phrase: str) -> str:
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


def years_text(value: float) -> str:
    return f"{shown_number(value)} year" + ("" if shown_number(value) == "1" else "s")


def people(count: int) -> str:
    return f"{count} person" if count == 1 else f"{count} people"


_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def in_words(value: float) -> str:
    """A whole number up to ten in words ("five"), as prose writes it; others in figures."""
    shown = shown_number(value)
    return _WORDS[int(shown)] if shown.isdigit() and int(shown) < len(_WORDS) else shown
