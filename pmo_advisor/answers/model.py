"""Answers schema 1: what a person tells the advisor, each key defined once.

Every answers key is a field of :class:`Answers` carrying its :class:`Key`: its kind,
bounds, the ids it takes, the questionnaire's words, the schema's and the
documentation's. The questionnaire, ``--set``, roster columns, validation, the JSON
Schema and the documentation's table are all derived from these definitions (see
:mod:`pmo_advisor.answers.keys`), so a new key is one more field here. The schema is a
public contract documented in the README: keys are only ever added.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

from pmo_advisor.answers.checks import check_value
from pmo_advisor.answers.keys import (
    Key,
    activity_options,
    course_options,
    courses_named,
    definition,
    delivery_options,
    focus_options,
    market_options,
    scope_options,
    title_suggestions,
    unknown_course,
)

if TYPE_CHECKING:
    from pmo_advisor.knowledge import Knowledge, Scope


@dataclass(frozen=True, slots=True)
class Answers:
    """What a person told the advisor about their work (answers schema 1), validated.

    Make one with :meth:`from_mapping` (or :func:`~pmo_advisor.answers.validate`, which
    words the errors): ids are checked against the knowledge base, matched
    case-insensitively, de-duplicated and put in the knowledge base's order, so that the
    order they were given in never matters.
    """

    years: float = field(
        metadata=definition(
            Key(
                kind="number",
                required=True,
                high=60,
                label="Years of experience",
                prompt="How many years have you worked in projects or a PMO?",
                help="Count project support, PMO and delivery roles together; 2.5 is fine.",
                description="years working in project support, PMO or project delivery, 0-{high}",
                doc_type="number, 0\N{EN DASH}{high}",
                doc_meaning="years working in project support, PMO or project delivery",
                usage="years in project support, PMO or delivery work, 0-{high} (required)",
                roster_headers=(
                    "Years",
                    "Years in PMO",
                    "Experience",
                    "Years of experience",
                    "Years experience",
                    "Experience in years",
                ),
                example="--set years=4  (years in project support, PMO or delivery, 0 to {high})",
            )
        )
    )
    """Years working in project support, PMO or project delivery."""
    scope: Scope = field(
        metadata=definition(
            Key(
                kind="select",
                required=True,
                pool=lambda knowledge: knowledge.scope_ids,
                find=lambda knowledge, text: knowledge.scope_id_for(text),
                noun="scope",
                label="Widest scope",
                prompt="What is the widest scope of your PMO work?",
                help="Pick the widest kind of PMO you work in."
                " Arrow keys to move, Enter to choose.",
                options=scope_options,
                description="the widest scope of PMO work you do",
                doc_type="`project` \\| `programme` \\| `portfolio` \\| `enterprise`",
                doc_meaning="the widest scope of PMO work you do",
                usage="project, programme, portfolio or enterprise (required)",
                roster_headers=(
                    "Scope",
                    "PMO scope",
                    "PMO type",
                    "Kind of PMO",
                ),
                example="--set scope=programme  (one of: {ids})",
            )
        )
    )
    """The widest scope of PMO work the person does."""
    activities: tuple[str, ...] = field(
        metadata=definition(
            Key(
                kind="multi",
                required=True,
                at_least_one=True,
                pool=lambda knowledge: knowledge.activity_ids,
                noun="activity",
                label="What you do",
                prompt="Which of these do you do regularly?",
                help="Tick all that are part of your job, not one-offs."
                " Space ticks, Enter is done.",
                options=activity_options,
                description="activity ids for what you do regularly",
                doc_type="list of activity ids, at least one",
                doc_meaning="what you do regularly",
                usage="activity ids, comma-separated; see: pmo-advisor activities (required)",
                roster_headers=(
                    "Activities",
                    "What you do",
                    "Regular activities",
                ),
                example="--set activities=plan-schedule,run-raid  (what you do regularly;"
                " ids: {ids})",
            )
        )
    )
    """Activity ids for what the person does regularly."""
    delivery: tuple[str, ...] = field(
        default=(),
        metadata=definition(
            Key(
                kind="multi",
                pool=lambda knowledge: knowledge.delivery_ids,
                noun="delivery background",
                label="Delivery experience",
                prompt="Have you managed projects or programmes yourself, now or before?",
                help="Delivery experience counts towards PMO levels. Tick any; Enter to skip.",
                options=delivery_options,
                description="delivery background ids: projects or programmes managed,"
                " delivery staff led",
                doc_type="list of delivery background ids",
                doc_meaning="delivery experience, now or before: `projects` (managed"
                " projects as a project manager), `programmes` (managed programmes, or"
                " projects large enough to need their own support office),"
                " `delivery-staff` (line-managed project managers or other delivery staff)",
                usage="projects, programmes, delivery-staff: delivery experience you have",
                roster_headers=(
                    "Delivery",
                    "Delivery background",
                ),
            )
        ),
    )
    """Delivery background ids: projects or programmes managed, delivery staff led."""
    focus: tuple[str, ...] = field(
        default=(),
        metadata=definition(
            Key(
                kind="multi",
                pool=lambda knowledge: knowledge.focus_ids,
                noun="focus area",
                label="Focus",
                prompt="What does your PMO work focus on?",
                help="Ticked from your activities; change them freely. Enter when done.",
                options=focus_options,
                description="focus area ids for what your PMO work focuses on",
                doc_type="list of focus ids",
                doc_meaning="what your PMO work focuses on; when left out, it is read from"
                " your activities",
                usage="focus area ids, comma-separated, such as planning,reporting",
                roster_headers=(
                    "Focus areas",
                    "Focus area",
                    "PMO focus",
                ),
            )
        ),
    )
    """Focus area ids for what their PMO work centres on."""
    team_size: int = field(
        default=0,
        metadata=definition(
            Key(
                kind="number",
                high=100_000,
                whole=True,
                label="People reporting to you",
                prompt="How many people report to you?",
                help="Directly or through others; 0 if nobody does.",
                description="how many people report to you",
                doc_type="whole number ≥ 0",
                doc_meaning="people who report to you; when left out, the advice says"
                " where it would help to know",
                usage="how many people report to you",
                roster_headers=(
                    "Team size",
                    "Direct reports",
                    "Number of reports",
                    "Reports to them",
                ),
            )
        ),
    )
    """How many people report to them."""
    title: str | None = field(
        default=None,
        metadata=definition(
            Key(
                kind="text",
                high=200,
                label="Job title",
                prompt="What is your current job title?",
                help="As it is now, if you have one. Start typing for suggestions; Enter to skip.",
                suggestions=title_suggestions,
                asked_first=True,
                description="your current job title",
                doc_type="text, at most {high} characters",
                doc_meaning="your current job title",
                usage="your current job title",
                roster_headers=(
                    "Title",
                    "Job title",
                    "Role",
                    "Position",
                    "Current title",
                    "Job role",
                ),
            )
        ),
    )
    """Their current job title, if they gave one."""
    qualifications: tuple[str, ...] = field(
        default=(),
        metadata=definition(
            Key(
                kind="multi",
                pool=lambda knowledge: knowledge.course_ids,
                named=courses_named,
                unknown=unknown_course,
                noun="course",
                label="Courses you hold",
                prompt="Which of these courses or certifications do you already hold?",
                help="So that they are not recommended again. Enter to skip.",
                options=course_options,
                description="course ids for what you already hold",
                doc_type="list of course ids, names or common spellings",
                doc_meaning="courses and certifications you already hold (see [Courses](#courses))",
                usage="courses you hold (ids, names or abbreviations); see: pmo-advisor courses",
                roster_headers=(
                    "Qualifications",
                    "Courses held",
                    "Certifications",
                    "Certificates",
                    "Courses and certifications",
                ),
            )
        ),
    )
    """Course ids for courses and certifications they already hold."""
    market: str | None = field(
        default=None,
        metadata=definition(
            Key(
                kind="select",
                pool=lambda knowledge: knowledge.market_ids,
                find=lambda knowledge, text: knowledge.market_id_for(text),
                noun="market",
                label="Where you work",
                prompt="Where do you work?",
                help="This decides which qualification schemes are recommended first."
                " Arrow keys to move, Enter to choose; Skip to leave it out.",
                options=market_options,
                description="where you work, which decides the qualification schemes"
                " recommended first: uk, us, europe, australia-nz, india, middle-east,"
                " africa or other",
                doc_type="a market id (see [Markets](#markets))",
                doc_meaning="where you work, which decides the qualification schemes"
                " recommended first",
                usage="where you work: uk, us, europe, australia-nz, india, middle-east,"
                " africa or other (default: PMO_ADVISOR_MARKET, then the config file)",
                roster_headers=(
                    "Market",
                    "Where you work",
                ),
            )
        ),
    )
    """The market id for where they work, if they gave one: it decides which
    qualification schemes are recommended first."""
    team_size_given: bool = False
    """Whether team_size was answered, rather than left at its default of 0."""

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any], knowledge: Knowledge) -> Answers:
        """The answers in ``raw`` (the keys of an answers file), checked against answers
        schema 1 and ``knowledge``; raises :class:`InvalidAnswers`, with every problem,
        when they do not pass."""
        values: dict[str, Any] = {}
        problems: list[tuple[str, str]] = []
        missing: list[str] = []
        for key in KEYS:
            if key.id not in raw:
                if key.required:
                    missing.append(key.id)
                    problems.append((key.id, "Field required"))
                continue
            try:
                values[key.id] = check_value(key, raw[key.id], knowledge)
            except ValueError as exc:
                problems.append((key.id, str(exc)))
        problems += [(str(extra), "is not an answers key") for extra in raw if extra not in BY_ID]
        if problems:
            raise InvalidAnswers(problems, missing)
        return cls(**values, team_size_given="team_size" in raw)

    def given(self) -> dict[str, Any]:
        """The answers as plain data in schema 1, leaving out optional keys not given."""
        result: dict[str, Any] = {}
        for key in ANSWER_KEYS:
            value = getattr(self, key)
            if key == "team_size" and not self.team_size_given:
                continue
            if key in REQUIRED_KEYS or value not in (None, ()):
                result[key] = list(value) if isinstance(value, tuple) else value
        years = float(result["years"])
        result["years"] = int(years) if years.is_integer() else years
        return result

    def echoed(self) -> dict[str, Any]:
        """The answers as results echo them: those given, and ``market`` always (null
        when there is none), so that a reader can tell which market the recommended
        schemes were chosen for."""
        return {**self.given(), "market": self.market}


class InvalidAnswers(ValueError):
    """Answers that do not pass: each problem as its key and what is wrong with it."""

    def __init__(self, problems: list[tuple[str, str]], missing: list[str]) -> None:
        super().__init__("; ".join(f"{key}: {message}" for key, message in problems))
        self.problems = problems
        #: The required keys not given (each also among the problems).
        self.missing = missing

    def lines(self, *, with_missing: bool = True) -> list[str]:
        """Each problem as a line of a message, "<key>: <what is wrong>"."""
        return [
            f"  {key}:{message}" if message.startswith("\n") else f"  {key}: {message}"
            for key, message in self.problems
            if with_missing or key not in self.missing
        ]


#: Every answers key's definition, in the documented order (the schema's and the
#: documentation's), with its id filled in from its field.
KEYS: tuple[Key, ...] = tuple(
    replace(_key, id=_field.name)
    for _field in fields(Answers)
    if isinstance(_key := _field.metadata.get("key"), Key)
)
#: The definitions by key.
BY_ID: dict[str, Key] = {key.id: key for key in KEYS}
#: Answer keys in the order they are asked, saved and shown.
ANSWER_KEYS: tuple[str, ...] = tuple(
    key.id for key in sorted(KEYS, key=lambda key: not key.asked_first)
)
REQUIRED_KEYS: tuple[str, ...] = tuple(key.id for key in KEYS if key.required)
#: Roster column headers, as the roster compares them (lower case, underscores for
#: spaces and hyphens), and the key each means; in the order answers are asked.
ROSTER_HEADERS: dict[str, str] = {
    header: key
    for key in ANSWER_KEYS
    for header in (
        key,
        *(h.casefold().replace(" ", "_").replace("-", "_") for h in BY_ID[key].roster_headers),
    )
}
LIST_KEYS: tuple[str, ...] = tuple(key.id for key in KEYS if key.is_list)


def _bound(key: str) -> int:
    high = BY_ID[key].high
    assert high is not None, f"{key} has a bound"
    return high


MAX_YEARS = _bound("years")
MAX_TEAM = _bound("team_size")
MAX_TITLE = _bound("title")
