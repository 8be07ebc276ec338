"""The knowledge base: loads ``data/*.yaml`` once, validates it as a whole, indexes it.

Every problem is reported with the file and the key path it sits at, for example
``data/titles.yaml: titles[4].focus[0]: unknown focus area 'planing'``, and stops the
program with exit code 3 (see :class:`~pmo_advisor.errors.KnowledgeError`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints, ValidationError

from pmo_advisor.errors import KnowledgeError
from pmo_advisor.yamlio import YamlProblem, load_yaml_text

#: Environment variable naming a directory that replaces the shipped knowledge base.
DATA_ENV = "PMO_ADVISOR_DATA"

Scope = Literal["project", "programme", "portfolio", "enterprise"]
#: Scopes from the narrowest to the widest; the rules rely on this order.
SCOPES: tuple[Scope, ...] = ("project", "programme", "portfolio", "enterprise")

Id = Annotated[str, Strict(), StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=2000)]
LevelNumber = Annotated[int, Strict(), Field(ge=1, le=4)]
CourseKind = Literal["certification", "specialist course", "eLearning", "coaching"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScopeInfo(_Record):
    """One kind of PMO a person can work in."""

    id: Scope
    name: Text
    description: Text


class FocusArea(_Record):
    """Something a PMO's work can centre on, such as reporting or planning."""

    id: Id
    name: Text
    description: Text


class Activity(_Record):
    """A responsibility a person carries regularly, tied to one level of the ladder."""

    id: Id
    level: LevelNumber
    #: A verb phrase that reads after "You ...", e.g. "line-manage PMO staff".
    does: Text
    focus: Id | None = None


class Typical(_Record):
    """What people at a level usually bring; supports a placement, never decides it."""

    min_years: Annotated[float, Strict(), Field(ge=0, le=60)]
    min_scope: Scope
    min_team: Annotated[int, Strict(), Field(ge=0)]


class Level(_Record):
    """One rung of the four-level PMO career ladder."""

    number: LevelNumber
    stage: Text
    title: Text
    summary: Text
    pmo_types: tuple[Scope, ...] = Field(min_length=1)
    knowledge: tuple[Text, ...] = Field(min_length=1)
    skills: tuple[Text, ...] = Field(min_length=1)
    typical: Typical
    experience_note: Text
    #: One line on what moves a person from this level to the next (none at the top).
    moves_up: Text | None = None


class Title(_Record):
    """A job title and the level or levels it usually means."""

    name: Text
    levels: tuple[LevelNumber, ...] = Field(min_length=1, max_length=2)
    pmo_type: Scope | None
    focus: tuple[Id, ...] = ()
    #: For a title at two levels: what tells the two apart.
    decided_by: Text | None = None

    @property
    def is_specialist(self) -> bool:
        """Specialist titles are the ones tied to focus areas."""
        return bool(self.focus)


class Course(_Record):
    """A course, certification or coaching offer in the catalogue."""

    id: Id
    name: Text
    kind: CourseKind
    levels: tuple[LevelNumber, ...] = Field(min_length=1)
    summary: Text
    core: bool = False
    length: Text | None = None
    focus: tuple[Id, ...] = ()
    activities: tuple[Id, ...] = ()
    prerequisites: tuple[Id, ...] = ()
    prerequisite_note: Text | None = None


class _ScopesFile(_Record):
    scopes: tuple[ScopeInfo, ...]


class _FocusFile(_Record):
    focus: tuple[FocusArea, ...]


class _ActivitiesFile(_Record):
    activities: tuple[Activity, ...]


class _LevelsFile(_Record):
    levels: tuple[Level, ...]


class _TitlesFile(_Record):
    titles: tuple[Title, ...]


class _CoursesFile(_Record):
    courses: tuple[Course, ...]


_FILES: dict[str, type[_Record]] = {
    "scopes.yaml": _ScopesFile,
    "focus.yaml": _FocusFile,
    "activities.yaml": _ActivitiesFile,
    "levels.yaml": _LevelsFile,
    "titles.yaml": _TitlesFile,
    "courses.yaml": _CoursesFile,
}


@dataclass(frozen=True)
class Knowledge:
    """The whole validated knowledge base, with lookups by id.

    Tuples keep the order of the data files, which is the order things are shown in.
    """

    scopes: tuple[ScopeInfo, ...]
    focus_areas: tuple[FocusArea, ...]
    activities: tuple[Activity, ...]
    levels: tuple[Level, ...]
    titles: tuple[Title, ...]
    courses: tuple[Course, ...]
    _scope_by_id: Mapping[str, ScopeInfo] = field(init=False, repr=False)
    _focus_by_id: Mapping[str, FocusArea] = field(init=False, repr=False)
    _activity_by_id: Mapping[str, Activity] = field(init=False, repr=False)
    _course_by_id: Mapping[str, Course] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_scope_by_id", {s.id: s for s in self.scopes})
        object.__setattr__(self, "_focus_by_id", {f.id: f for f in self.focus_areas})
        object.__setattr__(self, "_activity_by_id", {a.id: a for a in self.activities})
        object.__setattr__(self, "_course_by_id", {c.id: c for c in self.courses})

    def level(self, number: int) -> Level:
        """The level with this number (1-4)."""
        return self.levels[number - 1]

    def scope(self, scope_id: str) -> ScopeInfo:
        """The scope with this id."""
        return self._scope_by_id[scope_id]

    def focus_area(self, focus_id: str) -> FocusArea:
        """The focus area with this id."""
        return self._focus_by_id[focus_id]

    def activity(self, activity_id: str) -> Activity:
        """The activity with this id."""
        return self._activity_by_id[activity_id]

    def course(self, course_id: str) -> Course:
        """The course with this id."""
        return self._course_by_id[course_id]

    def titles_at(self, level: int) -> tuple[Title, ...]:
        """Every title that can mean this level, in data order."""
        return tuple(t for t in self.titles if level in t.levels)

    def activities_at(self, level: int) -> tuple[Activity, ...]:
        """Every activity that belongs to this level, in data order."""
        return tuple(a for a in self.activities if a.level == level)

    @property
    def scope_ids(self) -> tuple[str, ...]:
        """Scope ids, narrowest first."""
        return tuple(self._scope_by_id)

    @property
    def focus_ids(self) -> tuple[str, ...]:
        """Focus area ids in data order."""
        return tuple(self._focus_by_id)

    @property
    def activity_ids(self) -> tuple[str, ...]:
        """Activity ids in data order."""
        return tuple(self._activity_by_id)

    @property
    def course_ids(self) -> tuple[str, ...]:
        """Course ids in data order."""
        return tuple(self._course_by_id)


def default_data_dir() -> Traversable:
    """Where the knowledge base is read from.

    ``PMO_ADVISOR_DATA`` names another directory; otherwise the copy shipped inside the
    package is used, or, in a source checkout, the repository's ``data/``.
    """
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override)
    packaged = resources.files("pmo_advisor") / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "data"


@cache
def load_knowledge(data_dir: Traversable | None = None) -> Knowledge:
    """Load and validate the knowledge base once; raise KnowledgeError on any problem."""
    directory = default_data_dir() if data_dir is None else data_dir
    if not directory.is_dir():
        raise KnowledgeError(
            f"knowledge base not found: {directory} is not a directory",
            f"Point {DATA_ENV} at a directory holding the data files, or unset it.",
        )
    parsed: dict[str, Any] = {}
    problems: list[str] = []
    for file_name, model in _FILES.items():
        label = f"{directory}/{file_name}" if isinstance(directory, Path) else f"data/{file_name}"
        try:
            parsed[file_name] = _read_file(directory / file_name, label, model)
        except _FileProblems as exc:
            problems.extend(exc.problems)
    if not problems:
        problems = _cross_check(parsed, directory)
    if problems:
        raise KnowledgeError(
            "invalid knowledge base:\n" + "\n".join(f"  {p}" for p in problems[:20]),
            _more(problems) + "Fix the data files (or unset " + DATA_ENV + ") and try again.",
        )
    return Knowledge(
        scopes=parsed["scopes.yaml"].scopes,
        focus_areas=parsed["focus.yaml"].focus,
        activities=parsed["activities.yaml"].activities,
        levels=parsed["levels.yaml"].levels,
        titles=parsed["titles.yaml"].titles,
        courses=parsed["courses.yaml"].courses,
    )


def _more(problems: Sequence[str]) -> str:
    hidden = len(problems) - 20
    return f"({hidden} more problems not shown.)\n" if hidden > 0 else ""


class _FileProblems(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems)
        self.problems = problems


def _read_file(path: Traversable, label: str, model: type[_Record]) -> _Record:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _FileProblems([f"{label}: file is missing"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _FileProblems([f"{label}: cannot be read ({exc})"]) from None
    try:
        document = load_yaml_text(text)
    except YamlProblem as exc:
        raise _FileProblems([f"{label}: {exc}"]) from None
    try:
        return model.model_validate(document)
    except ValidationError as exc:
        raise _FileProblems(
            [f"{label}: {_path(err['loc'])}: {_describe(err)}" for err in exc.errors()]
        ) from None


def _path(loc: Iterable[int | str]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _describe(err: Mapping[str, Any]) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "missing required key"
    if kind == "model_type":
        return "must be a mapping of keys to values"
    return f"{err['msg']} (got {_short(err.get('input'))})"


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _cross_check(parsed: Mapping[str, Any], directory: Traversable) -> list[str]:
    """Checks that span records or files: duplicate ids and dangling references."""
    problems: list[str] = []

    def label(file_name: str) -> str:
        return f"{directory}/{file_name}" if isinstance(directory, Path) else f"data/{file_name}"

    def unique(file_name: str, key: str, ids: Sequence[object], what: str) -> None:
        seen: set[object] = set()
        for index, value in enumerate(ids):
            if value in seen:
                problems.append(f"{label(file_name)}: {key}[{index}]: duplicate {what} {value!r}")
            seen.add(value)

    scopes = parsed["scopes.yaml"].scopes
    focus = parsed["focus.yaml"].focus
    activities = parsed["activities.yaml"].activities
    levels = parsed["levels.yaml"].levels
    titles = parsed["titles.yaml"].titles
    courses = parsed["courses.yaml"].courses

    unique("scopes.yaml", "scopes", [s.id for s in scopes], "scope id")
    unique("focus.yaml", "focus", [f.id for f in focus], "focus area id")
    unique("activities.yaml", "activities", [a.id for a in activities], "activity id")
    unique("levels.yaml", "levels", [lv.number for lv in levels], "level number")
    unique("titles.yaml", "titles", [t.name.casefold() for t in titles], "title")
    unique("courses.yaml", "courses", [c.id for c in courses], "course id")

    if tuple(s.id for s in scopes) != SCOPES:
        problems.append(
            f"{label('scopes.yaml')}: scopes: must list {', '.join(SCOPES)} in that order"
        )
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
    for number in range(1, 5):
        if levels and not any(a.level == number for a in activities):
            problems.append(
                f"{label('activities.yaml')}: activities: no activity at level {number}"
            )
        if levels and not any(number in t.levels for t in titles):
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
