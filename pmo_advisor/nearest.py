"""'Did you mean' hints for mistyped ids and keys."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(value: str, choices: Iterable[str]) -> str | None:
    """The closest choice to a mistyped value, or None when nothing is close."""
    matches = difflib.get_close_matches(value.casefold(), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def unknown_choice(what: str, value: str, choices: Iterable[str]) -> str:
    """A sentence naming an unknown value, the nearest known one and the valid ones."""
    options = list(choices)
    near = did_you_mean(value, options)
    shown = value if len(value) <= 60 else value[:57] + "..."
    hint = f"; did you mean {near!r}?" if near else ""
    if near and len(options) > _LISTED:
        # A long list helps nobody once the likely one is named.
        lister = _LISTERS.get(what)
        where = f"'{lister}' lists all {len(options)}" if lister else f"all {len(options)}"
        return f"unknown {what} {shown!r}{hint} ({where})"
    return f"unknown {what} {shown!r}{hint} (choose from: {', '.join(options)})"


#: Up to this many valid values are listed in full in a message.
_LISTED = 12
#: The command that lists every value of a kind too long to list in a message.
_LISTERS = {"activity": "pmo-advisor activities", "course": "pmo-advisor courses"}
