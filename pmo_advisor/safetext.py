"""Making untrusted text safe to print.

Answers, titles and even data files can carry characters that a terminal acts on: escape
sequences that recolour or move the cursor, OSC-8 hyperlinks, BEL, backspace, carriage
returns that overwrite a line, and bidirectional overrides that reorder what is shown.
Every string that reaches output passes through :func:`clean` first, which replaces such
characters with a visible escape such as ``\\x1b`` so that nothing is hidden or acted on.
JSON (and TOML) text passes through :func:`json_safe`, which writes them as ``\\u``
escapes. Both follow the one set of unsafe characters defined here.
"""

from __future__ import annotations

import re

# The one rule for characters a terminal could act on, for every output: C0 controls
# (tabs and newlines aside), DEL and C1 controls (such as \x9b, a one-byte CSI);
# bidirectional marks, embeddings, overrides and isolates; the line and paragraph
# separators; lone surrogates (which cannot be encoded as UTF-8). Text output shows them
# as escapes; JSON and TOML as \u escapes, with lone surrogates replaced (see
# valid_unicode).
_SURROGATES = "\ud800-\udfff"
_UNSAFE_CHARACTERS = (
    "\x00-\x08\x0b-\x1f"  # C0 controls but tab and newline
    "\x7f-\x9f"  # DEL and C1 controls
    "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"  # bidi marks, separators
    + _SURROGATES
)
_UNSAFE = re.compile(f"[{_UNSAFE_CHARACTERS}]")
_UNSAFE_IN_LINE = re.compile(f"[\t\n{_UNSAFE_CHARACTERS}]")
# A lone surrogate that is not a byte kept by surrogateescape (a JSON "\ud800").
_LONE_SURROGATE = re.compile("[\ud800-\udc7f\udd00-\udfff]")
_ANY_SURROGATE = re.compile(f"[{_SURROGATES}]")


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


def valid_unicode(text: str) -> str:
    """Text that can be written as UTF-8: bytes that were not UTF-8 (kept as lone
    surrogates by surrogateescape, as in file names and arguments) decode where they can
    and become U+FFFD where they cannot; any other lone surrogate becomes U+FFFD too.
    Titles and every JSON string follow this one rule."""
    if _ANY_SURROGATE.search(text) is None:  # the usual case, and the quick one
        return text
    text = _LONE_SURROGATE.sub("\ufffd", text)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def json_safe(text: str) -> str:
    """JSON (or TOML) text from ``json.dumps(..., ensure_ascii=False)`` made valid UTF-8
    (see :func:`valid_unicode`) and safe to print: every character a terminal could act
    on becomes a ``\\u`` escape. (json.dumps has escaped the C0 controls already, and no
    surrogate is left, so only DEL, C1 controls and the bidirectional marks remain.)"""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", valid_unicode(text))
