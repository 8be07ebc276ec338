"""The commands end to end, in-process: results, formats, files, and every bad input."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import Run

Runner = Callable[..., Run]

PLANNER = [
    "--set", "years=4", "--set", "scope=programme",
    "--set", "activities=analyse-performance,plan-schedule", "--set", "focus=reporting,planning",
]  # fmt: skip


def ok(result: Run) -> Run:
    assert result.code == 0, result.err
    assert result.err == ""
    return result


def bad(result: Run, *needles: str) -> Run:
    """A bad input: exit 2, one message on stderr naming the problem, nothing on stdout."""
    assert result.code == 2, (result.code, result.err)
    assert result.out == ""
    assert result.err.startswith("pmo-advisor: error: ")
    assert result.err.count("pmo-advisor: error:") == 1
    assert "Traceback" not in result.err
    for needle in needles:
        assert needle in result.err, (needle, result.err)
    return result


# --- the commands --------------------------------------------------------------------


def test_version(run: Runner) -> None:
    assert ok(run("--version")).out.startswith("pmo-advisor 0.")


def test_help_lists_the_commands(run: Runner) -> None:
    out = ok(run("--help")).out
    for command in ("assess", "suggest", "levels"):
        assert command in out


def test_suggest_plain_by_default_off_a_terminal(run: Runner) -> None:
    out = ok(run("suggest", "--level", "2")).out
    assert out.startswith("For: level 2 · every kind of PMO\n")
    assert "> 2  PMO Analyst  <- you are here" in out
    assert "\x1b[" not in out


def test_suggest_accepts_filters(run: Runner) -> None:
    out = ok(
        run(
            "suggest",
            "-l",
            "2",
            "--scope",
            "Programme",
            "--focus",
            "planning",
            "--held",
            "p3o-foundation",
        )
    ).out
    assert out.startswith(
        "For: level 2 · Programme PMO · focus: planning · holding: p3o-foundation"
    )
    assert "Portfolio Office Analyst" not in out
    assert "- P3O® Foundation" not in out


def test_levels(run: Runner) -> None:
    out = ok(run("levels")).out
    for stage in ("PMO Administrator", "PMO Analyst", "PMO Manager", "PMO Director"):
        assert f": {stage}\n" in out
    assert "What moves you up" in out


def test_assess_from_flags(run: Runner) -> None:
    result = ok(run("assess", *PLANNER, "--set", "title=Planner", "--format", "json"))
    data = json.loads(result.out)
    assert data["kind"] == "assessment"
    assert data["level"]["number"] == 2
    assert data["answers"] == {
        "title": "Planner",
        "years": 4,
        "scope": "programme",
        "activities": ["analyse-performance", "plan-schedule"],
        "focus": ["reporting", "planning"],
        "market": None,
    }


def test_assess_from_a_yaml_file(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    path.write_text(
        "years: 9\nscope: portfolio\nactivities: [run-pmo, manage-pmo-team]\nteam_size: 5\n"
    )
    data = json.loads(ok(run("assess", "--answers", str(path), "--format", "json")).out)
    assert data["level"]["number"] == 3


def test_assess_from_a_json_file(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "me.json"
    path.write_text(json.dumps({"years": 1, "scope": "project", "activities": ["keep-records"]}))
    assert (
        json.loads(ok(run("assess", "-a", str(path), "--format", "json")).out)["level"]["number"]
        == 1
    )


def test_set_overrides_the_file(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    path.write_text("years: 6\nscope: project\nteam_size: 2\nactivities: [keep-records]\n")
    data = json.loads(
        ok(run("assess", "-a", str(path), "--set", "activities=run-pmo", "--format", "json")).out
    )
    assert data["level"]["number"] == 3
    assert data["answers"]["activities"] == ["run-pmo"]


def test_assess_from_standard_input(run: Runner) -> None:
    stdin = b"years: 16\nscope: enterprise\nactivities: [lead-pmo-managers]\n"
    data = json.loads(ok(run("assess", "--answers", "-", "--format", "json", stdin=stdin)).out)
    assert data["level"]["number"] == 4
    assert data["next"] is None


def test_bom_and_crlf_are_read(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes("\ufeffyears: 2\r\nscope: project\r\nactivities: [plan-schedule]\r\n".encode())
    assert (
        json.loads(ok(run("assess", "-a", str(path), "--format", "json")).out)["level"]["number"]
        == 2
    )


def test_save_answers_round_trips(run: Runner, tmp_path: Path) -> None:
    saved = tmp_path / "saved.yaml"
    first = ok(run("assess", *PLANNER, "--save-answers", str(saved), "--format", "json"))
    assert yaml.safe_load(saved.read_text())["schema_version"] == 1
    again = ok(run("assess", "--answers", str(saved), "--format", "json"))
    assert again.out == first.out


def test_save_answers_as_json(run: Runner, tmp_path: Path) -> None:
    saved = tmp_path / "saved.json"
    ok(run("assess", *PLANNER, "--save-answers", str(saved), "--format", "json"))
    assert json.loads(saved.read_text())["scope"] == "programme"


@pytest.mark.parametrize("fmt", ["rich", "plain", "json", "markdown"])
def test_output_file_gets_the_whole_result_and_stdout_nothing(
    run: Runner, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"result.{fmt}"
    result = ok(run("suggest", "--level", "3", "--format", fmt, "--output", str(target)))
    assert result.out == ""
    text = target.read_text(encoding="utf-8")
    assert "PMO Manager" in text
    assert "\x1b[" not in text
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_output_replaces_an_existing_file_keeping_its_mode(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o640)
    ok(run("levels", "--output", str(target)))
    assert "PMO Director" in target.read_text()
    assert target.stat().st_mode & 0o777 == 0o640


def test_no_command_off_a_terminal_is_a_usage_error(run: Runner) -> None:
    bad(run(), "no command given", "suggest --level 2")


def test_unexpected_errors_exit_1_with_one_line_and_no_traceback(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("pmo_advisor.rules.ladder", broken)
    result = run("levels")
    assert result.code == 1
    assert result.out == ""
    assert "unexpected error (RuntimeError: boom)" in result.err
    assert "PMO_ADVISOR_DEBUG=1" in result.err
    assert "report it at https://github.com/pmo-advisor/pmo-advisor/issues" in result.err
    assert "Traceback" not in result.err
    monkeypatch.setenv("PMO_ADVISOR_DEBUG", "1")
    assert "Traceback" in run("levels").err


def test_interrupt_exits_130(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("pmo_advisor.rules.ladder", interrupted)
    result = run("levels")
    assert result.code == 130
    assert result.err == "Cancelled.\n"
    assert "Traceback" not in result.err


# --- every bad input: exit 2, one message, nothing on stdout, no file written ----------

LEVEL_CASES = [
    (["suggest", "--level", "0"], ["--level must be 1, 2, 3 or 4, not '0'", "pmo-advisor levels"]),
    (["suggest", "--level", "5"], ["--level must be 1, 2, 3 or 4, not '5'"]),
    (["suggest", "--level", "-1"], ["--level must be 1, 2, 3 or 4, not '-1'"]),
    (["suggest", "--level", "abc"], ["--level must be 1, 2, 3 or 4, not 'abc'"]),
    (["suggest", "--level", "2.5"], ["--level must be 1, 2, 3 or 4, not '2.5'"]),
    (["suggest"], ["give your level: --level N (1-4), or --last"]),
    (["suggest", "--level", "2", "--scope", "programe"], ["unknown scope 'programe'", "did you mean 'programme'?"]),
    (["suggest", "--level", "2", "--focus", "planing"], ["unknown focus area 'planing'", "did you mean 'planning'?"]),
    (["suggest", "--level", "2", "--held", "prince3"], ["--held", "unknown course 'prince3'", "prince2"]),
    (["suggest", "--level", "2", "--format", "pdf"], ["--format: unknown format 'pdf'", "rich, plain, json, markdown, html"]),
    (["levels", "--format", "html"], ["--format html is for assess, suggest, plan and team", "rich, plain, json, markdown."]),
    (["suggest", "--level", "2", "--format", "xlsx"], ["--format xlsx is for the team command", "rich, plain, json, markdown, html."]),
    (["suggest", "--level", "2", "--format", "jsn"], ["did you mean 'json'?"]),
    (["levels", "--output", ""], ["--output needs a file name"]),
    (["assess", "--answers", ""], ["--answers needs a file name"]),
    (["assess", "--save-answers", "-"], ["--save-answers needs a file name"]),
    (["levels", "--colour"], ["No such option", "--colour"]),
    (["advise"], ["No such command 'advise'"]),
]  # fmt: skip


@pytest.mark.parametrize(("args", "needles"), LEVEL_CASES)
def test_bad_flags(run: Runner, args: list[str], needles: list[str]) -> None:
    bad(run(*args), *needles)


BASE = {"years": "4", "scope": "programme", "activities": "plan-schedule"}

SET_CASES = [
    ({"years": "-1"}, ["years: must be from 0 to 60, got -1"]),
    ({"years": "61"}, ["years: must be from 0 to 60"]),
    ({"years": "abc"}, ["years: must be a number, got 'abc'"]),
    ({"years": "nan"}, ["years: must be a number, got 'nan'"]),
    ({"years": "inf"}, ["years: must be a number, got 'inf'"]),
    ({"years": "1e1"}, ["years: must be a number, got '1e1'"]),
    ({"years": "4,5"}, ["years: use a point for decimals: 4.5"]),
    ({"scope": "programe"}, ["scope: unknown scope 'programe'; did you mean 'programme'?"]),
    ({"activities": "plan-schedul"}, ["unknown activity 'plan-schedul'; did you mean 'plan-schedule'?"]),
    ({"activities": ""}, ["missing answers: activities", "--set activities="]),
    ({"activities": ","}, ["missing answers: activities"]),
    ({"years": ""}, ["missing answers: years"]),
    ({"years": "1_0"}, ["years: must be a number, got '1_0'"]),
    ({"team_size": "9" * 5000}, ["team_size: must be from 0 to 100000"]),
    ({"focus": "reportng"}, ["unknown focus area 'reportng'"]),
    ({"qualifications": "prince-2"}, ["unknown course 'prince-2'; did you mean 'prince2'?"]),
    ({"team_size": "-1"}, ["team_size: must be from 0 to 100000"]),
    ({"team_size": "2.5"}, ["team_size: must be a whole number"]),
    ({"team_size": "999999999"}, ["team_size: must be from 0 to 100000"]),
    ({"title": "x" * 201}, ["title: must be at most 200 characters"]),
]  # fmt: skip


@pytest.mark.parametrize(("override", "needles"), SET_CASES)
def test_bad_answers_by_flag(run: Runner, override: dict[str, str], needles: list[str]) -> None:
    values = {**BASE, **override}
    args = [arg for key, value in values.items() for arg in ("--set", f"{key}={value}")]
    bad(run("assess", *args), *needles)


def test_set_without_equals(run: Runner) -> None:
    bad(run("assess", "--set", "years"), "needs the form KEY=VALUE")


def test_unknown_answers_key_by_flag(run: Runner) -> None:
    bad(run("assess", "--set", "yeras=4"), "unknown answers key 'yeras'; did you mean 'years'?")


def test_missing_answers_are_each_named_with_how_to_give_them(run: Runner) -> None:
    result = bad(
        run("assess", "--set", "years=3", "--no-input"), "missing answers: scope, activities"
    )
    assert "--set scope=programme" in result.err
    assert "keep-records" in result.err


def test_bad_and_missing_answers_are_reported_together(run: Runner) -> None:
    # One round of fixes: a bad answer and the missing ones in the same message.
    result = bad(
        run("assess", "--set", "years=99", "--no-input"),
        "invalid answers in --set:\n  years: must be from 0 to 60, got 99\n"
        "  missing answers: scope, activities",
    )
    assert "--set scope=programme" in result.err
    assert result.err.count("error:") == 1


@pytest.mark.parametrize(
    ("title", "message"),
    [("", "the title to look up is empty"), ("  ", "the title to look up is empty"),
     ("a" * 501, "the title to look up is 501 characters long; at most 500 are read")],
)  # fmt: skip
def test_a_title_that_cannot_be_read_is_a_usage_error(
    run: Runner, title: str, message: str
) -> None:
    result = bad(run("titles", title), message)
    assert result.out == ""


def test_no_answers_at_all(run: Runner) -> None:
    bad(run("assess"), "missing answers: years, scope, activities")


FILE_CASES: list[tuple[str, bytes, list[str]]] = [
    ("list.yaml", b"- years: 4\n", ["must hold a mapping of answer keys to values, not a list"]),
    ("scalar.yaml", b"just text\n", ["must hold a mapping of answer keys to values, not 'just text'"]),
    ("number.yaml", b"42\n", ["not 42"]),
    ("comment.yaml", b"# nothing here\n", ["holds no answers"]),
    ("huge.yaml", b"years: 4\nscope: project\nactivities: [keep-records]\nteam_size: " + b"9" * 5000 + b"\n", ["team_size: must be from 0 to 100000"]),
    ("huge.json", b'{"team_size": ' + b"9" * 5000 + b"}", ["team_size: must be from 0 to 100000"]),
    ("date.yaml", b"years: 2020-01-01\nscope: project\nactivities: [keep-records]\n", ["years: must be a number, got 2020-01-01 (date)"]),
    ("empty.yaml", b"", ["is empty"]),
    ("blank.yaml", b"  \n\n", ["is empty"]),
    ("latin1.yaml", "title: Café\n".encode("latin-1"), ["not UTF-8", "0xe9"]),
    ("broken.yaml", b"years: [4\n", ["not valid YAML", "line"]),
    ("broken.json", b'{"years": 4,}', ["not valid JSON", "line 1", "Write one JSON object"]),
    ("zeros.yaml", bytes(64), ["a character YAML does not allow (U+0000) at character 1", "is it a text file?"]),
    ("unknown.yaml", b"years: 4\nscope: project\nactivities: [keep-records]\nteam-size: 2\n", ["unknown answers key 'team-size'; did you mean 'team_size'?"]),
    ("dupe.yaml", b"years: 4\nyears: 5\n", ["key 'years' appears twice"]),
    ("dupe.json", b'{"years": 4, "years": 5}', ["dupe.json: key 'years' appears twice"]),
    ("bool.yaml", b"years: true\nscope: project\nactivities: [keep-records]\n", ["years: must be a number, not true/false"]),
    ("yes.yaml", b"years: yes\nscope: project\nactivities: [keep-records]\n", ["years: must be a number, got 'yes'"]),
    ("hex.yaml", b"years: 0x1F\nscope: project\nactivities: [keep-records]\n", ["years: must be a number, got '0x1F'"]),
    ("sexagesimal.yaml", b"years: 1:30\nscope: project\nactivities: [keep-records]\n", ["years: must be a number, got '1:30'"]),
    ("underscore.yaml", b"years: 1_0\nscope: project\nactivities: [keep-records]\n", ["years: must be a number, got '1_0'"]),
    ("scope-list.yaml", b"years: 1\nscope: [programme]\nactivities: [keep-records]\n", ["scope: must be one of project, programme, portfolio, enterprise, got a list"]),
    ("version-text.yaml", b"schema_version: '1'\nyears: 4\n", ["schema_version must be 1, got '1'"]),
    ("version-bool.yaml", b"schema_version: true\nyears: 4\n", ["schema_version must be 1, got true/false"]),
    ("deep200.json", b'{"title": ' + b"[" * 200 + b"]" * 200 + b"}", ["nested more than 32 levels deep"]),
    ("two-unknown.yaml", b"years: 1\nscope: project\nactivities: [foo, plan-schedual]\n", ["unknown activities 'foo', 'plan-schedual' (did you mean 'plan-schedule'?) ('pmo-advisor activities' lists all 21)"]),
    ("nan.yaml", b"years: .nan\nscope: project\nactivities: [keep-records]\n", ["years: must be a finite number"]),
    ("nan.json", b'{"years": NaN, "scope": "project", "activities": ["keep-records"]}', ["years: must be a finite number"]),
    ("types.yaml", b"years: 4\nscope: project\nactivities: 7\n", ["activities: must be a list"]),
    ("item.yaml", b"years: 4\nscope: project\nactivities: [[keep-records]]\n", ["each item must be an activity id (text), got a list"]),
    ("version.yaml", b"schema_version: 2\nyears: 4\n", ["schema_version must be 1, got 2"]),
    ("bomb.yaml", b'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n', ["anchors and aliases"]),
    ("deep.yaml", b"years: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", ["nest"]),
    ("deep.json", b'{"years": ' + b"[" * 10_000 + b"]" * 10_000 + b"}", ["nested too deeply"]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "needles"), FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_bad_answers_files(
    run: Runner, tmp_path: Path, name: str, content: bytes, needles: list[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    bad(
        run("assess", "--answers", str(path), "--save-answers", str(tmp_path / "saved.yaml")),
        *needles,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_answers_file_over_1_mb(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"title: " + b"x" * 1_000_001 + b"\n")
    bad(run("assess", "-a", str(path)), "larger than 1 MB")


def test_answers_file_missing(run: Runner, tmp_path: Path) -> None:
    bad(run("assess", "-a", str(tmp_path / "nope.yaml")), "does not exist")


def test_answers_file_is_a_directory(run: Runner, tmp_path: Path) -> None:
    bad(run("assess", "-a", str(tmp_path)), "is a directory")


def test_answers_file_under_a_file(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x")
    bad(run("assess", "-a", str(tmp_path / "plain" / "me.yaml")), "cannot be read")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_answers_file_unreadable(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("years: 4\n")
    path.chmod(0)
    bad(run("assess", "-a", str(path)), "permission denied")


def test_empty_standard_input(run: Runner) -> None:
    bad(run("assess", "--answers", "-", stdin=b""), "standard input is empty")


def test_standard_input_from_a_terminal_is_refused(run: Runner) -> None:
    bad(run("assess", "--answers", "-", tty_stdin=True), "standard input is a terminal")


def test_empty_optional_answers_count_as_not_given(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    path.write_text("years: 4\nscope: project\nactivities: [plan-schedule]\nfocus:\nteam_size:\n")
    data = json.loads(ok(run("assess", "-a", str(path), "--set", "title=", "--format", "json")).out)
    assert data["answers"] == {
        "years": 4, "scope": "project", "activities": ["plan-schedule"], "market": None,
    }  # fmt: skip


def test_an_explicit_team_of_zero_is_kept(run: Runner, tmp_path: Path) -> None:
    saved = tmp_path / "saved.yaml"
    ok(
        run(
            "assess",
            *PLANNER,
            "--set",
            "team_size=0",
            "--save-answers",
            str(saved),
            "--format",
            "json",
        )
    )
    assert yaml.safe_load(saved.read_text())["team_size"] == 0


def test_focus_and_held_take_comma_separated_lists(run: Runner) -> None:
    data = json.loads(
        ok(
            run(
                "suggest",
                "-l",
                "2",
                "--focus",
                "risk,planning",
                "--held",
                "mor",
                "--format",
                "json",
            )
        ).out
    )
    assert data["request"]["focus"] == ["planning", "risk"]
    assert data["request"]["held"] == ["mor"]


def test_output_dash_means_standard_output(run: Runner, tmp_path: Path) -> None:
    assert "PMO Director" in ok(run("levels", "--output", "-")).out


def test_output_to_a_device_writes_into_it(run: Runner) -> None:
    ok(run("levels", "--output", os.devnull))
    assert Path(os.devnull).is_char_device()


def test_output_through_a_symlink_replaces_the_linked_file(run: Runner, tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    ok(run("levels", "--output", str(link)))
    assert link.is_symlink()
    assert "PMO Director" in real.read_text()


def test_output_and_save_answers_must_differ(run: Runner, tmp_path: Path) -> None:
    same = str(tmp_path / "same.txt")
    bad(run("assess", *PLANNER, "--output", same, "--save-answers", same), "name the same file")


def test_output_into_a_missing_directory(run: Runner, tmp_path: Path) -> None:
    bad(run("levels", "--output", str(tmp_path / "no" / "out.txt")), "does not exist")
    assert list(tmp_path.iterdir()) == []


def test_output_onto_a_directory(run: Runner, tmp_path: Path) -> None:
    bad(run("levels", "--output", str(tmp_path)), "is a directory")


def test_bad_answers_never_write_the_output_file(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("keep me")
    bad(
        run(
            "assess",
            "--set",
            "years=-1",
            "--set",
            "scope=project",
            "--set",
            "activities=keep-records",
            "--output",
            str(target),
        )
    )
    assert target.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_save_answers_into_a_missing_directory(run: Runner, tmp_path: Path) -> None:
    bad(
        run("assess", *PLANNER, "--save-answers", str(tmp_path / "no" / "a.yaml")),
        "--save-answers",
        "does not exist",
    )


def test_untrusted_text_in_messages_is_made_visible(run: Runner) -> None:
    result = bad(run("suggest", "--level", "2", "--scope", "\x1b[31mred"))
    assert "\x1b" not in result.err
    assert "\\x1b" in result.err


def test_yaml_numbers_are_read_as_people_write_them(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    path.write_text(
        "title: No\nyears: 017\nscope: project\nactivities: keep-records, compile-status\nteam_size: 010\n"
    )
    data = json.loads(ok(run("assess", "-a", str(path), "--format", "json")).out)
    assert data["answers"]["years"] == 17
    assert data["answers"]["team_size"] == 10
    assert data["answers"]["title"] == "No"
    assert data["answers"]["activities"] == ["keep-records", "compile-status"]


def test_level_with_a_leading_zero(run: Runner) -> None:
    assert (
        json.loads(ok(run("suggest", "--level", "02", "--format", "json")).out)["level"]["number"]
        == 2
    )


def test_output_may_not_replace_the_answers_file(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    path.write_text("years: 1\nscope: project\nactivities: [keep-records]\n")
    bad(run("assess", "-a", str(path), "-o", str(path)), "is the file being read")
    bad(run("assess", "-a", str(path), "--save-answers", str(path)), "is the file being read")
    assert path.read_text() == "years: 1\nscope: project\nactivities: [keep-records]\n"


def test_devices_are_not_the_same_file(run: Runner) -> None:
    ok(run("assess", *PLANNER, "-o", os.devnull, "--save-answers", os.devnull))


def test_saved_answers_escape_characters_a_terminal_would_act_on(
    run: Runner, tmp_path: Path
) -> None:
    saved = tmp_path / "saved.yaml"
    ok(
        run(
            "assess",
            *PLANNER,
            "--set",
            "title=Lead \u202eevil\x1b[31m",
            "--save-answers",
            str(saved),
            "--format",
            "json",
        )
    )
    text = saved.read_text(encoding="utf-8")
    assert "\u202e" not in text and "\x1b" not in text
    again = json.loads(ok(run("assess", "-a", str(saved), "--format", "json")).out)
    assert again["answers"]["title"] == "Lead \u202eevil\x1b[31m"


def test_cafe_stays_readable_in_saved_answers(run: Runner, tmp_path: Path) -> None:
    saved = tmp_path / "saved.yaml"
    ok(
        run(
            "assess",
            *PLANNER,
            "--set",
            "title=Chef de projet café",
            "--save-answers",
            str(saved),
            "--format",
            "json",
        )
    )
    assert "café" in saved.read_text(encoding="utf-8")


def test_values_other_than_plain_text_and_flags_get_typers_own_check() -> None:
    import typer

    from pmo_advisor.cli import app as cli

    command = typer.main.get_command(cli.app)
    assert isinstance(command, typer.core.TyperGroup)
    suggest = command.get_command(typer.Context(command), "suggest")
    context = typer.Context(suggest)
    cli._check_without_pydantic(suggest.get_params(context))
    checked = {
        param.name: param.get_runtime_param()  # type: ignore[attr-defined]
        for param in suggest.get_params(context)
    }
    level, focus, no_color = checked["level"], checked["focus"], checked["no_color"]
    assert all(isinstance(check, cli._CommandLineValue) for check in (level, focus, no_color))
    params = {param.name: param for param in suggest.params}
    # Command-line text and flags pass unchanged, lists become lists as typer makes them.
    assert level._coerce_value("2", params["level"], context) == "2"
    assert focus._coerce_value(("planning", "risk"), params["focus"], context) == [
        "planning",
        "risk",
    ]
    assert no_color._coerce_value(True, params["no_color"], context) is True
    # Anything else is typer's to decide: bytes are decoded, a text flag value is read.
    assert level._coerce_value(b"3", params["level"], context) == "3"
    assert no_color._coerce_value("false", params["no_color"], context) is False
    with pytest.raises(typer.BadParameter):
        no_color._coerce_value("maybe", params["no_color"], context)


def test_list_answers_take_semicolons_as_rosters_do(run: Runner) -> None:
    base = ["assess", "--set", "years=4", "--set", "scope=programme", "--format", "json"]
    commas = run(*base, "--set", "activities=plan-schedule,analyse-performance")
    semicolons = run(*base, "--set", "activities=plan-schedule; analyse-performance")
    assert commas.code == semicolons.code == 0, semicolons.err
    assert json.loads(commas.out) == json.loads(semicolons.out)
    focus = run("suggest", "--level", "2", "--focus", "planning;risk", "--format", "json")
    assert focus.code == 0, focus.err
    assert json.loads(focus.out)["request"]["focus"] == ["planning", "risk"]


def test_a_title_may_be_given_unquoted(run: Runner) -> None:
    quoted = run("titles", "Senior PMO Analyst", "--format", "json")
    unquoted = run("titles", "Senior", "PMO", "Analyst", "--format", "json")
    assert quoted.code == unquoted.code == 0, unquoted.err
    assert json.loads(unquoted.out) == json.loads(quoted.out)


def test_the_us_spelling_of_programme_is_the_programme_scope(run: Runner) -> None:
    suggested = run("suggest", "--level", "2", "--scope", "Program", "--format", "json")
    assert suggested.code == 0, suggested.err
    assert json.loads(suggested.out)["request"]["scope"] == "programme"
    assessed = run(
        "assess", "--set", "years=3", "--set", "scope=program",
        "--set", "activities=plan-schedule", "--format", "json",
    )  # fmt: skip
    assert assessed.code == 0, assessed.err
    assert json.loads(assessed.out)["answers"]["scope"] == "programme"


def test_plain_prompts_before_a_command_is_refused_not_ignored(run: Runner) -> None:
    result = run("--plain-prompts", "levels")
    assert result.code == 2
    assert "'pmo-advisor assess --plain-prompts'" in result.err
    alone = run("--plain-prompts")  # no terminal: nothing to ask in
    assert alone.code == 2 and "no command given" in alone.err


def test_plural_scopes_are_understood(run: Runner) -> None:
    result = run("suggest", "--level", "2", "--scope", "Portfolios", "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["request"]["scope"] == "portfolio"


def test_a_run_builds_only_the_command_it_runs(capsys: pytest.CaptureFixture[str]) -> None:
    import typer.main

    from pmo_advisor.cli.app import COMMAND_APPS, app

    group = typer.main.get_group(app)  # a group of its own, not the one the tests share
    assert group.commands == {}
    group.main(["levels"], prog_name="pmo-advisor", standalone_mode=False)
    assert "Director" in capsys.readouterr().out
    assert set(group.commands) == {"levels"}
    # Listing them (for --help, or completion) builds them all, in the help's order.
    context = typer.Context(group)
    assert group.list_commands(context)[:3] == ["assess", "plan", "team"]
    assert all(group.get_command(context, name) for name in COMMAND_APPS)
    assert set(group.commands) == set(COMMAND_APPS)


def test_a_mistyped_command_is_named_with_the_near_one(run: Runner) -> None:
    result = run("asess", "--level", "2")
    assert result.code == 2
    assert "No such command 'asess'. Did you mean 'assess'?" in result.err
