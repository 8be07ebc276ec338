"""The results of team mode: everyone's advice and what the team adds up to.

Kept apart from :mod:`pmo_advisor.model` because only ``team`` uses them: every other
command starts without creating these classes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TypeVar

from pmo_advisor.model import Advice


@dataclass(frozen=True)
class TeamMember:
    """One person of a roster and the advice ``assess`` gives them."""

    name: str
    advice: Advice


@dataclass(frozen=True)
class InvalidRow:
    """A roster row that could not be assessed: where it is and why."""

    #: The line of a CSV, TSV or JSON Lines roster (None for a directory's files).
    line: int | None
    #: The answers file, for a directory roster (None otherwise).
    file: str | None
    reason: str


@dataclass(frozen=True)
class Named:
    """A count of people and the first of their names, in roster order."""

    count: int
    #: At most :data:`TEAM_NAMES_LISTED` names; ``count`` counts everyone.
    people: tuple[str, ...]


@dataclass(frozen=True)
class CourseDemand:
    """A course recommended to people of the team: its seats and who needs it."""

    course_id: str
    name: str
    #: The lowest level it is recommended for.
    level: int
    seats: Named


@dataclass(frozen=True)
class BorderlineGroup:
    """People placed at ``level`` whose answers also point at ``with_level``."""

    level: int
    with_level: int
    people: Named


@dataclass(frozen=True)
class SharedGap:
    """A step towards the next level that two or more people still have to take."""

    #: The level the gap stands before.
    level: int
    gap: str
    people: Named


@dataclass(frozen=True)
class HeldCourse:
    """A course or certification people of the team already hold."""

    course_id: str
    name: str
    people: Named


@dataclass(frozen=True)
class TeamSummary:
    """What a roster adds up to: the training-needs analysis of a team."""

    people: int
    #: Headcount per level, lowest first: (level number, people).
    levels: tuple[tuple[int, int], ...]
    borderline: tuple[BorderlineGroup, ...]
    courses: tuple[CourseDemand, ...]
    #: Per focus area, in knowledge-base order: people per level, lowest first.
    focus_coverage: tuple[tuple[str, tuple[int, ...]], ...]
    shared_gaps: tuple[SharedGap, ...]
    held: tuple[HeldCourse, ...]
    invalid: tuple[InvalidRow, ...] = ()


@dataclass(frozen=True)
class TeamReport:
    """``team``: everyone's advice (unless only the summary was asked for) and the sum."""

    roster: str
    summary: TeamSummary
    #: None with ``--summary``: the people are not kept, so memory stays flat.
    people: tuple[TeamMember, ...] | None = None


#: Names listed per entry of a team summary; counts always count everyone.
TEAM_NAMES_LISTED = 1000
#: Courses shown per person in a team report.
TEAM_TOP_COURSES = 3


def in_short(advice: Advice) -> Advice:
    """The parts of one person's advice a team report shows: the best title, the next
    step's first role and first gap (with its routes), and the first courses. A roster
    of many different people keeps this much of each, not the whole assessment."""
    step = advice.next
    return replace(
        advice,
        reasons=(),
        titles=advice.titles[:1],
        courses=advice.courses[:TEAM_TOP_COURSES],
        skills=(),
        next=None if step is None else replace(step, roles=step.roles[:1], gaps=step.gaps[:1]),
    )


_Part = TypeVar("_Part")

#: Distinct people's parts of a report kept for reuse while it is written.
PARTS_KEPT = 4096


def with_parts(
    people: Iterable[TeamMember], make: Callable[[Advice], _Part]
) -> Iterator[tuple[TeamMember, _Part]]:
    """Each person with the part of a report their advice makes, made once for people
    who share an advice (the same answers) and kept for at most PARTS_KEPT advices at
    a time, so a roster of many different people costs no more memory as it goes."""
    parts: dict[int, _Part] = {}
    for member in people:
        part = parts.get(id(member.advice))
        if part is None:
            if len(parts) >= PARTS_KEPT:
                parts.clear()
            part = parts[id(member.advice)] = make(member.advice)
        yield member, part
