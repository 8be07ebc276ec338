"""xlsx: a team report as an Excel workbook, a sheet per table of the report.

Every table of :func:`pmo_advisor.render.teamview.team_view` becomes a sheet of its own,
whatever tables the view holds: a frozen header row, filters on, column widths that fit
the text, whole numbers stored as numbers. A table with a column of counts to draw
(``bar``: the level spread, the course seats) gets a native Excel chart beside it, and
a heat-map table (focus coverage) a colour scale. XlsxWriter writes a large team's
workbook in its constant-memory mode: each row goes to a temporary file as it is
written, so the workbook is not held in memory (its charts then have no cached values:
Excel and LibreOffice draw them from the cells). Every cell is written as a string or a number,
never as a formula, so no text from a roster can run in a spreadsheet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

from pmo_advisor.render import Renderer
from pmo_advisor.render.charts import numeric_columns

if TYPE_CHECKING:
    from pmo_advisor.listings import TitleLookups
    from pmo_advisor.render import Result
    from pmo_advisor.render.teamview import TeamTable
    from pmo_advisor.teamreport import TeamReport

#: Excel's limit on a sheet name's length, and the characters a sheet name cannot hold.
SHEET_NAME_LENGTH = 31
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
#: Rows read to size the columns: enough to see the text's shape, not a whole roster.
ROWS_MEASURED = 2000
#: The widest a column is made (in characters); longer text wraps.
WIDEST_COLUMN = 60
#: Rows (over all the tables) from which a workbook is written in constant memory.
LARGE_TEAM_ROWS = 5000
#: Categories above which a chart's bars lie down, so that long names stay readable.
UPRIGHT_BARS = 8


class XlsxRenderer(Renderer):
    """A workbook for team reports; other results have no xlsx form."""

    binary = True

    def document(self, result: Result) -> str:
        """Not available: only ``team`` takes --format xlsx."""
        raise TypeError("xlsx output is only made for team reports")

    def table(self, lookups: TitleLookups) -> str:
        """Not available, as for :meth:`document`."""
        raise TypeError("xlsx output is only made for team reports")

    def team(self, report: TeamReport) -> str:
        """Not available as text: a workbook is bytes (see :meth:`team_binary`)."""
        raise TypeError("an xlsx workbook is binary: use team_binary()")

    def team_binary(self, report: TeamReport, stream: BinaryIO) -> None:
        """The workbook: a sheet per table of the report, in the report's order."""
        import xlsxwriter

        from pmo_advisor.render.teamview import team_view

        view = team_view(report, self.knowledge)
        # A large team's rows are written out as they come (strings inline, no table of
        # shared strings held for the whole workbook); a smaller one's are kept until the
        # end, so that its charts carry their values for viewers that do not work them
        # out from the cells.
        large = sum(len(table.rows) for table in view.tables) > LARGE_TEAM_ROWS
        workbook = xlsxwriter.Workbook(stream, {"constant_memory": large})
        workbook.set_properties({"title": "PMO team report", "subject": view.headline})
        styles = _Styles(workbook)
        names: set[str] = set()
        for table in view.tables:
            _sheet(workbook, styles, sheet_name(table.heading, names), table)
        workbook.close()


class _Styles:
    """The cell formats a workbook shares."""

    def __init__(self, workbook: Any) -> None:
        self.header = workbook.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDE7F0"}
        )
        self.text = workbook.add_format({"valign": "top"})
        self.wrapped = workbook.add_format({"valign": "top", "text_wrap": True})
        self.note = workbook.add_format({"italic": True})


def sheet_name(heading: str, taken: set[str]) -> str:
    """A table's heading as a sheet name Excel takes: without a note in brackets ("Focus
    coverage (people per level)" is "Focus coverage"), without the characters sheet names
    cannot hold, at most 31 characters, and different from the names in ``taken`` (to
    which it is added)."""
    name = re.sub(r"\s*\(.*\)\s*$", "", heading) or heading
    name = _NOT_IN_SHEET_NAME.sub(" ", name).strip(" '")[:SHEET_NAME_LENGTH].rstrip(" '")
    name = name or "Sheet"
    base, count = name, 1
    while name.casefold() in taken:
        count += 1
        suffix = f" {count}"
        name = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix
    taken.add(name.casefold())
    return name


def column_widths(table: TeamTable) -> list[int]:
    """Each column's width in characters: its longest text among the header and the
    first rows, within :data:`WIDEST_COLUMN`."""
    widths = [max((len(word) for word in header.split()), default=0) for header in table.headers]
    for row in table.rows[:ROWS_MEASURED]:
        for column, cell in enumerate(row[: len(widths)]):
            widths[column] = max(widths[column], len(cell))
    return [min(max(width, 4) + 2, WIDEST_COLUMN) for width in widths]


def _sheet(workbook: Any, styles: _Styles, name: str, table: TeamTable) -> None:
    sheet = workbook.add_worksheet(name)
    widths = column_widths(table)
    # Whole numbers are stored as numbers, so that they sum and sort.
    numbers = numeric_columns(table)
    for column, width in enumerate(widths):
        wraps = width >= WIDEST_COLUMN
        sheet.set_column(column, column, width, styles.wrapped if wraps else styles.text)
    for column, header in enumerate(table.headers):
        sheet.write_string(0, column, header, styles.header)
    sheet.freeze_panes(1, 0)
    # Printed: landscape, as wide as one page, the header row on every page.
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    last_column = len(table.headers) - 1
    if not table.rows:
        sheet.autofilter(0, 0, 0, last_column)
        if table.empty:
            sheet.write_string(1, 0, table.empty, styles.note)
        return
    sheet.autofilter(0, 0, len(table.rows), last_column)
    for row_number, row in enumerate(table.rows, start=1):
        for column, cell in enumerate(row[: len(table.headers)]):
            if column in numbers:
                sheet.write_number(row_number, column, int(cell))
            elif cell:
                # write_string, never write(): text that looks like a formula stays text.
                sheet.write_string(row_number, column, cell)
    if table.bar is not None and table.bar in numbers:
        _chart(workbook, sheet, name, table, widths)
    if table.heat:
        counts = sorted(numbers - {0, last_column})  # the total would outshine the rest
        if counts:
            sheet.conditional_format(
                1, counts[0], len(table.rows), counts[-1], {"type": "2_color_scale"}
            )


def _chart(workbook: Any, sheet: Any, name: str, table: TeamTable, widths: Sequence[int]) -> None:
    """A bar chart of the table's ``bar`` column by its first, beside the table."""
    assert table.bar is not None
    lying = len(table.rows) > UPRIGHT_BARS
    chart = workbook.add_chart({"type": "bar" if lying else "column"})
    last = len(table.rows)
    chart.add_series(
        {
            "name": table.headers[table.bar],
            "categories": [name, 1, 0, last, 0],
            "values": [name, 1, table.bar, last, table.bar],
            "data_labels": {"value": True},
        }
    )
    chart.set_title({"name": table.heading})
    chart.set_legend({"none": True})
    category_axis = {"name": table.headers[0]}
    value_axis = {"name": table.headers[table.bar], "major_gridlines": {"visible": True}}
    if lying:
        # The first row at the top, as in the table.
        chart.set_y_axis({**category_axis, "reverse": True})
        chart.set_x_axis(value_axis)
    else:
        chart.set_x_axis(category_axis)
        chart.set_y_axis(value_axis)
    chart.set_size({"width": 640, "height": max(300, 60 + 22 * last) if lying else 320})
    sheet.insert_chart(1, len(widths) + 1, chart)
