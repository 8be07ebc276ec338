"""Settings, shell completion and the roster's edges, walked with hostile input.

A table per class: config file contents against the commands that read them; bash
completion environments; completion installs with a file in the way; roster header
sizes and blank rows; and a bad setting with a large roster, refused before the roster
is read. Each case failed before its fix: a traceback reported as a bug, a raw control
character, a run that read everything first, or a row counted as a person.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from pmo_advisor.settings import forget
from tests.conftest import Run, complete

Runner = Callable[..., Run]
SCRIPT = Path(sys.executable).with_name("pmo-advisor")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "pmo_advisor"]
ROSTER = "name,years,scope,activities\nann,3,project,keep-records\n"


@pytest.fixture(autouse=True)
def in_scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    forget()  # each test's config file is read afresh


def refused(result: Run, *said: str) -> None:
    assert result.code == 2, (result.code, result.err)
    assert result.out == ""
    assert result.err.startswith("pmo-advisor: error: "), result.err
    assert "Traceback" not in result.err and "bug" not in result.err
    for words in said:
        assert words in result.err, (words, result.err)


# --- config file contents x the commands that read them ----------------------------------

NESTED = [
    ("array nested 2,000 deep", b"x = " + b"[" * 2000 + b"]" * 2000 + b"\n"),
    ("inline table nested 1,000 deep", b"x = " + b"{a=" * 1000 + b"1" + b"}" * 1000 + b"\n"),
    ("a known key nested", b"format = " + b"[" * 3000 + b"]" * 3000 + b"\n"),
    ("with a byte-order mark", b"\xef\xbb\xbfx = " + b"[" * 2000 + b"]" * 2000 + b"\n"),
]
READERS = [
    ["config"],
    ["levels"],
    ["suggest", "--level", "2"],
    ["team", "roster.csv"],
]


@pytest.mark.parametrize("content", [c for _, c in NESTED], ids=[n for n, _ in NESTED])
@pytest.mark.parametrize("args", READERS, ids=" ".join)
def test_deeply_nested_toml_is_bad_input(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, args: list[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_bytes(content)
    Path("roster.csv").write_text(ROSTER, encoding="utf-8")
    monkeypatch.setenv("PMO_ADVISOR_CONFIG", str(config))
    refused(run(*args), str(config), "nested too deeply")


BOM_CONFIGS = [
    ("BOM, format", '\ufeffformat = "json"\n'),
    ("BOM, comment first", '\ufeff# mine\nformat = "json"\n'),
    ("BOM, CRLF", '\ufeffformat = "json"\r\ncolor = "never"\r\n'),
]


@pytest.mark.parametrize("text", [t for _, t in BOM_CONFIGS], ids=[n for n, _ in BOM_CONFIGS])
@pytest.mark.parametrize("args", [["levels"], ["suggest", "--level", "2"]], ids=" ".join)
def test_config_with_byte_order_mark_is_read(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, args: list[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_bytes(text.encode("utf-8"))
    monkeypatch.setenv("PMO_ADVISOR_CONFIG", str(config))
    result = run(*args)
    assert result.code == 0, result.err
    assert json.loads(result.out)["schema_version"] == 1  # the file's format = "json"


#: Characters a terminal acts on or that reorder what is shown: none may reach output raw.
HOSTILE_CHARACTERS = ["\x9b", "\x9b31m", "\x1b[31m", "\x85", "\u202e", "\u2066", "\u200f", "\u2028"]  # fmt: skip
HOSTILE_SOURCES = ["file pager", "file market", "environment pager"]


@pytest.mark.parametrize("where", HOSTILE_SOURCES)
@pytest.mark.parametrize("char", HOSTILE_CHARACTERS, ids=ascii)
def test_config_shows_every_unsafe_character_escaped(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, char: str, where: str
) -> None:
    value = f"less{char}evil"
    if where == "environment pager":
        monkeypatch.setenv("PMO_ADVISOR_PAGER", value)
    else:
        monkeypatch.delenv("PMO_ADVISOR_PAGER", raising=False)
        key = where.split()[1]
        config = tmp_path / "config.toml"
        config.write_text(f"{key} = {json.dumps(value)}\n", encoding="utf-8")
        monkeypatch.setenv("PMO_ADVISOR_CONFIG", str(config))
    result = run("config")
    assert result.code == 0, result.err
    raw = set(char) - {"[", "3", "1", "m"}
    assert not raw & set(result.out), ascii(result.out)
    # Still TOML that gives back the value: the line can be pasted into the file.
    shown = tomllib.loads(result.out)
    assert value.strip() in shown.values()


def test_one_rule_for_titles_and_json() -> None:
    from pmo_advisor.safetext import json_safe, valid_unicode

    # A byte that was not UTF-8 (kept by surrogateescape) and a lone surrogate from JSON.
    for text in ("b\udcff", "a\ud800b", "\udcc3\udca9"):
        fixed = valid_unicode(text)
        fixed.encode("utf-8")  # valid UTF-8 always
        assert json.loads(json_safe(json.dumps(text, ensure_ascii=False))) == fixed
    assert valid_unicode("\udcc3\udca9") == "é"  # bytes that decode together are kept


def test_team_json_names_are_valid_utf8(run: Runner, tmp_path: Path) -> None:
    if sys.platform == "darwin":  # pragma: no cover - APFS refuses such names
        pytest.skip("file names must be UTF-8 here")
    roster = tmp_path / "people"
    roster.mkdir()
    answers = b"years: 3\nscope: project\nactivities: [keep-records]\n"
    (roster / os.fsdecode(b"b\xff.yaml")).write_bytes(answers)
    (roster / "ok.yaml").write_bytes(answers + b'title: "PMO \\xff"\n')
    result = run("team", str(roster), "--format", "json")
    assert result.code == 0, result.err
    assert "\\ud" not in result.out  # no lone surrogate, escaped or not
    result.out.encode("utf-8")
    names = [person["name"] for person in json.loads(result.out)["people"]]
    assert names == ["b\ufffd", "ok"]


# --- completion installs with a file in the way --------------------------------------------


def _home_with(tmp_path: Path, layout: str) -> tuple[Path, Path]:
    home = tmp_path / "home"
    home.mkdir()
    if layout == ".bashrc is a directory":
        (home / ".bashrc").mkdir()
        return home, home / ".bashrc"
    if layout == ".bash_completions is a file":
        (home / ".bash_completions").write_text("", encoding="utf-8")
        return home, home / ".bash_completions"
    # HOME below a file: nothing under it can be written (as root too).
    (tmp_path / "file").write_text("", encoding="utf-8")
    return tmp_path / "file" / "home", tmp_path / "file" / "home"


INSTALL_LAYOUTS = [".bashrc is a directory", ".bash_completions is a file", "HOME not writable"]


@pytest.mark.parametrize("layout", INSTALL_LAYOUTS)
def test_install_completion_names_the_file(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
    home, culprit = _home_with(tmp_path, layout)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("SHELL", "/bin/bash")
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    result = run("--install-completion", "bash")
    refused(result, str(culprit), "cannot install shell completion")
    assert "standard output" not in result.err


# --- bash completion environments ----------------------------------------------------------


def _complete(**env: str) -> Run:
    return complete(_PMO_ADVISOR_COMPLETE="complete_bash", **env)


ANY_CASE = [
    ("pmo-advisor suggest --focus PL", "3", "planning"),
    ("pmo-advisor suggest --focus Pl", "3", "planning"),
    ("pmo-advisor suggest --format JS", "3", "json"),
    ("pmo-advisor team r.csv --format CS", "4", "csv"),
    ("pmo-advisor suggest --focus planning,RI", "3", "planning,risk"),
    ("pmo-advisor suggest --scope PROG", "3", "programme"),
    ("pmo-advisor courses --kind CERT", "3", "certification"),
    ("pmo-advisor assess --set ACTIVITIES = PL", "5", "plan-schedule"),
]


@pytest.mark.parametrize(("words", "cword", "offered"), ANY_CASE)
def test_completion_matches_any_case(words: str, cword: str, offered: str) -> None:
    result = _complete(COMP_WORDS=words, COMP_CWORD=cword)
    assert result.code == 0, result.err
    assert offered in result.out.split(), result.out


MALFORMED = [
    {"COMP_CWORD": "abc"},
    {"COMP_CWORD": "1"},
    {"COMP_WORDS": "pmo-advisor su"},
    {"COMP_WORDS": "pmo-advisor su", "COMP_CWORD": "abc"},
    {"COMP_WORDS": "pmo-advisor su", "COMP_CWORD": ""},
    {"COMP_WORDS": "pmo-advisor su", "COMP_CWORD": "1.5"},
]


@pytest.mark.parametrize("env", MALFORMED, ids=str)
def test_malformed_completion_environment_is_bad_input(env: dict[str, str]) -> None:
    refused(_complete(**env), "COMP_WORDS", "COMP_CWORD")


ODD_BUT_READABLE = [
    {"COMP_WORDS": 'pmo-advisor "unclosed', "COMP_CWORD": "1"},
    {"COMP_WORDS": "pmo-advisor su", "COMP_CWORD": "99"},
    {"COMP_WORDS": "pmo-advisor su", "COMP_CWORD": "-1"},
    {"COMP_WORDS": "", "COMP_CWORD": "0"},
]


@pytest.mark.parametrize("env", ODD_BUT_READABLE, ids=str)
def test_odd_completion_environment_completes_or_offers_nothing(env: dict[str, str]) -> None:
    result = _complete(**env)
    assert result.code == 0, result.err
    assert result.err == ""


# --- roster header sizes and blank rows -------------------------------------------------


def _columns(count: int) -> str:
    return "name,years,scope,activities," + ",".join(f"extra{i}" for i in range(count - 4))


HEADERS = [
    ("1,001 columns", _columns(1001), "1,001 columns"),
    ("5,000 columns", _columns(5000), "columns"),
    ("a header of 70,000 characters", "name,years," + "x" * 70_000, "longer than 65,536"),
    ("a 1 MB header of unknown columns", ",".join(["unknown"] * 130_000), "longer than"),
    ("a header of 2,000,000 characters", "name," + "y" * 2_000_000, "longer than"),
    ("a 1 MB header, tab-separated", "\t".join(["col"] * 250_000), "longer than"),
]


@pytest.mark.parametrize(("header", "said"), [h[1:] for h in HEADERS], ids=[h[0] for h in HEADERS])
def test_oversized_header_is_refused_at_once(
    run: Runner, tmp_path: Path, header: str, said: str
) -> None:
    Path("roster.csv").write_text(header + "\nann,3,project,keep-records\n", encoding="utf-8")
    started = time.process_time()
    result = run("team", "roster.csv")
    took = time.process_time() - started
    refused(result, "roster.csv line 1: the header row", said)
    assert took < 0.5, took


def test_header_at_the_limits_is_read_as_before(run: Runner) -> None:
    # 1,000 columns: the unknown ones are kept, and named once, the first twenty of them.
    Path("roster.csv").write_text(_columns(1000) + "\nann,3\n", encoding="utf-8")
    result = run("team", "roster.csv")
    assert result.code == 2
    kept, *rest = result.err.splitlines()
    assert kept.startswith("pmo-advisor: kept as they are: extra0, extra1,")
    assert kept.endswith("extra19 and 976 more")
    assert "roster.csv line 2: missing answers: scope, activities" in rest[0]


BLANK_ROWS = [
    ",,,",
    ",,,,,,,,",
    ",,",
    '"","","",""',
    " , , , ",
    ";;;",  # with a semicolon roster
    "\t\t\t",  # with a tab roster
]


@pytest.mark.parametrize("blank", BLANK_ROWS, ids=repr)
def test_rows_of_bare_separators_are_blank(run: Runner, blank: str) -> None:
    separator = ";" if ";" in blank else "\t" if "\t" in blank else ","
    rows = [["name", "years", "scope", "activities"], ["ann", "3", "project", "keep-records"]]
    text = "".join(separator.join(row) + "\n" for row in rows)
    Path("roster.csv").write_text(text + blank + "\n" + blank + "\n", encoding="utf-8")
    result = run("team", "roster.csv", "--format", "json")
    assert result.code == 0, result.err
    assert [p["name"] for p in json.loads(result.out)["people"]] == ["ann"]


def test_a_row_with_one_value_is_still_a_person_without_a_name(run: Runner) -> None:
    Path("roster.csv").write_text(ROSTER + ",3,,\n", encoding="utf-8")
    result = run("team", "roster.csv")
    assert result.code == 2 and result.out == ""
    assert "line 3: name: missing" in result.err and "1 invalid row" in result.err


# --- plain headings at the narrowest width ----------------------------------------------


@pytest.mark.parametrize("width", ["20", "24", "30"])
def test_plain_team_headings_fit_the_width(
    run: Runner, monkeypatch: pytest.MonkeyPatch, width: str
) -> None:
    monkeypatch.setenv("COLUMNS", width)
    Path("roster.csv").write_text(ROSTER, encoding="utf-8")
    for args in (["--summary"], []):
        result = run("team", "roster.csv", "--format", "plain", *args)
        assert result.code == 0, result.err
        too_wide = [line for line in result.out.splitlines() if len(line) > int(width)]
        assert not too_wide


# --- a bad setting and a large roster: refused before the roster is read -------------------

BAD_SETTINGS = [
    ("PMO_ADVISOR_FORMAT=csv", {"PMO_ADVISOR_FORMAT": "csv"}, "PMO_ADVISOR_FORMAT"),
    ("PMO_ADVISOR_FORMAT=jsn", {"PMO_ADVISOR_FORMAT": "jsn"}, "PMO_ADVISOR_FORMAT"),
    ("config not TOML", {"config": "format = json\n"}, "not valid TOML"),
    ("config nested", {"config": "x = " + "[" * 2000 + "]" * 2000}, "nested too deeply"),
    ("config format csv", {"config": 'format = "csv"\n'}, "format must be one of"),
    ("config unknown key", {"config": 'colour = "never"\n'}, "colour"),
]


@pytest.fixture(scope="module")
def large_roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("roster") / "large.csv"
    row = b"p%d,3,project,keep-records\n"
    path.write_bytes(b"name,years,scope,activities\n" + b"".join(row % i for i in range(200_000)))
    return path


@pytest.mark.terminal
@pytest.mark.parametrize(
    ("env", "said"), [b[1:] for b in BAD_SETTINGS], ids=[b[0] for b in BAD_SETTINGS]
)
def test_bad_setting_is_refused_before_the_roster_is_read(
    tmp_path: Path, large_roster: Path, env: dict[str, str], said: str
) -> None:
    environ = {**os.environ, **env}
    if "config" in env:
        config = tmp_path / "config.toml"
        config.write_text(environ.pop("config"), encoding="utf-8")
        environ["PMO_ADVISOR_CONFIG"] = str(config)
    # CPU time of the process, not the wall clock: the machine is shared. Reading the
    # 200,000 rows takes seconds; a run that stops at the setting, a fraction of one.
    process = subprocess.Popen(
        [*COMMAND, "team", str(large_roster)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environ,
    )
    assert process.stderr is not None
    err = process.stderr.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode == 2, err
    assert said in err, err
    assert usage.ru_utime + usage.ru_stime < 0.5, (usage.ru_utime, usage.ru_stime)
