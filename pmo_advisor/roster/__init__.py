"""Reading rosters: many people's answers from one CSV/TSV file, JSON Lines file,
directory of answers files, or standard input.

Rows are streamed, never read into memory all at once, so a roster of a million people
costs no more memory than one of ten. A CSV row is handed on as the tuple of its answer
cells, which doubles as the key under which identical answers are assessed only once;
the raw answers are built from the key only when it is first seen. Nothing of a roster
is cached or written anywhere.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, BinaryIO

from pmo_advisor.errors import InputError
from pmo_advisor.roster.base import FileRoster, Roster, RosterRow
from pmo_advisor.roster.header import HINT as _HINT
from pmo_advisor.roster.header import ID, MAX_COLUMNS, MAX_HEADER, NAME

__all__ = [
    "MAX_COLUMNS",
    "MAX_HEADER",
    "NAME",
    "DirectoryRoster",
    "FileRoster",
    "JsonLinesRoster",
    "Roster",
    "RosterRow",
    "open_roster",
]

#: Answers files a directory roster reads.
ANSWERS_SUFFIXES = (".yaml", ".yml", ".json")
#: Longest JSON Lines line read, as for an answers file.
MAX_LINE = 1_000_000
#: A line longer than this is no roster's: reading stops instead of passing over it.
RUNAWAY_LINE = 64 * MAX_LINE


def open_roster(source: str, stdin: BinaryIO | None, *, sheet: str | None = None) -> Roster:
    """The roster at ``source``: a file (CSV, TSV, JSON Lines or an Excel workbook), a
    directory, or ``-`` for standard input. ``sheet`` names a workbook's sheet to read
    (the first one by default).

    Raises InputError when it cannot be read or is not a roster at all.
    """
    roster = _open(source, stdin, sheet)
    if sheet is not None and not roster.is_workbook:
        roster.close()
        raise InputError(
            f"--sheet names a sheet of an Excel workbook, but {roster.label} is not one",
            "Leave out --sheet, or give the roster as an .xlsx file.",
        )
    return roster


def _open(source: str, stdin: BinaryIO | None, sheet: str | None) -> Roster:
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
        if _starts_as_zip(stdin):
            raise InputError(
                "standard input holds an Excel workbook, which is read from a file only",
                "Give its path: pmo-advisor team roster.xlsx",
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
        if total is not None and _is_workbook(handle, path):
            from pmo_advisor.roster.xlsx import XlsxRoster

            handle.close()
            return XlsxRoster(path, source, sheet)
        return _text_roster(handle, source, total)
    except BaseException:
        handle.close()
        raise


def _is_workbook(handle: BinaryIO, path: Path) -> bool:
    """Whether a regular file is an Excel workbook: named .xlsx or .xlsm, or a zip
    archive (as a workbook saved under another name is)."""
    if path.suffix.casefold() in (".xlsx", ".xlsm"):
        return True
    start = handle.read(4)
    handle.seek(0)
    return start == b"PK\x03\x04"


def _starts_as_zip(binary: BinaryIO) -> bool:
    """Whether a stream starts as a zip archive (an .xlsx file), read without using up
    what it reads: peeked at, or read and sought back."""
    peek = getattr(binary, "peek", None)
    if peek is not None:
        return bool(peek(4)[:4] == b"PK\x03\x04")
    if not binary.seekable():
        return False
    where = binary.tell()
    start = binary.read(4)
    binary.seek(where)
    return start == b"PK\x03\x04"


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
    from pmo_advisor.roster.csvroster import CsvRoster

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


class JsonLinesRoster(FileRoster):
    """One answers object per line, each with a ``name`` (and, optionally, an ``id``)."""

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
                # An id, as a CSV roster's id column gives one: a staff number.
                person_id = document.pop(ID, None)
                if isinstance(person_id, bool) or not isinstance(person_id, str | int | None):
                    problem = "id: must be text or a whole number"
                    yield RosterRow(number, None, "", None, None, problem)
                    continue
                person_id = None if person_id is None else str(person_id).strip() or None
                if person_id is not None:
                    self.has_ids = True
                key = json.dumps(document, sort_keys=True, ensure_ascii=False)
                name = (name or "").strip()
                yield RosterRow(number, None, name, key, document, id=person_id)
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
