"""Course recommendations: which courses to take, in which order, and why."""

from __future__ import annotations

from collections.abc import Sequence

from pmo_advisor.knowledge import Activity, Course, Knowledge, Level
from pmo_advisor.model import Catalogue, CourseAdvice
from pmo_advisor.rules.wording import join

#: How many courses each kind of pick may add, so the list stays one people read.
_FOCUS_PICKS = 3
_GAP_PICKS = 3


def catalogue(
    knowledge: Knowledge, level: int | None, focus: Sequence[str], kind: str | None
) -> Catalogue:
    """The courses that serve a level, touch any of the focus areas, and are of a kind."""
    courses = tuple(
        c
        for c in knowledge.courses
        if (level is None or level in c.levels)
        and (not focus or set(focus).intersection(c.focus))
        and (kind is None or c.kind == kind)
    )
    return Catalogue(courses, level, tuple(focus), kind)


def recommend_courses(
    knowledge: Knowledge,
    level: int,
    done: Sequence[str],
    focus: Sequence[str],
    held: Sequence[str],
) -> tuple[CourseAdvice, ...]:
    """Courses for the current level first, then for the next one, never one already held
    and never more than one level above; prerequisites not held come before the courses
    that need them.

    At each level: the level's core courses, then courses that prepare for the level's
    responsibilities the person does not carry yet, then courses in their focus areas.
    """
    current = knowledge.level(level)
    picks: list[tuple[Course, int, str]] = []
    gaps = _level_gaps(knowledge, level, done, focus)
    if level == 4 and not gaps:
        # At the top there is no next level: courses that deepen the level's own work.
        gaps = knowledge.activities_at(4)
    blocks = [(level, current, gaps)]
    if level < 4:
        blocks.append((level + 1, knowledge.level(level + 1), knowledge.activities_at(level + 1)))
    for number, target, needs in blocks:
        picks += level_picks(
            knowledge, number, needs, focus, _core_reason(target, is_current=number == level)
        )
    return with_prerequisites(picks, set(held), knowledge, level)


def level_picks(
    knowledge: Knowledge,
    number: int,
    gaps: Sequence[Activity],
    focus: Sequence[str],
    core_reason: str,
) -> list[tuple[Course, int, str]]:
    """The courses to suggest at one level, each with its reason: the level's core
    courses, then up to three that prepare for the ``gaps`` (the level's work not yet
    done, most gaps covered first), then up to three in the person's focus areas."""
    at_level = [c for c in knowledge.courses if number in c.levels]
    picks = [(c, number, f"{core_reason} {c.summary}") for c in at_level if c.core]
    gap_ids = {a.id for a in gaps}
    by_gaps = sorted(
        (c for c in at_level if not c.core and gap_ids.intersection(c.activities)),
        key=lambda c: -len(gap_ids.intersection(c.activities)),
    )
    for course in by_gaps[:_GAP_PICKS]:
        first = next(a for a in gaps if a.id in course.activities)
        reason = f"Prepares you to {first.does}, level {number} work. {course.summary}"
        picks.append((course, number, reason))
    wanted = set(focus)
    by_focus = [c for c in at_level if not c.core and wanted.intersection(c.focus)]
    for course in by_focus[:_FOCUS_PICKS]:
        names = join(
            knowledge.focus_area(f).name.lower()
            for f in knowledge.focus_ids
            if f in wanted and f in course.focus
        )
        picks.append((course, number, f"Deepens your focus on {names}. {course.summary}"))
    return picks


def with_prerequisites(
    picks: Sequence[tuple[Course, int, str]], held: set[str], knowledge: Knowledge, level: int
) -> tuple[CourseAdvice, ...]:
    """Courses picked, each with a reason, in an order that puts any prerequisite not held
    before the course that needs it; courses held, or picked twice, are left out."""
    chosen: list[CourseAdvice] = []
    # Holding a course means holding what it requires: P3O Practitioner implies Foundation.
    placed = _with_implied(held, knowledge)
    held = placed.copy()

    def place(course: Course, number: int, reason: str) -> None:
        if course.id in placed:
            return
        placed.add(course.id)
        for prerequisite in course.prerequisites:
            needed = knowledge.course(prerequisite)
            fits = [n for n in needed.levels if n <= level + 1]
            place(
                needed,
                max(fits) if fits else min(needed.levels),
                f"Needed before {course.name}. {needed.summary}",
            )
        chosen.append(
            CourseAdvice(
                course_id=course.id,
                name=course.name,
                kind=course.kind,
                level=number,
                length=course.length,
                reason=reason,
                prerequisites=tuple(p for p in course.prerequisites if p not in held),
                prerequisite_note=course.prerequisite_note,
            )
        )

    for course, number, reason in picks:
        place(course, number, reason)
    return tuple(chosen)


def _with_implied(held: set[str], knowledge: Knowledge) -> set[str]:
    implied = set(held)
    stack = list(held)
    while stack:
        for prerequisite in knowledge.course(stack.pop()).prerequisites:
            if prerequisite not in implied:
                implied.add(prerequisite)
                stack.append(prerequisite)
    return implied


def _core_reason(target: Level, *, is_current: bool) -> str:
    if is_current:
        return f"A core course for level {target.number}, {target.stage}."
    return f"Prepares you for level {target.number}, {target.stage}."


def _level_gaps(
    knowledge: Knowledge, level: int, done: Sequence[str], focus: Sequence[str]
) -> tuple[Activity, ...]:
    """The current level's activities a person does not do yet, where they matter to them:
    activities with no focus area are part of every role at the level; the others count
    only within the person's own focus, since level 2 is a level of specialisms."""
    wanted = set(focus)
    return tuple(
        a
        for a in knowledge.activities_at(level)
        if a.id not in done and (a.focus is None or a.focus in wanted)
    )
