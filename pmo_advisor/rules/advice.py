"""Advice for a person or a level: reasons, titles, the next step and courses.

Where a person stands is decided in :mod:`pmo_advisor.rules.placement`; this module
builds the advice around it: what the rest of their answers mean at that level, the
titles that fit them now, the two routes up (deepening a specialism or moving into PMO
management) and the courses for both. The reasons for each answer are worded in
:mod:`pmo_advisor.rules.reasons`, the plan made in :mod:`pmo_advisor.rules.plan`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from pmo_advisor.knowledge import Activity, Knowledge, Level, Scope, Title
from pmo_advisor.model import Advice, NextStep, Reason, Route, SuggestionRequest
from pmo_advisor.prose import as_shown
from pmo_advisor.rules.courses import recommend_courses
from pmo_advisor.rules.gaps import gap_fields, gaps, route_head, take_on
from pmo_advisor.rules.plan import make_plan
from pmo_advisor.rules.plan_courses import Person
from pmo_advisor.rules.reasons import (
    delivery_reason,
    focus_reason,
    responsibility_reason,
    scope_reason,
    team_reasons,
    title_reason,
    years_reason,
)
from pmo_advisor.rules.titles import narrow_to_scope, order_titles
from pmo_advisor.rules.wording import a as _a
from pmo_advisor.rules.wording import join as _join
from pmo_advisor.rules.wording import singular as _singular
from pmo_advisor.rules.wording import years_text as _years

if TYPE_CHECKING:  # only the assess path needs these; suggest and ladder never load them
    from pmo_advisor.answers import Answers
    from pmo_advisor.listings import Ladder, TitleLookup
    from pmo_advisor.rules.placement import Facts


def assess(answers: Answers, knowledge: Knowledge, route: str | None = None) -> Advice:
    """Place a person on the ladder from their answers, with reasons, next steps and a
    plan. ``route`` ("specialist" or "management") puts that route first where the
    person has it; by default the route that suits their answers comes first."""
    from pmo_advisor.rules.placement import place

    lookup = _title_lookup(answers.title, knowledge) if answers.title else None
    facts = facts_of(answers, knowledge, lookup)
    placement = place(facts, knowledge, knowledge.delivery.pmo_gap)
    number = placement.level
    level = knowledge.level(number)
    done = facts.activities
    focus = answers.focus or _focus_by_seniority(answers.activities, knowledge)
    specialist = is_specialist(done, focus) and facts.proposed == facts.activity_level

    reasons = [responsibility_reason(knowledge, done)]
    if facts.delivery:
        reasons.append(delivery_reason(facts))
    reasons.extend(placement.reasons)
    reasons.append(scope_reason(level, answers.scope, knowledge))
    reasons.extend(team_reasons(level, answers, done))
    upper_typical = knowledge.level(number + 1).typical if number < knowledge.top_level else None
    reasons.append(years_reason(level, facts.years, upper_typical))
    if focus:
        reasons.append(focus_reason(answers, focus, done, knowledge))
    if answers.title and lookup is not None:
        reasons.append(
            title_reason(
                answers.title,
                lookup,
                level,
                placement.proposed,
                answers.delivery,
                placement.borderline_with,
            )
        )

    next_step = None
    if number < knowledge.top_level:
        upper = knowledge.level(number + 1)
        first = specialist if route is None else route == "specialist"
        routes = _routes(knowledge, upper, focus, answers.activities, first, answers.scope)
        next_step = NextStep(
            level=upper,
            roles=order_titles(
                knowledge,
                knowledge.titles_at(number + 1),
                answers.scope,
                focus,
                specialist,
                other_specialisms=False,
            ),
            **gap_fields(gaps(knowledge, upper, answers.activities, focus, facts, routes)),
            take_on=take_on(knowledge, upper, answers.activities),
            routes=routes,
        )
    titles = _titles_now(knowledge, number, answers.scope, focus, specialist)
    confirm = (
        _what_confirms(placement.proposed, facts, knowledge)
        if number < placement.proposed
        else None
    )
    person = Person(
        level=number,
        years=facts.years,
        team=facts.team,
        focus=tuple(focus),
        activities=answers.activities,
        held=answers.qualifications,
        delivery=answers.delivery,
        title=answers.title,
        market=answers.market,
        focus_given=bool(answers.focus),
        specialist=specialist,
        on_delivery=facts.activity_level < number,
        reaching=placement.proposed if number < placement.proposed else None,
        confirm=confirm,
    )
    return Advice(
        kind="assessment",
        level=level,
        borderline_with=placement.borderline_with,
        reasons=tuple(reasons),
        titles=titles,
        next=next_step,
        courses=recommend_courses(
            knowledge,
            number,
            answers.activities,
            focus,
            answers.qualifications,
            specialist,
            delivery=answers.delivery,
            title=answers.title,
        ),
        skills=level.skills,
        answers=answers,
        proposed_level=placement.proposed,
        confirmed_by=()
        if placement.check is None
        else tuple(c.signal.id for c in placement.check.held),
        plan=make_plan(person, knowledge, titles, next_step),
        summary=_summary(
            facts,
            placement.proposed,
            number,
            placement.borderline_with,
            confirm,
            answers,
            knowledge,
            next_step.routes[0] if next_step is not None and next_step.routes else None,
        ),
    )


def _what_confirms(proposed: int, facts: Facts, knowledge: Knowledge) -> str:
    """What would confirm the level a person's responsibilities reach, in a few words."""
    from pmo_advisor.rules.placement import check_level

    check = check_level(knowledge.level(proposed), facts)
    evidence = check.level.evidence
    if check.below_floor and evidence is not None and evidence.floor is not None:
        return evidence.floor.confirm.strip()
    defining = [c for c in check.missing if c.signal.defining]
    held_defining = any(c.holds for c in check.checks if c.signal.defining)
    wanting = check.missing[:2] if held_defining or not defining else defining
    return _join((c.signal.confirm for c in wanting), word="or")


def _summary(
    facts: Facts,
    proposed: int,
    number: int,
    borderline_with: int | None,
    confirm: str | None,
    answers: Answers,
    knowledge: Knowledge,
    route: Route | None,
) -> tuple[str, ...]:
    """Where a person stands in two sentences: the work and experience that place them,
    and the one thing that stands between them and the level above (or below), in the
    words of the route their plan follows."""
    top = max(a.level for a in facts.activities)
    work = [a.name or a.id for a in facts.activities if a.level == top]
    scope = _a(_singular(knowledge.scope(answers.scope).name))
    years = _years(facts.years)
    first = f"You do level {top} work ({_join(work)}) with {years.lower()} in {scope}."
    if facts.delivery and max(b.level for b in facts.delivery) > top:
        led = _join(b.id.replace("-", " ") for b in facts.delivery)
        first = (
            f"You do level {top} PMO work ({_join(work)}) and have led delivery ({led}),"
            f" with {years.lower()} of PMO and delivery work."
        )
    if number < proposed and confirm:
        second = f"Level {proposed} needs {confirm}."
    elif borderline_with is not None and borderline_with < number:
        second = (
            f"That is only just level {number}: you sit between levels {borderline_with}"
            f" and {number}."
        )
    elif borderline_with is not None:
        second = f"You already show signs of level {borderline_with}."
    elif route is not None:
        second = f"To reach level {number + 1}: {route_head(route.summary)}."
    else:
        second = "You are at the top of the ladder: the plan deepens the work of the role."
    return (first, second)


def _focus_by_seniority(activities: Sequence[str], knowledge: Knowledge) -> tuple[str, ...]:
    """The focus areas a person's activities point to, those of their most senior work
    first (the RAID process before the status reports of a co-ordinator who does both).
    Python's sort is stable, so areas of equal rank keep the knowledge base's order."""
    implied = knowledge.focus_of(activities)
    rank: dict[str, tuple[int, int]] = {}
    for activity in (knowledge.activity(a) for a in activities):
        if activity.focus is not None:
            # A specialism's own work counts before management work that touches it
            # (setting standards is governance, but it is running a PMO).
            own = (activity.track != "management", activity.level)
            rank[activity.focus] = max(rank.get(activity.focus, (0, 0)), own)
    return tuple(sorted(implied, key=lambda f: rank[f], reverse=True))


def facts_of(answers: Answers, knowledge: Knowledge, lookup: TitleLookup | None) -> Facts:
    """What the placement reads from a person's answers; years are rounded once, as the
    advice shows them, so a comparison never disagrees with the number in the text."""
    from pmo_advisor.rules.placement import Facts

    title_levels: tuple[int, ...] = ()
    if lookup is not None and lookup.matches:
        title_levels = lookup.matches[0].title.levels
    elif lookup is not None and lookup.reading is not None and lookup.reading.method == "parts":
        title_levels = lookup.reading.levels  # a title no list holds, read by its parts
    return Facts(
        years=as_shown(answers.years),
        scope=answers.scope,
        scope_ids=knowledge.scope_ids,
        team=answers.team_size if answers.team_size_given else None,
        activities=tuple(knowledge.activity(a) for a in answers.activities),
        delivery=tuple(knowledge.background(b) for b in answers.delivery),
        title_levels=title_levels,
        titled=answers.title is not None,
        qualification_level=max(
            (min(knowledge.course(q).levels) for q in answers.qualifications), default=0
        ),
    )


def _titles_now(
    knowledge: Knowledge, number: int, scope: Scope, focus: Sequence[str], specialist: bool
) -> tuple[Title, ...]:
    """The titles that fit a person now. Where a level's general titles mean running
    PMOs (the level has management work), they are the other route for a specialist, a
    sideways move rather than a fit, so a specialist sees their specialism's titles."""
    titles = order_titles(
        knowledge, knowledge.titles_at(number), scope, focus, specialist, other_specialisms=False
    )
    if specialist and any(a.track == "management" for a in knowledge.activities_at(number)):
        own = tuple(t for t in titles if t.is_specialist)
        return own or titles
    return titles


def is_specialist(done: Sequence[Activity], focus: Sequence[str]) -> bool:
    """Whether a person's activities put them on a specialist track: they have a focus,
    and their most senior activities are a specialism's work, with no management work
    beside it but what a specialism's lead does too (its team, its standards). (Someone
    whose delivery experience proposes a higher level than their activities has led
    projects or people, so their way in is PMO management.)"""
    if not focus:
        return False
    top = max(a.level for a in done)
    senior = [a for a in done if a.level == top]
    managing = [a for a in senior if a.track == "management"]
    if not managing:
        return True
    leads_specialism = any(a.track == "specialist" for a in senior)
    return leads_specialism and all(a.shared_with_specialists for a in managing)


def _title_lookup(title: str, knowledge: Knowledge) -> TitleLookup:
    """What a person's title usually means."""
    from pmo_advisor.titles import reader_for  # loads rapidfuzz: only when a title is given

    return reader_for(knowledge).lookup(title)


def suggest(request: SuggestionRequest, knowledge: Knowledge) -> Advice:
    """The advice for a level the person already knows, without any answers."""
    number = request.level
    level = knowledge.level(number)
    reasons = [Reason(f"You asked about level {number}, {level.stage} ({level.title}).", ())]
    # Asked about a focus: its specialisms only; asked about a level: all of them.
    everything = not request.focus
    titles = order_titles(
        knowledge,
        knowledge.titles_at(number),
        request.scope,
        request.focus,
        other_specialisms=everything,
    )
    if request.scope is not None:
        titles, note = narrow_to_scope(titles, request.scope, number, knowledge)
        reasons.append(Reason(note, ()))
    if request.focus:
        names = _join(knowledge.focus_area(f).name.lower() for f in request.focus)
        reasons.append(Reason(f"Specialist titles and courses favour {names}.", ()))
    next_step = None
    if number < knowledge.top_level:
        upper = knowledge.level(number + 1)
        roles = order_titles(
            knowledge,
            knowledge.titles_at(number + 1),
            request.scope,
            request.focus,
            other_specialisms=everything,
        )
        if request.scope is not None:
            roles, note = narrow_to_scope(roles, request.scope, number + 1, knowledge)
            if note.startswith("No "):
                reasons.append(Reason(note, ()))
        routes = _routes(knowledge, upper, request.focus, (), bool(request.focus), request.scope)
        if request.scope is not None:  # the routes' titles, narrowed as the note says
            scope = request.scope
            routes = tuple(
                replace(r, roles=narrow_to_scope(r.roles, scope, number + 1, knowledge)[0])
                for r in routes
            )
        next_step = NextStep(
            level=upper,
            roles=roles,
            **gap_fields(gaps(knowledge, upper, (), request.focus, None, routes)),
            take_on=take_on(knowledge, upper, ()),
            routes=routes,
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
    """Every level with its titles, lowest first."""
    from pmo_advisor.listings import Ladder, Rung

    return Ladder(
        tuple(
            Rung(lv, order_titles(knowledge, knowledge.titles_at(lv.number), None, ()))
            for lv in knowledge.levels
        )
    )


def _routes(
    knowledge: Knowledge,
    upper: Level,
    focus: Sequence[str],
    done: Iterable[str],
    specialist_first: bool,
    scope: Scope | None,
) -> tuple[Route, ...]:
    """The two ways into the level above: deepening a specialism (only for someone with
    a focus) and PMO management, in the order that suits the person."""
    if upper.routes is None:
        return ()
    wanted = set(focus)
    done_ids = set(done)
    titles = knowledge.titles_at(upper.number)
    todo = [a for a in knowledge.activities_at(upper.number) if a.id not in done_ids]
    management = Route(
        kind="management",
        summary=upper.routes.management,
        roles=order_titles(knowledge, [t for t in titles if not t.is_specialist], scope, (), False),
        take_on=tuple(
            a.id
            for a in todo
            if a.track == "management"
            or (a.track == "specialist" and a.focus is not None and a.focus not in wanted)
        ),
    )
    if not wanted:
        return (management,)
    specialist = Route(
        kind="specialist",
        summary=upper.routes.specialist,
        roles=tuple(t for t in titles if t.is_specialist and wanted.intersection(t.focus)),
        take_on=tuple(
            a.id for a in todo if a.track == "specialist" and (a.focus is None or a.focus in wanted)
        ),
        focus=tuple(f for f in knowledge.focus_ids if f in wanted),
    )
    return (specialist, management) if specialist_first else (management, specialist)
