"""Fuzzing with Hypothesis: whatever it is given, pmo-advisor exits 0 or 2, never 1.

Answers files are arbitrary YAML and JSON documents, argument lists are arbitrary mixes
of real commands, flags and junk, and titles are arbitrary Unicode. A run that fails
with an unexpected error (exit 1) is a bug. How long each input takes is measured by
benchmarks/hostile.py, not asserted here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Run

Runner = Callable[..., Run]
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

KEYS = ["years", "scope", "activities", "focus", "team_size", "title", "qualifications",
        "schema_version", "yeras", ""]  # fmt: skip
IDS = ["keep-records", "plan-schedule", "run-pmo", "planning", "prince2", "programme", "x"]
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(IDS)
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(st.text(max_size=8) | st.sampled_from(KEYS), inner, max_size=5)
    ),
    max_leaves=25,
)
documents = (
    st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=10), values, max_size=8) | values
)


@pytest.fixture(autouse=True)
def in_scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _serialise(document: Any, as_json: bool) -> bytes:
    if as_json:
        return json.dumps(document, allow_nan=True).encode()
    return yaml.safe_dump(document, allow_unicode=True).encode("utf-8", "surrogatepass")


@FUZZ
@given(documents, st.booleans())
def test_arbitrary_answers_files(run: Runner, document: Any, as_json: bool) -> None:
    try:
        content = _serialise(document, as_json)
    except (ValueError, yaml.YAMLError):
        return
    result = run("assess", "--answers", "-", "--format", "json", stdin=content)
    assert result.code in (0, 2), result.err
    assert "Traceback" not in result.err
    if result.code == 0:
        assert json.loads(result.out)["kind"] == "assessment"
    else:
        assert result.out == ""


WORDS = [
    "assess", "suggest", "levels", "titles", "courses", "plan", "--level", "-l", "--scope",
    "--focus", "--held", "--format", "-f", "--set", "--answers", "--no-input", "--no-color",
    "--from", "--to", "--kind", "--help", "--version", "1", "2", "4", "9", "json", "plain",
    "markdown", "rich", "programme", "planning", "prince2", "years=3", "scope=project",
    "activities=run-pmo", "-", "--", "=",
]  # fmt: skip
arguments = st.lists(st.sampled_from(WORDS) | st.text(max_size=12), max_size=8)


@FUZZ
@given(arguments)
def test_arbitrary_argument_lists(run: Runner, tmp_path: Path, args: list[str]) -> None:
    # Writing files is tested elsewhere; here only what is printed matters.
    args = [a for a in args if not a.startswith(("--output", "-o", "--save-answers"))]
    result = run(*args)
    assert result.code in (0, 2), (args, result.err)
    assert "Traceback" not in result.err


@FUZZ
@given(st.text(max_size=300))
def test_arbitrary_unicode_titles(run: Runner, title: str) -> None:
    looked_up = run("titles", "--format", "json", "--", title)
    if not title.strip():  # nothing to look up: a usage error, with nothing on stdout
        assert looked_up.code == 2, looked_up.err
        assert looked_up.out == "" and "the title to look up is empty" in looked_up.err
    else:
        assert looked_up.code == 0, looked_up.err
        assert json.loads(looked_up.out)["query"] == title
    assessed = run(
        "assess", "--set", "years=3", "--set", "scope=project", "--set", "activities=plan-schedule",
        "--set", f"title={title}", "--format", "plain",
    )  # fmt: skip
    assert assessed.code in (0, 2), assessed.err
    for raw in ("\x1b", "\x07", "\x08", "\r", "\u202e", "\u2066"):
        assert raw not in assessed.out
