"""The knowledge base's own vocabulary: its levels, scopes, course kinds and words.

How many levels the ladder has (levels.yaml), which kinds of PMO there are (scopes.yaml)
and what kinds of course the catalogue holds (courses.yaml's ``kinds``) are data, not
code: every record that names a level, a scope or a course kind is checked here against
what the data files define, with the file and key path of each one that names another.
So are the words a course's summary must use to claim a focus area or an activity
(their ``summary_words``): a course is only ever recommended for what it teaches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from pmo_advisor.knowledge.records import Course, Level


def vocabulary_problems(records: dict[str, Any], label: Callable[[str], str]) -> list[str]:
    """Every level, scope and course kind a record names that the data does not define."""
    levels: Sequence[Level] = records["levels"]
    numbers = tuple(lv.number for lv in levels)
    if len(numbers) < 2 or numbers != tuple(range(1, len(numbers) + 1)):
        return [
            f"{label('levels.yaml')}: levels: must number the levels 1, 2, 3 and so on,"
            " lowest first, with at least two"
        ]
    scopes = tuple(s.id for s in records["scopes"])
    kinds: tuple[str, ...] = records["course_kinds"]
    problems: list[str] = []

    def check(
        file_name: str, named: Iterable[tuple[str, object]], pool: Sequence[object], what: str
    ) -> None:
        known = ", ".join(str(p) for p in pool)
        problems.extend(
            f"{label(file_name)}: {key}: unknown {what} {value!r} (known: {known})"
            for key, value in named
            if value is not None and value not in pool
        )

    activities = [(f"activities[{i}].level", a.level) for i, a in enumerate(records["activities"])]
    check("activities.yaml", activities, numbers, "level")
    titles = [
        (f"titles[{i}].levels[{j}]", n)
        for i, t in enumerate(records["titles"])
        for j, n in enumerate(t.levels)
    ]
    titles += [
        (f"delivery_roles[{i}].levels[{j}]", n)
        for i, r in enumerate(records["delivery_roles"])
        for j, n in enumerate(r.levels)
    ]
    check("titles.yaml", titles, numbers, "level")
    check(
        "titles.yaml",
        [(f"titles[{i}].pmo_type", t.pmo_type) for i, t in enumerate(records["titles"])],
        scopes,
        "scope",
    )
    backgrounds = records["delivery"].backgrounds
    check(
        "delivery.yaml",
        [(f"backgrounds[{i}].level", b.level) for i, b in enumerate(backgrounds)],
        numbers,
        "level",
    )
    courses: Sequence[Course] = records["courses"]
    check("courses.yaml", _course_levels(courses), numbers, "level")
    check(
        "courses.yaml",
        [(f"courses[{i}].kind", c.kind) for i, c in enumerate(courses)],
        kinds,
        "course kind",
    )
    check("levels.yaml", _level_scopes(levels), scopes, "scope")
    choices = records["plan"].level_choices
    check(
        "plan.yaml",
        [(f"level_choices[{i}].level", c.level) for i, c in enumerate(choices)],
        numbers,
        "level",
    )
    return problems


def summary_problems(records: dict[str, Any], label: Callable[[str], str]) -> list[str]:
    """Every focus area and activity a course claims that its summary does not cover,
    and every ``summary_words`` that is not a regular expression."""
    problems: list[str] = []
    words: dict[str, re.Pattern[str]] = {}
    for file_name, key, items in (
        ("focus.yaml", "focus", records["focus_areas"]),
        ("activities.yaml", "activities", records["activities"]),
    ):
        for i, item in enumerate(items):
            try:
                words[item.id] = re.compile(item.summary_words, re.IGNORECASE)
            except re.error as exc:
                problems.append(
                    f"{label(file_name)}: {key}[{i}].summary_words: not a regular expression"
                    f" ({exc})"
                )
    courses: Sequence[Course] = records["courses"]
    for i, course in enumerate(courses):
        claims = [(f"focus[{j}]", f) for j, f in enumerate(course.focus)]
        claims += [(f"activities[{j}]", a) for j, a in enumerate(course.activities)]
        problems.extend(
            f"{label('courses.yaml')}: courses[{i}].{key}: the summary does not cover"
            f" {claimed!r} (it says none of {words[claimed].pattern!r})"
            for key, claimed in claims
            if claimed in words and not words[claimed].search(course.summary)
        )
    return problems


def _course_levels(courses: Sequence[Course]) -> list[tuple[str, object]]:
    named: list[tuple[str, object]] = []
    for i, course in enumerate(courses):
        named += [(f"courses[{i}].levels[{j}]", n) for j, n in enumerate(course.levels)]
        named.append((f"courses[{i}].entry_met_at_level", course.entry_met_at_level))
        if course.entry is not None:
            named.append((f"courses[{i}].entry.or_level", course.entry.or_level))
    return named


def _level_scopes(levels: Sequence[Level]) -> list[tuple[str, object]]:
    named: list[tuple[str, object]] = []
    for i, level in enumerate(levels):
        named += [(f"levels[{i}].pmo_types[{j}]", t) for j, t in enumerate(level.pmo_types)]
        named.append((f"levels[{i}].typical.min_scope", level.typical.min_scope))
        signals = () if level.evidence is None else level.evidence.signals
        named += [
            (f"levels[{i}].evidence.signals[{k}].scope", s.scope) for k, s in enumerate(signals)
        ]
    return named


def levels_text(numbers: Sequence[int]) -> str:
    """Level numbers as a sentence lists them: "2, 3 and 4"."""
    *rest, last = (str(n) for n in numbers)
    return f"{', '.join(rest)} and {last}" if rest else last
