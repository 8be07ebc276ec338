"""A format-neutral outline of a result, shared by the human-readable renderers.

The plain, markdown and rich renderers all show the same content in the same order; this
module decides that content once, as a headline and titled sections of simple blocks,
and each renderer only decides how a block looks. Every piece of text placed here, the
headline and headings too, is made safe to print with :func:`pmo_advisor.text.clean_line`
when the block is built, whoever builds it: data text reaches the outline in many places,
and a heading forgotten once would print a data file's escape sequences raw.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pmo_advisor.knowledge import Knowledge, Title
from pmo_advisor.model import (
    Advice,
    Catalogue,
    CourseAdvice,
    Ladder,
    Roadmap,
    TitleListing,
    TitleLookups,
)
from pmo_advisor.text import clean_line, number

if TYPE_CHECKING:
    from pmo_advisor.render import Result


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
    title = "PMO career assessment" if advice.kind == "assessment" else "PMO career advice"
    return Document(_headline(advice, knowledge), tuple(sections), title)


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
            (Paragraph("No further courses to recommend for your answers."),),
        )
    return Section("Courses", (_course_entries(courses, knowledge, for_level=True),))


def _safe(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(clean_line(t) for t in texts)


def title_listing_document(listing: TitleListing, knowledge: Knowledge) -> Document:
    """The outline of every title, by level and kind of PMO."""
    sections = []
    for level in knowledge.levels:
        if listing.level is not None and level.number != listing.level:
            continue
        titles = [t for t in listing.titles if level.number in t.levels]
        if titles:
            heading = f"Level {level.number}: {level.stage}"
            sections.append(Section(heading, _titles_blocks(titles, knowledge)))
    filters = []
    if listing.level is not None:
        filters.append(f"level {listing.level}")
    if listing.scope is not None:
        filters.append(knowledge.scope(listing.scope).name)
    headline = f"Job titles in the PMO ({', '.join(filters) or 'every level'})"
    if not sections:
        sections.append(Section("No titles", (Paragraph("No title fits those filters."),)))
    return Document(clean_line(headline), tuple(sections))


def title_lookup_document(lookups: TitleLookups, knowledge: Knowledge) -> Document:
    """The outline of one advert title looked up."""
    lookup = lookups.lookups[0]
    # Quoted by hand, not with repr(): a byte that was not UTF-8 then shows as \xe9.
    headline = clean_line(f"For: the advert title '{lookup.query}'")
    if lookup.error:
        return Document(headline, (Section("Not read", (Paragraph(clean_line(lookup.error)),)),))
    if not lookup.matches and lookup.filtered_out:
        text = (
            f"{lookup.filtered_out} confident match{'es' if lookup.filtered_out > 1 else ''}"
            " left out by --level or --scope; run it without them to see"
            f" {'them' if lookup.filtered_out > 1 else 'it'}."
        )
        return Document(headline, (Section("No match at that level or kind", (Paragraph(text),)),))
    if not lookup.matches:
        text = (
            f"No knowledge-base title matches it confidently (a score of at least"
            f" {lookups.threshold} out of 100). Try the title without the organisation's own"
            " words, or run 'pmo-advisor titles' for every title."
        )
        return Document(headline, (Section("No confident match", (Paragraph(text),)),))
    entries = []
    for match in lookup.matches:
        title = match.title
        levels = " or ".join(str(n) for n in title.levels)
        kind = "any PMO" if title.pmo_type is None else knowledge.scope(title.pmo_type).name
        details = [f"Level {levels}, {kind}; score {number(match.score)}"]
        if match.matched != title.name:
            details.append(f"Matched as {match.matched!r}")
        if title.decided_by:
            details.append(f"What decides: {title.decided_by}")
        entries.append(Entry(clean_line(title.name), _safe(details)))
    sections = [Section("Best matches", (Entries(tuple(entries)),))]
    if lookup.seniority:
        notes = [s.note for s in lookup.seniority]
        sections.append(Section("Seniority", (Bullets(_safe(notes)),)))
    return Document(headline, tuple(sections))


def catalogue_document(catalogue: Catalogue, knowledge: Knowledge) -> Document:
    """The outline of the course catalogue."""
    filters = []
    if catalogue.level is not None:
        filters.append(f"level {catalogue.level}")
    if catalogue.focus:
        filters.append("focus: " + ", ".join(catalogue.focus))
    if catalogue.kind is not None:
        filters.append(catalogue.kind)
    headline = f"Courses ({'; '.join(filters) or 'the whole catalogue'})"
    kinds: dict[str, list[Entry]] = {}
    for course in catalogue.courses:
        levels = ", ".join(str(n) for n in course.levels)
        facts = [f"Level{'s' if len(course.levels) > 1 else ''} {levels}"]
        if course.length:
            facts.append(course.length)
        details = [course.summary, "; ".join(facts)]
        if course.focus:
            details.append("Focus: " + ", ".join(course.focus))
        if course.prerequisites:
            names = ", ".join(knowledge.course(p).name for p in course.prerequisites)
            details.append(course.prerequisite_note or f"Take first: {names}")
        entry = Entry(clean_line(f"{course.name} ({course.id})"), _safe(details))
        kinds.setdefault(course.kind, []).append(entry)
    sections = [
        Section(kind if kind != kind.lower() else _capitalise(kind), (Entries(tuple(entries)),))
        for kind, entries in kinds.items()
    ]
    if not sections:
        sections.append(Section("No courses", (Paragraph("No course fits those filters."),)))
    return Document(clean_line(headline), tuple(sections))


def roadmap_document(roadmap: Roadmap, knowledge: Knowledge) -> Document:
    """The outline of a career roadmap, a section per step."""
    start = knowledge.level(roadmap.start)
    parts = [f"from level {roadmap.start} ({start.stage}) to level {roadmap.target}"]
    if roadmap.focus:
        parts.append("focus: " + ", ".join(roadmap.focus))
    if roadmap.held:
        parts.append("holding: " + ", ".join(roadmap.held))
    headline = clean_line("Career roadmap " + " · ".join(parts))
    if roadmap.note:
        return Document(headline, (Section("Nothing to plan", (Paragraph(roadmap.note),)),))
    sections = []
    for index, step in enumerate(roadmap.steps, 1):
        level = step.level
        blocks: list[Block] = [Paragraph(clean_line(f"{level.title}. {level.summary}"))]
        blocks += [Label("Roles:"), *_titles_blocks(step.roles, knowledge)]
        if step.specialists:
            names = ", ".join(t.name for t in step.specialists)
            blocks += [Label("Specialist route:"), Paragraph(clean_line(names))]
        if step.take_on:
            wanted = set(roadmap.focus)
            elsewhere = [a for a in step.take_on if a.focus is not None and a.focus not in wanted]
            if len(elsewhere) <= 2:
                elsewhere = []
            items = [f"{_capitalise(a.does)} ({a.id})" for a in step.take_on if a not in elsewhere]
            if elsewhere:
                lead = "Or another specialism" if items else "A specialism"
                items.append(f"{lead}, any one of: {', '.join(a.id for a in elsewhere)}")
            blocks += [Label("Take on:"), Bullets(_safe(items))]
        blocks += [Label("Experience:"), Paragraph(clean_line(step.experience))]
        if step.courses:
            blocks += [Label("Courses, in order:"), _course_entries(step.courses, knowledge)]
        heading = f"Step {index}: level {level.number}, {level.stage}"
        sections.append(Section(heading, tuple(blocks)))
    return Document(headline, tuple(sections))


def _course_entries(
    courses: Sequence[CourseAdvice], knowledge: Knowledge, *, for_level: bool = False
) -> Entries:
    entries = []
    for course in courses:
        facts = [course.kind, f"for level {course.level}"] if for_level else [course.kind]
        if course.length:
            facts.append(course.length)
        details = [course.reason]
        if course.prerequisites:
            names = ", ".join(knowledge.course(p).name for p in course.prerequisites)
            details.append(course.prerequisite_note or f"Take first: {names}")
        entries.append(Entry(clean_line(f"{course.name} ({', '.join(facts)})"), _safe(details)))
    return Entries(tuple(entries))


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def outline(result: Result, knowledge: Knowledge) -> Document:
    """The outline of any result."""
    if isinstance(result, Advice):
        return advice_document(result, knowledge)
    if isinstance(result, Ladder):
        return ladder_document(result, knowledge)
    if isinstance(result, TitleListing):
        return title_listing_document(result, knowledge)
    if isinstance(result, TitleLookups):
        return title_lookup_document(result, knowledge)
    if isinstance(result, Catalogue):
        return catalogue_document(result, knowledge)
    return roadmap_document(result, knowledge)


LOOKUP_HEADERS = ("Advert title", "Best match", "Levels", "Kind of PMO", "Score")


def lookup_rows(lookups: TitleLookups, knowledge: Knowledge) -> list[tuple[str, ...]]:
    """One row per looked-up title: the query and its best match, if any."""
    rows: list[tuple[str, ...]] = []
    for lookup in lookups.lookups:
        query = clean_line(lookup.query)
        if lookup.error:
            rows.append((query, f"(not read: {lookup.error})", "", "", ""))
        elif not lookup.matches:
            rows.append((query, "(no confident match)", "", "", ""))
        else:
            best = lookup.matches[0]
            kind = "any" if best.title.pmo_type is None else best.title.pmo_type
            levels = " or ".join(str(n) for n in best.title.levels)
            rows.append((query, clean_line(best.title.name), levels, kind, number(best.score)))
    return rows
