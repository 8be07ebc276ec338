"""A roster of 100,000 people assessed on Dask, partition by partition, agrees with
``team`` person by person: the ``scale`` extra's promise, run as docs/library.md shows.

Needs the ``scale`` extra (``pip install -e '.[scale]'``). Without it the tests are
skipped, unless PMO_ADVISOR_REQUIRE_SCALE is set (as in CI), where a missing extra fails.
"""

from __future__ import annotations

import csv
import importlib
import os
import random
import re
from pathlib import Path
from typing import Any

import pytest

from pmo_advisor.advisor import Advisor
from pmo_advisor.roster import open_roster
from pmo_advisor.scale import RESULT_COLUMNS, assess_partition, result_frame
from tests.conftest import REPO

pytestmark = pytest.mark.scale


def _extra(name: str) -> Any:
    """A library of the scale extra, imported by the tests that use it: importing Dask
    takes a second, which every test process would otherwise spend collecting."""
    if os.environ.get("PMO_ADVISOR_REQUIRE_SCALE"):
        return importlib.import_module(name)
    return pytest.importorskip(name, reason="needs the scale extra")


@pytest.fixture(scope="module")
def pandas() -> Any:
    return _extra("pandas")


@pytest.fixture(scope="module")
def dask() -> Any:
    return _extra("dask")


@pytest.fixture(scope="module")
def dd() -> Any:
    return _extra("dask.dataframe")


PEOPLE = 100_000
HEADER = ["name", "years", "scope", "activities", "focus", "team_size", "qualifications"]
# Kinds of people, valid and not, that the rows are drawn from; the years vary too, so
# the roster holds a few thousand distinct answer sets, not a handful.
KINDS = [
    ("programme", "plan-schedule,analyse-performance", "planning", "0", "prince2"),
    ("project", "keep-records;compile-status", "", "", ""),
    ("portfolio", "run-pmo,manage-pmo-team", "governance", "5", "essentials-pmo-analysts"),
    ("programme", "report-status;analyse-performance", "reporting", "1", ""),
    ("enterprise", "run-pmo,manage-pmo-team,set-pmo-strategy", "", "12", "p3o-practitioner"),
    ("project", "track-risks", "risk", "0", "apm-pfq"),
    ("nowhere", "keep-records", "", "", ""),  # an unknown scope: invalid
    ("project", "", "", "", ""),  # no activities: invalid
]


def write_roster(path: Path, people: int, seed: int = 7) -> None:
    pick = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for number in range(people):
            scope, activities, focus, team, held = pick.choice(KINDS)
            years = str(pick.randint(0, 25)) if pick.random() > 0.001 else "many"
            out.writerow([f"P{number:06d}", years, scope, activities, focus, team, held])


def library_example() -> str:
    """The Dask example of docs/library.md, as written there."""
    text = (REPO / "docs" / "library.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- dask example -->\s*```python\n(.*?)```", text, re.DOTALL)
    assert found, "docs/library.md has no Dask example"
    return found.group(1)


@pytest.mark.terminal  # Dask's worker processes
def test_the_documented_dask_example_agrees_with_team(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pandas: Any
) -> None:
    write_roster(tmp_path / "roster.csv", PEOPLE)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    exec(compile(library_example(), "docs/library.md", "exec"), namespace)
    written = sorted(tmp_path.glob("assessed-*.csv"))
    assert len(written) > 1, "the roster was not split into partitions"
    results = pandas.concat(
        pandas.read_csv(path, dtype=str, keep_default_na=False) for path in written
    )
    assert len(results) == PEOPLE

    run = Advisor().team(open_roster(str(tmp_path / "roster.csv"), None))
    team: dict[str, Any] = {member.name: member.advice for member in run.people}
    errors = results[results["error"] != ""]
    assert len(errors) == run.summary.invalid_count > 0
    valid = results[results["error"] == ""]
    assert set(valid["name"]) == set(team)
    for row in valid.itertuples(index=False):
        advice = team[row.name]
        steps = {step.when: step for step in advice.plan.steps}
        assert row.level == str(advice.level.number), row.name
        assert row.stage == advice.level.stage, row.name
        assert row.borderline == str(advice.borderline), row.name
        assert row.next_level == ("" if advice.next is None else str(advice.next.level.number))
        for when, column in (("now", row.courses_now), ("next", row.courses_next)):
            step = steps.get(when)
            ids = "" if step is None else ", ".join(c.course_id for c in step.courses)
            assert column == ids, (row.name, when)


def test_a_partition_keeps_its_index_and_reports_each_bad_row(tmp_path: Path, pandas: Any) -> None:
    frame = pandas.DataFrame(
        {
            "name": ["Ann", "Bob", "Cy"],
            "department": ["Finance", "IT", "Ops"],  # not an answer: ignored
            "years": [4, "x", 9],
            "scope": ["programme", "project", "portfolio"],
            "activities": ["plan-schedule,analyse-performance", "keep-records", "run-pmo"],
        },
        index=[10, 20, 30],
    )
    result = assess_partition(frame)
    assert list(result.index) == [10, 20, 30]
    assert list(result.columns) == list(RESULT_COLUMNS)
    assert result.loc[10, "level"] == Advisor().assess(frame.iloc[0, 2:].to_dict()).level.number
    assert "years" in result.loc[20, "error"] and "'x'" in result.loc[20, "error"]
    assert pandas.isna(result.loc[20, "level"])
    assert pandas.isna(result.loc[30, "error"])
    assert dict(result.dtypes.astype(str)) == dict(result_frame().dtypes.astype(str))


@pytest.mark.terminal  # Dask's worker processes
def test_a_dask_frame_of_many_partitions_equals_one_pandas_frame(
    tmp_path: Path, pandas: Any, dask: Any, dd: Any
) -> None:
    write_roster(tmp_path / "roster.csv", 2_000, seed=11)
    whole = pandas.read_csv(tmp_path / "roster.csv", dtype=str)
    expected = assess_partition(whole)
    spread = dd.from_pandas(whole, npartitions=7).map_partitions(
        assess_partition, meta=result_frame()
    )
    with dask.config.set(scheduler="processes", num_workers=2):
        got = spread.compute()
    pandas.testing.assert_frame_equal(got, expected)
