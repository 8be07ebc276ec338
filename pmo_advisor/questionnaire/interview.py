"""The interview: asks for the answers not given yet, then lets people review them.

:func:`interview` is the loop: it asks each question still unanswered, shows every
answer for review, and then shows the result, changes one answer, or starts again, as
the person chooses. It talks to the screen only through an :class:`Asker`, so tests can
drive it without a terminal; :mod:`~pmo_advisor.questionnaire.terminal` and
:mod:`~pmo_advisor.questionnaire.plain` hold the askers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from pmo_advisor.answers.checks import given_only
from pmo_advisor.questionnaire.questions import (
    Loader,
    Question,
    build_questions,
    default_for,
    shown,
)

#: An answer in the review: its label and its value, one line per item.
Row = tuple[str, tuple[str, ...]]

RESULT = "result"
CHANGE = "change"
RESTART = "restart"


class GoBack(Exception):
    """Raised by an asker when the person asks for the previous question (the back key,
    or "back" typed in plain prompts)."""


class Asker(Protocol):
    """How the interview talks to a person."""

    def ask(self, question: Question, position: int, total: int, default: Any) -> Any:
        """Ask one question and return the checked answer; a total of 0 means the
        person is changing an earlier answer. Raises :class:`GoBack` when the person
        asks for the previous question."""

    def review(self, rows: Sequence[Row]) -> str:
        """Show every answer; return RESULT, CHANGE or RESTART."""

    def pick(self, rows: Sequence[Row]) -> int:
        """Ask which answer to change; return its index in ``rows``, or -1 to go back."""


def interview(
    load: Loader,
    given: Mapping[str, Any],
    asker: Asker,
    questions: Sequence[Question] | None = None,
    *,
    replay: bool = False,
    fixed: Mapping[str, Any] | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Ask for every answer not in ``given``, review them all, and return the answers
    the person settles on (answers left empty are left out).

    With ``replay`` the answers are last time's (``assess --last``): an optional question
    left out was skipped then, so it is not asked again, and the review comes first
    unless a required answer is missing. Starting again asks every question afresh,
    except those ``fixed`` answers (``--set``) the person gave this time. ``defaults``
    are what questions not answered yet start with (the configured market), without
    counting as answers. ``load`` returns the knowledge base, and is called only once
    something needs it: the first question can be on screen by then.
    """
    preset = dict(defaults or {})
    questions = tuple(questions or build_questions(load))
    start = {key: _normalised(value) for key, value in given.items()}
    answers = dict(start)
    if replay:
        answers = {
            q.key: answers.get(q.key) for q in questions if q.key in answers or not q.required
        }
        start = {key: _normalised(value) for key, value in (fixed or {}).items()}
    while True:
        _ask_in_turn([q for q in questions if q.key not in answers], answers, preset, asker, load)
        rows = [(q.label, shown(q, answers.get(q.key))) for q in questions]
        choice = asker.review(rows)
        if choice == RESULT:
            return given_only(answers)
        if choice == RESTART:
            answers = dict(start)
            continue
        index = asker.pick(rows)
        if index < 0:  # back to the review without changing anything
            continue
        question = questions[index]
        default = default_for(question, answers, load)
        try:
            answers[question.key] = asker.ask(question, 0, 0, default)
            if question.key == "activities" and "focus" in answers:
                # New activities may point to new focus areas: offer them, keeping the old.
                focus = next(q for q in questions if q.key == "focus")
                implied = default_for(focus, {"activities": answers["activities"]}, load)
                merged = list(dict.fromkeys([*(answers["focus"] or []), *implied]))
                answers["focus"] = asker.ask(focus, 0, 0, merged)
        except GoBack:  # back to the review, the answer as it was
            continue


def _ask_in_turn(
    pending: Sequence[Question],
    answers: dict[str, Any],
    preset: Mapping[str, Any],
    asker: Asker,
    load: Loader,
) -> None:
    """Ask each pending question in turn, into ``answers``; going back asks the previous
    one again, starting from the answer it was given."""
    index = 0
    while index < len(pending):
        question = pending[index]
        default = default_for(question, {**preset, **answers}, load)
        try:
            answers[question.key] = asker.ask(question, index + 1, len(pending), default)
        except GoBack:
            index = max(index - 1, 0)  # at the first question, it is simply asked again
            continue
        index += 1


def _normalised(value: Any) -> Any:
    # Answers from files and flags match ids case-insensitively; so do the defaults here.
    if isinstance(value, list | tuple):
        return [v.strip().casefold() if isinstance(v, str) else v for v in value]
    return value
