"""Team mode: everyone on a roster assessed by the same rules as ``assess``, and the sum.

Each person's advice comes from :func:`pmo_advisor.rules.assess`, exactly as for one
person; nothing here decides a level, a title or a course. A :class:`TeamRun` reads the
rows once: its :attr:`~TeamRun.people` are yielded as they are read, and its
:attr:`~TeamRun.summary` is ready once they have all been read. Speed and flat memory
come from two things only: identical answers (real teams have a few hundred
combinations among thousands of people) are validated and assessed once, and the
summary counts people per distinct *outcome* rather than keeping them, so it holds no
more than the first :data:`~pmo_advisor.teamreport.TEAM_NAMES_LISTED` names per entry
and a compact table of name hashes for the duplicate check (16 bytes a person, 24 while
the table grows). Invalid rows and repeated names are kept only as far as they are
shown (:class:`~pmo_advisor.teamreport.FirstFew`) and counted beyond that.
"""

from __future__ import annotations

import functools
import heapq
from array import array
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pmo_advisor.errors import InputError
from pmo_advisor.mappings import Keyed
from pmo_advisor.model import Advice
from pmo_advisor.teamreport import (
    PROBLEMS_KEPT,
    PROBLEMS_LISTED,
    TEAM_NAMES_LISTED,
    BorderlineGroup,
    CourseDemand,
    FirstFew,
    HeldCourse,
    InvalidRow,
    Named,
    SharedGap,
    TeamMember,
    TeamSummary,
    in_short,
)

if TYPE_CHECKING:
    from pmo_advisor.knowledge import Knowledge
    from pmo_advisor.roster import RosterRow

#: The name ``validate`` gives a row's answers in its messages.
ROW_SOURCE = "the row"
#: Distinct answers remembered at once in a run (an lru_cache's bound): a roster has a
#: few hundred kinds of answers, and more than this are simply assessed again.
MEMO_SIZE = 4096


@dataclass(frozen=True)
class Assessed:
    """What a set of answers comes to: a person's advice as a team report shows it and
    the index of its outcome, or the message ``assess`` would give."""

    advice: Advice | None
    error: str | None
    #: Index of the advice's outcome, the part of it the team summary adds up.
    outcome: int = -1


@dataclass(frozen=True)
class Outcome:
    """The parts of one person's advice that the team summary counts."""

    level: int
    borderline_with: int | None
    #: (course id, level it is recommended for), in the order recommended.
    courses: tuple[tuple[str, int], ...]
    #: (next level, gap sentence).
    gaps: tuple[tuple[int, str], ...]
    focus: tuple[str, ...]
    held: tuple[str, ...]


class TeamRun:
    """One reading of a roster: each valid person as they are read, then the summary.

    :attr:`people` is an iterator, consumed once, of each valid person in roster order
    with their advice as a team report shows it (:func:`~pmo_advisor.teamreport.in_short`;
    people with the same answers share one advice object). :attr:`summary` is ready once
    the people have all been read; asked for sooner, it reads the rest first without
    keeping them. Nothing per person is kept here, so a report written as the people
    come (or a summary alone) takes the same memory for ten people or ten million.
    Invalid rows are left out of :attr:`people` and counted in :attr:`invalid`; repeated
    names in :attr:`duplicates`.
    """

    def __init__(
        self,
        knowledge: Knowledge,
        rows: Iterable[RosterRow],
        *,
        label: str,
        unit: str = ROW_SOURCE,
        build: Callable[[Hashable], Mapping[str, Any]] | None = None,
        market: str | None = None,
        stop_after: int | None = None,
        progress: Callable[[], None] | None = None,
    ) -> None:
        self.knowledge = knowledge
        #: What the roster is called in messages: its path, or "standard input".
        self.label = label
        #: What one person's answers are called in messages ("the row", "the file").
        self.unit = unit
        #: The market for answers that name none (the environment's or config file's).
        self.market = market
        #: Invalid rows: the first PROBLEMS_KEPT, and how many in all.
        self.invalid: FirstFew[InvalidRow] = FirstFew(PROBLEMS_KEPT)
        #: Repeated names and where they repeat: the first PROBLEMS_LISTED, and a count.
        self.duplicates: FirstFew[tuple[str, str]] = FirstFew(PROBLEMS_LISTED)
        #: Repeated ids (a roster with an id column): (id, where), as for names.
        self.duplicate_ids: FirstFew[tuple[str, str]] = FirstFew(PROBLEMS_LISTED)
        #: Whether reading stopped early, at ``stop_after`` problems.
        self.stopped = False
        self._names = NameTable()
        #: The ids seen, for a roster with an id column.
        self._ids = NameTable()
        self._texts: dict[str, str] = {}
        self._outcome_ids: dict[Outcome, int] = {}
        self._outcomes: list[Outcome] = []
        #: People per outcome.
        self._count: list[int] = []
        #: Each entry of the summary that lists names (a course, a gap, ...), as a number.
        self._entries: dict[tuple[str, Hashable], int] = {}
        #: Per entry, the first names in roster order (at most TEAM_NAMES_LISTED).
        self._names_of: list[list[str]] = []
        #: Per outcome, its entries that still list fewer names than they may.
        self._open: list[list[int]] = []
        # The one memo of a run: bounded, and gone with the run, so that keys of two
        # rosters (a CSV row's key is its cells, in its own column order) never meet.
        self._remembered = functools.lru_cache(maxsize=MEMO_SIZE)(self._assess)
        self._build = build
        self._summary: TeamSummary | None = None
        self._read_all = False
        #: Each valid person, as read; see the class's description.
        self.people: Iterator[TeamMember] = self._read(rows, stop_after, progress)

    @property
    def summary(self) -> TeamSummary:
        """The team summary: levels, borderline, courses, focus, gaps and courses held."""
        if self._summary is None:
            for _ in self.people:  # the people not read yet are counted, not kept
                pass
            self._summary = self._sum()
        return self._summary

    def _read(
        self,
        rows: Iterable[RosterRow],
        stop_after: int | None,
        progress: Callable[[], None] | None,
    ) -> Iterator[TeamMember]:
        invalid, duplicates, duplicate_ids = self.invalid, self.duplicates, self.duplicate_ids
        for number, row in enumerate(rows):
            if progress is not None and not number % 4096:
                progress()
            if row.problem is not None:
                invalid.append(InvalidRow(row.line, row.file, row.problem))
            elif not row.name:
                invalid.append(
                    InvalidRow(row.line, row.file, "name: missing; every row needs a name")
                )
            elif row.id is not None and not self._ids.add(row.id):
                # With an id, people are told apart by it: names may repeat, ids not.
                duplicate_ids.append((row.id, _where(row.line, row.file)))
            elif row.id is None and not self._names.add(row.name):
                duplicates.append((row.name, _where(row.line, row.file)))
            else:
                answers = Keyed(row.key, row.raw, self._build)
                found = self._assess(answers) if row.key is None else self._remembered(answers)
                if found.error is not None:
                    invalid.append(InvalidRow(row.line, row.file, found.error))
                elif found.advice is not None:
                    # In the summary's lists of names, people of the same name are
                    # told apart by their ids.
                    shown = row.name if row.id is None else f"{row.name} ({row.id})"
                    self._count_in(shown, found.outcome)
                    if row.id is None and not row.extra:
                        yield TeamMember(row.name, found.advice)
                    else:
                        yield TeamMember(row.name, found.advice, id=row.id, extra=row.extra)
            repeats = duplicates.count + duplicate_ids.count
            if stop_after is not None and invalid.count + repeats >= stop_after:
                self.stopped = True
                break
        self._read_all = True

    def _assess(self, given: Keyed) -> Assessed:
        from pmo_advisor.answers import validate
        from pmo_advisor.rules import assess

        try:
            answers = validate(given.answers(), self.knowledge, self.unit)
        except InputError as exc:
            return Assessed(None, exc.message)
        if answers.market is None and self.market is not None:
            from dataclasses import replace

            answers = replace(answers, market=self.market)
        advice = assess(answers, self.knowledge)
        # The focus the advice was ordered by: as given, or read from the activities.
        focus = answers.focus or self.knowledge.focus_of(answers.activities)
        step = advice.next
        text = self._text
        outcome = Outcome(
            level=advice.level.number,
            borderline_with=advice.borderline_with,
            courses=tuple((c.course_id, c.level) for c in advice.courses),
            gaps=() if step is None else tuple((step.level.number, text(g)) for g in step.gaps),
            focus=tuple(focus),
            held=tuple(answers.qualifications),
        )
        index = self._outcome_ids.get(outcome)
        if index is None:
            index = self._outcome_ids[outcome] = len(self._outcomes)
            self._outcomes.append(outcome)
        return Assessed(in_short(advice), None, index)

    def _text(self, value: str) -> str:
        # Outcomes of different answers share their sentences rather than copies of them.
        return self._texts.setdefault(value, value)

    def _count_in(self, name: str, outcome: int) -> None:
        """Count in a person whose answers were valid."""
        while outcome >= len(self._count):
            self._count.append(0)
            self._open.append(self._entries_of(self._outcomes[len(self._open)]))
        self._count[outcome] += 1
        pending = self._open[outcome]
        if pending:  # once every list this outcome feeds is full, this costs nothing
            still = []
            for entry in pending:
                names = self._names_of[entry]
                if len(names) < TEAM_NAMES_LISTED:
                    names.append(name)
                    if len(names) < TEAM_NAMES_LISTED:
                        still.append(entry)
            self._open[outcome] = still

    def _entries_of(self, outcome: Outcome) -> list[int]:
        keys: list[tuple[str, Hashable]] = [("course", c) for c, _ in outcome.courses]
        keys += [("gap", gap) for gap in outcome.gaps]
        keys += [("held", c) for c in outcome.held]
        if outcome.borderline_with is not None:
            keys.append(("borderline", (outcome.level, outcome.borderline_with)))
        numbers = []
        for key in keys:
            number = self._entries.get(key)
            if number is None:
                number = self._entries[key] = len(self._names_of)
                self._names_of.append([])
            numbers.append(number)
        return numbers

    def _sum(self) -> TeamSummary:
        knowledge = self.knowledge
        outcomes = self._outcomes
        numbers = [level.number for level in knowledge.levels]
        levels = dict.fromkeys(numbers, 0)
        counts = [0] * len(self._names_of)
        course_level: dict[str, int] = {}
        coverage = {focus: dict.fromkeys(numbers, 0) for focus in knowledge.focus_ids}
        for index, count in enumerate(self._count):
            if not count:
                continue
            outcome = outcomes[index]
            levels[outcome.level] += count
            for entry in self._entries_of(outcome):
                counts[entry] += count
            for course_id, level in outcome.courses:
                course_level[course_id] = min(level, course_level.get(course_id, level))
            for focus in outcome.focus:
                coverage[focus][outcome.level] += count

        def named(kind: str, key: Hashable) -> Named:
            entry = self._entries[kind, key]
            return Named(counts[entry], tuple(self._names_of[entry]))

        def keys(kind: str) -> list[Any]:
            return [key for (k, key), entry in self._entries.items() if k == kind and counts[entry]]

        shared = [
            SharedGap(level, gap, people)
            for level, gap in keys("gap")
            if (people := named("gap", (level, gap))).count >= 2
        ]
        shared.sort(key=lambda g: (-g.people.count, g.level))
        held_ids = set(keys("held"))
        return TeamSummary(
            people=sum(self._count),
            levels=tuple(levels.items()),
            borderline=tuple(
                BorderlineGroup(level, other, named("borderline", (level, other)))
                for level, other in sorted(keys("borderline"))
            ),
            courses=tuple(
                CourseDemand(c, knowledge.course(c).name, course_level[c], named("course", c))
                for c in _course_order(course_level, knowledge)
            ),
            focus_coverage=tuple(
                (focus, tuple(per_level.values())) for focus, per_level in coverage.items()
            ),
            shared_gaps=tuple(shared),
            held=tuple(
                HeldCourse(c, knowledge.course(c).name, named("held", c))
                for c in knowledge.course_ids
                if c in held_ids
            ),
            invalid=tuple(self.invalid.items),
            invalid_count=self.invalid.count,
        )


def mapping_rows(rows: Iterable[Any]) -> Iterator[RosterRow]:
    """Roster rows from mappings a program gives (``name``, optionally ``id``, and the
    answers keys), read as a JSON Lines roster's objects are; the Nth mapping is line N."""
    from pmo_advisor.mappings import keyed
    from pmo_advisor.roster import NAME, RosterRow
    from pmo_advisor.roster.header import ID

    for number, row in enumerate(rows, 1):
        if not isinstance(row, Mapping):
            yield RosterRow(number, None, "", None, None, "is not a mapping of answer keys")
            continue
        name = row.get(NAME)
        if name is not None and not isinstance(name, str):
            yield RosterRow(number, None, "", None, None, "name: must be text")
            continue
        person_id = row.get(ID)
        if isinstance(person_id, bool) or not isinstance(person_id, str | int | None):
            yield RosterRow(number, None, "", None, None, "id: must be text or a whole number")
            continue
        answers = {key: value for key, value in row.items() if key not in (NAME, ID)}
        try:
            key, plain = keyed(answers)
        except InputError as exc:
            yield RosterRow(number, None, "", None, None, exc.message)
            continue
        shown_id = None if person_id is None else str(person_id).strip() or None
        yield RosterRow(number, None, (name or "").strip(), key, dict(plain), id=shown_id)


class NameTable:
    """Which names have been seen, in 8-16 bytes a name: an open-addressing table of
    64-bit string hashes. Two different names with the same hash (odds of about one in
    ten million at a million names) would be taken for a repeat."""

    def __init__(self) -> None:
        self._table = array("q", bytes(8 * 1024))
        self._mask = 1023
        self._used = 0

    def add(self, name: str) -> bool:
        """Record a name; False when it was already there."""
        value = hash(name) or 1  # 0 marks an empty slot
        table, mask = self._table, self._mask
        index = value & mask
        while True:
            held = table[index]
            if held == 0:
                table[index] = value
                self._used += 1
                if self._used * 2 > mask:
                    self._grow()
                return True
            if held == value:
                return False
            index = (index + 1) & mask

    def _grow(self) -> None:
        old = self._table
        self._table = array("q", bytes(16 * len(old)))
        self._mask = 2 * len(old) - 1
        self._used = 0
        for value in old:
            if value:
                table, mask = self._table, self._mask
                index = value & mask
                while table[index]:
                    index = (index + 1) & mask
                table[index] = value
                self._used += 1


def _course_order(levels: Mapping[str, int], knowledge: Knowledge) -> list[str]:
    """Courses by the level they are recommended for, then catalogue order, with every
    prerequisite that is also on the list before the courses that need it."""
    rank = {course_id: index for index, course_id in enumerate(knowledge.course_ids)}
    needs = {
        c: {p for p in knowledge.course(c).prerequisites if p in levels and p != c} for c in levels
    }
    ready = [(levels[c], rank[c], c) for c in levels if not needs[c]]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        *_, course_id = heapq.heappop(ready)
        order.append(course_id)
        for other, wanted in needs.items():
            if course_id in wanted:
                wanted.discard(course_id)
                if not wanted:
                    heapq.heappush(ready, (levels[other], rank[other], other))
    # A prerequisite cycle cannot pass the knowledge base's validation; never drop a course.
    order += sorted((c for c in levels if c not in order), key=rank.__getitem__)
    return order


def _where(line: int | None, file: str | None) -> str:
    return f"line {line}" if line is not None else str(file)


def describe_row(roster_label: str, row: InvalidRow) -> str:
    """Where an invalid row is and why, as one message."""
    if row.line is not None:
        return f"{roster_label} line {row.line}: {row.reason}"
    return f"{roster_label}/{row.file}: {row.reason}"
