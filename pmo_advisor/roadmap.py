"""The career roadmap: from one level to a higher one, a step per level.

Each step names the roles at that level (with the specialist route for the focus asked
for alongside the management one), the activities to take on, the experience people
usually bring, and the courses to take, in an order that honours prerequisites and
leaves out courses already held. Pure, like :mod:`pmo_advisor.rules`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pmo_advisor.knowledge import Activity, Knowledge, Scope
from pmo_advisor.listings import Roadmap, RoadmapStep
from pmo_advisor.rules import level_picks, order_titles, with_prerequisites
from pmo_advisor.rules.courses import retired_by

if TYPE_CHECKING:
    from pmo_advisor.answers import Answers


def plan(
    knowledge: Knowledge,
    start: int,
    target: int,
    *,
    focus: Sequence[str] = (),
    held: Sequence[str] = (),
    done: Sequence[str] = (),
    scope: Scope | None = None,
    answers: Answers | None = None,
) -> Roadmap:
    """The route from level ``start`` to level ``target``."""
    if target <= start:
        where = knowledge.level(start)
        note = (
            f"You are at level {start}, {where.stage}, already."
            if target == start
            else f"Level {target} is behind you: you are at level {start}, {where.stage}."
        )
        note += _onwards(start, knowledge.top_level)
        return Roadmap(start, target, tuple(focus), tuple(held), note, answers, steps=())
    wanted = set(focus)
    taken: set[str] = set(held)
    # What the person holds retires the lower credentials and the equivalents of each.
    retired = frozenset(retired_by(held, knowledge))
    steps = []
    for number in range(start + 1, target + 1):
        level = knowledge.level(number)
        titles = knowledge.titles_at(number)
        specialists = tuple(t for t in titles if t.is_specialist and wanted & set(t.focus))
        roles = tuple(
            t for t in order_titles(knowledge, titles, scope, focus) if not t.is_specialist
        )
        take_on = tuple(
            a
            for a in sorted(knowledge.activities_at(number), key=lambda a: _route_rank(a, wanted))
            if a.id not in done
        )
        core = f"The core course for level {number}, {level.stage}."
        picks = level_picks(knowledge, number, take_on, focus, core, counted=retired)
        # Preparing for this level while still working at the one below it.
        courses = with_prerequisites(picks, taken, knowledge, number, working_at=number - 1)
        taken.update(c.course_id for c in courses)
        steps.append(
            RoadmapStep(level, roles, specialists, take_on, level.experience_note, courses)
        )
    return Roadmap(start, target, tuple(focus), tuple(held), None, answers, steps=tuple(steps))


def _route_rank(activity: Activity, wanted: set[str]) -> int:
    """Where an activity goes in a step's list: with a focus asked for, the specialist
    route's own work first; then PMO management; other specialisms last."""
    if activity.focus is not None and activity.focus not in wanted:
        return 2
    if wanted and activity.track == "specialist":
        return 0
    return 1


def _onwards(start: int, top: int) -> str:
    if start >= top:
        return " There is no level above it."
    if start == top - 1:
        return f" Ask for --to {top} to see the way up."
    return f" Ask for --to {start + 1} or higher to see the way up."
