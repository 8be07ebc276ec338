"""Advice for a person or a level: placement reasons, titles, next step and courses.

Responsibilities decide the level: a person stands at the highest level any of their
activities belongs to. Scope, team size and years support that placement, flag answers
that sit between two levels, and add caveats; they never move the level on their own.
That keeps the advice explainable and guarantees that doing more never lowers it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pmo_advisor.knowledge import SCOPES, Activity, Knowledge, Level, Scope, Typical
from pmo_advisor.model import Advice, Ladder, NextStep, Reason, Rung, SuggestionRequest
from pmo_advisor.rules.courses import recommend_courses
from pmo_advisor.rules.titles import narrow_to_scope, order_titles
from pmo_advisor.rules.wording import a as _a
from pmo_advisor.rules.wording import join as _join
from pmo_advisor.rules.wording import people as _people
from pmo_advisor.rules.wording import plural as _plural
from pmo_advisor.rules.wording import singular as _singular
from pmo_advisor.rules.wording import years_text as _years
from pmo_advisor.text import clean_line
from pmo_advisor.text import number as _number

if TYPE_CHECKING:  # only the assess path needs the answers model itself
    from pmo_advisor.answers import Answers

#: Specialist activities outside a person's focus are offered as one choice when there
#: are more than this many.
_SPECIALISM_CHOICE = 2


def assess(answers: Answers, knowledge: Knowledge) -> Advice:
    """Place a person on the ladder from their answers, with reasons and next steps."""
    done = tuple(knowledge.activity(a) for a in answers.activities)
    number = max(a.level for a in done)
    level = knowledge.level(number)
    focus = answers.focus or knowledge.focus_of(answers.activities)

    reasons = [_responsibility_reason(level, [a for a in done if a.level == number])]
    reasons.append(_scope_reason(level, answers.scope, knowledge))
    reasons.extend(_team_reasons(level, answers, done))
    upper_typical = knowledge.level(number + 1).typical if number < 4 else None
    reasons.append(_years_reason(level, answers.years, upper_typical))
    if focus:
        reasons.append(_focus_reason(answers, focus, done, knowledge))
    if answers.title:
        reasons.append(_title_reason(answers.title, level, knowledge))
    between = _borderline(answers, done, level, knowledge)
    if between is not None:
        reasons.append(between[1])

    next_step = None
    if number < 4:
        upper = knowledge.level(number + 1)
        next_step = NextStep(
            level=upper,
            roles=order_titles(knowledge.titles_at(number + 1), answers.scope, focus),
            gaps=tuple(_gaps(knowledge, upper, answers.activities, focus, answers)),
            take_on=_take_on(knowledge, upper, answers.activities),
        )
    return Advice(
        kind="assessment",
        level=level,
        borderline_with=None if between is None else between[0],
        reasons=tuple(reasons),
        titles=order_titles(knowledge.titles_at(number), answers.scope, focus),
        next=next_step,
        courses=recommend_courses(
            knowledge, number, answers.activities, focus, answers.qualifications
        ),
        skills=level.skills,
        answers=answers,
    )


def suggest(request: SuggestionRequest, knowledge: Knowledge) -> Advice:
    """The advice for a level the person already knows, without any answers."""
    number = request.level
    level = knowledge.level(number)
    reasons = [Reason(f"You asked about level {number}, {level.stage} ({level.title}).", ())]
    titles = order_titles(knowledge.titles_at(number), request.scope, request.focus)
    if request.scope is not None:
        titles, note = narrow_to_scope(titles, request.scope, number, knowledge)
        reasons.append(Reason(note, ()))
    if request.focus:
        names = _join(knowledge.focus_area(f).name.lower() for f in request.focus)
        reasons.append(Reason(f"Specialist titles and courses favour {names}.", ()))
    next_step = None
    if number < 4:
        upper = knowledge.level(number + 1)
        roles = order_titles(knowledge.titles_at(number + 1), request.scope, request.focus)
        if request.scope is not None:
            roles, note = narrow_to_scope(roles, request.scope, number + 1, knowledge)
            if note.startswith("No "):
                reasons.append(Reason(note, ()))
        next_step = NextStep(
            level=upper,
            roles=roles,
            gaps=tuple(_gaps(knowledge, upper, (), request.focus, None)),
            take_on=_take_on(knowledge, upper, ()),
        )
    return Advice(
        kind="suggestion",
        level=level,
        borderline_with=None,
        reasons=tuple(reasons),
        titles=titles,
        next=next_step,
        courses=recommend_courses(knowledge, number, (), request.focus, request.held),
        skills=level.skills,
        request=request,
    )


def ladder(knowledge: Knowledge) -> Ladder:
    """The four levels with their titles, lowest first."""
    return Ladder(
        tuple(
            Rung(lv, order_titles(knowledge.titles_at(lv.number), None, ()))
            for lv in knowledge.levels
        )
    )


def _responsibility_reason(level: Level, top: Sequence[Activity]) -> Reason:
    ids = ", ".join(a.id for a in top)
    return Reason(
        f"Your most senior responsibilities are level {level.number} ({level.stage}) work:"
        f" you {_join((a.does for a in top), sep='; ')} (activities: {ids}).",
        ("activities",),
    )


def _scope_reason(level: Level, scope: Scope, knowledge: Knowledge) -> Reason:
    yours = _a(_singular(knowledge.scope(scope).name))
    rank = SCOPES.index(scope)
    if scope in level.pmo_types:
        text = f"You work in {yours}, where level {level.number} roles are common"
    elif rank > max(SCOPES.index(t) for t in level.pmo_types):
        text = (
            f"You work in {yours}, wider than level {level.number} roles usually cover,"
            " which supports a move up"
        )
    else:
        kinds = _join(_plural(knowledge.scope(t).name) for t in level.pmo_types)
        text = f"Level {level.number} roles are mostly found in {kinds}; you work in {yours}"
    return Reason(f"{text} (scope: {scope}).", ("scope",))


def _team_reasons(level: Level, answers: Answers, done: Sequence[Activity]) -> list[Reason]:
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


def _years_reason(level: Level, years: float, upper: Typical | None) -> Reason:
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


def _focus_reason(
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


def _title_reason(title: str, level: Level, knowledge: Knowledge) -> Reason:
    """What the person's own title usually means, and whether their work agrees."""
    from pmo_advisor.titles import TitleMatcher  # loads rapidfuzz: only when a title is given

    lookup = TitleMatcher(knowledge).lookup(title)
    shown = clean_line(title)
    if not lookup.matches:
        return Reason(
            f"Your title, {shown}, is not one the advisor recognises, so your activities"
            " alone place you (title).",
            ("title",),
        )
    best = lookup.matches[0].title
    levels = " or ".join(str(n) for n in best.levels)
    means = f"usually means level {levels} ({best.name})"
    if level.number in best.levels:
        return Reason(
            f"Your title, {shown}, {means}, in line with your activities (title).", ("title",)
        )
    usual = min(best.levels, key=lambda n: abs(n - level.number))
    if usual > level.number:
        advice = f"taking on level {usual} work would make your title and your work agree"
    else:
        advice = "your work is more senior than your title says: worth raising in reviews"
    return Reason(
        f"Your title, {shown}, {means}; your activities place you at level {level.number},"
        f" so {advice} (title, activities).",
        ("title", "activities"),
    )


def _borderline(
    answers: Answers, done: Sequence[Activity], level: Level, knowledge: Knowledge
) -> tuple[int, Reason] | None:
    """The other level the answers point at, if any, with the reason."""
    number = level.number
    rank = SCOPES.index(answers.scope)
    facts = (
        f"years: {_number(answers.years)}, scope: {answers.scope},"
        f" team_size: {answers.team_size if answers.team_size_given else 'not given'}"
    )
    if number < 4:
        upper = knowledge.level(number + 1).typical
        if (
            answers.years >= upper.min_years
            and rank >= SCOPES.index(upper.min_scope)
            and answers.team_size >= upper.min_team
        ):
            return number + 1, Reason(
                f"Your experience, scope and team are typical of level {number + 1}, though"
                f" none of your activities is a level {number + 1} responsibility yet: you sit"
                f" between levels {number} and {number + 1} ({facts}).",
                ("years", "scope", "team_size", "activities"),
            )
    if number > 1:
        typical = level.typical
        top = [a for a in done if a.level == number]
        thin_support = answers.team_size < typical.min_team or rank < SCOPES.index(
            typical.min_scope
        )
        if len(top) == 1 and answers.years < typical.min_years and thin_support:
            return number - 1, Reason(
                f"Only one of your activities ({top[0].id}) is level {number} work, and your"
                f" experience, scope or team are below what level {number} usually brings:"
                f" you sit between levels {number - 1} and {number} ({facts}).",
                ("activities", "years", "scope", "team_size"),
            )
    return None


def _take_on(knowledge: Knowledge, upper: Level, done: Iterable[str]) -> tuple[str, ...]:
    done_ids = set(done)
    return tuple(a.id for a in knowledge.activities_at(upper.number) if a.id not in done_ids)


def _gaps(
    knowledge: Knowledge,
    upper: Level,
    done: Iterable[str],
    focus: Sequence[str],
    answers: Answers | None,
) -> Iterable[str]:
    """What stands between a person and the next level, most actionable first.

    Specialist activities outside the person's focus are alternatives, not a list to work
    through, so where there are several they are offered as one choice.
    """
    todo = [knowledge.activity(a) for a in _take_on(knowledge, upper, done)]
    wanted = set(focus)
    elsewhere = [a for a in todo if a.focus is not None and a.focus not in wanted]
    if len(elsewhere) <= _SPECIALISM_CHOICE:
        elsewhere = []
    listed = [a for a in todo if a not in elsewhere]
    for activity in listed:
        yield f"Take on: {activity.does} ({activity.id})"
    if elsewhere:
        lead = "Or take on another specialism" if listed else "Take on a specialism"
        yield (
            f"{lead}, any one of: {', '.join(a.id for a in elsewhere)}"
            f" (each is level {upper.number} work)"
        )
    typical = upper.typical
    if answers is None:
        yield f"Experience: {upper.experience_note}"
        return
    if SCOPES.index(answers.scope) < min(SCOPES.index(t) for t in upper.pmo_types):
        kinds = _join(_plural(knowledge.scope(t).name) for t in upper.pmo_types)
        yield f"Widen your scope: level {upper.number} roles are mostly found in {kinds}"
    if answers.team_size < typical.min_team:
        yield (
            f"Lead a team: level {upper.number} roles usually have at least"
            f" {_people(typical.min_team)} reporting to them"
        )
    if answers.years < typical.min_years:
        yield f"Experience: you have {_years(answers.years)}. {upper.experience_note}"
