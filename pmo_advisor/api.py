"""The library API: the advisor's rules for other programs, one person or millions.

Load the knowledge base once with :func:`load_knowledge`, then assess answers mappings
(the keys of an answers file) with :func:`assess_one` or, lazily, :func:`assess_many`.
Both return exactly the dict ``pmo-advisor assess --format json`` prints, made by the
same rules and the same JSON code. The knowledge base, the functions and the results
all pickle, so the same calls run in a ``multiprocessing`` pool, a pandas ``apply`` or
a Spark or Dask UDF without change. Identical answers are assessed once per process.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from pmo_advisor.knowledge import Knowledge
    from pmo_advisor.team import Assessor

__all__ = ["assess_many", "assess_one", "load_knowledge"]

#: The name answers go by in the messages of :class:`~pmo_advisor.errors.InputError`.
SOURCE = "the mapping given"

_ASSESSORS: dict[int, Assessor] = {}
_ASSESSORS_LOCK = threading.Lock()


def load_knowledge(data_dir: str | Traversable | None = None) -> Knowledge:
    """The validated knowledge base: the shipped one, or the one in ``data_dir`` (or in
    ``PMO_ADVISOR_DATA``). Loaded once per process; raises
    :class:`~pmo_advisor.errors.KnowledgeError` when it is invalid."""
    from pathlib import Path

    from pmo_advisor.knowledge import load_knowledge as load

    return load(Path(data_dir) if isinstance(data_dir, str) else data_dir)


def assess_one(answers: Mapping[str, Any], knowledge: Knowledge | None = None) -> dict[str, Any]:
    """The assessment of one person, as the dict ``assess --format json`` prints.

    ``answers`` has the keys of an answers file (``years``, ``scope``, ``activities``
    and the optional ones); lists may be lists or comma-separated text. Values from
    pandas or numpy (numpy numbers and arrays, NaN for an empty cell) are read as the
    plain values they stand for; NaN and None count as not given. Invalid answers raise
    :class:`~pmo_advisor.errors.InputError` with the message ``assess`` gives.
    """
    from pmo_advisor.errors import InputError
    from pmo_advisor.render.json import result_data

    found = _assessor(knowledge).assess(*_keyed(answers))
    if found.advice is None:
        raise InputError(found.error or "invalid answers", "Fix the answers and try again.")
    return result_data(found.advice)


def assess_many(
    rows: Iterable[Mapping[str, Any]],
    knowledge: Knowledge | None = None,
    *,
    errors: Literal["raise", "include"] = "raise",
) -> Iterator[dict[str, Any]]:
    """The assessment of each answers mapping in ``rows``, lazily, in order.

    With ``errors="raise"`` the first invalid mapping raises InputError; with
    ``errors="include"`` it yields ``{"schema_version": 1, "kind": "error", "error":
    message}`` in its place, so results stay aligned with the rows.
    """
    from pmo_advisor.errors import InputError
    from pmo_advisor.model import SCHEMA_VERSION
    from pmo_advisor.render.json import result_data

    if errors not in ("raise", "include"):
        raise ValueError(f"errors must be 'raise' or 'include', not {errors!r}")
    assessor = _assessor(knowledge)
    for answers in rows:
        try:
            keyed = _keyed(answers)
        except InputError as exc:  # not a mapping at all: still one result for the row
            if errors == "raise":
                raise
            yield {"schema_version": SCHEMA_VERSION, "kind": "error", "error": exc.message}
            continue
        found = assessor.assess(*keyed)
        if found.advice is not None:
            yield result_data(found.advice)
        elif errors == "include":
            yield {"schema_version": SCHEMA_VERSION, "kind": "error", "error": found.error}
        else:
            raise InputError(found.error or "invalid answers", "Fix the answers and try again.")


def _assessor(knowledge: Knowledge | None) -> Assessor:
    from pmo_advisor.team import Assessor

    if knowledge is None:
        knowledge = load_knowledge()
    # Under a lock: threads starting at once share one Assessor, and so one memo.
    with _ASSESSORS_LOCK:
        assessor = _ASSESSORS.get(id(knowledge))
        if assessor is None or assessor.knowledge is not knowledge:
            assessor = _ASSESSORS[id(knowledge)] = Assessor(
                knowledge, source=SOURCE, count_outcomes=False
            )
    return assessor


def _keyed(answers: Any) -> tuple[str | None, Mapping[str, Any]]:
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
