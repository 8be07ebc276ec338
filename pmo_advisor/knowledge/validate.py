"""Validating the knowledge base as a whole.

Each file is checked against its schema with pydantic (unknown keys, missing keys, bad
types) and for text a terminal would act on; then the checks that span records and files
run (:mod:`~pmo_advisor.knowledge.crosscheck`). Every problem is reported with its file
and key path.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from pmo_advisor.knowledge.advert_phrases import AdvertPhrases
from pmo_advisor.knowledge.bounds import Len, MinLen
from pmo_advisor.knowledge.crosscheck import Records, cross_check
from pmo_advisor.knowledge.plan_records import PlanRules
from pmo_advisor.knowledge.records import (
    RECORD_CONFIG,
    Activity,
    Course,
    DeliveryExperience,
    DeliveryRole,
    FocusArea,
    Level,
    Market,
    ScopeInfo,
    Title,
    TitleWords,
)
from pmo_advisor.knowledge.title_grammar import TitleGrammar
from pmo_advisor.safetext import clean, is_safe

if TYPE_CHECKING:
    from pydantic import TypeAdapter


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
    delivery_roles: tuple[DeliveryRole, ...] = ()


@dataclass(frozen=True)
class _CoursesFile:
    __pydantic_config__ = RECORD_CONFIG
    #: The kinds of course the catalogue holds, in the order they are offered.
    kinds: Annotated[tuple[Annotated[str, Len(1, 40)], ...], MinLen(1)]
    courses: tuple[Course, ...]


@dataclass(frozen=True)
class _MarketsFile:
    __pydantic_config__ = RECORD_CONFIG
    markets: tuple[Market, ...]


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
    "title_grammar.yaml": (TitleGrammar, None, "title_grammar"),
    "delivery.yaml": (DeliveryExperience, None, "delivery"),
    "plan.yaml": (PlanRules, None, "plan"),
    "markets.yaml": (_MarketsFile, "markets", "markets"),
    "advert_phrases.yaml": (AdvertPhrases, None, "advert_phrases"),
}

#: Further records a file holds beside its main ones: (key, Knowledge field).
ALSO: dict[str, tuple[tuple[str, str], ...]] = {
    "titles.yaml": (("delivery_roles", "delivery_roles"),),
    "courses.yaml": (("kinds", "course_kinds"),),
}


@functools.lru_cache(maxsize=len(FILES))  # one a data file: built once, reused by reloads
def _adapter(file_name: str) -> TypeAdapter[Any]:
    """The pydantic validator for one data file's schema (:data:`FILES`). Building one
    costs more than validating the file with it, and a process that loads the data more
    than once (a changed data folder, a program that reloads it, the tests) needs each
    only once."""
    from pydantic import TypeAdapter

    return TypeAdapter(FILES[file_name][0])


def validate(texts: Mapping[str, str], label: Callable[[str], str]) -> tuple[Records, list[str]]:
    """The records in the data files' texts, and every problem found (empty when valid).

    ``label`` turns a file name into the name problems are reported under.
    """
    records: Records = {}
    problems: list[str] = []
    for file_name, (_, key, field) in FILES.items():
        validated, found = _validated(file_name, texts[file_name])
        if found:
            where = label(file_name)
            problems.extend(f"{where}: {problem}" for problem in found)
            continue
        records[field] = validated if key is None else getattr(validated, key)
        for other_key, other_field in ALSO.get(file_name, ()):
            records[other_field] = getattr(validated, other_key)
    if not problems:
        problems = cross_check(records, label)
    return records, problems


# Records are frozen (their few mappings are never changed once read), so a file read
# again unchanged (a data folder where one file changed, a program that reloads) shares
# the records read the first time. Enough for two versions of every file.
@functools.lru_cache(maxsize=2 * len(FILES))
def _validated(file_name: str, text: str) -> tuple[Any, tuple[str, ...]]:
    """One data file's text read against its schema: its record (None when there are
    problems) and the problems, each without the file's name."""
    # Imported here: a cached knowledge base needs neither the YAML parser nor pydantic.
    from pydantic import ValidationError

    from pmo_advisor.yamlio import YamlProblem, load_yaml_text

    try:
        document = load_yaml_text(text)
        unsafe = _unsafe_text(document)
        if unsafe:
            return None, tuple(unsafe)
        # Validated as JSON: strict mode then refuses "1" for 1 or "yes" for true,
        # while a YAML list still fills a tuple.
        as_json = json.dumps(document, allow_nan=False, default=str)
        return _adapter(file_name).validate_json(as_json), ()
    except YamlProblem as exc:
        return None, (str(exc),)
    except ValidationError as exc:
        return None, tuple(f"{_path(e['loc'])}: {_describe(e)}" for e in exc.errors())
    except ValueError:
        return None, ("holds a number that is not finite",)


def _unsafe_text(document: Any) -> list[str]:
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
                f"{_path(loc)}: holds a control character ({clean(value)[:60]}); write plain text"
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
