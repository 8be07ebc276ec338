"""How an answers key is defined: one :class:`Key` holds everything about it.

Each key of an answers file is defined once, as a field of
:class:`~pmo_advisor.answers.model.Answers` carrying its :class:`Key` (the field's name
is the key). Everything else is derived from those definitions: the questionnaire
(:mod:`pmo_advisor.questionnaire.questions`), ``--set`` and roster cells
(:mod:`pmo_advisor.answers.sources`, :mod:`pmo_advisor.roster`), validation
(:mod:`pmo_advisor.answers.checks`), the JSON Schema, the ``assess --help`` list and the
documentation's table (:mod:`pmo_advisor.answers.schema`). This module only says what a
definition holds, and how the choices a key offers are read from the knowledge base.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pmo_advisor.prose import capitalise

if TYPE_CHECKING:
    from pmo_advisor.knowledge import Knowledge

#: How a key is answered: free text, a number, one choice, or a list of choices.
Kind = Literal["text", "number", "select", "multi"]


@dataclass(frozen=True)
class Option:
    """One choice in a select or multi-choice question."""

    value: str
    label: str
    description: str | None = None
    #: Other ways people type this choice (a course's name and common abbreviations).
    spellings: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Key:
    """One answers key: what it holds, its bounds, and every text that presents it."""

    kind: Kind
    required: bool = False
    #: The largest number (``number``) or the most characters (``text``) accepted.
    high: int | None = None
    #: Whether a number must be whole.
    whole: bool = False
    #: Whether a list answer needs at least one item.
    at_least_one: bool = False
    #: The ids a choice or list answer takes, from the knowledge base.
    pool: Callable[[Knowledge], Sequence[str]] | None = None
    #: The id a typed choice names (in any case or spelling), or None.
    find: Callable[[Knowledge, str], str | None] | None = None
    #: For a list answer whose items may be names as well as ids: the ids the items
    #: name, and the items that name none. Without it, items are ids in any case.
    named: Callable[[Knowledge, list[str]], tuple[list[str], list[str]]] | None = None
    #: The message for an item ``named`` finds nothing for.
    unknown: Callable[[str, Knowledge], str] | None = None
    #: What one choice or item is called in messages ("activity", "focus area").
    noun: str = ""

    #: The questionnaire: what the review shows beside the answer, the question, and a
    #: line of help shown above it.
    label: str
    prompt: str
    help: str
    #: What the questionnaire offers to choose from, or to complete a typed text with.
    options: Callable[[Knowledge], tuple[Option, ...]] | None = None
    suggestions: Callable[[Knowledge], tuple[str, ...]] | None = None
    #: Asked (and saved) before the keys in their documented order: the easiest
    #: question opens the questionnaire.
    asked_first: bool = False

    #: The JSON Schema's description of the key.
    description: str
    #: The documentation's answers table: the type and what the answer means.
    doc_type: str
    doc_meaning: str
    #: The line ``assess --help`` gives the key.
    usage: str
    #: How to give a missing required answer, as a ``--set`` flag: ``{high}`` and
    #: ``{ids}`` are filled in with the bound and the ids the knowledge base holds.
    example: str = ""
    #: Roster column headers that also mean this key, besides the key itself (all
    #: compared without regard to case, spaces or punctuation; see pmo_advisor.roster).
    roster_headers: tuple[str, ...] = ()

    #: The key itself: the name of the field the definition belongs to.
    id: str = ""

    @property
    def is_list(self) -> bool:
        """Whether the answer is a list of ids (written as one text, split on commas or
        semicolons)."""
        return self.kind == "multi"


def definition(key: Key) -> dict[str, Any]:
    """The metadata of the field that ``key`` defines."""
    return {"key": key}


# The choices each key offers, as the knowledge base holds them.


def scope_options(knowledge: Knowledge) -> tuple[Option, ...]:
    """The scopes, narrowest first."""
    return tuple(Option(s.id, s.name, s.description) for s in knowledge.scopes)


def activity_options(knowledge: Knowledge) -> tuple[Option, ...]:
    """The activities, in alphabetical order: listing them by level would tell people
    the answer."""
    activities = sorted(knowledge.activities, key=lambda a: a.does)
    return tuple(Option(a.id, capitalise(a.does)) for a in activities)


def delivery_options(knowledge: Knowledge) -> tuple[Option, ...]:
    """The delivery backgrounds."""
    return tuple(Option(b.id, capitalise(b.did)) for b in knowledge.delivery.backgrounds)


def focus_options(knowledge: Knowledge) -> tuple[Option, ...]:
    """The focus areas."""
    return tuple(Option(f.id, f.name, f.description) for f in knowledge.focus_areas)


def course_options(knowledge: Knowledge) -> tuple[Option, ...]:
    """The courses, with their names and aliases as other spellings. Old editions are
    not offered: whoever holds one ticks its current edition."""
    return tuple(
        Option(c.id, f"{c.name} ({c.kind})", spellings=(c.name, *c.aliases))
        for c in knowledge.courses
        if not c.superseded
    )


def market_options(knowledge: Knowledge) -> tuple[Option, ...]:
    """The markets, in the order they are offered."""
    return tuple(Option(m.id, m.name, m.description) for m in knowledge.markets)


def title_suggestions(knowledge: Knowledge) -> tuple[str, ...]:
    """Every PMO title and delivery role, with their aliases, to complete a typed title."""
    names = {n for t in knowledge.titles for n in (t.name, *t.aliases)}
    names.update(n for r in knowledge.delivery_roles for n in (r.name, *r.aliases))
    return tuple(sorted(names))


def courses_named(knowledge: Knowledge, items: list[str]) -> tuple[list[str], list[str]]:
    """The courses the items name by id, name or common spelling, and the items that
    name none."""
    return knowledge.courses_named(items)


def unknown_course(item: str, knowledge: Knowledge) -> str:
    """The message for an item that names no course."""
    from pmo_advisor.nearest import unknown_course as message

    return message(item, knowledge)
