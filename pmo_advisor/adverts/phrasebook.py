"""The phrases of ``data/advert_phrases.yaml`` (and the course catalogue's names) made
into matchers, once per knowledge base.

A :class:`Matcher` finds every phrase of one kind in a sentence in one pass of one
regular expression: the phrases are tried longest first, as whole words, so that
"portfolio planning" is read before "planning" and "reports" never inside "reporting".
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from pmo_advisor.knowledge import Knowledge
from pmo_advisor.knowledge.advert_phrases import NUMBER, phrase_form

T = TypeVar("T")

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "twenty five": 25, "thirty": 30, "a couple of": 2,
    "a dozen": 12,
}  # fmt: skip
#: A number as adverts write one: digits or words, "5+", "five (5)", "3 to 5" (its lower
#: end is the one captured), "5 or more".
_NUMBER = (
    r"(\d{1,2}(?:\.\d)?|"
    + "|".join(sorted(map(re.escape, _WORD_NUMBERS), key=len, reverse=True))
    + r")(?: ?\+)?(?: \d{1,2})?(?: ?\+)?(?: (?:to|or) \d{1,2}\+?)?(?: or more| plus)?"
)


@dataclass(frozen=True)
class Hit(Generic[T]):
    """One phrase found: what it means, the number it holds (if any) and where."""

    meaning: T
    number: float | None
    start: int
    end: int


class Matcher(Generic[T]):
    """Every phrase of one kind, each with what it means, found in one pass."""

    def __init__(self, pairs: Iterable[tuple[str, T]]) -> None:
        ordered = sorted(dict(pairs).items(), key=lambda pair: len(pair[0]), reverse=True)
        self._meanings: list[T] = []
        self._numbered: list[bool] = []
        alternatives: list[str] = []
        for index, (phrase, meaning) in enumerate(ordered):
            pattern = re.escape(phrase).replace(re.escape(NUMBER), _NUMBER)
            # Only the number's own group is kept; the rest are made non-capturing.
            alternatives.append(f"(?P<p{index}>{pattern})")
            self._meanings.append(meaning)
            self._numbered.append(NUMBER in phrase)
        body = "|".join(alternatives) or r"(?!x)x"
        self._pattern = re.compile(rf"(?<![\w$£€₹]){'(?:' + body + ')'}(?![\w])")

    def __bool__(self) -> bool:
        return bool(self._meanings)

    def find(self, text: str) -> Iterator[Hit[T]]:
        """Each phrase in ``text`` (as :func:`phrase_form` makes it), left to right."""
        for found in self._pattern.finditer(text):
            name = found.lastgroup
            assert name is not None
            index = int(name[1:])
            number = None
            if self._numbered[index]:
                number = _number_in(found.group(name))
            yield Hit(self._meanings[index], number, found.start(), found.end())

    def any_in(self, text: str) -> bool:
        """Whether any phrase is in ``text``."""
        return self._pattern.search(text) is not None


_NUMBER_ONLY = re.compile(_NUMBER)


def _number_in(text: str) -> float | None:
    found = _NUMBER_ONLY.search(text)
    if found is None:
        return None
    word = found.group(1)
    return float(_WORD_NUMBERS[word]) if word in _WORD_NUMBERS else float(word)


def matcher(phrases: Iterable[str], meaning: T) -> Matcher[T]:
    """A matcher of phrases that all mean the same."""
    return Matcher((p, meaning) for p in phrases)


@dataclass(frozen=True)
class Phrasebook:
    """Every matcher an advert is read with."""

    years: Matcher[str]
    years_context: Matcher[bool]
    not_experience: Matcher[bool]
    team_counted: Matcher[str]
    team_uncounted: Matcher[str]
    team_none: Matcher[str]
    scopes: Matcher[str]
    activities: Matcher[str]
    delivery: Matcher[str]
    #: Course ids by the catalogue's names and aliases, and the plain names adverts use.
    courses: Matcher[str]
    #: The names read as a course only beside a cue.
    need_cue: frozenset[str]
    course_cues: Matcher[bool]
    #: Phrases naming a part set aside, by part, whole sentence first.
    set_aside: tuple[tuple[str, bool, Matcher[bool]], ...]
    headings: Matcher[str]
    others: Matcher[bool]
    unread_cues: Matcher[bool]
    desirable: Matcher[bool]
    places: Matcher[str]
    #: Currency signs and codes, by market.
    currencies: tuple[tuple[str, str], ...]
    british: Matcher[bool]
    american: Matcher[bool]


_LOCK = threading.Lock()
_BOOKS: dict[int, tuple[Knowledge, Phrasebook]] = {}


def phrasebook(knowledge: Knowledge) -> Phrasebook:
    """The matchers for a knowledge base, built once per process and knowledge base."""
    with _LOCK:
        kept = _BOOKS.get(id(knowledge))
        if kept is None or kept[0] is not knowledge:
            kept = (knowledge, _build(knowledge))
            _BOOKS[id(knowledge)] = kept
        return kept[1]


def _build(knowledge: Knowledge) -> Phrasebook:
    data = knowledge.advert_phrases
    quals = data.qualifications
    course_names = [
        (phrase_form(_unmarked(name)), course.id)
        for course in knowledge.courses
        for name in (course.name, *course.aliases)
    ]
    course_names = [(name, cid) for name, cid in course_names if name]
    course_names += [(p.phrase, p.course) for p in quals.plain_names]
    parts = sorted(data.ignore.parts, key=lambda p: not p.whole_sentence)
    market = data.market
    return Phrasebook(
        years=matcher(data.years.phrases, "years"),
        years_context=matcher(data.years.context, True),
        not_experience=matcher(data.years.not_about_experience, True),
        team_counted=matcher(_all(r.phrases for r in data.team.counted), "counted"),
        team_uncounted=matcher(_all(r.phrases for r in data.team.uncounted), "uncounted"),
        team_none=matcher(_all(r.phrases for r in data.team.none), "none"),
        scopes=Matcher((p, r.scope) for r in data.scopes for p in r.phrases),
        activities=Matcher((p, r.activity) for r in data.activities for p in r.phrases),
        delivery=Matcher((p, r.background) for r in data.delivery for p in r.phrases),
        courses=Matcher(course_names),
        need_cue=frozenset(quals.need_cue),
        course_cues=matcher(quals.cues, True),
        set_aside=tuple((p.part, p.whole_sentence, matcher(p.phrases, True)) for p in parts),
        headings=Matcher((h, p.part) for p in data.ignore.parts for h in p.headings),
        others=matcher(data.ignore.others.phrases, True),
        unread_cues=matcher(data.unread.cues, True),
        desirable=matcher(data.requirement.desirable, True),
        places=Matcher((p, s.market) for s in market.signals for p in s.places),
        currencies=tuple((c, s.market) for s in market.signals for c in s.currency),
        british=matcher(market.spellings.british, True),
        american=matcher(market.spellings.american, True),
    )


def _all(groups: Iterable[Sequence[str]]) -> list[str]:
    return [phrase for group in groups for phrase in group]


def _unmarked(name: str) -> str:
    """A course name without its trade-mark signs."""
    return name.replace("®", "").replace("™", "").replace("(", " ").replace(")", " ")
