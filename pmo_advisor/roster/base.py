"""What every roster is: rows read once, each a :class:`RosterRow`."""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO


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
    #: The person's id (a staff number), from a roster's id column; None without one.
    id: str | None = None
    #: The columns kept as they are: (header as the roster spells it, cell text), in
    #: the roster's column order.
    extra: tuple[tuple[str, str], ...] = ()


class Roster:
    """A roster being read: its rows, once, and how far through it reading is."""

    #: What one person's answers are called in messages about them.
    unit = "the row"
    #: The headers of the columns kept as they are, in the roster's order.
    kept: tuple[str, ...] = ()
    #: Whether the roster has an id column, which tells apart people of the same name.
    has_ids: bool = False
    #: Whether the roster is a sheet of an Excel workbook.
    is_workbook: bool = False

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


class FileRoster(Roster):
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
