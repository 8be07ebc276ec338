"""The questionnaire's questions, derived from the answers keys' definitions.

Each question says what it asks, how to help, what it offers to choose from and how a
typed answer is checked; all of it comes from the key's definition in
:class:`~pmo_advisor.answers.model.Answers`, and the checks are the ones every other
source of answers goes through, so an answer typed here means exactly what it means in
a file. Nothing here draws on screen: the askers do that.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, overload

from pmo_advisor.answers.checks import check_value
from pmo_advisor.answers.keys import Kind, Option, course_options
from pmo_advisor.answers.model import ANSWER_KEYS, BY_ID
from pmo_advisor.prose import split_list

if TYPE_CHECKING:
    from pmo_advisor.answers.keys import Key
    from pmo_advisor.knowledge import Knowledge

__all__ = [
    "SKIP",
    "OnFirstUse",
    "Option",
    "Question",
    "build_questions",
    "default_for",
    "prepare",
    "shown",
]

_T = TypeVar("_T")


class OnFirstUse(Sequence[_T]):
    """A tuple made the first time it is read: what a question offers, read from a
    knowledge base that is only loaded then. It is true before it is made, as every list
    a question offers is non-empty in a valid knowledge base (which loading checks)."""

    def __init__(self, make: Callable[[], Sequence[_T]]) -> None:
        self._make: Callable[[], Sequence[_T]] | None = make
        self._items: tuple[_T, ...] = ()

    def _made(self) -> tuple[_T, ...]:
        if self._make is not None:
            self._items = tuple(self._make())
            self._make = None
        return self._items

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[_T]: ...
    def __getitem__(self, index: int | slice) -> _T | Sequence[_T]:
        return self._made()[index]

    def __len__(self) -> int:
        return len(self._made())

    def __iter__(self) -> Iterator[_T]:
        return iter(self._made())

    def __bool__(self) -> bool:
        return self._make is not None or bool(self._items)

    def __eq__(self, other: object) -> bool:
        return self._made() == (tuple(other) if isinstance(other, OnFirstUse) else other)

    __hash__ = None  # type: ignore[assignment]


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
    options: Sequence[Option] = ()
    #: Completions offered while typing a text answer.
    suggestions: Sequence[str] = ()
    #: Words that may come before a suggestion ("Senior", "Lead"), lower case.
    prefixes: Sequence[str] = ()
    required: bool = True
    #: Turns typed text into the answer, or raises ValueError saying what is wrong.
    parse: Callable[[str], Any] | None = None
    #: For a long list that can be filtered by typing: what each option is found by, in
    #: the options' order (lower case: id, name, other spellings and provider).
    search: Sequence[str] = ()


#: What an optional single choice offers besides its options, to leave it unanswered.
SKIP = "Skip"


def build_questions(knowledge: Knowledge | Callable[[], Knowledge]) -> tuple[Question, ...]:
    """Every question, in the order they are asked.

    Given a function that loads the knowledge base instead of the knowledge base, what
    the questions offer is read from it the first time it is needed (:class:`OnFirstUse`),
    so that the first question, the job title, shows before the knowledge base is loaded
    (see :func:`prepare`)."""
    if callable(knowledge):
        load = functools.cache(knowledge)  # called once, whichever question asks first
        return tuple(_question(BY_ID[key], load, OnFirstUse) for key in ANSWER_KEYS)
    loaded = knowledge
    return tuple(_question(BY_ID[key], lambda: loaded, _made_now) for key in ANSWER_KEYS)


def _question(
    key: Key,
    load: Callable[[], Knowledge],
    made: Callable[[Callable[[], Sequence[Any]]], Sequence[Any]],
) -> Question:
    typed = key.kind in ("text", "number")  # checked as typed; choices need no check
    options, suggestions = key.options, key.suggestions

    def parse(text: str) -> Any:
        return check_value(key, text, knowledge=load())

    return Question(
        key=key.id,
        kind=key.kind,
        label=key.label,
        prompt=key.prompt,
        help=key.help,
        options=made(lambda: options(load())) if options else (),
        suggestions=made(lambda: suggestions(load())) if suggestions else (),
        required=key.required,
        parse=parse if typed else None,
        search=made(lambda: _course_search(load())) if key.id == "qualifications" else (),
        prefixes=made(lambda: [s.word for s in load().title_words.seniority])
        if key.id == "title"
        else (),
    )


def _made_now(make: Callable[[], Sequence[_T]]) -> tuple[_T, ...]:
    return tuple(make())


def prepare(question: Question) -> None:
    """Read now what a question offers that is read on first use (:class:`OnFirstUse`):
    once it is on screen, so that the first keystroke does not wait for the knowledge
    base to load."""
    for offered in (question.options, question.suggestions, question.prefixes, question.search):
        len(offered)


def _course_search(knowledge: Knowledge) -> tuple[str, ...]:
    """What each course offered is found by when typing to filter: what ``--held``
    accepts (its id, name and aliases) and who teaches or awards it."""
    found = []
    for option in course_options(knowledge):
        course = knowledge.course(option.value)
        bodies = (course.provider, course.awarding_body or "", course.owner or "")
        words = (option.value, option.label, *option.spellings, *bodies)
        found.append(" ".join(words).casefold())
    return tuple(found)


def default_for(
    question: Question, answers: Mapping[str, Any], knowledge: Knowledge | Callable[[], Knowledge]
) -> Any:
    """What a question starts with: the answer already given, or a sensible guess. The
    knowledge base is loaded (where ``knowledge`` is a function that loads it) only for
    the questions whose guess needs it."""
    if question.key == "qualifications" and question.key in answers:
        return _ticked_courses(answers[question.key], _loaded(knowledge))
    if question.key in answers:
        return answers[question.key]
    if question.key == "focus":
        return list(_loaded(knowledge).focus_of(answers.get("activities") or ()))
    if question.key == "team_size":
        return 0
    return [] if question.kind == "multi" else None


def _loaded(knowledge: Knowledge | Callable[[], Knowledge]) -> Knowledge:
    return knowledge() if callable(knowledge) else knowledge


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


def matching(
    text: str, suggestions: Sequence[str], prefixes: Sequence[str] = (), limit: int = 20
) -> list[str]:
    """The suggestions a partly typed answer may be heading for, best first: each typed
    word, in order, begins a word of the suggestion ("PMO An" offers "PMO Analyst", "pmo
    an" and "analy" too), or nearly does, one slip allowed in four letters or more and
    two in seven ("Porfolio Ofice" offers "Portfolio Office Lead"). A seniority word
    typed first (one of ``prefixes``) is kept before the suggestions for the rest:
    "Senior PMO An" offers "Senior PMO Analyst"."""
    typed = text.casefold().split()
    if not typed:
        return []
    scored = []
    for suggestion in suggestions:
        slips = _slips(typed, suggestion.casefold().split())
        if slips is not None:
            scored.append((slips, len(suggestion), suggestion))
    first, rest = typed[0], typed[1:]
    word = next((p for p in prefixes if p == first or _near(first, p, whole=True)), None)
    if rest and word is not None:
        have = {suggestion for _, _, suggestion in scored}
        for suggestion in suggestions:
            words = suggestion.casefold().split()
            slips = _slips(rest, words)
            combined = f"{word.capitalize()} {suggestion}"
            # A title with a seniority word of its own anywhere ("PMO Graduate
            # Analyst") takes no second one: "Senior PMO Graduate Analyst" is no job.
            if slips is not None and not set(words) & set(prefixes) and combined not in have:
                scored.append((slips + (word != first), len(combined), combined))
    return [suggestion for _, _, suggestion in sorted(scored)[:limit]]


def _slips(typed: Sequence[str], words: Sequence[str]) -> int | None:
    """How many typed words only nearly begin their word, matching them in order to
    words of the suggestion; None if some typed word begins none."""
    slips = 0
    at = 0
    for word in typed:
        for index in range(at, len(words)):
            if words[index].startswith(word):
                break
            if _near(word, words[index]):
                slips += 1
                break
        else:
            return None
        at = index + 1
    return slips


def _near(typed: str, word: str, *, whole: bool = False) -> bool:
    """Whether ``typed`` is within a slip or two of the start of ``word`` (or of all of
    it, when ``whole``)."""
    if len(typed) < 4:
        return False
    allowed = 2 if len(typed) >= 7 else 1
    starts = {word} if whole else {word[: len(typed) + shift] for shift in (-1, 0, 1)}
    return any(_edits(typed, start) <= allowed for start in starts if start)


def _edits(a: str, b: str) -> int:
    """The edits between two short words: letters added, dropped, changed or swapped
    with the next (optimal string alignment distance)."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, rows[i - 2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]
