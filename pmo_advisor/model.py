"""The results the rules produce and the renderers show: small immutable dataclasses.

They are built by :mod:`pmo_advisor.rules` from already valid knowledge and answers, so
they need no validation of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

from pmo_advisor.knowledge import Activity, Course, DeliveryRole, Level, Scope, Seniority, Title
from pmo_advisor.knowledge.records import CourseKind

if TYPE_CHECKING:
    from pmo_advisor.answers import Answers

#: Version of the JSON output and of the answers file format.
SCHEMA_VERSION = 1


def course_kind_id(kind: str) -> str:
    """The stable id of a course kind, as ``courses --kind`` takes it: lower case, a
    trailing " course" left off, spaces as hyphens ("specialist course": "specialist")."""
    return kind.casefold().removesuffix(" course").replace(" ", "-")


#: The stable id of each course kind, by display name; a new kind gets one by the rule.
COURSE_KIND_IDS: dict[str, str] = {kind: course_kind_id(kind) for kind in get_args(CourseKind)}


@dataclass(frozen=True)
class Reason:
    """One reason behind a placement, naming the answer keys it rests on."""

    text: str
    answers: tuple[str, ...]


@dataclass(frozen=True)
class CourseAdvice:
    """A course recommended to a person, with the level it serves and why."""

    course_id: str
    name: str
    kind: str
    level: int
    length: str | None
    reason: str
    #: Prerequisites not held yet, to take first.
    prerequisites: tuple[str, ...]
    #: What the prerequisites mean in practice, where the data says (e.g. equivalents).
    prerequisite_note: str | None = None
    #: Who runs or sells it, and who certifies it (None where nobody does).
    provider: str = ""
    awarding_body: str | None = None
    #: Typical hours of study, where known.
    hours: float | None = None
    #: How it can be taken (classroom, virtual, elearning ...).
    delivery_modes: tuple[str, ...] = ()
    #: Its official web address, where there is one.
    url: str | None = None


@dataclass(frozen=True)
class Route:
    """One way into the next level: deepening a specialism, or PMO management."""

    kind: Literal["specialist", "management"]
    #: What the route means, from the knowledge base.
    summary: str
    roles: tuple[Title, ...]
    #: Ids of the route's activities the person does not carry yet.
    take_on: tuple[str, ...]
    #: The focus areas a specialist route follows.
    focus: tuple[str, ...] = ()


@dataclass(frozen=True)
class NextStep:
    """The level above a person's own: the roles there and what stands in the way."""

    level: Level
    roles: tuple[Title, ...]
    gaps: tuple[str, ...]
    #: Ids of the next level's activities the person does not carry yet.
    take_on: tuple[str, ...] = ()
    #: The ways up, the one that suits the person first.
    routes: tuple[Route, ...] = ()


@dataclass(frozen=True)
class PlanCourse:
    """One course in a person's plan: the one recommended among its equivalents, why
    it is there for this person, and whether they can sit it yet."""

    course_id: str
    name: str
    #: One sentence on why it is in the plan, for this person.
    why: str
    #: Equivalent courses from competing schemes (ids): one of them does as well.
    alternatives: tuple[str, ...] = ()
    #: Whether the person can sit it now; when not, ``condition`` says what they need.
    ready: bool = True
    condition: str | None = None
    #: Who owns the qualification; ``provider`` is who teaches it.
    owner: str | None = None
    provider: str = ""
    kind: str = ""
    length: str | None = None
    hours: float | None = None
    url: str | None = None


@dataclass(frozen=True)
class PlanAction:
    """Work to take on: a coach's first advice is usually work, not a course."""

    text: str


@dataclass(frozen=True)
class PlanStep:
    """One step of a plan: now (the next six to twelve months), next (towards the next
    role) or later (what is not yet within reach)."""

    when: Literal["now", "next", "later"]
    #: The role the step is towards, in words ("Reporting Manager (level 3)").
    role: str | None
    actions: tuple[PlanAction, ...]
    courses: tuple[PlanCourse, ...]


@dataclass(frozen=True)
class Plan:
    """A short, ranked development plan: the titles to apply for now and the steps."""

    titles_now: tuple[Title, ...]
    steps: tuple[PlanStep, ...]
    #: The route the plan follows: "specialist" or "management" (None at the top).
    route: str | None = None
    #: Next roles for each route, at most a few each, by route kind.
    next_roles: tuple[tuple[str, tuple[Title, ...]], ...] = ()
    #: The market the schemes were chosen for (None: the international default).
    market: str | None = None
    #: How the choice of schemes was made, when there is something to say about it.
    market_note: str | None = None

    def step(self, when: str) -> PlanStep | None:
        """The step for ``when``, if the plan has one."""
        return next((s for s in self.steps if s.when == when), None)


@dataclass(frozen=True)
class Advice:
    """An assessment (from answers) or a suggestion (for a level asked for).

    Both carry the same parts; an assessment also carries the answers it came from, a
    suggestion the filters it was asked with.
    """

    kind: Literal["assessment", "suggestion"]
    level: Level
    #: The other level the answers also point at, when they sit between two.
    borderline_with: int | None
    reasons: tuple[Reason, ...]
    titles: tuple[Title, ...]
    next: NextStep | None
    courses: tuple[CourseAdvice, ...]
    skills: tuple[str, ...]
    answers: Answers | None = None
    request: SuggestionRequest | None = None
    #: The level the person's responsibilities propose (assessments only); above
    #: ``level`` when the rest of the answers do not confirm it.
    proposed_level: int | None = None
    #: Ids of the evidence signals that confirm the level placed at.
    confirmed_by: tuple[str, ...] = ()
    #: The short, ranked plan (assessments only).
    plan: Plan | None = None
    #: Two or three sentences on where the person stands and why (assessments only).
    summary: tuple[str, ...] = ()

    @property
    def borderline(self) -> bool:
        """Whether the answers point at two levels."""
        return self.borderline_with is not None


@dataclass(frozen=True)
class SuggestionRequest:
    """What ``suggest`` was asked for: a level and optional filters."""

    level: int
    scope: Scope | None = None
    focus: tuple[str, ...] = ()
    held: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rung:
    """One level of the ladder as ``levels`` shows it."""

    level: Level
    titles: tuple[Title, ...]


@dataclass(frozen=True)
class Ladder:
    """The whole career ladder, lowest level first."""

    rungs: tuple[Rung, ...]


@dataclass(frozen=True)
class TitleMatch:
    """A knowledge-base title that an advert's title matches."""

    title: Title
    #: 0-100; 100 is the same title once both are read.
    score: float
    #: The name or alias that matched.
    matched: str


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


@dataclass(frozen=True)
class TitleLookup:
    """What one advert title means: its matches, best first, and its seniority words."""

    query: str
    matches: tuple[TitleMatch, ...]
    seniority: tuple[Seniority, ...] = ()
    #: Set when the query could not be read at all (for example, far too long).
    error: str | None = None
    #: Matches left out by --level or --scope.
    filtered_out: int = 0
    #: The delivery role the query names (Project Manager, Scrum Master), if any: a
    #: delivery job is recognised as one, never matched to a PMO title.
    delivery_role: DeliveryRole | None = None
    #: How the title was read (None only for a line that could not be read at all).
    reading: TitleReading | None = None


@dataclass(frozen=True)
class TitleLookups:
    """``titles QUERY`` (one lookup) or ``titles --from FILE`` (one per line)."""

    lookups: tuple[TitleLookup, ...]
    #: Whether the queries came one per line from a file, to be shown one per line.
    batch: bool
    #: The score a match needs to be listed.
    threshold: int


@dataclass(frozen=True)
class TitleListing:
    """``titles`` without a query: every title, by level and kind of PMO."""

    titles: tuple[Title, ...]
    level: int | None = None
    scope: Scope | None = None


@dataclass(frozen=True)
class Catalogue:
    """``courses``: the courses that pass the filters asked for."""

    courses: tuple[Course, ...]
    level: int | None = None
    focus: tuple[str, ...] = ()
    kind: str | None = None
    #: The provider or awarding body asked for, as typed.
    provider: str | None = None


@dataclass(frozen=True)
class RoadmapStep:
    """One level on the way to the target: its roles, work, experience and courses."""

    level: Level
    roles: tuple[Title, ...]
    #: Specialist titles at this level that match the focus asked for.
    specialists: tuple[Title, ...]
    take_on: tuple[Activity, ...]
    experience: str
    courses: tuple[CourseAdvice, ...]


@dataclass(frozen=True)
class Roadmap:
    """``plan``: the route from one level to another, a step per level."""

    start: int
    target: int
    steps: tuple[RoadmapStep, ...]
    focus: tuple[str, ...] = ()
    held: tuple[str, ...] = ()
    #: Why there are no steps, when the target is not above the start.
    note: str | None = None
    #: Set when the start came from answers rather than --from.
    answers: Answers | None = None


@dataclass(frozen=True)
class ActivityListing:
    """``activities``: the activities that pass the filters asked for, by level."""

    activities: tuple[Activity, ...]
    level: int | None = None
    focus: tuple[str, ...] = ()
