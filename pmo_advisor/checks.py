"""The rules each answer must meet, as plain functions.

They are shared by the answers model (files, standard input, ``--set``) and by the
questionnaire, which checks each answer as it is typed without loading pydantic. Each
raises ValueError with a message that completes "<key>: ...".
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from pmo_advisor.errors import InputError
from pmo_advisor.text import LIST_SEPARATOR, quoted, valid_unicode

#: Answer keys in the order they are shown, saved and asked.
ANSWER_KEYS: tuple[str, ...] = (
    "title",
    "years",
    "scope",
    "activities",
    "delivery",
    "focus",
    "team_size",
    "qualifications",
    "market",
)
REQUIRED_KEYS: tuple[str, ...] = ("years", "scope", "activities")
LIST_KEYS: tuple[str, ...] = ("activities", "delivery", "focus", "qualifications")

MAX_YEARS = 60
# ASCII digits only, as for --level and COLUMNS: "٣" is three, but a number written in
# another script is almost always a paste gone wrong, and the same rule everywhere is
# easier to trust.
_PLAIN_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)", re.ASCII)
MAX_TEAM = 100_000
MAX_TITLE = 200
#: More items than any list answer can hold (there are far fewer ids); a longer list is
#: a mistake, and checking each item would only make the error slow to arrive.
MAX_LIST = 200
#: Longer than any answer written as text can be (a list of MAX_LIST course names); a
#: longer text is refused by its length alone, before it is split or searched.
MAX_TEXT = 100 * MAX_LIST


def split_list(text: str) -> list[str]:
    """The items of a list answer written as one text, without blanks; the same rule for
    ``--set``, ``--held``, ``--focus``, answers files and roster cells."""
    return [item.strip() for item in LIST_SEPARATOR.split(text) if item.strip()]


def is_given(value: Any) -> bool:
    """Whether an answer was really given: an empty one ("focus:" in YAML, "--set focus=",
    an unticked list) counts as not given, wherever it came from."""
    return value not in (None, "", [], ())


def given_only(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The answers in ``raw`` that were really given."""
    return {key: value for key, value in raw.items() if is_given(value)}


def oversized(raw: Mapping[str, Any]) -> list[str]:
    """What is too large in ``raw``, as "<key>: ..." lines: lists longer than MAX_LIST
    and texts longer than MAX_TEXT. Only sizes are read, never the contents, so that
    this is instant for any input and validation never walks a huge value."""
    problems = []
    for key, value in raw.items():
        if isinstance(value, str) and len(value) > MAX_TEXT:
            problems.append(f"{key}: is {len(value)} characters long; at most {MAX_TEXT} are read")
        elif isinstance(value, list | tuple) and len(value) > MAX_LIST:
            problems.append(f"{key}: has {len(value)} items; at most {MAX_LIST} are read")
    return problems


def describe(value: Any) -> str:
    """A short, readable account of a value someone gave, for error messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, Numeral):  # a number, shown as one
        return _shown(value)
    if isinstance(value, str):
        return quoted(value) if len(value) <= 60 else quoted(value[:57]) + "..."
    if isinstance(value, int | float):
        return _shown(value)
    if isinstance(value, list | tuple):
        return "an empty list" if not value else "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{value} ({type(value).__name__})"


class Numeral(str):
    """A number from a file or a row that is too large to convert, kept as written.

    The parsers (:func:`read_int`, :func:`read_float`) make one instead of an integer
    hundreds of digits long or a float that would overflow to infinity, so that no
    conversion ever runs on it; :func:`check_number` reads it as out of every range.
    """

    __slots__ = ()


#: Digits in the longest whole number converted from text. Far more than any bound
#: needs; a longer one is out of every range, and converting it would cost time (int)
#: or overflow (float).
MAX_DIGITS = 20


def read_int(text: str) -> int | Numeral:
    """An integer the JSON or YAML parser found: converted only when short enough."""
    number = _short_int(text, MAX_DIGITS)
    return Numeral(text) if number is None else number


def _short_int(text: str, most: int) -> int | None:
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


def check_number(value: Any, high: int, *, whole: bool) -> float:
    """The one range check for every number from outside: ``value`` as a finite number
    from 0 to ``high`` (a whole one when ``whole``), or ValueError saying why not.

    Every kind of value is bounded before it is converted, so that nothing can overflow
    or take long: an int is compared as it is, a text's digits are counted first, and a
    :class:`Numeral` is out of range without being read at all.
    """
    # YAML reads "yes" and "no" as booleans, and bool is an int in Python.
    if isinstance(value, bool):
        raise ValueError("must be a number, not true/false")
    if isinstance(value, Numeral):
        raise ValueError(f"must be from 0 to {high}, got {_shown(value)}")
    number: int | float
    if isinstance(value, str):
        number = _number_text(value, high)
    elif isinstance(value, int | float):
        number = value
    else:
        raise ValueError(f"must be a number, got {describe(value)}")
    if isinstance(number, float) and not math.isfinite(number):
        raise ValueError("must be a finite number")
    # Compared before any conversion: an int of any size compares with an int exactly.
    if not 0 <= number <= high:
        raise ValueError(f"must be from 0 to {high}, got {_shown(value)}")
    if whole and isinstance(number, float) and not number.is_integer():
        raise ValueError(f"must be a whole number, got {_shown(value)}")
    return number


def _number_text(value: str, high: int) -> int | float:
    text = value.strip()
    if not text:
        raise ValueError("type a number, such as 4")
    # float() would also take "1_0" as 10, "1e1" and "nan"; people mean none of them.
    if not _PLAIN_NUMBER.fullmatch(text):
        if _PLAIN_NUMBER.fullmatch(text.replace(",", ".")):
            raise ValueError(f"use a point for decimals: {text.replace(',', '.')}")
        raise ValueError(f"must be a number, got {describe(value)}")
    # Counted, not converted: more whole digits than the bound has is out of range.
    whole, _, _ = text.partition(".")
    number = _short_int(whole, len(str(high)))
    if number is None:
        raise ValueError(f"must be from 0 to {high}, got {_shown(value)}")
    return number if whole == text else float(text)


def check_years(value: Any) -> float:
    """Years of experience: a finite number from 0 to 60."""
    return float(check_number(value, MAX_YEARS, whole=False))


def check_team_size(value: Any) -> int:
    """Team size: a whole number from 0 to 100,000."""
    return int(check_number(value, MAX_TEAM, whole=True))


def check_title(value: Any) -> str | None:
    """A job title: text of at most 200 characters; blank means none."""
    if not isinstance(value, str) or isinstance(value, Numeral):
        raise ValueError(f"must be text, got {describe(value)}")
    # Bytes that were not UTF-8 (arguments from a terminal in another encoding) arrive as
    # lone surrogates; keep what decodes and mark the rest. Other lone surrogates (a JSON
    # "\ud800") stand for no character at all and are marked too.
    text = valid_unicode(value).strip()
    if len(text) > MAX_TITLE:
        raise ValueError(f"must be at most {MAX_TITLE} characters")
    return text or None


def _shown(value: Any) -> str:
    if isinstance(value, int) and value.bit_length() > 64:
        # Not written out: Python refuses, or takes long, to write a huge int in decimal.
        return f"a number of about {round(value.bit_length() * math.log10(2))} digits"
    text = str(value).strip()
    return text if len(text) <= 20 else text[:17] + "..."


def known_key(key: object, where: str) -> str:
    """``key`` if it is an answers key; otherwise an InputError naming the nearest one."""
    if not isinstance(key, str):  # a mapping from a program may have any keys
        raise InputError(
            f"{where}: answers keys must be text, got {describe(key)}",
            f"Answer keys: {', '.join(ANSWER_KEYS)}.",
        )
    if key in ANSWER_KEYS:
        return key
    from pmo_advisor.nearest import did_you_mean

    near = did_you_mean(key, ANSWER_KEYS)
    hint = f"; did you mean {near!r}?" if near else ""
    shown = key if len(key) <= 60 else key[:57] + "..."
    raise InputError(
        f"{where}: unknown answers key {shown!r}{hint}",
        f"Answer keys: {', '.join(ANSWER_KEYS)}.",
    )
