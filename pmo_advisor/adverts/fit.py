"""How an advert fits a person: each demand met, partly met or not, from the person's
answers; the fit overall, from the two levels; and for each gap what the person's own
plan (the plan ``assess`` gives them) says to do about it.

A demand is met as a coach would count it: years and people at least those asked for
(partly: most of the years, or some people reporting); a scope as wide (partly: one
step narrower); the work itself, or a more senior piece of the same specialism (partly:
the same specialism, or the same track at the level); a qualification held or counted
as held, or one the advert names as an alternative, or a competing scheme's equivalent
(partly: its first step, such as a Foundation for a Practitioner); delivery experience
of the same kind (partly: projects for programmes, people for delivery staff).
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
) -> Fit:
    """How the advert's demands and level fit the person ``advice`` assesses."""
    answers = advice.answers
    assert answers is not None  # an assessment carries its answers
    held = held_closure(answers.qualifications, knowledge)
    fits = tuple(
        _with_gap_actions(_weigh(d, answers, held, knowledge), d, advice, knowledge)
        for d in demands
    )
    met = sum(f.verdict == "met" for f in fits)
    partly = sum(f.verdict == "partly" for f in fits)
    missing = sum(f.verdict == "not met" and f.required for f in fits)
    overall, summary = _overall(advert_level, pmo_job, advice.level.number, missing, partly)
    plan_market = advice.plan.market if advice.plan is not None else None
    return Fit(
        overall=overall,
        summary=summary,
        person_level=advice.level.number,
        demands=fits,
        met=met,
        partly=partly,
        not_met=len(fits) - met - partly,
        market=plan_market,
    )


def _overall(
    advert: int | None, pmo_job: bool, person: int, missing: int, partly: int
) -> tuple[Overall, str]:
    gaps = f"{_count(missing)} required {'demand' if missing == 1 else 'demands'} not met"
    if missing == 0:
        gaps = "every required demand met" + (f", {_count(partly)} partly" if partly else "")
    if not pmo_job or advert is None:
        return "not a fit", f"not a fit: not a PMO job the advisor can level, {gaps}"
    step = advert - person
    if step >= 2:
        return "not a fit", f"not a fit: {_count(step)} levels up, {gaps}"
    if step == 1:
        return "a stretch", f"a stretch: one level up, {gaps}"
    if step < 0:
        return (
            "a step back",
            f"a step back: {_count(-step)} level{'s' if step < -1 else ''} down, {gaps}",
        )
    if missing >= 2:
        return "a stretch", f"a stretch: your level, but {gaps}"
    return "good fit", f"good fit: your level, {gaps}"


def _count(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def _weigh(demand: Demand, answers: Answers, held: set[str], knowledge: Knowledge) -> DemandFit:
    """Whether the person meets one demand, and why."""
    verdict: Verdict
    value = demand.value
    if demand.kind == "years":
        asked = float(value)
        have = answers.years
        verdict = (
            "met" if have >= asked else "partly" if have >= asked * PARTLY_YEARS else "not met"
        )
        why = f"asks for {shown_number(asked)} years; you have {shown_number(have)}"
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
        verdict, why = _qualification(demand, held, knowledge)
    else:
        verdict, why = _delivery(str(value), answers)
    return DemandFit(demand.kind, value, demand.quote, demand.required, verdict, why)


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
    done = [knowledge.activity(a) for a in answers.activities]
    if activity_id in answers.activities:
        return "met", f"you already {asked.does}"
    same_focus = [a for a in done if asked.focus is not None and a.focus == asked.focus]
    if any(a.level > asked.level for a in same_focus):
        return "met", f"you do more senior {asked.focus} work"
    if same_focus or any(a.track == asked.track and a.level >= asked.level for a in done):
        return "partly", f"you do related work, but not this: {asked.does}"
    return "not met", f"you do not yet {asked.does}"


def _qualification(demand: Demand, held: set[str], knowledge: Knowledge) -> tuple[Verdict, str]:
    asked = str(demand.value)
    name = knowledge.course(asked).name
    if asked in held:
        return "met", f"you hold {name}, or one that counts as it"
    accepted = [c for c in demand.any_of if c in held]
    if accepted:
        return "met", f"you hold {knowledge.course(accepted[0]).name}, which the advert accepts"
    for choice in knowledge.plan.choices:
        if asked in choice.members:
            other = next((m for m in choice.members if m in held), None)
            if other is not None:
                return "met", f"you hold {knowledge.course(other).name}, its equivalent"
    course = knowledge.course(asked)
    first_steps = [p for p in course.prerequisites if p in held]
    if first_steps:
        return "partly", f"you hold its first step, {knowledge.course(first_steps[0]).name}"
    return "not met", f"you do not hold {name}"


def _delivery(background: str, answers: Answers) -> tuple[Verdict, str]:
    if background in answers.delivery:
        return "met", "you have this delivery experience"
    if background == "programmes" and "projects" in answers.delivery:
        return "partly", "you have managed projects, not programmes"
    if background == "delivery-staff" and answers.team_size_given and answers.team_size >= 1:
        return "partly", "you line-manage people, but not delivery staff"
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
