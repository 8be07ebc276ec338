"""How an advert fits a person: each demand met, partly met or not, from the person's
answers; the fit overall, from the two levels; and for each gap what the person's own
plan (the plan ``assess`` gives them) says to do about it.

A demand is met as a careers adviser counts it: years at least those asked (partly: a
year short, two where ten or more are asked); people reporting at least as many
(partly: some); a scope as wide (partly: one step narrower); the work itself, or work
that contains it (``fit.contains`` in advert_phrases.yaml; partly: support work for
someone whose work is above it, a team with nobody ticked as managing it, or
``fit.partly``); a qualification held, counted as held, outranked by one held, one the
advert accepts instead or a competing scheme's equivalent (partly: a lower step on its
ladder, such as a Foundation for its Practitioner); delivery experience of the kind
asked (programmes meet projects; partly: projects for programmes).

Overall, the first that applies: not a fit (no PMO job with required demands unmet
beyond two, two or more levels up, or one level up with the years not met); a step back
(below the person's level); a stretch (one level up, or their level with two or more
required demands not met); a good fit. A person only just at a level (borderline with
the level below) counts at the level below. Desirable demands never change the fit.
"""

from __future__ import annotations

from collections.abc import Sequence

from pmo_advisor.adverts.model import Demand, DemandFit, Fit, GapCourse, Overall, Verdict
from pmo_advisor.answers import Answers
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.model import Advice, PlanCourse
from pmo_advisor.prose import number as shown_number
from pmo_advisor.rules.courses import held_closure
from pmo_advisor.rules.wording import people

#: The share of the years asked for that counts as partly meeting them.
PARTLY_YEARS = 0.6
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def fit_of(
    demands: Sequence[Demand],
    advert_level: int | None,
    pmo_job: bool,
    advice: Advice,
    knowledge: Knowledge,
    *,
    delivery_role: bool = False,
) -> Fit:
    """How the advert's demands and level fit the person ``advice`` assesses;
    ``delivery_role``: the advert is for a delivery role, weighed on its demands alone."""
    fits = tuple(
        _with_gap_actions(weigh(d, advice, knowledge), d, advice, knowledge) for d in demands
    )
    met = sum(f.verdict == "met" for f in fits)
    partly = sum(f.verdict == "partly" for f in fits)
    level = person_level(advice)
    overall, summary = overall_fit(advert_level, pmo_job, level, fits, delivery_role=delivery_role)
    plan_market = advice.plan.market if advice.plan is not None else None
    return Fit(
        overall=overall,
        summary=summary,
        person_level=level,
        demands=fits,
        met=met,
        partly=partly,
        not_met=len(fits) - met - partly,
        market=plan_market,
    )


def person_level(advice: Advice) -> int:
    """The level a person counts at for a fit: their level, or the one below where they
    are only just at it (borderline with the level below), still reaching for it."""
    number = advice.level.number
    return number - 1 if advice.borderline_with == number - 1 else number


def overall_fit(
    advert: int | None,
    pmo_job: bool,
    person: int,
    fits: Sequence[DemandFit],
    *,
    delivery_role: bool = False,
) -> tuple[Overall, str]:
    """The fit overall, and the phrase that says it. A job that is neither a PMO job nor
    a delivery role is another profession's: never a fit."""
    missing = sum(f.verdict == "not met" and f.required for f in fits)
    partly = sum(f.verdict == "partly" for f in fits)
    years_short = any(f.kind == "years" and f.verdict == "not met" and f.required for f in fits)
    gaps = f"{_count(missing)} required {'demand' if missing == 1 else 'demands'} not met"
    if missing == 0:
        gaps = "every required demand met" + (f", {_count(partly)} partly" if partly else "")
    if not pmo_job and not delivery_role:
        return "not a fit", f"not a fit: another profession's job, {gaps}"
    if not pmo_job or advert is None:
        if missing == 0:
            return "good fit", f"good fit: not a PMO job, but {gaps}"
        if missing <= 2:
            return "a stretch", f"a stretch: not a PMO job, {gaps}"
        return "not a fit", f"not a fit: not a PMO job, {gaps}"
    step = advert - person
    if step >= 2:
        return "not a fit", f"not a fit: {_count(step)} levels up, {gaps}"
    if step == 1 and years_short:
        return "not a fit", f"not a fit: one level up without the years asked, {gaps}"
    if step < 0:
        down = f"{_count(-step)} level{'s' if step < -1 else ''} down"
        return "a step back", f"a step back: {down}, {gaps}"
    if step == 1:
        return "a stretch", f"a stretch: one level up, {gaps}"
    if missing >= 2:
        return "a stretch", f"a stretch: your level, but {gaps}"
    return "good fit", f"good fit: your level, {gaps}"


def _count(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def weigh(demand: Demand, advice: Advice, knowledge: Knowledge) -> DemandFit:
    """Whether the person ``advice`` assesses meets one demand, and why."""
    answers = advice.answers
    assert answers is not None  # an assessment carries its answers
    verdict: Verdict
    value = demand.value
    if demand.kind == "years":
        verdict, why = _years(float(value), answers.years, knowledge)
    elif demand.kind == "team_size":
        verdict, why = _team(int(value), answers)
    elif demand.kind == "scope":
        ids = knowledge.scope_ids
        step = ids.index(answers.scope) - ids.index(str(value))
        verdict = "met" if step >= 0 else "partly" if step == -1 else "not met"
        why = f"asks for {value} scope; yours is {answers.scope}"
    elif demand.kind == "activity":
        verdict, why = _activity(str(value), answers, knowledge)
    elif demand.kind == "qualification":
        verdict, why = _qualification(demand, answers, knowledge)
    else:
        verdict, why = _delivery(str(value), answers)
    return DemandFit(demand.kind, value, demand.quote, demand.required, verdict, why)


def _years(asked: float, have: float, knowledge: Knowledge) -> tuple[Verdict, str]:
    margin = knowledge.advert_phrases.fit.years
    allowed = margin.long_short_by if asked >= margin.long_from else margin.short_by
    verdict: Verdict = (
        "met" if have >= asked else "partly" if have >= asked - allowed else "not met"
    )
    return verdict, f"asks for {shown_number(asked)} years; you have {shown_number(have)}"


def _team(asked: int, answers: Answers) -> tuple[Verdict, str]:
    if asked == 0:
        return "met", "nobody reports to the job"
    team = answers.team_size if answers.team_size_given else None
    manages = "manage-pmo-team" in answers.activities
    if team is not None and team >= asked:
        return "met", f"asks for {people(asked)} reporting; you have {team}"
    if (team is not None and team >= 1) or (team is None and manages):
        said = f"{team}" if team is not None else "a team (how many not given)"
        return "partly", f"asks for {people(asked)} reporting; you have {said}"
    return "not met", f"asks for {people(asked)} reporting; you have none given"


def _activity(activity_id: str, answers: Answers, knowledge: Knowledge) -> tuple[Verdict, str]:
    asked = knowledge.activity(activity_id)
    rules = knowledge.advert_phrases.fit
    done = set(answers.activities)
    if activity_id in done:
        return "met", f"you already {asked.does}"
    containing = [r.activity for r in rules.contains if r.contains == activity_id]
    if done.intersection(containing):
        return "met", f"your work includes it: {asked.does}"
    top = max(knowledge.activity(a).level for a in done)
    if asked.level == 1 and top > 1:
        return "partly", f"support work, below your own: {asked.does}"
    team = answers.team_size if answers.team_size_given else 0
    if activity_id == knowledge.advert_phrases.team.activity and team >= 1:
        return "partly", "people report to you, though you did not say you manage a team"
    if any(r.asked == activity_id and r.done in done for r in rules.partly):
        return "partly", f"you do part of it: {asked.does}"
    return "not met", f"you do not yet {asked.does}"


def _qualification(demand: Demand, answers: Answers, knowledge: Knowledge) -> tuple[Verdict, str]:
    wanted = [str(demand.value), *demand.any_of]
    name = knowledge.course(str(demand.value)).name
    held = held_closure(answers.qualifications, knowledge)
    outranked = _outranked(answers.qualifications, knowledge)
    for asked in wanted:
        if asked in held or asked in outranked:
            return "met", f"you hold {knowledge.course(asked).name}, or one that counts as it"
        for choice in knowledge.plan.choices:
            if asked in choice.members:
                other = next((m for m in choice.members if m in held), None)
                if other is not None:
                    return "met", f"you hold {knowledge.course(other).name}, its equivalent"
    for asked in wanted:
        below = _below(asked, knowledge)
        lower = sorted(c for c in below if c in held)
        if lower:
            return "partly", f"you hold a step below it, {knowledge.course(lower[0]).name}"
    return "not met", f"you do not hold {name}"


def _outranked(held: Sequence[str], knowledge: Knowledge) -> set[str]:
    """The courses below those held on their ladders (``outranks``), followed down."""
    found: set[str] = set()
    stack = [c for h in held for c in knowledge.course(h).outranks]
    while stack:
        course = stack.pop()
        if course not in found:
            found.add(course)
            stack += knowledge.course(course).outranks
    return found


def _below(course_id: str, knowledge: Knowledge) -> set[str]:
    """The steps below a course on its ladder: its prerequisites, what it outranks and
    what those count as, followed down ("ChPP": PPQ, PMQ, PFQ)."""
    found: set[str] = set()
    first = knowledge.course(course_id)
    stack = [*first.prerequisites, *first.outranks]
    while stack:
        lower = stack.pop()
        if lower not in found:
            found.add(lower)
            course = knowledge.course(lower)
            stack += [*course.prerequisites, *course.outranks, *course.satisfies]
    return found


def _delivery(background: str, answers: Answers) -> tuple[Verdict, str]:
    if background in answers.delivery:
        return "met", "you have this delivery experience"
    if background == "projects" and "programmes" in answers.delivery:
        return "met", "you have managed programmes, which includes projects"
    if background == "programmes" and "projects" in answers.delivery:
        return "partly", "you have managed projects, not programmes"
    return "not met", "you do not have this delivery experience"


def _with_gap_actions(
    fit: DemandFit, demand: Demand, advice: Advice, knowledge: Knowledge
) -> DemandFit:
    """A gap with what the person's plan says to do about it."""
    if fit.verdict == "met" or advice.plan is None:
        return fit
    from dataclasses import replace

    plan = advice.plan
    actions = [a.text for step in plan.steps for a in step.actions]
    courses = [c for step in plan.steps for c in step.courses]
    chosen_actions: list[str] = []
    chosen_courses: list[PlanCourse] = []
    if demand.kind == "qualification":
        wanted = {str(demand.value), *demand.any_of}
        for choice in knowledge.plan.choices:
            if wanted & set(choice.members):
                wanted |= set(choice.members)
        chosen_courses = [
            c for c in courses if c.course_id in wanted or wanted & set(c.alternatives)
        ]
        if not chosen_courses:
            chosen_actions.append(
                f"{knowledge.course(str(demand.value)).name} is not in your plan, which"
                " follows another route or level: ask whether experience would do instead."
            )
    elif demand.kind == "activity":
        activity = knowledge.activity(str(demand.value))
        words = [w for w in (activity.name, activity.does) if w]
        chosen_actions = [a for a in actions if any(w.lower() in a.lower() for w in words)]
        if activity.focus is not None:
            chosen_courses = [
                c for c in courses if activity.focus in knowledge.course(c.course_id).focus
            ]
        if not chosen_actions:
            chosen_actions.append(f"Take on this work where you are now: {activity.does}.")
    elif demand.kind == "team_size":
        chosen_actions = [a for a in actions if "team" in a.lower() or "people" in a.lower()]
        chosen_actions = chosen_actions or [
            "Take on people to lead: a placement, a deputy or a project team."
        ]
    elif demand.kind == "years":
        chosen_actions = [
            a for a in actions if "evidence" in a.lower() or "experience" in a.lower()
        ]
        chosen_actions = chosen_actions or [
            "Years come only with time: show depth instead, with results you can name."
        ]
    elif demand.kind == "scope":
        chosen_actions = [a for a in actions if str(demand.value) in a.lower()]
        chosen_actions = chosen_actions or [
            f"Ask to support work at {demand.value} scope: a programme board, a portfolio review."
        ]
    else:
        chosen_actions = [a for a in actions if "project" in a.lower() and "manag" in a.lower()]
        chosen_actions = chosen_actions or [
            "Manage a small project yourself, end to end, to show delivery experience."
        ]
    return replace(
        fit,
        actions=tuple(dict.fromkeys(chosen_actions))[:3],
        courses=tuple(
            GapCourse(c.course_id, c.name, c.why, c.ready, c.condition)
            for c in dict.fromkeys(chosen_courses)
        )[:3],
    )
