"""The title grammar's records (``data/title_grammar.yaml``): the parts a recruiter
reads in a job title no list holds, each rule with the reason it reads as it does."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pmo_advisor.knowledge.records import RECORD_CONFIG, Flag, Id, ScopeId, bounds


@dataclass(frozen=True)
class OfficeWords:
    """A grammar rule: phrases naming an office (or a scope: a project, programme or
    portfolio) and the kind of PMO they mean."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    phrases: Annotated[tuple[Annotated[str, bounds.Len(1, 60)], ...], bounds.Len(1, 20)]
    pmo_type: ScopeId | None
    why: bounds.Text
    #: An office over other offices (an enterprise PMO).
    several: Flag = False


@dataclass(frozen=True)
class TitleFunction:
    """A grammar rule: a word naming the job itself, and its usual levels."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    word: Annotated[str, bounds.Len(1, 40)]
    role: Literal["support", "analyst", "manager", "director"]
    levels: Annotated[tuple[bounds.LevelNumber, ...], bounds.Len(1, 2)]
    why: bounds.Text
    #: The levels in an office's title ("Programme Office Co-ordinator").
    in_office: Annotated[tuple[bounds.LevelNumber, ...], bounds.Len(1, 2)] | None = None
    #: The levels beside a project, programme or portfolio ("Project Officer").
    scoped: Annotated[tuple[bounds.LevelNumber, ...], bounds.Len(1, 2)] | None = None
    #: The levels beside a specialism ("Risk Co-ordinator").
    with_specialism: Annotated[tuple[bounds.LevelNumber, ...], bounds.Len(1, 2)] | None = None
    #: The levels heading one project or programme office ("Head of Programme Office").
    one_office: Annotated[tuple[bounds.LevelNumber, ...], bounds.Len(1, 2)] | None = None
    #: The levels in an office over other offices ("EPMO Manager").
    several_offices: Annotated[tuple[bounds.LevelNumber, ...], bounds.Len(1, 2)] | None = None
    #: Takes its kind from a function word before it ("Support Officer").
    weak: Flag = False
    #: Beside a project, programme or portfolio alone, a delivery job ("Programme
    #: Lead"): read by its parts only with an office or a specialism.
    needs_office: Flag = False


@dataclass(frozen=True)
class TitleSpecialism:
    """A grammar rule: phrases naming a specialism, by focus area."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    phrases: Annotated[tuple[Annotated[str, bounds.Len(1, 60)], ...], bounds.Len(1, 20)]
    focus: Id
    why: bounds.Text
    #: The phrases alone place a job in change work.
    anchors: Flag = False


@dataclass(frozen=True)
class TitleGrade:
    """A grammar rule: a seniority or corporate grade word and how it reads."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    phrases: Annotated[tuple[Annotated[str, bounds.Len(1, 60)], ...], bounds.Len(1, 20)]
    why: bounds.Text
    #: A corporate grade's levels, replacing the function's.
    levels: Annotated[tuple[bounds.LevelNumber, ...], bounds.Len(1, 2)] | None = None
    #: A corporate grade's levels where it heads one office.
    one_office: Annotated[tuple[bounds.LevelNumber, ...], bounds.Len(1, 2)] | None = None
    #: An entry role: level 1, whatever the title.
    entry: Flag = False
    #: How a seniority word widens the function's levels.
    reach: Literal["up", "down", "none"] = "none"


@dataclass(frozen=True)
class OtherProfession:
    """A grammar rule: context words that make a title another profession's."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    phrases: Annotated[tuple[Annotated[str, bounds.Len(1, 60)], ...], bounds.Len(1, 30)]
    #: Why, as the reader is told.
    reason: bounds.Text


@dataclass(frozen=True)
class TitleGrammar:
    """The parts a recruiter reads in a title no list holds (title_grammar.yaml)."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    offices: tuple[OfficeWords, ...]
    scopes: tuple[OfficeWords, ...]
    functions: tuple[TitleFunction, ...]
    specialisms: tuple[TitleSpecialism, ...]
    grades: tuple[TitleGrade, ...]
    other_professions: tuple[OtherProfession, ...]


if TYPE_CHECKING:
    from pmo_advisor.knowledge.records import FocusArea


def grammar_problems(
    grammar: TitleGrammar, focus: Sequence[FocusArea], label: Callable[[str], str]
) -> list[str]:
    """Grammar phrases as titles are read (lowercase, each in one rule of its kind),
    levels lowest first, and specialisms of known focus areas."""
    where = label("title_grammar.yaml")
    problems: list[str] = []
    focus_ids = {f.id for f in focus}
    kinds: dict[str, Sequence[Any]] = {
        "offices": grammar.offices,
        "scopes": grammar.scopes,
        "specialisms": grammar.specialisms,
        "grades": grammar.grades,
        "other_professions": grammar.other_professions,
    }
    for kind, rules in kinds.items():
        seen: set[str] = set()
        for i, rule in enumerate(rules):
            for j, phrase in enumerate(rule.phrases):
                if phrase != phrase.lower() or phrase != " ".join(phrase.split()):
                    problems.append(
                        f"{where}: {kind}[{i}].phrases[{j}]: must be lowercase words, as"
                        " titles are read lowercased"
                    )
                if phrase in seen:
                    problems.append(
                        f"{where}: {kind}[{i}].phrases[{j}]: {phrase!r} is listed twice"
                    )
                seen.add(phrase)
    for i, function in enumerate(grammar.functions):
        if " " in function.word or function.word != function.word.lower():
            problems.append(f"{where}: functions[{i}].word: must be one lowercase word")
    for i, specialism in enumerate(grammar.specialisms):
        if specialism.focus not in focus_ids:
            problems.append(
                f"{where}: specialisms[{i}].focus: unknown focus area {specialism.focus!r}"
            )
    levelled = [
        (f"functions[{i}].{key}", getattr(f, key))
        for i, f in enumerate(grammar.functions)
        for key in (
            "levels",
            "in_office",
            "scoped",
            "with_specialism",
            "one_office",
            "several_offices",
        )
    ] + [
        (f"grades[{i}].{key}", getattr(g, key))
        for i, g in enumerate(grammar.grades)
        for key in ("levels", "one_office")
    ]
    problems.extend(
        f"{where}: {at}: list each level once, lowest first"
        for at, levels in levelled
        if levels is not None and list(levels) != sorted(set(levels))
    )
    return problems
