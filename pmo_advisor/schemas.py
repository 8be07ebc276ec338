"""JSON Schemas of the public JSON contracts, generated from pydantic models.

``pmo-advisor schema NAME`` prints one. ``answers`` comes from the answers keys'
definitions; ``result`` from the models below, which describe what
:mod:`pmo_advisor.render.json` writes for every command but ``team``, told apart by
``kind``; ``team`` from the team report's models. The tests check every golden file,
README example, saved answers file and team report against them, so the models and the
output cannot drift apart. Another contract is one more entry in :data:`SCHEMAS`.

The published schemas allow properties they do not name, because the contract only ever
adds fields: a consumer checking against this version keeps working with the next.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, WithJsonSchema
from pydantic.json_schema import SkipJsonSchema

from pmo_advisor import PROG
from pmo_advisor.answers.schema import json_schema as answers_json_schema
from pmo_advisor.knowledge.records import CourseKind, Scope, Track
from pmo_advisor.model import COURSE_KIND_IDS
from pmo_advisor.teamreport import PROBLEMS_KEPT, TEAM_NAMES_LISTED, TEAM_TOP_COURSES

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: The id of each course kind, beside its display name.
CourseKindId = Annotated[
    str, WithJsonSchema({"type": "string", "enum": sorted(set(COURSE_KIND_IDS.values()))})
]


class _Out(BaseModel):
    model_config = ConfigDict(populate_by_name=True)


class LevelOut(_Out):
    """A level of the ladder."""

    number: Annotated[int, Field(ge=1, le=4)]
    stage: str
    title: str
    summary: str


class TitleOut(_Out):
    """A job title."""

    title: str
    pmo_type: Scope | None
    focus: list[str]
    levels: Annotated[list[Annotated[int, Field(ge=1, le=4)]], Field(min_length=1)]
    decided_by: str | None


class ReasonOut(_Out):
    """One reason behind a placement, with the answer keys it rests on."""

    text: str
    answers: list[str]


class CourseAdviceOut(_Out):
    """A recommended course."""

    id: str
    name: str
    kind: CourseKind
    kind_id: CourseKindId
    level: int
    length: str | None
    reason: str
    prerequisites: list[str]
    prerequisite_note: str | None
    provider: str
    awarding_body: str | None
    hours: float | None
    delivery_modes: list[str]
    url: str | None


class RouteOut(_Out):
    """One way into the next level: deepening a specialism, or PMO management."""

    kind: Literal["specialist", "management"]
    summary: str
    focus: list[str]
    roles: list[TitleOut]
    take_on: list[str]


class NextOut(_Out):
    """The next level up and what it takes."""

    level: LevelOut
    roles: list[TitleOut]
    gaps: list[str]
    take_on: list[str]
    routes: list[RouteOut]


class RequestOut(_Out):
    """What ``suggest`` was asked."""

    level: int
    scope: Scope | None
    focus: list[str]
    held: list[str]


class PlanActionOut(_Out):
    """Work to take on."""

    text: str


class PlanCourseOut(_Out):
    """A course in a plan: the one recommended among its equivalents."""

    id: str
    name: str
    why: str = Field(description="one sentence on why it is in the plan, for this person")
    alternatives: list[str] = Field(description="ids of equivalent courses: one does as well")
    ready: bool = Field(description="whether the person can sit it now")
    condition: str | None = Field(description="what they need first, when not ready")
    owner: str | None = Field(description="who owns the qualification")
    provider: str = Field(description="who teaches it")
    kind: CourseKind
    length: str | None
    hours: float | None
    url: str | None


class PlanStepOut(_Out):
    """One step of a plan: now, next or later."""

    when: Literal["now", "next", "later"]
    role: str | None
    actions: list[PlanActionOut]
    courses: list[PlanCourseOut]


class PlanRolesOut(_Out):
    """The next roles for one route up."""

    route: Literal["specialist", "management"]
    roles: list[TitleOut]


class DevelopmentPlanOut(_Out):
    """A person's short, ranked development plan."""

    titles_now: list[TitleOut] = Field(description="the titles to apply for now, best first")
    route: Literal["specialist", "management"] | None
    market: str | None
    market_note: str | None
    next_roles: list[PlanRolesOut]
    steps: list[PlanStepOut]


class AdviceOut(_Out):
    """``assess`` and ``suggest``: a placement with its reasons, titles and next step."""

    schema_version: Literal[1]
    kind: Literal["assessment", "suggestion"]
    level: LevelOut
    borderline: bool
    borderline_with: int | None
    reasons: list[ReasonOut]
    titles: list[TitleOut]
    next: NextOut | None
    courses: list[CourseAdviceOut]
    skills: list[str]
    answers: dict[str, Any] | None = Field(default=None, description="assess only")
    proposed_level: int | None = Field(
        default=None, description="assess only: the level the responsibilities propose"
    )
    confirmed_by: list[str] | None = Field(
        default=None, description="assess only: the evidence signals confirming the level"
    )
    summary: list[str] | None = Field(
        default=None, description="assess only: where the person stands and why, in short"
    )
    plan: DevelopmentPlanOut | None = Field(
        default=None, description="assess only: the short, ranked development plan"
    )
    request: RequestOut | None = Field(default=None, description="suggest only")


class RungOut(LevelOut):
    """A level of the whole ladder, with its titles."""

    pmo_types: list[Scope]
    titles: list[TitleOut]
    moves_up: str | None


class LadderOut(_Out):
    """``levels``: the whole ladder."""

    schema_version: Literal[1]
    kind: Literal["ladder"]
    levels: list[RungOut]


class TitlesOut(_Out):
    """``titles`` without a title: every title."""

    schema_version: Literal[1]
    kind: Literal["titles"]
    titles: list[TitleOut]


class MatchOut(_Out):
    """A title an advert's title matched."""

    title: str
    levels: list[int]
    pmo_type: Scope | None
    score: Annotated[float, Field(ge=0, le=100)]
    matched: str
    decided_by: str | None


class SeniorityOut(_Out):
    """A seniority word set aside from an advert's title."""

    word: str
    shift: Literal["up", "down", "none"]
    note: str


class DeliveryRoleOut(_Out):
    """A delivery role an advert's title names: not a PMO title, but evidence."""

    name: str
    levels: list[int]
    background: str | None
    note: str
    evidence: str | None = Field(
        default=None, description="what experience in the role is evidence of"
    )


class ReadingOut(_Out):
    """How an advert's title was read, in the reader's words."""

    method: Literal["listed", "near spelling", "parts", "delivery role", "other profession", "none"]
    levels: list[int] = Field(description="the levels the title reads as; empty for no PMO job")
    explanation: str
    deciding: list[str] = Field(description="the typed words that decided the reading")
    ignored: list[str] = Field(description="the typed words set aside: places, contracts …")
    focus: str | None
    pmo_type: Scope | None
    note: str | None
    score: Annotated[float, Field(ge=0, le=100)] | None = Field(
        description="only where a near spelling was matched"
    )


class TitleLookupOut(_Out):
    """``titles TITLE``: what an advert's title means (one per line with --from)."""

    schema_version: Literal[1]
    kind: Literal["title_lookup"]
    query: str
    matches: list[MatchOut]
    seniority: list[SeniorityOut]
    threshold: int
    error: str | None = Field(default=None, description="only for a line that could not be read")
    delivery_role: DeliveryRoleOut | None = Field(
        default=None, description="set when the title is a delivery role"
    )
    reading: ReadingOut | None = Field(
        default=None, description="how the title was read; absent for a line not read"
    )


class EntryOut(_Out):
    """What a person needs before they can sit a course."""

    condition: str
    years: float | None
    waived_by: list[str]
    holds_one_of: list[str]
    or_level: Annotated[int, Field(ge=1, le=4)] | None
    source: str | None


class CourseOut(_Out):
    """A course of the catalogue."""

    id: str
    name: str
    kind: CourseKind
    kind_id: CourseKindId
    levels: list[int]
    focus: list[str]
    length: str | None
    prerequisites: list[str]
    prerequisite_note: str | None
    summary: str
    provider: str
    awarding_body: str | None
    hours: float | None
    delivery_modes: list[str]
    url: str | None
    aliases: list[str]
    topics: list[str]
    satisfies: list[str]
    same_as: str | None
    entry_met_by: list[str]
    entry_met_at_level: Annotated[int, Field(ge=1, le=4)] | None
    expects_delivery: list[str]
    owner: str | None
    primary_focus: str | None
    contexts: list[str]
    outranks: list[str]
    entry: EntryOut | None


class CoursesOut(_Out):
    """``courses``: the catalogue."""

    schema_version: Literal[1]
    kind: Literal["courses"]
    courses: list[CourseOut]


class TakeOnOut(_Out):
    """An activity to take on."""

    id: str
    does: str


class StepOut(_Out):
    """One level on a roadmap."""

    level: LevelOut
    roles: list[TitleOut]
    specialists: list[TitleOut]
    take_on: list[TakeOnOut]
    experience: str
    courses: list[CourseAdviceOut]


class PlanOut(_Out):
    """``plan``: a roadmap from one level to a higher one."""

    schema_version: Literal[1]
    kind: Literal["plan"]
    start: int = Field(alias="from")
    to: int
    focus: list[str]
    held: list[str]
    note: str | None
    steps: list[StepOut]
    answers: dict[str, Any] | None = Field(default=None, description="with --answers only")


class ActivityOut(_Out):
    """An activity, by its id."""

    id: str
    level: int
    focus: str | None
    track: Track
    does: str


class ActivitiesOut(_Out):
    """``activities``: the activity ids answers take."""

    schema_version: Literal[1]
    kind: Literal["activities"]
    activities: list[ActivityOut]


class PersonNextOut(NextOut):
    """A team member's next step: as in an assessment, with the first role and gap only."""

    roles: Annotated[list[TitleOut], Field(max_length=1)]
    gaps: Annotated[list[str], Field(max_length=1)]


class PersonOut(_Out):
    """One person of a team report: their name and their assessment, shortened."""

    name: str
    level: LevelOut
    borderline: bool
    borderline_with: int | None
    titles: Annotated[list[TitleOut], Field(max_length=1, description="the best-fitting title")]
    next: PersonNextOut | None
    courses: Annotated[
        list[CourseAdviceOut],
        Field(max_length=TEAM_TOP_COURSES, description="the first courses to take"),
    ]
    plan: DevelopmentPlanOut | None = Field(
        default=None, description="the person's plan, as their own assessment has it"
    )
    answers: dict[str, Any] = Field(description="the validated answers, in schema 1")


#: Names in roster order, at most :data:`TEAM_NAMES_LISTED`; the counts count everyone.
Names = Annotated[list[str], Field(max_length=TEAM_NAMES_LISTED)]
Count = Annotated[int, Field(ge=0)]
LevelNumber = Annotated[int, Field(ge=1, le=4)]


class LevelCountsOut(_Out):
    """People per level, every level present (zeros included)."""

    level_1: Count = Field(alias="1")
    level_2: Count = Field(alias="2")
    level_3: Count = Field(alias="3")
    level_4: Count = Field(alias="4")


class BorderlineGroupOut(_Out):
    """People placed at ``level`` whose answers also point at ``with``."""

    level: LevelNumber
    with_level: LevelNumber = Field(alias="with")
    count: Count
    people: Names


class CourseDemandOut(_Out):
    """A course recommended to people of the team: its seats and who needs it."""

    id: str
    name: str
    seats: Count
    people: Names


class SharedGapOut(_Out):
    """A step towards the next level that two or more people still have to take."""

    level: LevelNumber = Field(description="the level the gap stands before")
    gap: str
    count: Annotated[int, Field(ge=2)]
    people: Names


class HeldCourseOut(_Out):
    """A course people of the team already hold."""

    id: str
    name: str
    count: Count
    people: Names


class InvalidRowOut(_Out):
    """A roster row skipped with ``--skip-invalid``."""

    line: Annotated[int, Field(ge=1)] | None = Field(description="its line, or null")
    file: str | None = Field(description="for a directory roster: its file, or null")
    reason: str = Field(description="the message assess gives for it")


class TeamSummaryOut(_Out):
    """What the roster adds up to."""

    people: Count = Field(description="people assessed (invalid rows not counted)")
    levels: LevelCountsOut
    borderline: list[BorderlineGroupOut]
    courses: list[CourseDemandOut]
    focus_coverage: dict[str, LevelCountsOut] = Field(description="per focus id, people per level")
    shared_gaps: list[SharedGapOut]
    held: list[HeldCourseOut]
    invalid: list[InvalidRowOut] = Field(
        description=f"the first {PROBLEMS_KEPT:,} rows skipped with --skip-invalid",
        max_length=PROBLEMS_KEPT,
    )
    invalid_count: Count = Field(description="every row skipped, listed in invalid or not")


class TeamOut(_Out):
    """``team``: each person's advice in short, and the summary of the team."""

    schema_version: Literal[1]
    kind: Literal["team"]
    people: list[PersonOut] | SkipJsonSchema[None] = Field(
        default=None, description="left out with --summary"
    )
    summary: TeamSummaryOut


Result = Annotated[
    AdviceOut | LadderOut | TitlesOut | TitleLookupOut | CoursesOut | PlanOut | ActivitiesOut,
    Field(discriminator="kind"),
]


def _finish(schema: dict[str, Any], name: str, description: str) -> dict[str, Any]:
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": f"{PROG} {name}",
        "description": description,
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def _with_answers(schema: dict[str, Any], models: dict[str, bool]) -> dict[str, Any]:
    """``schema`` with the ``answers`` of each model (``True``: optional) described by
    the answers schema rather than as any object."""
    schema.setdefault("$defs", {})["Answers"] = answers_schema(standalone=False)
    for model, optional in models.items():
        properties = schema["$defs"][model]["properties"]
        ref = {"$ref": "#/$defs/Answers"}
        if optional:
            properties["answers"] = {"anyOf": [ref, {"type": "null"}], "default": None}
        else:
            properties["answers"] = {**ref, "description": properties["answers"]["description"]}
    return schema


def result_schema() -> dict[str, Any]:
    """The JSON output of every command but ``team`` (``--format json``), told apart by
    ``kind``."""
    schema = TypeAdapter(Result).json_schema(by_alias=True)
    return _finish(
        _with_answers(schema, {"AdviceOut": True, "PlanOut": True}),
        "result",
        f"The JSON output of {PROG} (schema_version 1), one object per result; `kind`"
        " says which. Fields are only ever added.",
    )


def team_schema() -> dict[str, Any]:
    """The JSON output of ``team`` (``--format json``, with or without ``--summary``)."""
    schema = TeamOut.model_json_schema(by_alias=True)
    schema["properties"]["people"].pop("default")  # absent with --summary, never null
    return _finish(
        _with_answers(schema, {"PersonOut": False}),
        "team",
        f"The JSON output of '{PROG} team' (schema_version 1): each person's assessment in"
        " short and what the team adds up to; with --summary, no `people`. Fields are only"
        " ever added.",
    )


def answers_schema(*, standalone: bool = True) -> dict[str, Any]:
    """An answers file (schema 1), as ``--answers`` reads it and ``--save-answers`` writes
    it; inside a result, the validated answers without ``schema_version``."""
    schema = answers_json_schema(standalone=standalone)
    if not standalone:
        return schema
    return _finish(
        schema,
        "answers",
        f"An answers file for {PROG} (schema 1), YAML or JSON, in the form"
        " --save-answers writes (ids in lower case; pmo-advisor itself also matches them"
        f" case-insensitively). '{PROG} activities' and '{PROG} courses' list the ids.",
    )


#: The published schemas by name; each entry makes one ``pmo-advisor schema NAME``.
SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "answers": answers_schema,
    "result": result_schema,
    "team": team_schema,
}
