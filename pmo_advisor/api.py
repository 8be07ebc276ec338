"""The first library API, kept as one-line wrappers over :class:`~pmo_advisor.Advisor`.

:func:`load_knowledge`, :func:`assess_one` and :func:`assess_many` keep their names,
arguments and results: dicts equal to what ``pmo-advisor assess --format json`` prints.
New code uses :class:`~pmo_advisor.Advisor` (typed results) and
:func:`~pmo_advisor.to_json`. The knowledge base, the functions and the results all
pickle, so the same calls run in a ``multiprocessing`` pool, a pandas ``apply`` or a
Spark or Dask UDF without change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal

from pmo_advisor.memo import IdentityMemo

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from pmo_advisor.advisor import Advisor
    from pmo_advisor.knowledge import Knowledge

__all__ = ["assess_many", "assess_one", "load_knowledge"]


def load_knowledge(data_dir: str | Traversable | None = None) -> Knowledge:
    """``Advisor(data_dir).knowledge``: the validated knowledge base, the shipped one or
    the one in ``data_dir`` (or in ``PMO_ADVISOR_DATA``). Loaded once per process;
    raises :class:`~pmo_advisor.errors.KnowledgeError` when it is invalid."""
    from pmo_advisor.advisor import Advisor

    return Advisor(data_dir).knowledge


def assess_one(answers: Mapping[str, Any], knowledge: Knowledge | None = None) -> dict[str, Any]:
    """``Advisor(knowledge).assess(answers)`` as the dict ``assess --format json``
    prints; invalid answers raise :class:`~pmo_advisor.errors.InputError` with the
    message ``assess`` gives."""
    return _as_dict(_advisor(knowledge).assess(answers))


def assess_many(
    rows: Iterable[Mapping[str, Any]],
    knowledge: Knowledge | None = None,
    *,
    errors: Literal["raise", "include"] = "raise",
) -> Iterator[dict[str, Any]]:
    """:func:`assess_one` of each mapping in ``rows``, lazily, in order.

    With ``errors="raise"`` the first invalid mapping raises InputError; with
    ``errors="include"`` it yields ``{"schema_version": 1, "kind": "error", "error":
    message}`` in its place, so results stay aligned with the rows.
    """
    if errors not in ("raise", "include"):
        raise ValueError(f"errors must be 'raise' or 'include', not {errors!r}")
    return _assessed(_advisor(knowledge), rows, errors == "include")


def _assessed(
    advisor: Advisor, rows: Iterable[Mapping[str, Any]], include: bool
) -> Iterator[dict[str, Any]]:
    from pmo_advisor.errors import InputError
    from pmo_advisor.model import SCHEMA_VERSION

    for answers in rows:
        try:
            yield _as_dict(advisor.assess(answers))
        except InputError as exc:
            if not include:
                raise
            yield {"schema_version": SCHEMA_VERSION, "kind": "error", "error": exc.message}


def _as_dict(advice: Any) -> dict[str, Any]:
    from pmo_advisor.render.json import result_data

    return result_data(advice)


def _advisor(knowledge: Knowledge | None) -> Advisor:
    from pmo_advisor.knowledge import load_knowledge

    loaded = load_knowledge() if knowledge is None else knowledge
    return _ADVISORS.get(loaded, lambda: _new_advisor(loaded))


def _new_advisor(knowledge: Knowledge) -> Advisor:
    from pmo_advisor.advisor import Advisor

    return Advisor(knowledge)


# The Advisor of each knowledge base, so that its memo of recent answers serves every
# call, from any thread. Bounded: a program uses one knowledge base, or a few.
_ADVISORS: IdentityMemo[Advisor] = IdentityMemo(8, once=True)
