"""The reasons that go with a placement: what each answer means at the level placed at.

Each reason names the answers it rests on, so that a person can see which answer to
change; :mod:`pmo_advisor.rules.advice` puts them in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pmo_advisor.knowledge import Activity, Knowledge, Level, Typical
from pmo_advisor.model import Reason
from pmo_advisor.prose import number as _number
from pmo_advisor.rules.wording import a as _a
from pmo_advisor.rules.wording import join as _join
from pmo_advisor.rules.wording import people as _people
from pmo_advisor.rules.wording import plural as _plural
from pmo_advisor.rules.wording import singular as _singular
from pmo_advisor.rules.wording import years_text as _years
from pmo_advisor.safetext import clean_line

if TYPE_CHECKING:  # only the assess path needs these; suggest and ladder never load them
    from pmo_advisor.answers import Answers
    from pmo_advisor.listings import TitleLookup
    from pmo_advisor.rules.placement import Facts


def responsibility_reason(knowledge: Knowledge, done: Sequence[Activity]) -> Reason:
    number = max(a.level for a in done)
    level = knowledge.level(number)
    top = [a for a in done if a.level == number]
    ids = ", ".join(a.id for a in top)
    return Reason(
        f"Your most senior responsibilities are level {level.number} ({level.stage}) work:"
        f" you {_join((a.does for a in top), sep='; ')} (activities: {ids}).",
        ("activities",),
    )


def delivery_reason(facts: Facts) -> Reason:
    top = max(b.level for b in facts.delivery)
    ids = ", ".join(b.id for b in facts.delivery)
    return Reason(
        f"You have {_join((b.did for b in facts.delivery), sep='; ')} (delivery: {ids}):"
        f" delivery experience that is evidence of level {top} PMO capability.",
        ("delivery",),
    )


def scope_reason(level: Level, scope: str, knowledge: Knowledge) -> Reason:
    yours = _a(_singular(knowledge.scope(scope).name))
    rank = knowledge.scope_rank(scope)
    if scope in level.pmo_types:
        text = f"You work in {yours}, where level {level.number} roles are common"
    elif rank > max(knowledge.scope_rank(t) for t in level.pmo_types):
        text = (
            f"You work in {yours}, wider than level {level.number} roles usually cover,"
            " which supports a move up"
        )
    else:
        kinds = _join(_plural(knowledge.scope(t).name) for t in level.pmo_types)
        text = f"Level {level.number} roles are mostly found in {kinds}; you work in {yours}"
    return Reason(f"{text} (scope: {scope}).", ("scope",))


def team_reasons(level: Level, answers: Answers, done: Sequence[Activity]) -> list[Reason]:
    needed = level.typical.min_team
    team = answers.team_size
    if not answers.team_size_given:
        if needed == 0:
            return []
        return [
            Reason(
                f"Level {level.number} roles usually have at least {_people(needed)} reporting"
                " to them; answer team_size to confirm yours (team_size: not given).",
                ("team_size",),
            )
        ]
    reasons = []
    if team >= needed and team > 0:
        fits = (
            f"as level {level.number} roles usually do"
            if needed
            else "a sign of leadership to build on"
        )
        reasons.append(
            Reason(
                f"You have {_people(team)} reporting to you, {fits} (team_size: {team}).",
                ("team_size",),
            )
        )
    elif team < needed:
        reasons.append(
            Reason(
                f"Level {level.number} roles usually have at least {_people(needed)} reporting"
                f" to them; you have {'none' if team == 0 else team} (team_size: {team}).",
                ("team_size",),
            )
        )
    managing = [a.id for a in done if a.manages_people]
    if managing and team == 0:
        reasons.append(
            Reason(
                f"You say you manage people ({', '.join(managing)}) but that no one reports to"
                " you; check these two answers (activities, team_size: 0).",
                ("activities", "team_size"),
            )
        )
    return reasons


def years_reason(level: Level, years: float, upper: Typical | None) -> Reason:
    note = level.experience_note
    tag = f"(years: {_number(years)})"
    if upper is not None and years >= max(5, 2 * upper.min_years):
        return Reason(
            f"{_years(years)} of experience is more than level {level.number} roles usually"
            f" bring {tag}. Responsibilities, not years, set the level: taking on level"
            f" {level.number + 1} work is the way up.",
            ("years",),
        )
    if years >= level.typical.min_years:
        if years == 0:
            return Reason(f"You are starting out {tag}, which is where level 1 begins.", ("years",))
        text = f"{_years(years)} of experience fits level {level.number} {tag}. {note}"
    else:
        text = (
            f"{_years(years)} of experience is less than level {level.number} roles usually"
            f" bring {tag}, so expect employers to ask for evidence of your responsibilities."
            f" {note}"
        )
    return Reason(text, ("years",))


def focus_reason(
    answers: Answers, focus: Sequence[str], done: Sequence[Activity], knowledge: Knowledge
) -> Reason:
    names = _join(knowledge.focus_area(f).name.lower() for f in focus)
    if answers.focus:
        return Reason(
            f"Your work focuses on {names} (focus: {', '.join(focus)}), which orders the"
            " specialist titles and courses below.",
            ("focus",),
        )
    ids = ", ".join(a.id for a in done if a.focus is not None)
    return Reason(
        f"Your activities point to a focus on {names} (activities: {ids}), which orders the"
        " specialist titles and courses below; answer focus to say otherwise.",
        ("activities",),
    )


def title_reason(
    title: str,
    lookup: TitleLookup,
    level: Level,
    proposed: int,
    answers_delivery: Sequence[str] = (),
    borderline_with: int | None = None,
) -> Reason:
    """What the person's own title usually means, and whether their placement agrees."""
    shown = clean_line(title)
    role = lookup.delivery_role
    if role is not None:
        if role.background is not None and role.background not in answers_delivery:
            return Reason(
                f"Your title, {shown}, is a delivery role rather than a PMO title."
                f" {role.note.strip()} Answer delivery ({role.background}) to count that"
                " experience (title, delivery).",
                ("title", "delivery"),
            )
        return Reason(
            f"Your title, {shown}, is a delivery role rather than a PMO title; your delivery"
            " experience counts towards your level instead (title, delivery).",
            ("title", "delivery"),
        )
    reading = lookup.reading
    if not lookup.matches and (reading is None or reading.method != "parts"):
        return Reason(
            f"Your title, {shown}, is not one the advisor recognises, so your other answers"
            " alone place you (title).",
            ("title",),
        )
    if lookup.matches:
        title_levels, named = lookup.matches[0].title.levels, lookup.matches[0].title.name
    else:
        assert reading is not None
        # A title no list holds, read by its parts ("programme + administrator").
        title_levels, named = reading.levels, reading.explanation.split(":", 1)[0]
    levels = " or ".join(str(n) for n in title_levels)
    means = f"usually means level {levels} ({clean_line(named)})"
    if level.number in title_levels:
        return Reason(
            f"Your title, {shown}, {means}, in line with where you are placed (title).",
            ("title",),
        )
    usual = min(title_levels, key=lambda n: abs(n - level.number))
    if usual > level.number and proposed >= usual:
        advice = f"what would confirm level {usual} is listed above"
    elif usual > level.number:
        advice = f"taking on level {usual} work would make your title and your work agree"
    elif usual == borderline_with:
        # Placed above the title's level, but not firmly: the title is not yet behind.
        advice = f"your title fits the level {usual} your answers also point to, for now"
    else:
        advice = "your work is more senior than your title says: worth raising in reviews"
    return Reason(
        f"Your title, {shown}, {means}; your answers place you at level {level.number},"
        f" so {advice} (title, activities).",
        ("title", "activities"),
    )
