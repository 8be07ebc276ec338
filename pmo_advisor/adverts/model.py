"""The results of reading job adverts: small immutable dataclasses.

As with :mod:`pmo_advisor.model`, each class is also the definition of its JSON
(``kind: "advert"``, or ``"adverts"`` for several) and of that JSON's schema
(``pmo-advisor schema advert``): a field's place, name and type are its key's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pmo_advisor.jsonfields import json_field
from pmo_advisor.knowledge import DeliveryRole, Level
from pmo_advisor.listings import DELIVERY_ROLE
from pmo_advisor.model import LEVEL, SCHEMA_VERSION

#: The kinds of demand an advert makes: the answers a person gives, one for one.
DemandKind = Literal["years", "team_size", "scope", "activity", "qualification", "delivery"]
#: How far a person meets one demand.
Verdict = Literal["met", "partly", "not met"]
#: How an advert fits a person, overall.
Overall = Literal["good fit", "a stretch", "a step back", "not a fit"]
#: Which reading of an advert's level a reader should believe.
Believe = Literal["text", "title", "both", "neither"]


@dataclass(frozen=True)
class Demand:
    """One thing an advert asks for, as the evidence a person's answer would give."""

    kind: DemandKind
    #: Years or people (a number), a scope id, an activity id, a course id or a
    #: delivery background id.
    value: int | float | str
    #: The advert's own words.
    quote: str
    #: The demand in words: "asks for 5 or more years of experience".
    text: str
    #: False where the advert would only like it (desirable, an advantage).
    required: bool = True
    #: Other courses the advert accepts instead, named beside this one ("or").
    any_of: tuple[str, ...] = ()
    #: Other sentences of the advert that ask for the same, up to three.
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class SetAside:
    """A part of an advert read past: it says nothing about the job's level."""

    part: Literal["company", "benefits", "equal-opportunities", "location", "soft-skills"]
    quote: str


@dataclass(frozen=True)
class Unread:
    """Words that look like a demand but that no phrase reads: reported, never guessed."""

    quote: str
    why: str


@dataclass(frozen=True)
class TitleAgainstText:
    """The level the title usually means against the level the text reads as."""

    #: How the title was read (the title reader's sentence).
    title_reading: str
    #: The level the advert's demands are placed at (None when they are too few).
    text_level: int | None
    #: The level the advert's responsibilities reach, before the rest confirms it.
    proposed_level: int | None
    believe: Believe
    #: Why, in a sentence or two.
    why: str


@dataclass(frozen=True)
class GapCourse:
    """A course from the person's plan that closes a gap."""

    course_id: str = field(metadata=json_field(name="id"))
    name: str
    #: Why the plan has it, for this person.
    why: str
    #: Whether the person can sit it now; when not, ``condition`` says what they need.
    ready: bool
    condition: str | None


@dataclass(frozen=True)
class DemandFit:
    """How far a person meets one of the advert's demands, and what to do about a gap."""

    kind: DemandKind
    value: int | float | str
    quote: str
    required: bool
    verdict: Verdict
    #: Why, from the person's answers.
    why: str
    #: What to do about a gap: the person's plan's own actions where it has them.
    actions: tuple[str, ...] = ()
    #: The courses of the person's plan that close the gap.
    courses: tuple[GapCourse, ...] = ()


@dataclass(frozen=True)
class Fit:
    """How an advert fits a person: each demand met or not, and overall."""

    overall: Overall
    #: The overall fit in a phrase: "a stretch: one level up, two demands not met".
    summary: str
    #: The person's level, as ``assess`` places them.
    person_level: int
    demands: tuple[DemandFit, ...]
    met: int = field(metadata=json_field(ge=0))
    partly: int = field(metadata=json_field(ge=0))
    not_met: int = field(metadata=json_field(ge=0))
    #: The market the person's plan was made for (the person's, else the advert's).
    market: str | None


@dataclass(frozen=True)
class AdvertReading:
    """``advert FILE``: one advert read, its level, evidence and (with a person) fit."""

    schema_version: Literal[1] = field(default=SCHEMA_VERSION, init=False)
    kind: Literal["advert"] = field(default="advert", init=False)
    #: Where the advert came from: its file name, or "standard input".
    source: str
    title: str
    #: Whether the advert is for a PMO job at all.
    pmo_job: bool
    #: Why it is or is not: the title reader's reason.
    pmo_job_why: str
    delivery_role: DeliveryRole | None = field(
        metadata=json_field(
            shown=DELIVERY_ROLE, description="set when the title is a delivery role"
        )
    )
    #: The level to believe (None when it is no PMO job, or nothing places it).
    level: Level | None = field(metadata=json_field(shown=LEVEL))
    borderline_with: int | None
    #: The levels the title usually means (empty: the title is no known PMO title).
    title_levels: tuple[int, ...]
    title_against_text: TitleAgainstText
    #: Ids of the evidence signals (levels.yaml) that confirm the text's level.
    confirmed_by: tuple[str, ...]
    #: Why the level reads as it does, in sentences.
    reasons: tuple[str, ...]
    #: The demands read, each with its quote.
    evidence: tuple[Demand, ...]
    ignored: tuple[SetAside, ...]
    unread: tuple[Unread, ...]
    #: The market the advert is in, where it makes it clear (a market id).
    market: str | None
    #: How the market was read, or why it could not be.
    market_note: str | None
    fit: Fit | None = field(
        default=None, metadata=json_field(only_with="fit", description="only with a person")
    )


@dataclass(frozen=True)
class AdvertSummary:
    """What several adverts add up to."""

    adverts: int = field(metadata=json_field(ge=0))
    pmo_jobs: int = field(metadata=json_field(ge=0))
    #: Adverts per level read, by level number ("1", "2" …), every level present.
    levels: dict[str, int]
    #: Adverts whose text reads at another level than their title usually means.
    title_disagrees: int = field(metadata=json_field(ge=0))
    #: With a person: adverts per overall fit ("good fit", "a stretch" …).
    fits: dict[str, int] = field(metadata=json_field(only_with="fits"))


@dataclass(frozen=True)
class AdvertBatch:
    """``advert DIR`` or several files: each advert read, and the summary."""

    schema_version: Literal[1] = field(default=SCHEMA_VERSION, init=False)
    kind: Literal["adverts"] = field(default="adverts", init=False)
    adverts: tuple[AdvertReading, ...]
    summary: AdvertSummary


#: What the advert command returns.
AdvertResult = AdvertReading | AdvertBatch
