"""The rules: pure functions from answers and knowledge to advice, with reasons.

Responsibilities decide the level: a person stands at the highest level any of their
activities belongs to. Scope, team size and years support that placement, flag answers
that sit between two levels, and add caveats; they never move the level on their own.
That keeps the advice explainable and guarantees that doing more never lowers it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pmo_advisor.knowledge import (
    SCOPES,
    Activity,
    Course,
    Knowledge,
    Level,
    Scope,
    Title,
    Typical,
)
from pmo_advisor.model import (
    Advice,
    Catalogue,
    CourseAdvice,
    Ladder,
    NextStep,
    Reason,
    Rung,
    SuggestionRequest,
)
from pmo_advisor.text import clean_line
from pmo_advisor.text import number as _number

if TYPE_CHECKING:  # only the assess path needs the answers model itself
    from pmo_advisor.answers import Answers

#: How many courses each kind of pick may add, so the list stays one people read.
_FOCUS_PICKS = 3
_GAP_PICKS = 3
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
        titles, note = _narrow_to_scope(titles, request.scope, number, knowledge)
        reasons.append(Reason(note, ()))
    if request.focus:
        names = _join(knowledge.focus_area(f).name.lower() for f in request.focus)
        reasons.append(Reason(f"Specialist titles and courses favour {names}.", ()))
    next_step = None
    if number < 4:
        upper = knowledge.level(number + 1)
        roles = order_titles(knowledge.titles_at(number + 1), request.scope, request.focus)
        if request.scope is not None:
            roles, note = _narrow_to_scope(roles, request.scope, number + 1, knowledge)
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


def catalogue(
    knowledge: Knowledge, level: int | None, focus: Sequence[str], kind: str | None
) -> Catalogue:
    """The courses that serve a level, touch any of the focus areas, and are of a kind."""
    courses = tuple(
        c
        for c in knowledge.courses
        if (level is None or level in c.levels)
        and (not focus or set(focus).intersection(c.focus))
        and (kind is None or c.kind == kind)
    )
    return Catalogue(courses, level, tuple(focus), kind)


def order_titles(
    titles: Iterable[Title], scope: Scope | None, focus: Sequence[str]
) -> tuple[Title, ...]:
    """Titles in the order a person should read them.

    Specialist titles matching the person's focus come first, since they name the work
    the person already does; then the other titles, the person's own kind of PMO first,
    then titles used in any PMO, then the other kinds from the nearest outwards (without
    a scope: narrowest kind first, titles used in any PMO after them); other specialist
    titles come last. Ties keep the knowledge base's order.
    """
    wanted = set(focus)
    matching = [t for t in titles if t.is_specialist and wanted.intersection(t.focus)]
    others = [t for t in titles if t.is_specialist and t not in matching]
    general = [t for t in titles if not t.is_specialist]
    if scope is None:
        general.sort(key=lambda t: len(SCOPES) if t.pmo_type is None else SCOPES.index(t.pmo_type))
    else:
        rank = SCOPES.index(scope)

        def by_scope(title: Title) -> tuple[int, int]:
            if title.pmo_type is None:
                return (1, 0)
            distance = abs(SCOPES.index(title.pmo_type) - rank)
            return (0, 0) if distance == 0 else (2, distance)

        general.sort(key=by_scope)
    return (*matching, *general, *others)


def recommend_courses(
    knowledge: Knowledge,
    level: int,
    done: Sequence[str],
    focus: Sequence[str],
    held: Sequence[str],
) -> tuple[CourseAdvice, ...]:
    """Courses for the current level first, then for the next one, never one already held
    and never more than one level above; prerequisites not held come before the courses
    that need them.

    At each level: the level's core courses, then courses that prepare for the level's
    responsibilities the person does not carry yet, then courses in their focus areas.
    """
    current = knowledge.level(level)
    picks: list[tuple[Course, int, str]] = []
    gaps = _level_gaps(knowledge, level, done, focus)
    if level == 4 and not gaps:
        # At the top there is no next level: courses that deepen the level's own work.
        gaps = knowledge.activities_at(4)
    blocks = [(level, current, gaps)]
    if level < 4:
        blocks.append((level + 1, knowledge.level(level + 1), knowledge.activities_at(level + 1)))
    for number, target, needs in blocks:
        picks += level_picks(
            knowledge, number, needs, focus, _core_reason(target, is_current=number == level)
        )
    return with_prerequisites(picks, set(held), knowledge, level)


def level_picks(
    knowledge: Knowledge,
    number: int,
    gaps: Sequence[Activity],
    focus: Sequence[str],
    core_reason: str,
) -> list[tuple[Course, int, str]]:
    """The courses to suggest at one level, each with its reason: the level's core
    courses, then up to three that prepare for the ``gaps`` (the level's work not yet
    done, most gaps covered first), then up to three in the person's focus areas."""
    at_level = [c for c in knowledge.courses if number in c.levels]
    picks = [(c, number, f"{core_reason} {c.summary}") for c in at_level if c.core]
    gap_ids = {a.id for a in gaps}
    by_gaps = sorted(
        (c for c in at_level if not c.core and gap_ids.intersection(c.activities)),
        key=lambda c: -len(gap_ids.intersection(c.activities)),
    )
    for course in by_gaps[:_GAP_PICKS]:
        first = next(a for a in gaps if a.id in course.activities)
        reason = f"Prepares you to {first.does}, level {number} work. {course.summary}"
        picks.append((course, number, reason))
    wanted = set(focus)
    by_focus = [c for c in at_level if not c.core and wanted.intersection(c.focus)]
    for course in by_focus[:_FOCUS_PICKS]:
        names = _join(
            knowledge.focus_area(f).name.lower()
            for f in knowledge.focus_ids
            if f in wanted and f in course.focus
        )
        picks.append((course, number, f"Deepens your focus on {names}. {course.summary}"))
    return picks


def with_prerequisites(
    picks: Sequence[tuple[Course, int, str]], held: set[str], knowledge: Knowledge, level: int
) -> tuple[CourseAdvice, ...]:
    """Courses picked, each with a reason, in an order that puts any prerequisite not held
    before the course that needs it; courses held, or picked twice, are left out."""
    chosen: list[CourseAdvice] = []
    # Holding a course means holding what it requires: P3O Practitioner implies Foundation.
    placed = _with_implied(held, knowledge)
    held = placed.copy()

    def place(course: Course, number: int, reason: str) -> None:
        if course.id in placed:
            return
        placed.add(course.id)
        for prerequisite in course.prerequisites:
            needed = knowledge.course(prerequisite)
            fits = [n for n in needed.levels if n <= level + 1]
            place(
                needed,
                max(fits) if fits else min(needed.levels),
                f"Needed before {course.name}. {needed.summary}",
            )
        chosen.append(
            CourseAdvice(
                course_id=course.id,
                name=course.name,
                kind=course.kind,
                level=number,
                length=course.length,
                reason=reason,
                prerequisites=tuple(p for p in course.prerequisites if p not in held),
                prerequisite_note=course.prerequisite_note,
            )
        )

    for course, number, reason in picks:
        place(course, number, reason)
    return tuple(chosen)


def _with_implied(held: set[str], knowledge: Knowledge) -> set[str]:
    implied = set(held)
    stack = list(held)
    while stack:
        for prerequisite in knowledge.course(stack.pop()).prerequisites:
            if prerequisite not in implied:
                implied.add(prerequisite)
                stack.append(prerequisite)
    return implied


def _core_reason(target: Level, *, is_current: bool) -> str:
    if is_current:
        return f"A core course for level {target.number}, {target.stage}."
    return f"Prepares you for level {target.number}, {target.stage}."


def _level_gaps(
    knowledge: Knowledge, level: int, done: Sequence[str], focus: Sequence[str]
) -> tuple[Activity, ...]:
    """The current level's activities a person does not do yet, where they matter to them:
    activities with no focus area are part of every role at the level; the others count
    only within the person's own focus, since level 2 is a level of specialisms."""
    wanted = set(focus)
    return tuple(
        a
        for a in knowledge.activities_at(level)
        if a.id not in done and (a.focus is None or a.focus in wanted)
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


def _narrow_to_scope(
    titles: Sequence[Title], scope: Scope, level: int, knowledge: Knowledge
) -> tuple[tuple[Title, ...], str]:
    """Titles used in any PMO plus those of the kind of PMO nearest the scope, and a
    sentence saying which kind that is."""
    rank = SCOPES.index(scope)
    kinds = {t.pmo_type for t in titles if t.pmo_type is not None}
    asked = _plural(knowledge.scope(scope).name)
    if not kinds:
        return tuple(titles), f"Every level {level} title is used in any kind of PMO."
    nearest = min(kinds, key=lambda k: (abs(SCOPES.index(k) - rank), SCOPES.index(k)))
    kept = tuple(t for t in titles if t.pmo_type in (None, nearest))
    if nearest == scope:
        return kept, f"Titles are narrowed to {asked} and titles used in any PMO."
    shown = _plural(knowledge.scope(nearest).name)
    return kept, (
        f"No level {level} title belongs to {asked}; shown are those of the nearest kind,"
        f" {shown}, and titles used in any PMO."
    )


def _join(items: Iterable[str], sep: str = ", ") -> str:
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    last = "; and " if sep == "; " else " and "
    return sep.join(words[:-1]) + last + words[-1]


def _singular(name: str) -> str:
    """'Programme PMO' -> 'programme PMO'."""
    first, _, rest = name.partition(" ")
    return f"{first.lower()} {rest}".strip()


def _plural(name: str) -> str:
    """'Project PMO' -> 'project PMOs'; 'Enterprise PMO (ePMO)' -> 'enterprise PMOs (ePMOs)'."""
    return _singular(name).replace("PMO", "PMOs")


def _a(phrase: str) -> str:
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


def _years(value: float) -> str:
    return f"{_number(value)} year" + ("" if _number(value) == "1" else "s")


def _people(count: int) -> str:
    return f"{count} person" if count == 1 else f"{count} people"
