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
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar, cast

from pmo_advisor.knowledge import Activity, Course, Knowledge, Title
from pmo_advisor.knowledge.records import Choice
from pmo_advisor.model import NextStep, Plan, PlanAction, PlanCourse, PlanStep, Route
from pmo_advisor.rules.courses import held_closure, retired_by, themes_of
from pmo_advisor.rules.wording import join, people
from pmo_advisor.text import capitalise


@dataclass(frozen=True)
class Person:
    """What the plan reads about a person, beside the knowledge base."""

    level: int
    years: float
    #: None when team_size was not answered.
    team: int | None
    focus: tuple[str, ...]
    activities: tuple[str, ...]
    held: tuple[str, ...]
    delivery: tuple[str, ...]
    title: str | None
    market: str | None
    #: Whether the focus was answered, rather than read from the activities.
    focus_given: bool = False
    #: Whether the person is on a specialism's track (see advice.is_specialist).
    specialist: bool = False
    #: Whether the level rests on delivery experience rather than PMO work: their
    #: activities then say little about the PMO specialism they would grow.
    on_delivery: bool = False
    #: The level the responsibilities reach, when the rest does not confirm it.
    reaching: int | None = None
    #: What would confirm the level reached for, in words ("people reporting to you").
    confirm: str | None = None


@dataclass
class _Builder:
    """The plan as it is assembled: what is placed, retired and still allowed."""

    knowledge: Knowledge
    person: Person
    retired: frozenset[str]
    counted: frozenset[str]
    contexts: frozenset[str]
    themes: frozenset[str]
    #: Courses placed in the plan, alternatives included, so none appears twice.
    used: set[str] = field(default_factory=set)
    #: Distinct courses recommended (alternatives do not count).
    count: int = 0
    #: Courses the plan recommends so far, in earlier steps: they count as taken.
    planned: set[str] = field(default_factory=set)
    later: list[PlanCourse] = field(default_factory=list)


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
    build = _Builder(
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
    words = set(re.findall(r"[a-z-]+", title.name.casefold()))
    for rule in knowledge.plan.title_fit:
        if not words.intersection(rule.words):
            continue
        if rule.below_years is not None and years >= rule.below_years:
            return False
        if rule.from_years is not None and years < rule.from_years:
            return False
    return True


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


def _now_step(build: _Builder, route: Route | None, next_step: NextStep | None) -> PlanStep:
    knowledge, person = build.knowledge, build.person
    limits = knowledge.plan.limits
    level = knowledge.level(person.level)
    actions = _now_actions(build, route, next_step)
    courses: list[PlanCourse] = []
    if not _experience_first(person, knowledge):
        courses = _take(build, _now_wants(build, next_step), limits.now_courses, heavy=1)
    role = f"{level.stage}, level {level.number}"
    return PlanStep("now", role, tuple(actions[: limits.now_actions]), tuple(courses))


def _now_wants(build: _Builder, next_step: NextStep | None) -> list[PlanCourse | None]:
    """The courses for now, most wanted first: a returner's help with their CV; the
    certificate of their level (not the PMO-running one for a specialist); then depth in
    their specialism, or, for someone who runs a PMO, leading it; and for a specialist
    who leads people, how to lead them. Someone placed on delivery experience gets the
    PMO certificate alone: it covers the PMO work delivery rarely does."""
    knowledge, person = build.knowledge, build.person
    level = knowledge.level(person.level)
    wants: list[PlanCourse | None] = []
    if _is_returner(person.title, knowledge):
        wants += [_single(build, cid, _returner_why()) for cid in knowledge.plan.returner_courses]
    runs_pmos = any(a.track == "management" for a in knowledge.activities_at(person.level))
    upper = None if next_step is None else next_step.level
    seasoned = upper is not None and person.years >= upper.typical.min_years
    # A declared, experienced specialist's next credential is their specialism's (from
    # the level above, if need be), not the generalist certificate of their level.
    declared = person.specialist and person.focus_given and seasoned and person.level > 1
    if not (person.specialist and runs_pmos) and not declared:
        wants.append(_core(build, person.level, f"The certificate for your level, {level.stage}"))
    if person.level == 1:
        # What level 1 needs most: a grounding in how projects are run.
        wants.append(_choice_course(build, "project-management-foundation", _grounding_why()))
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
            wants.append(_focus_course(build, person.level, focus_id, reach=reach))
    leads = person.team is not None and person.team > 0
    if person.specialist and runs_pmos and leads:
        wants.append(_leadership_course(build))
    return wants


def _management_wants(build: _Builder, seasoned: bool) -> list[PlanCourse | None]:
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
        return [_focus_course(build, person.level, area) for area in areas]
    people_work = [a for a in own if a.manages_people]
    # Someone who has line-managed PMO staff has led people, even between teams.
    has_people = bool(person.team) or any(a.id in done for a in people_work)
    if has_people:
        others = [a for a in own if not a.manages_people]
        return [_gap_course(build, person.level, [*people_work, *others], leading=True)]
    running = [a for a in own if not a.manages_people]
    return [_gap_course(build, person.level, running)]


def _leadership_course(build: _Builder) -> PlanCourse | None:
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
    return _single(build, best.id, "For leading the people in your specialism")


def _reads_focus(person: Person) -> bool:
    """Whether the person's focus says which specialism to deepen: answered, or read
    from a few PMO activities (not from every activity ticked, nor from delivery work)."""
    if person.focus_given:
        return True
    return not person.on_delivery and not person.delivery and 0 < len(person.focus) <= 3


def _next_step(build: _Builder, route: Route | None, next_step: NextStep, role: str) -> PlanStep:
    knowledge = build.knowledge
    limits = knowledge.plan.limits
    upper = next_step.level
    wants: list[PlanCourse | None] = []
    if route is not None and route.kind == "specialist":
        # A specialist's way up is depth in the specialism: its courses are the gap.
        wants += [_focus_course(build, upper.number, f) for f in route.focus]
    else:
        wants.append(_core(build, upper.number, f"The certificate for level {upper.number}"))
        take_on = [knowledge.activity(a) for a in (route.take_on if route else next_step.take_on)]
        if any(a.track == "management" for a in take_on):
            # Where the level above is a generalist's (level 2), its certificate covers
            # the range; only PMO management has a gap of its own to prepare for.
            wants.append(_gap_course(build, upper.number, take_on))
    if build.person.delivery and upper.number == 3:
        # Someone who has led projects can certify it: PMP is asked for in many markets.
        wants.append(_choice_course(build, "project-management-practitioner", _practitioner_why()))
    courses = _take(build, wants, limits.next_courses)
    return PlanStep("next", role, (), tuple(courses))


def _later_courses(build: _Builder) -> list[PlanCourse]:
    """What the person cannot sit yet, then, for an analyst or manager who has not led
    projects, a practitioner certificate in project management once they have."""
    person = build.person
    if person.level in (2, 3) and not person.delivery and _later_room(build):
        extra = _choice_course(
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


def _later_room(build: _Builder) -> bool:
    """Whether *later* may take another course: it counts towards the plan's limit of
    distinct courses like any other step."""
    limits = build.knowledge.plan.limits
    return len(build.later) < limits.later_courses and build.count < limits.courses


def _take(
    build: _Builder, wants: Sequence[PlanCourse | None], limit: int, heavy: int | None = None
) -> list[PlanCourse]:
    """The first ``limit`` ready courses wanted, in order; the rest that are not ready
    go to *later* while it has room. Each counts towards the plan's limit of distinct
    courses. With ``heavy``, at most that many professional credentials (courses with
    an entry requirement, whose exams take months of study) are taken at once."""
    taken: list[PlanCourse] = []

    def is_heavy(course: PlanCourse) -> bool:
        return build.knowledge.course(course.course_id).entry is not None

    for course in wants:
        if course is None or course.course_id in {c.course_id for c in taken}:
            continue
        if not course.ready:
            if course.course_id not in {c.course_id for c in build.later} and _later_room(build):
                build.later.append(course)
                build.count += 1
            continue
        if len(taken) >= limit or build.count >= build.knowledge.plan.limits.courses:
            continue
        if heavy is not None and is_heavy(course) and sum(map(is_heavy, taken)) >= heavy:
            continue
        taken.append(course)
        build.planned.add(course.course_id)
        build.count += 1
    # Courses wanted but left out may be wanted again by a later step.
    build.used -= {c.course_id for c in wants if c is not None and c not in taken and c.ready}
    build.used |= {c.course_id for c in taken}
    return taken


# --- choosing courses -----------------------------------------------------------------


def _core(build: _Builder, number: int, why: str) -> PlanCourse | None:
    """The course that certifies a level's core role: its choice (plan.yaml), or its
    core course where the level has no choice."""
    knowledge = build.knowledge
    choice_id = next((c.choice for c in knowledge.plan.level_choices if c.level == number), None)
    if choice_id is not None:
        return _choice_course(build, choice_id, why)
    core = [c for c in knowledge.courses if c.core and number in c.levels and c.recommendable]
    return next((p for p in (_single(build, c.id, why) for c in core) if p), None)


def _focus_course(
    build: _Builder, number: int, focus_id: str, *, reach: bool = False
) -> PlanCourse | None:
    """The course most about a focus area at a level: mainly about it first, then, only
    where none is, one that touches it; never one tied to contexts the person is not in.
    With ``reach`` (an experienced specialist), courses of the level above count too."""
    knowledge = build.knowledge
    levels = {number, number + 1} if reach else {number}
    at_level = [
        c
        for c in knowledge.courses
        if levels.intersection(c.levels) and c.recommendable and focus_id in c.focus
    ]
    candidates = [
        c
        for c in at_level
        if c.id not in build.retired
        and c.id not in build.used
        and _context_fits(c, build.contexts)
        and _delivery_fits(c, build.person.delivery)
    ]
    if any(c.primary_focus == focus_id for c in at_level):
        # Where courses are mainly about the area, one that only touches it is no
        # substitute, even when the person holds (or outranks) all the main ones.
        candidates = [c for c in candidates if c.primary_focus == focus_id]
    if not candidates:
        return None
    best = max(candidates, key=lambda c: _relevance(c, focus_id, number, build))
    name = knowledge.focus_area(focus_id).name.lower()
    # A course from the level above (reach) is said to be for that level.
    why = f"Deepens your {name} work at level {max(number, min(best.levels))}"
    return _recommend(build, best.id, why, number)


def _relevance(
    course: Course, focus_id: str, number: int, build: _Builder
) -> tuple[int, int, int, int, int, int]:
    """How apt a course is for a focus area at a level, higher first: mainly about it,
    tied to a context the person works in, on a theme (agile) they work in, with no
    prerequisite still to take, aimed at the level rather than below it, fewest other
    areas."""
    primary = 3 if course.primary_focus == focus_id else 1
    context = 2 if build.contexts.intersection(course.contexts) else 0
    theme = 1 if build.themes.intersection(course.topics) else (-1 if course.topics else 0)
    ready = 0 if _missing_prerequisites(course, build) else 1
    aimed = min(course.levels) - number
    return (primary, context, theme, ready, aimed, -len(course.focus))


def _gap_course(
    build: _Builder,
    number: int,
    take_on: Sequence[Activity],
    *,
    any_focus: bool = False,
    leading: bool = False,
) -> PlanCourse | None:
    """One course that prepares for the most of the work the person would take on; a
    course mainly about another specialism only with ``any_focus`` (leading people is
    taught by coaching courses, whatever the specialism). With ``leading``, the course
    for the first of ``take_on`` comes first, the shortest first, and one the plan has
    covered already (a coaching qualification for a trainer) is not added again."""
    knowledge = build.knowledge
    wanted = {a.id for a in take_on}
    candidates = [
        c
        for c in knowledge.courses
        if number in c.levels
        and c.recommendable
        and not c.core
        and wanted.intersection(c.activities)
        and c.id not in build.retired
        and c.id not in build.used
        and _context_fits(c, build.contexts)
        and _delivery_fits(c, build.person.delivery)
        and (any_focus or c.primary_focus is None or c.primary_focus in build.person.focus)
        and _gap_choice_ok(c.id, knowledge)
        # A course on a theme the person does not work in (agile) is no gap of theirs.
        and build.themes.issuperset(c.topics)
    ]
    if not candidates:
        return None
    if leading:
        first = take_on[0].id
        if build.used.intersection(knowledge.plan.leadership_courses):
            return None
        if take_on[0].manages_people:
            # How to lead people, not how to run a PMO, for a specialism's lead.
            candidates = [
                c
                for c in candidates
                if not any(
                    knowledge.activity(a).track == "management"
                    and not knowledge.activity(a).manages_people
                    for a in c.activities
                )
            ] or candidates
        best = min(candidates, key=lambda c: (first not in c.activities, c.hours or 1000))
        deeper = [c for c in candidates if first in c.activities]
        if build.person.years >= 10 and deeper:
            # Years of leading people: a qualification in it rather than an introduction.
            best = max(deeper, key=lambda c: c.hours or 0)
    else:
        best = max(
            candidates, key=lambda c: (len(wanted.intersection(c.activities)), -len(c.levels))
        )
    activity = next(a for a in take_on if a.id in best.activities)
    why = f"Prepares you to {activity.does}, level {number} work"
    if activity.id in build.person.activities and build.person.team != 0:
        why = f"For how you {activity.does}: the leadership side of the role"
    return _recommend(build, best.id, why, number)


def _recommend(build: _Builder, course_id: str, why: str, number: int) -> PlanCourse | None:
    """A course as a plan item; one of competing schemes is recommended as its choice:
    the member for the person's market, with the others named."""
    choice = _choice_of(course_id, build.knowledge)
    if choice is not None:
        return _choice_course(build, choice.id, why, number=number)
    return _single(build, course_id, why)


def _choice_course(
    build: _Builder,
    choice_id: str,
    why: str,
    *,
    any_background: bool = False,
    number: int | None = None,
) -> PlanCourse | None:
    """The member of a choice recommended to the person, with the others as
    alternatives; None when they hold any member (or something that retires one).
    Members that ask for delivery experience the person lacks are passed over, unless
    ``any_background`` (advice for later, once they have it). With ``number``, a member
    aimed at that level is preferred (AACE PSP for a lead planner, PMI-SP before it)."""
    knowledge = build.knowledge
    choice = next(c for c in knowledge.plan.choices if c.id == choice_id)
    if any(m in build.retired or m in build.used for m in choice.members):
        return None
    members = [knowledge.course(m) for m in choice.members]
    usable = members
    if not any_background:
        usable = [c for c in members if _delivery_fits(c, build.person.delivery)] or members
    pick = min(usable, key=lambda c: _preference(c, choice, build, number))
    others = tuple(m.id for m in members if m.id != pick.id)
    text = why
    if build.person.market is not None and _preferred_by_market(pick, build) is not None:
        text += "; employers in your market ask for it"
    chosen = _single(build, pick.id, text)
    if chosen is None:
        return None
    build.used.update(others)
    return replace(chosen, alternatives=others)


def _preference(
    course: Course, choice: Choice, build: _Builder, number: int | None
) -> tuple[int, int, int, int, int, int]:
    """Lower first: a course the person can sit now, aimed at the level asked for,
    preferred by their market, with no prerequisite still to take, usual where they
    work, the international default."""
    ready = 0 if _eligible(course, build) else 1
    aimed = 0 if number is None else abs(min(course.levels) - number)
    needs = 1 if _missing_prerequisites(course, build) else 0
    market = _preferred_by_market(course, build)
    in_context = 0 if any(choice.by_context.get(c) == course.id for c in build.contexts) else 1
    default = 0 if course.id == choice.default else 1
    return (ready, aimed, 99 if market is None else market, needs, in_context, default)


def _single(build: _Builder, course_id: str, why: str) -> PlanCourse | None:
    """One course as a plan item, or None where it is held, retired or placed already."""
    if course_id in build.retired or course_id in build.used:
        return None
    course = build.knowledge.course(course_id)
    build.used.add(course_id)
    ready = _eligible(course, build)
    condition = None if ready or course.entry is None else course.entry.condition.strip()
    sentence = why if why.endswith(".") else why + "."
    missing = _missing_prerequisites(course, build)
    if missing:
        names = join((build.knowledge.course(m).name for m in missing), word="and")
        sentence += f" Take {names} first."
    return PlanCourse(
        course_id=course.id,
        name=course.name,
        why=sentence,
        ready=ready,
        condition=condition,
        owner=course.owner or course.awarding_body,
        provider=course.provider,
        kind=course.kind,
        length=course.length,
        hours=course.hours,
        url=course.url,
    )


# --- the rules a choice rests on -------------------------------------------------------


def _eligible(course: Course, build: _Builder) -> bool:
    """Whether the person meets a course's entry requirement (the most favourable
    route's), so that they could sit it now."""
    entry = course.entry
    if entry is None:
        return True
    held = build.counted
    person = build.person
    if entry.years is not None and person.years < entry.years and held.isdisjoint(entry.waived_by):
        return False
    if entry.holds_one_of and held.isdisjoint(entry.holds_one_of):
        return entry.or_level is not None and person.level >= entry.or_level
    return True


def _missing_prerequisites(course: Course, build: _Builder) -> tuple[str, ...]:
    """Prerequisites neither held nor taken earlier in the plan (P3O® Foundation now
    leads to P3O® Practitioner next), unless the entry requirement is met otherwise."""
    at = course.entry_met_at_level
    if (at is not None and build.person.level >= at) or not build.counted.isdisjoint(
        course.entry_met_by
    ):
        return ()
    return tuple(
        p for p in course.prerequisites if p not in build.counted and p not in build.planned
    )


def _context_fits(course: Course, contexts: frozenset[str]) -> bool:
    return not course.contexts or bool(contexts.intersection(course.contexts))


def _delivery_fits(course: Course, delivery: Sequence[str]) -> bool:
    return not course.expects_delivery or bool(set(course.expects_delivery) & set(delivery))


def _gap_choice_ok(course_id: str, knowledge: Knowledge) -> bool:
    """Whether a course may fill a gap: not a member of a choice other than a level's
    own certificate. A project management method is not PMO work to take on; the plan
    names one, where it fits, under *later*."""
    choice = _choice_of(course_id, knowledge)
    return choice is None or choice.id in {c.choice for c in knowledge.plan.level_choices}


def _choice_of(course_id: str, knowledge: Knowledge) -> Choice | None:
    return next((c for c in knowledge.plan.choices if course_id in c.members), None)


def _market_prefers(build: _Builder) -> tuple[str, ...]:
    market_id = build.person.market
    if market_id is None:
        return ()
    return build.knowledge.market(market_id).prefers


def _preferred_by_market(course: Course, build: _Builder) -> int | None:
    """Where the course's owner stands among the owners the market's employers ask for
    (0: asked for most), or None."""
    prefers = _market_prefers(build)
    owner = course.owner or course.awarding_body
    return prefers.index(owner) if owner in prefers else None


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
    build: _Builder, route: Route | None, next_step: NextStep | None
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


def _take_on(activity: Activity, number: int, build: _Builder) -> PlanAction:
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
