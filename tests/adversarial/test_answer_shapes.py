"""Answers files that are valid YAML or JSON but not the shape answers have.

Each table runs through every command that reads answers (assess from a file and from
standard input, plan), and every answer key, so a shape refused for one key or one path
is refused for all of them.
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

from pmo_advisor.answers import validate
from pmo_advisor.answers.model import MAX_TITLE
from pmo_advisor.answers.sources import dump_answers, read_answers_file
from pmo_advisor.errors import InputError
from pmo_advisor.knowledge import Knowledge
from tests.adversarial.test_input_paths import refused
from tests.conftest import Run

Runner = Callable[..., Run]
BASE = {"years": "3", "scope": "project", "activities": "[keep-records]"}
LIST_KEYS = ("activities", "focus", "qualifications")

# Values that YAML can build but that no answer is: sets, ordered maps, pairs, bytes,
# dates by tag, mappings, and numbers read in another base.
NOT_LISTS = [
    "!!set {bogus: null}",
    "!!set {keep-records: null}",
    "!!omap [{keep-records: 1}]",
    "!!pairs [[keep-records, 1]]",
    "{keep-records: null}",
    "!!binary a2VlcC1yZWNvcmRz",
    "!!str keep-records",
    "!!seq [keep-records]",
    "42",
    "true",
]
TAGGED = [
    "!!int 0x10",
    "!!int 0o17",
    "!!float 1e3",
    "!!timestamp 2024-01-01",
    "!!null ''",
    "!!bool yes",
    "!custom 3",
    "! 3",
]
COMMANDS = [
    ("assess", "file"),
    ("assess", "stdin"),
    ("plan", "file"),
]


def _document(key: str, value: str) -> bytes:
    lines = {**BASE, key: value}
    return "".join(f"{k}: {v}\n" for k, v in lines.items()).encode()


def _run(run: Runner, tmp_path: Path, command: str, via: str, content: bytes) -> Run:
    extra = ["--to", "4"] if command == "plan" else []
    if via == "stdin":
        return run(command, "--answers", "-", *extra, stdin=content)
    (tmp_path / "answers.yaml").write_bytes(content)
    return run(command, "--answers", str(tmp_path / "answers.yaml"), *extra)


@pytest.mark.parametrize(("command", "via"), COMMANDS)
@pytest.mark.parametrize("key", LIST_KEYS)
@pytest.mark.parametrize("value", NOT_LISTS)
def test_only_a_list_is_a_list(
    run: Runner, tmp_path: Path, command: str, via: str, key: str, value: str
) -> None:
    refused(_run(run, tmp_path, command, via, _document(key, value)))


@pytest.mark.parametrize(("command", "via"), COMMANDS)
@pytest.mark.parametrize("key", ["years", "team_size", "title", "scope"])
@pytest.mark.parametrize("value", TAGGED)
def test_no_tag_is_read(
    run: Runner, tmp_path: Path, command: str, via: str, key: str, value: str
) -> None:
    result = _run(run, tmp_path, command, via, _document(key, value))
    refused(result)
    assert "tags" in result.err and "too long" not in result.err


@pytest.mark.parametrize(
    "content",
    [
        b"years: 1\n<<: {years: 50}\nscope: project\nactivities: [keep-records]\n",
        b"<<: {years: 50}\nyears: 1\nscope: project\nactivities: [keep-records]\n",
        b"years: 1\nscope: project\nactivities: [keep-records]\n<<: [{team_size: 5}]\n",
        b"years: 1\nscope: project\nactivities: [keep-records]\nfocus: {<<: {a: 1}}\n",
    ],
)
@pytest.mark.parametrize(("command", "via"), COMMANDS)
def test_merge_keys_are_refused(
    run: Runner, tmp_path: Path, command: str, via: str, content: bytes
) -> None:
    result = _run(run, tmp_path, command, via, content)
    refused(result)
    assert "merge keys" in result.err


def test_a_lone_surrogate_in_json_is_marked_not_reported_as_a_codec_error(run: Runner) -> None:
    content = (
        b'{"years": 3, "scope": "project", "activities": ["keep-records"], "title": "\\ud800"}'
    )
    result = run("assess", "--answers", "-", "--format", "json", stdin=content)
    assert result.code == 0, result.err
    assert json.loads(result.out)["answers"]["title"] == "\ufffd"


# --- whatever --save-answers writes loads back the same ---------------------------------

_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=MAX_TITLE
)
_TITLES = st.one_of(
    _TEXT,
    st.sampled_from(["1e3", "no", "yes", "0x1F", "1_000", "017", "1:30", "~", "null", ".inf",
                     "- a", "[a]", "{a: 1}", "#x", "a: b", "'q'", '"q"', "2024-01-01", "!x",
                     "&a", "*a", "<<", "%x", "@x", "`x", "true", "False", "+1", ".5", "1."]),
)  # fmt: skip


@st.composite
def answers_data(draw: st.DrawFn, knowledge: Knowledge) -> dict[str, Any]:
    data: dict[str, Any] = {
        "years": draw(
            st.one_of(
                st.integers(0, 60),
                st.floats(0, 60, allow_nan=False, allow_infinity=False).map(lambda y: round(y, 2)),
            )
        ),
        "scope": draw(st.sampled_from(knowledge.scope_ids)),
        "activities": draw(
            st.lists(st.sampled_from(knowledge.activity_ids), min_size=1, unique=True)
        ),
    }
    if draw(st.booleans()):
        data["title"] = draw(_TITLES)
    if draw(st.booleans()):
        data["focus"] = draw(st.lists(st.sampled_from(knowledge.focus_ids), unique=True))
    if draw(st.booleans()):
        data["team_size"] = draw(st.integers(0, 100_000))
    if draw(st.booleans()):
        data["qualifications"] = draw(st.lists(st.sampled_from(knowledge.course_ids), unique=True))
    return data


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), as_json=st.booleans())
def test_saved_answers_load_back_the_same(
    knowledge: Knowledge, tmp_path: Path, data: st.DataObject, as_json: bool
) -> None:
    raw = data.draw(answers_data(knowledge))
    try:
        answers = validate(raw, knowledge, "--set")
    except InputError:  # a blank title, say: not an answer anyone could save
        return
    path = tmp_path / ("saved.json" if as_json else "saved.yaml")
    path.write_text(dump_answers(answers, as_json=as_json), encoding="utf-8")
    again = validate(read_answers_file(str(path), None), knowledge, str(path))
    assert again == answers
    assert again.given() == answers.given()
    if not as_json:  # and a YAML 1.1 reader sees the same values, too
        written = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert written == {"schema_version": 1, **answers.given()}


# --- numbers are written with ASCII digits, on every path ---------------------------------

OTHER_DIGITS = ["٣", "۳", "३", "৩", "\uff13", "\U0001d7d1", "1٣", "٣.5", "³"]  # fullwidth, bold
NUMBER_PATHS = [
    ("years", "--set"), ("years", "file"), ("years", "json"),
    ("team_size", "--set"), ("team_size", "file"), ("team_size", "json"),
]  # fmt: skip


@pytest.mark.parametrize(("key", "via"), NUMBER_PATHS)
@pytest.mark.parametrize("digits", OTHER_DIGITS)
def test_numbers_in_other_scripts_are_refused_everywhere(
    run: Runner, tmp_path: Path, key: str, via: str, digits: str
) -> None:
    answers = {"years": "3", "scope": "project", "activities": "keep-records", key: digits}
    if via == "--set":
        args = [a for k, v in answers.items() for a in ("--set", f"{k}={v}")]
        result = run("assess", *args)
    elif via == "file":
        (tmp_path / "a.yaml").write_text(
            "".join(f"{k}: {v}\n" for k, v in answers.items()), encoding="utf-8"
        )
        result = run("assess", "--answers", str(tmp_path / "a.yaml"))
    else:
        data = {**answers, "activities": ["keep-records"]}
        result = run("assess", "--answers", "-", stdin=json.dumps(data).encode())
    refused(result)
    assert key in result.err


@pytest.mark.parametrize("digits", OTHER_DIGITS)
@pytest.mark.parametrize(
    "args",
    [["suggest", "--level"], ["courses", "--level"], ["titles", "--level"], ["plan", "--to"]],
)
def test_levels_in_other_scripts_are_refused_too(run: Runner, args: list[str], digits: str) -> None:
    extra = ["--from", "1"] if args[0] == "plan" else []
    refused(run(*args, digits, *extra))
