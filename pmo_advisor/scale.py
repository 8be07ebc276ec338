"""Rosters of any size on Dask: each partition of a data frame assessed by one Advisor.

``pmo-advisor team`` reads a roster of up to a hundred thousand people on one machine.
For more, or for a roster that already lives in a data lake, map the partitions of a
``dask.dataframe`` (or a plain pandas frame) through :func:`assess_partition`::

    results = people.map_partitions(assess_partition, keep=["name"], meta=result_frame(["name"]))

Each worker process builds one :class:`~pmo_advisor.advisor.Advisor` and keeps it for
every partition it is given, so the knowledge base is loaded once per worker and equal
answers are assessed once per worker. A row's answers are the columns named by answers
keys (``years``, ``scope``, ``activities`` ...); every other column (``name``, an
employee id, a department) is ignored here and stays in the caller's frame, whose index
the results keep. The advice is the advice ``assess`` and ``team`` give: the same rules,
through the same Advisor.

pandas is needed (and Dask to spread the work); both come with the ``scale`` extra:
``pip install 'pmo-advisor[scale]'``.
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas

    from pmo_advisor.advisor import Advisor, Assessment

__all__ = ["RESULT_COLUMNS", "assess_partition", "result_frame"]

#: The columns of a result frame and their pandas types: the level placed at, its
#: stage's name, whether the answers sit between two levels, the level above, the
#: courses of the plan's "now" and "next" steps (course ids, comma-separated), and,
#: for a row whose answers are invalid, the message ``assess`` would give (the other
#: columns are then empty).
RESULT_COLUMNS: dict[str, str] = {
    "level": "Int64",
    "stage": "string",
    "borderline": "boolean",
    "next_level": "Int64",
    "courses_now": "string",
    "courses_next": "string",
    "error": "string",
}


def result_frame(keep: Sequence[str] = ()) -> pandas.DataFrame:
    """An empty result frame, with the columns ``keep`` names first: Dask's ``meta``
    for :func:`assess_partition` given the same ``keep``."""
    import pandas

    kinds = {**dict.fromkeys(keep, "string"), **RESULT_COLUMNS}
    return pandas.DataFrame({column: pandas.Series(dtype=kind) for column, kind in kinds.items()})


def assess_partition(
    frame: pandas.DataFrame, keep: Sequence[str] = (), data_dir: str | None = None
) -> pandas.DataFrame:
    """The assessment of each row of ``frame``, as a frame with the same index: the
    columns ``keep`` names, copied as text, then those of :data:`RESULT_COLUMNS`.

    ``data_dir`` names a knowledge base other than the packaged one. An invalid row
    does not stop the partition: its ``error`` says what is wrong, as ``assess`` would.
    """
    import pandas

    from pmo_advisor.answers import ANSWER_KEYS
    from pmo_advisor.errors import InputError

    advisor = _advisor(data_dir)
    keys = [column for column in frame.columns if column in ANSWER_KEYS]
    records: list[dict[str, Any]] = []
    for row in frame[keys].itertuples(index=False, name=None):
        answers = {key: value for key, value in zip(keys, row, strict=True) if _given(value)}
        try:
            records.append(_columns(advisor.assess(answers)))
        except InputError as exc:
            records.append({"error": exc.message})
    result = pandas.DataFrame.from_records(records, index=frame.index, columns=list(RESULT_COLUMNS))
    result = result.astype(RESULT_COLUMNS)
    if not keep:
        return result
    kept = frame[list(keep)].astype("string")
    return pandas.concat([kept, result], axis=1)


@functools.lru_cache(maxsize=4)
def _advisor(data_dir: str | None) -> Advisor:
    """One Advisor per worker process and knowledge base, kept for every partition the
    worker is given (a handful of knowledge bases at most in one program)."""
    from pmo_advisor.advisor import Advisor

    return Advisor(data_dir)


def _given(value: Any) -> bool:
    """Whether a cell holds an answer: pandas writes an empty cell as NaN or NA."""
    if value is None:
        return False
    if isinstance(value, float):
        return not math.isnan(value)
    try:
        import pandas

        return not bool(pandas.isna(value))
    except (TypeError, ValueError):  # an array-like cell: validation judges it
        return True


def _columns(advice: Assessment) -> dict[str, Any]:
    """One result row: what a spreadsheet of a team needs of a person's advice."""
    plan = advice.plan

    def course_ids(when: str) -> str:
        step = None if plan is None else plan.step(when)
        return "" if step is None else ", ".join(course.course_id for course in step.courses)

    return {
        "level": advice.level.number,
        "stage": advice.level.stage,
        "borderline": advice.borderline,
        "next_level": None if advice.next is None else advice.next.level.number,
        "courses_now": course_ids("now"),
        "courses_next": course_ids("next"),
        "error": None,
    }
