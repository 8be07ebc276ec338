"""The phrases of ``data/advert_phrases.yaml`` (and the course catalogue's names) made
into matchers, once per knowledge base.

A :class:`Matcher` finds every phrase of one kind in a sentence in one pass over its
words (:class:`Words`), looking each word up among the phrases' first words: the longest
phrase that fits is read, as whole words, so that "portfolio planning" is read before
"planning" and "reports" never inside "reporting". A ``{n}`` in a phrase matches a
number however an advert writes it ("5", "5+", "five", "3 to 5", "a couple of").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

from pmo_advisor.knowledge import Knowledge
from pmo_advisor.knowledge.phrasing import NUMBER, SPACED, phrase_words
from pmo_advisor.memo import IdentityMemo

T = TypeVar("T")

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "dozen": 12,
}  # fmt: skip
#: Numbers of several words: "a couple of", "a dozen", "twenty five".
_NUMBER_PHRASES = {("a", "couple", "of"): 2, ("a", "dozen"): 12, ("twenty", "five"): 25}
_DIGITS = re.compile(r"(\d{1,2}(?:\.\d)?)\+?")
#: Words that end a number, as in "5 or more", "5 plus", "3 to 5".
_NUMBER_TAILS = (("or", "more"), ("plus",), ("+",))


#: The words a number can start with.
_NUMBER_STARTS = frozenset(_WORD_NUMBERS) | {words[0] for words in _NUMBER_PHRASES}
#: A digit: a text with one, or with a number's first word, is searched for numbers.
_DIGIT = re.compile(r"\d")
#: The words that show a number may be near ("a" shows one only before "couple").
_NUMBER_WORDS = (_NUMBER_STARTS - {"a"}) | {"couple"}


class Words:
    """A text cut into words once (as :func:`phrase_words` cuts them), with the numbers
    in it found, and every phrase in it found in one pass, each when first asked for."""

    __slots__ = ("_found", "_numbers", "_text", "words")

    def __init__(self, text: str) -> None:
        #: The text's words, as :func:`phrase_words` cuts them.
        self.words = phrase_words(text)
        self._text = text
        self._numbers: dict[int, tuple[float, int]] | None = None
        self._found: tuple[PhraseIndex, dict[int, list[Hit[object]]]] | None = None

    @property
    def numbers(self) -> dict[int, tuple[float, int]]:
        """Where a number starts: its value and the index just past it."""
        numbers = self._numbers
        if numbers is None:
            numbers = self._numbers = {}
            words = self.words
            if _DIGIT.search(self._text) is not None or not _NUMBER_WORDS.isdisjoint(words):
                for index, word in enumerate(words):
                    if word[:1].isdigit() or word in _NUMBER_STARTS:
                        found = _number_at(words, index)
                        if found is not None:
                            numbers[index] = found
        return numbers

    def __len__(self) -> int:
        return len(self.words)

    def found(self, index: PhraseIndex) -> dict[int, list[Hit[object]]]:
        """Every phrase of ``index`` in the text, by matcher (only those with any)."""
        found = self._found
        if found is None or found[0] is not index:
            found = self._found = (index, index.scan(self))
        return found[1]

    def holds_any(self, index: PhraseIndex) -> bool:
        """Whether the text holds any phrase of ``index`` at all."""
        return bool(self.found(index))


def _number_at(words: list[str], index: int) -> tuple[float, int] | None:
    """The number that starts at ``index``, and the index just past it and its tail
    ("3 to 5", "5 or more"), or None."""
    word = words[index]
    value: float | None = None
    end = index + 1
    digits = _DIGITS.fullmatch(word)
    if digits is not None:
        value = float(digits.group(1))
    else:
        for phrase, number in _NUMBER_PHRASES.items():
            if tuple(words[index : index + len(phrase)]) == phrase:
                value, end = float(number), index + len(phrase)
                break
        else:
            if word in _WORD_NUMBERS:
                value = float(_WORD_NUMBERS[word])
    if value is None:
        return None
    if end + 1 < len(words) and words[end] in ("to", "or") and _DIGITS.fullmatch(words[end + 1]):
        end += 2
    for tail in _NUMBER_TAILS:
        if tuple(words[end : end + len(tail)]) == tail:
            end += len(tail)
            break
    return value, end


#: Where a text holds no number, or an index no phrase with one.
_NO_NUMBERS: dict[int, tuple[float, int]] = {}


class Hit(NamedTuple, Generic[T]):
    """One phrase found: what it means, the number it holds (if any), and the words it
    covers (from ``start`` up to ``end``). (A named tuple: a large advert has hundreds
    of thousands of them, and a tuple is the quickest thing to make.)"""

    meaning: T
    number: float | None
    start: int
    end: int


#: A hit made as a tuple is made, without the named tuple's own constructor (a Python
#: function): a large advert makes hundreds of thousands.
_new_hit: Callable[[type[Hit[object]], tuple[object, float | None, int, int]], Hit[object]] = (
    tuple.__new__
)


#: A phrase as an index holds it: its words, its matcher's number, what it means, and
#: its length where finding its first two words (or its one word) finds it whole, else 0,
#: and its length where it holds no number (it is there if the words are), else 0.
_Entry = tuple[list[str], int, object, int, int]


#: A rough cut of a text into words, for :meth:`PhraseIndex.may_hold`: everything
#: :func:`phrase_words` breaks at, and apostrophes and full stops too, read as spaces;
#: trade-mark signs dropped.
_ROUGH = str.maketrans({**dict.fromkeys(SPACED + "'\u2019\u2018`.", " "), "®": None, "™": None})


def free(hits: list[Hit[T]], blocked: list[tuple[int, int]]) -> list[Hit[T]]:
    """The hits that start outside the stretches ``blocked`` (words' places, from and up
    to), such as those that name someone else's job. The stretches are sorted and
    joined once, and each hit looked for among them by halving: a hostile advert of one
    long sentence holds tens of thousands of both."""
    if not blocked:
        return hits
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(blocked):
        if start >= end:
            continue
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    kept = []
    for hit in hits:
        place = bisect_right(starts, hit.start) - 1
        if place < 0 or hit.start >= ends[place]:
            kept.append(hit)
    return kept


def words_before(text: str, places: Iterable[int]) -> list[int]:
    """How many words (as :func:`phrase_words` cuts them) ``text`` holds before each of
    ``places``: characters of it in ascending order, each one that is read as a space
    between words (a bracket, a colon). The text is cut once, a piece at a time, however
    many places are asked for."""
    counts: list[int] = []
    count, last = 0, 0
    for place in places:
        count += len(phrase_words(text[last:place]))
        counts.append(count)
        last = place
    return counts


class PhraseIndex:
    """The phrases of every matcher, by their first two words (a phrase of one word by
    that word): a text is read for all of them in one pass over its words, and each
    word is tried only against the few phrases that start as it does."""

    def __init__(self) -> None:
        #: By first word: the phrases of that one word, and the longer ones by their
        #: second word.
        self._by_first: dict[str, tuple[list[_Entry], dict[str, list[_Entry]]]] = {}
        self._matchers = 0
        #: Whether any phrase holds a number: only then are a text's numbers looked for.
        self._numbered = False
        #: By first word: its phrases of one word, and by second word the longer ones
        #: followed by those of one word (longest first), as :meth:`scan` tries them:
        #: joined once, when the first text is scanned.
        self._tries: dict[str, tuple[list[_Entry], dict[str, list[_Entry]]]] | None = None
        #: Every piece of every phrase's first word, cut as :func:`may_hold` cuts a text.
        self._firsts: set[str] = set()

    def add(self, pairs: Iterable[tuple[str, object]]) -> int:
        """Hold one matcher's phrases; its number, to find its hits by."""
        number = self._matchers
        self._matchers += 1
        for phrase, meaning in dict(pairs).items():
            words = _phrase_tuple(phrase)
            if not words:
                continue
            self._firsts.update(words[0].translate(_ROUGH).split())
            self._numbered = self._numbered or NUMBER in words
            self._tries = None
            alone, by_second = self._by_first.setdefault(words[0], ([], {}))
            plain = 0 if NUMBER in words else len(words)
            whole = plain if len(words) <= 2 else 0
            if len(words) == 1:
                alone.append((list(words), number, meaning, whole, plain))
                continue
            entries = by_second.setdefault(words[1], [])
            entries.append((list(words), number, meaning, whole, plain))
            # The longest phrase first: "lead the pmo team" before "lead the pmo".
            entries.sort(key=lambda entry: len(entry[0]), reverse=True)
        return number

    def may_hold(self, text: str) -> bool:
        """Whether a text may hold any phrase: False only where none of its words
        starts one and it holds no digit, so that plain prose is passed over without
        being cut into words. (Cut roughly, a word falls into the pieces a phrase's
        first word falls into: "pmo's" holds "pmo", "u.k." holds "u" and "k".)"""
        rough = text.lower().translate(_ROUGH)
        if _DIGIT.search(rough) is not None:
            return True
        return not self._firsts.isdisjoint(rough.split())

    def scan(self, text: Words) -> dict[int, list[Hit[object]]]:
        """Each matcher's phrases in the text, left to right, none overlapping another
        of the same matcher."""
        hits: dict[int, list[Hit[object]]] = {}
        free = [0] * self._matchers
        words = text.words
        tries = self._tries if self._tries is not None else self._join()
        # A text's numbers matter only to phrases that hold one.
        numbers = text.numbers if self._numbered else _NO_NUMBERS
        following = [*words[1:], ""]
        hit = _new_hit
        for index, word in enumerate(words):
            if numbers and (index in numbers or index + 1 in numbers):
                entries = self._starting(text, index)
            else:
                # Most words start no phrase: one look-up, and on.
                found = tries.get(word)
                if found is None:
                    continue
                entries = found[1].get(following[index], found[0])
            for phrase, matcher, meaning, whole, plain in entries:
                if free[matcher] > index:
                    continue
                if whole or (plain and words[index : index + plain] == phrase):
                    # Found by its first two words (or its only one), or its words
                    # are there: it is there.
                    end = index + plain
                    hits.setdefault(matcher, []).append(hit(Hit, (meaning, None, index, end)))
                    free[matcher] = end
                    continue
                if plain:
                    continue
                matched = _match(phrase, text, index)
                if matched is not None:
                    end, number = matched
                    hits.setdefault(matcher, []).append(hit(Hit, (meaning, number, index, end)))
                    free[matcher] = end
        return hits

    def _join(self) -> dict[str, tuple[list[_Entry], dict[str, list[_Entry]]]]:
        """:attr:`_tries`, made from the phrases held."""
        self._tries = {
            first: (alone, {second: longer + alone for second, longer in by_second.items()})
            for first, (alone, by_second) in self._by_first.items()
        }
        return self._tries

    def _starting(self, text: Words, index: int) -> list[_Entry]:
        """The phrases that may start at ``index``, where a number is near, longest
        first."""
        words, numbers = text.words, text.numbers
        longer: list[_Entry] = []
        alone: list[_Entry] = []
        firsts = [(words[index], index + 1)]
        if index in numbers:
            firsts.append((NUMBER, numbers[index][1]))
        for first, after in firsts:
            found = self._by_first.get(first)
            if found is None:
                continue
            alone += found[0]
            if after < len(words):
                longer += found[1].get(words[after], ())
                if after in numbers:
                    longer += found[1].get(NUMBER, ())
        return longer + alone


class Matcher(Generic[T]):
    """Every phrase of one kind, each with what it means, held in a shared index."""

    def __init__(self, index: PhraseIndex, pairs: Iterable[tuple[str, T]]) -> None:
        self._index = index
        self._number = index.add(pairs)

    def find(self, text: Words) -> list[Hit[T]]:
        """Each phrase in the text, left to right, none overlapping another."""
        # Words.found, inlined: a sentence is asked dozens of times.
        found = text._found
        hits = text.found(self._index) if found is None or found[0] is not self._index else found[1]
        return hits.get(self._number, [])  # type: ignore[return-value]

    def any_in(self, text: Words) -> bool:
        """Whether any phrase is in the text."""
        found = text._found
        hits = text.found(self._index) if found is None or found[0] is not self._index else found[1]
        return self._number in hits


def _match(phrase: list[str], text: Words, start: int) -> tuple[int, float | None] | None:
    """Where a phrase that holds a number and starts at ``start`` ends, and its number;
    None if it is not there."""
    words, numbers, index, number = text.words, text.numbers, start, None
    for word in phrase:
        if word == NUMBER:
            found = numbers.get(index)
            if found is None:
                return None
            number, index = found
        elif index < len(words) and words[index] == word:
            index += 1
        else:
            return None
    return index, number


@dataclass(frozen=True)
class Phrasebook:
    """Every matcher an advert is read with."""

    years: Matcher[str]
    years_context: Matcher[bool]
    not_experience: Matcher[bool]
    own_field: Matcher[bool]
    wider_field: Matcher[bool]
    team_counted: Matcher[str]
    team_uncounted: Matcher[str]
    team_none: Matcher[str]
    #: People a counted team adds ("and a scheduler"), by their word.
    team_people: frozenset[str]
    #: Where a list of counted people ends ("report to you") or starts ("team of").
    team_reporting_in: Matcher[bool]
    #: What starts the work of the people reporting in, right after them ("each").
    team_theirs: Matcher[bool]
    team_of: Matcher[bool]
    #: Words that make a team named after them the job's; parts of an organisation.
    team_leading: frozenset[str]
    team_units: frozenset[str]
    scopes: Matcher[str]
    activities: Matcher[str]
    delivery: Matcher[str]
    #: Other professions, by name.
    professions: Matcher[str]
    #: Course ids by the catalogue's names and aliases, and the plain names adverts use.
    courses: Matcher[str]
    #: Every matcher's phrases, read in one pass.
    index: PhraseIndex
    #: The names read as a course only beside a cue.
    need_cue: frozenset[str]
    course_cues: Matcher[bool]
    #: Phrases naming a part set aside, by part, whole sentence first.
    set_aside: tuple[tuple[str, bool, Matcher[bool]], ...]
    headings: Matcher[str]
    others: Matcher[bool]
    assisting: Matcher[bool]
    #: Activities whose list after a colon names an office's services.
    services: frozenset[str]
    unread_cues: Matcher[bool]
    #: The words that make an "About …" heading the job's, what follows "About" in one
    #: that names the company, and the words naming the job or its office that make a
    #: sentence under ``about_part``'s heading its own, in an index of their own: only
    #: headings and a part's sentences are read for them.
    about_job: Matcher[bool]
    about_company: Matcher[bool]
    own_office: Matcher[bool]
    about_part: str
    #: Words a name may follow after "About" ("About the Alliance").
    before_name: frozenset[str]
    own_within: int
    desirable: Matcher[bool]
    #: The phrases that say where the job is (places, spellings, currency codes
    #: written as words), counted over every sentence, those set aside too.
    places: Matcher[str]
    currency_codes: Matcher[str]
    #: Currency signs and codes, by market.
    currencies: tuple[tuple[str, str], ...]
    british: Matcher[bool]
    american: Matcher[bool]


#: As many as the knowledge bases a process keeps loaded (knowledge/__init__.py).
_BOOKS: IdentityMemo[Phrasebook] = IdentityMemo(8, once=True)


def phrasebook(knowledge: Knowledge) -> Phrasebook:
    """The matchers for a knowledge base, built once per process and knowledge base."""
    return _BOOKS.get(knowledge, lambda: _build(knowledge))


def _build(knowledge: Knowledge) -> Phrasebook:
    data = knowledge.advert_phrases
    quals = data.qualifications
    course_names = [
        (name, course.id) for course in knowledge.courses for name in (course.name, *course.aliases)
    ]
    course_names = [(name, cid) for name, cid in course_names if name]
    course_names += [(p.phrase, p.course) for p in quals.plain_names]
    parts = sorted(data.ignore.parts, key=lambda p: not p.whole_sentence)
    market = data.market
    index = PhraseIndex()
    job_index = PhraseIndex()
    about = data.ignore.about

    def of(phrases: Iterable[str], meaning: T) -> Matcher[T]:
        return Matcher(index, ((p, meaning) for p in phrases))

    return Phrasebook(
        years=of(data.years.phrases, "years"),
        years_context=of(data.years.context, True),
        not_experience=of(data.years.not_about_experience, True),
        own_field=of(data.years.own_field, True),
        wider_field=of(data.years.wider_field, True),
        team_counted=of(_all(r.phrases for r in data.team.counted), "counted"),
        team_uncounted=of(_all(r.phrases for r in data.team.uncounted), "uncounted"),
        team_none=of(_all(r.phrases for r in data.team.none), "none"),
        team_people=frozenset(data.team.people),
        team_reporting_in=of(data.team.listed.reporting_in, True),
        team_theirs=of(data.team.listed.theirs, True),
        team_of=of(data.team.listed.team_of, True),
        team_leading=frozenset(data.team.listed.leading),
        team_units=frozenset(data.team.listed.units),
        scopes=Matcher(index, ((p, r.scope) for r in data.scopes for p in r.phrases)),
        activities=Matcher(index, ((p, r.activity) for r in data.activities for p in r.phrases)),
        delivery=Matcher(index, ((p, r.background) for r in data.delivery for p in r.phrases)),
        professions=Matcher(
            index, ((p, r.profession) for r in data.professions.rules for p in r.phrases)
        ),
        courses=Matcher(index, course_names),
        index=index,
        need_cue=frozenset(quals.need_cue),
        course_cues=of(quals.cues, True),
        set_aside=tuple((p.part, p.whole_sentence, of(p.phrases, True)) for p in parts),
        headings=Matcher(index, ((h, p.part) for p in data.ignore.parts for h in p.headings)),
        others=of(data.ignore.others.phrases, True),
        assisting=of(data.ignore.assisting.phrases, True),
        services=frozenset(data.ignore.services.activities),
        unread_cues=of(data.unread.cues, True),
        about_job=Matcher(job_index, ((p, True) for p in about.job)),
        about_company=Matcher(job_index, ((p, True) for p in about.company)),
        before_name=frozenset(about.before_name),
        own_office=Matcher(job_index, ((p, True) for p in about.own)),
        about_part=about.part,
        own_within=about.within,
        desirable=of(data.requirement.desirable, True),
        places=Matcher(index, ((p, s.market) for s in market.signals for p in s.places)),
        currency_codes=Matcher(
            index, ((c, c) for s in market.signals for c in s.currency if c.isalpha())
        ),
        currencies=tuple((c, s.market) for s in market.signals for c in s.currency),
        british=Matcher(index, ((p, True) for p in market.spellings.british)),
        american=Matcher(index, ((p, True) for p in market.spellings.american)),
    )


def _phrase_tuple(phrase: str) -> tuple[str, ...]:
    """A phrase's words as a text's are cut, ``{n}`` kept as one word."""
    words: list[str] = []
    for number, part in enumerate(phrase.split(NUMBER)):
        if number:
            words.append(NUMBER)
        words += phrase_words(part)
    return tuple(words)


def _all(groups: Iterable[Sequence[str]]) -> list[str]:
    return [phrase for group in groups for phrase in group]
