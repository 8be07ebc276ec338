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

from pmo_advisor.knowledge import Knowledge
from pmo_advisor.memo import IdentityMemo
from pmo_advisor.titles.lookup import MAX_MATCHES, TitleReader
from pmo_advisor.titles.vocabulary import THRESHOLD
from pmo_advisor.titles.words import MAX_QUERY

__all__ = ["MAX_MATCHES", "MAX_QUERY", "THRESHOLD", "TitleReader", "reader_for"]


def reader_for(knowledge: Knowledge) -> TitleReader:
    """The title reader for a knowledge base, built once: many assessments (a team's,
    say) and a title list share one, and building it reads every title. Threads asking
    at once build one between them."""
    return _READERS.get(knowledge, lambda: TitleReader(knowledge))


# Bounded at four: a process uses one knowledge base, or a test a handful; each reader
# holds its own bounded memories of titles read.
_READERS: IdentityMemo[TitleReader] = IdentityMemo(4, once=True)
