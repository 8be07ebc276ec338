"""Adding up a team: people counted per distinct outcome, then the summary made once.

A :class:`Tally` counts people per *outcome* (the parts of one person's advice the
summary adds up, :class:`pmo_advisor.team.Outcome`) rather than keeping them, and lists
the first names of each entry (a course's seats, a shared gap, ...). A team run keeps
one for the whole roster and, with ``--group-by``, one per group; :func:`changes`
compares two runs that kept an index of their people (``--compare``).
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from pmo_advisor.gapkind import GapKind
from pmo_advisor.teamreport import (
    TEAM_NAMES_LISTED,
    BorderlineGroup,
    CourseDemand,
    GapGroup,
    HeldCourse,
    InvalidRow,
    LevelMove,
    Named,
    SharedGap,
    SteppingUp,
    TeamChange,
    TeamSummary,
    TrainingDays,
)

if TYPE_CHECKING:
    from pmo_advisor.knowledge import Knowledge
    from pmo_advisor.team import Outcome, TeamRun


class Tally:
    """People counted per outcome, and the first names of each entry of the summary.

    ``outcomes`` is the run's list of distinct outcomes, shared by every tally of it
    (an outcome's number is its place there); ``names_listed`` bounds each name list.
    """

    def __init__(self, outcomes: list[Outcome], names_listed: int = TEAM_NAMES_LISTED) -> None:
        self.outcomes = outcomes
        self.names_listed = names_listed
        #: People per outcome.
        self.count: list[int] = []
        #: Each entry of the summary that lists names (a course, a gap, ...), as a number.
        self.entries: dict[tuple[str, Hashable], int] = {}
        #: Per entry, the first names in roster order.
        self.names_of: list[list[str]] = []
        #: Per outcome, its entries that still list fewer names than they may.
        self.open: list[list[int]] = []

    def add(self, name: str, outcome: int) -> None:
        """Count in a person whose answers were valid."""
        count = self.count
        while outcome >= len(count):
            count.append(0)
            self.open.append(self.entries_of(self.outcomes[len(self.open)]))
        count[outcome] += 1
        pending = self.open[outcome]
        if pending:  # once every list this outcome feeds is full, this costs nothing
            limit = self.names_listed
            still = []
            for entry in pending:
                names = self.names_of[entry]
                if len(names) < limit:
                    names.append(name)
                    if len(names) < limit:
                        still.append(entry)
            self.open[outcome] = still

    def entries_of(self, outcome: Outcome) -> list[int]:
        """The numbers of the entries an outcome counts towards, made when first seen."""
        numbers = []
        for key in _keys(outcome):
            number = self.entries.get(key)
            if number is None:
                number = self.entries[key] = len(self.names_of)
                self.names_of.append([])
            numbers.append(number)
        return numbers

    def summary(
        self,
        knowledge: Knowledge,
        invalid: Iterable[InvalidRow] = (),
        invalid_count: int = 0,
    ) -> TeamSummary:
        """What the people counted add up to."""
        outcomes = self.outcomes
        numbers = [level.number for level in knowledge.levels]
        levels = dict.fromkeys(numbers, 0)
        counts = [0] * len(self.names_of)
        course_level: dict[str, int] = {}
        alternatives: dict[str, set[str]] = {}
        coverage = {focus: dict.fromkeys(numbers, 0) for focus in knowledge.focus_ids}
        for index, count in enumerate(self.count):
            if not count:
                continue
            outcome = outcomes[index]
            levels[outcome.level] += count
            for entry in self.entries_of(outcome):
                counts[entry] += count
            for course_id, level in outcome.courses:
                course_level[course_id] = min(level, course_level.get(course_id, level))
            for course_id, others in (*outcome.now, *outcome.next):
                alternatives.setdefault(course_id, set()).update(others)
                if course_id not in course_level:
                    course_level[course_id] = min(knowledge.course(course_id).levels)
            for focus in outcome.focus:
                coverage[focus][outcome.level] += count

        def named(kind: str, key: Hashable) -> Named:
            entry = self.entries.get((kind, key))
            if entry is None:
                return Named(0, ())
            return Named(counts[entry], tuple(self.names_of[entry]))

        def keys(kind: str) -> list[Any]:
            return [key for (k, key), entry in self.entries.items() if k == kind and counts[entry]]

        shared = [
            SharedGap(level, gap, people)
            for level, gap in keys("gap")
            if (people := named("gap", (level, gap))).count >= 2
        ]
        shared.sort(key=lambda g: (-g.people.count, g.level))
        held_ids = set(keys("held"))
        borderline = sorted(keys("borderline"))
        courses = tuple(
            _demand(c, course_level[c], alternatives.get(c, set()), named, knowledge)
            for c in _course_order(course_level, knowledge)
        )
        return TeamSummary(
            people=sum(self.count),
            levels=tuple(levels.items()),
            borderline=tuple(
                BorderlineGroup(level, other, named("borderline", (level, other)))
                for level, other in borderline
            ),
            courses=courses,
            focus_coverage=tuple(
                (focus, tuple(per_level.values())) for focus, per_level in coverage.items()
            ),
            shared_gaps=tuple(shared),
            held=tuple(
                HeldCourse(c, knowledge.course(c).name, named("held", c))
                for c in knowledge.course_ids
                if c in held_ids
            ),
            invalid=tuple(invalid),
            invalid_count=invalid_count,
            gaps_by_kind=_gap_groups(
                ((kind, named("kind", kind)) for kind in keys("kind")), at_least=2
            ),
            ready_to_step_up=tuple(
                SteppingUp(level, other, role, named("up", (level, other, role)))
                for level, other, role in sorted(keys("up"))
            ),
            not_yet_at_level=tuple(
                BorderlineGroup(level, other, named("borderline", (level, other)))
                for level, other in borderline
                if other < level
            ),
            training=_training(courses),
        )


def _keys(outcome: Outcome) -> list[tuple[str, Hashable]]:
    """The entries of the summary one outcome counts towards."""
    keys: list[tuple[str, Hashable]] = [("course", c) for c, _ in outcome.courses]
    keys += [("gap", gap) for gap in outcome.gaps]
    keys += [("held", c) for c in outcome.held]
    keys += [("now", c) for c, _ in outcome.now]
    keys += [("next", c) for c, _ in outcome.next]
    keys += [("kind", kind) for kind in dict.fromkeys(outcome.gap_kinds)]
    other = outcome.borderline_with
    if other is not None:
        keys.append(("borderline", (outcome.level, other)))
        if other > outcome.level:
            keys.append(("up", (outcome.level, other, outcome.step_role)))
    return keys


def _demand(
    course_id: str,
    level: int,
    alternatives: set[str],
    named: Any,
    knowledge: Knowledge,
) -> CourseDemand:
    course = knowledge.course(course_id)
    return CourseDemand(
        course_id,
        course.name,
        level,
        named("course", course_id),
        now=named("now", course_id),
        next=named("next", course_id),
        alternatives=tuple(c for c in knowledge.course_ids if c in alternatives and c != course_id),
        provider=course.provider,
        length=None if course.length is None else str(course.length),
        hours=course.hours,
        days=days_of(None if course.length is None else str(course.length)),
    )


_DAYS = re.compile(r"(\d+(?:\.\d+)?) days?\b|(half a day)\b", re.IGNORECASE)


def days_of(length: str | None) -> float | None:
    """The days a course takes, as its length in the data says them ("3 days (some
    providers run it in two)": 3; "half a day": 0.5); None where it gives no days."""
    found = None if length is None else _DAYS.match(length.strip())
    if found is None:
        return None
    return 0.5 if found.group(2) else float(found.group(1))


def _training(courses: Iterable[CourseDemand]) -> TrainingDays:
    seats_now = seats_next = without = 0
    days_now = days_next = 0.0
    for course in courses:
        seats_now += course.now.count
        seats_next += course.next.count
        if course.days is None:
            without += course.now.count + course.next.count
        else:
            days_now += course.days * course.now.count
            days_next += course.days * course.next.count
    return TrainingDays(seats_now, seats_next, days_now, days_next, without)


def _gap_groups(found: Iterable[tuple[GapKind, Named]], at_least: int = 1) -> tuple[GapGroup, ...]:
    groups = [
        GapGroup(kind.kind, kind.level, kind.subject, kind.text, people)
        for kind, people in found
        if people.count >= at_least
    ]
    groups.sort(key=lambda g: (-g.people.count, g.level, g.kind, g.subject))
    return tuple(groups)


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


def _shown(person_id: str | None, name: str) -> str:
    return f"{name} ({person_id})" if person_id else name


def changes(old: TeamRun, new: TeamRun) -> TeamChange:
    """What changed between two readings that kept an index of their people: who joined,
    who left, who moved level, and the gaps closed and opened by people in both. People
    are matched by id where both rows have one, else by name."""
    by_id: dict[str, int] = {}
    by_name: dict[str, list[int]] = {}
    for number, (person_id, name, _) in enumerate(old.index):
        if person_id:
            by_id[person_id] = number
        by_name.setdefault(name, []).append(number)
    matched = [False] * len(old.index)
    joined: list[str] = []
    joined_count = 0
    moves: dict[tuple[int, int], list[str]] = {}
    moved_count: dict[tuple[int, int], int] = {}
    closed: dict[GapKind, list[str]] = {}
    opened: dict[GapKind, list[str]] = {}
    closed_count: dict[GapKind, int] = {}
    opened_count: dict[GapKind, int] = {}

    def note(into: dict[Any, list[str]], counts: dict[Any, int], key: Any, name: str) -> None:
        counts[key] = counts.get(key, 0) + 1
        names = into.setdefault(key, [])
        if len(names) < TEAM_NAMES_LISTED:
            names.append(name)

    for person_id, name, outcome in new.index:
        place: int | None = by_id.get(person_id) if person_id else None
        if place is None or matched[place]:
            place = next(
                (
                    p
                    for p in by_name.get(name, ())
                    if not matched[p] and not (person_id and old.index[p][0])
                ),
                None,
            )
        # People of the same name are listed with their ids, as in the summary.
        name = _shown(person_id, name)
        if place is None:
            joined_count += 1
            if len(joined) < TEAM_NAMES_LISTED:
                joined.append(name)
            continue
        matched[place] = True
        before = old.outcomes[old.index[place][2]]
        after = new.outcomes[outcome]
        if before.level != after.level:
            note(moves, moved_count, (before.level, after.level), name)
        then, now = set(before.gap_kinds), set(after.gap_kinds)
        for kind in before.gap_kinds:
            if kind not in now:
                note(closed, closed_count, kind, name)
        for kind in after.gap_kinds:
            if kind not in then:
                note(opened, opened_count, kind, name)
    left = [_shown(*old.index[p][:2]) for p, seen in enumerate(matched) if not seen]
    return TeamChange(
        old.label,
        joined=Named(joined_count, tuple(joined)),
        left=Named(len(left), tuple(left[:TEAM_NAMES_LISTED])),
        moved=tuple(
            LevelMove(a, b, Named(moved_count[a, b], tuple(moves[a, b]))) for a, b in sorted(moves)
        ),
        gaps_closed=_gap_groups((k, Named(closed_count[k], tuple(v))) for k, v in closed.items()),
        gaps_opened=_gap_groups((k, Named(opened_count[k], tuple(v))) for k, v in opened.items()),
    )
