"""The building blocks of a format-neutral outline, and the pieces every outline makes.

A :class:`Document` is a headline and titled sections of simple blocks (a paragraph, a
label, bullets, groups, entries, the ladder); each renderer only decides how a block
looks. Every piece of text is made safe to print with :func:`pmo_advisor.safetext.clean_line`
when a block is built, whoever builds it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pmo_advisor.knowledge import Course, Knowledge, Title
from pmo_advisor.model import (
    CourseAdvice,
)
from pmo_advisor.prose import number
from pmo_advisor.safetext import clean_line


class _Clean:
    """Cleans every text field (and text in tuples of any depth) when built."""

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            object.__setattr__(self, name, _cleaned(value))


def _cleaned(value: object) -> object:
    if isinstance(value, str):
        return clean_line(value)
    if isinstance(value, tuple) and not hasattr(value, "__dataclass_fields__"):
        return tuple(_cleaned(item) for item in value)
    return value


@dataclass(frozen=True)
class Paragraph(_Clean):
    """Running text."""

    text: str


@dataclass(frozen=True)
class Label(_Clean):
    """A short lead-in, such as "Why:", that belongs to the block after it."""

    text: str


@dataclass(frozen=True)
class Bullets(_Clean):
    """A list of short items."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Groups(_Clean):
    """Labelled groups of names, such as titles by kind of PMO."""

    groups: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Entry(_Clean):
    """A named item with lines of detail, such as a course."""

    name: str
    details: tuple[str, ...]


@dataclass(frozen=True)
class Entries:
    """Several named items with details."""

    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Rung(_Clean):
    """One level in a "you are here" ladder."""

    number: int
    stage: str
    marker: str


@dataclass(frozen=True)
class LadderView:
    """The four levels, top first, with the person's level marked."""

    rungs: tuple[Rung, ...]


Block = Paragraph | Label | Bullets | Groups | Entries | LadderView


@dataclass(frozen=True)
class Section(_Clean):
    """A titled part of a result."""

    heading: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Document(_Clean):
    """A whole result: one line saying who it is for, then the sections."""

    headline: str
    sections: tuple[Section, ...]
    #: A title for formats that show one (markdown); the headline serves otherwise.
    title: str | None = None


def titles_blocks(titles: Sequence[Title], knowledge: Knowledge) -> tuple[Block, ...]:
    """Titles grouped by kind of PMO, then what decides any title that sits at two levels."""
    notes = [f"{t.name}: {t.decided_by}" for t in titles if t.decided_by]
    if not notes:
        return (_title_groups(titles, knowledge),)
    return (
        _title_groups(titles, knowledge),
        Label("Titles at two levels:"),
        Bullets(safe_texts(notes)),
    )


def _title_groups(titles: Sequence[Title], knowledge: Knowledge) -> Groups:
    groups: dict[str, list[str]] = {}
    for title in titles:
        if title.is_specialist:
            # One line per specialism, named after the title's first focus area.
            label = f"{knowledge.focus_area(title.focus[0]).name} specialists"
            name = title.name
        elif title.pmo_type is None:
            label = "Any PMO"
            name = title.name
        else:
            label = knowledge.scope(title.pmo_type).name
            name = title.name
        if len(title.levels) > 1:
            name += f" (levels {' or '.join(str(n) for n in title.levels)})"
        groups.setdefault(label, []).append(clean_line(name))
    return Groups(tuple((clean_line(label), tuple(names)) for label, names in groups.items()))


def safe_texts(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(clean_line(t) for t in texts)


def levels_text(levels: Sequence[int]) -> str:
    return " or ".join(str(n) for n in levels)


def course_entries(
    courses: Sequence[CourseAdvice], knowledge: Knowledge, *, for_level: bool = False
) -> Entries:
    entries = []
    for course in courses:
        # Who owns the qualification, never the trainer who teaches it.
        owner = knowledge.course(course.course_id).owner or course.awarding_body
        by = owner or course.provider
        facts = [course.kind, by] if by else [course.kind]
        if for_level:
            facts.append(f"for level {course.level}")
        length = course_length(course.length, course.hours, both=False)
        if length:
            facts.append(length)
        details = [course.reason]
        if course.prerequisites:
            names = ", ".join(knowledge.course(p).name for p in course.prerequisites)
            details.append(course.prerequisite_note or f"Take first: {names}")
        entries.append(
            Entry(clean_line(f"{course.name} ({', '.join(facts)})"), safe_texts(details))
        )
    return Entries(tuple(entries))


def course_length(text: str | None, hours: float | None, *, both: bool) -> str | None:
    """How long a course takes, as people say it and, where asked, in hours too."""
    in_hours = None if hours is None else f"about {number(hours)} hours"
    if text and in_hours and both:
        return f"{text} ({in_hours})"
    return text or in_hours


#: Delivery modes as a sentence says them.
#: Delivery modes as a sentence says them, where that is not the id.
DELIVERY_WORDS = {
    "elearning": "eLearning",
    "exam-only": "exam only",
    "assessment": "assessed on experience",
}


def either(items: Sequence[str]) -> str:
    words = list(items)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def offered_by(course: Course) -> str:
    """Who owns a course, who examines it and who teaches it: a trainer is never shown
    as the owner."""
    owner, body, provider = course.owner, course.awarding_body, course.provider
    parts = []
    if owner is not None:
        parts.append(f"Owned by {owner}")
    if body is not None and body != owner:
        parts.append(f"awarded by {body}")
    if provider not in (owner, body):
        parts.append(f"taught by {provider}")
    if not parts:
        return f"From: {provider}"
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]
