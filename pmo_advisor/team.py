"""Team mode: everyone on a roster assessed by the same rules as ``assess``, and the sum.

Each person's advice comes from :func:`pmo_advisor.rules.assess`, exactly as for one
person; nothing here decides a level, a title or a course. A :class:`TeamRun` reads the
rows once: its :attr:`~TeamRun.people` are yielded as they are read, and its
:attr:`~TeamRun.summary` is ready once they have all been read. Speed and flat memory
come from two things only: identical answers (real teams have a few hundred
combinations among thousands of people) are validated and assessed once, and the
summary counts people per distinct *outcome* rather than keeping them, so it holds no
more than the first :data:`~pmo_advisor.teamreport.TEAM_NAMES_LISTED` names per entry
and a compact table of name hashes for the duplicate check (16 bytes a person, 24 while
the table grows). Invalid rows and repeated names are kept only as far as they are
shown (:class:`~pmo_advisor.teamreport.FirstFew`) and counted beyond that.
"""

from __future__ import annotations

import functools
import re
from array import array
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pmo_advisor.errors import InputError
from pmo_advisor.gapkind import GapKind
from pmo_advisor.mappings import Keyed
from pmo_advisor.model import Advice
from pmo_advisor.teamreport import (
    GROUP_NAMES_LISTED,
    GROUPS_KEPT,
    PROBLEMS_KEPT,
    PROBLEMS_LISTED,
    TEAM_NAMES_LISTED,
    FirstFew,
    InvalidRow,
    TeamGroup,
    TeamMember,
    TeamSummary,
    in_short,
)
from pmo_advisor.teamtally import Tally

if TYPE_CHECKING:
    from pmo_advisor.knowledge import Knowledge
    from pmo_advisor.roster import RosterRow

#: The name ``validate`` gives a row's answers in its messages.
ROW_SOURCE = "the row"
#: Distinct answers remembered at once in a run (an lru_cache's bound): a roster has a
#: few hundred kinds of answers, and more than this are simply assessed again.
MEMO_SIZE = 4096


@dataclass(frozen=True)
class Assessed:
    """What a set of answers comes to: a person's advice as a team report shows it and
    the index of its outcome, or the message ``assess`` would give."""

    advice: Advice | None
    error: str | None
    #: Index of the advice's outcome, the part of it the team summary adds up.
    outcome: int = -1
    #: With ``--group-by`` an answer key: the group the answers put the person in.
    group: str = ""


@dataclass(frozen=True)
class Outcome:
    """The parts of one person's advice that the team summary counts."""

    level: int
    borderline_with: int | None
    #: (course id, level it is recommended for), in the order recommended.
    courses: tuple[tuple[str, int], ...]
    #: (next level, gap sentence).
    gaps: tuple[tuple[int, str], ...]
    focus: tuple[str, ...]
    held: tuple[str, ...]
    #: The kind of each gap to the next level (see :class:`~pmo_advisor.gapkind.GapKind`).
    gap_kinds: tuple[GapKind, ...] = ()
    #: The plan's courses now and next: (course id, ids of its equivalents), each once.
    now: tuple[tuple[str, tuple[str, ...]], ...] = ()
    next: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: The first role of the next step ("" at the top): the role to step up to.
    step_role: str = ""


class TeamRun:
    """One reading of a roster: each valid person as they are read, then the summary.

    :attr:`people` is an iterator, consumed once, of each valid person in roster order
    with their advice as a team report shows it (:func:`~pmo_advisor.teamreport.in_short`;
    people with the same answers share one advice object). :attr:`summary` is ready once
    the people have all been read; asked for sooner, it reads the rest first without
    keeping them. Nothing per person is kept here, so a report written as the people
    come (or a summary alone) takes the same memory for ten people or ten million.
    Invalid rows are left out of :attr:`people` and counted in :attr:`invalid`; repeated
    names in :attr:`duplicates`.
    """

    def __init__(
        self,
        knowledge: Knowledge,
        rows: Iterable[RosterRow],
        *,
        label: str,
        unit: str = ROW_SOURCE,
        build: Callable[[Hashable], Mapping[str, Any]] | None = None,
        market: str | None = None,
        stop_after: int | None = None,
        progress: Callable[[], None] | None = None,
        group_by: str | None = None,
        index_people: bool = False,
    ) -> None:
        self.knowledge = knowledge
        #: What the roster is called in messages: its path, or "standard input".
        self.label = label
        #: What one person's answers are called in messages ("the row", "the file").
        self.unit = unit
        #: The market for answers that name none (the environment's or config file's).
        self.market = market
        #: Invalid rows: the first PROBLEMS_KEPT, and how many in all.
        self.invalid: FirstFew[InvalidRow] = FirstFew(PROBLEMS_KEPT)
        #: Repeated names and where they repeat: the first PROBLEMS_LISTED, and a count.
        self.duplicates: FirstFew[tuple[str, str]] = FirstFew(PROBLEMS_LISTED)
        #: Repeated ids (a roster with an id column): (id, where), as for names.
        self.duplicate_ids: FirstFew[tuple[str, str]] = FirstFew(PROBLEMS_LISTED)
        #: Whether reading stopped early, at ``stop_after`` problems.
        self.stopped = False
        self._names = NameTable()
        #: The ids seen, for a roster with an id column.
        self._ids = NameTable()
        self._texts: dict[str, str] = {}
        self._outcome_ids: dict[Outcome, int] = {}
        #: Each distinct outcome, numbered by its place.
        self.outcomes: list[Outcome] = []
        self._tally = Tally(self.outcomes, TEAM_NAMES_LISTED)
        #: The column ``group_by`` names, as the summary per group is labelled.
        self.group_by = group_by
        self._group = None if group_by is None else Grouping(group_by)
        #: With ``group_by``: a tally per value of the column, in the order first seen.
        self._groups: dict[str, Tally] = {}
        #: With ``index_people``: (id or None, name, outcome number) per valid person,
        #: in roster order, for comparing two rosters.
        self.index: list[tuple[str | None, str, int]] = []
        self._index_people = index_people
        # The one memo of a run: bounded, and gone with the run, so that keys of two
        # rosters (a CSV row's key is its cells, in its own column order) never meet.
        self._remembered = functools.lru_cache(maxsize=MEMO_SIZE)(self._assess)
        self._build = build
        self._summary: TeamSummary | None = None
        self._read_all = False
        #: Each valid person, as read; see the class's description.
        self.people: Iterator[TeamMember] = self._read(rows, stop_after, progress)

    @property
    def summary(self) -> TeamSummary:
        """The team summary: levels, borderline, courses, focus, gaps and courses held."""
        if self._summary is None:
            for _ in self.people:  # the people not read yet are counted, not kept
                pass
            self._summary = self._sum()
        return self._summary

    def _read(
        self,
        rows: Iterable[RosterRow],
        stop_after: int | None,
        progress: Callable[[], None] | None,
    ) -> Iterator[TeamMember]:
        invalid, duplicates, duplicate_ids = self.invalid, self.duplicates, self.duplicate_ids
        for number, row in enumerate(rows):
            if progress is not None and not number % 4096:
                progress()
            if row.problem is not None:
                invalid.append(InvalidRow(row.line, row.file, row.problem))
            elif not row.name:
                invalid.append(
                    InvalidRow(row.line, row.file, "name: missing; every row needs a name")
                )
            elif row.id is not None and not self._ids.add(row.id):
                # With an id, people are told apart by it: names may repeat, ids not.
                duplicate_ids.append((row.id, _where(row.line, row.file)))
            elif row.id is None and not self._names.add(row.name):
                duplicates.append((row.name, _where(row.line, row.file)))
            else:
                answers = Keyed(row.key, row.raw, self._build)
                found = self._assess(answers) if row.key is None else self._remembered(answers)
                if found.error is not None:
                    invalid.append(InvalidRow(row.line, row.file, found.error))
                elif found.advice is not None:
                    # In the summary's lists of names, people of the same name are
                    # told apart by their ids.
                    shown = row.name if row.id is None else f"{row.name} ({row.id})"
                    self._tally.add(shown, found.outcome)
                    if self._group is not None:
                        self._count_in_group(row, found, shown)
                    if self._index_people:
                        self.index.append((row.id, row.name, found.outcome))
                    if row.id is None and not row.extra:
                        yield TeamMember(row.name, found.advice)
                    else:
                        yield TeamMember(row.name, found.advice, id=row.id, extra=row.extra)
            repeats = duplicates.count + duplicate_ids.count
            if stop_after is not None and invalid.count + repeats >= stop_after:
                self.stopped = True
                break
        self._read_all = True

    def _assess(self, given: Keyed) -> Assessed:
        from pmo_advisor.answers import validate
        from pmo_advisor.rules import assess

        try:
            answers = validate(given.answers(), self.knowledge, self.unit)
        except InputError as exc:
            return Assessed(None, exc.message)
        if answers.market is None and self.market is not None:
            from dataclasses import replace

            answers = replace(answers, market=self.market)
        advice = assess(answers, self.knowledge)
        group = "" if self._group is None else self._group.of_answers(given.answers())
        # The focus the advice was ordered by: as given, or read from the activities.
        focus = answers.focus or self.knowledge.focus_of(answers.activities)
        step = advice.next
        text = self._text
        outcome = Outcome(
            level=advice.level.number,
            borderline_with=advice.borderline_with,
            courses=tuple((c.course_id, c.level) for c in advice.courses),
            gaps=() if step is None else tuple((step.level.number, text(g)) for g in step.gaps),
            focus=tuple(focus),
            held=tuple(answers.qualifications),
            gap_kinds=() if step is None else step.gap_kinds,
            now=_plan_courses(advice, "now"),
            next=_plan_courses(advice, "next"),
            step_role=text(step.roles[0].name) if step is not None and step.roles else "",
        )
        index = self._outcome_ids.get(outcome)
        if index is None:
            index = self._outcome_ids[outcome] = len(self.outcomes)
            self.outcomes.append(outcome)
        return Assessed(in_short(advice), None, index, group)

    def _text(self, value: str) -> str:
        # Outcomes of different answers share their sentences rather than copies of them.
        return self._texts.setdefault(value, value)

    def _count_in_group(self, row: RosterRow, found: Assessed, shown: str) -> None:
        """Count a person in the tally of their group as well, listed as ``shown``."""
        assert self._group is not None
        value = self._group.of_row(row, found.group)
        tally = self._groups.get(value)
        if tally is None:
            if len(self._groups) >= GROUPS_KEPT:
                raise InputError(
                    f"--group-by {self.group_by}: more than {GROUPS_KEPT:,} different values",
                    "Group by a column that sorts people into fewer groups, such as a department.",
                )
            tally = self._groups[value] = Tally(self.outcomes, GROUP_NAMES_LISTED)
        tally.add(shown, found.outcome)

    @property
    def groups(self) -> tuple[TeamGroup, ...] | None:
        """With ``group_by``: the summary of each group, groups in text order (None
        without). Like :attr:`summary`, ready once the people have all been read."""
        if self._group is None:
            return None
        self.summary  # noqa: B018  (reads the rest of the roster first)
        if self._read_all and self._groups and not self._group.found:
            raise InputError(
                f"--group-by {self.group_by}: the roster has no such column",
                "Name one of its columns, or an answer key such as scope or market.",
            )
        return tuple(
            TeamGroup(value, self._groups[value].summary(self.knowledge))
            for value in sorted(self._groups, key=_group_order)
        )

    def _sum(self) -> TeamSummary:
        return self._tally.summary(self.knowledge, tuple(self.invalid.items), self.invalid.count)


def mapping_rows(rows: Iterable[Any]) -> Iterator[RosterRow]:
    """Roster rows from mappings a program gives (``name``, optionally ``id``, and the
    answers keys), read as a JSON Lines roster's objects are; the Nth mapping is line N."""
    from pmo_advisor.mappings import keyed
    from pmo_advisor.roster import NAME, RosterRow
    from pmo_advisor.roster.header import ID

    for number, row in enumerate(rows, 1):
        if not isinstance(row, Mapping):
            yield RosterRow(number, None, "", None, None, "is not a mapping of answer keys")
            continue
        name = row.get(NAME)
        if name is not None and not isinstance(name, str):
            yield RosterRow(number, None, "", None, None, "name: must be text")
            continue
        person_id = row.get(ID)
        if isinstance(person_id, bool) or not isinstance(person_id, str | int | None):
            yield RosterRow(number, None, "", None, None, "id: must be text or a whole number")
            continue
        answers = {key: value for key, value in row.items() if key not in (NAME, ID)}
        try:
            key, plain = keyed(answers)
        except InputError as exc:
            yield RosterRow(number, None, "", None, None, exc.message)
            continue
        shown_id = None if person_id is None else str(person_id).strip() or None
        yield RosterRow(number, None, (name or "").strip(), key, dict(plain), id=shown_id)


class NameTable:
    """Which names have been seen, in 8-16 bytes a name: an open-addressing table of
    64-bit string hashes. Two different names with the same hash (odds of about one in
    ten million at a million names) would be taken for a repeat."""

    def __init__(self) -> None:
        self._table = array("q", bytes(8 * 1024))
        self._mask = 1023
        self._used = 0

    def add(self, name: str) -> bool:
        """Record a name; False when it was already there."""
        value = hash(name) or 1  # 0 marks an empty slot
        table, mask = self._table, self._mask
        index = value & mask
        while True:
            held = table[index]
            if held == 0:
                table[index] = value
                self._used += 1
                if self._used * 2 > mask:
                    self._grow()
                return True
            if held == value:
                return False
            index = (index + 1) & mask

    def _grow(self) -> None:
        old = self._table
        self._table = array("q", bytes(16 * len(old)))
        self._mask = 2 * len(old) - 1
        self._used = 0
        for value in old:
            if value:
                table, mask = self._table, self._mask
                index = value & mask
                while table[index]:
                    index = (index + 1) & mask
                table[index] = value
                self._used += 1


#: The group of people whose cell in the ``--group-by`` column is empty.
BLANK = "(blank)"


def _header_key(header: str) -> str:
    """A column's name as columns are matched: any case, spaces, _ and - alike."""
    return re.sub(r"[\s_-]+", "_", header.strip().casefold())


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return str(value).strip()


class Grouping:
    """Which group a person is in, by one roster column: an answer key (read from the
    answers, once per distinct answers), the name or id, or a column kept as it is
    (the row's ``extra``)."""

    def __init__(self, column: str) -> None:
        from pmo_advisor.answers import ANSWER_KEYS

        self.column = column
        self.wanted = _header_key(column)
        self.answer_key = next((k for k in ANSWER_KEYS if _header_key(k) == self.wanted), None)
        #: Whether the column is known, or was met in a row.
        self.found = self.answer_key is not None or self.wanted in ("name", "id")

    def of_answers(self, answers: Mapping[str, Any]) -> str:
        """The group a set of answers puts a person in, for an answer key ("" otherwise)."""
        return "" if self.answer_key is None else _cell_text(answers.get(self.answer_key))

    def of_row(self, row: RosterRow, from_answers: str) -> str:
        """The group of a row, given what :meth:`of_answers` made of its answers."""
        if self.answer_key is not None:
            return from_answers or BLANK
        if self.wanted == "name":
            return row.name
        if self.wanted == "id":
            return _cell_text(getattr(row, "id", None)) or BLANK
        extra: Iterable[tuple[str, str]] = getattr(row, "extra", ())
        for header, text in extra:
            if _header_key(header) == self.wanted:
                self.found = True
                return text.strip() or BLANK
        return BLANK


def _group_order(value: str) -> tuple[bool, str, str]:
    return (value == BLANK, value.casefold(), value)


def _plan_courses(advice: Advice, when: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A plan step's courses, each once: (course id, ids of its equivalents)."""
    step = None if advice.plan is None else advice.plan.step(when)
    if step is None:
        return ()
    return tuple({c.course_id: (c.course_id, c.alternatives) for c in step.courses}.values())


def _where(line: int | None, file: str | None) -> str:
    return f"line {line}" if line is not None else str(file)


def describe_row(roster_label: str, row: InvalidRow) -> str:
    """Where an invalid row is and why, as one message."""
    if row.line is not None:
        return f"{roster_label} line {row.line}: {row.reason}"
    return f"{roster_label}/{row.file}: {row.reason}"
