"""Excel rosters (``.xlsx``): the first sheet, or the one named, read as a CSV roster is.

A workbook is read by python-calamine, ten times as fast as openpyxl's read-only mode
(docs/team.md gives the figures), but holding the sheet's cells while the rows are read,
about a kilobyte a row. A workbook whose sheets are larger than :data:`HELD_AT_MOST`
(some 150,000 rows) is read by openpyxl instead, a row at a time, so that memory stays
flat however large it is. Rows are numbered as Excel shows them, so that an error's
line is the row to look at. Numbers that are whole are written without ".0", TRUE and
FALSE as Yes and No, and dates as ISO dates.
"""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Hashable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pmo_advisor.errors import InputError
from pmo_advisor.roster.base import Roster, RosterRow
from pmo_advisor.roster.header import HINT, check_size
from pmo_advisor.roster.table import Table

#: The most sheet XML (uncompressed bytes, all sheets together) read by calamine, which
#: holds a sheet whole: about 100 MB of memory. Larger workbooks are streamed by openpyxl.
HELD_AT_MOST = 100_000_000


def cell_text(value: Any) -> str:
    """A cell's value as the text a CSV export of it would hold."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():  # a date, as openpyxl reads one
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return "" if value is None else str(value)


class XlsxRoster(Roster):
    """A roster in an Excel workbook: a header row, then a row per person; rows above
    the header that are empty are passed over."""

    is_workbook = True

    def __init__(self, path: Path, label: str, sheet: str | None) -> None:
        super().__init__(label)
        streamed = sheet_bytes(path) > HELD_AT_MOST
        try:
            self._book: _Book = _OpenpyxlBook(path) if streamed else _CalamineBook(path)
        except Exception as exc:  # each library's own errors, zip's and XML's
            raise InputError(
                f"{label} cannot be read as an Excel workbook: {_reason(exc)}",
                HINT + " Save it again from the spreadsheet as .xlsx, or as CSV UTF-8.",
            ) from None
        names = self._book.sheet_names()
        if sheet is None:
            if not names:
                raise InputError(f"{label} has no sheets", HINT)
            chosen = names[0]
        else:
            found = [n for n in names if n.casefold() == sheet.strip().casefold()]
            if not found:
                raise InputError(
                    f"{label} has no sheet named {sheet!r}",
                    f"Its sheets: {', '.join(repr(n) for n in names)}.",
                )
            chosen = found[0]
        self.sheet = chosen
        self.label = label if sheet is None else f"{label} (sheet {chosen})"
        try:
            self._height, values = self._book.rows(chosen)
        except Exception as exc:  # as above
            raise InputError(f"{self.label} cannot be read: {_reason(exc)}", HINT) from None
        self._done = 0
        self._rows = self._numbered(values)
        cells = list[str]()
        for cells in self._rows:
            if any(cells):
                break
        else:
            raise InputError(
                f"{self.label} is empty: a roster needs a header row and a row per person",
                HINT,
            )
        check_size(cells, self.label, self._done)
        self._table = Table(cells, self.label, self._done)
        self.answer_columns = self._table.answer_columns
        self.kept = self._table.header.kept
        self.has_ids = self._table.header.id is not None

    @property
    def line_num(self) -> int:
        """Rows read so far: both libraries yield every row from the sheet's first
        (empty ones too), so the Nth row read is Excel's row N."""
        return self._done

    def _numbered(self, rows: Iterator[Sequence[Any]]) -> Iterator[list[str]]:
        try:
            for number, values in enumerate(rows, 1):
                self._done = number
                yield [cell_text(value).strip() for value in values]
        except Exception as exc:  # a damaged sheet: each library's own errors
            raise InputError(
                f"{self.label} line {self._done + 1}: cannot be read ({_reason(exc)})", HINT
            ) from None

    def rows(self) -> Iterator[RosterRow]:
        """Each row below the header; a row that cannot be read carries its problem."""
        # Rows are numbered from the header's: the first read is the one below it.
        return self._table.rows(self._rows, self, 0)

    def raw(self, key: Hashable) -> dict[str, Any]:
        """The answers of a row from its cells (see :meth:`Table.raw`)."""
        return self._table.raw(key)

    def progress(self) -> tuple[int, int | None]:
        """Rows read so far, of the sheet's rows."""
        return self._done, self._height or None

    def close(self) -> None:
        """Let the workbook go."""
        self._book.close()


def sheet_bytes(path: Path) -> int:
    """The uncompressed size of a workbook's sheets, from its zip directory alone (0
    when it is not a zip archive: the library then says what is wrong)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(
                info.file_size
                for info in archive.infolist()
                if info.filename.startswith("xl/worksheets/")
            )
    except (zipfile.BadZipFile, OSError, ValueError):
        return 0


class _Book:
    """A workbook as the roster reads it: its sheets' names, and one sheet's rows."""

    def sheet_names(self) -> list[str]:
        raise NotImplementedError

    def rows(self, name: str) -> tuple[int, Iterator[Sequence[Any]]]:
        """The sheet's height in rows (0: not known) and its rows' values."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class _CalamineBook(_Book):
    def __init__(self, path: Path) -> None:
        from python_calamine import CalamineWorkbook

        self._book = CalamineWorkbook.from_path(str(path))

    def sheet_names(self) -> list[str]:
        return list(self._book.sheet_names)

    def rows(self, name: str) -> tuple[int, Iterator[Sequence[Any]]]:
        sheet = self._book.get_sheet_by_name(name)
        height = sheet.end[0] + 1 if sheet.end is not None else 0
        return height, iter(sheet.iter_rows())

    def close(self) -> None:
        self._book.close()


class _OpenpyxlBook(_Book):
    def __init__(self, path: Path) -> None:
        from openpyxl import load_workbook

        self._book = load_workbook(path, read_only=True, data_only=True)

    def sheet_names(self) -> list[str]:
        return list(self._book.sheetnames)

    def rows(self, name: str) -> tuple[int, Iterator[Sequence[Any]]]:
        sheet = self._book[name]
        return sheet.max_row or 0, sheet.iter_rows(values_only=True)

    def close(self) -> None:
        self._book.close()


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
