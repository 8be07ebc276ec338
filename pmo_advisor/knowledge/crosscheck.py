"""The checks that span records and files: duplicate ids, references to focus areas,
activities, courses and backgrounds that do not exist, prerequisite cycles, each level's
evidence, and every specialism's titles.

They need no schema and no YAML parser: they read the records pydantic has built.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from pmo_advisor.knowledge.advert_phrases import advert_phrase_problems
from pmo_advisor.knowledge.keys import course_key
from pmo_advisor.knowledge.plan_records import PlanRules
from pmo_advisor.knowledge.records import (
    Activity,
    Course,
    DeliveryExperience,
    DeliveryRole,
    FocusArea,
    Level,
    ScopeInfo,
    Title,
    TitleWords,
)
from pmo_advisor.knowledge.title_grammar import grammar_problems
from pmo_advisor.knowledge.vocabulary import levels_text, summary_problems, vocabulary_problems

_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_URL = re.compile(r"https://[a-z0-9.-]+\.[a-z]{2,}(/[A-Za-z0-9._~/%-]*)?")

#: Records by Knowledge field, ready to build a Knowledge from.
Records = dict[str, Any]


def cross_check(records: Records, label: Callable[[str], str]) -> list[str]:
    """Every problem that spans records and files, each named with its file and key path."""
    problems = vocabulary_problems(records, label)
    if problems:  # the other checks rest on the vocabulary
        return problems
    scopes: Sequence[ScopeInfo] = records["scopes"]
    focus: Sequence[FocusArea] = records["focus_areas"]
    activities: Sequence[Activity] = records["activities"]
    levels: Sequence[Level] = records["levels"]
    titles: Sequence[Title] = records["titles"]
    courses: Sequence[Course] = records["courses"]

    def unique(file_name: str, key: str, ids: Sequence[object], what: str) -> None:
        seen: set[object] = set()
        for index, value in enumerate(ids):
            if value in seen:
                problems.append(f"{label(file_name)}: {key}[{index}]: duplicate {what} {value!r}")
            seen.add(value)

    for file_name, key, ids in (
        ("scopes.yaml", "scopes", [s.id for s in scopes]),
        ("focus.yaml", "focus", [f.id for f in focus]),
        ("activities.yaml", "activities", [a.id for a in activities]),
        ("courses.yaml", "courses", [c.id for c in courses]),
        ("delivery.yaml", "backgrounds", [b.id for b in records["delivery"].backgrounds]),
        ("markets.yaml", "markets", [m.id for m in records["markets"]]),
    ):
        for index, value in enumerate(ids):
            if not _ID.fullmatch(value):
                problems.append(
                    f"{label(file_name)}: {key}[{index}].id: {value!r} is not an id; use"
                    " lowercase letters and digits joined by hyphens"
                )
    unique("scopes.yaml", "scopes", [s.id for s in scopes], "scope id")
    unique("focus.yaml", "focus", [f.id for f in focus], "focus area id")
    unique("activities.yaml", "activities", [a.id for a in activities], "activity id")
    unique("levels.yaml", "levels", [lv.number for lv in levels], "level number")
    unique("titles.yaml", "titles", [t.name.casefold() for t in titles], "title")
    unique("courses.yaml", "courses", [c.id for c in courses], "course id")
    unique("markets.yaml", "markets", [m.id for m in records["markets"]], "market id")
    for i, market in enumerate(records["markets"]):
        # An owner named twice would leave its place in the order unclear.
        unique("markets.yaml", f"markets[{i}].prefers", market.prefers, "scheme owner")

    unique("courses.yaml", "kinds", records["course_kinds"], "course kind")

    focus_ids = {f.id for f in focus}
    activity_ids = {a.id for a in activities}
    course_ids = {c.id for c in courses}

    def known(file_name: str, key: str, value: str, pool: set[str], what: str) -> None:
        if value not in pool:
            problems.append(
                f"{label(file_name)}: {key}: unknown {what} {value!r}"
                f" (known: {', '.join(sorted(pool))})"
            )

    for i, act in enumerate(activities):
        if act.focus is not None:
            known("activities.yaml", f"activities[{i}].focus", act.focus, focus_ids, "focus area")
    for i, title in enumerate(titles):
        for j, fid in enumerate(title.focus):
            known("titles.yaml", f"titles[{i}].focus[{j}]", fid, focus_ids, "focus area")
        if len(title.levels) == 2 and title.decided_by is None:
            problems.append(
                f"{label('titles.yaml')}: titles[{i}].decided_by: a title at two levels must"
                " say what decides between them"
            )
    for i, course in enumerate(courses):
        where = f"courses[{i}]"
        for j, fid in enumerate(course.focus):
            known("courses.yaml", f"{where}.focus[{j}]", fid, focus_ids, "focus area")
        for j, aid in enumerate(course.activities):
            known("courses.yaml", f"{where}.activities[{j}]", aid, activity_ids, "activity")
        for j, pid in enumerate(course.prerequisites):
            known("courses.yaml", f"{where}.prerequisites[{j}]", pid, course_ids, "course")
        for j, sid in enumerate(course.satisfies):
            known("courses.yaml", f"{where}.satisfies[{j}]", sid, course_ids, "course")
        for j, eid in enumerate(course.entry_met_by):
            known("courses.yaml", f"{where}.entry_met_by[{j}]", eid, course_ids, "course")
        if course.same_as is not None:
            known("courses.yaml", f"{where}.same_as", course.same_as, course_ids, "course")
        for j, oid in enumerate(course.outranks):
            known("courses.yaml", f"{where}.outranks[{j}]", oid, course_ids, "course")
        if course.primary_focus is not None:
            known("courses.yaml", f"{where}.primary_focus", course.primary_focus, focus_ids,
                  "focus area")  # fmt: skip
            if course.primary_focus not in course.focus:
                problems.append(
                    f"{label('courses.yaml')}: {where}.primary_focus: {course.primary_focus!r}"
                    " must be one of the course's focus areas"
                )
        if course.entry is not None:
            for key in ("waived_by", "holds_one_of"):
                for j, cid in enumerate(getattr(course.entry, key)):
                    known("courses.yaml", f"{where}.entry.{key}[{j}]", cid, course_ids, "course")
            if course.entry.or_level is not None and not course.entry.holds_one_of:
                problems.append(
                    f"{label('courses.yaml')}: {where}.entry.or_level: stands in for"
                    " holds_one_of, which is empty"
                )
    problems.extend(_prerequisite_cycles(courses, label("courses.yaml")))
    problems.extend(
        f"{label('courses.yaml')}: courses[{index}].outranks: {course_id!r} leads back to"
        " itself through outranks; a ladder only goes down"
        for index, course_id in _looping(courses, "outranks")
    )
    problems.extend(_plan_problems(records["plan"], courses, label("plan.yaml")))
    delivery: DeliveryExperience = records["delivery"]
    background_ids = {b.id for b in delivery.backgrounds}
    for i, course in enumerate(courses):
        for j, bid in enumerate(course.expects_delivery):
            where = f"courses[{i}].expects_delivery[{j}]"
            known("courses.yaml", where, bid, background_ids, "delivery background")
    unique("delivery.yaml", "backgrounds", [b.id for b in delivery.backgrounds], "background id")
    problems.extend(_level_problems(levels, activity_ids, background_ids, label("levels.yaml")))
    problems.extend(_course_problems(courses, label("courses.yaml")))
    problems.extend(summary_problems(records, label))
    words: TitleWords = records["title_words"]
    for index, item in enumerate(words.seniority):
        if " " in item.word.strip() or item.word != item.word.lower():
            problems.append(
                f"{label('title_words.yaml')}: seniority[{index}].word: must be one lowercase word"
            )
    for key in ("noise", "tools", "scope_words"):
        problems.extend(
            f"{label('title_words.yaml')}: {key}[{index}]: must be lowercase, as titles are"
            " read lowercased"
            for index, item in enumerate(getattr(words, key))
            if item != item.lower()
        )
    problems.extend(
        _title_problems(titles, records["delivery_roles"], focus, background_ids, levels, label)
    )
    problems.extend(grammar_problems(records["title_grammar"], focus, label))
    problems.extend(
        advert_phrase_problems(
            records["advert_phrases"],
            activity_ids=activity_ids,
            scope_ids=(s.id for s in records["scopes"]),
            background_ids=background_ids,
            course_ids=(c.id for c in courses),
            market_ids=(m.id for m in records["markets"]),
            label=label,
        )
    )
    for number in (lv.number for lv in levels):
        if not any(a.level == number for a in activities):
            problems.append(
                f"{label('activities.yaml')}: activities: no activity at level {number}"
            )
        if not any(number in t.levels for t in titles):
            problems.append(f"{label('titles.yaml')}: titles: no title at level {number}")
    return problems


def _plan_problems(plan: PlanRules, courses: Sequence[Course], where: str) -> list[str]:
    """Choices, contexts and level choices that name what is not there, or a course
    twice, or one that is never recommended."""
    problems: list[str] = []
    by_id = {c.id: c for c in courses}
    context_ids = {c.id for c in plan.contexts}
    choice_ids = {c.id for c in plan.choices}
    seen_members: dict[str, str] = {}
    for i, choice in enumerate(plan.choices):
        at = f"{where}: choices[{i}]"
        if not _ID.fullmatch(choice.id):
            problems.append(f"{at}.id: {choice.id!r} is not an id")
        for j, member in enumerate(choice.members):
            course = by_id.get(member)
            if course is None:
                problems.append(f"{at}.members[{j}]: unknown course {member!r}")
            elif not course.recommendable:
                problems.append(f"{at}.members[{j}]: {member!r} is never recommended")
            first = seen_members.setdefault(member, choice.id)
            if first != choice.id:
                problems.append(
                    f"{at}.members[{j}]: {member!r} is already in choice {first!r}; a course"
                    " is in one choice at most"
                )
        if choice.default not in choice.members:
            problems.append(f"{at}.default: {choice.default!r} is not one of the members")
        for context_id, member in choice.by_context.items():
            if context_id not in context_ids:
                problems.append(f"{at}.by_context: unknown context {context_id!r}")
            if member not in choice.members:
                problems.append(f"{at}.by_context.{context_id}: {member!r} is not a member")
    if len(choice_ids) != len(plan.choices):
        problems.append(f"{where}: choices: ids must be unique")
    for i, context in enumerate(plan.contexts):
        for j, cid in enumerate(context.courses):
            if cid not in by_id:
                problems.append(f"{where}: contexts[{i}].courses[{j}]: unknown course {cid!r}")
        problems.extend(
            f"{where}: contexts[{i}].words[{j}]: must be one lowercase word"
            for j, word in enumerate(context.words)
            if word != word.lower() or " " in word
        )
    courses_file = where.replace("plan.yaml", "courses.yaml")
    for i, course in enumerate(courses):
        problems.extend(
            f"{courses_file}: courses[{i}].contexts[{j}]: unknown context {cid!r}"
            f" (plan.yaml names {', '.join(sorted(context_ids))})"
            for j, cid in enumerate(course.contexts)
            if cid not in context_ids
        )
    levels = [c.level for c in plan.level_choices]
    if sorted(levels) != sorted(set(levels)):
        problems.append(f"{where}: level_choices: a level is named twice")
    for i, level_choice in enumerate(plan.level_choices):
        if level_choice.choice not in choice_ids:
            problems.append(f"{where}: level_choices[{i}].choice: unknown choice")
    for key in ("returner_courses", "leadership_courses"):
        problems.extend(
            f"{where}: {key}[{j}]: unknown course {cid!r}"
            for j, cid in enumerate(getattr(plan, key))
            if cid not in by_id
        )
    return problems


def _title_problems(
    titles: Sequence[Title],
    roles: Sequence[DeliveryRole],
    focus: Sequence[FocusArea],
    background_ids: set[str],
    levels: Sequence[Level],
    label: Callable[[str], str],
) -> list[str]:
    """Names and aliases that name two jobs, delivery roles' references, and whether
    every focus area has a specialist track through every level above the first."""
    where = label("titles.yaml")
    problems: list[str] = []
    named = [(f"titles[{i}]", t.name, t.aliases) for i, t in enumerate(titles)]
    named += [(f"delivery_roles[{i}]", r.name, r.aliases) for i, r in enumerate(roles)]
    # Names first, so an alias is reported wherever it collides (duplicate names are
    # reported above).
    owner = {name.casefold(): name for _, name, _ in reversed(named)}
    for at, name, aliases in named:
        for j, alias in enumerate(aliases):
            first = owner.setdefault(alias.casefold(), name)
            if first != name:
                problems.append(
                    f"{where}: {at}.aliases[{j}]: {alias!r} already belongs to {first!r}"
                )
    for i, role in enumerate(roles):
        if list(role.levels) != sorted(set(role.levels)):
            problems.append(
                f"{where}: delivery_roles[{i}].levels: list each level once, lowest first"
            )
        if role.evidence is None:
            problems.append(
                f"{where}: delivery_roles[{i}].evidence: say what experience in the role"
                " is evidence of"
            )
        if role.background is not None and role.background not in background_ids:
            problems.append(
                f"{where}: delivery_roles[{i}].background: unknown delivery background"
                f" {role.background!r} (known: {', '.join(sorted(background_ids))})"
            )
    above_first = [lv.number for lv in levels[1:]]
    problems.extend(
        f"{where}: titles: no specialist title for focus area {area.id!r} at level"
        f" {number}; every focus area needs a track through levels {levels_text(above_first)}"
        for area in focus
        for number in above_first
        if not any(area.id in t.focus and number in t.levels for t in titles)
    )
    return problems


#: Numbers as experience notes write them, so a note can be checked against its level.
_NUMBER_WORDS = {
    "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_FIRST_NUMBER = re.compile(r"\b(\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)


def _level_problems(
    levels: Sequence[Level], activity_ids: set[str], background_ids: set[str], where: str
) -> list[str]:
    """Each level's evidence and routes, and whether its experience note quotes the
    experience the rules compare with."""
    problems: list[str] = []
    for index, level in enumerate(levels):
        at = f"{where}: levels[{index}]"
        match = _FIRST_NUMBER.search(level.experience_note)
        if match is not None:
            quoted = match.group(1).lower()
            value = float(_NUMBER_WORDS[quoted]) if quoted in _NUMBER_WORDS else float(quoted)
            if value != level.typical.min_years:
                problems.append(
                    f"{at}.experience_note: quotes {match.group(1)!r} years but"
                    f" typical.min_years is {level.typical.min_years:g}; make them agree"
                )
        elif level.typical.min_years:
            problems.append(
                f"{at}.experience_note: must quote typical.min_years ({level.typical.min_years:g})"
            )
        if level.number == 1:
            if level.evidence is not None or level.routes is not None:
                problems.append(
                    f"{at}: level 1 needs no evidence or routes: it is where everyone starts"
                )
            continue
        if level.evidence is None or level.routes is None:
            problems.append(f"{at}: levels 2 to 4 must have evidence and routes")
            continue
        evidence = level.evidence
        if not evidence.needs <= evidence.firm <= len(evidence.signals):
            problems.append(
                f"{at}.evidence: needs ({evidence.needs}) <= firm ({evidence.firm}) <= the"
                f" number of signals ({len(evidence.signals)}) must hold"
            )
        seen: set[str] = set()
        for j, signal in enumerate(evidence.signals):
            here = f"{at}.evidence.signals[{j}]"
            if signal.id in seen:
                problems.append(f"{here}.id: duplicate signal id {signal.id!r}")
            seen.add(signal.id)
            tests = (
                signal.years is not None,
                signal.scope is not None,
                signal.team is not None,
                bool(signal.activities),
                bool(signal.delivery),
                signal.breadth is not None,
                signal.title,
                signal.qualification,
            )
            if not any(tests):
                problems.append(f"{here}: a signal needs at least one test (years, scope, ...)")
            for k, aid in enumerate(signal.activities):
                if aid not in activity_ids:
                    problems.append(f"{here}.activities[{k}]: unknown activity {aid!r}")
            for k, bid in enumerate(signal.delivery):
                if bid not in background_ids:
                    problems.append(f"{here}.delivery[{k}]: unknown delivery background {bid!r}")
        floor = evidence.floor
        if floor is not None:
            problems.extend(
                f"{at}.evidence.floor.or_signals[{k}]: unknown signal {sid!r}"
                for k, sid in enumerate(floor.or_signals)
                if sid not in seen
            )
    return problems


def _course_problems(courses: Sequence[Course], label: str) -> list[str]:
    """Equivalences, editions, aliases and addresses that cannot be right."""
    problems: list[str] = []
    by_id = {c.id: c for c in courses}
    spellings: dict[str, str] = {}
    for index, course in enumerate(courses):
        where = f"{label}: courses[{index}]"
        if course.id in course.satisfies:
            problems.append(f"{where}.satisfies: {course.id!r} cannot satisfy itself")
        target = by_id.get(course.same_as or "")
        if course.same_as == course.id:
            problems.append(f"{where}.same_as: {course.id!r} cannot be the same as itself")
        elif target is not None and target.same_as is not None:
            problems.append(
                f"{where}.same_as: {target.id!r} is itself the same as {target.same_as!r};"
                f" name {target.same_as!r} instead"
            )
        if course.superseded and course.same_as is None:
            problems.append(
                f"{where}.superseded: an old edition needs same_as, naming the course that"
                " replaced it, so that holding it still counts"
            )
        if not course.recommendable and course.core:
            problems.append(f"{where}.core: a course that is never recommended cannot be core")
        # An old edition or a second way of taking a course counts as the course it
        # names; naming that course instead keeps one spelling of each in the catalogue.
        for key in ("prerequisites", "entry_met_by"):
            for j, cid in enumerate(getattr(course, key)):
                named = by_id.get(cid)
                if named is not None and not named.recommendable:
                    problems.append(
                        f"{where}.{key}[{j}]: {cid!r} is never recommended (an old edition"
                        f" or another way of taking {named.same_as!r}); name {named.same_as!r}"
                    )
        if (course.entry_met_by or course.entry_met_at_level) and not course.prerequisites:
            problems.append(
                f"{where}: entry_met_by and entry_met_at_level stand in for prerequisites;"
                " a course without prerequisites needs neither"
            )
        if course.id in course.entry_met_by:
            problems.append(f"{where}.entry_met_by: {course.id!r} cannot admit to itself")
        for j, topic in enumerate(course.topics):
            if not _ID.fullmatch(topic):
                problems.append(f"{where}.topics[{j}]: {topic!r} is not an id")
        if course.url is not None and not _URL.fullmatch(course.url):
            problems.append(
                f"{where}.url: {course.url!r} is not an https address (https://host/path)"
            )
        for key, text in [("id", course.id), ("name", course.name)] + [
            (f"aliases[{j}]", alias) for j, alias in enumerate(course.aliases)
        ]:
            spelling = course_key(text)
            owner = spellings.setdefault(spelling, course.id)
            if not spelling:
                problems.append(f"{where}.{key}: {text!r} has no letters or digits")
            elif owner != course.id:
                problems.append(
                    f"{where}.{key}: {text!r} already names course {owner!r};"
                    " a spelling must name one course"
                )
    problems.extend(
        f"{label}: courses[{index}].satisfies: {course_id!r} leads back to itself through"
        " satisfies; courses that count as each other are the same (use same_as)"
        for index, course_id in _looping(courses, "satisfies")
    )
    return problems


def _looping(courses: Sequence[Course], field_name: str) -> list[tuple[int, str]]:
    """The index and id of each course that reaches itself through ``field_name`` links."""
    links: dict[str, tuple[str, ...]] = {c.id: getattr(c, field_name) for c in courses}
    found: list[tuple[int, str]] = []
    for index, course in enumerate(courses):
        stack = [i for i in links[course.id] if i != course.id]
        seen: set[str] = set()
        while stack:
            current = stack.pop()
            if current == course.id:
                found.append((index, course.id))
                break
            if current not in seen:
                seen.add(current)
                stack.extend(links.get(current, ()))
    return found


def _prerequisite_cycles(courses: Sequence[Course], label: str) -> list[str]:
    return [
        f"{label}: courses[{index}].prerequisites: {course_id!r} depends on itself"
        " through its prerequisites"
        for index, course_id in _looping(courses, "prerequisites")
    ]
