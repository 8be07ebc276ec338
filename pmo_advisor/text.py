"""Making untrusted text safe to print.

Answers, titles and even data files can carry characters that a terminal acts on: escape
sequences that recolour or move the cursor, OSC-8 hyperlinks, BEL, backspace, carriage
returns that overwrite a line, and bidirectional overrides that reorder what is shown.
Every string that reaches output passes through :func:`clean` first, which replaces such
characters with a visible escape such as ``\\x1b`` so that nothing is hidden or acted on.
"""

from __future__ import annotations

import re

#: What separates the items of a list written as text ("plan-schedule, run-raid"): commas,
#: or semicolons as spreadsheets in many countries write lists.
LIST_SEPARATOR = re.compile(r"[,;]")
# C0 controls, DEL and C1 controls; bidirectional embeddings, overrides and isolates;
# lone surrogates (which cannot be encoded as UTF-8); the line and paragraph separators.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)
_UNSAFE_IN_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


# In repr() text: a surrogate escape (a byte that was not UTF-8) not itself escaped.
_REPR_BYTE = re.compile(r"(?<!\\)((?:\\\\)*)\\udc([89a-f][0-9a-f])")


def quoted(text: str) -> str:
    """``text`` quoted for a message as repr() quotes it, except that a byte that was not
    UTF-8 shows as ``\\xe9``, as :func:`clean` shows it, rather than as ``\\udce9``."""
    return _REPR_BYTE.sub(r"\1\\x\2", repr(text))


def as_shown(value: float) -> float:
    """A number rounded the way :func:`number` shows it. Rules compare this value, so a
    comparison never disagrees with the number printed beside it."""
    return round(float(value), 2)


def number(value: float) -> str:
    """A number as people write it: no ".0", at most two decimals."""
    rounded = as_shown(value)
    return str(int(rounded)) if rounded.is_integer() else f"{rounded:g}"


def is_safe(text: str) -> bool:
    """Whether text holds nothing a terminal could act on (tabs and newlines aside)."""
    return _UNSAFE.search(text) is None


def clean(text: str) -> str:
    """Text with every character a terminal could act on made visible; tabs and newlines
    are kept."""
    return _UNSAFE.sub(_visible, text)


def clean_line(text: str) -> str:
    """Like :func:`clean`, for text that must stay on one line: newlines and tabs are made
    visible too."""
    return _UNSAFE_IN_LINE.sub(_visible, text)


def capitalise(text: str) -> str:
    """Text with its first letter upper-case, the rest as it is ("you run a PMO" -> "You
    run a PMO"); str.capitalize would lower-case "PMO"."""
    return text[:1].upper() + text[1:]
