"""The title translator: which knowledge-base titles an advert's job title means.

A title from an advert and every title (and alias) in the knowledge base are read the same
way: lowercased, text in brackets dropped, split where a dash, bar or comma starts noise
such as a place or a contract, abbreviations and spellings put right
(``data/title_words.yaml``), noise words dropped. Seniority words ("Senior", "Junior",
"Head" …) are then set aside, unless the title compared with has them too, and reported
with a note on how they shift the reading instead of being ignored. Titles are compared
with rapidfuzz, word order not counting; only matches scoring at least
:data:`THRESHOLD` out of 100 are listed.

This is the only module that imports rapidfuzz; nothing else loads it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from pmo_advisor.knowledge import Knowledge, Title
from pmo_advisor.model import TitleLookup, TitleMatch

#: The lowest score (0-100) a match needs to be listed. Below it, look-alikes such as
#: "Programme Office Analyst" for "Project Office Analyst" (83) begin to appear.
THRESHOLD = 85
#: The most matches listed for one query.
MAX_MATCHES = 5
#: The longest title read; adverts' titles are far shorter.
MAX_QUERY = 500

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
# Where the title ends and noise (a place, a department, a contract) begins.
_SEPARATORS = re.compile(r"\s[-\u2013\u2014]\s|[|,;:/@•·]|\s(?:at|in|for)\s")
_NOT_WORD = re.compile(r"[^\w]+")
_STOP_WORDS = frozenset({"of", "the", "and", "to", "a", "an"})


@dataclass(frozen=True)
class _Candidate:
    title: Title
    name: str
    tokens: frozenset[str]
    text: str


class TitleMatcher:
    """Looks up advert titles against one knowledge base."""

    def __init__(self, knowledge: Knowledge) -> None:
        words = knowledge.title_words
        self._abbreviations = words.abbreviations
        self._spellings = dict(words.spellings)
        # One pattern each, longest phrases first, so "project management office" wins
        # over "project"; a phrase counts only as whole words.
        self._spelling_pattern = _phrases(words.spellings)
        self._noise_pattern = _phrases(words.noise)
        self._seniority = {s.word: s for s in words.seniority}
        self._candidates = tuple(
            self._candidate(title, name)
            for title in knowledge.titles
            for name in (title.name, *title.aliases)
        )
        # Every word any title uses: in a query, such a word is never mere noise.
        self._vocabulary = frozenset(w for c in self._candidates for w in c.tokens)
        self._outside = frozenset(words.outside_pmo)

    def lookup(self, query: str) -> TitleLookup:
        """The knowledge-base titles the query means, best first (none when unsure)."""
        if len(query) > MAX_QUERY:
            return TitleLookup(query[:60], (), error=f"longer than {MAX_QUERY} characters")
        best: dict[str, tuple[float, _Candidate, tuple[str, ...]]] = {}
        for segment in self._segments(query):
            tokens = self._tokens(segment)
            if not tokens or self._outside.intersection(tokens):
                continue
            senior = {t for t in tokens if t in self._seniority}
            # Words no title uses, and the title words each could be a slip for.
            slips = {
                w: {v for v in self._vocabulary if _slip_for(w, v)}
                for w in set(tokens)
                if w not in self._vocabulary
            }
            # A candidate needs every one of its words in the query: a cheap test first.
            available = set(tokens).union(*slips.values())
            for candidate in self._candidates:
                if not candidate.tokens <= available:
                    continue
                score, set_aside = self._score(tokens, senior, slips, candidate)
                known = best.get(candidate.title.name)
                if score >= THRESHOLD and (known is None or score > known[0]):
                    best[candidate.title.name] = (score, candidate, set_aside)
        ranked = sorted(best.values(), key=lambda item: -item[0])[:MAX_MATCHES]
        matches = tuple(
            TitleMatch(candidate.title, round(score, 1), candidate.name)
            for score, candidate, _ in ranked
        )
        set_aside = ranked[0][2] if ranked else ()
        return TitleLookup(query, matches, tuple(self._seniority[w] for w in set_aside))

    def normalise(self, text: str) -> str:
        """A title as the translator reads it (for tests and the benchmark)."""
        return " ".join(sorted(self._tokens(text)))

    def _candidate(self, title: Title, name: str) -> _Candidate:
        tokens = self._tokens(name)
        return _Candidate(title, name, frozenset(tokens), " ".join(sorted(tokens)))

    def _segments(self, query: str) -> list[str]:
        text = unicodedata.normalize("NFKC", query).casefold().replace("&", " and ")
        text = _BRACKETS.sub(" ", text)
        segments = [s for s in _SEPARATORS.split(text) if s.strip()]
        # The whole title too: a separator can sit inside a real title.
        return [*segments, text] if len(segments) > 1 else segments

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

    def _score(
        self,
        tokens: Sequence[str],
        senior: set[str],
        slips: dict[str, set[str]],
        candidate: _Candidate,
    ) -> tuple[float, tuple[str, ...]]:
        """How well the query's words match a candidate's, 0-100.

        Every word of the candidate must be in the query (a long word may be misspelt);
        a query word that belongs to some other title ("Manager", "Director") means a
        different job, while a word from no title at all (a place, a department) is
        noise and costs a little. A match that breaks either rule stays below the
        threshold, whatever the letters have in common.
        """
        set_aside: tuple[str, ...] = ()
        kept: Sequence[str] = tokens
        if senior:
            set_aside = tuple(t for t in dict.fromkeys(tokens) if t in senior - candidate.tokens)
            kept = [t for t in tokens if t not in set_aside]
        if not kept:
            return 0.0, set_aside
        score = float(fuzz.ratio(" ".join(sorted(kept)), candidate.text))
        words = set(kept)
        # Only a word no title uses can be a slip for one: "office" is never "officer".
        unmatched = [
            c
            for c in candidate.tokens
            if c not in words and not any(c in slips[w] for w in words & slips.keys())
        ]
        extras = [
            w
            for w in words
            if w not in candidate.tokens and not slips.get(w, set()) & candidate.tokens
        ]
        if unmatched or any(w in self._vocabulary or slips.get(w) for w in extras):
            return min(score, THRESHOLD - 5.0), set_aside
        return 100.0 - 3 * len(extras), set_aside


def every_title(knowledge: Knowledge, level: int | None, scope: str | None) -> tuple[Title, ...]:
    """The knowledge base's titles, filtered by level and kind of PMO, by level then kind."""
    from pmo_advisor.knowledge import SCOPES

    def order(title: Title) -> tuple[int, int]:
        kind = len(SCOPES) if title.pmo_type is None else SCOPES.index(title.pmo_type)
        return (min(title.levels), kind)

    chosen: Iterable[Title] = knowledge.titles
    if level is not None:
        chosen = (t for t in chosen if level in t.levels)
    if scope is not None:
        chosen = (t for t in chosen if t.pmo_type in (None, scope))
    return tuple(sorted(chosen, key=order))


def _phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w-])")


def _slip_for(word: str, other: str) -> bool:
    """Whether ``word`` reads as a slip of the keys for ``other``: both five letters or
    more and nearly the same ("programe" for "programme")."""
    return len(word) >= 5 and len(other) >= 5 and fuzz.ratio(word, other) >= 88
