"""Plain text: the full result with no escape codes, for pipes, logs and screen readers."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

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
from pmo_advisor.render.document import lookup_rows, outline


class PlainRenderer(Renderer):
    """Headings underlined, lists with hyphens, text wrapped to the width."""

    def document(self, result: Result) -> str:
        """A result as plain text."""
        return self._document(
            outline(result, self.knowledge, full=self.options.full, more=self.options.more)
        )

    def table(self, lookups: TitleLookups) -> str:
        """One tab-separated line per title: the title, best match, levels, kind, score."""
        rows = lookup_rows(lookups, self.knowledge)
        return "".join("\t".join(cell.replace("\t", " ") for cell in row) + "\n" for row in rows)

    def team(self, report: TeamReport) -> str:
        """A team report as text tables, columns lined up."""
        from pmo_advisor.render.teamview import row_name, team_view

        view = team_view(report, self.knowledge)
        lines = self._wrap(view.headline)
        for table in view.tables:
            # Wrapped as the result's headings are: nothing is wider than the width.
            heading = self._fit(table.heading)
            lines += ["", *heading, "-" * max(columns(line) for line in heading)]
            if not table.rows:
                lines += self._wrap(table.empty)
                continue
            aligned = text_table(table)
            if max(columns(line) for line in aligned) <= self._width:
                lines += aligned
                continue
            # Too wide to line up: each row as its first cell, then the others labelled.
            for row in table.rows:
                lines += self._wrap(row_name(table, row))
                for header, cell in zip(table.headers[1:], row[1:], strict=True):
                    if cell:
                        lines += self._wrap(f"{header}: {cell}", "  ", "    ")
        return "\n".join(lines) + "\n"

    def _document(self, document: Document) -> str:
        lines = self._wrap(document.headline)
        for section in document.sections:
            # Headings are wrapped like every other line: nothing is wider than the width.
            heading = self._fit(section.heading)
            lines += ["", *heading, "-" * max(columns(line) for line in heading)]
            follows_label = True
            for block in section.blocks:
                if not follows_label:
                    lines.append("")
                lines += self._block(block)
                follows_label = isinstance(block, Label)
        return "\n".join(lines) + "\n"

    @property
    def _width(self) -> int:
        return max(self.options.width, 20)

    def _wrap(self, text: str, first: str = "", rest: str = "") -> list[str]:
        return wrap(text, self._width, first, rest)

    def _block(self, block: Block) -> list[str]:
        if isinstance(block, Paragraph | Label):
            return self._wrap(block.text)
        if isinstance(block, Bullets):
            return [line for item in block.items for line in self._wrap(item, "- ", "  ")]
        if isinstance(block, Groups):
            return [
                line
                for label, names in block.groups
                for line in self._wrap(f"{label}: {', '.join(names)}", "", "  ")
            ]
        if isinstance(block, Entries):
            lines: list[str] = []
            for entry in block.entries:
                lines += self._wrap(entry.name, "- ", "  ")
                for detail in entry.details:
                    lines += self._wrap(detail, "  ", "  ")
            return lines
        return self._ladder_lines(block)

    def _ladder_lines(self, view: LadderView) -> list[str]:
        lines = []
        for rung in view.rungs:
            pointer = ">" if rung.marker else " "
            note = f"  <- {rung.marker}" if rung.marker else ""
            lines += self._fit(f"{rung.stage}{note}", f"{pointer} {rung.number}  ", "     ")
        return lines

    def _fit(self, text: str, first: str = "", rest: str = "") -> list[str]:
        # A line laid out with its own spacing keeps it, unless it is too wide.
        if columns(first + text) <= self._width:
            return [first + text]
        return self._wrap(text, first, rest)


def text_table(table: TeamTable) -> list[str]:
    """A table as lines of text: columns padded to line up, numbers to the right."""
    rows = [table.headers, *table.rows]
    widths = [max(columns(row[i]) for row in rows) for i in range(len(table.headers))]
    numeric = [all(row[i].isdigit() for row in table.rows) for i in range(len(widths))]
    lines = []
    for index, row in enumerate(rows):
        cells = [
            _pad(cell, width, right=numeric[i] and index > 0)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return lines


def _pad(cell: str, width: int, *, right: bool) -> str:
    space = " " * (width - columns(cell))
    return space + cell if right else cell + space


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Text wrapped between words to ``width`` terminal columns, counting wide characters
    (Chinese, Japanese, emoji) as two columns and combining marks as none; a word longer
    than a line is broken.

    Each character's width is counted once: a word is broken by walking it from where
    the last piece ended, so the time grows with the text's length, not its square."""
    lines: list[str] = []
    line, used = first, columns(first)
    rest_used = columns(rest)
    empty = True
    for word in text.split():
        size = columns(word)
        space = 0 if empty else 1
        if not empty and used + space + size > width:
            lines.append(line)
            line, used, space, empty = rest, rest_used, 0, True
        start = 0
        narrow = word.isascii()  # one column a character: pieces are plain slices
        while used + space + size > width and used < width:
            # A word longer than the whole line: break it at the width.
            room = width - used - space
            if narrow:
                end, taken = start + room, room
            else:
                end, taken = _fit(word, start, room)
            lines.append(line + " " * space + word[start:end])
            line, used, space = rest, rest_used, 0
            start, size = end, size - taken
        line += " " * space + word[start:]
        used += space + size
        empty = False
    lines.append(line.rstrip() if not empty else first.rstrip())
    return lines


def columns(text: str) -> int:
    """How many terminal columns text takes."""
    if text.isascii():  # no wide characters and no combining marks
        return len(text)
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def _fit(word: str, start: int, room: int) -> tuple[int, int]:
    """Where the piece of ``word`` from ``start`` that fits in ``room`` columns ends, and
    its width: at least one character, so that breaking always moves on."""
    used = 0
    index, end = start, len(word)
    while index < end:
        size = _char_columns(word[index])
        if used + size > room:
            break
        used += size
        index += 1
    if index == start:
        return start + 1, _char_columns(word[start])
    return index, used


def _char_columns(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
