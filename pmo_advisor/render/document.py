"""A format-neutral outline of a result, shared by the human-readable renderers.

The plain, markdown and rich renderers all show the same content in the same order; this
module decides that content once, as a headline and titled sections of simple blocks,
and each renderer only decides how a block looks. Every piece of text placed here, the
headline and headings too, is made safe to print with :func:`pmo_advisor.safetext.clean_line`
when the block is built, whoever builds it: data text reaches the outline in many places,
and a heading forgotten once would print a data file's escape sequences raw.

This module outlines the advice, the plan and the ladder, and picks the outline for any
result (:func:`outline`); the blocks are in :mod:`pmo_advisor.render.blocks`, the
listings' outlines in :mod:`pmo_advisor.render.listings`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from pmo_advisor.knowledge import Knowledge
from pmo_advisor.model import Advice, CourseAdvice, Plan, PlanCourse, PlanStep, Route
from pmo_advisor.prose import number
from pmo_advisor.render.blocks import (
    Block,
    Bullets,
    Document,
    Entries,
    Entry,
    Label,
    LadderView,
    Paragraph,
    Rung,
    Section,
    course_entries,
    either,
    levels_text,
    safe_texts,
    titles_blocks,
)
from pmo_advisor.safetext import clean_line

if TYPE_CHECKING:
    from pmo_advisor.listings import Ladder, Roadmap, TitleLookups
    from pmo_advisor.render import Result


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
        Section("Titles that fit now", titles_blocks(advice.titles, knowledge)),
        _next_section(advice, knowledge),
        _courses_section(advice.courses, knowledge),
        Section("Skills to build", (Bullets(safe_texts(advice.skills)),)),
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
    sections.append(Section("Your plan", (*blocks, Bullets(safe_texts(more)))))
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
            blocks.append(Bullets(safe_texts(a.text for a in step.actions)))
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
        text += " Or an equivalent: " + either(others) + "."
    return Entry(clean_line(f"{course.name}{owner}"), (clean_line(text),))


def ladder_document(ladder: Ladder, knowledge: Knowledge) -> Document:
    """The outline of the career ladder, lowest level first."""
    sections = []
    for rung in ladder.rungs:
        level = rung.level
        blocks: list[Block] = [
            Paragraph(clean_line(f"{level.title}. {level.summary}")),
            Label("Titles:"),
            *titles_blocks(rung.titles, knowledge),
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
    blocks.append(Bullets(safe_texts(r.text for r in advice.reasons)))
    return tuple(blocks)


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
                blocks += titles_blocks(route.roles, knowledge)
    else:
        blocks += (Label("Roles there:"), *titles_blocks(step.roles, knowledge))
    blocks += (Label("What to work on:"), Bullets(safe_texts(step.gaps)))
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
    return Section("Courses", (course_entries(courses, knowledge, for_level=True),))


def outline(
    result: Result, knowledge: Knowledge, *, full: bool = False, more: Sequence[str] = ()
) -> Document:
    """The outline of any result; ``full`` and ``more`` are for an assessment (see
    advice_document)."""
    if isinstance(result, Advice):
        return advice_document(result, knowledge, full=full, more=more)
    kind = getattr(result, "kind", None)
    if kind in ("advert", "adverts"):  # told apart by kind: other commands never load them
        from pmo_advisor.render.adverts import advert_document, batch_document

        if kind == "advert":
            return advert_document(result, knowledge)  # type: ignore[arg-type]
        return batch_document(result, knowledge)  # type: ignore[arg-type]
    # The listing commands' results, and their outlines, are loaded by those commands.
    from pmo_advisor.listings import ActivityListing, Catalogue, Ladder, TitleListing, TitleLookups
    from pmo_advisor.render.listings import (
        activity_listing_document,
        catalogue_document,
        roadmap_document,
        title_listing_document,
        title_lookup_document,
    )

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
    return roadmap_document(cast("Roadmap", result), knowledge)


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
            named_kind = reading.pmo_type or "any"
            rows.append(
                (
                    query,
                    clean_line(f"(read as {said})"),
                    levels_text(reading.levels),
                    named_kind,
                    "",
                )
            )
        elif not lookup.matches:
            rows.append((query, "(no confident match)", "", "", ""))
        else:
            best = lookup.matches[0]
            kind = "any" if best.title.pmo_type is None else best.title.pmo_type
            levels = best.title.levels if reading is None else reading.levels
            fuzzy = reading is not None and reading.score is not None
            score = number(best.score) if fuzzy else ""
            rows.append((query, clean_line(best.title.name), levels_text(levels), kind, score))
    return rows
