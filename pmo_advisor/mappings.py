"""Answers a program gives as a mapping (``Advisor.assess``, rows of ``Advisor.team``):
read as the plain values they stand for, with a key that is the same for the same
answers, so that identical answers are assessed once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Hashable, Mapping
from typing import Any


def keyed(answers: Any) -> tuple[str | None, Mapping[str, Any]]:
    """Plain answers, and a key that is the same for the same answers (None when they
    are not small, flat, plain data, which is never valid and is not remembered).

    Everything here is bounded before it is walked: a mapping with more keys than there
    are answers keys, a list longer than any answer holds and anything nested inside a
    list are left for validation to refuse, which reads no further than their size and
    type; only flat data is turned into JSON, so no input recurses or takes long.
    """
    from pmo_advisor.answers import ANSWER_KEYS
    from pmo_advisor.answers.checks import describe

    if not isinstance(answers, Mapping):
        from pmo_advisor.errors import InputError

        raise InputError(
            f"answers must be a mapping of answer keys to values, not {describe(answers)}"
        )
    if len(answers) > len(ANSWER_KEYS):  # surely one unknown key, found within the first few
        return None, answers
    plain = {key: _plain(value) for key, value in answers.items()}
    if not all(isinstance(key, str) and _flat(value) for key, value in plain.items()):
        return None, plain
    try:
        key = json.dumps(plain, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):  # values JSON cannot hold
        key = None
    return key, plain


def _plain(value: Any) -> Any:
    if not isinstance(value, str | bytes) and hasattr(value, "tolist"):
        # numpy scalars and arrays, pandas arrays; one too long to be an answer is left
        # as it is for validation to refuse by its length, rather than copied first.
        if _too_long(value):
            return value
        value = value.tolist()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _too_long(value: Any) -> bool:
    from pmo_advisor.answers.checks import MAX_LIST

    try:
        return len(value) > MAX_LIST
    except TypeError:  # a scalar
        return False


# Scalars a memo key is made of. An int beyond 64 bits is out of every range, and writing
# it as JSON would take time quadratic in its length; a text too long to be an answer
# would be held in the memo for nothing.
def _scalar(value: Any) -> bool:
    from pmo_advisor.answers.checks import MAX_TEXT

    if isinstance(value, int) and not isinstance(value, bool):
        return value.bit_length() <= 64
    if isinstance(value, str):
        return len(value) <= MAX_TEXT
    return value is None or isinstance(value, float | bool)


def _flat(value: Any) -> bool:
    if isinstance(value, list | tuple):
        return not _too_long(value) and all(_scalar(item) for item in value)
    return _scalar(value)


class Keyed:
    """Answers as a memo key: equal to another when their keys are equal, and carrying
    the raw answers (or how to build them from the key) for the first time they are
    seen, so that a memo holds each distinct set of answers once."""

    __slots__ = ("build", "key", "raw")

    def __init__(
        self,
        key: Hashable,
        raw: Mapping[str, Any] | None,
        build: Callable[[Hashable], Mapping[str, Any]] | None = None,
    ) -> None:
        self.key = key
        self.raw = raw
        self.build = build

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Keyed) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def answers(self) -> Mapping[str, Any]:
        """The raw answers, built from the key if they were not given."""
        if self.raw is not None:
            return self.raw
        if self.build is None:
            raise ValueError("answers need raw data, or a key and a way to build them")
        return self.build(self.key)
