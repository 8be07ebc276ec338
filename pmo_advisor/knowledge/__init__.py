"""The knowledge base: the data files under ``data/``, loaded and validated once.

:func:`load_knowledge` reads every data file, validates them as a whole
(:mod:`~pmo_advisor.knowledge.validate`) and returns a :class:`Knowledge` with lookups
by id. Any problem stops the program with exit code 3 and names the file and key path,
for example ``data/titles.yaml: titles[4].focus[0]: unknown focus area 'planing'``.
A valid knowledge base is cached (:mod:`~pmo_advisor.knowledge.cache`), so later runs
skip the YAML parser and validation altogether.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from pmo_advisor.errors import KnowledgeError
from pmo_advisor.knowledge import cache
from pmo_advisor.knowledge.datafiles import MAX_DATA_FILE_BYTES, read_files, validate_files
from pmo_advisor.knowledge.keys import course_key
from pmo_advisor.knowledge.plan_records import PlanRules
from pmo_advisor.knowledge.records import (
    Activity,
    Course,
    CourseKind,
    DeliveryBackground,
    DeliveryExperience,
    DeliveryMode,
    DeliveryRole,
    Evidence,
    FocusArea,
    Level,
    Market,
    Routes,
    Scope,
    ScopeInfo,
    Seniority,
    Signal,
    Title,
    TitleWords,
    Track,
    Typical,
)
from pmo_advisor.prose import LIST_SEPARATOR

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from pmo_advisor.knowledge.advert_phrases import AdvertPhrases
    from pmo_advisor.knowledge.title_grammar import TitleGrammar

__all__ = [
    "DATA_ENV",
    "MAX_DATA_FILE_BYTES",
    "Activity",
    "Course",
    "CourseKind",
    "DeliveryBackground",
    "DeliveryExperience",
    "DeliveryMode",
    "DeliveryRole",
    "Evidence",
    "FocusArea",
    "Knowledge",
    "Level",
    "Market",
    "PlanRules",
    "Routes",
    "Scope",
    "ScopeInfo",
    "Seniority",
    "Signal",
    "Title",
    "TitleWords",
    "Track",
    "Typical",
    "course_key",
    "load_knowledge",
]

#: Environment variable naming a directory that replaces the shipped knowledge base.
DATA_ENV = "PMO_ADVISOR_DATA"


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
    title_words: TitleWords
    #: How titles no list holds are read by their parts (title_grammar.yaml), kept
    #: pickled as the advert phrases are: only reading a title uses it
    #: (:attr:`title_grammar`).
    title_grammar_pickled: bytes = field(repr=False)
    delivery: DeliveryExperience
    #: Delivery job titles (titles.yaml): recognised, but never matched to a PMO title.
    delivery_roles: tuple[DeliveryRole, ...]
    #: What shapes a development plan (plan.yaml).
    plan: PlanRules
    #: Where people work, in the order they are offered (markets.yaml).
    markets: tuple[Market, ...]
    #: The kinds of course the catalogue holds (courses.yaml's ``kinds``).
    course_kinds: tuple[str, ...]
    #: How a job advert's text is read (advert_phrases.yaml), validated and kept
    #: pickled: only the advert command reads it (:attr:`advert_phrases`), so that no
    #: other command spends its start-up defining the record classes.
    advert_phrases_pickled: bytes = field(repr=False)
    _scope_by_id: Mapping[str, ScopeInfo] = field(init=False, repr=False)
    _focus_by_id: Mapping[str, FocusArea] = field(init=False, repr=False)
    _activity_by_id: Mapping[str, Activity] = field(init=False, repr=False)
    _course_by_id: Mapping[str, Course] = field(init=False, repr=False)
    _background_by_id: Mapping[str, DeliveryBackground] = field(init=False, repr=False)
    _market_by_id: Mapping[str, Market] = field(init=False, repr=False)
    _course_by_key: Mapping[str, str] = field(init=False, repr=False)
    #: Each course's other ways of being taken (``same_as``, both ways round).
    _course_alternatives: Mapping[str, tuple[str, ...]] = field(init=False, repr=False)
    #: What each course counts as: its ``satisfies``, followed through.
    _counts_as: Mapping[str, frozenset[str]] = field(init=False, repr=False)
    #: The courses that may be recommended at each level, in the catalogue's order.
    _recommendable_at: Mapping[int, tuple[Course, ...]] = field(init=False, repr=False)
    #: The names and aliases that hold a list separator, which a list may have cut.
    _course_by_cut_key: Mapping[str, str] = field(init=False, repr=False)
    _most_pieces: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_scope_by_id", {s.id: s for s in self.scopes})
        object.__setattr__(self, "_focus_by_id", {f.id: f for f in self.focus_areas})
        object.__setattr__(self, "_activity_by_id", {a.id: a for a in self.activities})
        object.__setattr__(self, "_course_by_id", {c.id: c for c in self.courses})
        backgrounds = {b.id: b for b in self.delivery.backgrounds}
        object.__setattr__(self, "_background_by_id", backgrounds)
        object.__setattr__(self, "_market_by_id", {m.id: m for m in self.markets})
        alternatives: dict[str, list[str]] = {}
        for course in self.courses:
            if course.same_as is not None:
                alternatives.setdefault(course.same_as, []).append(course.id)
                alternatives.setdefault(course.id, []).append(course.same_as)
        object.__setattr__(
            self, "_course_alternatives", {k: tuple(v) for k, v in alternatives.items()}
        )
        by_level = {
            lv.number: tuple(c for c in self.courses if c.recommendable and lv.number in c.levels)
            for lv in self.levels
        }
        object.__setattr__(self, "_recommendable_at", by_level)
        object.__setattr__(self, "_counts_as", {c.id: self._satisfied_by(c) for c in self.courses})
        # Names and aliases first, ids last: an id always means its own course.
        keys = {course_key(s): c.id for c in self.courses for s in (c.name, *c.aliases)}
        keys.update({c.id: c.id for c in self.courses})
        object.__setattr__(self, "_course_by_key", keys)
        cut = [
            (s, c.id)
            for c in self.courses
            for s in (c.name, *c.aliases)
            if LIST_SEPARATOR.search(s)
        ]
        object.__setattr__(self, "_course_by_cut_key", {course_key(s): i for s, i in cut})
        pieces = max((len(LIST_SEPARATOR.findall(s)) + 1 for s, _ in cut), default=1)
        object.__setattr__(self, "_most_pieces", pieces)

    @functools.cached_property
    def title_grammar(self) -> TitleGrammar:
        """How titles no list holds are read by their parts (title_grammar.yaml)."""
        import pickle

        found: TitleGrammar = pickle.loads(self.title_grammar_pickled)
        return found

    @functools.cached_property
    def advert_phrases(self) -> AdvertPhrases:
        """How a job advert's text is read (advert_phrases.yaml)."""
        import pickle

        found: AdvertPhrases = pickle.loads(self.advert_phrases_pickled)
        return found

    def level(self, number: int) -> Level:
        """The level with this number (1 to :attr:`top_level`)."""
        return self.levels[number - 1]

    @property
    def level_numbers(self) -> tuple[int, ...]:
        """The levels' numbers, lowest first: 1, 2, ... as many as levels.yaml holds."""
        return tuple(lv.number for lv in self.levels)

    @property
    def top_level(self) -> int:
        """The number of the highest level, which has no level above it."""
        return self.levels[-1].number

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

    def _satisfied_by(self, course: Course) -> frozenset[str]:
        found: set[str] = set()
        stack = list(course.satisfies)
        while stack:
            course_id = stack.pop()
            if course_id not in found:
                found.add(course_id)
                stack += self._course_by_id[course_id].satisfies
        return frozenset(found)

    def counts_as(self, course_id: str) -> frozenset[str]:
        """Every course this one counts as: those it satisfies, followed through (APM's
        PPQ counts as its PMQ, and so as what the PMQ counts as)."""
        return self._counts_as[course_id]

    def recommendable_at(self, number: int) -> tuple[Course, ...]:
        """The courses that may be recommended at a level (see ``Course.recommendable``),
        in the catalogue's order."""
        return self._recommendable_at.get(number, ())

    def alternatives_of(self, course_id: str) -> tuple[str, ...]:
        """The other ways of taking a course: the courses it is the same as (``same_as``)
        and those that are the same as it."""
        return self._course_alternatives.get(course_id, ())

    def background(self, background_id: str) -> DeliveryBackground:
        """The delivery background with this id."""
        return self._background_by_id[background_id]

    def market(self, market_id: str) -> Market:
        """The market with this id."""
        return self._market_by_id[market_id]

    def course_id_for(self, text: str) -> str | None:
        """The id of the course a text names (its id, name or an alias, in any case and
        with or without trade-mark signs), or None."""
        return self._course_by_key.get(course_key(text))

    def courses_named(self, items: Sequence[str]) -> tuple[list[str], list[str]]:
        """The ids of the courses a list of texts names, in the order given, and the texts
        that name none.

        A few course names hold a comma ("Project, Programme & Portfolio Governance..."),
        and a list written as comma-separated text cuts such a name into pieces; pieces
        side by side that together make one of those names count as its course.
        """
        found: list[str] = []
        unknown: list[str] = []
        index = 0
        while index < len(items):
            for end in range(min(len(items), index + self._most_pieces), index + 1, -1):
                course = self._course_by_cut_key.get(course_key(",".join(items[index:end])))
                if course is not None:
                    found.append(course)
                    index = end
                    break
            else:
                course = self.course_id_for(items[index])
                if course is None:
                    unknown.append(items[index])
                else:
                    found.append(course)
                index += 1
        return found, unknown

    @property
    def course_spellings(self) -> Mapping[str, str]:
        """Every accepted spelling of a course, compared as :func:`course_key` makes it,
        with the course id it means."""
        return self._course_by_key

    def focus_of(self, activity_ids: Iterable[str]) -> tuple[str, ...]:
        """The focus areas these activities point to, in focus-area order; unknown
        activity ids are passed over."""
        implied = {self._activity_by_id[a].focus for a in activity_ids if a in self._activity_by_id}
        return tuple(f for f in self.focus_ids if f in implied)

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

    def scope_rank(self, scope_id: str) -> int:
        """How wide a scope is: 0 for the narrowest, one more for each wider one."""
        return self.scope_ids.index(scope_id)

    def scope_id_for(self, text: str) -> str | None:
        """The scope a text names: its id in any case or plural, or a spelling of it the
        title words know ("program" is the programme scope), or None."""
        word = text.strip().casefold()
        word = self.title_words.spellings.get(word, word)
        if word not in self._scope_by_id and word.endswith("s"):
            word = word[:-1]  # "projects", "portfolios"
        return word if word in self._scope_by_id else None

    @property
    def focus_ids(self) -> tuple[str, ...]:
        """Focus area ids in data order."""
        return tuple(self._focus_by_id)

    @property
    def activity_ids(self) -> tuple[str, ...]:
        """Activity ids in data order."""
        return tuple(self._activity_by_id)

    @property
    def delivery_ids(self) -> tuple[str, ...]:
        """Delivery background ids in data order."""
        return tuple(self._background_by_id)

    @property
    def course_ids(self) -> tuple[str, ...]:
        """Course ids in data order."""
        return tuple(self._course_by_id)

    @property
    def market_ids(self) -> tuple[str, ...]:
        """Market ids in data order, the order they are offered in."""
        return tuple(self._market_by_id)

    def market_id_for(self, text: str) -> str | None:
        """The market a text names: its id, name or an alias, in any case, or None."""
        wanted = " ".join(text.replace("-", " ").split()).casefold()
        for market in self.markets:
            names = (market.id.replace("-", " "), market.name, *market.aliases)
            if wanted in {" ".join(n.replace("-", " ").split()).casefold() for n in names}:
                return market.id
        return None


#: The record modules whose records Knowledge keeps pickled until first read.
_READ_ON_FIRST_USE = ("title_grammar", "advert_phrases")


def _code() -> list[bytes]:
    """The source of this package's modules: what checks the data and shapes the records
    and indexes pickled. A cache made by other code (a checkout between releases, an
    index built another way) is then never unpickled into this code. Installed without
    its source, the package is told apart by its version alone."""
    sources = []
    for path in sorted(Path(__file__).parent.glob("*.py")):
        with contextlib.suppress(OSError):
            sources.append(path.read_bytes())
    return sources


def default_data_dir() -> Traversable:
    """Where the knowledge base is read from.

    ``PMO_ADVISOR_DATA`` names another directory; otherwise the copy shipped inside the
    package is used, or, in a source checkout, the repository's ``data/``.
    """
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override)
    package = Path(__file__).resolve().parents[1]
    if (package / "data").is_dir():
        # Installed as files, as pip does: no need for importlib.resources, whose
        # import costs start-up time.
        return package / "data"
    if package.is_dir():  # a source checkout: the repository's data/
        return package.parent / "data"
    return _archived_data()


@functools.lru_cache(maxsize=1)  # one package: the same object each time, which keys _loaded
def _archived_data() -> Traversable:
    from importlib import resources  # installed inside an archive

    return resources.files("pmo_advisor") / "data"


def load_knowledge(data_dir: Traversable | None = None) -> Knowledge:
    """The validated knowledge base in ``data_dir`` (default: :func:`default_data_dir`),
    loaded once per process.

    Raises KnowledgeError, naming every problem's file and key path, when it is invalid.
    """
    directory = default_data_dir() if data_dir is None else data_dir
    # Under a lock, so that threads asking at once build it once and all get the same
    # object (which keys the library's caches).
    with _LOADING:
        # A path is hashed by its value, the packaged archive's one object by identity.
        return _loaded(cast("Hashable", directory))


def forget() -> None:
    """Load the knowledge base afresh next time (for tests and long-lived callers)."""
    with _LOADING:
        _loaded.cache_clear()


_LOADING = threading.Lock()


#: A process reads one knowledge base; a few more (tests, a library caller comparing
#: two) stay loaded without holding on to every one ever read.
@functools.lru_cache(maxsize=8)
def _loaded(directory: Traversable) -> Knowledge:
    return _load(directory)


def _load(directory: Traversable) -> Knowledge:
    if not directory.is_dir():
        raise KnowledgeError(
            f"knowledge base not found: {directory} is not a directory",
            f"Point {DATA_ENV} at a directory holding the data files, or unset it.",
        )

    def label(file_name: str) -> str:
        if isinstance(directory, Path):
            return str(directory / file_name)
        return f"data/{file_name}"

    contents, problems = read_files(directory, label)
    if not problems:
        key = cache.cache_key(contents, _code())
        cached = cache.load(key, sum(len(data) for data in contents.values()))
        if isinstance(cached, Knowledge):
            return cached
        records, problems = validate_files(contents, label)
        if not problems:
            knowledge = Knowledge(**_deferred(records))
            cache.save(key, knowledge)
            return knowledge
    shown = "\n".join(f"  {p}" for p in problems[:20])
    more = f"({len(problems) - 20} more problems not shown.)\n" if len(problems) > 20 else ""
    raise KnowledgeError(
        "invalid knowledge base:\n" + shown,
        f"{more}Fix the data files (or unset {DATA_ENV}) and try again.",
    )


def _deferred(records: dict[str, Any]) -> dict[str, Any]:
    """The records as Knowledge holds them: the title grammar and the advert phrases
    pickled (see :attr:`Knowledge.title_grammar_pickled`)."""
    import pickle

    kept = dict(records)
    for name in _READ_ON_FIRST_USE:
        kept[f"{name}_pickled"] = pickle.dumps(kept.pop(name), pickle.HIGHEST_PROTOCOL)
    return kept
