"""Where an advert's job is, when the advert makes it clear: by its currency, else by
the places it names; its spelling is reported, never used alone.

The places, spellings and currency codes are phrases of the one index every sentence is
read with, so they are counted as each sentence is read (those set aside too), and the
currency signs ("£", "us$") as each line is: the advert is not read a second time for
them.
"""

from __future__ import annotations

import re
from collections import Counter

from pmo_advisor.adverts.phrasebook import Phrasebook, Words
from pmo_advisor.knowledge import Knowledge


class MarketTally:
    """The currencies, places and spellings of an advert's text, counted as it is read."""

    def __init__(self, book: Phrasebook) -> None:
        self._book = book
        #: Currency codes written as words ("gbp", "lakh"), by code.
        self.codes: Counter[str] = Counter()
        #: Places named, by market, and the first place named for each.
        self.places: Counter[str] = Counter()
        self.named: dict[str, str] = {}
        self.british = 0
        self.american = 0
        #: Currency signs written, by sign; the characters a line must hold to hold one.
        self.signs: Counter[str] = Counter()
        marks = {mark for sign, _ in book.currencies for mark in sign if not mark.isalpha()}
        # A class of those marks, or (with none) a pattern that finds nothing.
        self._sign_marks = re.compile(f"[{re.escape(''.join(sorted(marks)))}]" if marks else "(?!)")

    def count(self, words: Words) -> None:
        """Count the market's phrases in one sentence (or heading, or title)."""
        book = self._book
        for hit in book.currency_codes.find(words):
            self.codes[hit.meaning] += 1
        for hit in book.places.find(words):
            self.places[hit.meaning] += 1
            self.named.setdefault(hit.meaning, " ".join(words.words[hit.start : hit.end]))
        self.british += len(book.british.find(words))
        self.american += len(book.american.find(words))

    def count_signs(self, line: str) -> None:
        """Count the currency signs ("£", "us$") in one line (or the title) as it is
        read; most lines hold none of their marks, and are passed over."""
        if self._sign_marks.search(line) is None:
            return
        lowered = line.lower()
        for sign, _ in self._book.currencies:
            if not sign.isalpha():
                self.signs[sign] += lowered.count(sign)

    def market(self, knowledge: Knowledge) -> tuple[str | None, str | None]:
        """The market and the note that says how it was read."""
        by_currency: Counter[str] = Counter()
        signs: dict[str, str] = {}
        for sign, market in self._book.currencies:
            count = self.codes[sign] if sign.isalpha() else self.signs[sign]
            if count:
                by_currency[market] += count
                signs.setdefault(market, sign)
        named = self.named
        if by_currency:
            market = by_currency.most_common(1)[0][0]
            said = f"the currency ({signs[market]})"
            if market in named:
                said += f" and the place ({named[market].title()})"
            return market, f"Read from {said}: {knowledge.market(market).name}."
        if self.places:
            market = self.places.most_common(1)[0][0]
            return market, (
                f"Read from the place ({named[market].title()}): {knowledge.market(market).name}."
            )
        if self.british or self.american:
            english = "British" if self.british >= self.american else "American"
            return None, (
                f"No currency or place says where the job is; it is written in {english}"
                " English, which several markets share."
            )
        return None, None
