"""Settings: the config file, the environment and flags, in that order of strength; and
the output format chosen by an output file's extension."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pmo_advisor import settings
from tests.conftest import Run

Runner = Callable[..., Run]


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A config file in a temporary user config directory, found the platformdirs way."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = tmp_path / "config" / "pmo-advisor" / "config.toml"
    path.parent.mkdir(parents=True)
    settings.forget()
    yield path
    settings.forget()


def test_the_config_file_is_in_the_user_config_directory(config_file: Path) -> None:
    assert settings.config_path() == config_file


def test_output_file_extension_chooses_the_format(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "result.json"
    assert run("suggest", "--level", "2", "-o", str(target)).code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["kind"] == "suggestion"
    markdown = tmp_path / "ladder.md"
    assert run("levels", "-o", str(markdown)).code == 0
    assert markdown.read_text(encoding="utf-8").startswith("# ")
    other = tmp_path / "ladder.out"
    assert run("levels", "-o", str(other)).code == 0
    assert other.read_text(encoding="utf-8").startswith("The PMO career ladder")


def test_format_flag_beats_the_extension(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "result.json"
    assert run("levels", "-o", str(target), "--format", "plain").code == 0
    assert target.read_text(encoding="utf-8").startswith("The PMO career ladder")


def test_precedence_flag_then_environment_then_file(
    run: Runner, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file.write_text('format = "markdown"\n', encoding="utf-8")
    assert run("levels").out.startswith("# ")
    monkeypatch.setenv("PMO_ADVISOR_FORMAT", "json")
    assert json.loads(run("levels").out)["kind"] == "ladder"
    assert run("levels", "--format", "plain").out.startswith("The PMO career ladder")


def test_colour_from_the_file_and_forced_by_the_environment(
    run: Runner, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "\x1b[" not in run("levels").out
    config_file.write_text('color = "always"\n', encoding="utf-8")
    assert "\x1b[" in run("levels").out
    assert "\x1b[" not in run("levels", "--no-color").out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("levels").out


@pytest.mark.parametrize("variable", ["FORCE_COLOR", "CLICOLOR_FORCE"])
def test_force_colour_variables_colour_a_pipe(
    run: Runner, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "1")
    assert "\x1b[" in run("levels").out
    assert "\x1b[" not in run("levels", "--format", "plain").out
    monkeypatch.setenv(variable, "0")
    assert "\x1b[" not in run("levels").out


def test_config_shows_each_setting_its_value_and_source_as_toml(
    run: Runner, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file.write_text('format = "json"\npager = "most"\n', encoding="utf-8")
    monkeypatch.setenv("PMO_ADVISOR_PAGER", "less -R")  # over the file's pager
    result = run("config")
    assert result.code == 0, result.err
    assert str(config_file) in result.out
    values = tomllib.loads(result.out)
    assert values == {
        "format": "json", "color": "auto", "pager": "less -R", "save_last": True,
        "plain_prompts": False, "market": "",
    }  # fmt: skip
    assert f'format = "json"  # from config file {config_file}' in result.out
    assert 'pager = "less -R"  # from PMO_ADVISOR_PAGER' in result.out
    assert run("config", "--path").out == f"{config_file}\n"


def test_pager_falls_back_to_pager_after_the_file(
    config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PMO_ADVISOR_PAGER")
    monkeypatch.setenv("PAGER", "more")
    assert settings.setting("pager") == settings.Setting("more", "PAGER")
    config_file.write_text("pager = false\n", encoding="utf-8")
    settings.forget()
    assert settings.setting("pager").value == ""


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('formt = "json"\n', "unknown setting 'formt'; did you mean 'format'?"),
        ('format = "yaml"\n', "format must be one of auto, rich, plain, json, markdown"),
        ("format = \n", "not valid TOML"),
        ("save_last = 1\n", "save_last must be true or false"),
    ],
)
def test_a_bad_config_file_is_one_clear_error(
    run: Runner, config_file: Path, text: str, needle: str
) -> None:
    config_file.write_text(text, encoding="utf-8")
    result = run("levels")
    assert result.code == 2
    assert result.out == ""
    assert str(config_file) in result.err
    assert needle in result.err
    assert "Traceback" not in result.err


def test_a_config_file_that_cannot_be_read_says_why_in_words(
    run: Runner, config_file: Path
) -> None:
    config_file.write_bytes(b'format = "\xd0\xff"\n')
    result = run("levels")
    assert result.code == 2
    assert "not UTF-8 text (byte 0xd0 at offset 10)" in result.err
    assert "codec" not in result.err
    config_file.unlink()
    config_file.mkdir()
    result = run("levels")
    assert result.code == 2
    assert "is a directory, not a file" in result.err
    assert "Errno" not in result.err


def test_a_value_without_quotes_gets_an_example_with_them(run: Runner, config_file: Path) -> None:
    config_file.write_text("format = plain\n", encoding="utf-8")
    result = run("levels")
    assert result.code == 2
    assert "not valid TOML (Invalid value (at line 1, column 10))" in result.err
    assert 'Text goes in quotes and flags are true or false: format = "json"' in result.err


def test_every_mistake_in_the_config_file_is_named_with_help_that_works(
    run: Runner, config_file: Path
) -> None:
    config_file.write_text('colour = "never"\npager = 3\n', encoding="utf-8")
    result = run("levels")
    assert result.code == 2
    assert "unknown setting 'colour'; did you mean 'color'?" in result.err
    assert "pager must be a command" in result.err
    assert "format, color, pager, save_last, plain_prompts" in result.err
    # The hint's command works with the broken file, unlike 'pmo-advisor config'.
    where = run("config", "--path")
    assert where.code == 0 and where.out.strip() == str(config_file)


def test_a_bad_format_variable_is_named(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMO_ADVISOR_FORMAT", "yaml")
    result = run("levels")
    assert result.code == 2
    assert "PMO_ADVISOR_FORMAT must be one of" in result.err


def test_json_runs_with_a_format_flag_do_not_read_the_config_file(
    run: Runner, config_file: Path
) -> None:
    config_file.write_text("this is not toml\n", encoding="utf-8")
    assert run("levels", "--format", "json").code == 0
    assert run("levels").code == 2
