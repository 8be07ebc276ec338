"""CSV and TSV rosters: a header row, then a row per person, read as a stream."""

from __future__ import annotations

import csv
from collections.abc import Hashable, Iterator
from typing import Any, BinaryIO

from pmo_advisor.errors import InputError
from pmo_advisor.roster.base import FileRoster, RosterRow
from pmo_advisor.roster.header import HINT, MAX_HEADER, check_size
from pmo_advisor.roster.table import Table

#: The csv module's messages, as a person would put them.
_CSV_PROBLEMS = {
    "field larger than field limit": (
        f"a cell is longer than {csv.field_size_limit():,} characters, more than any answer"
    ),
    "unexpected end of data": "a quoted cell is never closed: a quote mark is missing",
    "new-line character seen in unquoted field": "a line break sits inside an unquoted cell",
}


def _csv_problem(exc: csv.Error) -> str:
    text = str(exc)
    return next((said for start, said in _CSV_PROBLEMS.items() if text.startswith(start)), text)


class CsvRoster(FileRoster):
    """A CSV or TSV roster with a header row. The delimiter (comma, semicolon or tab) is
    the one the header uses most, as spreadsheets in different locales export them."""

    def __init__(
        self,
        label: str,
        binary: BinaryIO,
        header: str,
        text: Iterator[str],
        skipped: int,
        total: int | None,
    ) -> None:
        super().__init__(label, binary, total)
        self._text = text
        self._header_line = skipped + 1
        if len(header) > MAX_HEADER:
            # Refused before splitting it: a line cut at MAX_LINE would otherwise pass
            # for a whole header, and each of its cells be looked up as a column name.
            raise InputError(
                f"{label} line {self._header_line}: the header row is longer than"
                f" {MAX_HEADER:,} characters, more than any roster's",
                HINT,
            )
        counts = {sep: header.count(sep) for sep in ("\t", ",", ";")}
        self.delimiter = max(counts, key=lambda sep: counts[sep])
        try:
            cells = next(csv.reader([header], delimiter=self.delimiter))
        except (csv.Error, StopIteration):
            cells = []
        check_size(cells, label, self._header_line)
        self._table = Table(cells, label, self._header_line)
        self.answer_columns = self._table.answer_columns
        self.kept = self._table.header.kept
        self.has_ids = self._table.header.id is not None

    def rows(self) -> Iterator[RosterRow]:
        """Each row; a row that cannot be read carries its problem."""
        # strict: a quote that never closes is an error, not the rest of the file read
        # into one cell (which would drop every later person without a word).
        reader = csv.reader(self._text, delimiter=self.delimiter, strict=True)
        catch = (csv.Error, UnicodeDecodeError)
        return self._table.rows(reader, reader, self._header_line, self._failed, catch)

    def _failed(self, exc: Exception, line: int) -> InputError:
        if isinstance(exc, UnicodeDecodeError):
            return InputError(
                f"{self.label} line {line}: not UTF-8 text",
                "Save the roster as UTF-8 (CSV UTF-8 in a spreadsheet's Save As).",
            )
        assert isinstance(exc, csv.Error)
        return InputError(
            f"{self.label} line {line}: cannot be read as CSV ({_csv_problem(exc)})", HINT
        )

    def raw(self, key: Hashable) -> dict[str, Any]:
        """The answers of a row from its cells (see :meth:`Table.raw`)."""
        return self._table.raw(key)
