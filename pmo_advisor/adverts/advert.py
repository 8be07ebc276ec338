"""One advert read whole, several summed up: the pieces of this package put together.

Pure functions of the advert's text, the knowledge base and the title reader: the
:class:`~pmo_advisor.advisor.Advisor` supplies the title reader and, for a fit, the
person's assessment.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from pmo_advisor.adverts.fit import fit_of
from pmo_advisor.adverts.level import read_level
from pmo_advisor.adverts.model import AdvertReading, AdvertSummary
from pmo_advisor.adverts.reading import read_text
from pmo_advisor.adverts.source import advert_text
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.listings import TitleLookup
from pmo_advisor.model import Advice


def read_advert(
    raw: str,
    knowledge: Knowledge,
    lookup_title: Callable[[str], TitleLookup],
    *,
    name: str = "",
    source: str = "the text given",
    title: str | None = None,
) -> AdvertReading:
    """An advert's title, level, evidence, parts set aside, unread words and market.
    ``name`` (a file name) says whether the text is a saved web page, Markdown or plain
    text; ``title`` replaces the title the advert gives itself."""
    text = advert_text(raw, name, title=title)
    reading = read_text(text, knowledge)
    lookup = lookup_title(text.title or "(no title)")
    profession = reading.profession(knowledge.advert_phrases.professions.least)
    level = read_level(reading.demands, lookup, knowledge, profession=profession)
    return AdvertReading(
        source=source,
        title=text.title,
        pmo_job=level.pmo_job,
        pmo_job_why=level.pmo_job_why,
        # The text that places the job in another profession overrules the title's
        # delivery role too: an investment portfolio manager delivers no projects.
        delivery_role=None if profession is not None else lookup.delivery_role,
        level=None if level.level is None else knowledge.level(level.level),
        borderline_with=level.borderline_with,
        title_levels=level.title_levels,
        title_against_text=level.against,
        confirmed_by=level.confirmed_by,
        reasons=level.reasons,
        evidence=tuple(reading.demands),
        ignored=tuple(reading.set_aside),
        unread=tuple(reading.unread),
        market=reading.market,
        market_note=reading.market_note,
    )


def with_fit(reading: AdvertReading, advice: Advice, knowledge: Knowledge) -> AdvertReading:
    """The advert read, with how it fits the person ``advice`` assesses."""
    level = None if reading.level is None else reading.level.number
    fit = fit_of(
        reading.evidence,
        level,
        reading.pmo_job,
        advice,
        knowledge,
        delivery_role=reading.delivery_role is not None,
    )
    return replace(reading, fit=fit)


def summary_of(readings: Sequence[AdvertReading], knowledge: Knowledge) -> AdvertSummary:
    """What several adverts add up to."""
    levels = Counter(r.level.number for r in readings if r.level is not None)
    disagree = sum(
        r.title_against_text.believe in ("text", "title")
        and r.title_against_text.text_level not in r.title_levels
        for r in readings
        if r.pmo_job and r.title_levels
    )
    fits: Counter[str] = Counter(r.fit.overall for r in readings if r.fit is not None)
    return AdvertSummary(
        adverts=len(readings),
        pmo_jobs=sum(r.pmo_job for r in readings),
        levels={str(n): levels.get(n, 0) for n in knowledge.level_numbers},
        title_disagrees=disagree,
        fits=dict(fits),
    )
