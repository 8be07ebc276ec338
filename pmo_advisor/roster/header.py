"""A roster's header row: which column holds what, as a spreadsheet names it.

A column is found by its header without regard to case, spaces or punctuation ("Job
Title", "job_title" and "JOB-TITLE" are one), under the answers key's own name, the
questionnaire's label for it, or a name HR systems give it (:data:`ALIASES`). A Yes/No
column stands for one activity or focus area ("Activity: Run a PMO, its services,
priorities and budget"). A header within two edits of a known one is a typing slip and
refused with a "did you mean"; any other header is an extra column, kept as it is and
carried through to the report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pmo_advisor.answers.model import ANSWER_KEYS, BY_ID
from pmo_advisor.errors import InputError
from pmo_advisor.safetext import quoted

#: The column (or JSON key) holding each person's name.
NAME = "name"
#: The optional column telling apart people of the same name: a staff number.
ID = "id"
#: The longest header row, in characters, and the most columns it may name: a roster
#: has a few dozen. Checked before the header's names are looked up.
MAX_HEADER = 64 * 1024
MAX_COLUMNS = 1_000

HINT = (
    "A roster is a CSV, TSV or .xlsx file with a header row (name, years, scope,"
    " activities, ...), a JSON Lines file with one answers object per line, or a"
    " directory of answers files. See docs/team.md in the documentation."
)

#: Headers that mean the name and id columns besides their own names, as HR exports name
#: them; an answers key's are its definition's ``roster_headers``. Documented in
#: docs/team.md; only ever added to.
ALIASES: dict[str, tuple[str, ...]] = {
    NAME: ("Full name", "Employee name", "Person", "Staff name", "Name of employee"),
    ID: (
        "Employee ID",
        "Employee number",
        "Employee no",
        "Staff ID",
        "Staff number",
        "Staff no",
        "Personnel number",
        "Payroll number",
        "Person ID",
    ),
}
#: Two columns that together make a name, where a roster has no name column.
FIRST_NAMES = ("First name", "Given name", "Forename", "First names")
LAST_NAMES = ("Last name", "Surname", "Family name")
#: What starts a Yes/No column's header, and the list answer it adds to.
FLAG_PREFIXES = {"activity": "activities", "activities": "activities", "focus": "focus"}
FLAG_PREFIXES.update({"focus area": "focus", "focus areas": "focus"})


def compact(header: str) -> str:
    """A header as compared: lower case, with nothing but its letters and digits."""
    return re.sub(r"[\W_]+", "", header.casefold())


def _known() -> dict[str, str]:
    known = {compact(NAME): NAME, compact(ID): ID}
    for key in ANSWER_KEYS:
        definition = BY_ID[key]
        for spelling in (key, definition.label, *definition.roster_headers):
            known.setdefault(compact(spelling), key)
    for column, spellings in ALIASES.items():
        for spelling in spellings:
            known.setdefault(compact(spelling), column)
    return known


#: Every known header, compacted, and the column it means (an answers key, name or id).
KNOWN = _known()
_FIRST = {compact(h) for h in FIRST_NAMES}
_LAST = {compact(h) for h in LAST_NAMES}
_FLAG = re.compile(r"\s*(activity|activities|focus(?: areas?)?)\s*[:\-\N{EN DASH}]\s*(\S.*)", re.I)


@dataclass(frozen=True)
class Header:
    """What each column of a roster holds, by position."""

    #: Columns making the name: one, or a first name and a last name.
    name: tuple[int, ...]
    #: The id column, if there is one.
    id: int | None
    #: Answer columns: (answers key, column), in column order.
    answers: tuple[tuple[str, int], ...]
    #: Yes/No columns: (answers key, the item a Yes adds, header as spelt, column).
    flags: tuple[tuple[str, str, str, int], ...]
    #: Columns kept as they are: (header as spelt, column), in column order.
    extra: tuple[tuple[str, int], ...]
    #: Columns with an empty header: a value under one is a row's problem.
    blank: tuple[int, ...]
    #: How many columns the header has.
    width: int

    @property
    def kept(self) -> tuple[str, ...]:
        """The headers of the columns kept as they are."""
        return tuple(spelt for spelt, _ in self.extra)


def check_size(cells: Sequence[str], label: str, line: int) -> None:
    """Refuse a header row too large to be a roster's before its names are looked up."""
    if len(cells) > MAX_COLUMNS:
        raise InputError(
            f"{label} line {line}: the header row has {len(cells):,} columns, more than"
            f" the {MAX_COLUMNS:,} a roster may have",
            HINT,
        )
    if sum(len(cell) + 1 for cell in cells) > MAX_HEADER:
        raise InputError(
            f"{label} line {line}: the header row is longer than {MAX_HEADER:,} characters,"
            " more than any roster's",
            HINT,
        )


def read_header(cells: Sequence[str], label: str, line: int) -> Header:
    """The columns a header row names; InputError for a header that is no roster's, a
    near miss of a known header, a column named twice or no name."""
    check_size(cells, label, line)
    found: list[str | None] = []
    slips: list[tuple[str, str]] = []
    flags: list[tuple[str, str, str, int]] = []
    for index, cell in enumerate(cells):
        spelt = " ".join(cell.split())
        key = compact(spelt)
        column = KNOWN.get(key)
        flag = None if column is not None else _FLAG.fullmatch(spelt)
        if flag is not None:
            answer = FLAG_PREFIXES[" ".join(flag[1].casefold().split())]
            flags.append((answer, flag[2].strip(), spelt, index))
            found.append("")
            continue
        if column is None and key:
            near = near_miss(key)
            if near is not None:
                slips.append((spelt, near))
        found.append(column)
    named = [c for c in found if c]
    if not named and not flags:
        shown = cells[0] if cells else ""
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        raise InputError(
            f"{label} is not a roster: its first line ({quoted(shown)}...) is not a"
            " header naming the roster's columns",
            HINT + " One person's answers file goes to 'pmo-advisor assess --answers'.",
        )
    if slips:
        problems = [f"  {quoted(spelt[:60])}: did you mean {near!r}?" for spelt, near in slips]
        raise InputError(
            f"{label} line {line}: the header has columns that look mistyped:\n"
            + "\n".join(problems[:20])
            + (f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""),
            "Correct them, or rename a column of your own so that it looks like none of"
            " pmo-advisor's (docs/team.md lists them).",
        )
    seen: dict[str, str] = {}
    for index, column in enumerate(found):
        spelt = " ".join(cells[index].split())
        if not spelt:
            continue
        what = column or "extra:" + spelt.casefold()
        if column == "":
            what = "flag:" + spelt.casefold()
        if what in seen:
            shown = column if column else spelt
            raise InputError(
                f"{label} line {line}: the column {shown!r} appears twice"
                + (
                    f" (as {quoted(seen[what])} and {quoted(spelt)})" if seen[what] != spelt else ""
                ),
                "Keep one column per answer.",
            )
        seen[what] = spelt
    name = _name_columns(found, cells)
    if name is None:
        raise InputError(
            f"{label} has no name column",
            "Add a 'name' column (or 'First name' and 'Last name'): the report lists each"
            " person by name.",
        )
    extra = tuple(
        (" ".join(cells[i].split()), i)
        for i, column in enumerate(found)
        if column is None and cells[i].strip() and i not in name
    )
    return Header(
        name=name,
        id=found.index(ID) if ID in found else None,
        answers=tuple((c, i) for i, c in enumerate(found) if c and c not in (NAME, ID)),
        flags=tuple(flags),
        extra=extra,
        blank=tuple(i for i, cell in enumerate(cells) if not cell.strip()),
        width=len(cells),
    )


def _name_columns(found: list[str | None], cells: Sequence[str]) -> tuple[int, ...] | None:
    if NAME in found:
        return (found.index(NAME),)
    keys = [
        compact(cell) if column is None else "" for cell, column in zip(cells, found, strict=True)
    ]
    first = next((i for i, key in enumerate(keys) if key in _FIRST), None)
    last = next((i for i, key in enumerate(keys) if key in _LAST), None)
    return None if first is None or last is None else (first, last)


def near_miss(key: str) -> str | None:
    """The known header a compacted header is a slip away from (two edits at most, one
    for a header of eight letters or fewer), spelt as the documentation names it, or
    None."""
    from pmo_advisor.nearest import _distance

    if not key or len(key) > 40:
        return None
    limit = 1 if len(key) <= 8 else 2
    best: set[str] = set()
    for known, column in KNOWN.items():
        if abs(len(known) - len(key)) > limit:
            continue
        if _distance(key, known, limit, substitute=len(key) > 4) <= limit:
            best.add(_spelling(known, column))
    return min(best) if len(best) == 1 else (sorted(best)[0] if best else None)


def _spelling(known: str, column: str) -> str:
    """A known header as a person would write it."""
    for spelling in (column, *ALIASES.get(column, ())):
        if compact(spelling) == known:
            return spelling
    if column in BY_ID and compact(BY_ID[column].label) == known:
        return BY_ID[column].label
    return column
