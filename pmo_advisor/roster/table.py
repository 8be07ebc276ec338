"""Rows of a roster laid out as a table (a CSV file or a spreadsheet's sheet): each row
turned into a :class:`~pmo_advisor.roster.RosterRow` by what its header says the columns
hold.

A row is handed on as the tuple of its answer cells (its Yes/No cells included), which
doubles as the key under which identical answers are assessed only once; the raw
answers are built from the key only when it is first seen. The name, the id and the
kept columns are the person's own and are not part of the key.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from operator import itemgetter
from typing import Any, Protocol

from pmo_advisor.errors import InputError
from pmo_advisor.roster.base import RosterRow
from pmo_advisor.roster.header import Header, read_header
from pmo_advisor.safetext import quoted

#: What a Yes/No cell may say, compared in lower case; an empty cell is No.
YES = frozenset({"yes", "y", "true", "x", "1", "\N{CHECK MARK}", "\N{HEAVY CHECK MARK}"})
NO = frozenset({"no", "n", "false", "0", "", "-"})


class LineCounter(Protocol):
    """What counts the lines read: a CSV reader, or a workbook's rows."""

    @property
    def line_num(self) -> int: ...


class Table:
    """How a table roster's rows are read, once its header row is known."""

    def __init__(self, cells: list[str], label: str, line: int) -> None:
        self.header: Header = read_header(cells, label, line)
        header = self.header
        #: The answers key of each answer cell in a row's key, in order.
        self.answer_columns = tuple(key for key, _ in header.answers)
        indices = [i for _, i in header.answers] + [i for *_, i in header.flags]
        picker = itemgetter(*indices) if indices else (lambda row: ())
        # itemgetter of one index returns the cell itself, not a tuple of one.
        self.key: Callable[[list[str]], tuple[str, ...]] = (
            (lambda row: (picker(row),)) if len(indices) == 1 else picker  # type: ignore[assignment,return-value]
        )
        if len(header.name) == 1:
            self.name: Callable[[list[str]], str] = itemgetter(header.name[0])
        else:
            first, last = header.name
            self.name = lambda row: f"{row[first].strip()} {row[last].strip()}"

    def rows(
        self,
        rows: Iterable[list[str]],
        counter: LineCounter,
        offset: int,
        failed: Callable[[Exception, int], InputError] | None = None,
        catch: tuple[type[Exception], ...] = (),
    ) -> Iterator[RosterRow]:
        """Each row that is not blank, with its line (or spreadsheet row) number; a row
        that cannot be read carries its problem.

        ``counter.line_num`` is how many lines ``rows`` has read so far (as a CSV
        reader counts them: a row with line breaks in its cells spans several); a row's
        line is ``offset`` plus the line after those read before it. ``failed`` turns an
        error of the kinds in ``catch``, raised reading ``rows``, into the message for
        the line reading stopped at. All of it is done in this one loop: it is the one cost of
        every row, and each generator in between would add a fifth to it.
        """
        header = self.header
        width, blank, name_of, key_of = header.width, header.blank, self.name, self.key
        id_index = header.id
        extra = header.extra
        read = counter.line_num
        try:
            for row in rows:
                line = offset + read + 1
                read = counter.line_num
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                if len(row) != width:
                    if len(row) > width and any(c.strip() for c in row[width:]):
                        problem = f"has {len(row)} cells, but the header has {width}"
                        yield RosterRow(line, None, "", None, None, problem)
                        continue
                    row = row[:width] + [""] * (width - len(row))
                name = name_of(row).strip()
                # A row of bare separators (",,,," as spreadsheets export the rows below
                # a table) is a blank row. Only a nameless row is looked at, so rows with
                # a name cost nothing more.
                if not name and not any(cell.strip() for cell in row):
                    continue
                if blank and any(row[i].strip() for i in blank):
                    problem = "has a value under a column with no header"
                    yield RosterRow(line, None, "", None, None, problem)
                    continue
                if id_index is None and not extra:
                    yield RosterRow(line, None, name, key_of(row))
                    continue
                yield RosterRow(
                    line,
                    None,
                    name,
                    key_of(row),
                    id=(row[id_index].strip() or None) if id_index is not None else None,
                    extra=tuple((spelt, row[i].strip()) for spelt, i in extra),
                )
        except catch as exc:
            assert failed is not None, "what is caught is worded"
            raise failed(exc, offset + read + 1) from None

    def raw(self, key: Hashable) -> dict[str, Any]:
        """The answers of a row from its cells: empty cells are not given; a list cell
        is passed on as written, for the answers' check to split into items; each Yes
        under a Yes/No column adds its item to the list it belongs to."""
        raw: dict[str, Any] = {}
        assert isinstance(key, tuple)
        count = len(self.answer_columns)
        for column, cell in zip(self.answer_columns, key[:count], strict=True):
            cell = cell.strip()
            if cell:
                raw[column] = cell
        problems = []
        for (answer, item, spelt, _), cell in zip(self.header.flags, key[count:], strict=True):
            said = cell.strip().casefold()
            if said in YES:
                given = raw.get(answer)
                raw[answer] = [item] if given is None else [*_as_list(given), item]
            elif said not in NO:
                shown = quoted(cell.strip()[:40])
                problems.append(f"  {spelt}: {shown} is neither Yes nor No")
        if problems:
            raise InputError("invalid answers in the row:\n" + "\n".join(problems))
        return raw


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value
