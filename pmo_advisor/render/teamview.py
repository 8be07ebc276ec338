"""A format-neutral outline of a team report as tables, shared by rich, plain and markdown.

Each format only decides how a table looks (rich adds bars and a heat map); what the
tables hold, and in which order, is decided once here. All text is made safe to print
with :func:`pmo_advisor.safetext.clean_line`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pmo_advisor.knowledge import Knowledge
from pmo_advisor.model import Advice
from pmo_advisor.prose import number
from pmo_advisor.safetext import clean_line
from pmo_advisor.teamreport import (
    PROBLEMS_KEPT,
    PROBLEMS_LISTED,
    TEAM_TOP_COURSES,
    CourseDemand,
    InvalidRow,
    Named,
    TeamChange,
    TeamGroup,
    TeamMember,
    TeamReport,
    TeamSummary,
    TrainingDays,
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
    """One person's row: name, level, borderline, their own title, the best-fit title,
    next step, first gap (in the third person, without ids), the courses of their
    plan for now."""
    step = advice.next
    next_role = ""
    first_gap = ""
    if step is not None:
        role = step.roles[0].name if step.roles else step.level.stage
        next_role = f"level {step.level.number}, {role}"
        if step.gap_kinds and step.gap_kinds[0].text:
            first_gap = step.gap_kinds[0].text
        elif step.gaps:
            first_gap = step.gaps[0]
    own = advice.answers.title if advice.answers is not None else None
    return (
        clean_line(name),
        f"{advice.level.number} {advice.level.stage}",
        "" if advice.borderline_with is None else f"also {advice.borderline_with}",
        clean_line(own or ""),
        clean_line(advice.titles[0].name) if advice.titles else "",
        clean_line(next_role),
        clean_line(first_gap),
        clean_line(", ".join(_courses_now(advice))),
    )


def _courses_now(advice: Advice) -> tuple[str, ...]:
    """The courses of the person's plan for now, one of each choice (the one
    recommended): what their budget line is, as the course seats count it. Without a
    plan, the first courses of the assessment."""
    now = advice.plan.step("now") if advice.plan is not None else None
    if now is None:
        return tuple(c.name for c in advice.courses[:TEAM_TOP_COURSES])
    return tuple(c.name for c in now.courses)


#: The heading of the table of everyone, a row per person.
PEOPLE_HEADING = "People"

PEOPLE_HEADERS = (
    "Name",
    "Level",
    "Borderline",
    "Title",
    "Best-fit title",
    "Next step",
    "First gap",
    "Courses now",
)


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
    the summary's tables, then the tables per group and the changes, when asked for."""
    summary = report.summary
    skipped = max(summary.invalid_count, len(summary.invalid))
    headline = f"Team: {summary.people} {'person' if summary.people == 1 else 'people'}"
    headline += f" from {report.roster}"
    if skipped:
        headline += f" ({skipped:,} invalid row{'s' if skipped > 1 else ''} skipped)"
    if report.compare is not None:
        headline += f", compared with {report.compare.roster}"
    tables: list[TeamTable] = []
    if report.people is not None:
        rows = tuple(
            with_own_columns(report, person_row(m.name, m.advice), m) for m in report.people
        )
        headers = with_own_columns(report, PEOPLE_HEADERS)
        tables.append(TeamTable(PEOPLE_HEADING, headers, rows, empty="Nobody to show."))
    tables += summary_tables(summary, knowledge)
    if report.groups is not None and report.group_by is not None:
        tables += group_tables(clean_line(report.group_by), report.groups, knowledge)
    if report.compare is not None:
        tables += change_tables(report.compare)
    if summary.invalid:
        tables.append(problems_table(summary.invalid, skipped))
    return TeamView(clean_line(headline), tuple(tables))


def summary_tables(summary: TeamSummary, knowledge: Knowledge) -> list[TeamTable]:
    """The tables of a team's (or a group's) summary."""
    stages = {level.number: level.stage for level in knowledge.levels}
    borderline = dict.fromkeys(stages, 0)
    for group in summary.borderline:
        borderline[group.level] += group.people.count
    tables = [
        TeamTable(
            "Levels",
            ("Level", "Stage", "People", "Borderline"),
            tuple(
                (str(n), clean_line(stages[n]), str(count), str(borderline[n]))
                for n, count in summary.levels
            ),
            bar=2,
        ),
        TeamTable(
            "Succession",
            ("Level", "Ready for", "People", "Who"),
            tuple(
                (
                    str(g.level),
                    clean_line(
                        f"level {g.to_level}, {g.role}" if g.role else f"level {g.to_level}"
                    ),
                    str(g.people.count),
                    who(g.people),
                )
                for g in summary.ready_to_step_up
            ),
            empty="Nobody's answers point at the level above their own yet.",
        ),
        TeamTable(
            "Not yet fully at their level",
            ("Level", "Answers also point at", "People", "Who"),
            tuple(
                (str(g.level), f"level {g.with_level}", str(g.people.count), who(g.people))
                for g in summary.not_yet_at_level
            ),
            empty="Everyone's answers confirm their level.",
        ),
        TeamTable(
            "Focus coverage",
            ("Focus", *(f"Level {n}" for n in stages), "Total"),
            tuple(
                (clean_line(focus), *(str(c) for c in counts), str(sum(counts)))
                for focus, counts in summary.focus_coverage
            ),
            heat=True,
        ),
        TeamTable(
            "Course seats",
            SEAT_HEADERS,
            tuple(seat_row(c, knowledge) for c in summary.courses if c.now.count or c.next.count),
            bar=4,
            empty="No courses in anyone's plan now or next.",
        ),
        training_table(summary.training),
        TeamTable(
            "Shared gaps",
            ("Before level", "Gap", "People", "Who"),
            tuple(
                (str(g.level), clean_line(g.text), str(g.people.count), who(g.people))
                for g in summary.gaps_by_kind
            ),
            empty="No gap is shared by two or more people.",
        ),
        TeamTable(
            "Courses already held",
            ("Course", "People", "Who"),
            tuple((clean_line(h.name), str(h.people.count), who(h.people)) for h in summary.held),
            empty="Nobody named a course they hold.",
        ),
    ]
    return tables


#: The course seats' columns: the seats are each person's plan, now and next.
SEAT_HEADERS = ("Course", "Or instead", "Provider", "Length", "Now", "Next", "Training days")


def seat_row(course: CourseDemand, knowledge: Knowledge) -> tuple[str, ...]:
    """A course's seats: the course recommended, its equivalents (one seat for any of
    them), who teaches it, its length as the data gives it, the seats now and next and
    the days they add up to (blank where the data gives no length in days)."""
    if course.length:
        length = course.length
    elif course.hours is not None:
        length = f"{number(course.hours)} hours"
    else:
        length = "not in the data"
    seats = course.now.count + course.next.count
    return (
        clean_line(course.name),
        clean_line(" or ".join(knowledge.course(c).name for c in course.alternatives)),
        clean_line(course.provider),
        clean_line(length),
        str(course.now.count),
        str(course.next.count),
        "" if course.days is None else number(course.days * seats),
    )


def training_table(training: TrainingDays) -> TeamTable:
    """Seats and training days now, next and in all."""
    seats = training.seats_now + training.seats_next
    rows: list[tuple[str, int, float | None]] = [
        ("Now", training.seats_now, training.days_now),
        ("Next", training.seats_next, training.days_next),
        ("In all", seats, training.days_now + training.days_next),
    ]
    if training.seats_without_days:
        # Courses the data gives no length in days for: counted as seats, not as days.
        rows.append(("Not in the days (no length in days)", training.seats_without_days, None))
    return TeamTable(
        "Training days",
        ("When", "Seats", "Days"),
        tuple(
            (when, str(seats), "" if days is None else number(days)) for when, seats, days in rows
        ),
    )


def group_tables(column: str, groups: Sequence[TeamGroup], knowledge: Knowledge) -> list[TeamTable]:
    """The summary per group: each group's headcount, levels, succession and training in
    one table, then its course seats and its shared gaps."""
    numbers = [level.number for level in knowledge.levels]
    overview = []
    seats = []
    gaps = []
    for group in groups:
        value = clean_line(group.value)
        summary = group.summary
        training = summary.training
        overview.append(
            (
                value,
                str(summary.people),
                *(str(count) for _, count in summary.levels),
                str(sum(g.people.count for g in summary.ready_to_step_up)),
                str(sum(g.people.count for g in summary.not_yet_at_level)),
                str(training.seats_now),
                str(training.seats_next),
                number(training.days_now + training.days_next),
            )
        )
        for course in summary.courses:
            if course.now.count or course.next.count:
                # The course, its seats now and next, and their days.
                name, *_, now, later, days = seat_row(course, knowledge)
                seats.append((value, name, now, later, days))
        gaps += [
            (value, str(g.level), clean_line(g.text), str(g.people.count), who(g.people))
            for g in summary.gaps_by_kind
        ]
    return [
        TeamTable(
            f"By {column}",
            (
                column,
                "People",
                *(f"Level {n}" for n in numbers),
                "Ready to step up",
                "Not yet at level",
                "Seats now",
                "Seats next",
                "Training days",
            ),
            tuple(overview),
            empty=f"Nobody to group by {column}.",
        ),
        TeamTable(
            f"Course seats by {column}",
            (column, "Course", "Now", "Next", "Training days"),
            tuple(seats),
            empty="No courses in anyone's plan now or next.",
        ),
        TeamTable(
            f"Shared gaps by {column}",
            (column, "Before level", "Gap", "People", "Who"),
            tuple(gaps),
            empty="No gap is shared by two or more people of a group.",
        ),
    ]


def change_tables(change: TeamChange) -> list[TeamTable]:
    """What changed since the older roster: who joined, left and moved level, then the
    gaps people in both closed and opened."""
    rows = [
        ("Joined", str(change.joined.count), who(change.joined)),
        ("Left", str(change.left.count), who(change.left)),
    ]
    rows += [
        (f"Moved from level {m.from_level} to {m.to_level}", str(m.people.count), who(m.people))
        for m in change.moved
    ]
    gaps = [
        (way, str(g.level), clean_line(g.text), str(g.people.count), who(g.people))
        for way, found in (("Closed", change.gaps_closed), ("Opened", change.gaps_opened))
        for g in found
    ]
    return [
        TeamTable("Changes", ("Change", "People", "Who"), tuple(rows)),
        TeamTable(
            "Gaps closed and opened",
            ("Change", "Before level", "Gap", "People", "Who"),
            tuple(gaps),
            empty="No gap closed or opened for anyone in both rosters.",
        ),
    ]


def problems_table(invalid: Sequence[InvalidRow], skipped: int) -> TeamTable:
    """The first invalid rows skipped, as on standard error, and how many more."""
    # The first few, as on standard error: a roster of bad rows is not reprinted.
    problems = [
        (
            f"line {r.line}" if r.line is not None else clean_line(r.file or ""),
            clean_line(one_line(r.reason)),
        )
        for r in invalid[:PROBLEMS_LISTED]
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
    return TeamTable("Problems", ("Where", "Reason"), tuple(problems))
