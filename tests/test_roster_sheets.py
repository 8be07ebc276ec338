"""Rosters as people have them: HR exports with their own headers and columns, ids,
the questionnaire's wording in cells, Yes/No columns, .xlsx workbooks and the template."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from pmo_advisor.answers.checks import list_items, wording
from pmo_advisor.answers.keys import activity_options
from pmo_advisor.answers.model import BY_ID
from pmo_advisor.knowledge import Knowledge, load_knowledge
from pmo_advisor.render.csv import COLUMNS
from pmo_advisor.roster.header import ALIASES, KNOWN, compact, near_miss
from pmo_advisor.roster.xlsx import cell_text
from tests.conftest import REPO, Run

Runner = Callable[..., Run]

HR_EXPORT = REPO / "tests" / "data" / "hr_export.csv"
KEPT = ("Department", "Line Manager", "Start date")
NAMES = ["Sam Patel", "Sam Patel", "Jo Reid", "Alex Kim", "Priya Shah"]
IDS = ["E1001", "E1002", "E1003", "E1004", "E1005"]


def write(tmp_path: Path, text: str, name: str = "team.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def as_workbook(rows: list[list[str]], path: Path, *, sheet: str = "People", above: int = 0) -> str:
    """A workbook holding ``rows`` as a spreadsheet would: numbers as numbers, dates as
    dates, ``above`` empty rows and a first sheet of notes before the roster's."""
    book = Workbook()
    notes = book.active
    assert notes is not None
    if sheet != "People":  # the roster on a later sheet, read with --sheet
        notes.title = "Notes"
        notes.append(["Read me", "This sheet is not the roster"])
        target = book.create_sheet(sheet)
    else:
        target = notes
        target.title = sheet
    for _ in range(above):
        target.append([])
    for row in rows:
        target.append([_typed(cell) for cell in row])
    book.save(path)
    return str(path)


def _typed(cell: str) -> Any:
    if cell.isdigit():
        return int(cell)
    try:
        return datetime.date.fromisoformat(cell)
    except ValueError:
        return cell


def hr_rows() -> list[list[str]]:
    with HR_EXPORT.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture(params=["csv", "xlsx"])
def hr_roster(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "csv":
        return str(HR_EXPORT)
    return as_workbook(hr_rows(), tmp_path / "hr export.xlsx")


# --- the HR export, end to end ----------------------------------------------------------


def test_an_hr_export_reads_in_json_with_ids_and_kept_columns(run: Runner, hr_roster: str) -> None:
    result = run("team", hr_roster, "--format", "json")
    assert result.code == 0, result.err
    assert result.err.count("kept as they are: Department, Line Manager, Start date") == 1
    people = json.loads(result.out)["people"]
    assert [p["name"] for p in people] == NAMES
    assert [p["id"] for p in people] == IDS
    assert people[0]["columns"] == {
        "Department": "Finance",
        "Line Manager": "Jo Reid",
        "Start date": "2024-09-02",
    }
    assert people[3]["columns"]["Line Manager"] == ""
    # The questionnaire's wording in cells, commas inside labels and all.
    first, second, jo = people[0]["answers"], people[1]["answers"], people[2]["answers"]
    assert first["activities"] == ["keep-records", "organise-meetings"]
    assert first["scope"] == "project" and first["market"] == "uk" and first["years"] == 1
    assert second["activities"] == ["plan-schedule", "run-raid"]
    assert second["focus"] == ["planning", "risk"]
    assert second["qualifications"] == ["prince2-7-foundation"]
    assert second["title"] == "PMO Analyst"
    assert jo["activities"] == ["manage-pmo-team", "run-pmo", "set-standards"]
    assert jo["team_size"] == 4
    assert people[3]["answers"]["scope"] == "enterprise"


def test_an_hr_export_tells_people_of_one_name_apart_in_every_format(
    run: Runner, hr_roster: str
) -> None:
    plain = run("team", hr_roster, "--format", "plain")
    assert plain.code == 0, plain.err
    assert "ID: E1001" in plain.out and "ID: E1002" in plain.out
    assert "Department: Technology" in plain.out
    # In the summary's lists of names too.
    assert "Who: Sam Patel (E1002), Priya Shah (E1005)" in plain.out
    markdown = run("team", hr_roster, "--format", "markdown").out
    header = next(line for line in markdown.splitlines() if line.startswith("| Name |"))
    assert header.startswith("| Name | ID | Level |")
    assert header.endswith("| Department | Line Manager | Start date |")
    assert "| Sam Patel | E1002 |" in markdown
    rich = run("team", hr_roster, "--format", "rich").out
    assert "E1002" in rich and "Technology" in rich
    rows = list(csv.reader(io.StringIO(run("team", hr_roster, "--format", "csv").out)))
    assert rows[0][-4:] == ["id", *KEPT]
    assert rows[0][: len(COLUMNS)] == list(COLUMNS)  # the contract's columns first, as ever
    assert [(r[0], r[-4]) for r in rows[1:]] == list(zip(NAMES, IDS, strict=True))
    assert rows[2][-3:] == ["Technology", "Jo Reid", "2021-03-15"]


def test_an_hr_export_groups_by_a_kept_column_and_compares_by_id(
    run: Runner, hr_roster: str, tmp_path: Path
) -> None:
    result = run("team", hr_roster, "--summary", "--group-by", "Department", "-f", "json")
    assert result.code == 0, result.err
    groups = {g["value"]: g["summary"]["people"] for g in json.loads(result.out)["groups"]}
    assert groups == {"Executive Office": 1, "Finance": 2, "Technology": 2}
    # Last quarter's roster: the same people but one, matched by id, not by name.
    rows = hr_rows()
    older = write(tmp_path, "\n".join(",".join(f'"{c}"' for c in r) for r in rows[:2]) + "\n")
    compare = run("team", hr_roster, "--compare", older, "-f", "json", "--summary")
    assert compare.code == 0, compare.err
    change = json.loads(compare.out)["compare"]
    assert change["joined"]["people"] == [f"{n} ({i})" for n, i in zip(NAMES, IDS, strict=True)][1:]
    assert change["left"]["count"] == 0


def test_a_roster_without_ids_or_extra_columns_reads_as_before(run: Runner, tmp_path: Path) -> None:
    path = write(tmp_path, "name,years,scope,activities\nAnn,4,programme,plan-schedule\n")
    result = run("team", path, "--format", "json")
    assert result.code == 0 and result.err == ""
    person = json.loads(result.out)["people"][0]
    assert "id" not in person and "columns" not in person
    rows = list(csv.reader(io.StringIO(run("team", path, "--format", "csv").out)))
    assert rows[0][-1] == "courses"
    markdown = run("team", path, "--format", "markdown").out
    assert "| Name | Level |" in markdown


# --- headers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Job Title", "title"),
        ("ROLE", "title"),
        ("position", "title"),
        ("Years in PMO", "years"),
        ("Experience", "years"),
        ("years", "years"),
        ("Employee ID", "id"),
        ("Staff number", "id"),
        ("employee_number", "id"),
        ("Full Name", "name"),
        ("Team-Size", "team_size"),
        ("Widest scope", "scope"),
        ("Courses you hold", "qualifications"),
    ],
)
def test_headers_are_known_by_their_aliases(header: str, key: str) -> None:
    assert KNOWN[compact(header)] == key


def test_every_alias_names_one_column() -> None:
    for column, spellings in ALIASES.items():
        for spelling in spellings:
            assert KNOWN[compact(spelling)] == column, spelling


@pytest.mark.parametrize(
    ("header", "slip", "meant"),
    [
        ("name,Yeras,scope,activities", "Yeras", "years"),
        ("Nmae,years,scope,activities", "Nmae", "name"),
        ("name,years,scope,activities,Job Titel", "Job Titel", "Job title"),
        ("name,years,Scpoe,activities", "Scpoe", "scope"),
    ],
)
def test_a_near_miss_of_a_header_is_refused_with_did_you_mean(
    run: Runner, tmp_path: Path, header: str, slip: str, meant: str
) -> None:
    path = write(tmp_path, header + "\nAnn,4,programme,plan-schedule,x\n")
    output = tmp_path / "report.json"
    result = run("team", path, "-o", str(output))
    assert result.code == 2
    assert (
        f"line 1: the header has columns that look mistyped:\n  '{slip}': did you mean '{meant}'?"
    ) in result.err
    assert not output.exists()


@pytest.mark.parametrize(
    "header",
    ["Department", "Line Manager", "Site", "Grade", "Cost centre", "Job code", "Email", "Band"],
)
def test_headers_unlike_any_known_one_are_kept(header: str) -> None:
    assert KNOWN.get(compact(header)) is None
    assert near_miss(compact(header)) is None


def test_a_header_row_too_wide_is_refused_at_once(run: Runner, tmp_path: Path) -> None:
    columns = ["name", "years", "scope", "activities"] + [f"Note {n}" for n in range(1_000)]
    result = run("team", write(tmp_path, ",".join(columns) + "\n"))
    assert result.code == 2
    assert "the header row has 1,004 columns, more than the 1,000" in result.err


def test_first_and_last_name_columns_make_the_name(run: Runner, tmp_path: Path) -> None:
    text = "First name,Surname,Years,Scope,Activities\nAnn,Lee,4,programme,plan-schedule\n"
    data = json.loads(run("team", write(tmp_path, text), "--format", "json").out)
    assert data["people"][0]["name"] == "Ann Lee"


def test_a_column_named_twice_by_its_aliases_is_refused(run: Runner, tmp_path: Path) -> None:
    text = "name,Job Title,Role,years,scope,activities\nAnn,a,b,4,programme,plan-schedule\n"
    result = run("team", write(tmp_path, text))
    assert result.code == 2
    assert "the column 'title' appears twice (as 'Job Title' and 'Role')" in result.err


# --- ids --------------------------------------------------------------------------------


def test_repeated_ids_are_refused_and_nothing_is_written(run: Runner, tmp_path: Path) -> None:
    text = (
        "Staff number,name,years,scope,activities\n"
        "7,Ann,4,programme,plan-schedule\n"
        "8,Bob,4,programme,plan-schedule\n"
        "7,Cy,4,programme,plan-schedule\n"
    )
    output = tmp_path / "out.csv"
    result = run("team", write(tmp_path, text), "-o", str(output), "--skip-invalid")
    assert result.code == 2
    assert "ids must be unique, and these repeat an id given earlier:\n  '7' at line 4" in (
        result.err
    )
    assert not output.exists()


def test_a_json_lines_roster_may_give_ids_too(run: Runner, tmp_path: Path) -> None:
    line = '{{"name": "Ann", "id": {id}, "years": 4, "scope": "programme", "activities": ["run-raid"]}}'
    text = "\n".join(line.format(id=i) for i in ('"E1"', "2")) + "\n"
    people = json.loads(run("team", write(tmp_path, text, "team.jsonl"), "-f", "json").out)[
        "people"
    ]
    assert [(p["name"], p["id"]) for p in people] == [("Ann", "E1"), ("Ann", "2")]
    rows = list(
        csv.reader(io.StringIO(run("team", write(tmp_path, text, "t.jsonl"), "-f", "csv").out))
    )
    assert rows[0][-1] == "id" and rows[2][-1] == "2"
    again = write(tmp_path, text.replace('"E1"', "2"), "again.jsonl")
    assert "ids must be unique" in run("team", again).err


def test_the_library_takes_ids_in_its_mappings() -> None:
    from pmo_advisor import Advisor

    row = {"years": 4, "scope": "programme", "activities": ["run-raid"]}
    run = Advisor().team([{"name": "Ann", "id": 7, **row}, {"name": "Ann", "id": "8", **row}])
    assert [(m.name, m.id) for m in run.people] == [("Ann", "7"), ("Ann", "8")]
    assert not run.duplicates and not run.duplicate_ids


def test_repeated_names_without_ids_still_point_at_an_id_column(
    run: Runner, tmp_path: Path
) -> None:
    text = "name,years,scope,activities\nAnn,4,programme,run-raid\nAnn,2,project,run-raid\n"
    result = run("team", write(tmp_path, text))
    assert result.code == 2
    assert "names must be unique" in result.err and "Employee ID" in result.err


# --- cells in the questionnaire's wording ---------------------------------------------


def test_unknown_items_are_one_line_naming_the_choices_once(run: Runner, tmp_path: Path) -> None:
    text = "name,years,scope,activities\nAnn,4,programme,foo; bar; Build and maintan plans\n"
    result = run("team", write(tmp_path, text))
    assert result.code == 2
    problem = [line for line in result.err.splitlines() if "activities:" in line]
    assert problem == [
        "  activities: unknown activities 'foo', 'bar', 'Build and maintan plans'"
        " ('pmo-advisor activities' lists all 21)"
    ]


def test_a_near_miss_of_a_choice_suggests_its_wording(run: Runner, tmp_path: Path) -> None:
    text = "name,years,scope,activities\nAnn,4,Programe PMO,plan-schedule\n"
    result = run("team", write(tmp_path, text))
    assert "did you mean 'Programme PMO'?" in result.err


def test_the_wording_is_taken_by_set_too(run: Runner) -> None:
    result = run(
        "assess",
        "--format",
        "json",
        "--set",
        "years=4",
        "--set",
        "scope=Portfolio PMO",
        "--set",
        "activities=Build and maintain plans and schedules",
    )
    assert result.code == 0, result.err
    answers = json.loads(result.out)["answers"]
    assert answers["scope"] == "portfolio" and answers["activities"] == ["plan-schedule"]


_ACTIVITIES = activity_options(load_knowledge())


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_ACTIVITIES), min_size=1, max_size=8, unique=True),
    st.sampled_from([", ", ",", "; ", "\n", " ;"]),
    st.booleans(),
)
def test_labels_joined_by_any_separator_split_back_into_them(
    options: list[Any], separator: str, ids: bool
) -> None:
    # Labels hold commas ("Design or set up a PMO, its services and processes"): a comma
    # between them still parts them, and never cuts one.
    knowledge = load_knowledge()
    words = wording(BY_ID["activities"], knowledge)
    texts = [o.value if ids and n % 2 else o.label for n, o in enumerate(options)]
    items = list_items([separator.join(texts)], words)
    assert [words[" ".join(i.split()).casefold()] for i in items] == [o.value for o in options]


def test_an_excel_workbook_on_standard_input_is_refused(run: Runner, tmp_path: Path) -> None:
    path = as_workbook(hr_rows(), tmp_path / "hr.xlsx")
    result = run("team", "-", stdin=Path(path).read_bytes())
    assert result.code == 2
    assert "standard input holds an Excel workbook" in result.err


# --- Yes/No columns ---------------------------------------------------------------------


def test_yes_no_columns_add_activities_and_focus(run: Runner, tmp_path: Path) -> None:
    text = (
        "name,years,scope,Activity: Build and maintain plans and schedules,"
        "Activity: run-raid,Focus: Risk and change,activities\n"
        "Ann,4,programme,Yes,no,TRUE,keep-records\n"
        "Bob,2,project,,y,,\n"
    )
    people = json.loads(run("team", write(tmp_path, text), "--format", "json").out)["people"]
    assert people[0]["answers"]["activities"] == ["keep-records", "plan-schedule"]
    assert people[0]["answers"]["focus"] == ["risk"]
    assert people[1]["answers"]["activities"] == ["run-raid"]


def test_a_yes_no_cell_saying_neither_is_the_rows_problem(run: Runner, tmp_path: Path) -> None:
    text = "name,years,scope,Activity: run-raid\nAnn,4,programme,maybe\n"
    result = run("team", write(tmp_path, text))
    assert result.code == 2
    assert "line 2: invalid answers in the row:\n  Activity: run-raid: 'maybe' is neither" in (
        result.err
    )


# --- .xlsx rosters ----------------------------------------------------------------------


def test_errors_in_a_workbook_give_excels_row_numbers(run: Runner, tmp_path: Path) -> None:
    rows = [["name", "years", "scope", "activities"], ["Ann", "4", "programme", "run-raid"]]
    rows += [["Bob", "x", "programme", "run-raid"]]
    path = as_workbook(rows, tmp_path / "team.xlsx", above=2)
    output = tmp_path / "out.json"
    result = run("team", path, "-o", str(output))
    assert result.code == 2
    assert f"{path} line 5: invalid answers in the row:\n  years: must be a number" in result.err
    assert not output.exists()
    misspelt = as_workbook([["name", "Yeras"], ["Ann", "4"]], tmp_path / "slip.xlsx", above=1)
    assert "line 2: the header has columns that look mistyped" in run("team", misspelt).err


def test_a_large_workbook_is_streamed_with_the_same_result(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmo_advisor.roster import xlsx

    path = as_workbook(hr_rows(), tmp_path / "hr.xlsx", above=1)
    held = run("team", path, "--format", "json")
    assert held.code == 0, held.err
    monkeypatch.setattr(xlsx, "HELD_AT_MOST", 0)  # every workbook counts as large
    streamed = run("team", path, "--format", "json")
    assert streamed.out == held.out
    bad = as_workbook([["name", "years", "scope", "activities"], ["Bob", "x", "project", "run-raid"]],
                      tmp_path / "bad.xlsx", above=2)  # fmt: skip
    assert f"{bad} line 4: invalid answers in the row" in run("team", bad).err


def test_sheet_names_the_sheet_to_read(run: Runner, tmp_path: Path) -> None:
    path = as_workbook(hr_rows(), tmp_path / "hr.xlsx", sheet="Team")
    first = run("team", path)
    assert first.code == 2 and "is not a roster" in first.err
    data = json.loads(run("team", path, "--sheet", "team", "--format", "json").out)
    assert [p["id"] for p in data["people"]] == IDS
    missing = run("team", path, "--sheet", "Staff")
    assert missing.code == 2
    assert "has no sheet named 'Staff'" in missing.err and "'Notes', 'Team'" in missing.err


def test_a_workbook_header_too_wide_is_refused_at_once(run: Runner, tmp_path: Path) -> None:
    header = ["name", "years", "scope", "activities"] + [f"Note {n}" for n in range(997)]
    result = run("team", as_workbook([header], tmp_path / "wide.xlsx"))
    assert result.code == 2
    assert "line 1: the header row has 1,001 columns, more than the 1,000" in result.err


def test_sheet_is_refused_for_a_csv_roster(run: Runner) -> None:
    result = run("team", str(HR_EXPORT), "--sheet", "People")
    assert result.code == 2 and "is not one" in result.err


def test_a_file_that_is_not_a_workbook_is_refused(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not a real archive")
    result = run("team", str(path))
    assert result.code == 2
    assert "cannot be read as an Excel workbook" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (4.0, "4"),
        (2.5, "2.5"),
        (True, "Yes"),
        (False, "No"),
        (datetime.date(2024, 1, 2), "2024-01-02"),
        (datetime.datetime(2024, 1, 2, 9, 30), "2024-01-02 09:30"),
        (None, ""),
        ("text", "text"),
    ],
)
def test_cells_read_as_a_csv_export_would_hold_them(value: Any, text: str) -> None:
    assert cell_text(value) == text


# --- the template -----------------------------------------------------------------------


def test_the_xlsx_template_has_every_header_and_drop_down_lists(
    run: Runner, tmp_path: Path
) -> None:
    path = tmp_path / "roster.xlsx"
    result = run("team", "--template", "-o", str(path))
    assert result.code == 0, result.err
    book = load_workbook(path)
    sheet = book["Roster"]
    header = [cell.value for cell in sheet[1]]
    assert header[:9] == [
        "Name",
        "Employee ID",
        "Job title",
        "Years of experience",
        "Widest scope",
        "Where you work",
        "People reporting to you",
        "Delivery experience",
        "Courses you hold",
    ]
    activities = [h for h in header if str(h).startswith("Activity: ")]
    focus = [h for h in header if str(h).startswith("Focus: ")]
    assert len(activities) == 21 and len(focus) == 9
    assert "Activity: Design or set up a PMO, its services and processes" in activities
    example = [cell.value for cell in sheet[2]]
    assert example[0] == "Alex Example" and example[3] == 4
    assert set(example[9:]) == {"Yes", "No"}
    lists = {str(dv.sqref)[0]: dv for dv in _lists(sheet)}
    lists_sheet = book["Lists"]
    choices = {
        column[0].value: [c.value for c in column[1:] if c.value]
        for column in lists_sheet.iter_cols()
    }
    assert choices["scope"] == [
        "Project PMO",
        "Programme PMO",
        "Portfolio PMO",
        "Enterprise PMO (ePMO)",
    ]
    assert "United Kingdom" in choices["market"] and choices["yes/no"] == ["Yes", "No"]
    assert lists["E"].formula1 == "=Lists!$A$2:$A$5"
    assert lists["F"].formula1.startswith("=Lists!$B$2")
    yes_no = next(dv for dv in _lists(sheet) if dv.formula1 == "=Lists!$C$2:$C$3")
    assert len(str(yes_no.sqref).split()) == 30


def test_the_template_has_a_column_for_every_answers_key_and_choice(
    run: Runner, knowledge: Knowledge
) -> None:
    from pmo_advisor.answers.model import KEYS

    header = next(csv.reader(io.StringIO(run("team", "--template").out)))
    columns = {KNOWN.get(compact(h)) for h in header}
    flags = {h.split(": ", 1)[1] for h in header if ": " in h}
    for key in KEYS:
        assert key.id in columns or key.id in ("activities", "focus"), key.id
    words = {o.label for k in ("activities", "focus") for o in BY_ID[k].options(knowledge)}  # type: ignore[misc]
    assert flags == words
    assert {"name", "id"} <= columns


def _lists(sheet: Any) -> list[Any]:
    return [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]


@pytest.mark.parametrize("name", ["roster.xlsx", "roster.csv"])
def test_the_template_reads_back_as_a_roster(run: Runner, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    assert run("team", "--template", "-o", str(path)).code == 0
    result = run("team", str(path), "--format", "json")
    assert result.code == 0, result.err
    person = json.loads(result.out)["people"][0]
    assert person["name"] == "Alex Example" and person["id"] == "E0001"
    assert person["answers"]["activities"] == ["compile-status", "plan-schedule", "run-raid"]
    assert person["answers"]["focus"] == ["planning", "risk"]
    assert person["answers"]["market"] == "uk"


def test_the_csv_template_goes_to_standard_output(run: Runner) -> None:
    result = run("team", "--template")
    assert result.code == 0
    header, example = list(csv.reader(io.StringIO(result.out)))
    assert header[0] == "Name" and example[0] == "Alex Example"
    assert len(header) == len(example) == 39


def test_template_reads_no_roster(run: Runner) -> None:
    result = run("team", str(HR_EXPORT), "--template")
    assert result.code == 2 and "reads none" in result.err
