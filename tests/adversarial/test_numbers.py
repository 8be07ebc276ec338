"""Hostile numbers, wherever a number enters: each is refused with the range message.

A number hundreds or thousands of digits long, or one that overflows a float, must meet
the one range check before anything converts it: in an answers file (YAML or JSON), in
``--set``, in a CSV, JSON Lines or directory roster, and through the library. A refusal
is exit 2 naming the key, a roster row's refusal is that row's alone, and the library
raises its documented InputError.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmo_advisor import assess_many, assess_one
from pmo_advisor.answers.checks import check_value
from pmo_advisor.answers.model import BY_ID, MAX_TEAM, MAX_YEARS
from pmo_advisor.errors import InputError
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.yamlio import load_yaml_text
from tests.conftest import Run

Runner = Callable[..., Run]

#: Numbers as written, each out of range for both years and team_size.
HOSTILE = [
    "1" + "0" * 400,  # overflows a float
    "-1" + "0" * 400,
    "9" * 5000,  # longer than Python converts from text at all
    "1" + "0" * 20,  # just longer than the digits ever converted
    "99999999999999999999",  # as many digits as are converted: read, then compared
]
#: JSON allows no leading zeros; YAML, --set, cells and the library do.
ZEROS = ["0" * 3000 + "61000000"]  # leading zeros do not hide the size
#: Written with an exponent: a number to a JSON or YAML parser, not to a --set or a cell.
EXPONENTS = ["1e400", "-1e400", "1.5e309"]
KEYS = ["years", "team_size"]
LIMIT = {"years": MAX_YEARS, "team_size": MAX_TEAM}


def check_years(value: object) -> float:
    """The check every years answer goes through, wherever it came from."""
    years: float = check_value(BY_ID["years"], value, None)  # type: ignore[arg-type]
    return years


def check_team_size(value: object) -> int:
    """The check every team_size answer goes through, wherever it came from."""
    team_size: int = check_value(BY_ID["team_size"], value, None)  # type: ignore[arg-type]
    return team_size


BASE = {"years": 4, "scope": "programme", "activities": ["plan-schedule"]}
PERSON = {"name": "Ann", **BASE}


def _answers_json(key: str, number: str) -> str:
    fields = {**BASE, key: 0}
    return json.dumps(fields).replace(f'"{key}": 0', f'"{key}": {number}')


def _answers_yaml(key: str, number: str) -> str:
    others = "".join(f"{k}: {json.dumps(v)}\n" for k, v in BASE.items() if k != key)
    return f"{key}: {number}\n{others}"


def _refused(result: Run, key: str, message: str) -> None:
    assert result.code == 2, result.err
    assert f"{key}: {message}" in result.err, result.err
    assert "unexpected error" not in result.err and "Traceback" not in result.err


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("number", HOSTILE + EXPONENTS + ZEROS)
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_answers_files(run: Runner, tmp_path: Path, key: str, number: str, suffix: str) -> None:
    if number in ZEROS and suffix == ".json":
        pytest.skip("not JSON")
    path = tmp_path / f"answers{suffix}"
    text = _answers_yaml(key, number) if suffix == ".yaml" else _answers_json(key, number)
    path.write_text(text)
    _refused(run("assess", "-a", str(path)), key, f"must be from 0 to {LIMIT[key]}")


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("number", HOSTILE + ZEROS)
def test_set_flags(run: Runner, key: str, number: str) -> None:
    flags = [f"{k}={v[0] if isinstance(v, list) else v}" for k, v in BASE.items() if k != key]
    args = [arg for flag in [*flags, f"{key}={number}"] for arg in ("--set", flag)]
    _refused(run("assess", *args), key, f"must be from 0 to {LIMIT[key]}")


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("number", HOSTILE + ZEROS)
def test_csv_roster_refuses_the_row_alone(
    run: Runner, tmp_path: Path, key: str, number: str
) -> None:
    header = "name,years,scope,activities,team_size\n"
    good = "Ann,4,programme,plan-schedule,3\n"
    bad = f"Bob,{number},programme,plan-schedule,3\n"
    if key == "team_size":
        bad = f"Bob,4,programme,plan-schedule,{number}\n"
    path = tmp_path / "team.csv"
    path.write_text(header + good + bad)
    _refused(run("team", str(path)), key, f"must be from 0 to {LIMIT[key]}")
    kept = run("team", str(path), "--skip-invalid", "--format", "json")
    assert kept.code == 0, kept.err
    assert json.loads(kept.out)["summary"]["people"] == 1


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("number", HOSTILE + EXPONENTS)
def test_json_lines_roster_refuses_the_row_alone(
    run: Runner, tmp_path: Path, key: str, number: str
) -> None:
    bad = json.dumps({**PERSON, "name": "Bob", key: 0}).replace(f'"{key}": 0', f'"{key}": {number}')
    path = tmp_path / "team.jsonl"
    path.write_text(json.dumps(PERSON) + "\n" + bad + "\n")
    _refused(run("team", str(path)), key, f"must be from 0 to {LIMIT[key]}")
    kept = run("team", str(path), "--skip-invalid", "--format", "json")
    assert kept.code == 0, kept.err
    data = json.loads(kept.out)
    assert data["summary"]["people"] == 1
    assert [row["line"] for row in data["summary"]["invalid"]] == [2]


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("number", HOSTILE + EXPONENTS + ZEROS)
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_directory_roster_skips_the_file(
    run: Runner, tmp_path: Path, key: str, number: str, suffix: str
) -> None:
    if number in ZEROS and suffix == ".json":
        pytest.skip("not JSON")
    folder = tmp_path / "people"
    folder.mkdir()
    (folder / "ann.yaml").write_text(_answers_yaml("years", "4"))
    text = _answers_yaml(key, number) if suffix == ".yaml" else _answers_json(key, number)
    (folder / f"bob{suffix}").write_text(text)
    result = run("team", str(folder), "--skip-invalid", "--format", "json")
    assert result.code == 0, result.err
    assert f"{key}: must be from 0 to {LIMIT[key]}" in result.err
    data = json.loads(result.out)
    assert data["summary"]["people"] == 1
    assert data["summary"]["invalid"][0]["file"] == f"bob{suffix}"


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("number", HOSTILE + ZEROS)
def test_library(knowledge: Knowledge, key: str, number: str) -> None:
    for value in (int(number.lstrip("0") or "0") if len(number) < 4000 else 10**5000, number):
        with pytest.raises(InputError, match=f"{key}: must be from 0 to {LIMIT[key]}"):
            assess_one({**BASE, key: value}, knowledge)
        rows = list(assess_many([BASE, {**BASE, key: value}, BASE], knowledge, errors="include"))
        assert [row["kind"] for row in rows] == ["assessment", "error", "assessment"]


@pytest.mark.parametrize("number", [n for n in HOSTILE if len(n) > 21] + EXPONENTS)
def test_parsers_never_convert_a_number_too_large(number: str) -> None:
    # The parser keeps such a number as written; nothing that reads it overflows.
    value = load_yaml_text(f"years: {number}\n")["years"]
    assert isinstance(value, str) and value == number


def test_leading_zeros_are_no_size(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    number = "0" * 5000 + "5"
    path.write_text(_answers_yaml("years", number))
    for args in (
        ["-a", str(path)],
        [
            "--set",
            f"years={number}",
            "--set",
            "scope=programme",
            "--set",
            "activities=plan-schedule",
        ],
    ):
        result = run("assess", *args, "--format", "json")
        assert result.code == 0, result.err
        assert json.loads(result.out)["answers"]["years"] == 5


# --- the range check as a property ------------------------------------------------------

#: Integers of every size, up to thousands of digits.
integers = st.integers() | st.builds(
    lambda m, e: m * 10**e, st.integers(-99, 99), st.integers(0, 5000)
)
#: Decimal texts as people type them, of any length.
texts = st.from_regex(r"\A[-+]?[0-9]{1,600}(\.[0-9]{0,6})?\Z")


@given(integers | st.floats())
def test_every_number_is_accepted_exactly_when_in_range(value: int | float) -> None:
    for check, high in ((check_years, MAX_YEARS), (check_team_size, MAX_TEAM)):
        whole = check is check_team_size
        fits = (
            (isinstance(value, int) or math.isfinite(value))
            and 0 <= value <= high
            and (not whole or float(value).is_integer())
        )
        try:
            got = check(value)
        except ValueError:
            assert not fits
        else:
            assert fits and got == value


@given(texts)
def test_every_number_text_is_accepted_exactly_when_in_range(text: str) -> None:
    from decimal import Decimal

    exact = Decimal(text)  # exact, however long: the reference the check must agree with
    for check, high in ((check_years, MAX_YEARS), (check_team_size, MAX_TEAM)):
        fits = 0 <= exact <= high and (check is check_years or exact == exact.to_integral_value())
        try:
            check(text)
        except ValueError:
            assert not fits
        else:
            assert fits
