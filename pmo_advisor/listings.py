"""The results of the commands that look things up rather than place a person: the
ladder (``levels``), title listings and look-ups (``titles``), the course catalogue
(``courses``), the roadmap (``plan``) and the activity listing (``activities``).

They are made as :mod:`pmo_advisor.model`'s are, and their fields define their JSON in
the same way. They live apart so that an assessment, the command run most, does not
define them at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from pmo_advisor.jsonfields import brief, json_field
from pmo_advisor.knowledge import Activity, Course, DeliveryRole, Level, Scope, Seniority, Title
from pmo_advisor.knowledge.records import CourseKindId
from pmo_advisor.model import (
    ECHOED,
    HOURS,
    LEVEL,
    SCHEMA_VERSION,
    SCOPE,
    TITLE,
    CourseAdvice,
    course_kind_id,
)
from pmo_advisor.title_reading import TitleReading

if TYPE_CHECKING:
    from pmo_advisor.answers import Answers

#: A course's kind as ``courses --kind`` takes it, beside its display name.
KIND_ID = json_field(convert=course_kind_id, json_type=CourseKindId)
COURSE = brief(
    "Course",
    Course,
    "id", "name", "kind", ("kind_id", "kind", KIND_ID), "levels", "focus",
    "length", "prerequisites", "prerequisite_note", "summary", "provider", "awarding_body",
    ("hours", "hours", HOURS), "delivery_modes", "url", "aliases", "topics", "satisfies",
    "same_as", "entry_met_by", "entry_met_at_level", "expects_delivery", "owner",
    "primary_focus", "contexts", "outranks", "entry",
    doc="A course of the catalogue.",
)  # fmt: skip
ACTIVITY = brief("Activity", Activity, "id", "level", "focus", "track", "does")
TAKE_ON = brief("TakeOn", Activity, "id", "does", doc="An activity to take on.")
DELIVERY_ROLE = brief(
    "DeliveryRole",
    DeliveryRole,
    "name",
    "levels",
    "background",
    "note",
    "evidence",
    doc="A delivery role an advert's title names: not a PMO title, but evidence.",
)


@dataclass(frozen=True)
class Rung:
    """One level of the ladder as ``levels`` shows it."""

    level: Level
    titles: tuple[Title, ...] = field(metadata=json_field(shown=TITLE))


RUNG = brief(
    "Rung",
    Rung,
    "level.number", "level.stage", "level.title", "level.summary",
    ("pmo_types", "level.pmo_types", json_field(json_type=tuple[Scope, ...], min_length=1)),
    "titles", "level.moves_up",
    doc="A level of the whole ladder, with its titles.",
)  # fmt: skip


@dataclass(frozen=True)
class Ladder:
    """``levels``: the whole career ladder, lowest level first."""

    schema_version: Literal[1] = field(default=SCHEMA_VERSION, init=False)
    kind: Literal["ladder"] = field(default="ladder", init=False)
    rungs: tuple[Rung, ...] = field(metadata=json_field(name="levels", shown=RUNG))


@dataclass(frozen=True)
class TitleMatch:
    """A knowledge-base title that an advert's title matches."""

    title: Title
    #: 0-100; 100 is the same title once both are read.
    score: float = field(metadata=json_field(ge=0, le=100))
    #: The name or alias that matched.
    matched: str


MATCH = brief(
    "Match",
    TitleMatch,
    ("title", "title.name"), "title.levels", ("pmo_type", "title.pmo_type", SCOPE), "score",
    "matched", "title.decided_by",
    doc="A title an advert's title matched.",
)  # fmt: skip


@dataclass(frozen=True)
class TitleLookup:
    """``titles TITLE``: what one advert title means, its matches best first and its
    seniority words (one per line with --from)."""

    schema_version: Literal[1] = field(default=SCHEMA_VERSION, init=False)
    kind: Literal["title_lookup"] = field(default="title_lookup", init=False)
    query: str
    matches: tuple[TitleMatch, ...] = field(metadata=json_field(shown=MATCH))
    seniority: tuple[Seniority, ...] = ()
    #: The score a match needs to be listed (set by the reader, and by the
    #: :class:`TitleLookups` holding it).
    threshold: int = 0
    #: The delivery role the query names (Project Manager, Scrum Master), if any: a
    #: delivery job is recognised as one, never matched to a PMO title.
    delivery_role: DeliveryRole | None = field(
        default=None,
        metadata=json_field(
            shown=DELIVERY_ROLE, description="set when the title is a delivery role"
        ),
    )
    #: Set when the query could not be read at all (for example, far too long).
    error: str | None = field(
        default=None,
        metadata=json_field(
            only_with="error", description="only for a line that could not be read"
        ),
    )
    #: Matches left out by --level or --scope.
    filtered_out: int = field(default=0, metadata=json_field(hidden=True))
    #: How the title was read (None only for a line that could not be read at all).
    reading: TitleReading | None = field(
        default=None,
        metadata=json_field(
            only_with="reading", description="how the title was read (docs/titles.md)"
        ),
    )


@dataclass(frozen=True)
class TitleLookups:
    """``titles QUERY`` (one lookup) or ``titles --from FILE`` (one per line)."""

    lookups: tuple[TitleLookup, ...]
    #: Whether the queries came one per line from a file, to be shown one per line.
    batch: bool
    #: The score a match needs to be listed.
    threshold: int

    def __post_init__(self) -> None:
        # Each lookup's JSON names the score its matches needed.
        # The reader sets it already: only a lookup made elsewhere is made again.
        if any(lookup.threshold != self.threshold for lookup in self.lookups):
            lookups = tuple(
                lookup
                if lookup.threshold == self.threshold
                else replace(lookup, threshold=self.threshold)
                for lookup in self.lookups
            )
            object.__setattr__(self, "lookups", lookups)


@dataclass(frozen=True)
class TitleListing:
    """``titles`` without a title: every title, by level and kind of PMO."""

    schema_version: Literal[1] = field(default=SCHEMA_VERSION, init=False)
    kind: Literal["titles"] = field(default="titles", init=False)
    titles: tuple[Title, ...] = field(metadata=json_field(shown=TITLE))
    level: int | None = field(default=None, metadata=json_field(hidden=True))
    scope: Scope | None = field(default=None, metadata=json_field(hidden=True))


@dataclass(frozen=True)
class Catalogue:
    """``courses``: the courses that pass the filters asked for."""

    schema_version: Literal[1] = field(default=SCHEMA_VERSION, init=False)
    result_kind: Literal["courses"] = field(
        default="courses", init=False, metadata=json_field(name="kind")
    )
    courses: tuple[Course, ...] = field(metadata=json_field(shown=COURSE))
    level: int | None = field(default=None, metadata=json_field(hidden=True))
    focus: tuple[str, ...] = field(default=(), metadata=json_field(hidden=True))
    #: The kind of course asked for (``--kind``).
    kind: str | None = field(default=None, metadata=json_field(hidden=True))
    #: The provider or awarding body asked for, as typed.
    provider: str | None = field(default=None, metadata=json_field(hidden=True))


@dataclass(frozen=True)
class RoadmapStep:
    """One level on the way to the target: its roles, work, experience and courses."""

    level: Level = field(metadata=json_field(shown=LEVEL))
    roles: tuple[Title, ...] = field(metadata=json_field(shown=TITLE))
    #: Specialist titles at this level that match the focus asked for.
    specialists: tuple[Title, ...] = field(metadata=json_field(shown=TITLE))
    take_on: tuple[Activity, ...] = field(metadata=json_field(shown=TAKE_ON))
    experience: str
    courses: tuple[CourseAdvice, ...]


@dataclass(frozen=True)
class Roadmap:
    """``plan``: the route from one level to a higher one, a step per level."""

    schema_version: Literal[1] = field(default=SCHEMA_VERSION, init=False)
    kind: Literal["plan"] = field(default="plan", init=False)
    start: int = field(metadata=json_field(name="from"))
    target: int = field(metadata=json_field(name="to"))
    focus: tuple[str, ...] = ()
    held: tuple[str, ...] = ()
    #: Why there are no steps, when the target is not above the start.
    note: str | None = None
    steps: tuple[RoadmapStep, ...] = field(kw_only=True)
    #: Set when the start came from answers rather than --from.
    answers: Answers | None = field(
        default=None, metadata=ECHOED | json_field(description="with --answers only")
    )


@dataclass(frozen=True)
class ActivityListing:
    """``activities``: the activities that pass the filters asked for, by level."""

    schema_version: Literal[1] = field(default=SCHEMA_VERSION, init=False)
    kind: Literal["activities"] = field(default="activities", init=False)
    activities: tuple[Activity, ...] = field(metadata=json_field(shown=ACTIVITY))
    level: int | None = field(default=None, metadata=json_field(hidden=True))
    focus: tuple[str, ...] = field(default=(), metadata=json_field(hidden=True))
