"""The rules each answer must meet, as plain functions.

:func:`check_value` checks one answer against its key's definition; it is shared by the
answers model (files, standard input, ``--set``, roster rows, the library) and by the
questionnaire, which checks each answer as it is typed. Each check raises ValueError
with a message that completes "<key>: ...".
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pmo_advisor.memo import IdentityMemo
from pmo_advisor.numerals import Numeral, short_int
from pmo_advisor.prose import split_list
from pmo_advisor.safetext import quoted, valid_unicode

if TYPE_CHECKING:
    from pmo_advisor.answers.keys import Key
    from pmo_advisor.knowledge import Knowledge

# ASCII digits only, as for --level and COLUMNS: "٣" is three, but a number written in
# another script is almost always a paste gone wrong, and the same rule everywhere is
# easier to trust.
_PLAIN_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)", re.ASCII)
#: More items than any list answer can hold (there are far fewer ids); a longer list is
#: a mistake, and checking each item would only make the error slow to arrive.
MAX_LIST = 200
#: Longer than any answer written as text can be (a list of MAX_LIST course names); a
#: longer text is refused by its length alone, before it is split or searched.
MAX_TEXT = 100 * MAX_LIST


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
    number = short_int(whole, len(str(high)))
    if number is None:
        raise ValueError(f"must be from 0 to {high}, got {_shown(value)}")
    return number if whole == text else float(text)


def check_text(value: Any, high: int) -> str | None:
    """A text answer (a job title): text of at most ``high`` characters; blank means
    none."""
    if not isinstance(value, str) or isinstance(value, Numeral):
        raise ValueError(f"must be text, got {describe(value)}")
    # Bytes that were not UTF-8 (arguments from a terminal in another encoding) arrive as
    # lone surrogates; keep what decodes and mark the rest. Other lone surrogates (a JSON
    # "\ud800") stand for no character at all and are marked too.
    text = valid_unicode(value).strip()
    if len(text) > high:
        raise ValueError(f"must be at most {high} characters")
    return text or None


def _shown(value: Any) -> str:
    if isinstance(value, int) and value.bit_length() > 64:
        # Not written out: Python refuses, or takes long, to write a huge int in decimal.
        return f"a number of about {round(value.bit_length() * math.log10(2))} digits"
    text = str(value).strip()
    return text if len(text) <= 20 else text[:17] + "..."


def check_value(key: Key, value: Any, knowledge: Knowledge) -> Any:
    """``value`` as an answer to ``key``, in its checked form (a number, an id, a tuple
    of ids in the knowledge base's order, a text or None), or ValueError saying what is
    wrong with it."""
    if key.kind == "number":
        assert key.high is not None, "a number has a bound"
        number = check_number(value, key.high, whole=key.whole)
        return int(number) if key.whole else float(number)
    if key.kind == "text":
        assert key.high is not None, "a text has a length"
        return None if value is None else check_text(value, key.high)
    assert key.pool is not None, "a choice has ids to choose from"
    if key.kind == "select":
        return _check_choice(key, value, knowledge)
    return _check_ids(key, value, knowledge)


def _check_choice(key: Key, value: Any, knowledge: Knowledge) -> str | None:
    assert key.pool is not None and key.find is not None
    from pmo_advisor.nearest import unknown_choice

    if value is None and not key.required:
        return None
    pool = key.pool(knowledge)
    if not isinstance(value, str):
        raise ValueError(f"must be one of {', '.join(pool)}, got {describe(value)}")
    if not key.required:
        value = value.strip()
        if not value:
            return None  # a blank cell or "--set market=": not given
    found = key.find(knowledge, value) or wording(key, knowledge).get(_plain(value))
    if found is None:
        raise ValueError(unknown_choice(key.noun, value, pool, _spellings(key, knowledge)))
    return found


def _check_ids(key: Key, value: Any, knowledge: Knowledge) -> tuple[str, ...]:
    assert key.pool is not None
    from pmo_advisor.nearest import unknown_choices

    what = key.noun
    if isinstance(value, str):  # "plan-schedule, run-raid", as --set takes it
        value = [value]
    if not isinstance(value, list | tuple):
        # Only a list is a list: not a set, a mapping or anything else that could be
        # turned into one.
        raise ValueError(f"must be a list of {what} ids, got {describe(value)}")
    if len(value) > MAX_LIST:
        raise ValueError(f"has {len(value)} items; at most {MAX_LIST} are read")
    pool = key.pool(knowledge)
    for item in value:
        if not isinstance(item, str) or isinstance(item, Numeral):
            raise ValueError(f"each item must be {_a(what)} id (text), got {describe(item)}")
    if key.named is not None and key.unknown is not None:
        # Items that may be names too ("PRINCE2 Foundation"), or spelt as people do; a
        # name cut at its comma is put together again by ``named``.
        items = [piece for item in value for piece in split_list(item)]
        if len(items) > MAX_LIST:
            raise ValueError(f"has {len(items)} items; at most {MAX_LIST} are read")
        named, not_named = key.named(knowledge, items)
        given = set(named)
        unknown = [key.unknown(item, knowledge) for item in not_named]
        if unknown:  # every mistake at once, so one fix is enough
            raise ValueError(unknown[0] if len(unknown) == 1 else "\n    " + "\n    ".join(unknown))
    else:
        words = wording(key, knowledge)
        items = list_items(value, words)
        if len(items) > MAX_LIST:
            raise ValueError(f"has {len(items)} items; at most {MAX_LIST} are read")
        found = {item: words.get(_plain(item)) for item in items}
        given = {found_id for found_id in found.values() if found_id is not None}
        missing = [item for item, found_id in found.items() if found_id is None]
        if missing:  # every mistake at once, in one line, the choices named once
            raise ValueError(unknown_choices(what, missing, pool, _spellings(key, knowledge)))
    ids = ordered(given, pool)
    if key.at_least_one and not ids:
        raise ValueError(f"needs at least one, got {describe(ids)}")
    return ids


#: What separates the items of a list cell whatever its items hold: semicolons and line
#: breaks. A comma separates items too, but only where it is not part of an item's
#: wording ("Design or set up a PMO, its services and processes").
_ITEM_BREAK = re.compile(r"[;\n\r]")


def list_items(value: Sequence[str], words: Mapping[str, str]) -> list[str]:
    """The items of a list answer, each given as text that may hold several: split at
    semicolons and line breaks, then at commas except where a comma belongs to one of
    ``words`` (the wordings of the choices, as :func:`wording` keys them)."""
    items: list[str] = []
    for text in value:
        for part in _ITEM_BREAK.split(text):
            part = part.strip()
            if not part:
                continue
            if "," not in part or _plain(part) in words:
                items.append(part)
                continue
            pieces = [piece.strip() for piece in part.split(",")]
            start = 0
            while start < len(pieces):
                # The longest run of pieces that is one choice's wording, else one piece.
                end = next(
                    (
                        end
                        for end in range(len(pieces), start + 1, -1)
                        if _plain(", ".join(pieces[start:end])) in words
                    ),
                    start + 1,
                )
                joined = ", ".join(pieces[start:end])
                if joined:
                    items.append(joined)
                start = end
    return items


def _plain(text: str) -> str:
    """A choice's wording as compared: without regard to case, spacing or the spaces
    around a comma."""
    return " ".join(text.replace(",", ", ").split()).casefold().replace(" ,", ",")


#: Per knowledge base and key, the wordings of its choices: knowledge bases are few (one
#: per process, and a test's copies), and keys fewer.
_WORDINGS: IdentityMemo[Mapping[str, str]] = IdentityMemo(64)


def wording(key: Key, knowledge: Knowledge) -> Mapping[str, str]:
    """Each way of naming one of a key's choices, as :func:`_plain` makes it, and the
    id it names: the id itself and the questionnaire's own wording of it (its label,
    and the label without a bracketed abbreviation: "Enterprise PMO")."""
    return _WORDINGS.get(knowledge, lambda: _wording(key, knowledge), key.id)


def _wording(key: Key, knowledge: Knowledge) -> Mapping[str, str]:
    words: dict[str, str] = {}
    for option in key.options(knowledge) if key.options is not None else ():
        short = re.sub(r"\s*\([^)]*\)\s*$", "", option.label)
        for text in (option.value, option.label, short, *option.spellings):
            words.setdefault(_plain(text), option.value)
    for choice in key.pool(knowledge) if key.pool is not None else ():
        words.setdefault(_plain(choice), choice)
    return words


def _spellings(key: Key, knowledge: Knowledge) -> dict[str, str]:
    """A key's ids and wordings, each to itself, for a "did you mean"."""
    options = key.options(knowledge) if key.options is not None else ()
    ids = {choice: choice for choice in (key.pool(knowledge) if key.pool else ())}
    # A label that is its id in another case ("India") is the id's: not a second answer.
    labels = {o.label: o.label for o in options if o.label.casefold() != o.value.casefold()}
    return {**labels, **ids}


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def ordered(ids: Iterable[str], canonical: Sequence[str]) -> tuple[str, ...]:
    """Ids in the knowledge base's order, without repeats."""
    wanted = set(ids)
    return tuple(i for i in canonical if i in wanted)
