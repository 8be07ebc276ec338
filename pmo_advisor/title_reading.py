"""How an advert title was read: the record a title lookup carries, in the reader's
words (kept apart from the lookup so that results import nothing of the reader)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: How a title was read: a listed title or alias, a near spelling of one, by its parts
#: (the title grammar), as a delivery role, as another profession's job, or not at all.
ReadingMethod = Literal[
    "listed", "near spelling", "parts", "delivery role", "other profession", "none"
]


@dataclass(frozen=True)
class TitleReading:
    """How one advert title was read, in the reader's words."""

    method: ReadingMethod
    #: The levels the title reads as; none for a title that is no PMO job.
    levels: tuple[int, ...]
    #: The reading in a sentence ("read as programme office + administrator: a support
    #: role, level 1").
    explanation: str
    #: The typed words that decided the reading.
    deciding: tuple[str, ...]
    #: The typed words set aside: places, contracts, departments, references.
    ignored: tuple[str, ...]
    #: The focus area of a specialist reading.
    focus: str | None = None
    #: The kind of PMO the title names, if it names one (a scope id).
    pmo_type: str | None = None
    #: Why the title reads so: the rule's reason, a grade's, or the other profession's.
    note: str | None = None
    #: 0-100, only where a near spelling was matched.
    score: float | None = None


__all__ = ["ReadingMethod", "TitleReading"]
