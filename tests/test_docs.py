"""Docs that cannot drift: the examples in the README and docs/ are real output, and the
docs name every command, flag, answers key, id, exit code and environment variable there
is."""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from pmo_advisor.answers import ANSWER_KEYS
from pmo_advisor.errors import ExitCode
from pmo_advisor.knowledge import Knowledge
from tests.conftest import REPO, Run

Runner = Callable[..., Run]
README = REPO / "README.md"
DOCS = REPO / "docs"
BLOCK = re.compile(r"```console\n\$ (?P<command>[^\n]+)\n(?P<output>.*?)```", re.S)
#: The README is the front page and the package's long description: short, with links.
README_LIMIT = 250


def pages() -> list[Path]:
    """The README, then every page of docs/."""
    return [README, *sorted(DOCS.glob("*.md"))]


def documentation() -> str:
    """Everything the README and docs/ say, as one text."""
    return "\n".join(page.read_text(encoding="utf-8") for page in pages())


def examples() -> list[tuple[Path, str, str]]:
    return [
        (page, m["command"], m["output"])
        for page in pages()
        for m in BLOCK.finditer(page.read_text(encoding="utf-8"))
    ]


def _example_id(example: tuple[Path, str, str]) -> str:
    page, command, _ = example
    return f"{page.name}: {command[:60]}"


def test_the_docs_have_examples() -> None:
    commands = {command.split("pmo-advisor ", 1)[1].split()[0] for _, command, _ in examples()}
    assert {"levels", "suggest", "assess", "titles", "team"} <= commands
    assert any(page == README for page, _, _ in examples())


@pytest.mark.parametrize("example", examples(), ids=_example_id)
def test_examples_are_real_output(
    run: Runner, monkeypatch: pytest.MonkeyPatch, example: tuple[Path, str, str]
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    page, command, expected = example
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
        text = page.read_text(encoding="utf-8")
        block = f"```console\n$ {command}\n{expected}```"
        page.write_text(
            text.replace(block, f"```console\n$ {command}\n{actual}```"), encoding="utf-8"
        )
        expected = actual
    assert actual == expected, f"{page.name} example changed: {command}"


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
        "advert",
        "activities",
        "config",
        "schema",
        "help",
    ],
)
def test_every_command_has_help_with_an_example_and_is_documented(run: Runner, name: str) -> None:
    help_text = run(name, "--help").out
    assert "Example: pmo-advisor " + name in help_text
    commands = (DOCS / "commands.md").read_text(encoding="utf-8")
    assert f"\n## `pmo-advisor {name}`\n" in commands
    assert f"| `pmo-advisor {name}" in README.read_text(encoding="utf-8")
    text = documentation()
    for flag in re.findall(r"(--[a-z][a-z-]+)", help_text):
        if flag != "--help":
            assert f"`{flag}" in text, f"{name} {flag} is not in the docs"


def test_the_docs_list_every_answers_key_and_id(knowledge: Knowledge) -> None:
    section = (DOCS / "answers.md").read_text(encoding="utf-8")
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


def test_the_docs_document_exit_codes_and_environment() -> None:
    text = (DOCS / "commands.md").read_text(encoding="utf-8")
    for code in ExitCode:
        assert f"| {int(code)} |" in text
        assert f"{int(code)} " in README.read_text(encoding="utf-8")
    for variable in (
        "NO_COLOR", "COLUMNS", "PMO_ADVISOR_NO_INPUT", "PMO_ADVISOR_DEBUG", "PMO_ADVISOR_DATA",
        "PMO_ADVISOR_CACHE_DIR", "PMO_ADVISOR_CONFIG", "PMO_ADVISOR_FORMAT", "FORCE_COLOR",
        "CLICOLOR_FORCE", "PMO_ADVISOR_PAGER", "PMO_ADVISOR_NO_SAVE",
        "PMO_ADVISOR_PLAIN_PROMPTS",
    ):  # fmt: skip
        assert f"`{variable}" in text, variable


def test_the_readme_commands_are_the_ones_ci_runs() -> None:
    text = README.read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && pytest" in text
    assert re.search(r"pip install (--quiet )?-e '\.\[test\]' && pytest\n", ci)
    assert "pip install . && pmo-advisor suggest --level 2" in text
    assert '"$status" -eq 5' in ci  # pytest's "no tests ran" fails CI
    assert "mkdocs build --strict" in ci


def test_the_readme_is_short_and_its_links_lead_somewhere() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= README_LIMIT
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
        if not target.startswith("https://"):
            assert (REPO / target).exists(), target


def test_every_page_is_in_the_site_navigation() -> None:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))

    def pages_in(nav: object) -> set[str]:
        if isinstance(nav, str):
            return {nav}
        if isinstance(nav, list):
            return set().union(*(pages_in(item) for item in nav))
        if isinstance(nav, dict):
            return set().union(*(pages_in(item) for item in nav.values()))
        return set()

    listed = pages_in(config["nav"])
    assert {page.name for page in DOCS.glob("*.md")} <= listed
    assert {"architecture.md", "titles.md"} <= listed
