"""Rich: the result laid out for a terminal, with a "you are here" ladder.

Every piece of text is built as a ``rich.text.Text`` and never parsed as markup, so a
title such as ``[bold]Boss[/]`` prints exactly as it was typed.
"""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from pmo_advisor.render import Renderer

if TYPE_CHECKING:
    from pmo_advisor.listings import TitleLookups
    from pmo_advisor.render import Result
    from pmo_advisor.render.teamview import TeamTable
    from pmo_advisor.teamreport import TeamReport
from pmo_advisor.render.blocks import (
    Block,
    Bullets,
    Document,
    Entries,
    Groups,
    Label,
    LadderView,
    Paragraph,
)
from pmo_advisor.render.document import HERE, LOOKUP_HEADERS, lookup_rows, outline

_HEADING = "bold cyan"
_RULE = "cyan"
_LABEL = "bold"
_HERE = "bold green"
_ALSO = "yellow"


class RichRenderer(Renderer):
    """Headings, hanging-indent lists and a highlighted ladder, wrapped to the width."""

    def document(self, result: Result) -> str:
        """A result for the terminal."""
        return self._print(
            outline(result, self.knowledge, full=self.options.full, more=self.options.more)
        )

    def table(self, lookups: TitleLookups) -> str:
        """A table with one row per title looked up."""
        console = self._console()
        rows = lookup_rows(lookups, self.knowledge)
        if console.width < 60:
            # Too narrow for five columns: one stacked entry per title instead.
            for query, match, levels, kind, score in rows:
                console.print(Text(query, style=_LABEL))
                facts = ", ".join(
                    part for part in (f"level {levels}" if levels else "", kind, score) if part
                )
                console.print(
                    Padding(Text(f"{match}" + (f" ({facts})" if facts else "")), (0, 0, 0, 2))
                )
            return _tidy(console)
        table = Table(*LOOKUP_HEADERS, header_style=_LABEL, expand=False)
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))
        console.print(table)
        return _tidy(console)

    def team(self, report: TeamReport) -> str:
        """A team report: tables, with bars for counts and a heat map of focus coverage."""
        from pmo_advisor.render.teamview import team_view

        console = self._console()
        view = team_view(report, self.knowledge)
        console.print(Text(view.headline, style="bold"))
        for table in view.tables:
            console.print()
            console.print(_heading(table.heading, console.width))
            if not table.rows:
                console.print(Text(table.empty))
            elif _fits(table, console.width):
                console.print(_team_table(table, console.width))
            else:  # a table this narrow would cut its words short: a row at a time
                console.print(_team_rows(table))
        return _tidy(console)

    def _console(self) -> Console:
        return Console(
            file=StringIO(),
            width=max(self.options.width, 20),
            force_terminal=self.options.color,
            color_system="standard" if self.options.color else None,
            no_color=not self.options.color,
            markup=False,
            emoji=False,
            highlight=False,
            legacy_windows=False,
        )

    def _print(self, document: Document) -> str:
        console = self._console()
        console.print(Text(document.headline, style="bold"))
        for section in document.sections:
            console.print()
            console.print(_heading(section.heading, console.width))
            follows_label = True
            for block in section.blocks:
                if not follows_label:
                    console.print()
                console.print(_renderable(block))
                follows_label = isinstance(block, Label)
        return _tidy(console)


def _heading(text: str, width: int) -> Text:
    # The rule keeps headings visible where colour and bold are not shown.
    heading = Text(text, style=_HEADING)
    heading.append("\n" + "─" * min(len(text), width), style=_RULE)
    return heading


def _tidy(console: Console) -> str:
    # Tables pad every line to the full width; trailing blanks only get in the way.
    text = cast(StringIO, console.file).getvalue()
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def _renderable(block: Block) -> RenderableType:
    if isinstance(block, Paragraph):
        return Text(block.text)
    if isinstance(block, Label):
        return Text(block.text, style=_LABEL)
    if isinstance(block, Bullets):
        return _hanging("•", [Text(item) for item in block.items])
    if isinstance(block, Groups):
        parts: list[RenderableType] = []
        for label, names in block.groups:
            parts.append(Text(label, style=_LABEL))
            parts.append(Padding(Text(", ".join(names)), (0, 0, 0, 2)))
        return Group(*parts)
    if isinstance(block, Entries):
        parts = []
        for entry in block.entries:
            parts.append(_hanging("•", [Text(entry.name, style=_LABEL)]))
            parts += [Padding(Text(detail), (0, 0, 0, 2)) for detail in entry.details]
        return Group(*parts)
    return _ladder(block)


def _hanging(mark: str, items: list[Text]) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row(mark, item)
    return grid


def _ladder(view: LadderView) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(overflow="fold")
    for rung in view.rungs:
        style = _HERE if rung.marker == HERE else (_ALSO if rung.marker else "")
        stage = Text(rung.stage, style=style)
        if rung.marker:
            stage.append(f"  ◀ {rung.marker}", style=style)
        grid.add_row(Text("▶" if rung.marker else " ", style=style), str(rung.number), stage)
    return grid


_BAR_WIDTH = 20
_HEAT = ("dim", "yellow", "green", "bold green")


def _team_table(table: TeamTable, width: int) -> Table:
    grid = Table(header_style=_LABEL, expand=False)
    numeric = [
        i > 0 and all(row[i].isdigit() for row in table.rows) for i in range(len(table.headers))
    ]
    widths = _widths(table, width)
    for index, header in enumerate(table.headers):
        # Widths are set here, not left to rich, whose narrowing of a wide table may
        # cut words short; fold, never an ellipsis, should a word still not fit.
        grid.add_column(
            header,
            justify="right" if numeric[index] else "left",
            overflow="fold",
            width=widths[index],
        )
        if index == table.bar:
            grid.add_column("", no_wrap=True)
    top = (
        max((int(row[table.bar]) for row in table.rows), default=0) if table.bar is not None else 0
    )
    heat_top = max(
        (int(cell) for row in table.rows for cell in row[1:-1] if cell.isdigit()), default=0
    )
    for row in table.rows:
        cells: list[Text] = []
        for index, cell in enumerate(row):
            style = ""
            if table.heat and 0 < index < len(row) - 1 and cell.isdigit():
                style = _heat(int(cell), heat_top)
            cells.append(Text(cell, style=style))
            if index == table.bar:
                length = round(_BAR_WIDTH * int(cell) / top) if top else 0
                if int(cell) and not length:
                    length = 1  # anyone at all shows
                cells.append(Text("█" * length, style=_RULE))
        grid.add_row(*cells)
    return grid


def _fits(table: TeamTable, width: int) -> bool:
    """Whether the table fits the width with no word cut short: each column as wide as
    its longest word (in terminal cells: a CJK character takes two), plus the borders
    and padding rich draws."""
    longest = [_longest_word(table, i) for i in range(len(table.headers))]
    bar = _BAR_WIDTH + 3 if table.bar is not None else 0
    return sum(longest) + 3 * len(longest) + 1 + bar <= width


def _widths(table: TeamTable, width: int) -> list[int]:
    """Each column's width within ``width``: as wide as its widest cell where they all
    fit; else its longest word, and the room left shared out by how much more each
    column's cells would take."""
    count = len(table.headers)
    room = width - 3 * count - 1 - (_BAR_WIDTH + 3 if table.bar is not None else 0)
    natural = [max(cell_len(row[i]) for row in (table.headers, *table.rows)) for i in range(count)]
    if sum(natural) <= room:
        return natural
    least = [_longest_word(table, i) for i in range(count)]
    spare = max(room - sum(least), 0)
    wanted = [n - m for n, m in zip(natural, least, strict=True)]
    total = sum(wanted) or 1
    return [m + spare * w // total for m, w in zip(least, wanted, strict=True)]


def _longest_word(table: TeamTable, column: int) -> int:
    """The terminal cells the longest word of a column takes (a CJK character two)."""
    return max(
        cell_len(word)
        for row in (table.headers, *table.rows)
        for word in row[column].split() or [""]
    )


def _team_rows(table: TeamTable) -> Group:
    """A table too wide for the terminal, as the plain format shows it: each row's first
    cell, then its other cells labelled with their headers."""
    parts: list[RenderableType] = []
    from pmo_advisor.render.teamview import row_name

    for row in table.rows:
        parts.append(Text(row_name(table, row), style=_LABEL))
        cells = Table.grid(padding=(0, 1))
        cells.add_column(no_wrap=True, style=_LABEL)
        cells.add_column(overflow="fold")  # each value wraps under its own start
        for header, cell in zip(table.headers[1:], row[1:], strict=True):
            if cell:
                cells.add_row(Text(f"{header}:"), Text(cell))
        parts.append(Padding(cells, (0, 0, 0, 2)))
    return Group(*parts)


def _heat(value: int, top: int) -> str:
    if not value or not top:
        return _HEAT[0]
    return _HEAT[min(len(_HEAT) - 1, 1 + (len(_HEAT) - 1) * value * 2 // (top * 2 + 1))]
