"""Matching a title against the vocabulary: the titles, aliases and delivery roles the
knowledge base lists, and near spellings of them.

Titles are compared as sets of words, word order not counting: a listed name matches
when every one of its words is in the advert's (a long word may be misspelt, which
rapidfuzz judges: a near spelling), and no other word of the advert belongs to another
title (a specialist title is the same job in any kind of office, so scope words such as
"programme" do not count against it). Each further word costs a little; only matches
scoring at least :data:`THRESHOLD` out of 100 are kept. Seniority words ("Senior",
"Junior", "Head" …) are set aside, unless the name compared with has them too.

Everything about the knowledge base is prepared once: each listed name read and indexed
by its rarest word, so that a query is compared only with the few names whose words it
could hold. This is the only module that imports rapidfuzz.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from pmo_advisor.knowledge import DeliveryRole, Knowledge, Title
from pmo_advisor.titles.words import WordReader

#: The lowest score (0-100) a match needs to be kept: up to five extra words (a place,
#: a department) at 3 points each.
THRESHOLD = 85
#: What an extra word costs: a place or a department says little about the job.
_EXTRA_COST = 3
# A word this long or longer can be a slip of the keys for a title's word.
_SLIP_LENGTH = 5
_SLIP_SCORE = 88
#: How many word sets' matches, and unknown words' near spellings, are remembered: a
#: list's titles repeat their words far more often than this, and each entry is small.
REMEMBERED = 8_192


@dataclass(frozen=True, slots=True)
class Candidate:
    """One name (a title's, an alias, or a delivery role's) as the translator reads it."""

    name: str
    tokens: frozenset[str]
    #: Words that may be extra without ruling the match out (scope words, for a
    #: specialist title).
    tolerated: frozenset[str]
    #: The place of the name in the knowledge base, to break ties in data order.
    order: int
    title: Title | None = None
    role: DeliveryRole | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """A candidate that matched a set of words."""

    score: float
    candidate: Candidate
    #: The seniority words set aside, in the order typed.
    aside: tuple[str, ...]
    #: The query's words read as near spellings of the candidate's.
    slipped: frozenset[str] = frozenset()

    @property
    def fuzzy(self) -> bool:
        """Whether a word was read as a near spelling of the candidate's."""
        return bool(self.slipped)

    @property
    def rank(self) -> tuple[float, int, int]:
        """Best first: the higher score, then fewer seniority words set aside (so "Lead
        Planner" is read as itself, not as a Planner who leads), then data order."""
        return (-self.score, len(self.aside), self.candidate.order)


@dataclass(frozen=True, slots=True)
class _Query:
    """One set of words as the scoring reads it, worked out once."""

    order: tuple[str, ...]
    words: frozenset[str]
    senior: frozenset[str]
    #: Its words that no title uses but read as slips for some, and those title words.
    slips: dict[str, frozenset[str]]
    reached: frozenset[str]
    #: Its words that belong to some title, or are slips for one: such a word, extra to
    #: a candidate, means another job.
    telling: frozenset[str]


_NONE: frozenset[str] = frozenset()


class VocabularyMatcher:
    """Matches sets of words against one knowledge base's listed names."""

    def __init__(self, knowledge: Knowledge, reader: WordReader) -> None:
        words = knowledge.title_words
        self._seniority = frozenset(s.word for s in words.seniority)
        scope_words = frozenset(words.scope_words)
        names: list[tuple[str, Title | None, DeliveryRole | None, bool]] = [
            (name, title, None, title.is_specialist)
            for title in knowledge.titles
            for name in (title.name, *title.aliases)
        ]
        names += [
            (name, None, role, False)
            for role in knowledge.delivery_roles
            for name in (role.name, *role.aliases)
        ]
        candidates = []
        for order, (name, title, role, tolerant) in enumerate(names):
            tokens = frozenset(reader.tokens(name))
            tolerated = scope_words - tokens if tolerant else frozenset()
            candidates.append(Candidate(name, tokens, tolerated, order, title, role))
        #: Every word any listed name uses: in a query, such a word is never mere noise.
        self.vocabulary = frozenset(w for c in candidates for w in c.tokens)
        self._long_words = sorted(w for w in self.vocabulary if len(w) >= _SLIP_LENGTH)
        # Each candidate under its rarest word: a query can only match candidates filed
        # under one of its own words.
        counts = Counter(w for c in candidates for w in c.tokens)
        self._index: dict[str, list[Candidate]] = {}
        for candidate in candidates:
            if candidate.tokens:
                rarest = min(sorted(candidate.tokens), key=counts.__getitem__)
                self._index.setdefault(rarest, []).append(candidate)
        self._outside_words, self._outside_phrases = reader.word_test(words.outside_pmo)
        self.hits = functools.lru_cache(maxsize=REMEMBERED)(self._match)
        self.slips = functools.lru_cache(maxsize=REMEMBERED)(self._slips)

    def telling(self, tokens: Iterable[str]) -> bool:
        """Whether any of these words belongs to a listed name, or could be a slip for
        one's: a segment without such a word is a place, a reference or a department."""
        return any(w in self.vocabulary or self.slips(w) for w in tokens)

    def outside(self, tokens: Sequence[str]) -> str | None:
        """The word or phrase, if any, that marks these words as a job outside the PMO."""
        found = self._outside_words.intersection(tokens)
        if found:
            return min(found)
        if self._outside_phrases is not None:
            match = self._outside_phrases.search(" ".join(tokens))
            if match:
                return match.group()
        return None

    def _match(self, tokens: tuple[str, ...]) -> tuple[Hit, ...]:
        """Every candidate that matches these words confidently, best first."""
        if not tokens or self.outside(tokens):
            return ()
        words = frozenset(tokens)
        # Words no title uses, and the title words each could be a slip for.
        slips = {w: found for w in words - self.vocabulary if (found := self.slips(w))}
        reached = frozenset().union(*slips.values())
        query = _Query(
            order=tuple(dict.fromkeys(tokens)),
            words=words,
            senior=words & self._seniority,
            slips=slips,
            reached=reached,
            telling=(words & self.vocabulary) | slips.keys(),
        )
        available = words | reached
        hits = []
        for word in available:
            for candidate in self._index.get(word, ()):
                if candidate.tokens <= available:
                    hit = _score(query, candidate)
                    if hit is not None:
                        hits.append(hit)
        return tuple(sorted(hits, key=lambda h: h.rank))

    def _slips(self, word: str) -> frozenset[str]:
        """The title words ``word`` reads as a slip of the keys for ("programe" for
        "programme"): both five letters or more and nearly the same. A word with a digit
        is a reference or a grade, never a slip."""
        if len(word) < _SLIP_LENGTH or not word.isalpha():
            return _NONE
        found = process.extract(
            word, self._long_words, scorer=fuzz.ratio, score_cutoff=_SLIP_SCORE, limit=None
        )
        return frozenset(m for m, _, _ in found)


def _score(query: _Query, candidate: Candidate) -> Hit | None:
    """How well a query's words match a candidate's, or None when not confidently.

    Every word of the candidate must be in the query (a long word may be misspelt); a
    query word that belongs to some other title ("Manager", "Director") means a different
    job, while a word from no title at all (a place, a department) is noise and costs a
    little. Seniority words the candidate lacks are set aside.
    """
    tokens = candidate.tokens
    set_aside = query.senior - tokens
    kept = query.words - set_aside if set_aside else query.words
    if not kept:
        return None
    # Only a word no title uses can be a slip for one: "office" is never "officer".
    missing = tokens - kept
    if not missing <= query.reached:
        return None
    extras = kept - tokens
    if query.slips:
        extras = frozenset(w for w in extras if not query.slips.get(w, _NONE) & tokens)
    if (extras & query.telling) - candidate.tolerated:
        return None
    score = 100.0 - _EXTRA_COST * len(extras)
    if missing:
        # A near spelling: scored by how near, so that it never ties with the name itself.
        score -= 100 - max(
            fuzz.ratio(w, m) for w in query.slips for m in missing if m in query.slips[w]
        )
    if score < THRESHOLD:
        return None
    aside = tuple(w for w in query.order if w in set_aside) if set_aside else ()
    slipped = frozenset(w for w in query.slips if query.slips[w] & missing) if missing else _NONE
    return Hit(score, candidate, aside, slipped)
