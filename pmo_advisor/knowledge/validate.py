"""Validating the knowledge base as a whole.

Each file is checked against its schema with pydantic (unknown keys, missing keys, bad
types), then the checks that span records and files run: duplicate ids, references to
focus areas, activities and courses that do not exist, prerequisite cycles. Every
problem is reported with its file and key path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pmo_advisor.knowledge.records import (
    RECORD_CONFIG,
    SCOPES,
    Activity,
    Course,
    FocusArea,
    Level,
    ScopeInfo,
    Title,
    TitleWords,
)
from pmo_advisor.text import clean, is_safe


@dataclass(frozen=True)
class _ScopesFile:
    __pydantic_config__ = RECORD_CONFIG
    scopes: tuple[ScopeInfo, ...]


@dataclass(frozen=True)
class _FocusFile:
    __pydantic_config__ = RECORD_CONFIG
    focus: tuple[FocusArea, ...]


@dataclass(frozen=True)
class _ActivitiesFile:
    __pydantic_config__ = RECORD_CONFIG
    activities: tuple[Activity, ...]


@dataclass(frozen=True)
class _LevelsFile:
    __pydantic_config__ = RECORD_CONFIG
    levels: tuple[Level, ...]


@dataclass(frozen=True)
class _TitlesFile:
    __pydantic_config__ = RECORD_CONFIG
    titles: tuple[Title, ...]


@dataclass(frozen=True)
class _CoursesFile:
    __pydantic_config__ = RECORD_CONFIG
    courses: tuple[Course, ...]


#: Each data file: its schema, the key holding its records (None: the whole file is the
#: record), and the Knowledge field the records go to.
FILES: dict[str, tuple[type[Any], str | None, str]] = {
    "scopes.yaml": (_ScopesFile, "scopes", "scopes"),
    "focus.yaml": (_FocusFile, "focus", "focus_areas"),
    "activities.yaml": (_ActivitiesFile, "activities", "activities"),
    "levels.yaml": (_LevelsFile, "levels", "levels"),
    "titles.yaml": (_TitlesFile, "titles", "titles"),
    "courses.yaml": (_CoursesFile, "courses", "courses"),
    "title_words.yaml": (TitleWords, None, "title_words"),
}

_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

#: Records by Knowledge field, ready to build a Knowledge from.
Records = dict[str, Any]


def validate(texts: Mapping[str, str], label: Callable[[str], str]) -> tuple[Records, list[str]]:
    """The records in the data files' texts, and every problem found (empty when valid).

    ``label`` turns a file name into the name problems are reported under.
    """
    # Imported here: a cached knowledge base is checked with check_records alone, which
    # needs neither the YAML parser nor pydantic.
    from pydantic import TypeAdapter, ValidationError

    from pmo_advisor.yamlio import YamlProblem, load_yaml_text

    records: Records = {}
    problems: list[str] = []
    for file_name, (schema, key, field) in FILES.items():
        where = label(file_name)
        try:
            document = load_yaml_text(texts[file_name])
            unsafe = _unsafe_text(document, where)
            if unsafe:
                problems.extend(unsafe)
                continue
            # Validated as JSON: strict mode then refuses "1" for 1 or "yes" for true,
            # while a YAML list still fills a tuple.
            as_json = json.dumps(document, allow_nan=False, default=str)
            validated = TypeAdapter(schema).validate_json(as_json)
            records[field] = validated if key is None else getattr(validated, key)
        except YamlProblem as exc:
            problems.append(f"{where}: {exc}")
        except ValidationError as exc:
            problems.extend(f"{where}: {_path(e['loc'])}: {_describe(e)}" for e in exc.errors())
        except ValueError:
            problems.append(f"{where}: holds a number that is not finite")
    if not problems:
        problems = _cross_check(records, label)
    return records, problems


def check_records(records: Records) -> list[str]:
    """Every problem in records rebuilt from the cache, by the checks that need no schema:
    those across records and files, and text a terminal would act on."""
    problems = _cross_check(records, lambda file_name: file_name)
    stack: list[Any] = list(records.values())
    while stack and not problems:
        value = stack.pop()
        if isinstance(value, str):
            if not is_safe(value):
                problems.append(f"holds a control character ({clean(value)[:60]})")
        elif isinstance(value, tuple | list):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif hasattr(value, "__dataclass_fields__"):
            stack.extend(getattr(value, name) for name in value.__dataclass_fields__)
    return problems


def _unsafe_text(document: Any, where: str) -> list[str]:
    """A problem for each text in a data file that holds a character a terminal acts on
    (escape sequences, other controls, bidirectional overrides): data is shown to people
    as it is written, so it must say only what it seems to say."""
    problems: list[str] = []
    stack: list[tuple[Any, tuple[int | str, ...]]] = [(document, ())]
    while stack:
        value, loc = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                stack.append((key, loc))
                stack.append((item, (*loc, str(key))))
        elif isinstance(value, list):
            stack.extend((item, (*loc, index)) for index, item in enumerate(value))
        elif isinstance(value, str) and not is_safe(value):
            problems.append(
                f"{where}: {_path(loc)}: holds a control character"
                f" ({clean(value)[:60]}); write plain text"
            )
    return sorted(problems)


def _path(loc: Iterable[int | str]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _describe(err: Mapping[str, Any]) -> str:
    kind = err["type"]
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return "unknown key"
    if kind == "missing":
        return "missing required key"
    if kind in ("model_type", "dataclass_type", "dataclass_args_type"):
        return "must be a mapping of keys to values"
    return f"{err['msg']} (got {_short(err.get('input'))})"


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _cross_check(records: Records, label: Callable[[str], str]) -> list[str]:
    problems: list[str] = []
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
        ("focus.yaml", "focus", [f.id for f in focus]),
        ("activities.yaml", "activities", [a.id for a in activities]),
        ("courses.yaml", "courses", [c.id for c in courses]),
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

    if tuple(s.id for s in scopes) != SCOPES:
        problems.append(f"{label('scopes.yaml')}: scopes: must list {', '.join(SCOPES)} in order")
    if tuple(lv.number for lv in levels) != (1, 2, 3, 4):
        problems.append(f"{label('levels.yaml')}: levels: must list levels 1, 2, 3 and 4 in order")

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
    problems.extend(_prerequisite_cycles(courses, label("courses.yaml")))
    words: TitleWords = records["title_words"]
    for index, item in enumerate(words.seniority):
        if " " in item.word.strip() or item.word != item.word.lower():
            problems.append(
                f"{label('title_words.yaml')}: seniority[{index}].word: must be one lowercase word"
            )
    for number in range(1, 5):
        if not any(a.level == number for a in activities):
            problems.append(
                f"{label('activities.yaml')}: activities: no activity at level {number}"
            )
        if not any(number in t.levels for t in titles):
            problems.append(f"{label('titles.yaml')}: titles: no title at level {number}")
    return problems


def _prerequisite_cycles(courses: Sequence[Course], label: str) -> list[str]:
    requires = {c.id: c.prerequisites for c in courses}
    problems: list[str] = []
    for index, course in enumerate(courses):
        stack = list(course.prerequisites)
        seen: set[str] = set()
        while stack:
            current = stack.pop()
            if current == course.id:
                problems.append(
                    f"{label}: courses[{index}].prerequisites: {course.id!r} depends on itself"
                    " through its prerequisites"
                )
                break
            if current not in seen:
                seen.add(current)
                stack.extend(requires.get(current, ()))
    return problems
