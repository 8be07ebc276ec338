"""Outlines of the listings: titles, title look-ups, the course catalogue, a roadmap and
the activities.

They are built from the same blocks as the advice (:mod:`pmo_advisor.render.blocks`), and
:func:`pmo_advisor.render.document.outline` picks the one a result needs.
"""

from __future__ import annotations

from pmo_advisor.knowledge import DeliveryRole, Knowledge
from pmo_advisor.listings import (
    ActivityListing,
    Catalogue,
    Roadmap,
    TitleListing,
    TitleLookup,
    TitleLookups,
)
from pmo_advisor.prose import capitalise, number
from pmo_advisor.render.blocks import (
    DELIVERY_WORDS,
    Block,
    Bullets,
    Document,
    Entries,
    Entry,
    Label,
    Paragraph,
    Section,
    course_entries,
    course_length,
    either,
    levels_text,
    offered_by,
    safe_texts,
    titles_blocks,
)
from pmo_advisor.safetext import clean_line


def title_listing_document(listing: TitleListing, knowledge: Knowledge) -> Document:
    """The outline of every title, by level and kind of PMO."""
    sections = []
    for level in knowledge.levels:
        if listing.level is not None and level.number != listing.level:
            continue
        titles = [t for t in listing.titles if level.number in t.levels]
        if titles:
            heading = f"Level {level.number}: {level.stage}"
            sections.append(Section(heading, titles_blocks(titles, knowledge)))
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
        entries.append(Entry(clean_line(title.name), safe_texts(details)))
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
    return (Section(heading, (Paragraph(text), Bullets(safe_texts(lines)))),)


def _seniority_sections(lookup: TitleLookup) -> tuple[Section, ...]:
    if not lookup.seniority:
        return ()
    return (Section("Seniority", (Bullets(safe_texts(s.note for s in lookup.seniority)),)),)


def _delivery_role_section(role: DeliveryRole | None, knowledge: Knowledge) -> Section | None:
    """What a delivery title means for a move into the PMO: not a PMO title, but
    experience that counts, and what it is evidence of."""
    if role is None:
        return None
    evidence = role.evidence or f"PMO level {levels_text(role.levels)}"
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
        length = course_length(course.length, course.hours, both=True)
        if length:
            facts.append(length)
        facts.append(either([DELIVERY_WORDS.get(d, d) for d in course.delivery_modes]))
        details = [
            course.summary,
            "; ".join(facts),
            offered_by(course),
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
        entry = Entry(clean_line(f"{course.name} ({course.id})"), safe_texts(details))
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
                *titles_blocks(step.specialists, knowledge),
                Label("PMO route:"),
                Paragraph(clean_line(routes.management)),
                *titles_blocks(step.roles, knowledge),
            ]
        else:
            blocks += [Label("Roles:"), *titles_blocks(step.roles, knowledge)]
        if step.take_on:
            wanted = set(roadmap.focus)
            elsewhere = [a for a in step.take_on if a.focus is not None and a.focus not in wanted]
            if len(elsewhere) <= 2:
                elsewhere = []
            items = [f"{capitalise(a.does)} ({a.id})" for a in step.take_on if a not in elsewhere]
            if elsewhere:
                lead = "Or another specialism" if items else "A specialism"
                items.append(f"{lead}, any one of: {', '.join(a.id for a in elsewhere)}")
            blocks += [Label("Take on:"), Bullets(safe_texts(items))]
        blocks += [Label("Experience:"), Paragraph(clean_line(step.experience))]
        if step.courses:
            blocks += [Label("Courses, in order:"), course_entries(step.courses, knowledge)]
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
            sections.append(Section(heading, (Bullets(safe_texts(items)),)))
    if not sections:
        sections.append(Section("No activities", (Paragraph("No activity fits those filters."),)))
    return Document(headline, tuple(sections))
