"""'Did you mean' hints for mistyped ids and keys.

A hint is only worth giving when it is likely right: a wrong one ("pmp": did you mean
"msp"?) sends people the wrong way. So a hint is given only for a small slip (a letter
left out, added, changed or swapped with its neighbour), fewer slips the shorter the
word, and only when one choice alone is that close.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from pmo_advisor.safetext import quoted

if TYPE_CHECKING:
    from pmo_advisor.knowledge import Knowledge

#: Values longer than this get no hint: a slip in them is not what went wrong.
_LONGEST = 60


def did_you_mean(value: str, choices: Iterable[str] | Mapping[str, str]) -> str | None:
    """The one choice close enough to a mistyped value to be likely meant, or None.

    ``choices`` may map the spellings to compare against to the answer to give (a
    course's aliases to its id); two spellings of the same answer are not a tie.
    """
    typed = value.strip().casefold()
    if not typed or len(typed) > _LONGEST:
        return None
    spellings = choices if isinstance(choices, Mapping) else {c: c for c in choices}
    allowed = _slips_allowed(len(typed))
    best: set[str] = set()
    best_distance = allowed + 1
    for spelling, answer in spellings.items():
        candidate = spelling.casefold()
        if candidate == typed or abs(len(candidate) - len(typed)) > allowed:
            continue
        distance = _distance(typed, candidate, allowed, substitute=len(typed) > 4)
        if distance > allowed:
            continue
        if distance < best_distance:
            best, best_distance = {answer}, distance
        elif distance == best_distance:
            best.add(answer)
    return next(iter(best)) if len(best) == 1 else None


def _slips_allowed(length: int) -> int:
    if length <= 8:
        return 1
    return 2 if length <= 14 else 3


def _distance(a: str, b: str, limit: int, *, substitute: bool) -> int:
    """Edits (insertions, deletions, swaps of neighbours and, when ``substitute``,
    changed letters) turning ``a`` into ``b``; anything above ``limit`` is limit + 1.

    Short words may not change a letter: "pmp" and "msp" differ by one letter less
    than "pmp" and "psp", and neither is a likely slip.
    """
    too_far = limit + 1
    change = 1 if substitute else too_far
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else change
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                before is not None
                and j > 1
                and a[i - 1] == b[j - 2]
                and a[i - 2] == b[j - 1]
                and a[i - 1] != b[j - 1]
            ):
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return too_far
        before, previous = previous, current
    return min(previous[-1], too_far)


def unknown_choice(
    what: str, value: str, choices: Iterable[str], spellings: Mapping[str, str] | None = None
) -> str:
    """A sentence naming an unknown value, the nearest known one and the valid ones.

    ``spellings``, when given, are compared instead of ``choices`` (see did_you_mean).
    """
    options = list(choices)
    near = did_you_mean(value, options if spellings is None else spellings)
    shown = value if len(value) <= 60 else value[:57] + "..."
    hint = f"; did you mean {near!r}?" if near else ""
    if len(options) > _LISTED and (near or len(options) > _TOO_MANY):
        # A long list helps nobody once the likely one is named.
        lister = _LISTERS.get(what)
        where = f"'{lister}' lists all {len(options)}" if lister else f"all {len(options)}"
        return f"unknown {what} {quoted(shown)}{hint} ({where})"
    return f"unknown {what} {quoted(shown)}{hint} (choose from: {', '.join(options)})"


def unknown_choices(
    what: str, values: Sequence[str], choices: Iterable[str], spellings: Mapping[str, str]
) -> str:
    """One line naming every unknown value of a list, each with its likely meaning, and
    the valid ones (or where they are listed) once."""
    if len(values) == 1:
        return unknown_choice(what, values[0], choices, spellings)
    options = list(choices)
    named = []
    for value in values:
        near = did_you_mean(value, spellings)
        shown = quoted(value if len(value) <= 60 else value[:57] + "...")
        named.append(f"{shown} (did you mean {near!r}?)" if near else shown)
    lister = _LISTERS.get(what)
    if lister is not None or len(options) > _TOO_MANY:
        where = f"'{lister}' lists all {len(options)}" if lister else f"all {len(options)}"
    else:
        where = f"choose from: {', '.join(options)}"
    plural = what[:-1] + "ies" if what.endswith("y") else what + "s"
    return f"unknown {plural} {', '.join(named)} ({where})"


def unknown_course(value: str, knowledge: Knowledge) -> str:
    """A sentence naming a course that no id, name or alias matches, with a hint only
    when one course alone is a likely slip away."""
    from pmo_advisor.knowledge import course_key

    typed = course_key(value)
    near = did_you_mean(typed, knowledge.course_spellings) if typed else None
    shown = value if len(value) <= 60 else value[:57] + "..."
    hint = f"; did you mean {near!r}?" if near else ""
    return (
        f"unknown course {quoted(shown)}{hint} (give a course id, name or common abbreviation;"
        " 'pmo-advisor courses' lists them)"
    )


#: Up to this many valid values are listed in full in a message.
_LISTED = 12
#: Beyond this many, valid values are never listed in a message.
_TOO_MANY = 30
#: The command that lists every value of a kind too long to list in a message.
_LISTERS = {"activity": "pmo-advisor activities", "course": "pmo-advisor courses"}
