"""The questionnaire's questions, derived from the answers keys' definitions.

Each question says what it asks, how to help, what it offers to choose from and how a
typed answer is checked; all of it comes from the key's definition in
:class:`~pmo_advisor.answers.model.Answers`, and the checks are the ones every other
source of answers goes through, so an answer typed here means exactly what it means in
a file. Nothing here draws on screen: the askers do that.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from pmo_advisor.answers.checks import check_value
from pmo_advisor.answers.keys import Kind, Option
from pmo_advisor.answers.model import ANSWER_KEYS, BY_ID
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.prose import split_list

__all__ = ["SKIP", "Option", "Question", "build_questions", "default_for", "shown"]


@dataclass(frozen=True)
class Question:
    """One question, for one answers key, with the choices the knowledge base offers."""

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
    return tuple(_question(key, knowledge) for key in ANSWER_KEYS)


def _question(key_id: str, knowledge: Knowledge) -> Question:
    key = BY_ID[key_id]
    typed = key.kind in ("text", "number")  # checked as typed; choices need no check
    return Question(
        key=key.id,
        kind=key.kind,
        label=key.label,
        prompt=key.prompt,
        help=key.help,
        options=key.options(knowledge) if key.options else (),
        suggestions=key.suggestions(knowledge) if key.suggestions else (),
        required=key.required,
        parse=partial(check_value, key, knowledge=knowledge) if typed else None,
    )


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
