"""Reading rosters: many people's answers from one CSV/TSV file, JSON Lines file,
directory of answers files, or standard input.

Rows are streamed, never read into memory all at once, so a roster of a million people
costs no more memory than one of ten. A CSV row is handed on as the tuple of its answer
cells, which doubles as the key under which identical answers are assessed only once;
the raw answers are built from the key only when it is first seen. Nothing of a roster
is cached or written anywhere.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import re
import stat
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, BinaryIO

from pmo_advisor.answers.model import BY_ID, ROSTER_HEADERS
from pmo_advisor.errors import InputError
from pmo_advisor.prose import split_list
from pmo_advisor.safetext import quoted

#: The column (or JSON key) holding each person's name.
NAME = "name"
#: Answers files a directory roster reads.
ANSWERS_SUFFIXES = (".yaml", ".yml", ".json")
#: Longest JSON Lines line read, as for an answers file.
MAX_LINE = 1_000_000
#: A line longer than this is no roster's: reading stops instead of passing over it.
RUNAWAY_LINE = 64 * MAX_LINE
#: The longest CSV header row, in characters, and the most columns it may name: a
#: roster has a dozen. Checked before the header is split or its names looked up.
MAX_HEADER = 64 * 1024
MAX_COLUMNS = 1_000

_HINT = (
    "A roster is a CSV or TSV file with a header row (name, years, scope, activities, ...),"
    " a JSON Lines file with one answers object per line, or a directory of answers files."
    " See docs/team.md in the documentation."
)


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One person's row, as read: where it is, the name, and the answers.

    ``key`` identifies the answers (identical answers share it; None: do not reuse);
    ``raw`` is the answers mapping, or None when :meth:`Roster.raw` builds it from the
    key. ``problem`` is set when the row could not be read at all.
    """

    line: int | None
    file: str | None
    name: str
    key: Hashable | None
    raw: dict[str, Any] | None = None
    problem: str | None = None


class Roster:
    """A roster being read: its rows, once, and how far through it reading is."""

    #: What one person's answers are called in messages about them.
    unit = "the row"

    def __init__(self, label: str) -> None:
        self.label = label

    def rows(self) -> Iterator[RosterRow]:
        """Each row in turn (a directory: each answers file)."""
        raise NotImplementedError

    def raw(self, key: Hashable) -> dict[str, Any]:
        """The raw answers of a row whose ``raw`` was left out."""
        raise NotImplementedError

    def progress(self) -> tuple[int, int | None]:
        """How much has been read, and of how much (None: not known)."""
        return 0, None

    def close(self) -> None:
        """Release the file behind the roster."""


def open_roster(source: str, stdin: BinaryIO | None) -> Roster:
    """The roster at ``source``: a file, a directory, or ``-`` for standard input.

    Raises InputError when it cannot be read or is not a roster at all.
    """
    from pmo_advisor.files import FileRefused, descriptor_named, open_file

    # /dev/stdin and /dev/fd/0 are standard input by another name, refused alike on a
    # terminal, where the run would wait for typing without a word.
    if source == "-" or descriptor_named(source) == 0:
        if stdin is None:
            raise InputError(f"the roster {source} is standard input, but it is closed", _HINT)
        if stdin.isatty():
            raise InputError(
                f"the roster {source} reads standard input, but standard input is a terminal",
                "Pipe it in: pmo-advisor team - < roster.csv",
            )
        return _text_roster(stdin, "standard input", None)
    if not source:
        raise InputError("team needs a roster", "For example: pmo-advisor team roster.csv")
    path = Path(source)
    try:
        if path.is_dir():
            return DirectoryRoster(path)
        # Without blocking at the open: a named pipe with no writer reads as empty.
        handle = open_file(path, "roster")
    except FileRefused as exc:
        if exc.problem == "does not exist":
            exc.hint = "Check the path, or use - for standard input."
        raise
    try:
        status = os.fstat(handle.fileno())
        # Only a regular file has a size worth showing progress against.
        total = status.st_size if stat.S_ISREG(status.st_mode) else None
        return _text_roster(handle, source, total)
    except BaseException:
        handle.close()
        raise


def _text_roster(binary: BinaryIO, label: str, total: int | None) -> Roster:
    """A CSV/TSV or JSON Lines roster, told apart by its first line that is not blank."""
    text = _bounded_lines(io.TextIOWrapper(binary, encoding="utf-8-sig", newline=""), label)
    skipped = 0
    try:
        for first in text:
            if first.strip():
                break
            skipped += 1
        else:
            raise InputError(
                f"{label} is empty: a roster needs a header row and a row per person", _HINT
            )
    except UnicodeDecodeError:
        raise InputError(f"{label} is not a roster: it is not UTF-8 text", _HINT) from None
    start = first.lstrip()
    if start.startswith("{"):
        return JsonLinesRoster(label, binary, itertools.chain([first], text), skipped, total)
    if start.startswith("["):
        raise InputError(
            f"{label} is not a roster: it holds a JSON array, not one object per line",
            _HINT,
        )
    return CsvRoster(label, binary, first, text, skipped, total)


def _bounded_lines(text: IO[str], label: str) -> Iterator[str]:
    """The lines of a text, none read whole if longer than MAX_LINE characters: such a
    line comes cut short, without its end, and the rest of it is passed over unread into
    memory. A line that runs on past RUNAWAY_LINE characters (a device such as /dev/zero,
    a binary stream) stops the run rather than being read for ever."""
    while True:
        line = text.readline(MAX_LINE + 1)
        if not line:
            return
        if len(line) > MAX_LINE and not line.endswith("\n"):
            passed = len(line)
            while True:
                rest = text.readline(MAX_LINE)
                passed += len(rest)
                if not rest or rest.endswith("\n"):
                    break
                if passed > RUNAWAY_LINE:
                    raise InputError(
                        f"{label} is not a roster: a line runs on for more than"
                        f" {RUNAWAY_LINE:,} characters without ending",
                        _HINT,
                    )
        yield line


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


def _normal(header: str) -> str:
    """A header as compared: without regard to case, spaces and hyphens as underscores,
    and an answers key's other headers as the key itself."""
    name = re.sub(r"[\s-]+", "_", header.strip().casefold())
    return ROSTER_HEADERS.get(name, name)


class _FileRoster(Roster):
    """A roster read from one file (or standard input) as a stream of text."""

    def __init__(self, label: str, binary: BinaryIO, total: int | None) -> None:
        super().__init__(label)
        self._binary = binary
        self._total = total

    def progress(self) -> tuple[int, int | None]:
        """Bytes read so far, of the file's size."""
        try:
            return self._binary.tell(), self._total
        except (OSError, ValueError):
            return 0, None

    def close(self) -> None:
        """Close the file."""
        self._binary.close()


class CsvRoster(_FileRoster):
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
                _HINT,
            )
        counts = {sep: header.count(sep) for sep in ("\t", ",", ";")}
        self.delimiter = max(counts, key=lambda sep: counts[sep])
        try:
            cells = next(csv.reader([header], delimiter=self.delimiter))
        except (csv.Error, StopIteration):
            cells = []
        if len(cells) > MAX_COLUMNS:
            raise InputError(
                f"{label} line {self._header_line}: the header row has {len(cells):,}"
                f" columns, more than the {MAX_COLUMNS:,} a roster may have",
                _HINT,
            )
        _, name_index, self._blank = self._read_header(cells)
        self._width = len(cells)
        self._name = itemgetter(name_index)
        indices = [i for i, column in enumerate(cells) if _normal(column) in BY_ID]
        self.answer_columns = tuple(_normal(cells[i]) for i in indices)
        picker = itemgetter(*indices) if indices else (lambda row: ())
        # itemgetter of one index returns the cell itself, not a tuple of one.
        self._key: Callable[[list[str]], tuple[str, ...]] = (
            (lambda row: (picker(row),)) if len(indices) == 1 else picker  # type: ignore[assignment,return-value]
        )

    def _read_header(self, cells: list[str]) -> tuple[tuple[str, ...], int, list[int]]:
        from pmo_advisor.nearest import did_you_mean

        known = (NAME, *ROSTER_HEADERS)
        names = [_normal(cell) for cell in cells]
        unknown = [(cell, did_you_mean(n, known)) for cell, n in zip(cells, names, strict=True)]
        unknown = [
            (cell, near) for cell, near in unknown if cell.strip() and _normal(cell) not in known
        ]
        one_unknown = len(cells) == 1 and names[0] not in known
        if one_unknown or (
            not any(n in known for n in names) and not any(near for _, near in unknown)
        ):
            shown = cells[0] if cells else ""
            shown = shown if len(shown) <= 40 else shown[:37] + "..."
            raise InputError(
                f"{self.label} is not a roster: its first line ({quoted(shown)}...) is not a"
                " header naming the roster's columns",
                _HINT + " One person's answers file goes to 'pmo-advisor assess --answers'.",
            )
        if unknown:
            problems = [
                f"  unknown column {quoted(cell[:60])}"
                + (f"; did you mean {near!r}?" if near else "")
                for cell, near in unknown[:20]
            ]
            if len(unknown) > 20:
                problems.append(f"  ... and {len(unknown) - 20} more")
            raise InputError(
                f"{self.label} line {self._header_line}: the header has columns pmo-advisor"
                " does not know:\n" + "\n".join(problems),
                f"Columns: {', '.join(known)} (in any order and case).",
            )
        seen: set[str] = set()
        for n in names:
            if n and n in seen:
                raise InputError(
                    f"{self.label} line {self._header_line}: the column {n!r} appears twice",
                    "Keep one column per answer.",
                )
            seen.add(n)
        if NAME not in names:
            raise InputError(
                f"{self.label} has no name column",
                "Add a 'name' column: the report lists each person by name.",
            )
        blank = [i for i, n in enumerate(names) if not n]
        return tuple(n for n in names if n), names.index(NAME), blank

    def rows(self) -> Iterator[RosterRow]:
        """Each row; a row that cannot be read carries its problem."""
        # strict: a quote that never closes is an error, not the rest of the file read
        # into one cell (which would drop every later person without a word).
        reader = csv.reader(self._text, delimiter=self.delimiter, strict=True)
        width, blank, name_of, key_of = self._width, self._blank, self._name, self._key
        done = self._header_line  # lines read so far, the header's included
        try:
            for row in reader:
                line, done = done + 1, self._header_line + reader.line_num
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
                # a table) is a blank row. Only a nameless row is looked at, so rows
                # with a name cost nothing more.
                if not name and not any(cell.strip() for cell in row):
                    continue
                if blank and any(row[i].strip() for i in blank):
                    problem = "has a value under a column with no header"
                    yield RosterRow(line, None, "", None, None, problem)
                    continue
                yield RosterRow(line, None, name, key_of(row))
        except csv.Error as exc:
            raise InputError(
                f"{self.label} line {done + 1}: cannot be read as CSV ({_csv_problem(exc)})",
                _HINT,
            ) from None
        except UnicodeDecodeError:
            raise InputError(
                f"{self.label} line {done + 1}: not UTF-8 text",
                "Save the roster as UTF-8 (CSV UTF-8 in a spreadsheet's Save As).",
            ) from None

    def raw(self, key: Hashable) -> dict[str, Any]:
        """The answers of a row from its cells: empty cells are not given, list cells are
        split on commas or semicolons."""
        raw: dict[str, Any] = {}
        assert isinstance(key, tuple)
        for column, cell in zip(self.answer_columns, key, strict=True):
            cell = cell.strip()
            if not cell:
                continue
            if BY_ID[column].is_list:
                raw[column] = split_list(cell)
            else:
                raw[column] = cell
        return raw


class JsonLinesRoster(_FileRoster):
    """One answers object per line, each with a ``name``."""

    def __init__(
        self, label: str, binary: BinaryIO, lines: Iterable[str], skipped: int, total: int | None
    ) -> None:
        super().__init__(label, binary, total)
        self._lines = lines
        self._skipped = skipped

    def rows(self) -> Iterator[RosterRow]:
        """Each object; a line that is not one carries its problem."""
        from pmo_advisor.answers.sources import parse_answers_text

        number = self._skipped
        try:
            for text in self._lines:
                number += 1
                if not text.strip():
                    continue
                if len(text) > MAX_LINE:
                    yield RosterRow(
                        number, None, "", None, None, f"is longer than {MAX_LINE} characters"
                    )
                    continue
                try:
                    document = parse_answers_text(text, "the line", looks_json=True)
                except InputError as exc:
                    yield RosterRow(number, None, "", None, None, exc.message)
                    continue
                if not isinstance(document, dict):
                    yield RosterRow(number, None, "", None, None, "is not a JSON object")
                    continue
                name = document.pop(NAME, None)
                if name is not None and not isinstance(name, str):
                    yield RosterRow(number, None, "", None, None, "name: must be text")
                    continue
                version = document.pop("schema_version", 1)
                if type(version) is not int or version != 1:
                    yield RosterRow(number, None, "", None, None, "schema_version: must be 1")
                    continue
                key = json.dumps(document, sort_keys=True, ensure_ascii=False)
                yield RosterRow(number, None, (name or "").strip(), key, document)
        except UnicodeDecodeError:
            raise InputError(f"{self.label} line {number + 1}: not UTF-8 text", _HINT) from None


class DirectoryRoster(Roster):
    """A directory of answers files (YAML or JSON); each file's stem is the name."""

    unit = "the file"

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        try:
            # Every entry named like an answers file is listed, whatever it is: a link
            # that leads nowhere, a named pipe or a directory is then reported as the
            # person's problem rather than leaving them out without a word.
            self._files = sorted(
                entry
                for entry in path.iterdir()
                if entry.suffix.lower() in ANSWERS_SUFFIXES and not entry.name.startswith(".")
            )
        except OSError as exc:
            raise InputError(f"roster {path} cannot be read: {exc.strerror or exc}") from None
        if not self._files:
            raise InputError(
                f"{path} holds no answers files (*.yaml, *.yml or *.json)",
                "Save one answers file per person in it (pmo-advisor assess --save-answers),"
                " or give a CSV or JSON Lines roster.",
            )
        self._done = 0

    @property
    def files(self) -> tuple[Path, ...]:
        """The entries read, one per person, in order."""
        return tuple(self._files)

    def rows(self) -> Iterator[RosterRow]:
        """Each answers file, read with the same limits and safe loader as --answers;
        only a regular file is read (a link to one too), anything else is reported."""
        from pmo_advisor.answers.sources import read_answers_file
        from pmo_advisor.files import FileRefused

        for path in self._files:
            self._done += 1
            try:
                raw = read_answers_file(str(path), None, typed=False)
            except FileRefused as exc:
                problem = f"the file {exc.problem}"
                yield RosterRow(None, path.name, path.stem, None, None, problem)
                continue
            except InputError as exc:
                # The report names the file already: here it is "the file".
                reason = exc.message.replace(f"{path}: ", "", 1)
                reason = reason.replace(f"answers file {path}", str(path))
                reason = reason.replace(str(path), "the file")
                yield RosterRow(None, path.name, path.stem, None, None, reason)
                continue
            yield RosterRow(None, path.name, path.stem, None, raw)

    def progress(self) -> tuple[int, int | None]:
        """Files read so far, of how many."""
        return self._done, len(self._files)
