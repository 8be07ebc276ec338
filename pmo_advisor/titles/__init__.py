"""The title translator: what an advert's job title means, read as a recruiter reads it.

One module per job:

- :mod:`~pmo_advisor.titles.words` reads a title into words (spellings, abbreviations,
  noise), the same way for adverts and for the knowledge base;
- :mod:`~pmo_advisor.titles.vocabulary` matches those words against the listed titles,
  aliases and delivery roles, and near spellings of them (the only user of rapidfuzz);
- :mod:`~pmo_advisor.titles.grammar` reads a title no list holds by its parts: office,
  function, specialism, grade (``data/title_grammar.yaml``);
- :mod:`~pmo_advisor.titles.professions` rules out other professions' titles by their
  context words;
- :mod:`~pmo_advisor.titles.lookup` puts them in the reading order and says how each
  title was read.
"""

from __future__ import annotations

import functools
import threading

from pmo_advisor.knowledge import Knowledge
from pmo_advisor.titles.lookup import MAX_MATCHES, TitleReader
from pmo_advisor.titles.vocabulary import THRESHOLD
from pmo_advisor.titles.words import MAX_QUERY

__all__ = ["MAX_MATCHES", "MAX_QUERY", "THRESHOLD", "TitleReader", "reader_for"]


def reader_for(knowledge: Knowledge) -> TitleReader:
    """The title reader for a knowledge base, built once: many assessments (a team's,
    say) and a title list share one, and building it reads every title."""
    # Under a lock, so that threads asking at once build one reader between them.
    with _BUILDING:
        return _reader(_Same(knowledge))


class _Same:
    """A knowledge base as a cache key: the same object, not an equal one (comparing
    two knowledge bases field by field would cost more than the reader saves)."""

    __slots__ = ("knowledge",)

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge

    def __hash__(self) -> int:
        return id(self.knowledge)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.knowledge is self.knowledge


# Bounded at four: a process uses one knowledge base, or a test a handful; each reader
# holds its own bounded memories of titles read.
@functools.lru_cache(maxsize=4)
def _reader(key: _Same) -> TitleReader:
    return TitleReader(key.knowledge)


_BUILDING = threading.Lock()
