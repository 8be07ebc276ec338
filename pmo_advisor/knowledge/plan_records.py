"""The records of plan.yaml: what shapes a development plan.

Its limits, the choices between competing schemes, the contexts courses belong to, which
titles fit whom, and when experience comes before another certificate. Plain
dataclasses, validated by pydantic as the other records are
(:mod:`pmo_advisor.knowledge.records`).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Annotated, ClassVar

from pmo_advisor.knowledge.records import RECORD_CONFIG, Id, bounds


@dataclass(frozen=True)
class Choice:
    """Competing schemes that certify the same role: a plan recommends one of them and
    names the others as equivalents. Holding any member retires the rest."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    id: Id
    #: What the choice is, after "Course for": "a PMO certificate at analyst level".
    name: bounds.Text
    members: Annotated[tuple[Id, ...], bounds.MinLen(2)]
    #: The member recommended where the market has no preference of its own.
    default: Id
    #: The member preferred in a context (construction and engineering: AACE PSP), over
    #: the default but not over the person's market.
    by_context: dict[Id, Id] = dataclass_field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """Where a person works, as far as courses care: a course tied to a context is the
    usual choice there and rarely elsewhere (Primavera P6 in engineering)."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    id: Id
    name: bounds.Text
    #: Words in a job title that place a person here ("construction", "mining").
    words: tuple[Annotated[str, bounds.Len(1, 40)], ...] = ()
    #: Courses whose holders work here (AACE PSP held: engineering project controls).
    courses: tuple[Id, ...] = ()
    #: Course topics a person works in that place them here (agile: IT and digital).
    topics: tuple[Id, ...] = ()


@dataclass(frozen=True)
class PlanLimits:
    """How much a plan may hold, so that it stays a plan."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    now_actions: Annotated[int, bounds.Interval(ge=1, le=10)]
    now_courses: Annotated[int, bounds.Interval(ge=0, le=10)]
    next_courses: Annotated[int, bounds.Interval(ge=0, le=10)]
    later_courses: Annotated[int, bounds.Interval(ge=0, le=10)]
    #: Distinct courses in the whole plan; alternatives do not count.
    courses: Annotated[int, bounds.Interval(ge=1, le=20)]
    titles_now: Annotated[int, bounds.Interval(ge=1, le=20)]
    #: Next roles shown for each route.
    next_roles: Annotated[int, bounds.Interval(ge=1, le=20)]


@dataclass(frozen=True)
class TitleFit:
    """Title words that fit only some experience: a trainee title after years in post,
    or a head-of title after months, is no title to apply for."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    words: Annotated[tuple[Annotated[str, bounds.Len(1, 40)], ...], bounds.MinLen(1)]
    #: Titles with these words fit people with fewer years than this ...
    below_years: Annotated[float, bounds.Interval(ge=0, le=60)] | None = None
    #: ... or with at least this many.
    from_years: Annotated[float, bounds.Interval(ge=0, le=60)] | None = None


@dataclass(frozen=True)
class ExperienceFirst:
    """When more certificates are not the next step: many held, little experience."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    held: Annotated[int, bounds.Ge(1)]
    below_years: Annotated[float, bounds.Interval(ge=0, le=60)]
    #: The action a plan gives instead of another course.
    action: bounds.Text


@dataclass(frozen=True)
class LevelChoice:
    """The choice of certificate that certifies a level's core role."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    level: bounds.LevelNumber
    choice: Id


@dataclass(frozen=True)
class PlanRules:
    """What shapes a development plan (plan.yaml): its limits, the choices between
    competing schemes, the contexts courses belong to and which titles fit whom."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    limits: PlanLimits
    choices: tuple[Choice, ...]
    contexts: tuple[Context, ...]
    title_fit: tuple[TitleFit, ...]
    experience_first: ExperienceFirst
    #: The choice that certifies each level's core role.
    level_choices: tuple[LevelChoice, ...]
    #: Courses a returner is offered first (CV and interview help): title words.
    returner_words: tuple[Annotated[str, bounds.Len(1, 40)], ...] = ()
    returner_courses: tuple[Id, ...] = ()
    #: A returner's first action, before any work of the level above.
    returner_action: bounds.Text | None = None
    #: Courses in leading people, for a specialism's lead who has people to lead.
    leadership_courses: tuple[Id, ...] = ()
