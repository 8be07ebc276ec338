"""The records the knowledge base is made of: small immutable dataclasses.

They are plain dataclasses rather than pydantic models because a cached knowledge base is
rebuilt from them at every start-up without validation, and dataclasses cost next to
nothing to define and create. pydantic validates them, from the annotations below, only
when the data files have changed (see :mod:`pmo_advisor.knowledge.validate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

# Only Field and ConfigDict: typer loads them anyway, while pydantic's other constraint
# types would add a module to every start-up.
from pydantic import ConfigDict, Field

Scope = Literal["project", "programme", "portfolio", "enterprise"]
#: Scopes from the narrowest to the widest; the rules rely on this order.
SCOPES: tuple[Scope, ...] = ("project", "programme", "portfolio", "enterprise")

Id = Annotated[str, Field(strict=True, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, Field(strict=True, min_length=1, max_length=2000)]
LevelNumber = Annotated[int, Field(strict=True, ge=1, le=4)]
Flag = Annotated[bool, Field(strict=True)]
CourseKind = Literal["certification", "specialist course", "eLearning", "coaching"]

#: How pydantic treats every record: a key that is not a field is an error.
RECORD_CONFIG = ConfigDict(extra="forbid")


@dataclass(frozen=True)
class ScopeInfo:
    """One kind of PMO a person can work in."""

    __pydantic_config__: ClassVar[ConfigDict] = RECORD_CONFIG

    id: Scope
    name: Text
    description: Text


@dataclass(frozen=True)
class FocusArea:
    """Something a PMO's work can centre on, such as reporting or planning."""

    __pydantic_config__: ClassVar[ConfigDict] = RECORD_CONFIG

    id: Id
    name: Text
    description: Text


@dataclass(frozen=True)
class Activity:
    """A responsibility a person carries regularly, tied to one level of the ladder."""

    __pydantic_config__: ClassVar[ConfigDict] = RECORD_CONFIG

    id: Id
    level: LevelNumber
    #: A verb phrase that reads after "You ...", e.g. "line-manage PMO staff".
    does: Text
    focus: Id | None = None
    #: Whether doing this means people report to you (checked against team_size).
    manages_people: Flag = False


@dataclass(frozen=True)
class Typical:
    """What people at a level usually bring; supports a placement, never decides it."""

    __pydantic_config__: ClassVar[ConfigDict] = RECORD_CONFIG

    min_years: Annotated[float, Field(ge=0, le=60, allow_inf_nan=False)]
    min_scope: Scope
    min_team: Annotated[int, Field(strict=True, ge=0)]


@dataclass(frozen=True)
class Level:
    """One rung of the four-level PMO career ladder."""

    __pydantic_config__: ClassVar[ConfigDict] = RECORD_CONFIG

    number: LevelNumber
    stage: Text
    title: Text
    summary: Text
    pmo_types: Annotated[tuple[Scope, ...], Field(min_length=1)]
    knowledge: Annotated[tuple[Text, ...], Field(min_length=1)]
    skills: Annotated[tuple[Text, ...], Field(min_length=1)]
    typical: Typical
    experience_note: Text
    #: One line on what moves a person from this level to the next (none at the top).
    moves_up: Text | None = None


@dataclass(frozen=True)
class Title:
    """A job title and the level or levels it usually means."""

    __pydantic_config__: ClassVar[ConfigDict] = RECORD_CONFIG

    name: Text
    levels: Annotated[tuple[LevelNumber, ...], Field(min_length=1, max_length=2)]
    pmo_type: Scope | None
    focus: tuple[Id, ...] = ()
    #: For a title at two levels: what tells the two apart.
    decided_by: Text | None = None

    @property
    def is_specialist(self) -> bool:
        """Specialist titles are the ones tied to focus areas."""
        return bool(self.focus)


@dataclass(frozen=True)
class Course:
    """A course, certification or coaching offer in the catalogue."""

    __pydantic_config__: ClassVar[ConfigDict] = RECORD_CONFIG

    id: Id
    name: Text
    kind: CourseKind
    levels: Annotated[tuple[LevelNumber, ...], Field(min_length=1)]
    summary: Text
    core: Flag = False
    length: Text | None = None
    focus: tuple[Id, ...] = ()
    activities: tuple[Id, ...] = ()
    prerequisites: tuple[Id, ...] = ()
    prerequisite_note: Text | None = None
