"""Course recommendations: which courses to take, in which order, and why.

What a person holds counts generously: a course implies its prerequisites, the courses it
is an accepted equivalent for (``satisfies``) and the other ways of taking the same thing
(``same_as``, old editions included). A course counted as held is never recommended, nor
demanded as a prerequisite. Only courses that can be recommended (not an old edition,
not a second way of taking another course) are ever picked, so one list never holds a
certification beside the eLearning for the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pmo_advisor.knowledge import Activity, Course, Knowledge, Level
from pmo_advisor.model import CourseAdvice
from pmo_advisor.rules.wording import join

if TYPE_CHECKING:
    from pmo_advisor.listings import Catalogue

#: How many courses each kind of pick may add, so the list stays one people read.
_FOCUS_PICKS = 3
_GAP_PICKS = 3


def catalogue(
    knowledge: Knowledge,
    level: int | None,
    focus: Sequence[str],
    kind: str | None,
    provider: str | None = None,
) -> Catalogue:
    """The courses on offer that serve a level, touch any of the focus areas, are of a
    kind and come from a provider (matched without regard to case); old editions are
    left out."""
    wanted_provider = None if provider is None else provider.strip().casefold()
    courses = tuple(
        c
        for c in knowledge.courses
        if not c.superseded
        and (level is None or level in c.levels)
        and (not focus or set(focus).intersection(c.focus))
        and (kind is None or c.kind == kind)
        and (wanted_provider is None or wanted_provider in _bodies(c))
    )
    from pmo_advisor.listings import Catalogue

    return Catalogue(courses, level, tuple(focus), kind, provider)


def _bodies(course: Course) -> set[str]:
    return {n.casefold() for n in (course.provider, course.awarding_body) if n is not None}


def themes_of(counted: Iterable[str], title: str | None, knowledge: Knowledge) -> frozenset[str]:
    """The side themes (course topics, such as agile) a person works in: those of the
    courses counted as held (see held_closure), and any their job title names ("Agile
    PMO Analyst")."""
    topics = {t for c in counted for t in knowledge.course(c).topics}
    words = set(re.findall(r"[a-z]+", (title or "").casefold()))
    named = {t for c in knowledge.courses for t in c.topics if t in words}
    return frozenset(topics | named)


def held_closure(held: Iterable[str], knowledge: Knowledge) -> set[str]:
    """Every course counted as held: the ones held, their prerequisites, the courses they
    satisfy and the other ways of taking each of them, followed as far as they lead."""
    counted: set[str] = set()
    stack = list(held)
    while stack:
        course_id = stack.pop()
        if course_id in counted:
            continue
        counted.add(course_id)
        course = knowledge.course(course_id)
        stack += [*course.prerequisites, *course.satisfies, *knowledge.alternatives_of(course_id)]
    return counted


def retired_by(held: Iterable[str], knowledge: Knowledge) -> set[str]:
    """Every course a person needs no longer: those counted as held (held_closure), the
    lower credentials on the ladder of any of them (``outranks``, followed down with
    what each counts as), and the other members of any choice of competing schemes
    (plan.yaml) they hold a member of."""
    retired = held_closure(held, knowledge)
    stack = [o for c in retired for o in knowledge.course(c).outranks]
    while stack:
        lower = stack.pop()
        if lower in retired:
            continue
        for course_id in held_closure([lower], knowledge):
            if course_id not in retired:
                retired.add(course_id)
                stack.extend(knowledge.course(course_id).outranks)
    for choice in knowledge.plan.choices:
        if retired.intersection(choice.members):
            retired.update(choice.members)
    return retired


def recommend_courses(
    knowledge: Knowledge,
    level: int,
    done: Sequence[str],
    focus: Sequence[str],
    held: Sequence[str],
    specialist_first: bool = False,
    delivery: Sequence[str] | None = None,
    title: str | None = None,
) -> tuple[CourseAdvice, ...]:
    """Courses for the current level first, then for the next one, never one already held
    and never more than one level above; prerequisites not held come before the courses
    that need them. With ``delivery`` (the person's delivery backgrounds, when known), a
    course that asks for delivery experience they lack is left out. Courses on a side
    theme the person works in (see themes_of; ``title`` is their job title) come first.

    At each level: the level's core courses, then courses that prepare for the level's
    responsibilities the person does not carry yet, then courses in their focus areas;
    for a specialist (``specialist_first``) the focus courses lead, as their route does.
    """
    current = knowledge.level(level)
    counted = frozenset(held_closure(held, knowledge))
    themes = themes_of(counted, title, knowledge)
    # Courses counted as held, outranked or equivalent to one held are never suggested.
    counted = frozenset(retired_by(held, knowledge))
    picks: list[tuple[Course, int, str]] = []
    gaps = _level_gaps(knowledge, level, done, focus)
    if level == knowledge.top_level and not gaps:
        # At the top there is no next level: courses that deepen the level's own work.
        gaps = knowledge.activities_at(level)
    blocks = [(level, current, gaps)]
    if level < knowledge.top_level:
        blocks.append((level + 1, knowledge.level(level + 1), knowledge.activities_at(level + 1)))
    for number, target, needs in blocks:
        picks += level_picks(
            knowledge,
            number,
            needs,
            focus,
            _core_reason(target, is_current=number == level),
            specialist_first=specialist_first,
            delivery=delivery,
            themes=themes,
            counted=counted,
        )
    return with_prerequisites(picks, set(held), knowledge, level)


def level_picks(
    knowledge: Knowledge,
    number: int,
    gaps: Sequence[Activity],
    focus: Sequence[str],
    core_reason: str,
    *,
    specialist_first: bool = False,
    delivery: Sequence[str] | None = None,
    themes: frozenset[str] = frozenset(),
    counted: frozenset[str] = frozenset(),
) -> list[tuple[Course, int, str]]:
    """The courses to suggest at one level, each with its reason: the level's core
    courses, then up to three that prepare for the ``gaps`` (the level's work not yet
    done, most gaps covered first), then up to three in the person's focus areas (each
    focus area served first, the most specific course first). With ``delivery`` known,
    courses asking for delivery experience the person lacks are not suggested, nor
    courses ``counted`` as held, which would only take a place and be left out."""
    backgrounds = set(delivery or ())
    at_level = [
        c
        for c in knowledge.recommendable_at(number)
        if c.id not in counted
        and (
            delivery is None
            or not c.expects_delivery
            or backgrounds.intersection(c.expects_delivery)
        )
    ]
    picks = [(c, number, f"{core_reason} {c.summary}") for c in at_level if c.core]
    wanted = set(focus)
    # What each course prepares the person for, worked out once: it orders them too.
    prepared = {
        c.id: [a for a in gaps if a.id in c.activities and _fits(a, c, wanted)]
        for c in at_level
        if not c.core
    }
    by_gaps = sorted(
        (c for c in at_level if not c.core and prepared[c.id]),
        key=lambda c: (-len(prepared[c.id]), *_aptness(c, wanted, themes)),
    )
    for course in by_gaps[:_GAP_PICKS]:
        first = prepared[course.id][0]
        reason = f"Prepares you to {first.does}, level {number} work. {course.summary}"
        picks.append((course, number, reason))
    taken = {c.id for c, _, _ in picks}
    candidates = sorted(
        (c for c in at_level if not c.core and c.id not in taken and wanted & set(c.focus)),
        key=lambda c: (-len(wanted & set(c.focus)), *_aptness(c, wanted, themes)),
    )
    deepening = []
    for course in _spread(candidates, [f for f in knowledge.focus_ids if f in wanted], themes):
        names = join(
            knowledge.focus_area(f).name.lower()
            for f in knowledge.focus_ids
            if f in wanted and f in course.focus
        )
        deepening.append((course, number, f"Deepens your focus on {names}. {course.summary}"))
    return [*deepening, *picks] if specialist_first else [*picks, *deepening]


def _aptness(
    course: Course, wanted: set[str], themes: frozenset[str] = frozenset()
) -> tuple[bool, bool, bool, int, int]:
    """Sorts the courses most apt for a person first: a side theme (such as agile) they
    work in, their own focus as the course's main one (listed first), no side theme they
    do not work in, the fewest other focus areas, and aimed at the level rather than
    below it."""
    main = course.focus[0] if course.focus else None
    shared = bool(themes.intersection(course.topics))
    foreign = bool(set(course.topics) - themes)
    if main not in wanted:  # not about their focus: no reason to prefer one over another
        return (not shared, True, foreign, 0, 0)
    return (not shared, False, foreign, len(course.focus), -min(course.levels))


def _fits(activity: Activity, course: Course, wanted: set[str]) -> bool:
    """Whether a course prepares this person for an activity. Leading or owning "a
    specialism" means the person's own: a risk course does not prepare a planner."""
    if activity.track != "specialist" or activity.focus is not None:
        return True
    return bool(wanted & set(course.focus))


def _spread(
    candidates: Sequence[Course], focus: Sequence[str], themes: frozenset[str] = frozenset()
) -> list[Course]:
    """Up to _FOCUS_PICKS courses: the one most about each focus area first, then the rest
    in order, so that a second focus area is not crowded out by the first."""
    chosen: list[Course] = []
    for focus_id in focus:
        # For one area, the course most about it.
        serving = [c for c in candidates if focus_id in c.focus and c not in chosen]
        if serving:
            chosen.append(
                min(
                    serving,
                    key=lambda c: (c.focus.index(focus_id), *_aptness(c, {focus_id}, themes)),
                )
            )
    chosen += [c for c in candidates if c not in chosen]
    return chosen[:_FOCUS_PICKS]


def with_prerequisites(
    picks: Sequence[tuple[Course, int, str]],
    held: set[str],
    knowledge: Knowledge,
    level: int,
    *,
    working_at: int | None = None,
) -> tuple[CourseAdvice, ...]:
    """Courses picked, each with a reason, in an order that puts any prerequisite not held
    before the course that needs it; courses held (or counted as held), or picked twice,
    are left out. A prerequisite is not demanded where the course's entry requirement is
    met otherwise: by a course held, or by working at ``working_at`` (default ``level``)."""
    working_at = level if working_at is None else working_at
    chosen: list[CourseAdvice] = []
    counted = held_closure(held, knowledge)
    placed = set(counted)

    def place(course: Course, number: int, reason: str) -> None:
        if course.id in placed:
            return
        placed.add(course.id)
        entry_met = _entry_met(course, counted, working_at)
        for prerequisite in () if entry_met else course.prerequisites:
            needed = knowledge.course(prerequisite)
            fits = [n for n in needed.levels if n <= level + 1]
            at = max(fits) if fits else min(needed.levels)
            # Taken on the way to what comes next, so the list stays in level order.
            at = max(at, chosen[-1].level) if chosen else at
            why = f"Needed before {course.name}{_unless(course, needed, knowledge)}."
            place(needed, at, f"{why} {needed.summary}")
        chosen.append(
            CourseAdvice(
                course_id=course.id,
                name=course.name,
                kind=course.kind,
                level=number,
                length=course.length,
                reason=reason,
                prerequisites=()
                if entry_met
                else tuple(p for p in course.prerequisites if p not in counted),
                prerequisite_note=course.prerequisite_note,
                provider=course.provider,
                awarding_body=course.awarding_body,
                hours=course.hours,
                delivery_modes=course.delivery_modes,
                url=course.url,
            )
        )

    for course, number, reason in _without_covered(picks, knowledge):
        place(course, number, reason)
    return tuple(chosen)


def _without_covered(
    picks: Sequence[tuple[Course, int, str]], knowledge: Knowledge
) -> list[tuple[Course, int, str]]:
    """The picks less any that another pick, for the same level or an earlier one,
    counts as (its ``satisfies``, followed through): APM's PPQ covers its PMQ, so the
    two are one recommendation, not two. A course for a later level never displaces
    one for now."""

    coverage = {course.id: knowledge.counts_as(course.id) for course, _, _ in picks}
    level_of: dict[str, int] = {}
    for course, number, _ in picks:
        level_of.setdefault(course.id, number)
    return [
        (course, number, reason)
        for course, number, reason in picks
        if not any(
            course.id in covered and level_of[other] <= number
            for other, covered in coverage.items()
            if other != course.id
        )
    ]


def _entry_met(course: Course, counted: set[str], level: int) -> bool:
    """Whether someone meets a course's entry requirement without its prerequisites: by
    holding a course that admits to it, or by working at the level it accepts."""
    at = course.entry_met_at_level
    return (at is not None and level >= at) or not counted.isdisjoint(course.entry_met_by)


def _unless(course: Course, needed: Course, knowledge: Knowledge) -> str:
    """ ", unless you hold ..." for a prerequisite: the courses that count as it or admit
    to ``course`` in its place (the first few, when many do), and the experience that
    does, where the course accepts it."""
    instead = [c.name for c in knowledge.courses if needed.id in c.satisfies]
    instead += [knowledge.course(i).name for i in course.entry_met_by]
    if len(instead) > 3:
        held = f"an equivalent such as {join(instead[:3], word='or')}"
    else:
        held = join(instead, word="or")
    at = course.entry_met_at_level
    if instead and at is not None:
        return f", unless you hold {held}, or already work at level {at}"
    if at is not None:
        return f", unless you already work at level {at}"
    return f", unless you hold {held}" if instead else ""


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
