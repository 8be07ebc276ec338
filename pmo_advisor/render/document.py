"""A format-neutral outline of a result, shared by the human-readable renderers.

The plain, markdown and rich renderers all show the same content in the same order; this
module decides that content once, as a headline and titled sections of simple blocks,
and each renderer only decides how a block looks. All text placed here has already been
made safe to print with :func:`pmo_advisor.text.clean_line`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pmo_advisor.knowledge import Knowledge, Title
from pmo_advisor.model import Advice, CourseAdvice, Ladder
from pmo_advisor.text import clean_line, number


@dataclass(frozen=True)
class Paragraph:
    """Running text."""

    text: str


@dataclass(frozen=True)
class Label:
    """A short lead-in, such as "Why:", that belongs to the block after it."""

    text: str


@dataclass(frozen=True)
class Bullets:
    """A list of short items."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Groups:
    """Labelled groups of names, such as titles by kind of PMO."""

    groups: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Entry:
    """A named item with lines of detail, such as a course."""

    name: str
    details: tuple[str, ...]


@dataclass(frozen=True)
class Entries:
    """Several named items with details."""

    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Rung:
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
class Section:
    """A titled part of a result."""

    heading: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Document:
    """A whole result: one line saying who it is for, then the sections."""

    headline: str
    sections: tuple[Section, ...]


HERE = "you are here"
ALSO = "your answers also point here"


def advice_document(advice: Advice, knowledge: Knowledge) -> Document:
    """The outline of an assessment or a suggestion."""
    level = advice.level
    sections = [
        Section("Where you are on the ladder", (_ladder_view(advice, knowledge),)),
        Section(
            f"Level {level.number}: {level.stage}",
            _level_blocks(advice),
        ),
        Section("Titles that fit now", _titles_blocks(advice.titles, knowledge)),
        _next_section(advice, knowledge),
        _courses_section(advice.courses, knowledge),
        Section("Skills to build", (Bullets(_safe(advice.skills)),)),
    ]
    return Document(_headline(advice, knowledge), tuple(sections))


def ladder_document(ladder: Ladder, knowledge: Knowledge) -> Document:
    """The outline of the career ladder, lowest level first."""
    sections = []
    for rung in ladder.rungs:
        level = rung.level
        blocks: list[Block] = [
            Paragraph(clean_line(f"{level.title}. {level.summary}")),
            Label("Titles:"),
            *_titles_blocks(rung.titles, knowledge),
        ]
        if level.moves_up:
            blocks += [Label("What moves you up:"), Paragraph(clean_line(level.moves_up))]
        sections.append(Section(f"Level {level.number}: {level.stage}", tuple(blocks)))
    stages = [rung.level.stage for rung in ladder.rungs]
    headline = f"The PMO career ladder: {len(stages)} levels, from {stages[0]} to {stages[-1]}"
    return Document(clean_line(headline), tuple(sections))


def _headline(advice: Advice, knowledge: Knowledge) -> str:
    parts: list[str] = []
    if advice.answers is not None:
        answers = advice.answers
        if answers.title:
            parts.append(answers.title)
        years = number(answers.years)
        parts.append(f"{years} year{'' if years == '1' else 's'}")
        parts.append(knowledge.scope(answers.scope).name)
        if answers.focus:
            parts.append("focus: " + ", ".join(answers.focus))
        if answers.team_size:
            parts.append(f"team of {answers.team_size}")
    elif advice.request is not None:
        request = advice.request
        parts.append(f"level {request.level}")
        parts.append(
            "every kind of PMO" if request.scope is None else knowledge.scope(request.scope).name
        )
        if request.focus:
            parts.append("focus: " + ", ".join(request.focus))
        if request.held:
            parts.append("holding: " + ", ".join(request.held))
    return clean_line("For: " + " · ".join(parts))


def _ladder_view(advice: Advice, knowledge: Knowledge) -> LadderView:
    rungs = []
    for level in reversed(knowledge.levels):
        marker = ""
        if level.number == advice.level.number:
            marker = HERE
        elif level.number == advice.borderline_with:
            marker = ALSO
        rungs.append(Rung(level.number, clean_line(level.stage), marker))
    return LadderView(tuple(rungs))


def _level_blocks(advice: Advice) -> tuple[Block, ...]:
    level = advice.level
    blocks: list[Block] = [Paragraph(clean_line(f"{level.title}. {level.summary}"))]
    if advice.borderline_with is not None:
        low, high = sorted((level.number, advice.borderline_with))
        blocks.append(
            Paragraph(
                f"Your answers sit between levels {low} and {high}; the reasons below say why."
            )
        )
    heading = "Why" if advice.kind == "assessment" else "About this suggestion"
    blocks.append(Label(heading + ":"))
    blocks.append(Bullets(_safe(r.text for r in advice.reasons)))
    return tuple(blocks)


def _titles_blocks(titles: Sequence[Title], knowledge: Knowledge) -> tuple[Block, ...]:
    """Titles grouped by kind of PMO, then what decides any title that sits at two levels."""
    notes = [f"{t.name}: {t.decided_by}" for t in titles if t.decided_by]
    if not notes:
        return (_title_groups(titles, knowledge),)
    return (_title_groups(titles, knowledge), Label("Titles at two levels:"), Bullets(_safe(notes)))


def _title_groups(titles: Sequence[Title], knowledge: Knowledge) -> Groups:
    groups: dict[str, list[str]] = {}
    for title in titles:
        if title.is_specialist:
            label = "Specialist"
            name = f"{title.name} ({', '.join(title.focus)})"
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


def _next_section(advice: Advice, knowledge: Knowledge) -> Section:
    step = advice.next
    moves_up = advice.level.moves_up
    if step is None:
        return Section(
            "Next step",
            (
                Paragraph(
                    "You are at the top of the ladder. The courses and skills below keep you"
                    " growing in the role."
                ),
            ),
        )
    level = step.level
    blocks: tuple[Block, ...] = (
        Paragraph(clean_line(f"{level.title}. {moves_up or level.summary}")),
        Label("Roles there:"),
        *_titles_blocks(step.roles, knowledge),
        Label("What to work on:"),
        Bullets(_safe(step.gaps)),
    )
    return Section(f"Next step: level {level.number}, {level.stage}", blocks)


def _courses_section(courses: Sequence[CourseAdvice], knowledge: Knowledge) -> Section:
    if not courses:
        return Section(
            "Courses",
            (Paragraph("No courses to recommend: you already hold the ones for your level."),),
        )
    entries = []
    for course in courses:
        facts = [course.kind, f"for level {course.level}"]
        if course.length:
            facts.append(course.length)
        details = [course.reason]
        if course.prerequisites:
            names = ", ".join(knowledge.course(p).name for p in course.prerequisites)
            details.append(course.prerequisite_note or f"Take first: {names}")
        entries.append(Entry(clean_line(f"{course.name} ({', '.join(facts)})"), _safe(details)))
    return Section("Courses", (Entries(tuple(entries)),))


def _safe(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(clean_line(t) for t in texts)
