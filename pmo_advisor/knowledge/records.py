"""The records the knowledge base is made of: small immutable dataclasses.

They are plain dataclasses rather than pydantic models because a cached knowledge base
is unpickled into them at every start-up, and dataclasses cost next to nothing to define
and create. pydantic validates them, from the annotations below with the bounds of
:mod:`pmo_advisor.knowledge.bounds`, only when the data files have changed (see
:mod:`pmo_advisor.knowledge.validate`).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

if TYPE_CHECKING:
    from pmo_advisor.knowledge import bounds as bounds
else:

    class _ImportedOnFirstRead:
        """Stands for :mod:`pmo_advisor.knowledge.bounds`, imported when one of its names
        is first read: when validation or the JSON Schema evaluates the annotations
        below. Unpickling records never reads them."""

        def __getattr__(self, name: str) -> Any:
            return getattr(importlib.import_module("pmo_advisor.knowledge.bounds"), name)

    bounds = _ImportedOnFirstRead()


#: A vocabulary the data files define: a field typed with one holds one of its words.
#: Validation checks that against the loaded data (crosscheck.py); the published JSON
#: Schema lists the words the shipped data holds (schemas.py).
@dataclass(frozen=True)
class FromData:
    """Names the vocabulary of the data a text field must come from."""

    vocabulary: Literal["scopes", "course_kinds", "course_kind_ids"]


#: A scope's id, as scopes.yaml defines them (narrowest first).
Scope = Annotated[str, FromData("scopes")]

#: Ids are lowercase words joined by hyphens; validate.py checks the pattern.
Id = str
#: A scope's id (scopes.yaml); crosscheck.py checks that it is one.
ScopeId = str
Flag = bool
#: Whose work an activity is: the entry level's support work, a specialism, or running and
#: directing PMOs. The rules read it to tell a specialist's route from a manager's.
Track = Literal["support", "specialist", "management"]
#: A course kind's name, as courses.yaml's ``kinds`` defines them.
CourseKind = Annotated[str, FromData("course_kinds")]
#: A course kind's id, as ``courses --kind`` takes it ("specialist course": "specialist").
CourseKindId = Annotated[str, FromData("course_kind_ids")]
#: How a course can be taken: a fixed vocabulary, so that people can filter on it.
DeliveryMode = Literal[
    "classroom",
    "virtual",
    "elearning",
    "self-study",
    "in-house",
    "exam-only",
    "one-to-one",
    "assessment",
]
#: Who owns a qualification scheme, as markets.yaml names the schemes employers ask for.
SchemeOwner = Literal["PMI", "PeopleCert", "APM", "House of PMO", "AIPMO", "AIPM"]

#: How pydantic treats every record (a pydantic ConfigDict, which is a plain dict): a key
#: that is not a field is an error, and no value is converted from another type.
RECORD_CONFIG: dict[str, object] = {"extra": "forbid", "strict": True}


@dataclass(frozen=True)
class ScopeInfo:
    """One kind of PMO a person can work in."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    id: Id
    name: bounds.Text
    description: bounds.Text


@dataclass(frozen=True)
class Market:
    """Where a person works, and the qualification schemes employers there ask for."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    id: Id
    name: bounds.Text
    description: bounds.Text
    #: The owners of the schemes employers there ask for most, most asked first; empty
    #: when the market has no preference of its own.
    prefers: tuple[SchemeOwner, ...] = ()
    #: Other names people type for it ("United Kingdom", "USA"), accepted as its id.
    aliases: tuple[Annotated[str, bounds.Len(1, 60)], ...] = ()


@dataclass(frozen=True)
class FocusArea:
    """Something a PMO's work can centre on, such as reporting or planning."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    id: Id
    name: bounds.Text
    description: bounds.Text
    #: What a course's summary must say to claim the area: a regular expression,
    #: matched regardless of case (checked by vocabulary.py).
    summary_words: Annotated[str, bounds.Len(1, 200)]


@dataclass(frozen=True)
class Activity:
    """A responsibility a person carries regularly, tied to one level of the ladder."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    id: Id
    level: bounds.LevelNumber
    #: A verb phrase that reads after "You ...", e.g. "line-manage PMO staff".
    does: bounds.Text
    track: Track
    #: What a course's summary must say to claim it prepares for this (as for a focus
    #: area's ``summary_words``).
    summary_words: Annotated[str, bounds.Len(1, 200)]
    #: A short noun phrase for one-line summaries ("status reporting"); ``does`` says
    #: the whole of it.
    name: Annotated[str, bounds.Len(1, 60)] | None = None
    focus: Id | None = None
    #: Whether doing this means people report to you (checked against team_size).
    manages_people: Flag = False
    #: Management work that leading a specialism involves as well (its team, its
    #: standards, its part in portfolio decisions): beside a specialism's own lead
    #: work it does not move someone onto the PMO management track.
    shared_with_specialists: Flag = False


@dataclass(frozen=True)
class Typical:
    """What people at a level usually bring; supports a placement, never decides it."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    min_years: Annotated[float, bounds.Interval(ge=0, le=60)]
    min_scope: ScopeId
    min_team: Annotated[int, bounds.Ge(0)]


@dataclass(frozen=True)
class Signal:
    """One piece of evidence that confirms a level; it holds when any of its tests does.

    The tests are read by :mod:`pmo_advisor.rules.placement`; ``levels.yaml`` explains
    each one.
    """

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    id: Id
    #: Completes "Level N is usually confirmed by ...".
    shows: bounds.Text
    #: Completes "What would confirm level N: ...".
    confirm: bounds.Text
    #: At least one defining signal must hold for the level to be confirmed.
    defining: Flag = False
    #: Without this signal a confirmed level is still borderline with the level below.
    expected: Flag = False
    years: Annotated[float, bounds.Interval(ge=0, le=60)] | None = None
    scope: ScopeId | None = None
    team: Annotated[int, bounds.Ge(1)] | None = None
    activities: tuple[Id, ...] = ()
    delivery: tuple[Id, ...] = ()
    breadth: Annotated[int, bounds.Ge(1)] | None = None
    title: Flag = False
    qualification: Flag = False
    #: A signal that only supports others: it counts towards a level only beside a
    #: signal that rests on years, people, scope or delivery. A job title or a
    #: certificate says what someone hopes or studied, not what they have done.
    supporting: Flag = False


@dataclass(frozen=True)
class Floor:
    """The least a level needs, whatever else the answers show: below it the level is
    never confirmed, because a coach would not believe it (one year as a "director")."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    #: Why the floor is there, in words a person reads.
    reason: bounds.Text
    #: Completes "What would confirm level N: ..." for someone below the floor.
    confirm: bounds.Text
    #: Years below which the level is never confirmed.
    years: Annotated[float, bounds.Interval(ge=0, le=60)] | None = None
    #: People who must report to the person (team_size at least this) ...
    team: Annotated[int, bounds.Ge(1)] | None = None
    #: ... unless one of these signals holds in its place (PMO managers to lead).
    or_signals: tuple[Id, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """What confirms a level that a person's responsibilities propose."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    #: How many signals must hold for the level to be confirmed.
    needs: Annotated[int, bounds.Ge(1)]
    #: How many make it firm; fewer leave it borderline with the level below.
    firm: Annotated[int, bounds.Ge(1)]
    signals: Annotated[tuple[Signal, ...], bounds.MinLen(1)]
    #: What the level never goes without (see Floor).
    floor: Floor | None = None
    #: Whether the level is thin (borderline with the level below) when most of the
    #: person's activities are below it: one analyst task among admin work.
    thin_when_mostly_below: Flag = False


@dataclass(frozen=True)
class Routes:
    """The two ways into a level: deepening a specialism, or managing PMOs."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    specialist: bounds.Text
    management: bounds.Text


@dataclass(frozen=True)
class Level:
    """One rung of the PMO career ladder."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    number: bounds.LevelNumber
    stage: bounds.Text
    title: bounds.Text
    summary: bounds.Text
    pmo_types: Annotated[tuple[ScopeId, ...], bounds.MinLen(1)]
    knowledge: Annotated[tuple[bounds.Text, ...], bounds.MinLen(1)]
    skills: Annotated[tuple[bounds.Text, ...], bounds.MinLen(1)]
    typical: Typical
    experience_note: bounds.Text
    #: One line on what moves a person from this level to the next (none at the top).
    moves_up: bounds.Text | None = None
    #: What confirms this level when responsibilities propose it (none at level 1).
    evidence: Evidence | None = None
    #: The specialist and the management way into this level (none at level 1).
    routes: Routes | None = None


@dataclass(frozen=True)
class DeliveryBackground:
    """Experience of managing projects or programmes, or the people who deliver them."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    id: Id
    #: The PMO level such experience usually evidences.
    level: bounds.LevelNumber
    #: Reads after "You have ...", e.g. "managed projects as a project manager".
    did: bounds.Text
    manages_people: Flag = False


@dataclass(frozen=True)
class DeliveryExperience:
    """The delivery backgrounds a person can report, and what they usually still need."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    backgrounds: Annotated[tuple[DeliveryBackground, ...], bounds.MinLen(1)]
    #: What delivery experience rarely covers, for the advice's PMO-specific gap.
    pmo_gap: bounds.Text


@dataclass(frozen=True)
class Title:
    """A job title and the level or levels it usually means."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    name: bounds.Text
    levels: Annotated[tuple[bounds.LevelNumber, ...], bounds.Len(1, 2)]
    pmo_type: ScopeId | None
    focus: tuple[Id, ...] = ()
    #: For a title at two levels: what tells the two apart.
    decided_by: bounds.Text | None = None
    #: Other names the same job goes by in adverts.
    aliases: tuple[bounds.Text, ...] = ()

    @property
    def is_specialist(self) -> bool:
        """Specialist titles are the ones tied to focus areas."""
        return bool(self.focus)


@dataclass(frozen=True)
class DeliveryRole:
    """A delivery job title (Project Manager, Scrum Master): not a PMO title, but
    experience that counts towards PMO levels."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    name: bounds.Text
    #: The PMO levels such experience usually evidences (none: delivery outside change
    #: portfolios, which is not PMO evidence).
    levels: Annotated[tuple[bounds.LevelNumber, ...], bounds.Len(0, 2)]
    #: What the role brings to PMO work.
    note: bounds.Text
    #: The delivery background (delivery.yaml) the title suggests.
    background: Id | None = None
    #: Other names the same job goes by in adverts.
    aliases: tuple[bounds.Text, ...] = ()
    #: What experience in the role is evidence of, specifically ("level 2 facilitation
    #: and continuous improvement").
    evidence: bounds.Text | None = None


@dataclass(frozen=True)
class EntryRequirement:
    """What a person needs before they can sit a course, as its owner states it. Where
    routes differ (with or without a degree), the numbers are the most favourable
    route's and ``condition`` names the others."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    #: Completes "once you ...": the requirement in words, every route named.
    condition: bounds.Text
    #: Years of experience needed.
    years: Annotated[float, bounds.Interval(ge=0, le=60)] | None = None
    #: Credentials that meet the years in their place (a PMP for PMI-ACP's experience).
    waived_by: tuple[Id, ...] = ()
    #: A credential the person must hold first: any one of these.
    holds_one_of: tuple[Id, ...] = ()
    #: Working at this level meets ``holds_one_of`` in its place.
    or_level: bounds.LevelNumber | None = None
    #: The owner's page that states it.
    source: bounds.Url | None = None


@dataclass(frozen=True)
class Course:
    """A course, certification, professional status or coaching offer in the catalogue."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    id: Id
    name: bounds.Text
    #: One of courses.yaml's ``kinds`` (crosscheck.py checks).
    kind: Annotated[CourseKind, bounds.Len(1, 40)]
    #: Who runs or sells it.
    provider: Annotated[str, bounds.Len(1, 100)]
    levels: Annotated[tuple[bounds.LevelNumber, ...], bounds.MinLen(1)]
    #: How it can be taken, in the order the data gives.
    delivery_modes: Annotated[tuple[DeliveryMode, ...], bounds.MinLen(1)]
    summary: bounds.Text
    #: Who certifies it, where someone does.
    awarding_body: Annotated[str, bounds.Len(1, 100)] | None = None
    core: Flag = False
    length: bounds.Text | None = None
    #: Typical hours of study or teaching, beside ``length`` as people say it.
    hours: Annotated[float, bounds.Interval(gt=0, le=2000)] | None = None
    focus: tuple[Id, ...] = ()
    #: Themes that are not focus areas, such as agile.
    topics: tuple[Id, ...] = ()
    activities: tuple[Id, ...] = ()
    prerequisites: tuple[Id, ...] = ()
    prerequisite_note: bounds.Text | None = None
    #: Courses this one is an accepted equivalent for: holding it counts as holding them.
    satisfies: tuple[Id, ...] = ()
    #: Courses whose holders meet this course's entry requirement in place of its
    #: prerequisites, without counting as holding them (a project management
    #: practitioner certificate is the knowledge a PMO course expects, not the course).
    entry_met_by: tuple[Id, ...] = ()
    #: Working at this level or above meets the entry requirement in place of the
    #: prerequisites, where the awarding body accepts experience.
    entry_met_at_level: bounds.LevelNumber | None = None
    #: Delivery backgrounds the awarding body asks experience of (any one will do):
    #: advice from someone's answers offers the course only to people who have one.
    expects_delivery: tuple[Id, ...] = ()
    #: The course this is another way of taking (an eLearning edition, an old edition);
    #: the two count as one and only the one named here is recommended.
    same_as: Id | None = None
    #: An old edition: never recommended or listed, kept so that old answers load.
    superseded: Flag = False
    #: Other spellings people use for it, accepted wherever a course id is.
    aliases: tuple[Annotated[str, bounds.Len(1, 100)], ...] = ()
    url: bounds.Url | None = None
    #: Who owns the qualification or the course (PeopleCert owns P3O®; a trainer who
    #: teaches it is its ``provider``, never its owner). None for generic training.
    owner: Annotated[str, bounds.Len(1, 100)] | None = None
    #: The one focus area the course is mainly about, when it deepens a specialism; a
    #: course for the whole PMO or a delivery method has none. Relevance to a person's
    #: focus is scored on this first, and on the rest of ``focus`` only as a fallback.
    primary_focus: Id | None = None
    #: Where the course is the usual choice (plan.yaml's contexts); empty: anywhere.
    #: A course tied to contexts is not suggested for a focus outside them.
    contexts: tuple[Id, ...] = ()
    #: Lower credentials on the same ladder: holding this one means they are never
    #: recommended (PMI-SP after AACE PSP). Unlike ``satisfies`` it does not stand in
    #: for them where another course requires them.
    outranks: tuple[Id, ...] = ()
    #: What the person needs before they can sit it; a course they cannot sit yet is
    #: only ever advised "later", with this condition.
    entry: EntryRequirement | None = None

    @property
    def recommendable(self) -> bool:
        """Whether the course may be recommended: not an old edition, and not another way
        of taking a course that is recommended in its place."""
        return not self.superseded and self.same_as is None


@dataclass(frozen=True)
class Seniority:
    """A word that shifts where a title sits, such as "Senior" or "Junior"."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    word: Annotated[str, bounds.Len(1, 40)]
    shift: Literal["up", "down", "none"]
    note: bounds.Text


@dataclass(frozen=True)
class TitleWords:
    """How the title translator reads advert titles: abbreviations, spellings, noise
    and seniority words."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    abbreviations: dict[str, str]
    spellings: dict[str, str]
    noise: tuple[str, ...]
    seniority: tuple[Seniority, ...]
    #: Words or phrases that mark a job outside the PMO ("programmer", "nurse"): no
    #: match then.
    outside_pmo: tuple[str, ...] = ()
    #: Product names ("Primavera P6") dropped from a title: they name the software, not
    #: the job.
    tools: tuple[str, ...] = ()
    #: Words naming the kind of office ("programme"): extra words, not another title's,
    #: for specialist titles and delivery roles.
    scope_words: tuple[str, ...] = ()
    #: Words or phrases that make a specialism another profession's ("credit" risk,
    #: "employee" benefits) wherever they sit in a title, even after a dash or in
    #: brackets, unless a scope word places the job in change work.
    other_specialisms: tuple[str, ...] = ()
