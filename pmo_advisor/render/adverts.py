"""The outline of an advert read (``advert FILE``) and of several (``advert DIR``), for
the plain, markdown and rich renderers, and the rows the CSV renderer writes.

Loaded only for the ``advert`` command's results. Every text placed in the outline is
made safe to print by the blocks themselves (:mod:`pmo_advisor.render.blocks`).
"""

from __future__ import annotations

from collections.abc import Sequence

from pmo_advisor.adverts.model import AdvertBatch, AdvertReading, DemandFit, Fit
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.render.blocks import Block, Bullets, Document, Entries, Entry, Paragraph, Section
from pmo_advisor.render.blocks import levels_text as _levels_text

#: The CSV columns, one row per advert: a public contract, only ever added to at the end.
COLUMNS = (
    "source",
    "title",
    "pmo_job",
    "level",
    "stage",
    "borderline_with",
    "title_levels",
    "believe",
    "market",
    "fit",
)
#: The parts set aside, in words.
_PARTS = {
    "company": "the company",
    "benefits": "pay and benefits",
    "equal-opportunities": "equal opportunities",
    "location": "location and how to apply",
    "soft-skills": "personal qualities",
}


def levels_text(levels: Sequence[int]) -> str:
    """Levels in words; none at all as "none"."""
    return _levels_text(levels) if levels else "none"


def level_text(reading: AdvertReading, knowledge: Knowledge) -> str:
    """The level read, in a few words: "level 3 (PMO Manager), borderline with 4"."""
    if reading.level is None:
        return "not a PMO job" if not reading.pmo_job else "not placed"
    text = f"level {reading.level.number} ({reading.level.stage})"
    if reading.borderline_with is not None:
        text += f", borderline with {reading.borderline_with}"
    return text


def advert_document(reading: AdvertReading, knowledge: Knowledge) -> Document:
    """One advert read: its level, title against text, evidence, what was set aside or
    unread, and the fit with a person."""
    against = reading.title_against_text
    headline = f"{reading.title or '(no title)'}: {level_text(reading, knowledge)}"
    level_blocks: list[Block] = [Paragraph(against.why), Bullets(reading.reasons)]
    facts = [
        f"PMO job: {'yes' if reading.pmo_job else 'no'} ({reading.pmo_job_why})",
        f"The title usually means: {levels_text(reading.title_levels)} ({against.title_reading})",
        "The text reads as: "
        + (
            "nothing it names places it"
            if against.text_level is None
            else f"level {against.text_level}"
        ),
    ]
    if reading.market_note:
        facts.append(f"Market: {reading.market or 'not clear'}. {reading.market_note}")
    level_blocks.insert(0, Paragraph(f"Read from {reading.source}."))
    sections = [
        Section("Its level", tuple(level_blocks)),
        Section("Title against text", (Bullets(tuple(facts)),)),
        Section("Evidence", (_evidence(reading),)),
    ]
    aside = _set_aside(reading)
    if aside is not None:
        sections.append(aside)
    if reading.unread:
        sections.append(
            Section(
                "Could not read",
                (Bullets(tuple(f'"{u.quote}": {u.why}' for u in reading.unread)),),
            )
        )
    if reading.fit is not None:
        sections.append(_fit_section(reading.fit))
    return Document(headline, tuple(sections))


def _evidence(reading: AdvertReading) -> Block:
    if not reading.evidence:
        return Paragraph("No demand the advisor can read.")
    return Entries(
        tuple(
            Entry(
                f"{d.kind.replace('_', ' ')}: {d.value}",
                (
                    d.text + ("" if d.required else " (desirable)"),
                    f'"{d.quote}"',
                ),
            )
            for d in reading.evidence
        )
    )


def _set_aside(reading: AdvertReading) -> Section | None:
    if not reading.ignored:
        return None
    parts: dict[str, int] = {}
    for item in reading.ignored:
        parts[item.part] = parts.get(item.part, 0) + 1
    said = ", ".join(
        f"{_PARTS[part]} ({count} {'sentence' if count == 1 else 'sentences'})"
        for part, count in parts.items()
    )
    return Section(
        "Set aside", (Paragraph(f"Read past, as it says nothing about the level: {said}."),)
    )


def _fit_section(fit: Fit) -> Section:
    blocks: list[Block] = [Paragraph(f"Fit: {fit.summary} (you are at level {fit.person_level}).")]
    blocks.append(Entries(tuple(_demand_entry(d) for d in fit.demands)))
    return Section("Your fit", tuple(blocks))


def _demand_entry(fit: DemandFit) -> Entry:
    details = [fit.why]
    details += [f"Do: {a}" for a in fit.actions]
    details += [
        f"Course: {c.name}" + ("" if c.ready else f" (later: {c.condition})" if c.condition else "")
        for c in fit.courses
    ]
    required = "" if fit.required else ", desirable"
    return Entry(
        f"{fit.verdict}{required}: {fit.kind.replace('_', ' ')} {fit.value}", tuple(details)
    )


def batch_document(batch: AdvertBatch, knowledge: Knowledge) -> Document:
    """Several adverts: one line each, then the summary."""
    lines = tuple(_one_line(r, knowledge) for r in batch.adverts)
    summary = batch.summary
    counts = ", ".join(f"level {n}: {count}" for n, count in summary.levels.items())
    said = [
        f"{summary.adverts} adverts, {summary.pmo_jobs} of them PMO jobs ({counts}).",
        f"{summary.title_disagrees} read at another level than their title usually means.",
    ]
    if summary.fits:
        said.append("Fit: " + ", ".join(f"{k}: {v}" for k, v in summary.fits.items()) + ".")
    return Document(
        f"{summary.adverts} adverts read",
        (Section("Adverts", (Bullets(lines),)), Section("Summary", (Paragraph(" ".join(said)),))),
    )


def _one_line(reading: AdvertReading, knowledge: Knowledge) -> str:
    fit = f"; {reading.fit.summary}" if reading.fit is not None else ""
    pmo = "PMO job" if reading.pmo_job else "not a PMO job"
    title = reading.title or "(no title)"
    return f"{title} ({reading.source}): {level_text(reading, knowledge)}; {pmo}{fit}"


def csv_rows(result: AdvertReading | AdvertBatch) -> list[list[str]]:
    """One row per advert, after the header."""
    readings = result.adverts if isinstance(result, AdvertBatch) else (result,)
    return [
        [
            r.source,
            r.title,
            "yes" if r.pmo_job else "no",
            "" if r.level is None else str(r.level.number),
            "" if r.level is None else r.level.stage,
            "" if r.borderline_with is None else str(r.borderline_with),
            " or ".join(map(str, r.title_levels)),
            r.title_against_text.believe,
            r.market or "",
            "" if r.fit is None else r.fit.overall,
        ]
        for r in readings
    ]
