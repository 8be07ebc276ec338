"""Published JSON Schemas: generated from the models, valid, and true of every JSON
result and answers file the program writes."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from pmo_advisor.schemas import SCHEMAS
from tests.conftest import REPO, Run

Runner = Callable[..., Run]
GOLDEN = REPO / "tests" / "render" / "golden"
PLANNER = [
    "--set", "years=4", "--set", "scope=programme", "--set", "team_size=0",
    "--set", "activities=analyse-performance,plan-schedule", "--set", "focus=reporting,planning",
    "--set", "title=Planning Analyst", "--set", "qualifications=prince2",
]  # fmt: skip


def _strict(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with no property left undescribed: output may not drift from it."""
    strict = copy.deepcopy(schema)

    def close(node: Any) -> None:
        if isinstance(node, dict):
            if "properties" in node:
                node["additionalProperties"] = False
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(strict)
    return strict


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_strict(SCHEMAS[name]()))


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_schema_command_prints_a_valid_json_schema(run: Runner, name: str) -> None:
    result = run("schema", name)
    assert result.code == 0, result.err
    schema = json.loads(result.out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema == SCHEMAS[name]()


def test_an_unknown_schema_is_a_usage_error(run: Runner) -> None:
    result = run("schema", "team-report")
    assert result.code == 2
    assert "unknown schema 'team-report'" in result.err


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.name)
def test_every_golden_json_file_fits_the_result_schema(path: Path) -> None:
    _validator("result").validate(json.loads(path.read_text(encoding="utf-8")))


COMMANDS = [
    ["assess", *PLANNER],
    ["suggest", "--level", "3", "--scope", "programme", "--held", "prince2"],
    ["suggest", "--level", "4"],
    ["levels"],
    ["titles"],
    ["titles", "Snr PMO Analyst"],
    ["courses"],
    ["plan", "--from", "1", "--to", "4", "--focus", "planning"],
    ["plan", "--from", "3", "--to", "2"],
    ["activities"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:3]))
def test_every_command_json_output_fits_the_result_schema(run: Runner, args: list[str]) -> None:
    result = run(*args, "--format", "json")
    assert result.code == 0, result.err
    _validator("result").validate(json.loads(result.out))


def test_title_lists_and_plans_from_answers_fit_the_result_schema(
    run: Runner, tmp_path: Path
) -> None:
    lines = run("titles", "--from", "-", "--format", "json", stdin=b"PMO Analyst\n\n" + b"x" * 600)
    for line in lines.out.splitlines():
        _validator("result").validate(json.loads(line))
    answers = tmp_path / "me.yaml"
    assert run("assess", *PLANNER, "--save-answers", str(answers)).code == 0
    plan = run("plan", "--answers", str(answers), "--to", "4", "--format", "json")
    _validator("result").validate(json.loads(plan.out))


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_saved_answers_files_fit_the_answers_schema(
    run: Runner, tmp_path: Path, suffix: str
) -> None:
    saved = tmp_path / f"me{suffix}"
    assert run("assess", *PLANNER, "--save-answers", str(saved)).code == 0
    _validator("answers").validate(yaml.safe_load(saved.read_text(encoding="utf-8")))


def test_the_readme_answers_example_fits_the_answers_schema() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Answers file") :]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block is not None
    _validator("answers").validate(yaml.safe_load(block.group(1)))


def test_the_schemas_reject_what_the_program_would_not_write() -> None:
    golden = json.loads((GOLDEN / "assessment.json").read_text(encoding="utf-8"))
    result = _validator("result")
    for broken in (
        {**golden, "kind": "verdict"},
        {**golden, "level": {**golden["level"], "number": 5}},
        {**golden, "courses": [{**golden["courses"][0], "kind_id": "specialist course"}]},
        {**golden, "surprise": 1},
        {k: v for k, v in golden.items() if k != "titles"},
    ):
        assert not result.is_valid(broken)
    answers = _validator("answers")
    assert answers.is_valid({"years": 2, "scope": "project", "activities": "keep-records"})
    assert not answers.is_valid({"years": 2, "scope": "project"})
    assert not answers.is_valid({"years": 2, "scope": "project", "activities": [], "x": 1})


def test_course_kinds_carry_a_stable_id_beside_the_name(run: Runner) -> None:
    data = json.loads(run("courses", "--format", "json").out)
    pairs = {(c["kind"], c["kind_id"]) for c in data["courses"]}
    assert ("specialist course", "specialist") in pairs
    assert ("eLearning", "elearning") in pairs
    for kind_id in {k for _, k in pairs}:
        listed = json.loads(run("courses", "--kind", kind_id, "--format", "json").out)
        assert {c["kind_id"] for c in listed["courses"]} == {kind_id}


@pytest.mark.parametrize(
    ("kind", "kind_id"),
    [("specialist course", "specialist"), ("eLearning", "elearning"), ("course", "course"),
     ("professional status", "professional-status"), ("certification", "certification")],
)  # fmt: skip
def test_a_course_kind_id_follows_one_rule_so_new_kinds_get_one(kind: str, kind_id: str) -> None:
    from pmo_advisor.model import course_kind_id

    assert course_kind_id(kind) == kind_id
