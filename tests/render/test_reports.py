"""Reports to share: team --format xlsx and html, and the one-page html plan of assess,
suggest and plan. The workbooks are read back with openpyxl; the pages are checked as
text here, and in a real browser in tests/test_browser.py."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from pmo_advisor.cli.main import main
from pmo_advisor.render.charts import numeric_columns
from pmo_advisor.render.teamview import TeamTable
from pmo_advisor.render.xlsx import sheet_name
from tests.conftest import Run

Runner = Callable[..., Run]

HEADER = "name,years,scope,activities,focus,team_size,qualifications\n"
#: Names a report must show exactly as written: markup, a formula, a comma.
HOSTILE = ('<b>Bold</b> & "Co"', '=HYPERLINK("http://x")', "Lee, Cy")
SHAPES = (
    '4,programme,"plan-schedule,analyse-performance",planning,0,prince2',
    "1,project,keep-records;compile-status,,,",
    '9,portfolio,"run-pmo,manage-pmo-team",governance,5,"essentials-pmo-analysts;p3o-foundation"',
    "3,programme,run-raid;control-costs,finance,0,",
)


def team_roster(tmp_path: Path, people: int = 12) -> Path:
    """A roster of ``people`` people (the hostile names first), in a few job shapes."""
    names = [*HOSTILE, *(f"Person {n:03d}" for n in range(people - len(HOSTILE)))]
    lines = [HEADER]
    for index, name in enumerate(names):
        quoted = '"' + name.replace('"', '""') + '"'
        lines.append(f"{quoted},{SHAPES[index % len(SHAPES)]}\n")
    path = tmp_path / "team.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def make_report(
    run: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, *args: str
) -> tuple[Path, list[TeamTable]]:
    """A team report of :func:`team_roster` written to ``name``, and the tables the
    renderer was given to show."""
    from pmo_advisor.render import teamview

    shown: list[TeamTable] = []

    def recorded(*given: object) -> teamview.TeamView:
        view = made(*given)  # type: ignore[arg-type]
        shown.extend(view.tables)
        return view

    made = teamview.team_view
    monkeypatch.setattr(teamview, "team_view", recorded)
    out = tmp_path / name
    result = run("team", str(team_roster(tmp_path)), *args, "-o", str(out))
    assert result.code == 0, result.err
    assert result.out == ""
    assert shown, "the renderer made no tables"
    return out, shown


# --- xlsx ---------------------------------------------------------------------------


def test_xlsx_has_a_sheet_per_table_with_headers_filters_and_frozen_panes(
    run: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out, tables = make_report(run, monkeypatch, tmp_path, "report.xlsx")
    workbook = openpyxl.load_workbook(out)
    taken: set[str] = set()
    assert workbook.sheetnames == [sheet_name(t.heading, taken) for t in tables]
    assert {"People", "Levels", "Focus coverage", "Shared gaps"} <= set(workbook.sheetnames)
    for table, sheet in zip(tables, workbook.worksheets, strict=True):
        assert [c.value for c in sheet[1]] == list(table.headers), sheet.title
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.print_title_rows == "$1:$1", sheet.title
        assert sheet.page_setup.orientation == "landscape"
        rows = max(len(table.rows), 1)
        last = openpyxl.utils.get_column_letter(len(table.headers))
        assert sheet.auto_filter.ref == f"A1:{last}{rows + 1}" if table.rows else f"A1:{last}1"
        for column in range(1, len(table.headers) + 1):
            width = sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width
            assert 6 <= width <= 62, (sheet.title, column, width)
        numbers = numeric_columns(table)
        for row_number, row in enumerate(table.rows, start=2):
            cells = [c.value for c in sheet[row_number]][: len(row)]
            shown = [str(c) if c is not None else "" for c in cells]
            assert shown == list(row), (sheet.title, row_number)
            for column in numbers:
                assert isinstance(cells[column], int), (sheet.title, row_number, column)
        if not table.rows and table.empty:
            assert sheet["A2"].value == table.empty
    people = workbook["People"]
    assert [people.cell(row=r, column=1).value for r in range(2, 5)] == list(HOSTILE)
    assert all(people.cell(row=r, column=1).data_type == "s" for r in range(2, 5))
    # The people per level add up to the team.
    levels = workbook["Levels"]
    assert sum(levels.cell(row=r, column=3).value for r in range(2, levels.max_row + 1)) == 12


def test_xlsx_charts_the_level_spread_and_the_course_seats(
    run: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # --format chooses xlsx whatever the file's name.
    out, tables = make_report(run, monkeypatch, tmp_path, "report.data", "--format", "xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    taken: set[str] = set()
    charted = {sheet_name(t.heading, taken): t for t in tables}
    charted = {name: t for name, t in charted.items() if t.bar is not None and t.rows}
    assert "Levels" in charted
    assert any("course" in name.casefold() for name in charted)
    for sheet in workbook.worksheets:
        charts = sheet._charts
        if sheet.title not in charted:
            assert charts == [], sheet.title
            continue
        table = charted[sheet.title]
        assert len(charts) == 1, sheet.title
        (series,) = charts[0].series
        column = openpyxl.utils.get_column_letter(table.bar + 1)
        last = len(table.rows) + 1
        reference = series.val.numRef.f.replace(f"'{sheet.title}'", sheet.title)
        assert reference == f"{sheet.title}!${column}$2:${column}${last}"
        # A small team's chart carries its values, for viewers that do not read cells.
        cached = [int(float(point.v)) for point in series.val.numRef.numCache.pt]
        assert cached == [int(row[table.bar]) for row in table.rows]
        assert series.cat.strRef is not None or series.cat.numRef is not None
    # The focus coverage is shaded as a heat map.
    heat = next(n for n, t in zip(workbook.sheetnames, tables, strict=True) if t.heat)
    assert workbook[heat].conditional_formatting


def test_a_large_team_is_written_in_constant_memory_with_the_same_sheets(
    run: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import xlsxwriter

    from pmo_advisor.render import xlsx

    made: list[dict[str, object]] = []
    original = xlsxwriter.Workbook

    def recorded(stream: object, options: dict[str, object]) -> object:
        made.append(options)
        return original(stream, options)

    monkeypatch.setattr(xlsxwriter, "Workbook", recorded)
    monkeypatch.setattr(xlsx, "LARGE_TEAM_ROWS", 10)
    out, tables = make_report(run, monkeypatch, tmp_path, "large.xlsx")
    assert made == [{"constant_memory": True}]
    workbook = openpyxl.load_workbook(out)
    people = workbook["People"]
    assert people.max_row == len(tables[0].rows) + 1
    assert [people.cell(row=2 + i, column=1).value for i in range(3)] == list(HOSTILE)
    assert len(workbook["Levels"]._charts) == 1


def test_xlsx_summary_leaves_the_people_sheet_out(run: Runner, tmp_path: Path) -> None:
    out = tmp_path / "summary.xlsx"
    assert run("team", str(team_roster(tmp_path)), "--summary", "-o", str(out)).code == 0
    names = openpyxl.load_workbook(out).sheetnames
    assert "People" not in names
    assert "Levels" in names


def test_xlsx_goes_down_a_pipe_but_not_to_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = str(team_roster(tmp_path))
    piped = io.BytesIO()
    stdout = io.TextIOWrapper(piped, encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["team", roster, "--format", "xlsx"]) == 0
    stdout.flush()
    assert openpyxl.load_workbook(io.BytesIO(piped.getvalue())).sheetnames[0] == "People"

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    for args in (["--format", "xlsx"], ["--format", "xlsx", "-o", "-"]):
        assert main(["team", roster, *args]) == 2
        err = capsys.readouterr().err
        assert "is a binary file and is not shown on a terminal" in err
        assert "--output report.xlsx" in err
        assert sys.stdout.getvalue() == ""


def test_xlsx_is_refused_on_a_terminal_named_as_a_file(run: Runner, tmp_path: Path) -> None:
    import os

    roster = str(team_roster(tmp_path))
    main_end, terminal = os.openpty()
    try:
        for name in (f"/dev/fd/{terminal}", os.ttyname(terminal)):
            result = run("team", roster, "--format", "xlsx", "-o", name)
            assert result.code == 2, (name, result.err)
            assert "is a binary file and is not shown on a terminal" in result.err
        # A file or a device that is no terminal takes it.
        assert run("team", roster, "--format", "xlsx", "-o", "/dev/null").code == 0
    finally:
        os.close(main_end)
        os.close(terminal)


def test_a_failed_workbook_leaves_no_file(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmo_advisor.render import xlsx

    def broken(*args: object) -> None:
        raise ValueError("the workbook could not be made")

    out = tmp_path / "report.xlsx"
    out.write_bytes(b"the old report")
    monkeypatch.setattr(xlsx, "_sheet", broken)
    assert run("team", str(team_roster(tmp_path)), "-o", str(out)).code == 1
    assert out.read_bytes() == b"the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx", "team.csv"]


@pytest.mark.parametrize(
    ("heading", "taken", "expected"),
    [
        ("Focus coverage (people per level)", set(), "Focus coverage"),
        ("Levels", {"levels"}, "Levels 2"),
        ("Seats: now/next [2026]?", set(), "Seats  now next  2026"),
        (
            "A heading much longer than any sheet name may be",
            set(),
            "A heading much longer than any",
        ),
        ("'Quoted'", set(), "Quoted"),
    ],
)
def test_sheet_names_are_ones_excel_takes(heading: str, taken: set[str], expected: str) -> None:
    name = sheet_name(heading, taken)
    assert name == expected
    assert len(name) <= 31
    assert name.casefold() in taken


def test_only_columns_of_whole_numbers_become_numbers() -> None:
    table = TeamTable("T", ("Id", "Count", "Name"), (("007", "3", "a"), ("12", "0", "5")))
    assert numeric_columns(table) == frozenset({1})


# --- html ---------------------------------------------------------------------------


def test_html_team_page_is_self_contained_with_every_table_and_chart(
    run: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out, tables = make_report(run, monkeypatch, tmp_path, "report.html")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    # Nothing to fetch: no script, no stylesheet or image from elsewhere, and links only
    # within the page.
    lowered = page.casefold()
    for forbidden in ("<script", "<link", "<img", "<iframe", "src=", "url(", "@import"):
        assert forbidden not in lowered, forbidden
    assert {link[:1] for link in re.findall(r'href="([^"]*)"', page)} == {"#"}
    assert "default-src 'none'" in page
    for table in tables:
        assert f"<h2>{table.heading}</h2>" in page
    # What the team adds up to comes first, with its charts; the table of everyone,
    # as long as the team, last.
    assert tables[0].heading == "People"
    tables = [*tables[1:], tables[0]]
    headings = re.findall(r"<h2>(.*?)</h2>", page)
    assert headings == [t.heading for t in tables]
    bodies = re.findall(r"<tbody>(.*?)</tbody>", page, re.S)
    assert [body.count("<tr>") for body in bodies] == [len(t.rows) for t in tables if t.rows]
    # Bars for the level spread and the course seats, a heat map for the focus coverage.
    charts = re.findall(r'aria-label="([^"]*): a (bar chart|heat map)"', page)
    expected = [(t.heading, "heat map" if t.bar is None else "bar chart") for t in tables]
    expected = [e for e, t in zip(expected, tables, strict=True) if t.rows and (t.bar or t.heat)]
    assert charts == expected
    assert ("Levels", "bar chart") in charts
    assert any(kind == "heat map" for _, kind in charts)


def test_html_escapes_every_name(run: Runner, tmp_path: Path) -> None:
    result = run("team", str(team_roster(tmp_path)), "--format", "html")
    assert result.code == 0, result.err
    page = result.out
    assert "<b>Bold</b>" not in page
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &#34;Co&#34;" in page
    assert "=HYPERLINK(&#34;http://x&#34;)" in page


@pytest.mark.parametrize(
    ("args", "heading"),
    [
        (["suggest", "--level", "3", "--format", "html"], "<h1>"),
        (["plan", "--from", "2", "--to", "3", "--format", "html"], "<h1>"),
        (
            [
                "assess",
                "--no-input",
                "--set",
                "years=4",
                "--set",
                "scope=programme",
                "--set",
                "activities=plan-schedule,run-raid",
                "--set",
                "team_size=0",
                "--format",
                "html",
            ],
            "<h2>Your plan</h2>",
        ),
    ],
)
def test_personal_commands_write_a_one_page_html_plan(
    run: Runner, args: list[str], heading: str
) -> None:
    result = run(*args)
    assert result.code == 0, result.err
    assert result.out.startswith("<!DOCTYPE html>")
    assert heading in result.out
    assert result.out.rstrip().endswith("</html>")
    assert "<script" not in result.out


def test_html_is_chosen_by_the_file_name(run: Runner, tmp_path: Path) -> None:
    out = tmp_path / "plan.HTML"
    assert run("plan", "--from", "1", "--to", "2", "-o", str(out)).code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # levels has no html form: its file gets the plain text, as before.
    ladder = tmp_path / "ladder.html"
    assert run("levels", "-o", str(ladder)).code == 0
    assert not ladder.read_text(encoding="utf-8").startswith("<!DOCTYPE")


def test_report_formats_are_not_loaded_by_other_formats(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Forgotten for this test (and put back after it), so that loading them shows.
    libraries = ("jinja2", "markupsafe", "xlsxwriter", "pmo_advisor.render.html")
    for name in [n for n in sys.modules if n.split(".")[0] in libraries or n in libraries]:
        monkeypatch.delitem(sys.modules, name)
    assert run("suggest", "--level", "2", "--format", "json").code == 0
    assert run("suggest", "--level", "2", "--format", "markdown").code == 0
    assert not [n for n in sys.modules if n.split(".")[0] in libraries or n in libraries]
    assert run("suggest", "--level", "2", "--format", "html").code == 0
    assert "jinja2" in sys.modules
    assert "xlsxwriter" not in sys.modules


def test_bars_are_labelled_by_their_row() -> None:
    from pmo_advisor.render.charts import bar_chart

    levels = TeamTable("Levels", ("Level", "Stage", "People"), (("1", "PMO Administrator", "2"),))
    seats = TeamTable(
        "Course seats", ("Course", "Or instead", "Now"), (("P3O Foundation", "IPMO-F", "4"),)
    )
    assert [b.label for b in bar_chart(levels, 2).bars] == ["Level 1: PMO Administrator"]
    assert [b.label for b in bar_chart(seats, 2).bars] == ["P3O Foundation"]


HR_EXPORT = Path(__file__).resolve().parents[1] / "data" / "hr_export.csv"


def test_an_hr_export_keeps_its_ids_and_columns_in_the_workbook_and_the_page(
    run: Runner, tmp_path: Path
) -> None:
    workbook_file, page_file = tmp_path / "hr.xlsx", tmp_path / "hr.html"
    for out in (workbook_file, page_file):
        result = run("team", str(HR_EXPORT), "-o", str(out))
        assert result.code == 0, result.err
    people = openpyxl.load_workbook(workbook_file)["People"]
    header = [c.value for c in people[1]]
    assert {"ID", "Department", "Line Manager"} <= set(header)
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in people.iter_rows(2)]
    same_name = [row for row in rows if row["Name"] == "Sam Patel"]
    assert sorted(row["ID"] for row in same_name) == ["E1001", "E1002"]
    assert {row["Department"] for row in same_name} == {"Finance", "Technology"}
    page = page_file.read_text(encoding="utf-8")
    for text in ('data-label="Department">Finance<', 'data-label="ID">E1001<', ">E1002<"):
        assert text in page, text


@pytest.mark.parametrize(
    ("fmt", "message"),
    [
        ("html", "--format html is for assess, suggest, plan and team"),
        ("xlsx", "--format xlsx is for the team command"),
    ],
)
def test_advert_keeps_its_own_formats(run: Runner, fmt: str, message: str) -> None:
    result = run("advert", "-", "--format", fmt, stdin=b"PMO Analyst\n")
    assert result.code == 2, result.err
    assert message in result.err
    assert "rich, plain, json, markdown, csv." in result.err
