"""pmo-advisor as a real process: start-up imports, pipes, terminals and colour."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

# Every test here runs pmo-advisor in a pseudo-terminal or as a separate program.
pytestmark = pytest.mark.terminal

SCRIPT = Path(sys.executable).with_name("pmo-advisor")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "pmo_advisor"]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(
    *args: str, stdin: int | None = subprocess.DEVNULL, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *args],
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, **env},
        check=False,
    )


def imported_modules(*args: str) -> set[str]:
    code = (
        "import sys, io, contextlib\n"
        "from pmo_advisor.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main({list(args)!r})\n"
        "print(code, ' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    code_text, modules = done.stdout.split(" ", 1)
    assert code_text == "0", done.stderr
    return set(modules.split())


@pytest.fixture(scope="module")
def cached_knowledge() -> None:
    """The validated knowledge base in this test process's cache, as after a first run:
    the runs below then load it as every later run does."""
    assert run("levels").returncode == 0


@pytest.mark.usefixtures("cached_knowledge")
def test_scripted_commands_load_only_what_they_use() -> None:
    for args in (["suggest", "--level", "2", "--format", "json"], ["levels", "--format", "plain"]):
        modules = imported_modules(*args)
        unused = {"questionary", "prompt_toolkit", "rapidfuzz", "rich", "yaml", "annotated_types"}
        assert not modules & unused, args


@pytest.mark.parametrize(
    "args",
    [
        ["suggest", "--level", "2", "--format", "json"],
        ["levels"],
        ["titles", "Senior PMO Analyst", "--format", "json"],
        ["courses", "--level", "3", "--focus", "planning"],
        ["plan", "--from", "1", "--to", "3"],
        ["activities", "--format", "json"],
        ["suggest", "--help"],
    ],
)
@pytest.mark.usefixtures("cached_knowledge")
def test_commands_that_take_no_answers_never_import_pydantic(args: list[str]) -> None:
    # Importing pydantic takes longer than the rest of such a command's start-up; only
    # answers (assess, team, schema) need it.
    assert "pydantic" not in imported_modules(*args)


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "--set", "years=4", "--set", "scope=programme", "--set",
         "activities=plan-schedule", "--format", "json"],
        ["assess", "--set", "years=4", "--set", "scope=programme", "--set",
         "activities=plan-schedule", "--format", "plain"],
    ],
)  # fmt: skip
@pytest.mark.usefixtures("cached_knowledge")
def test_assess_validates_answers_without_pydantic(args: list[str]) -> None:
    # The checks derived from the answers keys' definitions do the validating; pydantic
    # (or pydantic-core alone) would add to what assess takes to start.
    modules = imported_modules(*args)
    assert "pydantic_core" not in modules
    assert "pydantic" not in modules
    # The records' bounds are read only to validate the data files, which are cached.
    assert "annotated_types" not in modules
    # Nor does it define the other commands' results (the ladder, the catalogue, ...).
    assert "pmo_advisor.listings" not in modules


@pytest.mark.usefixtures("cached_knowledge")
def test_answers_in_json_are_read_without_the_yaml_parser(tmp_path: Path) -> None:
    # Scripts pipe JSON more than any other answers; the YAML parser adds a tenth to the
    # start-up of an assessment, and a JSON document never needs it.
    answers = tmp_path / "answers"  # told apart by its text, as on standard input
    answers.write_text(
        '{"years": 4, "scope": "programme", "activities": ["plan-schedule"]}', encoding="utf-8"
    )
    modules = imported_modules("assess", "--answers", str(answers), "--format", "json")
    assert "yaml" not in modules


def test_help_loads_no_knowledge_base() -> None:
    code = (
        "import sys, io, contextlib\nfrom pmo_advisor.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    main(['--help'])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pmo_advisor.knowledge', 'yaml', 'rich'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_python_dash_m_works() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pmo_advisor", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("pmo-advisor ")


def test_no_arguments_from_a_pipe_is_a_short_usage_error() -> None:
    done = run(stdin=subprocess.PIPE)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "no command given" in done.stderr
    assert "Traceback" not in done.stderr


def test_assess_with_stdin_from_dev_null_does_not_wait() -> None:
    with open(os.devnull, "rb") as null:
        done = run("assess", stdin=null.fileno())
    assert done.returncode == 2
    assert "missing answers: years, scope, activities" in done.stderr


def test_piped_answers() -> None:
    done = subprocess.run(
        [*COMMAND, "assess", "--answers", "-", "--format", "json"],
        input="years: 3\nscope: programme\nactivities: [run-raid]\n",
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert '"number": 2' in done.stdout


@pytest.mark.parametrize("args", [["levels"], ["--help"], ["--version"]])
def test_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    process = subprocess.Popen([*COMMAND, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader goes away before anything is written
    error = process.stderr.read()
    assert process.wait(timeout=30) == 0
    assert error == b""


def spawn(*args: str, **env: str) -> str:
    child = pexpect.spawn(
        COMMAND[0],
        [*COMMAND[1:], *args],
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", **env},
        encoding="utf-8",
        dimensions=(50, 80),
        timeout=30,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return str(child.before)


def test_a_terminal_gets_rich_colour() -> None:
    out = spawn("levels")
    assert ANSI.search(out)
    assert "─" in out


@pytest.mark.parametrize(("args", "env"), [(["--no-color"], {}), ([], {"NO_COLOR": "1"})])
def test_colour_can_be_turned_off(args: list[str], env: dict[str, str]) -> None:
    out = spawn("levels", *args, **env)
    assert not ANSI.search(out)
    assert "─" in out  # still the rich layout


def test_a_dumb_terminal_gets_plain_text() -> None:
    out = spawn("levels", TERM="dumb")
    assert not ANSI.search(out)
    assert "-----" in out


def test_a_full_disk_on_standard_output_is_reported_not_called_a_bug() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*COMMAND, "levels"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=30,
            check=False,
        )
    assert done.returncode == 1
    assert "cannot write to standard output: No space left on device" in done.stderr
    assert "bug" not in done.stderr and "Traceback" not in done.stderr


def test_closed_standard_streams() -> None:
    closed_out = subprocess.run(
        ["bash", "-c", 'exec "$@" >&-', "_", *COMMAND, "suggest", "--level", "2"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert closed_out.returncode == 1
    assert "standard output is closed" in closed_out.stderr
    closed_in = subprocess.run(
        ["bash", "-c", 'exec "$@" <&-', "_", *COMMAND, "assess", "--answers", "-"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert closed_in.returncode == 2
    assert "standard input, but it is closed" in closed_in.stderr
