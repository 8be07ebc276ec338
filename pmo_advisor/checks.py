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


def describe(value: Any) -> str:
    """A short, readable account of a value someone gave, for error messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return quoted(value) if len(value) <= 60 else quoted(value[:57]) + "..."
    if isinstance(value, int | float):
        text = str(value)
        return text if len(text) <= 20 else text[:17] + "..."
    if isinstance(value, list | tuple):
        return "an empty list" if not value else "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{value} ({type(value).__name__})"


def _number(value: Any) -> float:
    # YAML reads "yes" and "no" as booleans, and bool is an int in Python.
    if isinstance(value, bool):
        raise ValueError("must be a number, not true/false")
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            raise ValueError("type a number, such as 4")
        # float() would also take "1_0" as 10, "1e1" and "nan"; people mean none of them.
        if not _PLAIN_NUMBER.fullmatch(text):
            if _PLAIN_NUMBER.fullmatch(text.replace(",", ".")):
                raise ValueError(f"use a point for decimals: {text.replace(',', '.')}")
            raise ValueError(f"must be a number, got {describe(value)}")
        number = float(text)
    else:
        raise ValueError(f"must be a number, got {describe(value)}")
    if not math.isfinite(number):
        raise ValueError("must be a finite number")
    return number


def check_years(value: Any) -> float:
    """Years of experience: a finite number from 0 to 60."""
    years = _number(value)
    if not 0 <= years <= MAX_YEARS:
        raise ValueError(f"must be from 0 to {MAX_YEARS}, got {_shown(value)}")
    return years


def check_team_size(value: Any) -> int:
    """Team size: a whole number from 0 to 100,000."""
    if isinstance(value, str) and len(value.strip()) > 12:
        raise ValueError(f"must be from 0 to {MAX_TEAM}")
    if isinstance(value, int) and not isinstance(value, bool):
        size = value
    else:
        number = _number(value)
        if not number.is_integer():
            raise ValueError(f"must be a whole number, got {_shown(value)}")
        size = int(number)
    if not 0 <= size <= MAX_TEAM:
        raise ValueError(f"must be from 0 to {MAX_TEAM}, got {_shown(value)}")
    return size


def check_title(value: Any) -> str | None:
    """A job title: text of at most 200 characters; blank means none."""
    if not isinstance(value, str):
        raise ValueError(f"must be text, got {describe(value)}")
    # Bytes that were not UTF-8 (arguments from a terminal in another encoding) arrive as
    # lone surrogates; keep what decodes and mark the rest. Other lone surrogates (a JSON
    # "\ud800") stand for no character at all and are marked too.
    text = valid_unicode(value).strip()
    if len(text) > MAX_TITLE:
        raise ValueError(f"must be at most {MAX_TITLE} characters")
    return text or None


def _shown(value: Any) -> str:
    text = str(value).strip()
    return text if len(text) <= 20 else text[:17] + "..."


def known_key(key: str, where: str) -> str:
    """``key`` if it is an answers key; otherwise an InputError naming the nearest one."""
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
