"""The library refuses every bad input with its documented InputError, and fast.

Whatever a program passes to ``assess_one`` or ``assess_many`` (keys that are not text,
lists nested past Python's recursion limit, integers thousands of digits long, lists
and texts millions long, rows that are no mapping at all), the answer is InputError
within a fraction of a second and a few megabytes, and ``assess_many(errors="include")``
gives exactly one result per row.
"""

from __future__ import annotations

import contextlib
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo_advisor import assess_many, assess_one
from pmo_advisor.errors import InputError
from pmo_advisor.knowledge import Knowledge

BASE: dict[Any, Any] = {"years": 4, "scope": "programme", "activities": ["plan-schedule"]}


def _deep(depth: int) -> list[Any]:
    nested: list[Any] = []
    for _ in range(depth):
        nested = [nested]
    return nested


#: (what it is, what makes the answers, a part of the message). Made in the test that
#: uses them, not when the tests are collected: some are millions of items.
BAD: list[tuple[str, Callable[[], Any], str]] = [
    ("int key", lambda: {**BASE, 3: 1}, "answers keys must be text, got 3"),
    ("None key", lambda: {**BASE, None: 1}, "answers keys must be text, got nothing"),
    ("bytes key", lambda: {**BASE, b"years": 1}, "answers keys must be text"),
    ("tuple key", lambda: {**BASE, ("a",): 1}, "answers keys must be text"),
    (
        "deep list in a list",
        lambda: {**BASE, "activities": _deep(100_000)},
        "activities: each item",
    ),
    ("deep list as a number", lambda: {**BASE, "years": _deep(100_000)}, "years: must be a number"),
    ("huge int", lambda: {**BASE, "years": 10**5000}, "years: must be from 0 to 60, got a number"),
    ("huge negative int", lambda: {**BASE, "team_size": -(10**5000)}, "team_size: must be from 0"),
    (
        "long list",
        lambda: {**BASE, "activities": ["plan-schedule"] * 10_000_000},
        "has 10000000 items",
    ),
    ("long tuple", lambda: {**BASE, "focus": ("planning",) * 10_000_000}, "has 10000000 items"),
    ("long text list", lambda: {**BASE, "activities": "a," * 5_000_000}, "characters long"),
    (
        "long title",
        lambda: {**BASE, "title": "x" * 10_000_000},
        "title: is 10000000 characters long",
    ),
    ("many keys", lambda: {f"k{i}": i for i in range(1_000_000)}, "unknown answers key"),
    ("None row", lambda: None, "answers must be a mapping"),
    ("list row", lambda: [BASE], "answers must be a mapping"),
    ("text row", lambda: "years: 4", "answers must be a mapping"),
]


@pytest.mark.parametrize(("what", "make", "message"), BAD, ids=[case[0] for case in BAD])
def test_bad_input_is_refused_in_bounded_memory(
    knowledge: Knowledge, what: str, make: Callable[[], Any], message: str
) -> None:
    # How fast each is refused is benchmarks/hostile.py's to measure.
    answers = make()
    assess_one(BASE, knowledge)  # warm: the first call builds the validator
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=message):
            assess_one(answers, knowledge)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50_000_000, f"{what}: {peak / 1e6:.0f} MB"


@pytest.mark.parametrize(("what", "make", "message"), BAD, ids=[case[0] for case in BAD])
def test_include_keeps_one_result_per_row(
    knowledge: Knowledge, what: str, make: Callable[[], Any], message: str
) -> None:
    answers = make()
    rows = list(assess_many([BASE, answers, BASE], knowledge, errors="include"))
    assert [row["kind"] for row in rows] == ["assessment", "error", "assessment"], what
    assert message.split(", got")[0] in rows[1]["error"]
    with pytest.raises(InputError):
        list(assess_many([BASE, answers], knowledge))


keys = st.text(max_size=12) | st.integers() | st.none() | st.binary(max_size=4) | st.booleans()
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(-99, 99).map(lambda m: m * 10**4400)
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["plan-schedule", "planning", "programme", "prince2"])
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner) | st.dictionaries(keys, inner),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(keys | st.sampled_from(list(BASE)), values, max_size=6) | values)
def test_any_python_value_is_assessed_or_refused(knowledge: Knowledge, answers: Any) -> None:
    for candidate in (answers, {**BASE, **answers} if isinstance(answers, dict) else answers):
        with contextlib.suppress(InputError):  # any other exception fails the test
            assert assess_one(candidate, knowledge)["kind"] == "assessment"
