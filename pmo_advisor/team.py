"""Team mode: everyone on a roster assessed by the same rules as ``assess``, and the sum.

Each person's advice comes from :func:`pmo_advisor.rules.assess`, exactly as for one
person; nothing here decides a level, a title or a course. Speed and flat memory come
from two things only: identical answers (real teams have a few hundred combinations
among thousands of people) are validated and assessed once, and the summary counts
people per distinct *outcome* rather than keeping them, so ``--summary`` holds no more
than the first :data:`~pmo_advisor.teamreport.TEAM_NAMES_LISTED` names per entry and a
compact table of name hashes for the duplicate check (16 bytes a person, 24 while the
table grows). Invalid rows and repeated names are kept only as far as they are shown
(:class:`~pmo_advisor.teamreport.FirstFew`) and counted beyond that.
"""

from __future__ import annotations

import heapq
import threading
from array import array
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pmo_advisor.errors import InputError
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
    People,
    SharedGap,
    TeamReport,
    TeamSummary,
    in_short,
)

if TYPE_CHECKING:
    from pmo_advisor.knowledge import Knowledge
    from pmo_advisor.roster import Roster

#: The name ``validate`` gives a row's answers in its messages.
ROW_SOURCE = "the row"
#: Distinct answers remembered at once; more are assessed again when they come back.
MEMO_SIZE = 4096


@dataclass(frozen=True)
class Assessed:
    """What a set of answers comes to: the advice (unless the assessor keeps only the
    outcomes), or the message ``assess`` would give."""

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


class Assessor:
    """Validates and assesses answers, once per distinct set of answers."""

    def __init__(
        self,
        knowledge: Knowledge,
        source: str = ROW_SOURCE,
        *,
        keep_advice: bool = True,
        count_outcomes: bool = True,
        short_advice: bool = False,
        market: str | None = None,
    ) -> None:
        self.knowledge = knowledge
        #: The market for answers that name none (the environment's or config file's).
        self.market = market
        #: What the answers are called in messages.
        self.source = source
        #: Whether to remember whole advice, or only what the summary counts (less memory
        #: when many answers are distinct).
        self.keep_advice = keep_advice
        #: Whether to keep each distinct outcome for a team summary. The library API,
        #: which can run for as long as its host program, has no summary to add up and
        #: would otherwise keep every distinct outcome it ever saw.
        self.count_outcomes = count_outcomes
        #: Whether to keep only what a team report shows of each advice (in_short).
        self.short_advice = short_advice
        self._texts: dict[str, str] = {}
        # One lock around the memo and the outcome table: the library shares an Assessor
        # between threads, and a check-then-delete on a shared dict races (two threads
        # evicting the same oldest key). Assessing itself runs outside the lock.
        self._lock = threading.Lock()
        self._memo: dict[Hashable, Assessed] = {}
        self._outcome_ids: dict[Outcome, int] = {}
        self.outcomes: list[Outcome] = []

    def assess(
        self,
        key: Hashable | None,
        raw: Mapping[str, Any] | None,
        build: Callable[[Hashable], Mapping[str, Any]] | None = None,
    ) -> Assessed:
        """The advice for these answers: ``raw``, or (when None) ``build(key)``, which is
        called only for answers not seen before."""
        if key is not None:
            with self._lock:
                known = self._memo.get(key)
            if known is not None:
                return known
        if raw is None:
            if build is None or key is None:
                raise ValueError("answers need raw data, or a key and a way to build it")
            raw = build(key)
        found = self._assess(raw)
        if key is not None:
            with self._lock:
                if key not in self._memo and len(self._memo) >= MEMO_SIZE:
                    # Forget the oldest: memory stays bounded.
                    del self._memo[next(iter(self._memo))]
                self._memo[key] = found
        return found

    def _assess(self, raw: Mapping[str, Any]) -> Assessed:
        from pmo_advisor.answers import validate
        from pmo_advisor.rules import assess

        try:
            answers = validate(raw, self.knowledge, self.source)
        except InputError as exc:
            return Assessed(None, exc.message)
        if answers.market is None and self.market is not None:
            from dataclasses import replace

            answers = replace(answers, market=self.market)
        advice = assess(answers, self.knowledge)
        if not self.count_outcomes:
            return Assessed(advice, None)
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
        with self._lock:  # the index and the list must grow together
            index = self._outcome_ids.get(outcome)
            if index is None:
                index = self._outcome_ids[outcome] = len(self.outcomes)
                self.outcomes.append(outcome)
        if not self.keep_advice:
            return Assessed(None, None, index)
        return Assessed(in_short(advice) if self.short_advice else advice, None, index)

    def _text(self, value: str) -> str:
        # Outcomes of different answers share their sentences rather than copies of them.
        return self._texts.setdefault(value, value)


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


class TeamBuilder:
    """Adds people up, one at a time, into a :class:`~pmo_advisor.model.TeamReport`."""

    def __init__(
        self,
        knowledge: Knowledge,
        *,
        keep_people: bool,
        source: str = ROW_SOURCE,
        market: str | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.assessor = Assessor(
            knowledge, source, keep_advice=keep_people, short_advice=True, market=market
        )
        self.keep_people = keep_people
        self.people = People()
        #: Invalid rows: the first PROBLEMS_KEPT, and how many in all.
        self.invalid: FirstFew[InvalidRow] = FirstFew(PROBLEMS_KEPT)
        #: Repeated names and where they repeat: the first PROBLEMS_LISTED, and a count.
        self.duplicates: FirstFew[tuple[str, str]] = FirstFew(PROBLEMS_LISTED)
        self._names = NameTable()
        #: Whether reading stopped early, at enough problems to refuse the roster.
        self.stopped = False
        #: People per outcome.
        self._count: list[int] = []
        #: Each entry of the summary that lists names (a course, a gap, ...), as a number.
        self._entries: dict[tuple[str, Hashable], int] = {}
        #: Per entry, the first names in roster order (at most TEAM_NAMES_LISTED).
        self._names_of: list[list[str]] = []
        #: Per outcome, its entries that still list fewer names than they may.
        self._open: list[list[int]] = []

    def add(
        self,
        name: str,
        where: tuple[int | None, str | None],
        key: Hashable | None,
        raw: Mapping[str, Any] | None,
        build: Callable[[Hashable], Mapping[str, Any]] | None = None,
    ) -> None:
        """Assess one person of the roster and count them in (see :meth:`Assessor.assess`
        for ``key``, ``raw`` and ``build``)."""
        if not name:
            self.invalid.append(InvalidRow(*where, "name: missing; every row needs a name"))
            return
        if not self._names.add(name):
            self.duplicates.append((name, _where(*where)))
            return
        found = self.assessor.assess(key, raw, build)
        if found.error is not None:
            self.invalid.append(InvalidRow(*where, found.error))
            return
        self.count(name, found)

    def count(self, name: str, found: Assessed) -> None:
        """Count in a person whose answers were valid."""
        outcome = found.outcome
        while outcome >= len(self._count):
            self._count.append(0)
            self._open.append(self._entries_of(self.assessor.outcomes[len(self._open)]))
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
        if self.keep_people and found.advice is not None:
            self.people.append(name, found.advice)

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

    def report(self, roster: str) -> TeamReport:
        """The report for everyone added so far."""
        people = self.people if self.keep_people else None
        return TeamReport(roster, self.summary(), people=people)

    def summary(self) -> TeamSummary:
        """The team summary: levels, borderline, courses, focus, gaps and courses held."""
        knowledge = self.knowledge
        outcomes = self.assessor.outcomes
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


def build_team(
    roster: Roster,
    knowledge: Knowledge,
    *,
    keep_people: bool,
    tick: Callable[[], None] | None = None,
    market: str | None = None,
    stop_after: int | None = None,
) -> TeamBuilder:
    """Read every row of a roster into a :class:`TeamBuilder`.

    ``tick`` is called every few thousand rows (for a progress bar); ``market`` is the
    market of rows that name none. With ``stop_after``, reading stops once that many
    problems (invalid rows and repeated names) are found, and ``builder.stopped`` says
    so: a run those problems will stop anyway ends at once, not after a million rows.
    """
    builder = TeamBuilder(knowledge, keep_people=keep_people, source=roster.unit, market=market)
    add, build = builder.add, roster.raw
    invalid, duplicates = builder.invalid, builder.duplicates
    for number, row in enumerate(roster.rows()):
        if tick is not None and not number % 4096:
            tick()
        if row.problem is not None:
            invalid.append(InvalidRow(row.line, row.file, row.problem))
        else:
            add(row.name, (row.line, row.file), row.key, row.raw, build)
        if stop_after is not None and invalid.count + duplicates.count >= stop_after:
            builder.stopped = True
            break
    return builder
