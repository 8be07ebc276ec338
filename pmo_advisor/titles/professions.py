"""Other professions: context words that make a title another profession's job.

"Maintenance Planner (SAP PM)" shares a word with Project Planner, but SAP PM is plant
maintenance; "Programme Coordinator - Youth Services" runs a youth programme. A context
word rules a title out wherever it sits, in brackets or after a dash, and outranks any
one-word alias, unless an office word (PMO, programme office …) places the job in a PMO.
The words and the reasons shown are in ``data/title_grammar.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pmo_advisor.knowledge.title_grammar import TitleGrammar
from pmo_advisor.titles.grammar import PhraseIndex


@dataclass(frozen=True, slots=True)
class RuledOut:
    """Why a title is another profession's."""

    #: The context words found, as the translator reads them.
    words: str
    reason: str


class OtherProfessions:
    """Finds the context words of other professions in a title's parts."""

    def __init__(self, grammar: TitleGrammar) -> None:
        self._index = PhraseIndex(
            (phrase, rule.reason) for rule in grammar.other_professions for phrase in rule.phrases
        )

    def ruled_out(self, parts: Sequence[tuple[str, ...]]) -> RuledOut | None:
        """The first context word of another profession in any part of a title."""
        for tokens in parts:
            for start, end, reason in self._index.find(tokens):
                return RuledOut(" ".join(tokens[start:end]), reason)
        return None
