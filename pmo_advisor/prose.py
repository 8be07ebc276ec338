"""How numbers, lists and sentences are written in text that people read and type.

One rule each, shared by the rules' sentences, the renderers and the answers' checks:
a number as people write it (and the rounded value rules compare), the separators of a
list written as text, a sentence's first letter.
"""

from __future__ import annotations

import re

#: What separates the items of a list written as text ("plan-schedule, run-raid"): commas,
#: or semicolons as spreadsheets in many countries write lists.
LIST_SEPARATOR = re.compile(r"[,;]")


def split_list(text: str) -> list[str]:
    """The items of a list written as one text, without blanks; the same rule for
    ``--set``, ``--held``, ``--focus``, answers files and roster cells."""
    return [item.strip() for item in LIST_SEPARATOR.split(text) if item.strip()]


def as_shown(value: float) -> float:
    """A number rounded the way :func:`number` shows it. Rules compare this value, so a
    comparison never disagrees with the number printed beside it."""
    return round(float(value), 2)


def number(value: float) -> str:
    """A number as people write it: no ".0", at most two decimals."""
    rounded = as_shown(value)
    return str(int(rounded)) if rounded.is_integer() else f"{rounded:g}"


def capitalise(text: str) -> str:
    """Text with its first letter upper-case, the rest as it is ("you run a PMO" -> "You
    run a PMO"); str.capitalize would lower-case "PMO"."""
    return text[:1].upper() + text[1:]
