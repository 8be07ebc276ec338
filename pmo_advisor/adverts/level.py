"""An advert's level: its demands placed by the rules a person is placed by, weighed
against what its title usually means.

The demands become the :class:`~pmo_advisor.rules.placement.Facts` a person's answers
give (years, people reporting, scope, activities, delivery experience, qualifications)
and :func:`~pmo_advisor.rules.placement.place` places them: one code path decides a
person's level and an advert's. The title is left out of that reading, so that title
and text can be set against each other. Where they disagree, the text is believed when
it confirms its level, or shows less than the title with something solid to go on
(years, people, scope or delivery); the title is believed where the text reaches the
title's level without confirming it, or says too little.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pmo_advisor.adverts.model import Believe, Demand, TitleAgainstText
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.listings import TitleLookup
from pmo_advisor.rules.placement import Facts, LevelCheck, Placement, place
from pmo_advisor.rules.wording import join

#: The kinds of demand a coach takes on their own (as placement's grounding answers).
_GROUNDING = frozenset({"years", "team_size", "scope", "delivery"})


@dataclass(frozen=True)
class LevelReading:
    """The level to believe, and how it was decided."""

    level: int | None
    borderline_with: int | None
    title_levels: tuple[int, ...]
    against: TitleAgainstText
    confirmed_by: tuple[str, ...]
    reasons: tuple[str, ...]
    pmo_job: bool
    pmo_job_why: str


def facts_of(demands: Sequence[Demand], knowledge: Knowledge) -> Facts | None:
    """The evidence an advert's demands give, as a person's answers give it; None when
    they name no work at all (nothing proposes a level)."""
    team_rule = knowledge.advert_phrases.team
    years = [float(d.value) for d in demands if d.kind == "years"]
    teams = [int(d.value) for d in demands if d.kind == "team_size"]
    team = 0 if 0 in teams else max(teams, default=None)
    activity_ids = [str(d.value) for d in demands if d.kind == "activity"]
    if team:
        activity_ids.append(team_rule.activity)
    if not activity_ids:
        return None
    scopes = [str(d.value) for d in demands if d.kind == "scope"]
    scope_ids = knowledge.scope_ids
    courses = [str(d.value) for d in demands if d.kind == "qualification"]
    return Facts(
        years=max(years, default=0.0),
        years_known=bool(years),
        scope=max(scopes, key=scope_ids.index, default=scope_ids[0]),
        scope_ids=scope_ids,
        team=team,
        activities=tuple(knowledge.activity(a) for a in dict.fromkeys(activity_ids)),
        delivery=tuple(knowledge.background(str(d.value)) for d in demands if d.kind == "delivery"),
        qualification_level=max((min(knowledge.course(c).levels) for c in courses), default=0),
    )


def title_levels_of(lookup: TitleLookup) -> tuple[int, ...]:
    """The levels a title usually means, as a person's title is read."""
    if lookup.matches:
        return lookup.matches[0].title.levels
    if lookup.reading is not None and lookup.reading.method == "parts":
        return lookup.reading.levels
    return ()


def read_level(
    demands: Sequence[Demand],
    lookup: TitleLookup,
    knowledge: Knowledge,
    *,
    profession: tuple[str, tuple[str, ...]] | None = None,
) -> LevelReading:
    """The level an advert should be believed at, from its demands and its title;
    ``profession``: another profession the text places the job in, with the sentences
    that say so, which overrules the title."""
    facts = facts_of(demands, knowledge)
    placement = None if facts is None else place(facts, knowledge, knowledge.delivery.pmo_gap)
    titled = title_levels_of(lookup)
    reading = lookup.reading
    title_words = reading.explanation if reading is not None else "The title could not be read."
    pmo_job, pmo_why = _pmo_job(lookup, demands)
    if profession is not None:
        name, quotes = profession
        shown = join([f'"{_short(q)}"' for q in quotes[:2]])
        pmo_job, pmo_why = (
            False,
            (
                f"The text places the job in another profession, {name} ({shown}),"
                " whatever the title usually means: not a PMO job."
            ),
        )
    reasons: list[str] = []
    if placement is not None and facts is not None:
        reasons.extend(_text_reasons(placement, facts, demands, knowledge))
    level, borderline, believe, why = _believe(placement, titled, demands, knowledge)
    if not pmo_job:
        level, borderline, believe, why = None, None, "title", pmo_why
    against = TitleAgainstText(
        title_reading=title_words,
        text_level=None if placement is None else placement.level,
        proposed_level=None if placement is None else placement.proposed,
        believe=believe,
        why=why,
    )
    confirmed = () if placement is None or placement.check is None else tuple(
        c.signal.id for c in placement.check.held
    )  # fmt: skip
    return LevelReading(
        level, borderline, titled, against, confirmed, tuple(reasons), pmo_job, pmo_why
    )


def _pmo_job(lookup: TitleLookup, demands: Sequence[Demand]) -> tuple[bool, str]:
    """Whether the advert is for a PMO job, with the title reader's reason."""
    reading = lookup.reading
    if lookup.delivery_role is not None:
        role = lookup.delivery_role
        return False, f"{role.name} is a delivery role, not a PMO job. {role.note.strip()}"
    if reading is not None and reading.method == "other profession":
        return False, f"{reading.explanation} {(reading.note or '').strip()}".strip()
    if lookup.matches or (reading is not None and reading.method == "parts"):
        return True, reading.explanation if reading is not None else "A PMO title."
    work = {str(d.value) for d in demands if d.kind == "activity"}
    if len(work) >= 2:
        return True, (
            "The title is none the advisor knows, but the text describes PMO work"
            f" ({len(work)} of its activities)."
        )
    return False, "Neither the title nor the text describes PMO work the advisor knows."


def _believe(
    placement: Placement | None,
    titled: tuple[int, ...],
    demands: Sequence[Demand],
    knowledge: Knowledge,
) -> tuple[int | None, int | None, Believe, str]:
    """The level to believe, the level it is borderline with, which reading that is and
    why."""
    if placement is None:
        if not titled:
            return None, None, "neither", "Neither the title nor the text places the job."
        return (
            titled[0],
            titled[-1] if len(titled) > 1 else None,
            "title",
            "The text names no work the advisor can read, so the title decides.",
        )
    text, proposed = placement.level, placement.proposed
    if not titled:
        return text, placement.borderline_with, "text", (
            "The title is no PMO title the advisor knows, so the text decides."
        )  # fmt: skip
    stage = knowledge.level(text).stage
    title_words = " or ".join(map(str, titled))
    if text in titled:
        return text, placement.borderline_with, "both", (
            f"The title and the text agree: level {text} ({stage})."
        )  # fmt: skip
    if text > titled[-1]:
        return (
            text,
            placement.borderline_with,
            "text",
            (
                f"The text asks for more than the title usually means (level {title_words}):"
                f" its demands confirm level {text} ({stage}). Believe the text; titles are"
                " often modest, and the work decides."
            ),
        )
    reached = [n for n in titled if n <= proposed]
    if reached:
        held = max(reached)
        return (
            held,
            text,
            "title",
            (
                f"The text reaches level {held}, as the title does, but does not show enough"
                f" to confirm it (it confirms level {text}). Believe the title, with a caution:"
                " the advert does not say what a level "
                f"{held} job usually brings."
            ),
        )
    grounded = any(d.kind in _GROUNDING for d in demands)
    work = {d.value for d in demands if d.kind == "activity"}
    if grounded or len(work) >= 2:
        return (
            text,
            placement.borderline_with,
            "text",
            (
                f"The title usually means level {title_words}, but none of the work the text"
                f" describes is above level {proposed}, and its demands place it at level"
                f" {text} ({stage}). Believe the text: titles are often inflated."
            ),
        )
    return (
        titled[0],
        text,
        "title",
        (f"The text says too little to go on (its work reads as level {text}): the title decides."),
    )


def _text_reasons(
    placement: Placement, facts: Facts, demands: Sequence[Demand], knowledge: Knowledge
) -> list[str]:
    """Why the text reads as it does, each piece of evidence quoted."""
    reasons: list[str] = []
    number = placement.level
    if placement.check is not None:
        shown = [
            f"{_of_the_job(c.signal.shows)}"
            f"{_quoted(_demand_for(c.signal, number, demands, knowledge))}"
            for c in placement.check.held
        ]
        reasons.append(
            f"The text reads as level {number} ({knowledge.level(number).stage}):"
            f" it shows {join(shown)}."
        )
    else:
        reasons.append(
            f"The text reads as level 1 ({knowledge.level(1).stage}): the work it names is"
            " the entry level's, or nothing it asks for confirms a higher level."
        )
    if placement.proposed > number:
        top = _check(placement, facts, knowledge)
        missing = join((_of_the_job(c.signal.shows) for c in top.missing[:3]), sep="; ", word="or")
        reasons.append(
            f"Its work reaches level {placement.proposed}"
            f" ({knowledge.level(placement.proposed).stage}), but it does not show {missing}."
        )
    if not facts.years_known:
        reasons.append("It does not say how many years it asks for.")
    if placement.borderline_with is not None:
        low, high = sorted((number, placement.borderline_with))
        reasons.append(f"It sits between levels {low} and {high}.")
    return reasons


def _check(placement: Placement, facts: Facts, knowledge: Knowledge) -> LevelCheck:
    from pmo_advisor.rules.placement import check_level

    return check_level(knowledge.level(placement.proposed), facts)


def _demand_for(
    signal: object, level: int, demands: Sequence[Demand], knowledge: Knowledge
) -> Demand | None:
    """The demand that shows a signal, to quote."""
    from pmo_advisor.knowledge import Signal

    assert isinstance(signal, Signal)
    team_activity = knowledge.advert_phrases.team.activity
    for demand in demands:
        value = demand.value
        if demand.kind == "years" and signal.years is not None and float(value) >= signal.years:
            return demand
        if (
            demand.kind == "team_size"
            and isinstance(value, int)
            and value >= 1
            and (signal.team is not None or team_activity in signal.activities)
        ):
            return demand
        if (
            demand.kind == "scope"
            and signal.scope is not None
            and (knowledge.scope_ids.index(str(value)) >= knowledge.scope_ids.index(signal.scope))
        ):
            return demand
        if demand.kind == "activity" and (
            value in signal.activities
            or (signal.breadth is not None and knowledge.activity(str(value)).level >= level)
        ):
            return demand
        if demand.kind == "delivery" and value in signal.delivery:
            return demand
        if (
            demand.kind == "qualification"
            and signal.qualification
            and (min(knowledge.course(str(value)).levels) >= level)
        ):
            return demand
    return None


#: A signal's words are a person's ("people reporting to you"): said of a job instead.
_OF_THE_JOB = (("reporting to you", "reporting to the job"), ("of your own", "of its own"),
               ("in your hands", "in the job's hands"), ("your ", "its "))  # fmt: skip


def _of_the_job(text: str) -> str:
    for person, job in _OF_THE_JOB:
        text = text.replace(person, job)
    return text


def _short(quote: str) -> str:
    return quote if len(quote) <= 80 else quote[:79].rstrip() + "…"


def _quoted(demand: Demand | None) -> str:
    if demand is None:
        return ""
    return f' ("{_short(demand.quote)}")'
