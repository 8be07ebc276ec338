"""Reading a title into words: the one way every title is read, from an advert or from
the knowledge base, so that spellings only have to agree after it.

A title is lowercased, text in brackets set apart, split where a dash, bar or comma
starts noise such as a place or a contract, abbreviations and spellings put right
(``data/title_words.yaml``), noise words and tool names dropped.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from pmo_advisor.knowledge import TitleWords

#: The longest title read; adverts' titles are far shorter.
MAX_QUERY = 500
#: How many segments' words are remembered: the parts of titles that repeat in a list
#: (the title itself, a town, a department) are far fewer than this, and a segment's
#: words take a few hundred bytes, so the memory stays small however long the list.
SEGMENTS_REMEMBERED = 8_192

BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
# Where the title ends and noise (a place, a department, a contract) begins.
SEPARATORS = re.compile(r"\s(?:[-\u2013\u2014]|at|in|for)\s|[|,;:/@•·]")
NOT_WORD = re.compile(r"[^\w]+")
STOP_WORDS = frozenset({"of", "the", "and", "to", "a", "an"})


class WordReader:
    """Reads titles into words, as one knowledge base spells them."""

    def __init__(self, words: TitleWords) -> None:
        self._abbreviations = words.abbreviations
        self._spellings = dict(words.spellings)
        # One pattern each, longest phrases first, so "project management office" wins
        # over "project"; a phrase counts only as whole words.
        self._spelling_pattern = phrases_pattern(words.spellings)
        self._noise_pattern = phrases_pattern([*words.noise, *words.tools])
        self.segment = functools.lru_cache(maxsize=SEGMENTS_REMEMBERED)(self._segment)
        self.surface = functools.lru_cache(maxsize=SEGMENTS_REMEMBERED)(self._surface)
        # Every word an abbreviation or spelling holds (rewritten), and every word of a
        # noise word or tool name: a text with none of them is read by splitting alone,
        # which a list's places and references (distinct in every title) make worth it.
        self.rewritten = frozenset(
            w
            for phrase in (*words.abbreviations, *words.spellings)
            for w in NOT_WORD.split(phrase.casefold())
            if w
        )
        # Noise words and tool names are dropped: they never change a reading.
        dropped = frozenset(
            w
            for phrase in (*words.noise, *words.tools)
            for w in NOT_WORD.split(phrase.casefold())
            if w
        )
        self._plain_split_unsafe = self.rewritten | dropped

    def parts(self, query: str) -> tuple[list[str], list[str]]:
        """The query's segments (the title, then what follows a dash, bar or comma) and
        the text of its brackets, lowercased."""
        text = query if query.isascii() else unicodedata.normalize("NFKC", query)
        text = text.casefold().replace("&", " and ")
        brackets: list[str] = []
        if "(" in text or "[" in text or "{" in text:
            brackets = [b[1:-1] for b in BRACKETS.findall(text)]
            text = BRACKETS.sub(" ", text)
        return [part for part in SEPARATORS.split(text) if part.strip()], brackets

    def _segment(self, text: str) -> tuple[str, ...]:
        """The words of one part of a title (remembered: parts repeat across titles)."""
        return tuple(self.tokens(text))

    def tokens(self, text: str) -> list[str]:
        """A text's words as the translator reads them."""
        if text.isascii() and "(" not in text and "[" not in text and "{" not in text:
            words = [w for w in NOT_WORD.split(text.casefold()) if w]
            if self._plain_split_unsafe.isdisjoint(words):
                return [w for w in words if w not in STOP_WORDS]
        text = BRACKETS.sub(" ", unicodedata.normalize("NFKC", text).casefold())
        # One space between words, so that a phrase is found however it was spaced.
        text = f" {' '.join(text.split())} "
        # Twice, so that one spelling can lead to another ("program management office"
        # to "programme management office" to "pmo").
        for _ in range(2):
            text = self._spelling_pattern.sub(lambda m: self._spellings[m.group()], text)
        text = self._noise_pattern.sub(" ", text)
        tokens = []
        for word in NOT_WORD.split(text.replace("-", " - ")):
            if not word or word == "-":
                continue
            word = self._abbreviations.get(word, word)
            for part in word.split():
                part = self._spellings.get(part, part)
                if part not in STOP_WORDS:
                    tokens.append(part)
        return tokens

    def word_test(self, listed: Iterable[str]) -> tuple[frozenset[str], re.Pattern[str] | None]:
        """Single words as a set, phrases as one pattern of whole words, both read the
        way titles are."""
        read = [" ".join(self.tokens(w)) for w in listed]
        phrases = [w for w in read if " " in w]
        pattern = (
            re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\S)")
            if phrases
            else None
        )
        return frozenset(w for w in read if w and " " not in w), pattern

    def _surface(self, typed: str) -> frozenset[str]:
        """One typed word as the translator reads it alone ("Snr" is "senior")."""
        word = typed.casefold()
        word = self._abbreviations.get(word, word)
        return frozenset(self._spellings.get(word, word).split())

    def phrases_in(self, text: str) -> list[tuple[str, str]]:
        """The multi-word spellings a lowercased text holds, and what each reads as
        ("cost engineer" reads as "cost controller")."""
        return [
            (m.group(), self._spellings[m.group()])
            for m in self._spelling_pattern.finditer(f" {' '.join(text.split())} ")
            if " " in m.group()
        ]


def phrases_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """One pattern for whole-word phrases, longest first."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w-])")
