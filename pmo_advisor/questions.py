"""The questionnaire's questions, as data: one per answers-schema key.

Each question says what it asks, how to help, what it offers to choose from and how a
typed answer is checked. The checks are the ones every other source of answers goes
through (:mod:`pmo_advisor.checks`, then :func:`pmo_advisor.answers.validate`), so an
answer typed here means exactly what it means in a file. Nothing here draws on screen:
:mod:`pmo_advisor.questionnaire` does that.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pmo_advisor.checks import check_team_size, check_title, check_years
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.text import capitalise

Kind = Literal["text", "number", "select", "multi"]


@dataclass(frozen=True)
class Option:
    """One choice in a select or multi-choice question."""

    value: str
    label: str
    description: str | None = None
    #: Other ways people type this choice (a course's name and common abbreviations).
    spellings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    """One question, for one answers key."""

    key: str
    kind: Kind
    #: The question itself.
    prompt: str
    #: A line of plain-language help shown above it.
    help: str
    #: What the review shows beside the answer.
    label: str
    options: tuple[Option, ...] = ()
    #: Completions offered while typing a text answer.
    suggestions: tuple[str, ...] = ()
    required: bool = True
    #: Turns typed text into the answer, or raises ValueError saying what is wrong.
    parse: Callable[[str], Any] | None = None


#: What an optional single choice offers besides its options, to leave it unanswered.
SKIP = "Skip"


def build_questions(knowledge: Knowledge) -> tuple[Question, ...]:
    """Every question, in the order they are asked."""
    # Activities are offered in alphabetical order: listing them by level would tell
    # people the answer.
    activities = sorted(knowledge.activities, key=lambda a: a.does)
    return (
        Question(
            key="title",
            kind="text",
            label="Job title",
            prompt="What is your current job title?",
            help="As it is now, if you have one. Start typing for suggestions; Enter to skip.",
            suggestions=_title_suggestions(knowledge),
            required=False,
            parse=check_title,
        ),
        Question(
            key="years",
            kind="number",
            label="Years of experience",
            prompt="How many years have you worked in projects or a PMO?",
            help="Count project support, PMO and delivery roles together; 2.5 is fine.",
            parse=check_years,
        ),
        Question(
            key="scope",
            kind="select",
            label="Widest scope",
            prompt="What is the widest scope of your PMO work?",
            help="Pick the widest kind of PMO you work in. Arrow keys to move, Enter to choose.",
            options=tuple(Option(s.id, s.name, s.description) for s in knowledge.scopes),
        ),
        Question(
            key="activities",
            kind="multi",
            label="What you do",
            prompt="Which of these do you do regularly?",
            help="Tick all that are part of your job, not one-offs. Space ticks, Enter is done.",
            options=tuple(Option(a.id, capitalise(a.does)) for a in activities),
        ),
        Question(
            key="delivery",
            kind="multi",
            label="Delivery experience",
            prompt="Have you managed projects or programmes yourself, now or before?",
            help="Delivery experience counts towards PMO levels. Tick any; Enter to skip.",
            options=tuple(Option(b.id, capitalise(b.did)) for b in knowledge.delivery.backgrounds),
            required=False,
        ),
        Question(
            key="focus",
            kind="multi",
            label="Focus",
            prompt="What does your PMO work focus on?",
            help="Ticked from your activities; change them freely. Enter when done.",
            options=tuple(Option(f.id, f.name, f.description) for f in knowledge.focus_areas),
            required=False,
        ),
        Question(
            key="team_size",
            kind="number",
            label="People reporting to you",
            prompt="How many people report to you?",
            help="Directly or through others; 0 if nobody does.",
            parse=check_team_size,
            required=False,
        ),
        Question(
            key="qualifications",
            kind="multi",
            label="Courses you hold",
            prompt="Which of these courses or certifications do you already hold?",
            help="So that they are not recommended again. Enter to skip.",
            # Old editions are not offered: whoever holds one ticks its current edition.
            options=tuple(
                Option(c.id, f"{c.name} ({c.kind})", spellings=(c.name, *c.aliases))
                for c in knowledge.courses
                if not c.superseded
            ),
            required=False,
        ),
        Question(
            key="market",
            kind="select",
            label="Where you work",
            prompt="Where do you work?",
            help="This decides which qualification schemes are recommended first."
            " Arrow keys to move, Enter to choose; Skip to leave it out.",
            options=tuple(Option(m.id, m.name, m.description) for m in knowledge.markets),
            required=False,
        ),
    )


def _title_suggestions(knowledge: Knowledge) -> tuple[str, ...]:
    """Every PMO title and delivery role, with their aliases, to complete a typed title."""
    names = {n for t in knowledge.titles for n in (t.name, *t.aliases)}
    names.update(n for r in knowledge.delivery_roles for n in (r.name, *r.aliases))
    return tuple(sorted(names))


def default_for(question: Question, answers: Mapping[str, Any], knowledge: Knowledge) -> Any:
    """What a question starts with: the answer already given, or a sensible guess."""
    if question.key == "qualifications" and question.key in answers:
        return _ticked_courses(answers[question.key], knowledge)
    if question.key in answers:
        return answers[question.key]
    if question.key == "focus":
        return list(knowledge.focus_of(answers.get("activities") or ()))
    if question.key == "team_size":
        return 0
    return [] if question.kind == "multi" else None


def _ticked_courses(value: Any, knowledge: Knowledge) -> Any:
    """Courses given by name or alias, ticked as the ids the question offers; an old
    edition, which is not offered, as the current edition it counts as."""
    from pmo_advisor.checks import split_list

    items = split_list(value) if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        return value  # not a list of names: the answers check says what is wrong
    found, unknown = knowledge.courses_named([item.strip() for item in items])
    ticked: list[str] = []
    for course_id in found:
        course = knowledge.course(course_id)
        ticked.append(course.same_as if course.superseded and course.same_as else course_id)
    return ticked + unknown


def shown(question: Question, value: Any) -> tuple[str, ...]:
    """An answer as the review shows it: one line per item."""
    if value is None:
        return ("(not given)",)
    if value == [] or value == ():
        return ("(none)",)
    labels = {o.value: o.label for o in question.options}
    if question.kind == "multi":
        return tuple(labels.get(str(v), str(v)) for v in _as_list(value))
    if question.kind == "select":
        return (labels.get(str(value), str(value)),)
    if isinstance(value, float) and value.is_integer():
        return (str(int(value)),)
    return (str(value),)


def _as_list(value: Any) -> Sequence[Any]:
    return value if isinstance(value, list | tuple) else [value]
