"""A text cut into words as the phrases of ``data/advert_phrases.yaml`` are matched
against it: lowercase, ranges of numbers as "N to M", hyphens, dashes, slashes and most
punctuation read as spaces."""

from __future__ import annotations

import re

#: Characters read as a space: hyphens, dashes, slashes and most punctuation inside a
#: sentence, so that "line-manage" and "line manage" are one phrase.
_SPACED = re.compile(r"[\-\u2010-\u2015/\\|_()\[\]{}<>:;,\"!?*•·]+")
#: A range of numbers ("3-5", with a dash or a hyphen) reads as "3 to 5": its lower end
#: is the demand.
_RANGE = re.compile(r"(\d)\s*[\-\u2010-\u2015]\s*(\d)")
#: Curly quotes read as straight ones; trade-mark signs are dropped ("P3O®" is "p3o").
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "®": "", "™": ""})
#: A number placeholder.
NUMBER = "{n}"


def phrase_form(text: str) -> str:
    """Text as phrases are matched against it: lowercase, ranges as "N to M",
    punctuation that joins words read as a space, single spaces. A full stop inside a
    sentence stays, so that "5.5" and "u.k." keep their shape."""
    text = _RANGE.sub(r"\1 to \2", text.translate(_APOSTROPHES).lower())
    return " ".join(_SPACED.sub(" ", text).split())


#: The characters read as a space between words (as :data:`_SPACED` reads them), as a
#: table for :meth:`str.translate`, which cuts a text in one pass.
SPACED = '-\u2010\u2011\u2012\u2013\u2014\u2015/\\|_()[]{}<>:;,"!?*\u2022\u00b7'
_SPACE_TABLE = str.maketrans(dict.fromkeys(SPACED, " "))


def phrase_words(text: str) -> list[str]:
    """The words of a text as phrases are matched: :func:`phrase_form`'s reading, cut
    into words, each without a full stop, apostrophe or possessive "'s" at its end
    ("pmo's" is "pmo", "years'" is "years", "pmo." is "pmo")."""
    text = text.translate(_APOSTROPHES).lower()
    if any(dash in text for dash in _DASHES):
        text = _RANGE.sub(r"\1 to \2", text)
    words = text.translate(_SPACE_TABLE).split()
    if "'" in text or "." in text:
        words = [_trim(word) if word.endswith(_ENDS) else word for word in words]
        if "" in words:
            words = [word for word in words if word]
    return words


_DASHES = ("-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015")
_ENDS = ("'s", "'", ".")


def _trim(word: str) -> str:
    """A word without the full stops, apostrophes and "'s" at its end."""
    while word.endswith(_ENDS):
        word = word[:-2] if word.endswith("'s") else word[:-1]
    return word
