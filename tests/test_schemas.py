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

from pmo_advisor.knowledge import Knowledge
from pmo_advisor.model import SuggestionRequest
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


def test_a_schema_can_be_written_to_a_file(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "answers.schema.json"
    result = run("schema", "answers", "-o", str(target), "--no-pager")
    assert result.code == 0, result.err
    assert result.out == ""
    assert json.loads(target.read_text(encoding="utf-8")) == SCHEMAS["answers"]()


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


ROSTER = (
    "name,years,scope,activities,focus,team_size,qualifications\n"
    'Ann,4,programme,"plan-schedule,analyse-performance",planning,0,prince2\n'
    "Bob,1,project,keep-records,,,\n"
    "Cy,12,portfolio,manage-pmo-team,,6,essentials-pmo-analysts\n"
    'Di,4,programme,"plan-schedule,analyse-performance",planning,0,prince2\n'
    'Eve,20,enterprise,"lead-pmo-managers,portfolio-strategy,delivery-capability",,12,\n'
)
INVALID_ROWS = "Ed,99,programme,plan-schedule,,,\nFay,4,programe,plan-schedule,,,\n"


def _team(run: Runner, roster: Path, *flags: str) -> dict[str, Any]:
    result = run("team", str(roster), "--format", "json", *flags)
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


@pytest.mark.parametrize("summary", [[], ["--summary"]], ids=["full", "summary"])
@pytest.mark.parametrize("invalid", [False, True], ids=["valid", "skip-invalid"])
def test_team_json_output_fits_the_team_schema(
    run: Runner, tmp_path: Path, summary: list[str], invalid: bool
) -> None:
    roster = tmp_path / "team.csv"
    roster.write_text(ROSTER + (INVALID_ROWS if invalid else ""), encoding="utf-8")
    data = _team(run, roster, *summary, *(["--skip-invalid"] if invalid else []))
    _validator("team").validate(data)
    # What the schema leaves optional or empty is there to be checked, not skipped.
    assert ("people" in data) is not bool(summary)
    report = data["summary"]
    assert len(report["invalid"]) == (2 if invalid else 0)
    assert report["borderline"] and report["shared_gaps"] and report["held"]
    if not summary:
        assert None in [person["next"] for person in data["people"]]  # Eve, at level 4


def test_a_directory_rosters_skipped_files_fit_the_team_schema(run: Runner, tmp_path: Path) -> None:
    folder = tmp_path / "people"
    folder.mkdir()
    (folder / "ann.yaml").write_text("years: 4\nscope: programme\nactivities: [plan-schedule]\n")
    (folder / "bob.yaml").write_text("yeras: 4\n")
    data = _team(run, folder, "--skip-invalid")
    _validator("team").validate(data)
    assert data["summary"]["invalid"][0]["file"] == "bob.yaml"


def test_the_team_schema_rejects_what_the_program_would_not_write(
    run: Runner, tmp_path: Path
) -> None:
    roster = tmp_path / "team.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    data = _team(run, roster)
    team = _validator("team")
    assert team.is_valid(data)
    ann = data["people"][0]
    summary = data["summary"]
    for broken in (
        {**data, "kind": "assessment"},
        {**data, "people": None},
        {**data, "people": [{**ann, "titles": ann["titles"] * 2}]},
        {**data, "people": [{**ann, "next": {**ann["next"], "gaps": ["a", "b"]}}]},
        {**data, "people": [{k: v for k, v in ann.items() if k != "answers"}]},
        {**data, "people": [{**ann, "answers": {**ann["answers"], "scope": "programe"}}]},
        {**data, "summary": {**summary, "levels": {**summary["levels"], "5": 0}}},
        {**data, "summary": {k: v for k, v in summary.items() if k != "invalid"}},
        {
            **data,
            "summary": {**summary, "shared_gaps": [{**summary["shared_gaps"][0], "count": 1}]},
        },
    ):
        assert not team.is_valid(broken)
    # The published schema, unlike the strict copy, lets fields be added.
    published = jsonschema.Draft202012Validator(SCHEMAS["team"]())
    assert published.is_valid({**data, "summary": {**summary, "new_field": 1}})


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_saved_answers_files_fit_the_answers_schema(
    run: Runner, tmp_path: Path, suffix: str
) -> None:
    saved = tmp_path / f"me{suffix}"
    assert run("assess", *PLANNER, "--save-answers", str(saved)).code == 0
    _validator("answers").validate(yaml.safe_load(saved.read_text(encoding="utf-8")))


def test_the_docs_answers_example_fits_the_answers_schema() -> None:
    section = (REPO / "docs" / "answers.md").read_text(encoding="utf-8")
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
    # The bounds assess enforces, so that an editor checking a file agrees with it.
    base = {"years": 2, "scope": "project", "activities": ["keep-records"]}
    assert answers.is_valid({**base, "team_size": 100_000, "title": "t" * 200})
    for wrong in ({"years": 61}, {"years": -1}, {"team_size": -1}, {"team_size": 100_001},
                  {"title": "t" * 201}):  # fmt: skip
        assert not answers.is_valid({**base, **wrong}), wrong
    assert "default" not in SCHEMAS["answers"]()["properties"]["team_size"]


def test_the_market_is_text_or_null_in_answers_files_and_results() -> None:
    answers = _validator("answers")
    base = {"years": 2, "scope": "project", "activities": ["keep-records"]}
    assert answers.is_valid({**base, "market": "uk"})
    assert answers.is_valid({**base, "market": None})
    assert not answers.is_valid({**base, "market": 3})
    assert not answers.is_valid({**base, "market": ["uk"]})
    golden = json.loads((GOLDEN / "assessment.json").read_text(encoding="utf-8"))
    assert golden["answers"]["market"] is None
    result = _validator("result")
    assert result.is_valid({**golden, "answers": {**golden["answers"], "market": "india"}})
    assert not result.is_valid({**golden, "answers": {**golden["answers"], "market": 1}})


def test_every_answers_key_is_described_and_only_answers_keys_are() -> None:
    from pmo_advisor.answers import ANSWER_KEYS

    properties = SCHEMAS["answers"]()["properties"]
    assert sorted(properties) == sorted(["schema_version", *ANSWER_KEYS])
    for key, prop in properties.items():
        assert prop["description"].strip(), key


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


def test_a_field_added_to_a_result_is_written_and_described_by_that_one_edit() -> None:
    from dataclasses import dataclass, field

    from pmo_advisor.jsonfields import json_field
    from pmo_advisor.listings import TitleListing
    from pmo_advisor.render.json import result_data
    from pmo_advisor.schemas import schema_of

    @dataclass(frozen=True)
    class Counted(TitleListing):
        """Titles, counted."""

        count: int = field(default=0, metadata=json_field(ge=0, description="how many"))
        secret: str = field(default="x", metadata=json_field(hidden=True))
        note: str | None = field(default=None, metadata=json_field(only_with="note"))

    written = result_data(Counted(titles=(), count=3))
    assert list(written) == ["schema_version", "kind", "titles", "count"]
    assert written["count"] == 3
    assert result_data(Counted(titles=(), note="n"))["note"] == "n"
    schema = schema_of(Counted)
    described = schema  # the class itself is the schema's root
    assert described["properties"]["count"]["description"] == "how many"
    assert described["properties"]["count"]["minimum"] == 0
    assert "secret" not in described["properties"]
    assert described["properties"]["note"] == {"title": "Note", "type": "string"}
    assert "note" not in described["required"]
    validator = jsonschema.Draft202012Validator(_strict(schema))
    validator.validate(result_data(Counted(titles=(), count=3)))
    assert not validator.is_valid({**written, "count": -1})


def test_to_json_of_a_result_is_what_the_command_writes(run: Runner, knowledge: Knowledge) -> None:
    from pmo_advisor.render.json import to_json
    from pmo_advisor.rules import catalogue, ladder, suggest

    assert to_json(ladder(knowledge)) == run("levels", "--format", "json").out
    courses = run("courses", "--level", "2", "--format", "json").out
    assert to_json(catalogue(knowledge, 2, (), None)) == courses
    advice = suggest(SuggestionRequest(level=3), knowledge)
    assert to_json(advice) == run("suggest", "--level", "3", "--format", "json").out
