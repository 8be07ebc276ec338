"""A format-neutral outline of a team report as tables, shared by rich, plain and markdown.

Each format only decides how a table looks (rich adds bars and a heat map); what the
tables hold, and in which order, is decided once here. All text is made safe to print
with :func:`pmo_advisor.safetext.clean_line`.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmo_advisor.knowledge import Knowledge
from pmo_advisor.model import Advice
from pmo_advisor.safetext import clean_line
from pmo_advisor.teamreport import (
    PROBLEMS_KEPT,
    PROBLEMS_LISTED,
    TEAM_TOP_COURSES,
    Named,
    TeamMember,
    TeamReport,
)

#: Names shown in one cell of a human-readable table; JSON lists more.
NAMES_IN_CELL = 5


@dataclass(frozen=True)
class TeamTable:
    """One table of a team report."""

    heading: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: A column of counts to draw as bars (rich), if any.
    bar: int | None = None
    #: Whether the counts (every column after the first) form a heat map (rich).
    heat: bool = False
    #: Shown instead of the table when it has no rows.
    empty: str = ""


@dataclass(frozen=True)
class TeamView:
    """A whole team report: a headline and its tables."""

    headline: str
    tables: tuple[TeamTable, ...]


def one_line(message: str) -> str:
    """A message of several lines (a heading, then a problem per line) as one line for a
    table cell, the problems kept apart with semicolons."""
    lines = [" ".join(line.split()) for line in message.splitlines() if line.strip()]
    if len(lines) < 2:
        return "".join(lines)
    head, *problems = lines
    return f"{head} {'; '.join(problems)}" if head.endswith(":") else "; ".join([head, *problems])


def row_name(table: TeamTable, row: tuple[str, ...]) -> str:
    """What a row is about, for showing it a row at a time: its first cell, with the
    column's name before a bare number ("Level 3", not "3")."""
    return f"{table.headers[0]} {row[0]}" if row[0].isdigit() else row[0]


def who(named: Named, limit: int = NAMES_IN_CELL) -> str:
    """The first names of a group, and how many more there are."""
    shown = [clean_line(n) for n in named.people[:limit]]
    more = named.count - len(shown)
    # Names such as "Lee, Cy" hold commas: then semicolons keep the people apart.
    separator = "; " if any("," in name for name in shown) else ", "
    return separator.join(shown) + (f" and {more} more" if more > 0 else "")


def person_row(name: str, advice: Advice) -> tuple[str, ...]:
    """One person's row: name, level, borderline, title, next step, first gap, courses."""
    step = advice.next
    next_role = ""
    first_gap = ""
    if step is not None:
        role = step.roles[0].name if step.roles else step.level.stage
        next_role = f"level {step.level.number}, {role}"
        first_gap = step.gaps[0] if step.gaps else ""
    return (
        clean_line(name),
        f"{advice.level.number} {advice.level.stage}",
        "" if advice.borderline_with is None else f"also {advice.borderline_with}",
        clean_line(advice.titles[0].name) if advice.titles else "",
        clean_line(next_role),
        clean_line(first_gap),
        clean_line(", ".join(c.name for c in advice.courses[:TEAM_TOP_COURSES])),
    )


PEOPLE_HEADERS = ("Name", "Level", "Borderline", "Title", "Next step", "First gap", "Courses")


def with_own_columns(
    report: TeamReport, row: tuple[str, ...], member: TeamMember | None = None
) -> tuple[str, ...]:
    """A people table's row (or, without ``member``, its headers) with the columns that
    are the person's own where the roster has them: the id after the name, to tell
    apart people of the same name, and the roster's kept columns at the end."""
    if not report.has_ids and not report.columns:
        return row
    if member is None:
        ids: tuple[str, ...] = ("ID",) if report.has_ids else ()
        return (row[0], *ids, *row[1:], *(clean_line(c) for c in report.columns))
    ids = (clean_line(member.id or ""),) if report.has_ids else ()
    kept = dict(member.extra)
    return (row[0], *ids, *row[1:], *(clean_line(kept.get(c, "")) for c in report.columns))


def team_view(report: TeamReport, knowledge: Knowledge) -> TeamView:
    """The outline of a team report: the people (unless only the summary was asked for),
    then the summary's tables."""
    summary = report.summary
    skipped = max(summary.invalid_count, len(summary.invalid))
    headline = f"Team: {summary.people} {'person' if summary.people == 1 else 'people'}"
    headline += f" from {report.roster}"
    if skipped:
        headline += f" ({skipped:,} invalid row{'s' if skipped > 1 else ''} skipped)"
    tables: list[TeamTable] = []
    if report.people is not None:
        rows = tuple(
            with_own_columns(report, person_row(m.name, m.advice), m) for m in report.people
        )
        headers = with_own_columns(report, PEOPLE_HEADERS)
        tables.append(TeamTable("People", headers, rows, empty="Nobody to show."))
    stages = {level.number: level.stage for level in knowledge.levels}
    borderline = dict.fromkeys(stages, 0)
    for group in summary.borderline:
        borderline[group.level] += group.people.count
    tables.append(
        TeamTable(
            "Levels",
            ("Level", "Stage", "People", "Borderline"),
            tuple(
                (str(n), clean_line(stages[n]), str(count), str(borderline[n]))
                for n, count in summary.levels
            ),
            bar=2,
        )
    )
    tables.append(
        TeamTable(
            "Close to another level (succession)",
            ("Level", "Also points at", "People", "Who"),
            tuple(
                (str(g.level), str(g.with_level), str(g.people.count), who(g.people))
                for g in summary.borderline
            ),
            empty="Nobody's answers sit between two levels.",
        )
    )
    tables.append(
        TeamTable(
            "Focus coverage (people per level)",
            ("Focus", *(f"Level {n}" for n in stages), "Total"),
            tuple(
                (clean_line(focus), *(str(c) for c in counts), str(sum(counts)))
                for focus, counts in summary.focus_coverage
            ),
            heat=True,
        )
    )
    tables.append(
        TeamTable(
            "Course demand",
            ("Course", "Level", "Seats", "Who"),
            tuple(
                (clean_line(c.name), str(c.level), str(c.seats.count), who(c.seats))
                for c in summary.courses
            ),
            bar=2,
            empty="No courses to recommend.",
        )
    )
    tables.append(
        TeamTable(
            "Shared gaps",
            ("Before level", "Gap", "People", "Who"),
            tuple(
                (str(g.level), clean_line(g.gap), str(g.people.count), who(g.people))
                for g in summary.shared_gaps
            ),
            empty="No gap is shared by two or more people.",
        )
    )
    tables.append(
        TeamTable(
            "Courses already held",
            ("Course", "People", "Who"),
            tuple((clean_line(h.name), str(h.people.count), who(h.people)) for h in summary.held),
            empty="Nobody named a course they hold.",
        )
    )
    if summary.invalid:
        # The first few, as on standard error: a roster of bad rows is not reprinted.
        problems = [
            (
                f"line {r.line}" if r.line is not None else clean_line(r.file or ""),
                clean_line(one_line(r.reason)),
            )
            for r in summary.invalid[:PROBLEMS_LISTED]
        ]
        more = skipped - len(problems)
        if more > 0:
            problems.append(
                (
                    f"{more:,} more",
                    f"--format json lists the first {PROBLEMS_KEPT:,} in summary.invalid;"
                    " fix those and run again for the rest",
                )
            )
        tables.append(TeamTable("Invalid rows skipped", ("Where", "Reason"), tuple(problems)))
    return TeamView(clean_line(headline), tuple(tables))
