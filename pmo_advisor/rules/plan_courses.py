"""Which courses a development plan recommends, and the rules each choice rests on.

The plan's steps (:mod:`pmo_advisor.rules.plan`) say what they want (the certificate of a
level, depth in a focus area, a course for work to take on); this module picks the
course: one of competing schemes for the person's market, none they hold or have
retired, none they cannot sit yet (that goes to *later*), and never one twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pmo_advisor.knowledge import Activity, Course, Knowledge
from pmo_advisor.knowledge.plan_records import Choice
from pmo_advisor.model import PlanCourse
from pmo_advisor.rules.wording import join


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
class PlanDraft:
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


def later_room(build: PlanDraft) -> bool:
    """Whether *later* may take another course: it counts towards the plan's limit of
    distinct courses like any other step."""
    limits = build.knowledge.plan.limits
    return len(build.later) < limits.later_courses and build.count < limits.courses


def take_courses(
    build: PlanDraft, wants: Sequence[PlanCourse | None], limit: int, heavy: int | None = None
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
            if course.course_id not in {c.course_id for c in build.later} and later_room(build):
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


def core_course(build: PlanDraft, number: int, why: str) -> PlanCourse | None:
    """The course that certifies a level's core role: its choice (plan.yaml), or its
    core course where the level has no choice."""
    knowledge = build.knowledge
    choice_id = next((c.choice for c in knowledge.plan.level_choices if c.level == number), None)
    if choice_id is not None:
        return choice_course(build, choice_id, why)
    core = [c for c in knowledge.recommendable_at(number) if c.core]
    return next((p for p in (single_course(build, c.id, why) for c in core) if p), None)


def focus_course(
    build: PlanDraft, number: int, focus_id: str, *, reach: bool = False
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
    course: Course, focus_id: str, number: int, build: PlanDraft
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


def gap_course(
    build: PlanDraft,
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
        for c in knowledge.recommendable_at(number)
        if not c.core
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


def _recommend(build: PlanDraft, course_id: str, why: str, number: int) -> PlanCourse | None:
    """A course as a plan item; one of competing schemes is recommended as its choice:
    the member for the person's market, with the others named."""
    choice = _choice_of(course_id, build.knowledge)
    if choice is not None:
        return choice_course(build, choice.id, why, number=number)
    return single_course(build, course_id, why)


def choice_course(
    build: PlanDraft,
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
    chosen = single_course(build, pick.id, text)
    if chosen is None:
        return None
    build.used.update(others)
    return replace(chosen, alternatives=others)


def _preference(
    course: Course, choice: Choice, build: PlanDraft, number: int | None
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


def single_course(build: PlanDraft, course_id: str, why: str) -> PlanCourse | None:
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


def _eligible(course: Course, build: PlanDraft) -> bool:
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


def _missing_prerequisites(course: Course, build: PlanDraft) -> tuple[str, ...]:
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


def _market_prefers(build: PlanDraft) -> tuple[str, ...]:
    market_id = build.person.market
    if market_id is None:
        return ()
    return build.knowledge.market(market_id).prefers


def _preferred_by_market(course: Course, build: PlanDraft) -> int | None:
    """Where the course's owner stands among the owners the market's employers ask for
    (0: asked for most), or None."""
    prefers = _market_prefers(build)
    owner = course.owner or course.awarding_body
    return prefers.index(owner) if owner in prefers else None
