"""The title translator: which knowledge-base titles an advert's job title means.

A title from an advert and every title (and alias) in the knowledge base are read the same
way: lowercased, text in brackets dropped, split where a dash, bar or comma starts noise
such as a place or a contract, abbreviations and spellings put right
(``data/title_words.yaml``), noise words and tool names dropped. Seniority words
("Senior", "Junior", "Head" …) are then set aside, unless the title compared with has them
too, and reported with a note on how they shift the reading instead of being ignored.

Titles are compared as sets of words, word order not counting: a known title matches
when every one of its words is in the advert's (a long word may be misspelt, which
rapidfuzz judges), and no other word of the advert belongs to another title (a
specialist title is the same job in any kind of office, so scope words such as
"programme" do not count against it). Each further word costs a little; only matches
scoring at least :data:`THRESHOLD` out of 100 are listed. Delivery roles (Project
Manager, Scrum Master) are matched the same way but reported apart, never as PMO titles.

Everything about the knowledge base is prepared once, when the matcher is built: each
known name read and indexed by its rarest word, so that a query is compared only with
the few names whose words it could hold. Queries repeat a great deal in real lists (the
same title, the same town), so titles, segments and unknown words are remembered.

This is the only module that imports rapidfuzz; nothing else loads it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from rapidfuzz import fuzz, process

from pmo_advisor.knowledge import DeliveryRole, Knowledge, Title
from pmo_advisor.model import TitleLookup, TitleMatch

#: The lowest score (0-100) a match needs to be listed: up to five extra words (a place,
#: a department) at 3 points each.
THRESHOLD = 85
#: The most matches listed for one query.
MAX_MATCHES = 5
#: The longest title read; adverts' titles are far shorter.
MAX_QUERY = 500
#: What an extra word costs: a place or a department says little about the job.
_EXTRA_COST = 3
#: How many titles, segments and unknown words are remembered before starting afresh.
_MEMORY = 50_000

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
# Where the title ends and noise (a place, a department, a contract) begins.
_SEPARATORS = re.compile(r"\s[-\u2013\u2014]\s|[|,;:/@•·]|\s(?:at|in|for)\s")
_NOT_WORD = re.compile(r"[^\w]+")
_STOP_WORDS = frozenset({"of", "the", "and", "to", "a", "an"})
# A word this long or longer can be a slip of the keys for a title's word.
_SLIP_LENGTH = 5
_SLIP_SCORE = 88


@dataclass(frozen=True, slots=True)
class _Candidate:
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
class _Query:
    """One segment of a query as the scoring reads it, worked out once."""

    #: Each word once, in the order given.
    order: tuple[str, ...]
    words: frozenset[str]
    #: Its seniority words.
    senior: frozenset[str]
    #: Its words that no title uses but read as slips for some, and those title words.
    slips: dict[str, frozenset[str]]
    reached: frozenset[str]
    #: Its words that belong to some title, or are slips for one: such a word, extra to
    #: a candidate, means another job.
    telling: frozenset[str]


_NONE: frozenset[str] = frozenset()
_Key = TypeVar("_Key")
_Value = TypeVar("_Value")

# A candidate that matched one segment: its score and the seniority words set aside.
_Hit = tuple[float, _Candidate, tuple[str, ...]]


class TitleMatcher:
    """Looks up advert titles against one knowledge base."""

    def __init__(self, knowledge: Knowledge) -> None:
        words = knowledge.title_words
        self._abbreviations = words.abbreviations
        self._spellings = dict(words.spellings)
        # One pattern each, longest phrases first, so "project management office" wins
        # over "project"; a phrase counts only as whole words.
        self._spelling_pattern = _phrases(words.spellings)
        self._noise_pattern = _phrases([*words.noise, *words.tools])
        self._seniority = {s.word: s for s in words.seniority}
        scope_words = frozenset(words.scope_words)
        self._scope_words = scope_words
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
            tokens = frozenset(self._tokens(name))
            tolerated = scope_words - tokens if tolerant else frozenset()
            candidates.append(_Candidate(name, tokens, tolerated, order, title, role))
        # Every word any title uses: in a query, such a word is never mere noise.
        self._vocabulary = frozenset(w for c in candidates for w in c.tokens)
        self._long_words = sorted(w for w in self._vocabulary if len(w) >= _SLIP_LENGTH)
        # Each candidate under its rarest word: a query can only match candidates filed
        # under one of its own words.
        counts = Counter(w for c in candidates for w in c.tokens)
        self._index: dict[str, list[_Candidate]] = {}
        for candidate in candidates:
            if candidate.tokens:
                rarest = min(sorted(candidate.tokens), key=counts.__getitem__)
                self._index.setdefault(rarest, []).append(candidate)
        self._outside_words, self._outside_phrases = self._word_test(words.outside_pmo)
        self._other_words, self._other_phrases = self._word_test(words.other_specialisms)
        self._lookup_memory: dict[str, TitleLookup] = {}
        self._segment_memory: dict[str, tuple[str, ...]] = {}
        self._hit_memory: dict[tuple[str, ...], tuple[_Hit, ...]] = {}
        self._slip_memory: dict[str, frozenset[str]] = {}
        self._profession_memory: dict[tuple[str, ...], tuple[bool, bool]] = {}

    def lookup(self, query: str) -> TitleLookup:
        """The knowledge-base titles the query means, best first (none when unsure), and
        the delivery role it names, if any."""
        if len(query) > MAX_QUERY:
            return TitleLookup(query[:60], (), error=f"longer than {MAX_QUERY} characters")
        known = self._lookup_memory.get(query)
        if known is None:
            known = _remember(self._lookup_memory, query, self._lookup(query))
        return known

    def _lookup(self, query: str) -> TitleLookup:
        best: dict[str, _Hit] = {}
        role: _Hit | None = None
        readings = self._readings(query)
        for tokens in readings:
            for hit in self._hits(tokens):
                candidate = hit[1]
                if candidate.role is not None:
                    if role is None or _rank(hit) < _rank(role):
                        role = hit
                    continue
                assert candidate.title is not None
                known = best.get(candidate.title.name)
                if known is None or _rank(hit) < _rank(known):
                    best[candidate.title.name] = hit
        if any(_is_specialist(hit[1]) for hit in best.values()) and self._elsewhere(
            query, readings
        ):
            # A specialism is a job in other professions too ("Risk Manager - Credit
            # Risk", "Risk Manager (Credit)"): words that make it another profession's,
            # anywhere in the title and with nothing placing the job in change work, say
            # it is not a PMO job, though the part they sit in is dropped as noise
            # otherwise. A sector ("- Software") says only where the job is.
            best = {n: h for n, h in best.items() if not _is_specialist(h[1])}
        ranked = sorted(best.values(), key=_rank)[:MAX_MATCHES]
        matches = tuple(
            TitleMatch(candidate.title, score, candidate.name)
            for score, candidate, _ in ranked
            if candidate.title is not None
        )
        lead = ranked[0] if ranked else role
        set_aside = lead[2] if lead is not None else ()
        return TitleLookup(
            query,
            matches,
            tuple(self._seniority[w] for w in set_aside),
            delivery_role=None if role is None else role[1].role,
        )

    def _elsewhere(self, query: str, readings: Sequence[tuple[str, ...]]) -> bool:
        """Whether a title makes a specialism another profession's anywhere, brackets
        and the parts after a dash included, and has no word (project, programme,
        portfolio, PMO) that places it in change work."""
        parts = list(readings)
        if "(" in query or "[" in query or "{" in query:
            parts += (self._segment(b[1:-1]) for b in _BRACKETS.findall(query.casefold()))
        flags = [self._profession(part) for part in parts]
        return not any(scoped for scoped, _ in flags) and any(outside for _, outside in flags)

    def _profession(self, tokens: tuple[str, ...]) -> tuple[bool, bool]:
        """Whether these words place a job in change work ("projects" as well as
        "project"), and whether they make a specialism another profession's
        (remembered: places and departments repeat)."""
        known = self._profession_memory.get(tokens)
        if known is None:
            scoped = any(w in self._scope_words or w[:-1] in self._scope_words for w in tokens)
            other = bool(self._other_words.intersection(tokens)) or bool(
                self._other_phrases and self._other_phrases.search(" ".join(tokens))
            )
            known = _remember(self._profession_memory, tokens, (scoped, other))
        return known

    def normalise(self, text: str) -> str:
        """A title as the translator reads it (for tests and the benchmark)."""
        return " ".join(sorted(self._tokens(text)))

    def _readings(self, query: str) -> list[tuple[str, ...]]:
        """The query's words, read segment by segment, and the whole title's words too
        when it has more than one segment: a separator can sit inside a real title
        ("Director, Project Management Office")."""
        text = query if query.isascii() else unicodedata.normalize("NFKC", query)
        text = text.casefold().replace("&", " and ")
        if "(" in text or "[" in text or "{" in text:
            text = _BRACKETS.sub(" ", text)
        readings = [self._segment(part) for part in _SEPARATORS.split(text) if part.strip()]
        if len(readings) > 1:
            readings.append(tuple(w for reading in readings for w in reading))
        return readings

    def _word_test(self, listed: Iterable[str]) -> tuple[frozenset[str], re.Pattern[str] | None]:
        """Single words as a set, phrases as one pattern of whole words, both read the
        way titles are."""
        read = [" ".join(self._tokens(w)) for w in listed]
        phrases = [w for w in read if " " in w]
        pattern = (
            re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\S)")
            if phrases
            else None
        )
        return frozenset(w for w in read if w and " " not in w), pattern

    def _segment(self, text: str) -> tuple[str, ...]:
        """The words of one part of a title (remembered: parts repeat across titles)."""
        known = self._segment_memory.get(text)
        if known is None:
            known = _remember(self._segment_memory, text, tuple(self._tokens(text)))
        return known

    def _hits(self, tokens: tuple[str, ...]) -> tuple[_Hit, ...]:
        """Every candidate that matches these words confidently (remembered)."""
        known = self._hit_memory.get(tokens)
        if known is None:
            known = _remember(self._hit_memory, tokens, self._match(tokens))
        return known

    def _match(self, tokens: Sequence[str]) -> tuple[_Hit, ...]:
        if not tokens or self._outside_words.intersection(tokens):
            return ()
        if self._outside_phrases is not None and self._outside_phrases.search(" ".join(tokens)):
            return ()
        words = frozenset(tokens)
        # Words no title uses, and the title words each could be a slip for.
        slips = {w: found for w in words - self._vocabulary if (found := self._slips(w))}
        reached = frozenset().union(*slips.values())
        query = _Query(
            order=tuple(dict.fromkeys(tokens)),
            words=words,
            senior=words & self._seniority.keys(),
            slips=slips,
            reached=reached,
            telling=(words & self._vocabulary) | slips.keys(),
        )
        available = words | reached
        hits = []
        for word in available:
            for candidate in self._index.get(word, ()):
                if candidate.tokens <= available:
                    hit = _score(query, candidate)
                    if hit is not None:
                        hits.append(hit)
        return tuple(sorted(hits, key=_rank))

    def _slips(self, word: str) -> frozenset[str]:
        """The title words ``word`` reads as a slip of the keys for ("programe" for
        "programme"): both five letters or more and nearly the same (remembered)."""
        known = self._slip_memory.get(word)
        if known is None:
            found: Iterable[tuple[str, float, int]] = ()
            if len(word) >= _SLIP_LENGTH:
                found = process.extract(
                    word,
                    self._long_words,
                    scorer=fuzz.ratio,
                    score_cutoff=_SLIP_SCORE,
                    limit=None,
                )
            known = _remember(self._slip_memory, word, frozenset(m for m, _, _ in found))
        return known

    def _tokens(self, text: str) -> list[str]:
        text = f" {unicodedata.normalize('NFKC', text).casefold()} "
        text = _BRACKETS.sub(" ", text)
        # Twice, so that one spelling can lead to another ("program management office"
        # to "programme management office" to "pmo").
        for _ in range(2):
            text = self._spelling_pattern.sub(lambda m: self._spellings[m.group()], text)
        text = self._noise_pattern.sub(" ", text)
        tokens = []
        for word in _NOT_WORD.split(text.replace("-", " - ")):
            if not word or word == "-":
                continue
            word = self._abbreviations.get(word, word)
            for part in word.split():
                part = self._spellings.get(part, part)
                if part not in _STOP_WORDS:
                    tokens.append(part)
        return tokens


def _is_specialist(candidate: _Candidate) -> bool:
    return candidate.title is not None and candidate.title.is_specialist


def _score(query: _Query, candidate: _Candidate) -> _Hit | None:
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
    if not tokens - kept <= query.reached:
        return None
    extras = kept - tokens
    if query.slips:
        extras = frozenset(w for w in extras if not query.slips.get(w, _NONE) & tokens)
    if (extras & query.telling) - candidate.tolerated:
        return None
    score = 100.0 - _EXTRA_COST * len(extras)
    if score < THRESHOLD:
        return None
    aside = tuple(w for w in query.order if w in set_aside) if set_aside else ()
    return (score, candidate, aside)


def _remember(memory: dict[_Key, _Value], key: _Key, value: _Value) -> _Value:
    """Store a worked-out value; a full memory starts afresh, so it never grows without
    bound however long the list of titles."""
    if len(memory) >= _MEMORY:
        memory.clear()
    memory[key] = value
    return value


def _rank(hit: _Hit) -> tuple[float, int, int]:
    """Best first: the higher score, then fewer seniority words set aside (so "Lead
    Planner" is read as itself, not as a Planner who leads), then data order."""
    return (-hit[0], len(hit[2]), hit[1].order)


def _phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w-])")


_MATCHERS: dict[int, tuple[Knowledge, TitleMatcher]] = {}


def matcher_for(knowledge: Knowledge) -> TitleMatcher:
    """The matcher for a knowledge base, built once: many assessments (a team's, say) and
    a title list share one, and building it reads every title."""
    known = _MATCHERS.get(id(knowledge))
    if known is None or known[0] is not knowledge:
        known = _MATCHERS[id(knowledge)] = (knowledge, TitleMatcher(knowledge))
    return known[1]
