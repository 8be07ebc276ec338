"""The results of team mode: everyone's advice and what the team adds up to.

Kept apart from :mod:`pmo_advisor.model` because only ``team`` uses them: every other
command starts without creating these classes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Generic, Literal, TypeVar

from pmo_advisor.answers import Answers
from pmo_advisor.jsonfields import ONLY_WITH, brief, json_field, whole_number
from pmo_advisor.knowledge.bounds import LevelNumber
from pmo_advisor.model import SCHEMA_VERSION, TITLE, Advice, NextStep

#: Names listed per entry of a team summary; counts always count everyone.
TEAM_NAMES_LISTED = 1000
#: Invalid rows kept in full for a team summary (``summary.invalid``); the rest are
#: counted only, so a roster of bad rows costs no more memory than one of good ones.
PROBLEMS_KEPT = 1000
#: Problems (invalid rows, repeated names) shown on standard error and in the tables of
#: the human-readable formats; the rest are counted.
PROBLEMS_LISTED = 50
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
        summary=(),
        titles=advice.titles[:1],
        courses=advice.courses[:TEAM_TOP_COURSES],
        skills=(),
        next=None
        if step is None
        else replace(step, roles=step.roles[:1], gaps=step.gaps[:1], gap_kinds=step.gap_kinds[:1]),
    )


_PERSON_NEXT = brief(
    "PersonNext",
    NextStep,
    "level",
    ("roles", "roles", json_field(shown=TITLE, max_length=1)),
    ("gaps", "gaps", json_field(max_length=1)),
    "take_on",
    "routes",
    doc="A team member's next step: as in an assessment, with the first role and gap only.",
)
#: One person's advice in a team report, with the assessment's own field names.
PERSON = brief(
    "Person",
    Advice,
    "level",
    "borderline",
    "borderline_with",
    (
        "titles",
        "titles",
        json_field(shown=TITLE, max_length=1, description="the best-fitting title"),
    ),
    ("next", "next", json_field(shown=_PERSON_NEXT)),
    (
        "courses",
        "courses",
        json_field(max_length=TEAM_TOP_COURSES, description="the first courses to take"),
    ),
    ("plan", "plan", json_field(description="the person's plan, as their own assessment has it")),
    (
        "answers",
        "answers",
        # Always there: everyone in a team report was assessed from answers.
        json_field(json_type=Answers, description="the validated answers, in schema 1")
        | {ONLY_WITH: None},
    ),
)


def _columns(extra: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return dict(extra)


@dataclass(frozen=True)
class TeamMember:
    """One person of a team report: their name (and id, and the roster's columns kept as
    they are, if it has any) and their assessment, shortened."""

    name: str
    #: The person's id from the roster's id column (a staff number), if it has one.
    id: str | None = field(
        default=None,
        kw_only=True,
        metadata=json_field(
            only_with="id", description="the person's id, from the roster's id column"
        ),
    )
    #: The roster's columns kept as they are: (header as spelt, cell), in its order.
    extra: tuple[tuple[str, str], ...] = field(
        default=(),
        kw_only=True,
        metadata=json_field(
            name="columns",
            only_with="extra",
            convert=_columns,
            json_type=dict[str, str],
            description="the roster's other columns, kept as they are: header to cell",
        ),
    )
    advice: Advice = field(metadata=json_field(convert=in_short, shown=PERSON, flatten=True))


@dataclass(frozen=True)
class InvalidRow:
    """A roster row that could not be assessed: where it is and why."""

    #: The line of a CSV, TSV or JSON Lines roster (None for a directory's files).
    line: int | None = field(metadata=json_field(ge=1, description="its line, or null"))
    #: The answers file, for a directory roster (None otherwise).
    file: str | None = field(
        metadata=json_field(description="for a directory roster: its file, or null")
    )
    reason: str = field(metadata=json_field(description="the message assess gives for it"))


@dataclass(frozen=True)
class Named:
    """A count of people and the first of their names, in roster order."""

    count: int = field(metadata=json_field(ge=0))
    #: At most :data:`TEAM_NAMES_LISTED` names; ``count`` counts everyone.
    people: tuple[str, ...] = field(metadata=json_field(max_length=TEAM_NAMES_LISTED))


#: A :class:`Named` written in the object that holds it.
_NAMED = json_field(flatten=True)


NOBODY = Named(0, ())


def _seats(count: str, people: str, description: str) -> dict[str, object]:
    """A :class:`Named` of seats written in its course's object, under these keys."""
    entry = (count, "count", json_field(ge=0, description=description))
    name = "".join(part.title() for part in count.split("_"))  # Seats, SeatsNow, SeatsNext
    return json_field(flatten=True, shown=brief(name, Named, entry, (people, "people")))


@dataclass(frozen=True)
class CourseDemand:
    """A course recommended to people of the team: its seats and who needs it.

    ``seats`` (with ``people``) counts everyone whose full list of courses names it,
    alternatives included, as the first versions of this report did; ``seats_now`` and
    ``seats_next`` are the seats to budget for: the course in the ``now`` or ``next``
    step of each person's plan, where a choice between equivalent courses is one seat,
    of the course recommended.
    """

    course_id: str = field(metadata=json_field(name="id"))
    name: str
    #: The lowest level it is recommended for.
    level: int = field(metadata=json_field(hidden=True))
    seats: Named = field(
        metadata=_seats(
            "seats",
            "people",
            "people whose full course list names it, alternatives included (see seats_now)",
        )
    )
    now: Named = field(
        default=NOBODY,
        metadata=_seats("seats_now", "people_now", "people whose plan takes it in the now step"),
    )
    next: Named = field(
        default=NOBODY,
        metadata=_seats("seats_next", "people_next", "people whose plan takes it in the next step"),
    )
    #: Ids of equivalent courses any one of which does instead (a choice is one seat).
    alternatives: tuple[str, ...] = field(
        default=(), metadata=json_field(description="ids of equivalent courses: one does as well")
    )
    provider: str = field(default="", metadata=json_field(description="who teaches it"))
    #: How long it takes, as the data says it ("2 days"), or None.
    length: str | None = None
    hours: float | None = field(
        default=None,
        metadata=json_field(convert=whole_number, description="typical hours, where known"),
    )
    #: Days a seat takes, read from ``length``; None where the data gives no length in days.
    days: float | None = field(
        default=None,
        metadata=json_field(
            convert=whole_number,
            description="days a seat takes, from the data's length; null where it gives none",
        ),
    )


@dataclass(frozen=True)
class TrainingDays:
    """The training the plans add up to: seats and days, now and next."""

    seats_now: int = field(metadata=json_field(ge=0))
    seats_next: int = field(metadata=json_field(ge=0))
    days_now: float = field(metadata=json_field(ge=0, convert=whole_number))
    days_next: float = field(metadata=json_field(ge=0, convert=whole_number))
    #: Seats (now and next) of courses whose data gives no length in days: not in the days.
    seats_without_days: int = field(
        metadata=json_field(ge=0, description="seats of courses with no length in days")
    )


@dataclass(frozen=True)
class GapGroup:
    """A kind of gap two or more people share, whatever their own figures
    ("fewer than five years for level 3")."""

    kind: str = field(
        metadata=json_field(
            description="pmo-work, activity, specialism, route, scope, team, years or experience"
        )
    )
    level: LevelNumber = field(metadata=json_field(description="the level the gap stands before"))
    #: An activity id, a route, a threshold: what the kind is about ("" if nothing).
    subject: str
    text: str = field(metadata=json_field(description="the gap in words, without ids"))
    people: Named = field(metadata=_NAMED)


@dataclass(frozen=True)
class SteppingUp:
    """People whose answers already point at the level above their own: ready to step up."""

    level: LevelNumber
    to_level: LevelNumber = field(metadata=json_field(name="to"))
    #: The role they are ready for: the first role of their next step.
    role: str
    people: Named = field(metadata=_NAMED)


@dataclass(frozen=True)
class BorderlineGroup:
    """People placed at ``level`` whose answers also point at ``with``."""

    level: LevelNumber
    with_level: LevelNumber = field(metadata=json_field(name="with"))
    people: Named = field(metadata=_NAMED)


@dataclass(frozen=True)
class SharedGap:
    """A step towards the next level that two or more people still have to take."""

    #: The level the gap stands before.
    level: LevelNumber = field(metadata=json_field(description="the level the gap stands before"))
    gap: str
    people: Named = field(
        metadata=json_field(
            flatten=True,
            shown=brief("TwoOrMore", Named, ("count", "count", json_field(ge=2)), "people"),
        )
    )


@dataclass(frozen=True)
class HeldCourse:
    """A course or certification people of the team already hold."""

    course_id: str = field(metadata=json_field(name="id"))
    name: str
    people: Named = field(metadata=_NAMED)


class LevelCounts(dict[str, int]):
    """People per level, by level number ("1", "2" …), every level present (zeros
    included)."""


def _per_level(counts: Iterable[tuple[int, int]]) -> LevelCounts:
    return LevelCounts((str(level), count) for level, count in counts)


def _focus_per_level(
    coverage: tuple[tuple[str, tuple[int, ...]], ...],
) -> dict[str, LevelCounts]:
    return {focus: _per_level(enumerate(counts, 1)) for focus, counts in coverage}


@dataclass(frozen=True)
class TeamSummary:
    """What a roster adds up to: the training-needs analysis of a team."""

    people: int = field(
        metadata=json_field(ge=0, description="people assessed (invalid rows not counted)")
    )
    #: Headcount per level, lowest first: (level number, people).
    levels: tuple[tuple[int, int], ...] = field(
        metadata=json_field(convert=_per_level, json_type=LevelCounts)
    )
    borderline: tuple[BorderlineGroup, ...]
    courses: tuple[CourseDemand, ...]
    #: Per focus area, in knowledge-base order: people per level, lowest first.
    focus_coverage: tuple[tuple[str, tuple[int, ...]], ...] = field(
        metadata=json_field(
            convert=_focus_per_level,
            json_type=dict[str, LevelCounts],
            description="per focus id, people per level",
        )
    )
    shared_gaps: tuple[SharedGap, ...]
    held: tuple[HeldCourse, ...]
    #: Shared gaps by kind, most people first; ``shared_gaps`` keeps each exact sentence.
    gaps_by_kind: tuple[GapGroup, ...] = ()
    #: Borderline people whose answers point up: succession.
    ready_to_step_up: tuple[SteppingUp, ...] = ()
    #: Borderline people whose answers also point down: not yet fully at their level.
    not_yet_at_level: tuple[BorderlineGroup, ...] = ()
    training: TrainingDays = field(default=TrainingDays(0, 0, 0, 0, 0))
    #: The first :data:`PROBLEMS_KEPT` rows skipped with ``--skip-invalid``.
    invalid: tuple[InvalidRow, ...] = field(
        default=(),
        metadata=json_field(
            max_length=PROBLEMS_KEPT,
            description=f"the first {PROBLEMS_KEPT:,} rows skipped with --skip-invalid",
        ),
    )
    #: Every row skipped, kept or not (never fewer than ``invalid`` lists).
    invalid_count: int = field(
        default=0,
        metadata=json_field(ge=0, description="every row skipped, listed in invalid or not"),
    )

    def __post_init__(self) -> None:
        if self.invalid_count < len(self.invalid):
            object.__setattr__(self, "invalid_count", len(self.invalid))


#: Names listed per entry of each group's summary with ``--group-by`` (counts count all).
GROUP_NAMES_LISTED = 100
#: Distinct values ``--group-by`` takes at most: a column for groups, not one per person.
GROUPS_KEPT = 1000


@dataclass(frozen=True)
class TeamGroup:
    """The summary of the people whose ``--group-by`` column holds ``value``."""

    value: str = field(metadata=json_field(description="the column's text for the group"))
    #: Its name lists hold at most :data:`GROUP_NAMES_LISTED` names.
    summary: TeamSummary = field(
        metadata=json_field(description=f"as the team's, with at most {GROUP_NAMES_LISTED} names")
    )


@dataclass(frozen=True)
class LevelMove:
    """People matched in both rosters whose level changed."""

    from_level: LevelNumber = field(metadata=json_field(name="from"))
    to_level: LevelNumber = field(metadata=json_field(name="to"))
    people: Named = field(metadata=_NAMED)


@dataclass(frozen=True)
class TeamChange:
    """What changed since an older roster (``--compare``): people matched by id, else by
    name. A gap closed is one a person matched in both had then and has no more; one
    opened, the other way round (a level up brings the next level's gaps)."""

    roster: str = field(metadata=json_field(description="the older roster"))
    joined: Named = field(metadata=json_field(shown=brief("Joined", Named, "count", "people")))
    left: Named = field(metadata=json_field(shown=brief("Left", Named, "count", "people")))
    moved: tuple[LevelMove, ...]
    gaps_closed: tuple[GapGroup, ...]
    gaps_opened: tuple[GapGroup, ...]


@dataclass(frozen=True)
class TeamReport:
    """``team``: each person's advice in short, and the summary of the team."""

    schema_version: Literal[1] = field(default=SCHEMA_VERSION, init=False)
    kind: Literal["team"] = field(default="team", init=False)
    roster: str = field(metadata=json_field(hidden=True))
    #: The headers of the roster's columns kept as they are, in its order.
    columns: tuple[str, ...] = field(default=(), kw_only=True, metadata=json_field(hidden=True))
    #: Whether the roster has an id column.
    has_ids: bool = field(default=False, kw_only=True, metadata=json_field(hidden=True))
    #: None with ``--summary``: the people are not kept, so memory stays flat.
    people: Sequence[TeamMember] | None = field(
        default=None,
        kw_only=True,
        metadata=json_field(only_with="people", description="left out with --summary"),
    )
    summary: TeamSummary
    #: The roster column ``--group-by`` named, and the summary per value of it.
    group_by: str | None = field(
        default=None,
        kw_only=True,
        metadata=json_field(only_with="groups", description="the column --group-by named"),
    )
    groups: tuple[TeamGroup, ...] | None = field(
        default=None,
        kw_only=True,
        metadata=json_field(
            only_with="groups", description="with --group-by: each group's summary"
        ),
    )
    compare: TeamChange | None = field(
        default=None,
        kw_only=True,
        metadata=json_field(only_with="compare", description="with --compare: changes since then"),
    )


_Item = TypeVar("_Item")


@dataclass
class FirstFew(Generic[_Item]):
    """A list that keeps its first ``limit`` items in full and counts the rest: every
    problem list of a team run, so that its memory and output are bounded whatever the
    roster holds."""

    limit: int
    #: The first ``limit`` items, in the order added.
    items: list[_Item] = field(default_factory=list)
    #: How many were added in all.
    count: int = 0

    def append(self, item: _Item) -> None:
        """Count an item in, and keep it if there is still room."""
        self.count += 1
        if len(self.items) < self.limit:
            self.items.append(item)

    def __len__(self) -> int:
        return self.count


_Part = TypeVar("_Part")

#: Distinct people's parts of a report kept for reuse while it is written.
PARTS_KEPT = 4096


def with_parts(
    people: Iterable[TeamMember], make: Callable[[Advice], _Part]
) -> Iterator[tuple[TeamMember, _Part]]:
    """Each person with the part of a report their advice makes, made once for people
    who share an advice (the same answers) and kept for the PARTS_KEPT advices used
    last, so a roster of many different people costs no more memory as it goes."""
    # Keyed by the advice's value: equal advice makes the same part.
    part_of = lru_cache(maxsize=PARTS_KEPT)(make)
    for member in people:
        yield member, part_of(member.advice)
