"""Numbers as the JSON and YAML readers find them, converted only when that is safe.

A number written hundreds of digits long, or one that overflows a float, is kept as the
text it was (a :class:`Numeral`) instead of being converted, so that no conversion ever
takes long or overflows; the range checks of the answers read it as out of every range.
The YAML reader (answers files and the data files alike) and the JSON reader of answers
files share these readers.
"""

from __future__ import annotations

import math


class Numeral(str):
    """A number from a file or a row that is too large to convert, kept as written.

    The parsers (:func:`read_int`, :func:`read_float`) make one instead of an integer
    hundreds of digits long or a float that would overflow to infinity, so that no
    conversion ever runs on it; the answers' number check reads it as out of every range.
    """

    __slots__ = ()


#: Digits in the longest whole number converted from text. Far more than any bound
#: needs; a longer one is out of every range, and converting it would cost time (int)
#: or overflow (float).
MAX_DIGITS = 20


def read_int(text: str) -> int | Numeral:
    """An integer the JSON or YAML parser found: converted only when short enough."""
    number = short_int(text, MAX_DIGITS)
    return Numeral(text) if number is None else number


def short_int(text: str, most: int) -> int | None:
    """The whole number ``text`` spells, or None when it has more than ``most`` digits."""
    # Leading zeros are no size: counted without them, and converted without them too,
    # since Python refuses a text over 4300 characters whatever its value.
    digits = text.lstrip("+-").lstrip("0")
    if len(digits) > most:
        return None
    return -int(digits or "0") if text.startswith("-") else int(digits or "0")


def read_float(text: str) -> float | Numeral:
    """A decimal the JSON or YAML parser found; one that overflows stays as written.

    ``float()`` of a long text is linear in its length, and the parsers bound that."""
    number = float(text)
    return Numeral(text) if math.isinf(number) else number
