"""The questionnaire's questions, derived from the answers keys' definitions.

Each question says what it asks, how to help, what it offers to choose from and how a
typed answer is checked; all of it comes from the key's definition in
:class:`~pmo_advisor.answers.model.Answers`, and the checks are the ones every other
source of answers goes through, so an answer typed here means exactly what it means in
a file. Nothing here draws on screen: the askers do that.
"""

from __future__ import annotations

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
    "Loader",
    "OnFirstUse",
    "Option",
    "Question",
    "build_questions",
    "default_for",
    "prepare",
    "shown",
]

_T = TypeVar("_T")


#: What the questionnaire is given instead of the knowledge base: a function that
#: returns it, loading it the first time (``load_knowledge`` loads it once per process),
#: so that the first question can show before it is loaded.
Loader = Callable[[], "Knowledge"]


class OnFirstUse(Sequence[_T]):
    """A tuple made the first time it is read: what a question offers, read from a
    knowledge base that is only loaded then. Every read makes it, whether of its items,
    its length or its truth, and it compares and hashes as the tuple it makes."""

    def __init__(self, make: Callable[[], Sequence[_T]]) -> None:
        self._make = make
        self._items: tuple[_T, ...] | None = None

    def _made(self) -> tuple[_T, ...]:
        if self._items is None:
            self._items = tuple(self._make())
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

    def __eq__(self, other: object) -> bool:
        return self._made() == (other._made() if isinstance(other, OnFirstUse) else other)

    def __hash__(self) -> int:
        return hash(self._made())


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

    @property
    def suggests(self) -> bool:
        """Whether a typed answer is completed from :attr:`suggestions`: known without
        reading them, so that the question can be drawn before the knowledge base is
        loaded."""
        return BY_ID[self.key].suggestions is not None


#: What an optional single choice offers besides its options, to leave it unanswered.
SKIP = "Skip"


def build_questions(load: Loader) -> tuple[Question, ...]:
    """Every question, in the order they are asked.

    What the questions offer is read from the knowledge base ``load`` returns the first
    time it is needed (:class:`OnFirstUse`), so that the first question, the job title,
    shows before the knowledge base is loaded (see :func:`prepare`)."""
    return tuple(_question(BY_ID[key], load) for key in ANSWER_KEYS)


def _question(key: Key, load: Loader) -> Question:
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
        options=OnFirstUse(lambda: options(load())) if options else (),
        suggestions=OnFirstUse(lambda: suggestions(load())) if suggestions else (),
        required=key.required,
        parse=parse if typed else None,
        search=OnFirstUse(lambda: _course_search(load())) if key.id == "qualifications" else (),
        prefixes=OnFirstUse(lambda: [s.word for s in load().title_words.seniority])
        if key.id == "title"
        else (),
    )


def prepare(question: Question) -> None:
    """Read now what a question offers (:class:`OnFirstUse`), loading the knowledge base
    if it is not loaded yet: once the question is on screen, so that it shows without
    waiting for the load, and the first keystroke does not wait for it either."""
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


def default_for(question: Question, answers: Mapping[str, Any], load: Loader) -> Any:
    """What a question starts with: the answer already given, or a sensible guess. The
    knowledge base is loaded only for the questions whose guess needs it."""
    if question.key == "qualifications" and question.key in answers:
        return _ticked_courses(answers[question.key], load())
    if question.key in answers:
        return answers[question.key]
    if question.key == "focus":
        return list(load().focus_of(answers.get("activities") or ()))
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
