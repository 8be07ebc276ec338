"""Everyone on a roster, packed: what a full team report keeps of each person until it
is written, a few bytes beyond their name."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import overload

from pmo_advisor.model import Advice
from pmo_advisor.teamreport import TeamMember


class People(Sequence[TeamMember]):
    """Everyone on a roster, in order, packed: each name's UTF-8 in one buffer and the
    number of its advice, which people with the same answers share. A person costs the
    bytes of their name and 12 more, where a list of TeamMember objects costs some 200:
    a full report of millions of people with a few hundred kinds of answers fits in
    tens of megabytes."""

    def __init__(self) -> None:
        self._names = bytearray()
        self._ends = array("Q")
        self._advice_of = array("I")
        self._advices: list[Advice] = []
        #: Advice number by the advice's id (each advice is kept, so ids stay unique).
        self._numbers: dict[int, int] = {}
        #: Per person with an id or kept columns, by position: (id, kept columns).
        self._own: dict[int, tuple[str | None, tuple[tuple[str, str], ...]]] = {}

    def append(
        self,
        name: str,
        advice: Advice,
        person_id: str | None = None,
        extra: tuple[tuple[str, str], ...] = (),
    ) -> None:
        """Add a person at the end, with their id and kept columns, if any."""
        if person_id is not None or extra:
            self._own[len(self._ends)] = (person_id, extra)
        number = self._numbers.get(id(advice))
        if number is None:
            number = self._numbers[id(advice)] = len(self._advices)
            self._advices.append(advice)
        # surrogatepass: a JSON Lines name may hold a lone surrogate (written as \ud800).
        self._names += name.encode("utf-8", "surrogatepass")
        self._ends.append(len(self._names))
        self._advice_of.append(number)

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, index: int) -> TeamMember: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[TeamMember]: ...
    def __getitem__(self, index: int | slice) -> TeamMember | Sequence[TeamMember]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("person index out of range")
        start = self._ends[index - 1] if index else 0
        name = self._names[start : self._ends[index]].decode("utf-8", "surrogatepass")
        advice = self._advices[self._advice_of[index]]
        own = self._own.get(index)
        if own is None:
            return TeamMember(name, advice)
        return TeamMember(name, advice, id=own[0], extra=own[1])

    def __iter__(self) -> Iterator[TeamMember]:
        start, names, advices, own = 0, self._names, self._advices, self._own
        for index, (end, number) in enumerate(zip(self._ends, self._advice_of, strict=True)):
            name = names[start:end].decode("utf-8", "surrogatepass")
            mine = own.get(index) if own else None
            if mine is None:
                yield TeamMember(name, advices[number])
            else:
                yield TeamMember(name, advices[number], id=mine[0], extra=mine[1])
            start = end
