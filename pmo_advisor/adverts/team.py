"""The people an advert asks the job to line-manage, and how many, in one sentence.

A number comes from a phrase that holds it ("line-manage a team of 3"), a team written
as a sum ("3 analysts and a scheduler"), or people listed by their jobs with how many
of each ("six project managers and two project schedulers report to you"); line
management without a number means at least one person, and some phrases say nobody
reports to the job at all.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from pmo_advisor.adverts.phrasebook import Phrasebook, Words, free, words_before
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.rules.wording import people

#: A demand found in one sentence: its kind, its value, the demand in words, and the
#: other values the advert accepts instead.
Found = tuple[str, "int | float | str", str, tuple[str, ...]]

#: Words that count one person in a list ("a superintendent").
_ONE = frozenset({"a", "an"})
#: The words an item of a list may take after its number, up to and with the person
#: ("two project coordinators").
ITEM_WORDS = 3
#: How far before "report to you" a list of people may start, in words.
LIST_REACH = 16
#: How many words before "team of" a word that makes the team the job's may be.
LEADING_REACH = 3
#: An aside in brackets, without brackets inside it.
_ASIDE = re.compile(r"\(([^()]*)\)")


def team_demands(
    norm: Words,
    sentence: str,
    book: Phrasebook,
    knowledge: Knowledge,
    blocked: list[tuple[int, int]],
) -> Iterator[Found]:
    """The team a sentence asks the job to line-manage, and the work of managing it."""
    if book.team_none.any_in(norm):
        yield "team_size", 0, "says nobody reports to the job", ()
        return
    counted = [
        h.number + _added_people(norm, book, h.end)
        for h in free(book.team_counted.find(norm), blocked)
        if h.number
    ]
    if book.team_reporting_in.any_in(norm) or book.team_of.any_in(norm):
        counted += _listed(norm, sentence, book, blocked)
    if counted:
        many = int(max(counted))
        yield "team_size", many, f"asks you to line-manage {people(many)}", ()
    elif free(book.team_uncounted.find(norm), blocked):
        yield "team_size", 1, "asks you to line-manage people (how many is not said)", ()
    else:
        return
    # A team to line-manage is the work of managing it (advert_phrases.yaml's team.activity).
    activity = knowledge.activity(knowledge.advert_phrases.team.activity)
    yield "activity", activity.id, f"asks you to {activity.does}", ()


def _added_people(norm: Words, book: Phrasebook, end: int) -> int:
    """The people a counted team adds after it ends at ``end``: "3 analysts and a
    scheduler" adds one. A few words may name the counted people first; a number among
    them means the team was broken down, not added to."""
    words, numbers = norm.words, norm.numbers
    for index in range(end, min(end + 4, len(words))):
        if index in numbers:
            return 0
        if words[index] != "and":
            continue
        after = index + 1
        if after < len(words) and words[after] in ("a", "an", "one"):
            added, start = 1, after + 1
        elif after in numbers:
            value, start = numbers[after]
            added = int(value)
        else:
            return 0
        if any(word in book.team_people for word in words[start : start + 3]):
            return added
        return 0
    return 0


def _listed(
    norm: Words, sentence: str, book: Phrasebook, blocked: list[tuple[int, int]]
) -> list[int]:
    """The people of each list of counted people that reports to the job ("six project
    managers and two project schedulers report to you") or that is the team it leads
    ("lead the site team of a superintendent, two project coordinators and a project
    engineer")."""
    reporting = free(book.team_reporting_in.find(norm), blocked)
    leading = book.team_leading
    teams = [
        hit
        for hit in free(book.team_of.find(norm), blocked)
        if not leading.isdisjoint(norm.words[max(0, hit.start - LEADING_REACH) : hit.start])
    ]
    if not reporting and not teams:
        return []
    asides = _asides(sentence) if "(" in sentence else []
    # The asides by where they end, and where they start, in order.
    ending: dict[int, set[int]] = {}
    for start, end in asides:
        ending.setdefault(end, set()).add(start)
    opening = [start for start, _ in asides]
    found: list[int] = []
    for hit in reporting:
        # The list ends where the phrase starts, or where an aside just before it starts.
        ends = {hit.start} | ending.get(hit.start, set())
        for start in range(max(0, hit.start - LIST_REACH), hit.start):
            total = next((t for t, end in _lists(norm, book, start) if end in ends), None)
            if total is not None:  # the earliest start: the longest list
                found.append(total)
                break
    for hit in teams:
        # The list starts where the phrase ends, or in an aside that follows closely.
        near = asides[bisect_left(opening, hit.end) : bisect_right(opening, hit.end + LIST_REACH)]
        starts = [hit.end] + [place for start, end in near for place in range(start, end)]
        for start in starts:
            lists = _lists(norm, book, start)
            if lists:
                found.append(lists[-1][0])
                break
    return found


def _lists(norm: Words, book: Phrasebook, start: int) -> list[tuple[int, int]]:
    """Each list of counted people that starts at ``start``, shortest first: the people
    it adds up to and where it ends. A list of several items names its last after "and"
    ("a superintendent, two project coordinators and a project engineer"): a list cut
    off elsewhere is not a list."""
    words, numbers = norm.words, norm.numbers
    people_words, units = book.team_people, book.team_units
    lists: list[tuple[int, int]] = []
    total, index, items = 0.0, start, 0
    while index < len(words):
        joined = items > 0 and words[index] == "and"
        at = index + 1 if joined else index
        if at in numbers:
            value, after = numbers[at]
        elif at < len(words) and words[at] in _ONE:
            value, after = 1.0, at + 1
        else:
            break
        head = next(
            (
                place
                for place in range(after, min(after + ITEM_WORDS, len(words)))
                if words[place] in people_words or words[place] in units
            ),
            None,
        )
        if head is None or any(p in numbers or words[p] == "and" for p in range(after, head)):
            break
        total, index, items = total + value, head + 1, items + 1
        if items == 1 or joined:
            lists.append((int(total), index))
    return lists


def _asides(sentence: str) -> list[tuple[int, int]]:
    """The asides in brackets of a sentence, in order, as its words' places (from and
    up to): the words before each bracket counted on from the last one's."""
    brackets = [place for found in _ASIDE.finditer(sentence) for place in found.span(1)]
    places = words_before(sentence, brackets)
    return list(zip(places[::2], places[1::2], strict=True))
