"""Docs that cannot drift: the README's examples are real output, and it names every
command, flag, answers key, id, exit code and environment variable there is."""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Callable

import pytest
import typer

from pmo_advisor.checks import ANSWER_KEYS
from pmo_advisor.cli.app import app
from pmo_advisor.errors import ExitCode
from pmo_advisor.knowledge import Knowledge
from tests.conftest import REPO, Run

Runner = Callable[..., Run]
README = REPO / "README.md"
BLOCK = re.compile(r"```console\n\$ (?P<command>[^\n]+)\n(?P<output>.*?)```", re.S)


def readme() -> str:
    return README.read_text(encoding="utf-8")


def examples() -> list[tuple[str, str]]:
    return [(m["command"], m["output"]) for m in BLOCK.finditer(readme())]


def test_the_readme_has_examples() -> None:
    commands = [command.split()[1] for command, _ in examples()]
    assert {"levels", "suggest", "assess"} <= set(commands)


@pytest.mark.parametrize("index", range(len(examples())))
def test_readme_examples_are_real_output(
    run: Runner, monkeypatch: pytest.MonkeyPatch, index: int
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    command, expected = examples()[index]
    words = shlex.split(command)
    stdin = b""
    if words[0] == "printf":  # printf 'a\nb\n' | pmo-advisor ...
        assert words[2] == "|", command
        stdin = words[1].encode().decode("unicode_escape").encode()
        words = words[3:]
    limit = None
    if "|" in words:
        cut = words.index("|")
        assert words[cut + 1 : cut + 3] == ["head", "-n"], command
        limit = int(words[cut + 3])
        words = words[:cut]
    assert words[0] == "pmo-advisor"
    result = run(*words[1:], stdin=stdin)
    assert result.code == 0, result.err
    lines = result.out.splitlines(keepends=True)
    actual = "".join(lines[:limit] if limit else lines)
    if os.environ.get("PMO_ADVISOR_UPDATE_GOLDEN") == "1":
        text = readme()
        block = f"```console\n$ {command}\n{expected}```"
        README.write_text(
            text.replace(block, f"```console\n$ {command}\n{actual}```"), encoding="utf-8"
        )
        expected = actual
    assert actual == expected, f"README example changed: {command}"


def _commands() -> dict[str, typer.models.CommandInfo]:
    return {
        c.name or (c.callback.__name__ if c.callback else ""): c for c in app.registered_commands
    }


@pytest.mark.parametrize(
    "name",
    [
        "assess",
        "suggest",
        "levels",
        "titles",
        "courses",
        "plan",
        "team",
        "activities",
        "config",
        "schema",
    ],
)
def test_every_command_has_help_with_an_example_and_is_in_the_readme(
    run: Runner, name: str
) -> None:
    help_text = run(name, "--help").out
    assert "Example: pmo-advisor " + name in help_text
    assert f"### `pmo-advisor {name}`" in readme()
    for flag in re.findall(r"(--[a-z][a-z-]+)", help_text):
        if flag != "--help":
            assert f"`{flag}" in readme(), f"{name} {flag} is not in the README"


def test_the_readme_lists_every_answers_key_and_id(knowledge: Knowledge) -> None:
    text = readme()
    section = text[text.index("## Answers file") : text.index("## JSON output")]
    for key in ANSWER_KEYS:
        assert f"`{key}`" in section
    for ids in (
        knowledge.activity_ids,
        knowledge.focus_ids,
        knowledge.course_ids,
        knowledge.scope_ids,
        knowledge.delivery_ids,
        knowledge.market_ids,
    ):
        for item in ids:
            assert f"`{item}`" in section, item
    rows = {re.sub(r"\s+", " ", line) for line in section.splitlines()}
    for activity in knowledge.activities:
        row = (
            f"| `{activity.id}` | {activity.level} | {activity.track} | {activity.focus or ''}"
            f" | {activity.does} |"
        )
        assert re.sub(r"\s+", " ", row) in rows, row
    for background in knowledge.delivery.backgrounds:
        row = f"| `{background.id}` | {background.level} | {background.did} |"
        assert row in rows, row


def test_the_readme_documents_exit_codes_and_environment() -> None:
    text = readme()
    for code in ExitCode:
        assert f"| {int(code)} |" in text
    for variable in (
        "NO_COLOR", "COLUMNS", "PMO_ADVISOR_NO_INPUT", "PMO_ADVISOR_DEBUG", "PMO_ADVISOR_DATA",
        "PMO_ADVISOR_CACHE_DIR", "PMO_ADVISOR_CONFIG", "PMO_ADVISOR_FORMAT", "FORCE_COLOR",
        "CLICOLOR_FORCE", "PMO_ADVISOR_PAGER", "PMO_ADVISOR_NO_SAVE",
        "PMO_ADVISOR_PLAIN_PROMPTS",
    ):  # fmt: skip
        assert f"`{variable}" in text, variable


def test_the_readme_commands_are_the_ones_ci_runs() -> None:
    text = readme()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && pytest" in text
    assert re.search(r"pip install (--quiet )?-e '\.\[test\]' && pytest\n", ci)
    assert "pip install . && pmo-advisor suggest --level 2" in text
