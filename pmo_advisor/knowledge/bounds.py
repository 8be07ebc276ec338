"""The bounds the data files' values are validated against: annotated_types'
constraints, and the field types built from them.

The record classes name them through a ``bounds.`` prefix in their annotations, which
are read only by validation and by the JSON Schema. A run that unpickles a cached
knowledge base defines the record classes without reading their annotations, so it
never imports this module, nor annotated_types (a fifteenth of a command's start-up).
"""

from __future__ import annotations

from typing import Annotated

from annotated_types import Ge, Interval, Len, MinLen

__all__ = [
    "Ge",
    "Interval",
    "Len",
    "LevelNumber",
    "MinLen",
    "Phrase",
    "Phrases",
    "Text",
    "Url",
]

Text = Annotated[str, Len(1, 2000)]
#: A level of the ladder: levels.yaml says how many there are (crosscheck.py checks).
LevelNumber = Annotated[int, Ge(1)]
#: An official web address: https, no spaces (validate.py checks the rest).
Url = Annotated[str, Len(12, 300)]
#: A phrase of advert_phrases.yaml, and a list of them.
Phrase = Annotated[str, Len(1, 80)]
Phrases = Annotated[tuple[Phrase, ...], MinLen(1)]
