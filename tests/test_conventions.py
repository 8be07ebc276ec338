"""The conventions people reach for: help COMMAND, config set/unset/edit, --last on plan
and suggest, --no-save before any command, and help text without Python types."""

from __future__ import annotations

import json
import re
import sys
import tomllib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from pmo_advisor import settings
from pmo_advisor.cli.app import ORDER
from tests.conftest import Run

Runner = Callable[..., Run]
KEPT = {
    "schema_version": 1,
    "years": 4,
    "scope": "programme",
    "activities": ["plan-schedule", "run-raid", "analyse-performance"],
    "focus": ["planning"],
    "qualifications": ["prince2-7-foundation"],
}


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Answers kept by the questionnaire last time, in a temporary user data directory."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = tmp_path / "data" / "pmo-advisor" / "last-answers.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(KEPT), encoding="utf-8")
    return path


@pytest.fixture
def nothing_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "empty"))


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Where the config file goes, in a temporary user config directory (not made)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    settings.forget()
    yield tmp_path / "config" / "pmo-advisor" / "config.toml"
    settings.forget()


def _json(result: Run) -> dict[str, Any]:
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


# --last and the kept answers ------------------------------------------------------


def test_plan_last_plans_from_the_kept_answers_to_the_next_level(run: Runner, kept: Path) -> None:
    last = _json(run("plan", "--last", "--format", "json"))
    level = _json(run("assess", "--last", "--format", "json"))["level"]["number"]
    assert (last["from"], last["to"]) == (level, level + 1)
    # Exactly the plan the answers file itself gives.
    from_file = run("plan", "--answers", str(kept), "--to", str(level + 1), "--format", "json")
    assert last == _json(from_file)
    further = _json(run("plan", "--last", "--to", "4", "--format", "json"))
    assert further["to"] == 4 and len(further["steps"]) == 4 - level


def test_plan_without_a_start_starts_from_the_kept_answers(run: Runner, kept: Path) -> None:
    assert _json(run("plan", "--format", "json")) == _json(
        run("plan", "--last", "--format", "json")
    )


def test_plan_without_a_start_or_kept_answers_says_how_to_give_one(
    run: Runner, nothing_kept: None
) -> None:
    result = run("plan", "--to", "3")
    assert result.code == 2
    assert "--from N (your level) or --answers FILE" in result.err
    last = run("plan", "--last")
    assert last.code == 2
    assert "no answers have been kept yet" in last.err


def test_plan_takes_one_start(run: Runner, kept: Path) -> None:
    result = run("plan", "--last", "--from", "2")
    assert result.code == 2
    assert "give --from N or --last, not both" in result.err
    three = run("plan", "--last", "--from", "2", "--answers", str(kept))
    assert three.code == 2
    assert "only one of --from N, --answers FILE and --last" in three.err


def test_suggest_last_suggests_for_the_kept_answers_level(run: Runner, kept: Path) -> None:
    level = _json(run("assess", "--last", "--format", "json"))["level"]["number"]
    last = _json(run("suggest", "--last", "--format", "json"))
    same = run(
        "suggest", "--level", str(level), "--scope", "programme", "--focus", "planning",
        "--held", "prince2-7-foundation", "--format", "json",
    )  # fmt: skip
    assert last == _json(same)
    assert last["level"]["number"] == level
    # A flag given wins over the kept answer.
    narrowed = _json(run("suggest", "--last", "--scope", "project", "--format", "json"))
    assert narrowed["request"]["scope"] == "project"


def test_suggest_needs_a_level_or_last(run: Runner, kept: Path) -> None:
    neither = run("suggest")
    assert neither.code == 2
    assert "--level N (1-4), or --last" in neither.err
    both = run("suggest", "--last", "--level", "2")
    assert both.code == 2
    assert "give --level N or --last, not both" in both.err


def test_no_save_before_any_command_starts_the_questionnaire_without_keeping(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    asked: list[dict[str, Any]] = []

    def ask(knowledge: object, given: Mapping[str, Any], **options: Any) -> dict[str, Any]:
        asked.append(options)
        return {key: value for key, value in KEPT.items() if key != "schema_version"}

    monkeypatch.setattr("pmo_advisor.cli.present.can_prompt", lambda no_input=False: True)
    monkeypatch.setattr("pmo_advisor.questionnaire.ask_for_answers", ask)
    assert run("--no-save").code == 0
    assert run("--no-save", "--plain-prompts").code == 0
    assert [options["plain"] for options in asked] == [False, True]
    assert not (tmp_path / "data" / "pmo-advisor" / "last-answers.yaml").exists()
    assert run().code == 0  # without it, the answers are kept
    assert (tmp_path / "data" / "pmo-advisor" / "last-answers.yaml").exists()


def test_no_save_before_a_command_says_where_it_goes(run: Runner) -> None:
    result = run("--no-save", "levels")
    assert result.code == 2
    assert "--no-save before a command does nothing for 'levels'" in result.err
    assert "pmo-advisor assess --no-save" in result.err


# help -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [*ORDER, "config set", "config unset", "config edit"])
def test_help_command_is_the_commands_own_help(run: Runner, name: str) -> None:
    words = name.split()
    shown = run("help", *words)
    assert shown.code == 0, shown.err
    assert shown.out == run(*words, "--help").out
    # No Python types, no braces: what a person types.
    assert not re.search(r"<\w+(\[\w+\])?>|\{[A-Z]+\}", shown.out), shown.out


def test_help_alone_is_the_programs_help(run: Runner) -> None:
    assert run("help").out == run("--help").out


def test_an_unknown_command_for_help_is_a_usage_error_with_did_you_mean(run: Runner) -> None:
    result = run("help", "tema")
    assert result.code == 2
    assert "unknown command 'tema'; did you mean 'team'?" in result.err
    assert result.out == ""
    nested = run("help", "config", "st")
    assert nested.code == 2
    assert "did you mean 'set'?" in nested.err


def test_arguments_are_named_as_people_write_them(run: Runner) -> None:
    titles = run("titles", "--help").out
    assert "Usage: pmo-advisor titles [OPTIONS] [TITLE]..." in titles
    assert "  TITLE...  A job title" in titles
    team = run("team", "--help").out
    assert "Usage: pmo-advisor team [OPTIONS] [ROSTER]\n" in team  # optional: --template
    assert "{ROSTER}" not in team and "<str>" not in team
    required = run("config", "set", "--help").out
    assert "Usage: pmo-advisor config set [OPTIONS] KEY VALUE\n" in required


def test_team_help_names_the_roster_columns_and_the_template(run: Runner) -> None:
    text = run("team", "--help").out
    for column in ("name", "years", "scope", "activities", "team_size", "qualifications"):
        assert re.search(rf"\b{column}\b", text), column
    assert "pmo-advisor team --template" in text


def test_the_top_level_help_lists_commands_as_a_newcomer_uses_them(run: Runner) -> None:
    text = run("--help").out
    assert "run pmo-advisor with no command, in a terminal" in text
    listed = re.findall(r"^  (\w+)  ", text.split("Commands:")[1], flags=re.M)
    assert listed[:2] == ["assess", "plan"] and listed.index("team") < 3
    examples = text.split("Examples, one for each command:")[1].split("\n\n")[0]
    used = [line.split()[1] for line in examples.strip().splitlines()]
    assert used == listed


# config set, unset, edit --------------------------------------------------------------


def test_config_set_writes_a_new_file_that_settings_then_read(
    run: Runner, config_file: Path
) -> None:
    assert run("config", "set", "color", "never").code == 0
    assert run("config", "set", "save_last", "no").code == 0
    assert run("config", "set", "Market", "UK").code == 0
    assert tomllib.loads(config_file.read_text(encoding="utf-8")) == {
        "color": "never",
        "save_last": False,
        "market": "uk",
    }
    shown = run("config").out
    assert f'color = "never"  # from config file {config_file}' in shown


def test_config_set_and_unset_keep_the_other_lines_and_comments(
    run: Runner, config_file: Path
) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text(
        '# my settings\nformat = "plain"  # for scripts\n\n# the pager\npager = "less -R"\n',
        encoding="utf-8",
    )
    assert run("config", "set", "format", "markdown").code == 0
    assert run("config", "set", "plain_prompts", "true").code == 0
    assert run("config", "unset", "pager").code == 0
    assert config_file.read_text(encoding="utf-8") == (
        '# my settings\nformat = "markdown"\n\n# the pager\nplain_prompts = true\n'
    )
    # Unsetting what is not set changes nothing and is no error.
    assert run("config", "unset", "pager").code == 0
    # A setting with a mistyped name can be removed by that name.
    config_file.write_text('colour = "never"\n', encoding="utf-8")
    assert run("config", "unset", "colour").code == 0
    assert config_file.read_text(encoding="utf-8") == ""


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (("colour", "never"), ["unknown setting 'colour'; did you mean 'color'?"]),
        (("color", "blue"), ["color must be one of auto, always, never",
                             "pmo-advisor config set color never"]),
        (("save_last", "maybe"), ["save_last must be true or false",
                                  "pmo-advisor config set save_last false"]),
        (("market", "narnia"), ["unknown market 'narnia'", "config set market uk"]),
    ],
)  # fmt: skip
def test_config_set_refuses_a_bad_value_and_keeps_the_file(
    run: Runner, config_file: Path, args: tuple[str, str], needles: list[str]
) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text('format = "json"\n', encoding="utf-8")
    result = run("config", "set", *args)
    assert result.code == 2
    for needle in needles:
        assert needle in result.err
    assert config_file.read_text(encoding="utf-8") == 'format = "json"\n'


def test_config_set_leaves_a_file_with_other_mistakes_alone(run: Runner, config_file: Path) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text("pager = 3\n", encoding="utf-8")
    result = run("config", "set", "color", "never")
    assert result.code == 2
    assert "pager must be a command" in result.err
    assert config_file.read_text(encoding="utf-8") == "pager = 3\n"


def test_every_example_a_config_message_gives_is_a_valid_setting(
    run: Runner, config_file: Path
) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text("format = plain\n", encoding="utf-8")
    hint = run("levels").err
    examples = re.findall(r'(\w+ = (?:"[^"]*"|true|false))', hint)
    assert len(examples) >= 2, hint
    for example in examples:
        settings.checked(example + "\n", config_file)  # raises for a value it refuses


def test_config_set_examples_are_valid_values_and_a_byte_order_mark_stays(
    run: Runner, config_file: Path
) -> None:
    from pmo_advisor.cli.config import _EXAMPLES

    for name, example in _EXAMPLES.items():
        assert run("config", "set", name, example.strip("'")).code == 0, name
    config_file.write_text('\ufeffcolor = "never"\r\n', encoding="utf-8")
    assert run("config", "set", "color", "always").code == 0
    assert config_file.read_text(encoding="utf-8") == '\ufeffcolor = "always"\n'


def _editor(tmp_path: Path, text: str, status: int = 0) -> str:
    """An editor: a script that writes ``text`` into the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text(
        f"import sys\nopen(sys.argv[1], 'w', encoding='utf-8').write({text!r})\n"
        f"sys.exit({status})\n",
        encoding="utf-8",
    )
    return f"{sys.executable} {script}"


@pytest.mark.terminal
def test_config_edit_saves_what_the_editor_saved_when_it_is_valid(
    run: Runner, config_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", _editor(tmp_path, '# mine\ncolor = "always"\n'))
    result = run("config", "edit")
    assert result.code == 0, result.err
    assert config_file.read_text(encoding="utf-8") == '# mine\ncolor = "always"\n'
    assert [p.name for p in config_file.parent.iterdir()] == ["config.toml"]


@pytest.mark.terminal
@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("color = false\n", "color must be one of auto, always, never"),
        ("format = json\n", "not valid TOML"),
        ('colur = "never"\n', "did you mean 'color'?"),
    ],
)
def test_config_edit_keeps_the_old_file_when_the_edit_is_invalid(
    run: Runner,
    config_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    needle: str,
) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text('format = "plain"\n', encoding="utf-8")
    monkeypatch.setenv("VISUAL", _editor(tmp_path, text))
    monkeypatch.setenv("EDITOR", "false")  # VISUAL comes first
    result = run("config", "edit")
    assert result.code == 2
    assert needle in result.err
    assert "The config file is as it was." in result.err
    assert config_file.read_text(encoding="utf-8") == 'format = "plain"\n'
    assert [p.name for p in config_file.parent.iterdir()] == ["config.toml"]


@pytest.mark.terminal
def test_config_edit_starts_a_new_file_from_the_defaults_and_an_editor_that_fails_changes_nothing(
    run: Runner, config_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", _editor(tmp_path, "color = 'never'\n", status=1))
    failed = run("config", "edit")
    assert failed.code == 2
    assert "exit status 1" in failed.err
    assert not config_file.exists()
    monkeypatch.setenv("VISUAL", "true")  # saves the template unchanged
    assert run("config", "edit").code == 0
    assert not config_file.exists()
    monkeypatch.setenv("VISUAL", "no-such-editor-anywhere")
    missing = run("config", "edit")
    assert missing.code == 2
    assert "cannot start the editor 'no-such-editor-anywhere' (from VISUAL)" in missing.err
