"""The results of an assessment or a suggestion (:class:`Advice`, its plan and its parts),
and the JSON metadata every result shares: small immutable dataclasses. The other
commands' results are in :mod:`pmo_advisor.listings`.

They are built by :mod:`pmo_advisor.rules` from already valid knowledge and answers, so
they need no validation of their own. Each is also the definition of its JSON and of that
JSON's schema: a field's place, name and type are its key's, and field metadata
(:mod:`pmo_advisor.jsonfields`) says where the JSON differs. A new JSON field is a new
field here (and a line in the JSON documentation).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import methodcaller
from typing import TYPE_CHECKING, Literal

from pmo_advisor.gapkind import GapKind
from pmo_advisor.jsonfields import brief, json_field, whole_number
from pmo_advisor.knowledge import Level, Scope, Title
from pmo_advisor.knowledge.records import CourseKind, CourseKindId

if TYPE_CHECKING:
    from pmo_advisor.answers import Answers

#: Version of the JSON output and of the answers file format.
SCHEMA_VERSION: Literal[1] = 1


def course_kind_id(kind: str) -> str:
    """The stable id of a course kind, as ``courses --kind`` takes it: lower case, a
    trailing " course" left off, spaces as hyphens ("specialist course": "specialist")."""
    return kind.casefold().removesuffix(" course").replace(" ", "-")


# How knowledge records read inside results: a few of their fields each.
LEVEL = brief("Level", Level, "number", "stage", "title", "summary", doc="A level of the ladder.")
#: Scopes and course kinds are the data's words: the published schema lists those the
#: shipped data holds (schemas.py reads them from the knowledge base).
SCOPE = json_field(json_type=Scope | None)
_KINDS = json_field(json_type=CourseKind)
TITLE = brief(
    "Title", Title, ("title", "name"), ("pmo_type", "pmo_type", SCOPE), "focus", "levels",
    "decided_by",
    doc="A job title.",
)  # fmt: skip
_KIND_IDS = json_field(json_type=CourseKindId)
#: Hours of study, written as a whole number where they are one.
HOURS = json_field(convert=whole_number)
#: The answers a result came from, as they echo them.
ECHOED = json_field(convert=methodcaller("echoed"), only_with="answers")


@dataclass(frozen=True)
class Reason:
    """One reason behind a placement, naming the answer keys it rests on."""

    text: str
    answers: tuple[str, ...]


@dataclass(frozen=True)
class CourseAdvice:
    """A course recommended to a person, with the level it serves and why."""

    course_id: str = field(metadata=json_field(name="id"))
    name: str
    kind: str = field(metadata=_KINDS)
    #: The kind's stable id, as ``courses --kind`` takes it.
    kind_id: str = field(init=False, metadata=_KIND_IDS)
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
    hours: float | None = field(default=None, metadata=HOURS)
    #: How it can be taken (classroom, virtual, elearning ...).
    delivery_modes: tuple[str, ...] = ()
    #: Its official web address, where there is one.
    url: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind_id", course_kind_id(self.kind))


@dataclass(frozen=True)
class Route:
    """One way into the next level: deepening a specialism, or PMO management."""

    kind: Literal["specialist", "management"]
    #: What the route means, from the knowledge base.
    summary: str
    #: The focus areas a specialist route follows.
    focus: tuple[str, ...] = field(default=(), kw_only=True)
    roles: tuple[Title, ...] = field(metadata=json_field(shown=TITLE))
    #: Ids of the route's activities the person does not carry yet.
    take_on: tuple[str, ...]


@dataclass(frozen=True)
class NextStep:
    """The level above a person's own: the roles there and what stands in the way."""

    level: Level = field(metadata=json_field(shown=LEVEL))
    roles: tuple[Title, ...] = field(metadata=json_field(shown=TITLE))
    gaps: tuple[str, ...]
    #: Ids of the next level's activities the person does not carry yet.
    take_on: tuple[str, ...] = ()
    #: The ways up, the one that suits the person first.
    routes: tuple[Route, ...] = ()
    #: The kind of each gap, in the order of ``gaps``: what a team report groups by.
    gap_kinds: tuple[GapKind, ...] = field(default=(), metadata=json_field(hidden=True))


@dataclass(frozen=True)
class PlanCourse:
    """One course in a person's plan: the one recommended among its equivalents, why
    it is there for this person, and whether they can sit it yet."""

    course_id: str = field(metadata=json_field(name="id"))
    name: str
    #: One sentence on why it is in the plan, for this person.
    why: str = field(
        metadata=json_field(description="one sentence on why it is in the plan, for this person")
    )
    #: Equivalent courses from competing schemes (ids): one of them does as well.
    alternatives: tuple[str, ...] = field(
        default=(), metadata=json_field(description="ids of equivalent courses: one does as well")
    )
    #: Whether the person can sit it now; when not, ``condition`` says what they need.
    ready: bool = field(
        default=True, metadata=json_field(description="whether the person can sit it now")
    )
    condition: str | None = field(
        default=None, metadata=json_field(description="what they need first, when not ready")
    )
    #: Who owns the qualification; ``provider`` is who teaches it.
    owner: str | None = field(
        default=None, metadata=json_field(description="who owns the qualification")
    )
    provider: str = field(default="", metadata=json_field(description="who teaches it"))
    kind: str = field(kw_only=True, metadata=_KINDS)
    length: str | None = None
    hours: float | None = field(default=None, metadata=HOURS)
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
class PlanRoles:
    """The next roles for one route up, as a plan's JSON lists them."""

    route: Literal["specialist", "management"]
    roles: tuple[Title, ...] = field(metadata=json_field(shown=TITLE))


def _roles_by_route(
    next_roles: tuple[tuple[str, tuple[Title, ...]], ...],
) -> tuple[PlanRoles, ...]:
    return tuple(PlanRoles(kind, roles) for kind, roles in next_roles)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Plan:
    """A person's short, ranked development plan: the titles to apply for now and the
    steps."""

    titles_now: tuple[Title, ...] = field(
        metadata=json_field(shown=TITLE, description="the titles to apply for now, best first")
    )
    #: The route the plan follows: "specialist" or "management" (None at the top).
    route: Literal["specialist", "management"] | None = None
    #: The market the schemes were chosen for (None: the international default).
    market: str | None = None
    #: How the choice of schemes was made, when there is something to say about it.
    market_note: str | None = None
    #: Next roles for each route, at most a few each, by route kind.
    next_roles: tuple[tuple[str, tuple[Title, ...]], ...] = field(
        default=(),
        metadata=json_field(convert=_roles_by_route, json_type=tuple[PlanRoles, ...]),
    )
    steps: tuple[PlanStep, ...] = field(kw_only=True)

    def step(self, when: str) -> PlanStep | None:
        """The step for ``when``, if the plan has one."""
        return next((s for s in self.steps if s.when == when), None)


@dataclass(frozen=True)
class Advice:
    """An assessment (from answers) or a suggestion (for a level asked for).

    Both carry the same parts; an assessment also carries the answers it came from, a
    suggestion the filters it was asked with.
    """

    schema_version: Literal[1] = field(default=SCHEMA_VERSION, init=False)
    kind: Literal["assessment", "suggestion"]
    level: Level = field(metadata=json_field(shown=LEVEL))
    #: Whether the answers point at two levels.
    borderline: bool = field(init=False)
    #: The other level the answers also point at, when they sit between two.
    borderline_with: int | None
    reasons: tuple[Reason, ...]
    titles: tuple[Title, ...] = field(metadata=json_field(shown=TITLE))
    next: NextStep | None
    courses: tuple[CourseAdvice, ...]
    skills: tuple[str, ...]
    answers: Answers | None = field(
        default=None, metadata=ECHOED | json_field(description="assess only")
    )
    #: The level the person's responsibilities propose (assessments only); above
    #: ``level`` when the rest of the answers do not confirm it.
    proposed_level: int | None = field(
        default=None,
        metadata=json_field(
            only_with="answers",
            description="assess only: the level the responsibilities propose",
        ),
    )
    #: Ids of the evidence signals that confirm the level placed at.
    confirmed_by: tuple[str, ...] = field(
        default=(),
        metadata=json_field(
            only_with="answers",
            description="assess only: the evidence signals confirming the level",
        ),
    )
    #: Two or three sentences on where the person stands and why (assessments only).
    summary: tuple[str, ...] = field(
        default=(),
        metadata=json_field(
            only_with="answers",
            description="assess only: where the person stands and why, in short",
        ),
    )
    #: The short, ranked plan (assessments only).
    plan: Plan | None = field(
        default=None,
        metadata=json_field(
            only_with="answers", description="assess only: the short, ranked development plan"
        ),
    )
    request: SuggestionRequest | None = field(
        default=None, metadata=json_field(only_with="request", description="suggest only")
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "borderline", self.borderline_with is not None)

    def __hash__(self) -> int:
        # A team report looks each person's advice up by its value (functools.lru_cache),
        # and people with the same answers share one advice: its deep hash is worked out
        # once, not once per person.
        known: int | None = self.__dict__.get("_hash")
        if known is None:
            known = hash(tuple(getattr(self, f.name) for f in fields(self)))
            object.__setattr__(self, "_hash", known)
        return known

    def __getstate__(self) -> dict[str, object]:
        # A string's hash differs from one process to the next: a pickle leaves it out.
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}


@dataclass(frozen=True)
class SuggestionRequest:
    """What ``suggest`` was asked for: a level and optional filters."""

    level: int
    scope: Scope | None = None
    focus: tuple[str, ...] = ()
    held: tuple[str, ...] = ()
