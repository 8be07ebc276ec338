"""Excel rosters (``.xlsx``): the first sheet, or the one named, read as a CSV roster is.

The workbook is read by python-calamine, ten times as fast as openpyxl's read-only mode
(docs/team.md gives the figures); it holds the sheet's cells while the rows are read,
about a kilobyte a row. Rows are numbered as Excel shows them, so that an error's line
is the row to look at. Numbers that are whole are written without ".0", TRUE and FALSE
as Yes and No, and dates as ISO dates.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterator
from pathlib import Path
from typing import Any

from pmo_advisor.errors import InputError
from pmo_advisor.roster.base import Roster, RosterRow
from pmo_advisor.roster.header import HINT, check_size
from pmo_advisor.roster.table import Table

#: The first bytes of a zip archive, as every .xlsx file is.
ZIP_MAGIC = b"PK\x03\x04"


def cell_text(value: Any) -> str:
    """A cell's value as the text a CSV export of it would hold."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
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
        from python_calamine import CalamineError, CalamineWorkbook

        try:
            self._book = CalamineWorkbook.from_path(str(path))
        except (CalamineError, OSError, ValueError) as exc:
            raise InputError(
                f"{label} cannot be read as an Excel workbook: {_reason(exc)}",
                HINT + " Save it again from the spreadsheet as .xlsx, or as CSV UTF-8.",
            ) from None
        names = list(self._book.sheet_names)
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
            loaded = self._book.get_sheet_by_name(chosen)
        except (CalamineError, ValueError) as exc:
            raise InputError(f"{self.label} cannot be read: {_reason(exc)}", HINT) from None
        self._height = loaded.end[0] + 1 if loaded.end is not None else 0
        self._done = 0
        self._rows = self._numbered(loaded.iter_rows())
        number, cells = 0, list[str]()
        for number, cells in self._rows:  # noqa: B007 - the header row, once found
            if any(cells):
                break
        else:
            raise InputError(
                f"{self.label} is empty: a roster needs a header row and a row per person",
                HINT,
            )
        check_size(cells, self.label, number)
        self._table = Table(cells, self.label, number)
        self.answer_columns = self._table.answer_columns
        self.kept = self._table.header.kept
        self.has_ids = self._table.header.id is not None

    def _numbered(self, rows: Iterator[list[Any]]) -> Iterator[tuple[int, list[str]]]:
        # calamine yields every row from the sheet's first, so the Nth is Excel's row N.
        for number, values in enumerate(rows, 1):
            self._done = number
            yield number, [cell_text(value).strip() for value in values]

    def rows(self) -> Iterator[RosterRow]:
        """Each row below the header; a row that cannot be read carries its problem."""
        return self._table.rows(self._rows)

    def raw(self, key: Hashable) -> dict[str, Any]:
        """The answers of a row from its cells (see :meth:`Table.raw`)."""
        return self._table.raw(key)

    def progress(self) -> tuple[int, int | None]:
        """Rows read so far, of the sheet's rows."""
        return self._done, self._height or None

    def close(self) -> None:
        """Let the workbook go."""
        self._book.close()


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
