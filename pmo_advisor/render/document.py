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

from pmo_advisor.knowledge import Course, DeliveryRole, Knowledge, Title
from pmo_advisor.model import (
    ActivityListing,
    Advice,
    Catalogue,
    CourseAdvice,
    Ladder,
    Plan,
    PlanCourse,
    PlanStep,
    Roadmap,
    Route,
    TitleListing,
    TitleLookup,
    TitleLookups,
)
from pmo_advisor.text import capitalise, clean_line, number

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
REACHING = "your responsibilities reach here"


#: The last line of a one-screen result where the command does not say its own.
MORE = "Every reason, title and course: run the same command with --full"


def advice_document(
    advice: Advice, knowledge: Knowledge, *, full: bool = False, more: Sequence[str] = ()
) -> Document:
    """The outline of an assessment or a suggestion. An assessment shows its plan on one
    screen unless ``full`` asks for everything; ``more`` is its last line, saying how to
    see everything (and, on a terminal, what to run next)."""
    if advice.plan is not None and not full:
        return plan_document(advice, advice.plan, knowledge, tuple(more) or (MORE,))
    level = advice.level
    sections = [
        Section("Where you are on the ladder", (_ladder_view(advice, knowledge),)),
        Section(
            f"Level {level.number}: {level.stage}",
            _level_blocks(advice),
        ),
    ]
    if advice.plan is not None:
        sections.append(Section("Your plan", _plan_blocks(advice.plan, knowledge)))
    sections += [
        Section("Titles that fit now", _titles_blocks(advice.titles, knowledge)),
        _next_section(advice, knowledge),
        _courses_section(advice.courses, knowledge),
        Section("Skills to build", (Bullets(_safe(advice.skills)),)),
    ]
    title = "PMO career assessment" if advice.kind == "assessment" else "PMO career advice"
    return Document(_headline(advice, knowledge), tuple(sections), title)


def plan_document(
    advice: Advice, plan: Plan, knowledge: Knowledge, more: Sequence[str]
) -> Document:
    """One person's result on one screen: where they stand and why, the jobs they could
    apply for now, and their plan; the last line says how to see everything."""
    why: list[Block] = [Paragraph(clean_line(" ".join(advice.summary)))]
    if plan.titles_now:
        # In the first section rather than a section of its own: at 80x24 the first page
        # must hold the standing, the why and the whole of the "now" step.
        names = " · ".join(t.name for t in plan.titles_now)
        why.append(Paragraph(clean_line(f"Jobs you could apply for now: {names}")))
    sections = [Section(clean_line(_standing(advice)), tuple(why))]
    blocks = _plan_blocks(plan, knowledge)
    sections.append(Section("Your plan", (*blocks, Bullets(_safe(more)))))
    return Document(_headline(advice, knowledge), tuple(sections), "PMO career assessment")


def _standing(advice: Advice) -> str:
    """The answer to the question a person came with: "PMO Analyst: level 2 of 4"."""
    level = advice.level
    text = f"{level.stage}: level {level.number} of 4"
    proposed = advice.proposed_level
    other = advice.borderline_with
    if proposed is not None and proposed > level.number:
        text += f", reaching for {proposed}"
    elif other is not None and other > level.number:
        text += f", close to {other}"
    elif other is not None:
        text += f", only just (between {other} and {level.number})"
    return text


#: How each step of a plan is introduced.
_WHEN = {"now": "Now (the next 6 to 12 months)", "next": "Next", "later": "Later"}


def _plan_blocks(plan: Plan, knowledge: Knowledge) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for step in plan.steps:
        blocks.append(Label(clean_line(_step_label(step))))
        if step.actions:
            blocks.append(Bullets(_safe(a.text for a in step.actions)))
        if step.courses:
            blocks.append(Entries(tuple(_plan_entry(c, knowledge) for c in step.courses)))
        elif step.when == "next":
            blocks.append(Paragraph("No course comes first: the work above is the way there."))
        elif step.when == "now" and not step.actions:
            blocks.append(Paragraph("Nothing new to take on: keep doing what you do well."))
    if plan.market_note:
        blocks.append(Paragraph(clean_line(plan.market_note)))
    return tuple(blocks)


def _step_label(step: PlanStep) -> str:
    label = _WHEN[step.when]
    if step.when == "next" and step.role:
        label += f": {step.role}"
    return label + ":"


def _plan_entry(course: PlanCourse, knowledge: Knowledge) -> Entry:
    owner = f" ({course.owner})" if course.owner else ""
    text = f"Once you {course.condition}." if course.condition else course.why
    if course.alternatives:
        others = []
        for other_id in course.alternatives:
            other = knowledge.course(other_id)
            by = other.owner or other.awarding_body
            others.append(f"{other.name} ({by})" if by else other.name)
        # One paragraph, so that a course and its equivalents take as few lines as can be.
        text += " Or an equivalent: " + _either(others) + "."
    return Entry(clean_line(f"{course.name}{owner}"), (clean_line(text),))


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
        if answers.market is not None:
            parts.append(knowledge.market(answers.market).name)
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
            proposed = advice.proposed_level
            marker = REACHING if proposed is not None and proposed > advice.level.number else ALSO
        rungs.append(Rung(level.number, clean_line(level.stage), marker))
    return LadderView(tuple(rungs))


def _level_blocks(advice: Advice) -> tuple[Block, ...]:
    level = advice.level
    blocks: list[Block] = [Paragraph(clean_line(f"{level.title}. {level.summary}"))]
    proposed = advice.proposed_level
    if proposed is not None and proposed > level.number:
        blocks.append(
            Paragraph(
                f"Your responsibilities reach level {proposed}, but the rest of your answers"
                f" confirm level {level.number}; the reasons below say what would confirm"
                f" level {proposed}."
            )
        )
    elif advice.borderline_with is not None:
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
    )
    if step.routes:
        for route in step.routes:
            blocks += (Label(_route_label(route, knowledge)), Paragraph(clean_line(route.summary)))
            if route.roles:
                blocks += _titles_blocks(route.roles, knowledge)
    else:
        blocks += (Label("Roles there:"), *_titles_blocks(step.roles, knowledge))
    blocks += (Label("What to work on:"), Bullets(_safe(step.gaps)))
    return Section(f"Next step: level {level.number}, {level.stage}", blocks)


def _route_label(route: Route, knowledge: Knowledge) -> str:
    if route.kind == "specialist":
        names = ", ".join(knowledge.focus_area(f).name.lower() for f in route.focus)
        return clean_line(f"Specialist route ({names}):")
    return "PMO route:"


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
    """The outline of one advert title looked up: how it was read, then what it means."""
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
    reading = _reading_sections(lookup)
    role = _delivery_role_section(lookup.delivery_role, knowledge)
    if not lookup.matches and role is not None:
        return Document(headline, (*reading, role, *_seniority_sections(lookup)))
    if not lookup.matches and reading:
        return Document(headline, (*reading, *_seniority_sections(lookup)))
    if not lookup.matches:
        text = (
            f"No knowledge-base title matches it confidently (a score of at least"
            f" {lookups.threshold} out of 100), and its words do not make a PMO job. Try the"
            " title without the organisation's own words, or run 'pmo-advisor titles' for"
            " every title."
        )
        return Document(headline, (Section("No confident match", (Paragraph(text),)),))
    fuzzy = lookup.reading is not None and lookup.reading.score is not None
    entries = []
    for match in lookup.matches:
        title = match.title
        levels = " or ".join(str(n) for n in title.levels)
        kind = "any PMO" if title.pmo_type is None else knowledge.scope(title.pmo_type).name
        # A score only where a near spelling was matched: a listed name is the title.
        score = f"; score {number(match.score)}" if fuzzy else ""
        details = [f"Level {levels}, {kind}{score}"]
        if title.decided_by:
            details.append(f"What decides: {title.decided_by}")
        entries.append(Entry(clean_line(title.name), _safe(details)))
    sections = [*reading, Section("Best matches", (Entries(tuple(entries)),))]
    if role is not None:
        sections.append(role)
    return Document(headline, (*sections, *_seniority_sections(lookup)))


def _reading_sections(lookup: TitleLookup) -> tuple[Section, ...]:
    """How the title was read, in the reader's words: the reading, the words that
    decided it and the words set aside."""
    reading = lookup.reading
    if reading is None or reading.method == "none":
        return ()
    said = reading.explanation
    lines = []
    if reading.deciding:
        lines.append("Decided by: " + ", ".join(reading.deciding))
    if reading.ignored:
        lines.append("Set aside: " + ", ".join(reading.ignored))
    if reading.note and reading.method in ("parts", "other profession"):
        lines.append(f"Why: {reading.note}")
    heading = (
        "Another profession's job" if reading.method == "other profession" else "How it was read"
    )
    text = clean_line(said[:1].upper() + said[1:] + ".")
    return (Section(heading, (Paragraph(text), Bullets(_safe(lines)))),)


def _seniority_sections(lookup: TitleLookup) -> tuple[Section, ...]:
    if not lookup.seniority:
        return ()
    return (Section("Seniority", (Bullets(_safe(s.note for s in lookup.seniority)),)),)


def _delivery_role_section(role: DeliveryRole | None, knowledge: Knowledge) -> Section | None:
    """What a delivery title means for a move into the PMO: not a PMO title, but
    experience that counts, and what it is evidence of."""
    if role is None:
        return None
    evidence = role.evidence or f"PMO level {_levels(role.levels)}"
    return Section(
        "A delivery role",
        (
            Paragraph(clean_line(f"{role.name} is a delivery role, not a PMO title. {role.note}")),
            Paragraph(
                clean_line(f"Experience in it is evidence of {evidence}.")
                + f" {clean_line(knowledge.delivery.pmo_gap)}"
            ),
        ),
    )


def _levels(levels: Sequence[int]) -> str:
    return " or ".join(str(n) for n in levels)


def catalogue_document(catalogue: Catalogue, knowledge: Knowledge) -> Document:
    """The outline of the course catalogue."""
    filters = []
    if catalogue.level is not None:
        filters.append(f"level {catalogue.level}")
    if catalogue.focus:
        filters.append("focus: " + ", ".join(catalogue.focus))
    if catalogue.kind is not None:
        filters.append(catalogue.kind)
    if catalogue.provider is not None:
        filters.append(f"provider: {catalogue.provider.strip()}")
    headline = f"Courses ({'; '.join(filters) or 'the whole catalogue'})"
    kinds: dict[str, list[Entry]] = {}
    for course in catalogue.courses:
        levels = ", ".join(str(n) for n in course.levels)
        facts = [f"Level{'s' if len(course.levels) > 1 else ''} {levels}"]
        length = _length(course.length, course.hours, both=True)
        if length:
            facts.append(length)
        facts.append(_either([_DELIVERY.get(d, d) for d in course.delivery_modes]))
        details = [
            course.summary,
            "; ".join(facts),
            _offered_by(course),
        ]
        if course.focus:
            details.append("Focus: " + ", ".join(course.focus))
        if course.topics:
            details.append("Topics: " + ", ".join(course.topics))
        if course.aliases:
            details.append("Also known as: " + ", ".join(course.aliases))
        if course.prerequisites or course.prerequisite_note:
            names = ", ".join(knowledge.course(p).name for p in course.prerequisites)
            details.append(course.prerequisite_note or f"Take first: {names}")
        if course.same_as is not None:
            details.append(f"Another way to take {knowledge.course(course.same_as).name}")
        if course.satisfies:
            names = ", ".join(knowledge.course(s).name for s in course.satisfies)
            details.append(f"Counts as holding: {names}")
        if course.url:
            details.append(course.url)
        entry = Entry(clean_line(f"{course.name} ({course.id})"), _safe(details))
        kinds.setdefault(course.kind, []).append(entry)
    sections = [
        Section(kind if kind != kind.lower() else capitalise(kind), (Entries(tuple(entries)),))
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
        routes = level.routes
        if step.specialists and routes is not None:
            # A focus was asked for: its specialist route leads, PMO management follows.
            names = ", ".join(knowledge.focus_area(f).name.lower() for f in roadmap.focus)
            blocks += [
                Label(clean_line(f"Specialist route ({names}):")),
                Paragraph(clean_line(routes.specialist)),
                *_titles_blocks(step.specialists, knowledge),
                Label("PMO route:"),
                Paragraph(clean_line(routes.management)),
                *_titles_blocks(step.roles, knowledge),
            ]
        else:
            blocks += [Label("Roles:"), *_titles_blocks(step.roles, knowledge)]
        if step.take_on:
            wanted = set(roadmap.focus)
            elsewhere = [a for a in step.take_on if a.focus is not None and a.focus not in wanted]
            if len(elsewhere) <= 2:
                elsewhere = []
            items = [f"{capitalise(a.does)} ({a.id})" for a in step.take_on if a not in elsewhere]
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


def activity_listing_document(listing: ActivityListing, knowledge: Knowledge) -> Document:
    """The outline of the activity list: the ids answers take, a section per level."""
    filters = [f"level {listing.level}"] if listing.level is not None else []
    if listing.focus:
        filters.append("focus: " + ", ".join(listing.focus))
    headline = clean_line(
        f"Activities ({'; '.join(filters) or 'every level'}): give their ids as"
        " --set activities=ID,ID or in an answers file"
    )
    sections = []
    for level in knowledge.levels:
        items = [
            f"{a.id}: {a.does}" + (f" (focus: {a.focus})" if a.focus else "")
            for a in listing.activities
            if a.level == level.number
        ]
        if items:
            heading = f"Level {level.number}: {level.stage}"
            sections.append(Section(heading, (Bullets(_safe(items)),)))
    if not sections:
        sections.append(Section("No activities", (Paragraph("No activity fits those filters."),)))
    return Document(headline, tuple(sections))


def _course_entries(
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
        length = _length(course.length, course.hours, both=False)
        if length:
            facts.append(length)
        details = [course.reason]
        if course.prerequisites:
            names = ", ".join(knowledge.course(p).name for p in course.prerequisites)
            details.append(course.prerequisite_note or f"Take first: {names}")
        entries.append(Entry(clean_line(f"{course.name} ({', '.join(facts)})"), _safe(details)))
    return Entries(tuple(entries))


def _length(text: str | None, hours: float | None, *, both: bool) -> str | None:
    """How long a course takes, as people say it and, where asked, in hours too."""
    in_hours = None if hours is None else f"about {number(hours)} hours"
    if text and in_hours and both:
        return f"{text} ({in_hours})"
    return text or in_hours


#: Delivery modes as a sentence says them.
_DELIVERY = {
    "elearning": "eLearning",
    "exam-only": "exam only",
    "assessment": "assessed on experience",
}


def _either(items: Sequence[str]) -> str:
    words = list(items)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _offered_by(course: Course) -> str:
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


def outline(
    result: Result, knowledge: Knowledge, *, full: bool = False, more: Sequence[str] = ()
) -> Document:
    """The outline of any result; ``full`` and ``more`` are for an assessment (see
    advice_document)."""
    if isinstance(result, Advice):
        return advice_document(result, knowledge, full=full, more=more)
    if isinstance(result, Ladder):
        return ladder_document(result, knowledge)
    if isinstance(result, TitleListing):
        return title_listing_document(result, knowledge)
    if isinstance(result, TitleLookups):
        return title_lookup_document(result, knowledge)
    if isinstance(result, Catalogue):
        return catalogue_document(result, knowledge)
    if isinstance(result, ActivityListing):
        return activity_listing_document(result, knowledge)
    return roadmap_document(result, knowledge)


LOOKUP_HEADERS = ("Advert title", "Best match", "Levels", "Kind of PMO", "Score")


def lookup_rows(lookups: TitleLookups, knowledge: Knowledge) -> list[tuple[str, ...]]:
    """One row per looked-up title: the query and how it reads. The score is shown only
    where a near spelling was matched."""
    rows: list[tuple[str, ...]] = []
    for lookup in lookups.lookups:
        query = clean_line(lookup.query)
        reading = lookup.reading
        method = None if reading is None else reading.method
        if lookup.error:
            rows.append((query, f"(not read: {lookup.error})", "", "", ""))
        elif not lookup.matches and lookup.delivery_role is not None:
            role = clean_line(lookup.delivery_role.name)
            rows.append((query, f"(delivery role: {role})", "", "", ""))
        elif not lookup.matches and method == "other profession":
            rows.append((query, "(another profession's job)", "", "", ""))
        elif not lookup.matches and reading is not None and method == "parts":
            said = reading.explanation.split(":", 1)[0].removeprefix("read as ")
            kind = reading.pmo_type or "any"
            rows.append((query, clean_line(f"(read as {said})"), _levels(reading.levels), kind, ""))
        elif not lookup.matches:
            rows.append((query, "(no confident match)", "", "", ""))
        else:
            best = lookup.matches[0]
            kind = "any" if best.title.pmo_type is None else best.title.pmo_type
            levels = best.title.levels if reading is None else reading.levels
            fuzzy = reading is not None and reading.score is not None
            score = number(best.score) if fuzzy else ""
            rows.append((query, clean_line(best.title.name), _levels(levels), kind, score))
    return rows
