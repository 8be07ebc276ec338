"""The team command, roster reading, the team summary, csv output and the library API."""

from __future__ import annotations

import csv
import io
import itertools
import json
import multiprocessing
import pickle
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pmo_advisor
from pmo_advisor import team as team_module
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.team import NameTable
from tests.conftest import REPO, Run

Runner = Callable[..., Run]

HEADER = "name,years,scope,activities,focus,team_size,qualifications\n"
ROWS = (
    'Ann,4,programme,"plan-schedule,analyse-performance",planning,0,prince2\n'
    "Bob,1,project,keep-records;compile-status,,,\n"
    'Cy,9,portfolio,"run-pmo,manage-pmo-team",governance,5,"essentials-pmo-analysts;p3o-foundation"\n'
    'Di,4,programme,"plan-schedule,analyse-performance",planning,0,prince2\n'
)
SUMMARY_KEYS = {
    "people",
    "levels",
    "borderline",
    "courses",
    "focus_coverage",
    "shared_gaps",
    "held",
    "invalid",
    "invalid_count",
    "gaps_by_kind",
    "ready_to_step_up",
    "not_yet_at_level",
    "training",
}
#: What each course of the summary has: its seats as first counted, then the seats of
#: each person's plan now and next, and what the data says of its length.
COURSE_KEYS = {
    "id",
    "name",
    "seats",
    "people",
    "seats_now",
    "people_now",
    "seats_next",
    "people_next",
    "alternatives",
    "provider",
    "length",
    "hours",
    "days",
}


def roster(tmp_path: Path, text: str, name: str = "team.csv", encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def team_json(run: Runner, *args: str, stdin: bytes = b"") -> dict[str, Any]:
    result = run("team", *args, "--format", "json", stdin=stdin)
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


# --- the same advice as assess --------------------------------------------------------


def test_each_person_gets_the_advice_assess_gives(run: Runner, tmp_path: Path) -> None:
    data = team_json(run, roster(tmp_path, HEADER + ROWS))
    assert [p["name"] for p in data["people"]] == ["Ann", "Bob", "Cy", "Di"]
    alone = run(
        "assess",
        "--format",
        "json",
        "--set",
        "years=9",
        "--set",
        "scope=portfolio",
        "--set",
        "activities=run-pmo,manage-pmo-team",
        "--set",
        "focus=governance",
        "--set",
        "team_size=5",
        "--set",
        "qualifications=essentials-pmo-analysts,p3o-foundation",
    )
    assert alone.code == 0, alone.err
    full = json.loads(alone.out)
    cy = data["people"][2]
    assert cy["level"] == full["level"]
    assert cy["borderline"] == full["borderline"]
    assert cy["borderline_with"] == full["borderline_with"]
    assert cy["titles"] == full["titles"][:1]
    assert cy["next"]["level"] == full["next"]["level"]
    assert cy["next"]["roles"] == full["next"]["roles"][:1]
    assert cy["next"]["gaps"] == full["next"]["gaps"][:1]
    assert cy["courses"] == full["courses"][:3]
    assert cy["answers"] == full["answers"]


def test_identical_answers_are_assessed_once(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmo_advisor import rules

    calls = []
    real = rules.assess

    def counting(*args: Any) -> Any:
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(rules, "assess", counting)
    rows = "".join(f"P{i},4,programme,plan-schedule,,,\n" for i in range(300))
    data = team_json(run, roster(tmp_path, HEADER + rows), "--summary")
    assert data["summary"]["people"] == 300
    assert len(calls) == 1


# --- the JSON contract ----------------------------------------------------------------


def test_json_has_the_documented_shape(run: Runner, tmp_path: Path) -> None:
    data = team_json(run, roster(tmp_path, HEADER + ROWS))
    assert data["schema_version"] == 1
    assert data["kind"] == "team"
    assert set(data) == {"schema_version", "kind", "people", "summary"}
    person = data["people"][0]
    assert set(person) == {
        "name",
        "level",
        "borderline",
        "borderline_with",
        "titles",
        "next",
        "courses",
        "plan",
        "answers",
    }
    # Each person's plan is the one their own assessment gives.
    assert person["plan"]["steps"][0]["when"] == "now"
    summary = data["summary"]
    assert set(summary) == SUMMARY_KEYS
    assert summary["people"] == 4
    assert summary["levels"] == {"1": 1, "2": 2, "3": 1, "4": 0}
    for course in summary["courses"]:
        assert set(course) == COURSE_KEYS
        assert course["seats"] == len(course["people"])
    analysts = next(c for c in summary["courses"] if c["id"] == "essentials-pmo-analysts")
    assert analysts["people"] == ["Ann", "Bob", "Di"]  # Cy holds it
    assert set(summary["focus_coverage"]) >= {"planning", "governance", "risk"}
    assert summary["focus_coverage"]["planning"] == {"1": 0, "2": 2, "3": 0, "4": 0}
    assert summary["focus_coverage"]["risk"] == {"1": 0, "2": 0, "3": 0, "4": 0}
    for gap in summary["shared_gaps"]:
        assert set(gap) == {"level", "gap", "count", "people"}
        assert gap["count"] >= 2
    held = {h["id"]: h for h in summary["held"]}
    assert held["prince2"]["count"] == 2
    assert held["prince2"]["people"] == ["Ann", "Di"]
    assert summary["invalid"] == []


def test_courses_come_by_level_with_prerequisites_first(
    run: Runner, tmp_path: Path, knowledge: Knowledge
) -> None:
    data = team_json(run, roster(tmp_path, HEADER + ROWS), "--summary")
    ids = [c["id"] for c in data["summary"]["courses"]]
    for index, course_id in enumerate(ids):
        for prerequisite in knowledge.course(course_id).prerequisites:
            if prerequisite in ids:
                assert ids.index(prerequisite) < index, (prerequisite, course_id)


def test_borderline_people_are_grouped_for_succession(run: Runner, tmp_path: Path) -> None:
    # The same answers assess would call borderline: whatever the rules say, the team
    # summary must count exactly the people whose advice says so.
    rows = "".join(
        f"P{i},{years},{scope},{acts},,{team},\n"
        for i, (years, scope, acts, team) in enumerate(
            [
                (12, "portfolio", "manage-pmo-team", 6),
                (1, "portfolio", "plan-schedule", 0),
                (20, "enterprise", "run-pmo", 12),
                (3, "programme", "plan-schedule", 0),
            ]
        )
    )
    data = team_json(run, roster(tmp_path, HEADER + rows))
    flagged = sorted(p["name"] for p in data["people"] if p["borderline"])
    grouped = sorted(n for g in data["summary"]["borderline"] for n in g["people"])
    assert flagged == grouped
    for group in data["summary"]["borderline"]:
        assert group["count"] == len(group["people"])
        assert group["with"] != group["level"]


def test_summary_leaves_the_people_out(run: Runner, tmp_path: Path) -> None:
    data = team_json(run, roster(tmp_path, HEADER + ROWS), "--summary")
    assert "people" not in data
    assert data["summary"]["people"] == 4


def test_name_lists_are_capped_but_counts_are_not(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(team_module, "TEAM_NAMES_LISTED", 2)
    rows = "".join(f"P{i},4,programme,plan-schedule,,,\n" for i in range(7))
    summary = team_json(run, roster(tmp_path, HEADER + rows), "--summary")["summary"]
    for course in summary["courses"]:
        assert course["seats"] == 7
        assert course["people"] == ["P0", "P1"]


# --- roster formats -------------------------------------------------------------------


def test_a_spreadsheet_export_is_read(run: Runner, tmp_path: Path) -> None:
    # Byte-order mark, CRLF, mixed-case headers with spaces, quoted cells with commas
    # and a line break, semicolon lists, columns in another order.
    text = (
        "\ufeffQualifications,Name,Scope,Years,Activities,Team Size,Title\r\n"
        'prince2,"Smith, Ann",Programme,4,"plan-schedule; run-raid",0,"Planner,\r\nSenior"\r\n'
        ",Bob,project,1,keep-records,,\r\n"
    )
    data = team_json(run, roster(tmp_path, text))
    assert [p["name"] for p in data["people"]] == ["Smith, Ann", "Bob"]
    ann = data["people"][0]["answers"]
    assert ann["activities"] == ["plan-schedule", "run-raid"]
    assert ann["qualifications"] == ["prince2"]
    assert ann["scope"] == "programme"


def test_semicolon_separated_csv_and_tsv(run: Runner, tmp_path: Path) -> None:
    semi = "name;years;scope;activities\nAnn;4;programme;plan-schedule,run-raid\n"
    tsv = "name\tyears\tscope\tactivities\nAnn\t4\tprogramme\tplan-schedule;run-raid\n"
    for text in (semi, tsv):
        data = team_json(run, roster(tmp_path, text))
        assert data["people"][0]["answers"]["activities"] == ["plan-schedule", "run-raid"]


def test_json_lines(run: Runner, tmp_path: Path) -> None:
    lines = [
        {"name": "Ann", "years": 4, "scope": "programme", "activities": ["plan-schedule"]},
        {"name": "Bob", "years": 1, "scope": "project", "activities": "keep-records"},
    ]
    text = "\n".join(json.dumps(line) for line in lines) + "\n\n"
    data = team_json(run, roster(tmp_path, text, "team.jsonl"))
    assert [p["level"]["number"] for p in data["people"]] == [2, 1]


def test_a_directory_of_answers_files(run: Runner, tmp_path: Path) -> None:
    folder = tmp_path / "people"
    folder.mkdir()
    (folder / "ann.yaml").write_text("years: 4\nscope: programme\nactivities: [plan-schedule]\n")
    (folder / "bob.json").write_text(
        '{"years": 1, "scope": "project", "activities": ["keep-records"]}'
    )
    (folder / "notes.txt").write_text("not an answers file")
    data = team_json(run, str(folder))
    assert [p["name"] for p in data["people"]] == ["ann", "bob"]


def test_standard_input_csv_or_json_lines(run: Runner) -> None:
    csv_data = team_json(run, "-", stdin=(HEADER + ROWS).encode())
    assert csv_data["summary"]["people"] == 4
    line = {"name": "Ann", "years": 4, "scope": "programme", "activities": ["plan-schedule"]}
    jsonl = team_json(run, "-", stdin=(json.dumps(line) + "\n").encode())
    assert jsonl["summary"]["people"] == 1


# --- bad rows -------------------------------------------------------------------------


def test_invalid_rows_are_all_reported_and_nothing_is_written(run: Runner, tmp_path: Path) -> None:
    text = HEADER + ROWS + "Ed,99,programme,plan-schedule,,,\nFay,4,programe,plan-schedule,,,\n"
    out = tmp_path / "report.json"
    result = run("team", roster(tmp_path, text), "--format", "json", "--output", str(out))
    assert result.code == 2
    assert result.out == ""
    assert not out.exists()
    assert "line 6: invalid answers in the row:" in result.err
    assert "years: must be from 0 to 60, got 99" in result.err
    assert "line 7:" in result.err and "did you mean 'programme'" in result.err
    assert "2 invalid rows" in result.err and "--skip-invalid" in result.err
    assert "Traceback" not in result.err


def test_skip_invalid_reports_the_rest(run: Runner, tmp_path: Path) -> None:
    text = HEADER + "Ed,99,programme,plan-schedule,,,\n,4,project,keep-records,,,\n" + ROWS
    result = run("team", roster(tmp_path, text), "--format", "json", "--skip-invalid")
    assert result.code == 0
    assert "line 2:" in result.err and "line 3:" in result.err
    data = json.loads(result.out)
    assert data["summary"]["people"] == 4
    invalid = data["summary"]["invalid"]
    assert [row["line"] for row in invalid] == [2, 3]
    assert "years: must be from 0 to 60" in invalid[0]["reason"]
    assert "name" in invalid[1]["reason"]


def test_only_fifty_invalid_rows_are_listed(run: Runner, tmp_path: Path) -> None:
    rows = "".join(f"P{i},99,programme,plan-schedule,,,\n" for i in range(60))
    result = run("team", roster(tmp_path, HEADER + rows))
    assert result.code == 2
    assert result.err.count("invalid answers in the row") == 50
    # Fifty problems stop the run: the rest of the roster is not read to count them.
    assert "at least 50 invalid rows (reading stopped there)" in result.err
    assert "more invalid rows" not in result.err
    # With --skip-invalid everything is read, and the rest are counted.
    skipped = run("team", roster(tmp_path, HEADER + rows), "--skip-invalid", "--summary")
    assert "and 10 more invalid rows" in skipped.err


def test_a_row_with_too_many_cells(run: Runner, tmp_path: Path) -> None:
    text = HEADER + "Ann,4,programme,plan-schedule,,,,extra\n"
    result = run("team", roster(tmp_path, text))
    assert result.code == 2
    assert "line 2: has 8 cells, but the header has 7" in result.err


def test_a_bad_file_in_a_directory_is_named(run: Runner, tmp_path: Path) -> None:
    folder = tmp_path / "people"
    folder.mkdir()
    (folder / "ann.yaml").write_text("years: 4\nscope: programme\nactivities: [plan-schedule]\n")
    (folder / "bob.yaml").write_text("yeras: 4\n")
    result = run("team", str(folder), "--skip-invalid", "--format", "json")
    assert result.code == 0
    assert "bob.yaml" in result.err and "did you mean 'years'" in result.err
    invalid = json.loads(result.out)["summary"]["invalid"]
    assert invalid[0]["file"] == "bob.yaml" and invalid[0]["line"] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "is empty"),
        ("\n\n", "is empty"),
        (HEADER, "has nobody in it"),
        ("years,scope,activities\n4,programme,plan-schedule\n", "has no name column"),
        (HEADER + ROWS + "Ann,1,project,keep-records,,,\n", "'Ann' at line 6"),
        ("name,yeras,scope,activities\nA,4,programme,plan-schedule\n", "did you mean 'years'"),
        ("name,years,years,scope\n", "the column 'years' appears twice"),
        ("years: 4\nscope: programme\n", "is not a roster"),
        ('[{"name": "Ann"}]', "JSON array"),
        ("<html><body>hello</body></html>\n", "is not a roster"),
    ],
)
def test_bad_rosters_get_one_clear_message(
    run: Runner, tmp_path: Path, text: str, expected: str
) -> None:
    result = run("team", roster(tmp_path, text), "--skip-invalid")
    assert result.code == 2
    assert expected in result.err
    assert result.out == ""
    assert "Traceback" not in result.err


def test_a_binary_file_is_not_a_roster(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    result = run("team", str(path))
    assert result.code == 2
    assert "is not a roster" in result.err


def test_missing_roster_and_terminal_stdin(run: Runner, tmp_path: Path) -> None:
    missing = run("team", str(tmp_path / "nope.csv"))
    assert missing.code == 2 and "does not exist" in missing.err
    tty = run("team", "-", tty_stdin=True)
    assert tty.code == 2 and "terminal" in tty.err


def test_an_empty_directory(run: Runner, tmp_path: Path) -> None:
    result = run("team", str(tmp_path))
    assert result.code == 2
    assert "holds no answers files" in result.err


# --- formats --------------------------------------------------------------------------


def test_csv_output_has_a_row_per_person(run: Runner, tmp_path: Path) -> None:
    text = HEADER + ROWS + "=HYPERLINK(1),1,project,keep-records,,,\n"
    result = run("team", roster(tmp_path, text), "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert [r["name"] for r in rows] == ["Ann", "Bob", "Cy", "Di", "'=HYPERLINK(1)"]
    assert rows[0]["level"] == "2" and rows[0]["stage"] == "PMO Analyst"
    assert rows[0]["next_level"] == "3"
    assert len(rows[0]["courses"].split("; ")) == 3
    assert list(rows[0]) == [
        "name",
        "level",
        "stage",
        "borderline_with",
        "title",
        "next_level",
        "next_role",
        "first_gap",
        "courses",
    ]


def test_an_output_file_ending_in_csv_gets_the_csv_format(run: Runner, tmp_path: Path) -> None:
    path = roster(tmp_path, HEADER + ROWS)
    target = tmp_path / "Team.CSV"
    result = run("team", path, "-o", str(target))
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["name"] for r in rows] == ["Ann", "Bob", "Cy", "Di"]
    summary = run("team", path, "--summary", "-o", str(tmp_path / "summary.csv"))
    assert summary.code == 0, summary.err
    long_form = list(csv.reader(io.StringIO((tmp_path / "summary.csv").read_text("utf-8"))))
    assert long_form[0] == ["table", "key", "value"]


def test_csv_is_for_team_reports_only(run: Runner, tmp_path: Path) -> None:
    other = run("levels", "--format", "csv")
    assert other.code == 2 and "team" in other.err


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich"])
def test_text_formats_show_every_table(run: Runner, tmp_path: Path, fmt: str) -> None:
    text = HEADER + ROWS + "Bad\x1b[31mName,1,project,keep-records,,,\n"
    result = run("team", roster(tmp_path, text), "--format", fmt)
    assert result.code == 0, result.err
    for heading in ("People", "Levels", "Focus coverage", "Course seats", "Shared gaps"):
        assert heading in result.out
    assert "\x1b[31m" not in result.out
    assert "Bad\\x1b[31mName" in result.out.replace("\\\\", "\\").replace("\\[", "[")


def test_rich_draws_bars(run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    result = run("team", roster(tmp_path, HEADER + ROWS), "--format", "rich", "--summary")
    assert "█" in result.out
    assert "People" in result.out and "Ann" in result.out


@pytest.mark.parametrize("columns", ["40", "80", "200"])
def test_rich_never_cuts_words_short(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    # A table too wide for the terminal is shown a row at a time, as plain does, rather
    # than with every cell cut to "Borderl…".
    monkeypatch.setenv("COLUMNS", columns)
    result = run("team", roster(tmp_path, HEADER + ROWS), "--format", "rich")
    assert result.code == 0, result.err
    assert "…" not in result.out
    assert all(len(line) <= int(columns) for line in result.out.splitlines())
    assert "PMO Analyst" in result.out
    laid_out = "┃ Name" in result.out
    assert laid_out == (columns == "200")


# --- assess with several answers files --------------------------------------------------


def test_assess_refuses_a_second_answers_file(run: Runner, tmp_path: Path) -> None:
    one = tmp_path / "a.yaml"
    one.write_text("years: 4\nscope: programme\nactivities: [plan-schedule]\n")
    result = run("assess", "-a", str(one), "-a", str(one), "--format", "json")
    assert result.code == 2
    assert result.out == ""
    assert "--answers was given 2 times" in result.err
    assert "pmo-advisor team" in result.err


# --- the library API ------------------------------------------------------------------

ANSWERS = {"years": 4, "scope": "programme", "activities": ["plan-schedule"]}


def test_assess_one_is_what_assess_prints(run: Runner) -> None:
    printed = run(
        "assess",
        "--format",
        "json",
        "--set",
        "years=4",
        "--set",
        "scope=programme",
        "--set",
        "activities=plan-schedule",
    )
    assert pmo_advisor.assess_one(ANSWERS) == json.loads(printed.out)


def test_assess_one_raises_the_message_assess_gives() -> None:
    from pmo_advisor.errors import InputError

    with pytest.raises(InputError, match="years: must be from 0 to 60"):
        pmo_advisor.assess_one({**ANSWERS, "years": 99})


def test_assess_many_is_lazy_and_can_keep_errors_in_place() -> None:
    endless = itertools.cycle([ANSWERS, {"years": "x"}])
    first = list(itertools.islice(pmo_advisor.assess_many(endless, errors="include"), 4))
    assert [r["kind"] for r in first] == ["assessment", "error"] * 2
    assert "years: must be a number" in first[1]["error"]
    from pmo_advisor.errors import InputError

    with pytest.raises(InputError):
        list(pmo_advisor.assess_many([ANSWERS, {"years": "x"}]))


def test_the_library_keeps_only_a_bounded_memo(
    knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A long-running program assessing ever new people must not keep something for each
    # distinct result: only the bounded memo of recent answers stays.
    from pmo_advisor import advisor as advisor_module

    monkeypatch.setattr(advisor_module, "MEMO_SIZE", 8)
    advisor = pmo_advisor.Advisor(knowledge)
    rows = ({**ANSWERS, "years": years, "qualifications": ["prince2"]} for years in range(40))
    assert len([advisor.assess(row) for row in rows]) == 40
    assert advisor._remembered.cache_info().currsize == 8  # type: ignore[attr-defined]
    assert not hasattr(advisor, "outcomes")


def test_pandas_values_are_read_as_plain_values() -> None:
    numpy = pytest.importorskip("numpy")
    row = {
        "years": numpy.int64(4),
        "scope": "programme",
        "activities": numpy.array(["plan-schedule"]),
        "team_size": float("nan"),
    }
    assert pmo_advisor.assess_one(row) == pmo_advisor.assess_one(ANSWERS)


def test_knowledge_and_results_pickle(knowledge: Knowledge) -> None:
    copy = pickle.loads(pickle.dumps(knowledge))
    assert copy == knowledge
    assert copy.course("prince2") == knowledge.course("prince2")
    assert pmo_advisor.assess_one(ANSWERS, copy) == pmo_advisor.assess_one(ANSWERS, knowledge)
    from pmo_advisor.answers import validate
    from pmo_advisor.rules import assess

    advice = assess(validate(ANSWERS, knowledge, "test"), knowledge)
    assert pickle.loads(pickle.dumps(advice)) == advice


@pytest.mark.terminal
def test_a_multiprocessing_pool(knowledge: Knowledge) -> None:
    rows = [ANSWERS, {**ANSWERS, "activities": ["run-pmo"]}, {**ANSWERS, "years": 1}]
    # spawn, as on macOS and Windows: the function and the knowledge base really are
    # pickled and sent to fresh interpreters.
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.map(partial(pmo_advisor.assess_one, knowledge=knowledge), rows)
    assert results == [pmo_advisor.assess_one(r, knowledge) for r in rows]


# --- the name table -------------------------------------------------------------------


def test_the_name_table_finds_repeats_as_it_grows() -> None:
    table = NameTable()
    names = [f"Person {i}" for i in range(5000)]
    assert all(table.add(name) for name in names)
    assert not any(table.add(name) for name in names[::97])
    assert table.add("Someone else")


# --- adversarial rosters --------------------------------------------------------------

TOKENS = ["name", "years", "Scope", "activities", "focus", "team_size", "yeras", "Ann",
          "4", "-1", "programme", "plan-schedule", "run-raid;keep-records", '"', "'",
          "{", "}", "[", ":", ",", ";", "\t", "\n", "\r\n", "\ufeff", "\x00", "\x1b[31m",
          "é", "=1+1", " "]  # fmt: skip


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(TOKENS), max_size=40), st.sampled_from(["json", "plain", "csv"]))
def test_any_roster_ends_in_a_report_or_a_clear_message(
    run: Runner, tmp_path: Path, tokens: list[str], fmt: str
) -> None:
    path = roster(tmp_path, "".join(tokens))
    result = run("team", path, "--format", fmt, "--skip-invalid")
    assert result.code in (0, 2), result.err
    assert "unexpected error" not in result.err
    if result.code == 2:
        assert result.out == ""


def test_a_progress_bar_only_on_a_terminal(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys
    import time

    rows = "".join(f"P{i},4,programme,plan-schedule,,,\n" for i in range(5000))
    path = roster(tmp_path, HEADER + rows)
    clock = itertools.count(0, 10.0)  # every look at the clock: ten seconds later
    monkeypatch.setattr(time, "monotonic", lambda: next(clock))
    plain = run("team", path, "--summary", "--format", "json")
    assert plain.err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    shown = run("team", path, "--summary", "--format", "json")
    assert "Reading the roster" in shown.err
    assert json.loads(shown.out) == json.loads(plain.out)


def test_the_fast_json_is_the_same_text_as_plain_encoding(
    run: Runner, tmp_path: Path, knowledge: Knowledge
) -> None:
    from pmo_advisor.render import OutputFormat, RenderOptions, renderer_for
    from pmo_advisor.render.json import data, dumps
    from pmo_advisor.roster import open_roster
    from pmo_advisor.teamreport import TeamReport

    text = HEADER + ROWS + 'Zoë "\u202e\x1b",4,programme,plan-schedule,,,\n'
    source = open_roster(roster(tmp_path, text), None)
    reading = pmo_advisor.Advisor(knowledge).team(source)
    people = list(reading.people)
    report = TeamReport("team.csv", reading.summary, people=people)
    source.close()
    renderer = renderer_for(OutputFormat.json, knowledge, RenderOptions())
    assert renderer.render(report) == dumps(data(report))
    assert json.loads(renderer.render(report))["people"][4]["name"] == 'Zoë "\u202e\x1b"'


def test_an_over_long_line_is_one_invalid_row(run: Runner, tmp_path: Path) -> None:
    good = json.dumps({"name": "A", **ANSWERS})
    text = good + "\n" + '{"name": "' + "x" * 1_100_000 + '"}\n' + good.replace('"A"', '"B"')
    result = run("team", roster(tmp_path, text, "team.jsonl"), "--skip-invalid", "--summary")
    assert result.code == 0, result.err
    assert "line 2: is longer than 1000000 characters" in result.err
    assert "Team: 2 people" in result.out


def test_plan_refuses_a_second_answers_file_too(run: Runner, tmp_path: Path) -> None:
    one = tmp_path / "a.yaml"
    one.write_text("years: 4\nscope: programme\nactivities: [plan-schedule]\n")
    result = run("plan", "-a", str(one), "-a", str(one), "--to", "3")
    assert result.code == 2
    assert "plan reads one person's answers" in result.err
    assert "--set" not in result.err


def test_a_quote_that_never_closes_stops_the_run_instead_of_swallowing_people(
    run: Runner,
) -> None:
    text = 'name,years,scope,activities\nA,3,"programme,plan-schedule\nB,1,project,keep-records\n'
    result = run("team", "-", "--skip-invalid", "--format", "json", stdin=text.encode())
    assert result.code == 2
    assert result.out == ""
    assert "cannot be read as CSV (a quoted cell is never closed" in result.err


def test_a_cell_longer_than_any_answer_is_named_in_words(run: Runner) -> None:
    text = "name,years,scope,activities\nA,3,programme," + "x" * 200_000 + "\n"
    result = run("team", "-", "--format", "json", stdin=text.encode())
    assert result.code == 2
    assert "a cell is longer than 131,072 characters" in result.err
    assert "field limit" not in result.err


def test_a_bad_file_in_a_directory_roster_is_named_once(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "ann.yaml").write_text("years: [1\n", encoding="utf-8")
    (tmp_path / "bob.yaml").write_text("years: 2\nscope: project\nactivities: [keep-records]\n")
    result = run("team", str(tmp_path), "--format", "json")
    assert result.code == 2
    assert result.err.count("ann.yaml") == 1, result.err


def test_a_directory_rosters_problems_speak_of_files_and_miss_nobody(
    run: Runner, tmp_path: Path
) -> None:
    (tmp_path / "ann.yaml").write_text("years: 99\nscope: project\nactivities: [keep-records]\n")
    (tmp_path / "bob.yaml").write_text("years: 2\nscope: project\nactivities: [keep-records]\n")
    (tmp_path / "cy.json").write_text("")
    (tmp_path / "dee.yaml").symlink_to(tmp_path / "gone.yaml")  # a link that leads nowhere
    result = run("team", str(tmp_path), "--skip-invalid", "--format", "json")
    assert result.code == 0, result.err
    assert f"{tmp_path}/ann.yaml: invalid answers in the file:" in result.err
    assert f"{tmp_path}/cy.json: the file is empty" in result.err
    assert f"{tmp_path}/dee.yaml: the file does not exist" in result.err
    assert result.err.count(str(tmp_path)) == 3  # each path once
    assert json.loads(result.out)["summary"]["people"] == 1
    refused = run("team", str(tmp_path), "--format", "json")
    assert refused.code == 2
    assert f"3 invalid files in {tmp_path}; no report was written" in refused.err
    assert "Fix the files listed above" in refused.err


def test_names_with_commas_stay_apart_in_the_who_lists() -> None:
    from pmo_advisor.render.teamview import who
    from pmo_advisor.teamreport import Named

    assert who(Named(4, ("Ann Smith", "Lee, Cy", "Eve", "Ivy"))) == "Ann Smith; Lee, Cy; Eve; Ivy"
    assert who(Named(3, ("Ann", "Bob", "Cy"))) == "Ann, Bob, Cy"
    assert who(Named(9, ("Ann", "Bob")), limit=2) == "Ann, Bob and 7 more"


def test_each_problem_of_a_skipped_row_stays_apart(run: Runner, tmp_path: Path) -> None:
    text = HEADER + ROWS + "Zed,x,galaxy,fly,,,\n"
    result = run("team", roster(tmp_path, text), "--skip-invalid", "--format", "markdown")
    assert result.code == 0, result.err
    assert "years: must be a number, got 'x'; scope: unknown scope 'galaxy'" in result.out


def test_plain_rows_a_row_at_a_time_name_a_bare_level(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    result = run("team", roster(tmp_path, HEADER + ROWS), "--format", "plain")
    assert result.code == 0, result.err
    levels = result.out.split("Levels\n------\n")[1]
    assert levels.startswith("Level 1\n  Stage: PMO Administrator")


def test_wide_characters_count_as_two_cells_when_fitting_a_table() -> None:
    from pmo_advisor.render.rich import _fits
    from pmo_advisor.render.teamview import TeamTable

    wide = TeamTable("People", ("Name", "Level"), (("王小明王小明王小明王小明", "2"),))
    narrow = TeamTable("People", ("Name", "Level"), (("Ann Smith Jones Ann", "2"),))
    assert not _fits(wide, 30)
    assert _fits(narrow, 30)


def test_a_team_keeps_only_what_its_report_shows_and_shows_the_same(
    knowledge: Knowledge,
) -> None:
    from pmo_advisor.answers import validate
    from pmo_advisor.render.json import result_data
    from pmo_advisor.rules import assess
    from pmo_advisor.teamreport import TEAM_TOP_COURSES, TeamMember, in_short

    cases = yaml.safe_load((REPO / "tests" / "cases" / "people.yaml").read_text())["people"]
    for case in cases:
        advice = assess(validate(case["answers"], knowledge, "case"), knowledge)
        short = in_short(advice)
        person = result_data(TeamMember(case["name"], advice))
        assert result_data(TeamMember(case["name"], short)) == person, case["name"]
        assert short.reasons == () and len(short.courses) <= TEAM_TOP_COURSES
