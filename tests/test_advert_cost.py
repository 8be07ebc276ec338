"""What reading a hostile advert costs grows with its length, not with its square.

An advert is untrusted and may be one sentence of a megabyte. These tests count the
work done (stretches read, characters cut into words, names followed), never the time
it takes: `benchmarks/adverts.py` gives the figures.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pmo_advisor import Advisor
from pmo_advisor.adverts import phrasebook, reading, team
from pmo_advisor.adverts.phrasebook import Hit, Words, free, words_before
from pmo_advisor.knowledge.phrasing import phrase_words


@pytest.fixture(scope="module")
def advisor() -> Advisor:
    return Advisor()


class _Stretches(list[tuple[int, int]]):
    """Stretches that count how often they are read through."""

    reads = 0

    def __iter__(self) -> Iterator[tuple[int, int]]:
        self.reads += 1
        return super().__iter__()


def test_hits_are_freed_in_one_read_of_the_stretches() -> None:
    hits = [Hit("x", None, place, place + 1) for place in range(0, 6_000, 3)]
    blocked = _Stretches((place, place + 2) for place in range(0, 6_000, 5))
    blocked += [(40, 90), (60, 70), (5_990, 5_990)]  # overlapping, and empty
    kept = free(hits, blocked)
    assert blocked.reads == 1
    assert kept == [h for h in hits if not any(a <= h.start < b for a, b in list.copy(blocked))]


def test_the_words_before_each_bracket_are_counted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    cut: list[int] = []

    def counting(text: str) -> list[str]:
        cut.append(len(text))
        return phrase_words(text)

    for module in (phrasebook, team):
        if hasattr(module, "phrase_words"):
            monkeypatch.setattr(module, "phrase_words", counting)
    sentence = "You will lead teams of staff" + " (typically 2 to 5 people)" * 2_000
    asides = team._asides(sentence)
    assert sum(cut) <= len(sentence)
    assert len(asides) == 2_000 and asides[:2] == [(6, 11), (11, 16)]


def test_words_before_places_count_as_the_whole_text_is_cut() -> None:
    text = "Run the PMO's services (3-5 people): reporting, RAID (U.K.) and planning."
    places = [i for i, char in enumerate(text) if char in "():"]
    assert words_before(text, places) == [len(phrase_words(text[:p])) for p in places]


def test_names_joined_together_are_followed_once(
    advisor: Advisor, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0
    joined_other = reading._joined_other

    def counting(words: list[str], start: int, end: int) -> int | None:
        nonlocal calls
        calls += 1
        return joined_other(words, start, end)

    monkeypatch.setattr(reading, "_joined_other", counting)
    sentence = "You will " + "report to and the and the " * 1_000 + "run the PMO."
    norm = Words(sentence)
    others, _ = reading._blocked(norm, phrasebook.phrasebook(advisor.knowledge), sentence)
    assert len(others) == 1_000 and calls <= len(norm)
    # Each chain of names joined on reaches as far as when it was followed each time.
    assert len({end for _, end in others}) == 1


def test_a_hostile_sentence_is_read_whole(advisor: Advisor) -> None:
    """One long sentence of many people reporting in, and of many asides, is read to its
    end: the demand in its last words is found."""
    many = "Two analysts report to you, " * 3_000 + "and you will run the PMO."
    asides = "You will lead teams of staff" + " (typically 2 to 5 people)" * 3_000
    for text in (many, asides + " You will run the PMO."):
        kinds = {
            (d.kind, d.value)
            for d in advisor.advert(f"PMO Manager\n\n{text}\n", name="x.md").evidence
        }
        assert ("team_size", 2) in kinds and ("activity", "run-pmo") in kinds
