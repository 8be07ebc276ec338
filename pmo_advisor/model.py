"""Typed, immutable answers and results shared by the rules, the renderers and the CLI.

:class:`Answers` is validated with pydantic against the knowledge base (answers schema 1,
a public contract documented in the README). The results are frozen dataclasses: the
rules build them from already valid data, so they need no validation of their own.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from pmo_advisor.knowledge import Knowledge, Level, Scope, Title
from pmo_advisor.nearest import unknown_choice

#: Version of the answers file format and of the JSON output.
SCHEMA_VERSION = 1

#: Answer keys in the order they are shown, saved and asked.
ANSWER_KEYS: tuple[str, ...] = (
    "title",
    "years",
    "scope",
    "activities",
    "focus",
    "team_size",
    "qualifications",
)
REQUIRED_KEYS: tuple[str, ...] = ("years", "scope", "activities")
LIST_KEYS: tuple[str, ...] = ("activities", "focus", "qualifications")

MAX_YEARS = 60
MAX_TEAM = 100_000
MAX_TITLE = 200


class Answers(BaseModel):
    """What a person told the advisor about their work (answers schema 1).

    Validate with ``Answers.model_validate(data, context={"knowledge": knowledge})``: ids
    are checked against the knowledge base, matched case-insensitively, de-duplicated and
    put in the knowledge base's order, so that the order they were given in never matters.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    years: Annotated[float, Field(ge=0, le=MAX_YEARS, allow_inf_nan=False)]
    """Years working in project support, PMO or project delivery."""
    scope: Scope
    """The widest scope of PMO work the person does."""
    activities: tuple[str, ...] = Field(min_length=1)
    """Activity ids for what the person does regularly."""
    focus: tuple[str, ...] = ()
    """Focus area ids for what their PMO work centres on."""
    team_size: Annotated[int, Field(ge=0, le=MAX_TEAM)] = 0
    """How many people report to them."""
    title: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TITLE)] | None = (
        None
    )
    """Their current job title, if they gave one."""
    qualifications: tuple[str, ...] = ()
    """Course ids for courses and certifications they already hold."""

    @field_validator("years", "team_size", mode="before")
    @classmethod
    def _no_booleans(cls, value: Any) -> Any:
        # YAML reads "yes" and "no" as booleans, and bool is an int in Python.
        if isinstance(value, bool):
            raise ValueError("must be a number, not true/false")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value

    @field_validator("scope", mode="before")
    @classmethod
    def _scope_id(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str):
            lowered = value.strip().casefold()
            scopes = _knowledge(info).scope_ids
            if lowered not in scopes:
                raise ValueError(unknown_choice("scope", value, scopes))
            return lowered
        return value

    @field_validator("title", mode="before")
    @classmethod
    def _title_text(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("activities", "focus", "qualifications", mode="before")
    @classmethod
    def _known_ids(cls, value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, list | tuple):
            return value
        knowledge = _knowledge(info)
        pool, what = {
            "activities": (knowledge.activity_ids, "activity"),
            "focus": (knowledge.focus_ids, "focus area"),
            "qualifications": (knowledge.course_ids, "course"),
        }[str(info.field_name)]
        given: set[str] = set()
        for item in value:
            if not isinstance(item, str):
                raise ValueError(f"each item must be a {what} id (text), got {item!r}")
            lowered = item.strip().casefold()
            if lowered not in pool:
                raise ValueError(unknown_choice(what, item, pool))
            given.add(lowered)
        return ordered(given, pool)

    def given(self) -> dict[str, Any]:
        """The answers as plain data in schema 1, leaving out optional keys not given."""
        data = self.model_dump(mode="json")
        result: dict[str, Any] = {}
        for key in ANSWER_KEYS:
            value = data[key]
            if key in REQUIRED_KEYS or value not in (None, [], 0):
                result[key] = value
        if float(result["years"]).is_integer():
            result["years"] = int(result["years"])
        return result


def _knowledge(info: ValidationInfo) -> Knowledge:
    context = info.context
    if not isinstance(context, dict) or not isinstance(context.get("knowledge"), Knowledge):
        raise TypeError("Answers must be validated with context={'knowledge': Knowledge}")
    knowledge: Knowledge = context["knowledge"]
    return knowledge


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
    prerequisites: tuple[str, ...]


@dataclass(frozen=True)
class NextStep:
    """The level above a person's own: the roles there and what stands in the way."""

    level: Level
    roles: tuple[Title, ...]
    gaps: tuple[str, ...]


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


def ordered(ids: Iterable[str], canonical: Sequence[str]) -> tuple[str, ...]:
    """Ids in the knowledge base's order, without repeats."""
    wanted = set(ids)
    return tuple(i for i in canonical if i in wanted)
