"""Finding your way without the README: the activities command, hints that name
commands, help that lists answer keys, and examples that survive narrow terminals."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest
import typer

from pmo_advisor.answers import ANSWER_KEYS
from pmo_advisor.cli.app import COMMAND_APPS, app
from pmo_advisor.knowledge import Knowledge
from tests.conftest import Run

Runner = Callable[..., Run]


def _command_names() -> list[str]:
    return list(COMMAND_APPS)


def test_activities_lists_every_id_with_level_and_focus(run: Runner, knowledge: Knowledge) -> None:
    result = run("activities")
    assert result.code == 0, result.err
    for activity in knowledge.activities:
        line = f"- {activity.id}: "
        assert line in result.out, activity.id
        assert f"Level {activity.level}: " in result.out
    plan = knowledge.activity("plan-schedule")
    assert "(focus: planning)" in result.out.split(f"- {plan.id}: ")[1].split("\n- ")[0]


def test_activities_filters_by_level_and_focus(run: Runner, knowledge: Knowledge) -> None:
    data = json.loads(run("activities", "--level", "2", "--focus", "planning", "-f", "json").out)
    assert data["kind"] == "activities"
    ids = [a["id"] for a in data["activities"]]
    expected = [a.id for a in knowledge.activities if a.level == 2 and a.focus == "planning"]
    assert ids == expected and ids
    assert set(data["activities"][0]) == {"id", "level", "focus", "track", "does"}


def test_activities_rejects_a_bad_level(run: Runner) -> None:
    result = run("activities", "--level", "5")
    assert result.code == 2
    assert "--level must be 1, 2, 3 or 4" in result.err


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (
            [
                "assess",
                "--set",
                "years=2",
                "--set",
                "scope=project",
                "--set",
                "activities=plan-schedul",
            ],
            "'pmo-advisor activities' lists all",
        ),
        (["suggest", "--level", "2", "--held", "prince"], "'pmo-advisor courses' lists them"),
    ],
)
def test_long_lists_of_ids_are_left_to_the_command_that_lists_them(
    run: Runner, args: list[str], command: str
) -> None:
    result = run(*args)
    assert result.code == 2
    assert command in result.err
    assert "README" not in result.err


def test_assess_help_lists_every_answer_key(run: Runner) -> None:
    out = run("assess", "--help").out
    for key in ANSWER_KEYS:
        assert re.search(rf"^\s+{key}\s", out, re.M), key


def test_titles_help_shows_the_title_argument_once_bracketed(run: Runner) -> None:
    out = run("titles", "--help").out
    assert "[OPTIONS] [TITLE]" in out
    assert "[[TITLE]]" not in out


def _example(run: Runner, name: str) -> list[str]:
    lines = [line.strip() for line in run(name, "--help").out.splitlines()]
    examples = [line for line in lines if line.startswith("Example: ")]
    assert len(examples) == 1, lines
    words = shlex.split(examples[0].removeprefix("Example: "))
    assert words[:2] == ["pmo-advisor", name]
    return words


@pytest.mark.parametrize("name", _command_names())
def test_help_examples_stay_whole_in_a_narrow_terminal_and_parse(
    run: Runner, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    words = _example(run, name)
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    command = group.get_command(typer.Context(group), name)
    assert command is not None
    command.make_context(name, words[2:])  # a usage error would raise here


@pytest.mark.parametrize(
    "name",
    [
        "assess", "suggest", "levels", "titles", "courses", "plan", "activities", "config",
        "schema", "help",
    ],
)  # fmt: skip
def test_help_examples_run(
    run: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str
) -> None:
    monkeypatch.chdir(tmp_path)  # an example may write a file
    words = _example(run, name)
    result = run(*words[1:])
    assert result.code == 0, (words, result.err)


def test_the_main_help_examples_are_whole_lines(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    out = run("--help").out
    assert "  pmo-advisor assess --answers me.yaml\n" in out
    assert not re.search(r"pmo-\n", out)


def test_no_command_off_a_terminal_lists_every_command(run: Runner) -> None:
    result = run()
    assert result.code == 2
    for name in _command_names():
        assert re.search(rf"^  {name}\s+\S", result.err, re.M), name


def test_held_help_names_the_command_that_lists_course_ids(run: Runner) -> None:
    for name in ("suggest", "plan"):
        out = " ".join(run(name, "--help").out.split())
        assert "comma-separated); pmo-advisor courses lists them." in out
