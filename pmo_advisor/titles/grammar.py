"""Reading a title by its parts, as a recruiter reads a title no list holds.

A title names an office (PMO, programme office, EPMO …) or a project, programme or
portfolio; a function, the job itself (administrator, analyst, manager …), with its
usual level; perhaps a specialism (planning, risk …) and seniority or grade words
("Senior", "Graduate", "AVP"). ``data/title_grammar.yaml`` lists every part and why it
reads as it does; this module puts the parts together. A title is read by its parts only
when it names a job and something that places it in change work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from pmo_advisor.knowledge.title_grammar import (
    OfficeWords,
    TitleFunction,
    TitleGrade,
    TitleGrammar,
    TitleSpecialism,
)

_Rule = TypeVar("_Rule")
#: A phrase found in a title's words: where it starts, where it ends, and its rule.
Found = tuple[int, int, _Rule]

#: Words shown in capitals when a reading is put into words.
_CAPITALS = frozenset({"pmo", "epmo", "tmo", "vmo", "coe", "p3o", "ppm", "mi", "raid", "sap", "pm"})
_ROLES = {
    "support": "a support role",
    "analyst": "an analyst-level role",
    "manager": "a manager's role",
    "director": "a director's role",
}


class PhraseIndex(Generic[_Rule]):
    """Finds phrases (tuples of words) in a title's words, longest first, never two
    over the same word."""

    def __init__(self, phrases: Iterable[tuple[str, _Rule]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], _Rule]]] = {}
        for phrase, rule in phrases:
            words = tuple(phrase.split())
            self._by_first.setdefault(words[0], []).append((words, rule))
        for entries in self._by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))

    def find(self, tokens: Sequence[str], skip: frozenset[int] = frozenset()) -> list[Found[_Rule]]:
        """Every phrase in ``tokens``, left to right, leaving out positions in ``skip``."""
        found: list[Found[_Rule]] = []
        i = 0
        while i < len(tokens):
            for words, rule in self._by_first.get(tokens[i], ()):
                end = i + len(words)
                if tuple(tokens[i:end]) == words and not skip.intersection(range(i, end)):
                    found.append((i, end, rule))
                    i = end
                    break
            else:
                i += 1
        return found


@dataclass(frozen=True, slots=True)
class GrammarReading:
    """A title read by its parts."""

    levels: tuple[int, ...]
    #: The parts in the reader's words ("programme office + administrator").
    parts: str
    #: What the parts make ("a support role").
    role: str
    focus: str | None
    pmo_type: str | None
    #: The title's words that decided the reading, as the translator reads them.
    deciding: frozenset[str]
    #: Why the parts read as they do.
    note: str
    #: Whether a corporate grade decided the level.
    graded: bool
    #: The seniority words read as grades ("senior", "graduate", "lead" before a job).
    grade_words: frozenset[str] = frozenset()


#: Offices a reading spells out, where the translator reads them as one word.
_SPELT_OUT = {
    "epmo": "enterprise PMO",
    "tmo": "transformation office",
    "vmo": "value management office",
    "coe": "centre of excellence",
}


def shown(phrase: str) -> str:
    """A phrase as a reading shows it: PMO and its kin in capitals, the offices the
    translator reads as one word spelt out."""
    return " ".join(
        _SPELT_OUT.get(w) or (w.upper() if w in _CAPITALS else w) for w in phrase.split()
    )


class GrammarReader:
    """Reads titles by their parts, as one knowledge base's grammar has them."""

    def __init__(self, grammar: TitleGrammar) -> None:
        self.offices = PhraseIndex((p, o) for o in grammar.offices for p in o.phrases)
        self._scopes = PhraseIndex((p, s) for s in grammar.scopes for p in s.phrases)
        self._specialisms = PhraseIndex((p, s) for s in grammar.specialisms for p in s.phrases)
        self._corporate = PhraseIndex(
            (p, g) for g in grammar.grades if g.levels is not None for p in g.phrases
        )
        self._grades = {
            p: g for g in grammar.grades if g.levels is None for p in g.phrases if " " not in p
        }
        self._functions = {f.word: f for f in grammar.functions}

    def office_in(self, segments: Sequence[tuple[str, ...]]) -> tuple[str, OfficeWords] | None:
        """The first office a title names, in any of its parts."""
        for tokens in segments:
            for start, end, office in self.offices.find(tokens):
                return " ".join(tokens[start:end]), office
        return None

    def read(self, segments: Sequence[tuple[str, ...]]) -> GrammarReading | None:
        """The title's reading by its parts, or None when its parts do not make a PMO
        job. ``segments`` are the title's parts, the title itself first."""
        head = next((s for s in segments if self._names_a_job(s)), None)
        if head is None:
            return None
        office = self.office_in([head, *segments])
        office_at = frozenset(
            i for start, end, _ in self.offices.find(head) for i in range(start, end)
        )
        graded = self._corporate.find(head)
        grade_at = frozenset(i for start, end, _ in graded for i in range(start, end))
        scope = next(iter(self._scopes.find(head, office_at | grade_at)), None)
        used = set(office_at | grade_at)
        if scope is not None:
            used.update(range(scope[0], scope[1]))
        specialisms = self._specialisms.find(head, frozenset(used))
        anchored = office is not None or scope is not None
        if not anchored and not any(s.anchors for _, _, s in specialisms):
            return None
        pmo_type = office[1].pmo_type if office else (scope[2].pmo_type if scope else None)
        parts = [shown(office[0])] if office else []
        if scope is not None:
            parts.append(" ".join(head[scope[0] : scope[1]]))
        # The job word's own specialism first ("Project Controls Scheduler" plans).
        last_job = max((i for i, w in enumerate(head) if w in self._functions), default=-1)
        specialism = next(
            (r for s, e, r in specialisms if s <= last_job < e),
            specialisms[0][2] if specialisms else None,
        )
        # A specialism the job word names itself ("Scheduler") is shown once.
        named = [
            (s, e) for s, e, _ in specialisms if any(w not in self._functions for w in head[s:e])
        ]
        parts += [" and ".join(self._specialism_shown(head[s:e]) for s, e in named)]
        used.update(i for s, e, _ in specialisms for i in range(s, e))
        if not named:
            parts.pop()
        focus = specialism.focus if specialism else None
        deciding = {head[i] for i in used} | ({*office[0].split()} if office else set())
        if graded:
            grade = graded[0][2]
            levels = _grade_levels(grade, office[1] if office else None)
            parts.append(" ".join(head[graded[0][0] : graded[0][1]]))
            note = grade.why
            return GrammarReading(
                levels,
                " + ".join(parts),
                "a grade",
                focus,
                pmo_type,
                frozenset(deciding),
                note,
                True,
            )
        words = [(i, w) for i, w in enumerate(head) if w in self._functions and i not in grade_at]
        i, word = words[-1]
        function = self._functions[word]
        if function.needs_office and office is None and specialism is None:
            return None
        weak = function.weak and len(words) > 1 and words[-2][0] == i - 1
        if weak:
            # "Support Officer": the officer does the work of the word before it, at
            # its usual level in any office (the seed's Project Support Officer is 1).
            function = self._functions[words[-2][1]]
        deciding.update(w for _, w in words)
        levels = _function_levels(function, office[1] if office else None, scope, specialism)
        if weak and specialism is None:
            levels = function.levels
        note = function.why
        parts.append(" ".join(w for _, w in words))
        grade_words: set[str] = set()
        for _, before in words[:-1]:
            # A job word before the job ("Lead PMO Analyst") is a grade, if it is one.
            widening = self._grades.get(before)
            if widening is not None and before != function.word:
                levels = reach_levels(levels, widening)
                grade_words.add(before)
        role = _ROLES[function.role]
        for word in head:
            seniority = self._grades.get(word)
            if seniority is not None and word not in self._functions:
                deciding.add(word)
                grade_words.add(word)
                if seniority.entry:
                    levels, role, note = (1,), f"an entry role ({word})", seniority.why
                else:
                    levels = reach_levels(levels, seniority)
        if focus is not None and not role.startswith("an entry"):
            role += f" in {focus}"
        return GrammarReading(
            levels,
            " + ".join(parts),
            role,
            focus,
            pmo_type,
            frozenset(deciding),
            note,
            False,
            frozenset(grade_words),
        )

    def _specialism_shown(self, words: Sequence[str]) -> str:
        """A specialism phrase in the reader's words: "planning and scheduling" where
        the translator dropped the "and" between two specialisms."""
        if len(words) > 1 and all(self._specialisms.find((w,)) for w in words):
            return " and ".join(shown(w) for w in words)
        return shown(" ".join(words))

    def _names_a_job(self, tokens: tuple[str, ...]) -> bool:
        return any(w in self._functions for w in tokens) or bool(self._corporate.find(tokens))


def _function_levels(
    function: TitleFunction,
    office: OfficeWords | None,
    scope: Found[OfficeWords] | None,
    specialism: TitleSpecialism | None,
) -> tuple[int, ...]:
    """A function's levels beside the title's other parts, the most telling first."""
    if office is not None and office.several and function.several_offices:
        return function.several_offices
    if office is not None and office.pmo_type in ("project", "programme") and function.one_office:
        return function.one_office
    if specialism is not None and function.with_specialism:
        return function.with_specialism
    if office is not None and function.in_office:
        return function.in_office
    if scope is not None and function.scoped:
        return function.scoped
    return function.levels


def _grade_levels(grade: TitleGrade, office: OfficeWords | None) -> tuple[int, ...]:
    assert grade.levels is not None
    one_office = office is not None and not office.several and office.pmo_type is not None
    return grade.one_office if one_office and grade.one_office else grade.levels


def reach_levels(levels: tuple[int, ...], grade: TitleGrade) -> tuple[int, ...]:
    """Levels widened by a seniority word: "Lead" reaches the level above, "Assistant"
    the level below."""
    if grade.reach == "up" and max(levels) < 4:
        return (max(levels), max(levels) + 1)
    if grade.reach == "down" and min(levels) > 1:
        return (min(levels) - 1, min(levels))
    return levels
