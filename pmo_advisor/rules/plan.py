"""A person's development plan: a few actions and courses, ranked, in three steps.

Where the full advice lists every course that could help, a plan is what a career coach
hands over: *now* (the next six to twelve months: work to take on and at most two
courses), *next* (towards the next role) and *later* (what the person cannot sit yet,
with the condition). The choices come from the data:

- **one of a kind**: competing schemes that certify the same role are one choice
  (plan.yaml's ``choices``); the plan recommends the member the person's market prefers,
  else the one usual where they work, else the international default, and names the
  others as alternatives;
- **relevance**: a course deepens a focus area when that area is its ``primary_focus``;
  other focus areas it touches count only where nothing is mainly about the area, and a
  course tied to ``contexts`` (Primavera P6 in engineering) only where the person works
  there;
- **ladders**: a credential held retires every lower one on its ladder (``outranks``)
  and the other members of its choice;
- **eligibility**: a course whose ``entry`` requirement the person does not meet is
  never *now*; it is *later*, with the condition in words.

This module shapes the steps and their actions; which course fills each of a step's
wants is :mod:`pmo_advisor.rules.plan_courses`'s job.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TypeVar, cast

from pmo_advisor.knowledge import Activity, Knowledge, Title
from pmo_advisor.model import NextStep, Plan, PlanAction, PlanCourse, PlanStep, Route
from pmo_advisor.prose import capitalise
from pmo_advisor.rules.courses import held_closure, retired_by, themes_of
from pmo_advisor.rules.plan_courses import (
    Person,
    PlanDraft,
    choice_course,
    core_course,
    focus_course,
    gap_course,
    later_room,
    single_course,
    take_courses,
)
from pmo_advisor.rules.wording import join, people


def make_plan(
    person: Person,
    knowledge: Knowledge,
    titles: Sequence[Title],
    next_step: NextStep | None,
) -> Plan:
    """The plan for a person placed at ``person.level``: titles to apply for now, and
    the now, next and later steps along the first of ``next_step``'s routes."""
    limits = knowledge.plan.limits
    counted = frozenset(held_closure(person.held, knowledge))
    themes = themes_of(counted, person.title, knowledge)
    build = PlanDraft(
        knowledge,
        person,
        retired=frozenset(retired_by(person.held, knowledge)),
        counted=counted,
        contexts=contexts_of(person.title, counted, themes, knowledge),
        themes=themes,
    )
    route = next_step.routes[0] if next_step is not None and next_step.routes else None
    titles_now = titles_that_fit(titles, person.years, knowledge)[: limits.titles_now]
    next_roles = _next_roles(next_step, person.years, knowledge, titles_now)
    steps = [_now_step(build, route, next_step)]
    if next_step is not None:
        first_roles = next_roles[0][1] if next_roles else next_step.roles
        steps.append(_next_step(build, route, next_step, _role_text(first_roles, next_step)))
    later = _later_courses(build)
    if later:
        steps.append(PlanStep("later", None, (), tuple(later)))
    return Plan(
        titles_now=_shared(titles_now),
        steps=_shared(tuple(_shared_step(step) for step in steps)),
        route=None if route is None else route.kind,
        next_roles=_shared(next_roles),
        market=person.market,
        market_note=_market_note(person, knowledge),
    )


_Part = TypeVar("_Part")


def _shared(part: _Part) -> _Part:
    """The one kept copy of an equal (frozen, so shareable) plan part."""
    return cast(_Part, _kept(part))


#: Plan parts already made, each kept once: a team of many people holds thousands of
#: plans made of the same few steps and courses, and sharing them keeps its memory near
#: that of its distinct parts. The bound is far above the distinct parts of a real team
#: (a few thousand) and keeps a stream of all-different people from growing it for ever.
@functools.lru_cache(maxsize=50_000)
def _kept(part: object) -> object:
    return part  # the cache keys on the part's value and hands back the first one seen


def _shared_step(step: PlanStep) -> PlanStep:
    return _shared(
        PlanStep(
            step.when,
            step.role,
            tuple(_shared(a) for a in step.actions),
            tuple(_shared(c) for c in step.courses),
        )
    )


# --- titles ---------------------------------------------------------------------------


def titles_that_fit(
    titles: Iterable[Title], years: float, knowledge: Knowledge
) -> tuple[Title, ...]:
    """The titles whose words fit the person's experience (plan.yaml's ``title_fit``):
    no trainee titles after years in post, no head-of titles after months."""
    return tuple(t for t in titles if _fits_experience(t, years, knowledge))


def _fits_experience(title: Title, years: float, knowledge: Knowledge) -> bool:
    words = _name_words(title.name)
    for rule in knowledge.plan.title_fit:
        if not words.intersection(rule.words):
            continue
        if rule.below_years is not None and years >= rule.below_years:
            return False
        if rule.from_years is not None and years < rule.from_years:
            return False
    return True


@functools.lru_cache(maxsize=1024)  # the knowledge base's titles: a few hundred names
def _name_words(name: str) -> frozenset[str]:
    """The words of a title's name, as plan.yaml's ``title_fit`` rules name them."""
    return frozenset(re.findall(r"[a-z-]+", name.casefold()))


def _next_roles(
    next_step: NextStep | None, years: float, knowledge: Knowledge, now: Sequence[Title] = ()
) -> tuple[tuple[str, tuple[Title, ...]], ...]:
    """At most a few roles per route one level up: not a title the person could apply
    for now already, and a role whose upper level is further up still (Head of PMO,
    levels 3 or 4) only with the years that level asks for."""
    if next_step is None:
        return ()
    limit = knowledge.plan.limits.next_roles
    upper = next_step.level.number

    def within_reach(title: Title) -> bool:
        top = max(title.levels)
        if title in now:
            return False
        return top <= upper or years >= knowledge.level(top).typical.min_years

    found = []
    for route in next_step.routes:
        roles = tuple(t for t in route.roles if within_reach(t))
        found.append((route.kind, titles_that_fit(roles, years, knowledge)[:limit]))
    return tuple(found)


# --- where a person works -------------------------------------------------------------


def contexts_of(
    title: str | None, counted: Iterable[str], themes: Iterable[str], knowledge: Knowledge
) -> frozenset[str]:
    """The contexts a person works in: named by their title's words, the courses they
    hold or the topics (agile) they work in."""
    words = set(re.findall(r"[a-z0-9]+", (title or "").casefold()))
    held = set(counted)
    topics = set(themes)
    return frozenset(
        c.id
        for c in knowledge.plan.contexts
        if words.intersection(c.words) or held.intersection(c.courses) or topics & set(c.topics)
    )


# --- the steps ------------------------------------------------------------------------


def _now_step(build: PlanDraft, route: Route | None, next_step: NextStep | None) -> PlanStep:
    knowledge, person = build.knowledge, build.person
    limits = knowledge.plan.limits
    level = knowledge.level(person.level)
    actions = _now_actions(build, route, next_step)
    courses: list[PlanCourse] = []
    if not _experience_first(person, knowledge):
        courses = take_courses(build, _now_wants(build, next_step), limits.now_courses, heavy=1)
    role = f"{level.stage}, level {level.number}"
    return PlanStep("now", role, tuple(actions[: limits.now_actions]), tuple(courses))


def _now_wants(build: PlanDraft, next_step: NextStep | None) -> list[PlanCourse | None]:
    """The courses for now, most wanted first: a returner's help with their CV; the
    certificate of their level (not the PMO-running one for a specialist); then depth in
    their specialism, or, for someone who runs a PMO, leading it; and for a specialist
    who leads people, how to lead them. Someone placed on delivery experience gets the
    PMO certificate alone: it covers the PMO work delivery rarely does."""
    knowledge, person = build.knowledge, build.person
    level = knowledge.level(person.level)
    wants: list[PlanCourse | None] = []
    if _is_returner(person.title, knowledge):
        wants += [
            single_course(build, cid, _returner_why()) for cid in knowledge.plan.returner_courses
        ]
    runs_pmos = any(a.track == "management" for a in knowledge.activities_at(person.level))
    upper = None if next_step is None else next_step.level
    seasoned = upper is not None and person.years >= upper.typical.min_years
    # A declared, experienced specialist's next credential is their specialism's (from
    # the level above, if need be), not the generalist certificate of their level.
    declared = person.specialist and person.focus_given and seasoned and person.level > 1
    if not (person.specialist and runs_pmos) and not declared:
        wants.append(
            core_course(build, person.level, f"The certificate for your level, {level.stage}")
        )
    if person.level == 1:
        # What level 1 needs most: a grounding in how projects are run.
        wants.append(choice_course(build, "project-management-foundation", _grounding_why()))
    served: set[str] = set()
    if runs_pmos and not person.specialist and not person.on_delivery:
        wants += _management_wants(build, seasoned)
        served = {
            a.focus
            for a in knowledge.activities_at(person.level)
            if a.track == "management" and a.focus is not None and a.id in person.activities
        }
    if _reads_focus(person):
        for focus_id in (f for f in person.focus if f not in served or not seasoned):
            # Past their level's own credential in the area, the next one is a level up.
            reach = declared and any(
                knowledge.course(c).primary_focus == focus_id
                and person.level in knowledge.course(c).levels
                for c in build.counted
            )
            wants.append(focus_course(build, person.level, focus_id, reach=reach))
    leads = person.team is not None and person.team > 0
    if person.specialist and runs_pmos and leads:
        wants.append(_leadership_course(build))
    return wants


def _management_wants(build: PlanDraft, seasoned: bool) -> list[PlanCourse | None]:
    """For someone who runs PMOs: depth in the part of the level's management work they
    already do that has an area of its own (standards: governance), once they have the
    years the level above asks for; otherwise how to lead their people, or, with nobody
    to lead, how to set up and run a PMO."""
    knowledge, person = build.knowledge, build.person
    own = [a for a in knowledge.activities_at(person.level) if a.track == "management"]
    done = set(person.activities)
    if person.level == len(knowledge.levels):
        # At the top the director's certificate is the plan's course; what else suits
        # is the person's to choose from the full list (--full).
        return []
    areas = dict.fromkeys(a.focus for a in own if a.focus is not None and a.id in done)
    if seasoned and areas:
        return [focus_course(build, person.level, area) for area in areas]
    people_work = [a for a in own if a.manages_people]
    # Someone who has line-managed PMO staff has led people, even between teams.
    has_people = bool(person.team) or any(a.id in done for a in people_work)
    if has_people:
        others = [a for a in own if not a.manages_people]
        return [gap_course(build, person.level, [*people_work, *others], leading=True)]
    running = [a for a in own if not a.manages_people]
    return [gap_course(build, person.level, running)]


def _leadership_course(build: PlanDraft) -> PlanCourse | None:
    """How to lead people, for a specialism's lead (plan.yaml's leadership courses): the
    one for their level, the shortest first; none where the plan teaches it already."""
    knowledge, person = build.knowledge, build.person
    pool = knowledge.plan.leadership_courses
    if build.used.intersection(pool):
        return None
    fitting = [
        knowledge.course(c)
        for c in pool
        if person.level in knowledge.course(c).levels
        and c not in build.retired
        and c not in build.used
    ]
    if not fitting:
        return None
    best = min(fitting, key=lambda c: c.hours or 1000)
    return single_course(build, best.id, "For leading the people in your specialism")


def _reads_focus(person: Person) -> bool:
    """Whether the person's focus says which specialism to deepen: answered, or read
    from a few PMO activities (not from every activity ticked, nor from delivery work)."""
    if person.focus_given:
        return True
    return not person.on_delivery and not person.delivery and 0 < len(person.focus) <= 3


def _next_step(build: PlanDraft, route: Route | None, next_step: NextStep, role: str) -> PlanStep:
    knowledge = build.knowledge
    limits = knowledge.plan.limits
    upper = next_step.level
    wants: list[PlanCourse | None] = []
    if route is not None and route.kind == "specialist":
        # A specialist's way up is depth in the specialism: its courses are the gap.
        wants += [focus_course(build, upper.number, f) for f in route.focus]
    else:
        wants.append(core_course(build, upper.number, f"The certificate for level {upper.number}"))
        take_on = [knowledge.activity(a) for a in (route.take_on if route else next_step.take_on)]
        if any(a.track == "management" for a in take_on):
            # Where the level above is a generalist's (level 2), its certificate covers
            # the range; only PMO management has a gap of its own to prepare for.
            wants.append(gap_course(build, upper.number, take_on))
    if build.person.delivery and upper.number == 3:
        # Someone who has led projects can certify it: PMP is asked for in many markets.
        wants.append(choice_course(build, "project-management-practitioner", _practitioner_why()))
    courses = take_courses(build, wants, limits.next_courses)
    return PlanStep("next", role, (), tuple(courses))


def _later_courses(build: PlanDraft) -> list[PlanCourse]:
    """What the person cannot sit yet, then, for an analyst or manager who has not led
    projects, a practitioner certificate in project management once they have."""
    person = build.person
    between = 1 < person.level < build.knowledge.top_level  # neither new nor at the top
    if between and not person.delivery and later_room(build):
        extra = choice_course(
            build, "project-management-practitioner", _practitioner_why(), any_background=True
        )
        if extra is not None:
            course = build.knowledge.course(extra.course_id)
            condition = extra.condition or (
                course.entry.condition.strip() if course.entry is not None else None
            )
            if condition is None:
                # No entry requirement (PRINCE2, APM PMQ): it means most with a project
                # of one's own behind it.
                condition = "have run a project of your own, when the method means most"
            build.later.append(replace(extra, ready=False, condition=condition))
            build.count += 1
    return build.later


# --- what the answers call for -------------------------------------------------------


def _market_note(person: Person, knowledge: Knowledge) -> str | None:
    if person.market is None:
        return "Schemes are the international default: --market picks those your country asks for."
    return None


def _experience_first(person: Person, knowledge: Knowledge) -> bool:
    """Many certificates, or certificates above the person's level, with little
    experience: the next step is work, not another course."""
    rule = knowledge.plan.experience_first
    if person.years >= rule.below_years:
        return False
    above = any(min(knowledge.course(c).levels) > person.level for c in person.held)
    return len(set(person.held)) >= rule.held or above


def _is_returner(title: str | None, knowledge: Knowledge) -> bool:
    words = set(re.findall(r"[a-z]+", (title or "").casefold()))
    return bool(words.intersection(knowledge.plan.returner_words))


def _returner_why() -> str:
    return "Puts your experience into words employers read, after your break"


def _grounding_why() -> str:
    return "A grounding in how projects are run, which level 1 work rests on"


def _practitioner_why() -> str:
    return "A practitioner certificate in project management, for the delivery side of PMO work"


# --- actions --------------------------------------------------------------------------


def _now_actions(
    build: PlanDraft, route: Route | None, next_step: NextStep | None
) -> list[PlanAction]:
    knowledge, person = build.knowledge, build.person
    actions: list[PlanAction] = []
    if _experience_first(person, knowledge):
        actions.append(PlanAction(knowledge.plan.experience_first.action.strip()))
    if _is_returner(person.title, knowledge) and knowledge.plan.returner_action:
        actions.append(PlanAction(knowledge.plan.returner_action.strip()))
    if person.reaching is not None and person.confirm:
        actions.append(
            PlanAction(f"Build the evidence for level {person.reaching}: {person.confirm}.")
        )
    done = set(person.activities)
    if person.on_delivery:
        # Placed on delivery experience: the PMO work of their own level comes first.
        gap = [
            a
            for a in knowledge.activities_at(person.level)
            if a.track == "management" and a.id not in done
        ]
        if gap:
            names = join((a.name or a.id for a in gap), word="and")
            actions.append(
                PlanAction(
                    f"Close your PMO gap at level {person.level}: {names}, the work of"
                    " running PMO services that delivery rarely covers."
                )
            )
    if next_step is None:
        track = "specialist" if person.specialist else "management"
        todo = [
            a
            for a in knowledge.activities_at(person.level)
            if a.id not in done and a.track == track
        ]
        actions += [PlanAction(f"{capitalise(a.does)}.") for a in todo[:2]]
        if not todo:
            level = knowledge.level(person.level)
            actions.append(PlanAction(f"Keep developing: {level.skills[-1].lower()}."))
        return actions
    take_on = route.take_on if route is not None else next_step.take_on
    activities = [knowledge.activity(a) for a in take_on]
    wanted = set(person.focus)
    # Work in the person's own focus first; another specialism is a sideways step.
    activities.sort(key=lambda a: a.focus is not None and a.focus not in wanted)
    upper = next_step.level
    if person.level == 1:
        # At the start, the level's own work before the level above.
        own = [a for a in knowledge.activities_at(1) if a.id not in done]
        actions += [_take_on(a, 1, build) for a in own[:1]]
    if not person.on_delivery:
        room = 3 - len(actions) - (1 if (person.team or 0) < upper.typical.min_team else 0)
        actions += [_take_on(a, upper.number, build) for a in activities[: max(room, 1)]]
    typical = upper.typical
    team = person.team or 0
    if team < typical.min_team:
        if team == 0:
            text = (
                f"Lead people: level {upper.number} roles usually have someone reporting to"
                " them; start by coaching a colleague."
                if typical.min_team == 1
                else f"Lead people: level {upper.number} roles usually have at least"
                f" {people(typical.min_team)} reporting to them."
            )
        else:
            text = (
                f"Grow your team: level {upper.number} roles usually have at least"
                f" {people(typical.min_team)} reporting to them; you have {team}."
            )
        actions.append(PlanAction(text))
    return actions


def _take_on(activity: Activity, number: int, build: PlanDraft) -> PlanAction:
    """Work of the level above to take on, in a line: leading "a specialism" names the
    person's own."""
    knowledge, person = build.knowledge, build.person
    text = activity.name or activity.does
    if activity.track == "specialist" and activity.focus is None and person.focus:
        areas = join((knowledge.focus_area(f).name.lower() for f in person.focus), word="or")
        text = f"{text} ({areas})"
    return PlanAction(f"Take on level {number} work: {text}.")


def _role_text(roles: Sequence[Title], next_step: NextStep) -> str:
    level = next_step.level
    names = [t.name for t in roles[:2]]
    if not names:
        return f"{level.stage}, level {level.number}"
    return f"{join(names, word='or')} (level {level.number})"
