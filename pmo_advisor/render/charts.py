"""Charts of a team report's tables, laid out for drawing as inline SVG.

Only the geometry is decided here (where each bar ends, how dark each cell of a heat map
is); the html templates draw it. A table with a column of counts to draw (``bar``) gets
a bar chart of that column by the table's first; a heat-map table (``heat``) a grid whose
cells darken with their count. Everything is computed from the table's own text, so any
table a later change adds with those marks gets its chart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pmo_advisor.render.teamview import TeamTable, row_name

#: The width of a chart's drawing, in its own units (it is scaled to the page).
CHART_WIDTH = 600
#: Height of one bar's band: its label above, then the bar.
BAR_BAND = 38
#: Room kept right of the longest bar for its count.
COUNT_ROOM = 60
#: A heat map's label column and cells, in the drawing's units.
HEAT_LABEL = 210
HEAT_CELL = 64
HEAT_ROW = 26
HEAT_HEAD = 30
#: A whole number as a table shows it (no sign, no leading zero: an id such as 007 is text).
_WHOLE_NUMBER = re.compile(r"0|[1-9][0-9]{0,14}")


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its count, the top of its band and its length."""

    label: str
    value: int
    top: int
    length: float


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, each labelled above and its count at its end."""

    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int


@dataclass(frozen=True)
class HeatCell:
    """One cell of a heat map: its count, its left edge and how dark it is (0 to 1;
    None for a total, drawn without colour)."""

    value: str
    left: int
    shade: float | None


@dataclass(frozen=True)
class HeatRow:
    """One row of a heat map."""

    label: str
    top: int
    cells: tuple[HeatCell, ...]


@dataclass(frozen=True)
class HeatMap:
    """A grid of counts: a row per first-column entry, a column per count column."""

    title: str
    columns: tuple[tuple[str, int], ...]
    rows: tuple[HeatRow, ...]
    label_width: int
    cell_width: int
    width: int
    height: int


Chart = BarChart | HeatMap


def numeric_columns(table: TeamTable) -> frozenset[int]:
    """The columns every row of which holds a whole number (an id column with leading
    zeros, or any text, stays text)."""
    if not table.rows:
        return frozenset()
    columns = set(range(len(table.headers)))
    for row in table.rows:
        columns = {c for c in columns if c < len(row) and _WHOLE_NUMBER.fullmatch(row[c])}
        if not columns:
            break
    return frozenset(columns)


def chart_for(table: TeamTable) -> Chart | None:
    """The chart a table is drawn as, if any (a table without rows has none)."""
    if not table.rows:
        return None
    if table.bar is not None:
        return bar_chart(table, table.bar)
    if table.heat:
        return heat_map(table)
    return None


def _count(text: str) -> int:
    return int(text) if text.isascii() and text.isdigit() else 0


def bar_chart(table: TeamTable, column: int) -> BarChart:
    """Column ``column`` of a table as bars, labelled by each row's name; a row named by
    a number ("Level 2") has its second cell added when that is words, as a level's
    stage is ("Level 2: PMO Analyst")."""
    values = [_count(row[column]) for row in table.rows]
    longest = max(values) or 1
    room = CHART_WIDTH - COUNT_ROOM
    bars = []
    for index, (row, value) in enumerate(zip(table.rows, values, strict=True)):
        label = row_name(table, row)
        if row[0].isdigit() and len(row) > 2 and column != 1 and row[1] and not row[1].isdigit():
            label = f"{label}: {row[1]}"
        bars.append(Bar(label, value, index * BAR_BAND, room * value / longest))
    return BarChart(table.heading, tuple(bars), CHART_WIDTH, len(bars) * BAR_BAND + 4)


def heat_map(table: TeamTable) -> HeatMap:
    """The counts of a table (every column after the first) as a grid; a last column
    named Total is shown but not shaded, as it would outshine the rest."""
    headers = table.headers[1:]
    total = len(headers) - 1 if headers and headers[-1].casefold() == "total" else None
    shaded = [_count(cell) for row in table.rows for i, cell in enumerate(row[1:]) if i != total]
    darkest = max(shaded, default=0) or 1
    columns = tuple((h, HEAT_LABEL + i * HEAT_CELL) for i, h in enumerate(headers))
    rows = []
    for index, row in enumerate(table.rows):
        cells = tuple(
            HeatCell(
                cell,
                HEAT_LABEL + i * HEAT_CELL,
                None if i == total else _count(cell) / darkest,
            )
            for i, cell in enumerate(row[1 : len(headers) + 1])
        )
        rows.append(HeatRow(row[0], HEAT_HEAD + index * HEAT_ROW, cells))
    width = HEAT_LABEL + HEAT_CELL * len(headers)
    return HeatMap(
        table.heading,
        columns,
        tuple(rows),
        HEAT_LABEL,
        HEAT_CELL,
        width,
        HEAT_HEAD + HEAT_ROW * len(rows) + 2,
    )
