"""Placing a person on the ladder, the way a career coach reads their answers.

Responsibilities propose a level: the highest level among a person's activities and
delivery experience. The rest of the answers (years, scope, team, title, qualifications,
more responsibilities) then confirm it or not, as each level's ``evidence`` in
``data/levels.yaml`` describes. The person is placed at the highest level, at or below
the proposed one, that their evidence confirms. Where the evidence stops short of the
proposed level, the result names the level they are reaching for; where it is thin, or
already shows signs of the next level, the result is borderline with that level.

Every test a signal makes is "at least": more years, a wider scope, a larger team or
another activity can only make more signals hold, and the proposed level can only rise.
That is why doing more never lowers a placement. Years never propose a level, so years
alone never raise one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pmo_advisor.knowledge import (
    Activity,
    DeliveryBackground,
    Knowledge,
    Level,
    Signal,
)
from pmo_advisor.model import Reason
from pmo_advisor.prose import capitalise
from pmo_advisor.prose import number as shown_number
from pmo_advisor.rules.wording import join

#: How many "what would confirm" items a reason lists, so it stays readable.
_CONFIRM_ITEMS = 3


@dataclass(frozen=True)
class Facts:
    """What the rules read from a person's answers, each value as it is shown to them."""

    #: Years rounded once, as shown, so that text and comparison always agree.
    years: float
    scope: str
    #: The knowledge base's scope ids, narrowest first, which rank ``scope``.
    scope_ids: tuple[str, ...]
    #: None when team_size was not answered.
    team: int | None
    activities: tuple[Activity, ...]
    delivery: tuple[DeliveryBackground, ...]
    #: The levels the person's job title usually means; empty when there is no title or
    #: it is not a PMO title the advisor knows.
    title_levels: tuple[int, ...] = ()
    #: Whether a title was given at all.
    titled: bool = False
    #: The highest entry level among the qualifications held (0 when none).
    qualification_level: int = 0
    #: Whether the years are known. A person always says; a job advert may not, and
    #: silence is no evidence either way: years then show no signal and hit no floor.
    years_known: bool = True

    def has_years(self, years: float) -> bool:
        """Whether the facts show at least ``years`` years."""
        return self.years_known and self.years >= years

    @property
    def scope_rank(self) -> int:
        """The scope's place from narrowest (0) to widest."""
        return self.scope_ids.index(self.scope)

    def works_at_least(self, scope: str) -> bool:
        """Whether the person's scope is ``scope`` or wider."""
        return self.scope_rank >= self.scope_ids.index(scope)

    @property
    def proposed(self) -> int:
        """The level the person's responsibilities and delivery experience propose."""
        return max([a.level for a in self.activities] + [b.level for b in self.delivery] + [1])

    @property
    def activity_level(self) -> int:
        """The level the person's PMO activities alone propose."""
        return max(a.level for a in self.activities)


@dataclass(frozen=True)
class SignalCheck:
    """One signal of one level, and the answer keys that show it (none: it fails)."""

    signal: Signal
    shown_by: tuple[str, ...]

    @property
    def holds(self) -> bool:
        """Whether the answers show this signal."""
        return bool(self.shown_by)


#: The answers whose evidence a coach takes on its own: what someone has done, for how
#: long, with whom and how widely, as against a title or a certificate.
_GROUNDING_KEYS = frozenset({"years", "team_size", "scope", "delivery"})


@dataclass(frozen=True)
class LevelCheck:
    """How far a person's answers confirm one level."""

    level: Level
    checks: tuple[SignalCheck, ...]
    #: Whether the answers fall below the level's floor (levels.yaml), which no other
    #: evidence makes up for.
    below_floor: bool = False
    #: Whether most of the person's activities (three in four or more) are below the
    #: level.
    mostly_below: bool = False

    @property
    def held(self) -> tuple[SignalCheck, ...]:
        """The signals that hold."""
        return tuple(c for c in self.checks if c.holds)

    @property
    def counted(self) -> tuple[SignalCheck, ...]:
        """The signals that hold and count: a supporting signal (a title, a certificate)
        counts only beside one shown by years, people, scope or delivery."""
        grounded = any(
            c.holds and not c.signal.supporting and _GROUNDING_KEYS.intersection(c.shown_by)
            for c in self.checks
        )
        return tuple(c for c in self.held if grounded or not c.signal.supporting)

    @property
    def missing(self) -> tuple[SignalCheck, ...]:
        """The signals that do not hold, defining ones first."""
        return tuple(
            sorted((c for c in self.checks if not c.holds), key=lambda c: not c.signal.defining)
        )

    @property
    def confirmed(self) -> bool:
        """Above the floor, enough signals count, and a defining one holds where the
        level has any."""
        evidence = self.level.evidence
        if evidence is None:
            return True
        if self.below_floor:
            return False
        defining = [c for c in self.checks if c.signal.defining]
        if defining and not any(c.holds for c in defining):
            return False
        return len(self.counted) >= evidence.needs

    @property
    def firm(self) -> bool:
        """Confirmed with room to spare, with every expected signal, and with most of
        the person's work at the level where the level asks for that."""
        evidence = self.level.evidence
        if evidence is None:
            return True
        expected_missing = any(c.signal.expected and not c.holds for c in self.checks)
        return (
            self.confirmed
            and len(self.counted) >= evidence.firm
            and not expected_missing
            and not (evidence.thin_when_mostly_below and self.mostly_below)
        )


@dataclass(frozen=True)
class Placement:
    """Where a person stands, the level they are reaching for or close to, and why."""

    level: int
    #: The level the person's responsibilities propose.
    proposed: int
    borderline_with: int | None
    reasons: tuple[Reason, ...]
    #: The check of the level placed at (None at level 1, which needs no evidence).
    check: LevelCheck | None


def check_level(level: Level, facts: Facts) -> LevelCheck:
    """How far the facts confirm ``level``."""
    evidence = level.evidence
    signals = () if evidence is None else evidence.signals
    checks = tuple(SignalCheck(s, _shown_by(s, level, facts)) for s in signals)
    below = sum(a.level < level.number for a in facts.activities)
    return LevelCheck(
        level,
        checks,
        below_floor=_below_floor(level, checks, facts),
        # "Mostly": three in four or more. Two admin tasks beside one analyst task on a
        # programme are still an analyst's job; three beside one are a start at it.
        mostly_below=below >= 3 * (len(facts.activities) - below),
    )


def _below_floor(level: Level, checks: Sequence[SignalCheck], facts: Facts) -> bool:
    """Whether the facts fall below what the level never goes without."""
    floor = None if level.evidence is None else level.evidence.floor
    if floor is None:
        return False
    if floor.years is not None and facts.years_known and facts.years < floor.years:
        return True
    if floor.team is None:
        return False
    has_team = facts.team is not None and facts.team >= floor.team
    instead = any(c.holds for c in checks if c.signal.id in floor.or_signals)
    return not (has_team or instead)


def place(facts: Facts, knowledge: Knowledge, pmo_gap: str) -> Placement:
    """Place a person: the highest level at or below the proposed one that the evidence
    confirms, with the reasons a coach would give."""
    proposed = facts.proposed
    checks = {n: check_level(knowledge.level(n), facts) for n in range(2, proposed + 1)}
    number = next((n for n in range(proposed, 1, -1) if checks[n].confirmed), 1)
    here = checks.get(number)
    reasons: list[Reason] = []
    borderline: int | None = None

    if number < proposed:
        borderline = proposed
        top = checks[proposed]
        reasons.append(
            _under_floor(top, number, facts)
            if top.below_floor
            else _not_confirmed(top, number, facts)
        )
    if here is not None:
        reasons.append(_confirmed(here))
    if borderline is None and here is not None and not here.firm:
        borderline = number - 1
        reasons.append(_thin(here, facts))
    if borderline is None and number > 1 and facts.activity_level < number:
        borderline = number - 1
        reasons.append(_rests_on_delivery(number, facts, pmo_gap))
    if borderline is None and number < knowledge.top_level:
        signs = _signs_of(knowledge.level(number + 1), number, facts)
        if signs is not None:
            borderline = number + 1
            reasons.append(signs)
    return Placement(number, proposed, borderline, tuple(reasons), here)


def _shown_by(signal: Signal, level: Level, facts: Facts) -> tuple[str, ...]:
    """The answer keys that show a signal, in the order answers are given."""
    keys: list[str] = []
    # An activity or background that means managing people counts only while the
    # person has not said that nobody reports to them.
    no_reports = facts.team == 0
    if signal.years is not None and facts.has_years(signal.years):
        keys.append("years")
    if signal.scope is not None and facts.works_at_least(signal.scope):
        keys.append("scope")
    if signal.team is not None and facts.team is not None and facts.team >= signal.team:
        keys.append("team_size")
    if any(
        a.id in signal.activities and not (a.manages_people and no_reports)
        for a in facts.activities
    ):
        keys.append("activities")
    at_or_above = sum(
        a.level >= level.number and not (a.manages_people and no_reports) for a in facts.activities
    )
    if signal.breadth is not None and at_or_above >= signal.breadth:
        keys.append("activities")
    if any(
        b.id in signal.delivery and not (b.manages_people and no_reports) for b in facts.delivery
    ):
        keys.append("delivery")
    if signal.title and level.number in facts.title_levels:
        keys.append("title")
    if signal.qualification and facts.qualification_level >= level.number:
        keys.append("qualifications")
    return tuple(dict.fromkeys(keys))


def _keys(checks: Sequence[SignalCheck]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(k for c in checks for k in c.shown_by))


def _shown_list(checks: Sequence[SignalCheck]) -> str:
    return join(f"{c.signal.shows} ({', '.join(c.shown_by)})" for c in checks)


def _confirmed(check: LevelCheck) -> Reason:
    level = check.level
    return Reason(
        f"Your answers confirm level {level.number} ({level.stage}): {_shown_list(check.held)}.",
        _keys(check.held),
    )


def _not_confirmed(check: LevelCheck, number: int, facts: Facts) -> Reason:
    level = check.level
    evidence = level.evidence
    assert evidence is not None  # only levels 2-4 are checked
    signals = sorted(check.checks, key=lambda c: not c.signal.defining)
    defining = sum(c.signal.defining for c in signals)
    how_many = "any one of these" if evidence.needs == 1 else f"{evidence.needs} of these"
    if defining:
        how_many += (
            ", including the first" if defining == 1 else f", including one of the first {defining}"
        )
    listed = join((c.signal.shows for c in signals), sep="; ", word="or")
    # Without a defining signal nothing else can confirm the level, however much else
    # holds: only a defining signal is worth naming as what would confirm it.
    lacks_defining = defining > 0 and not any(c.holds for c in signals if c.signal.defining)
    wanting = [c for c in check.missing if c.signal.defining] if lacks_defining else []
    if check.held and wanting:
        lacking = join((c.signal.shows for c in wanting), sep="; ", word="or")
        shown = f"yours show {_shown_list(check.held)}, but not {lacking}"
    elif check.held:
        shown = f"yours show {_shown_list(check.held)}, but not the rest"
    else:
        shown = "your answers show none of them"
    confirm = join(
        (c.signal.confirm for c in (wanting or check.missing[:_CONFIRM_ITEMS])), sep="; ", word="or"
    )
    tested = _fact_keys(wanting or check.missing, facts)
    quoted = _facts(tested, facts)
    where = "where everyone starts" if number == 1 else "the highest level they confirm"
    return Reason(
        f"Your responsibilities reach level {level.number} ({level.stage}), but the rest of"
        f" your answers do not confirm it. Level {level.number} is confirmed by {how_many}:"
        f" {listed}. {capitalise(shown)}{f' ({quoted})' if quoted else ''}. You are placed at"
        f" level {number}, {where}, reaching for level {level.number}. What would confirm"
        f" level {level.number}: {confirm}.",
        tuple(dict.fromkeys(("activities", *tested))),
    )


def _under_floor(check: LevelCheck, number: int, facts: Facts) -> Reason:
    """Why a level the responsibilities reach is not believed: it is below its floor."""
    level = check.level
    evidence = level.evidence
    assert evidence is not None and evidence.floor is not None  # only floors get here
    keys = ["years"] + (["team_size"] if evidence.floor.team is not None else [])
    return Reason(
        f"Your responsibilities reach level {level.number} ({level.stage}), but"
        f" {evidence.floor.reason.strip()} ({_facts(keys, facts)}). You are placed at level"
        f" {number}, the highest level your answers confirm, reaching for level"
        f" {level.number}. What would confirm level {level.number}:"
        f" {evidence.floor.confirm.strip()}.",
        ("activities", *keys),
    )


def _thin(check: LevelCheck, facts: Facts) -> Reason:
    level = check.level
    expected_held = not any(c.signal.expected and not c.holds for c in check.checks)
    evidence = level.evidence
    if expected_held and check.mostly_below and evidence and evidence.thin_when_mostly_below:
        return Reason(
            f"Most of your activities are level {level.number - 1} work"
            f" ({_facts(('activities',), facts)}), so you sit between levels"
            f" {level.number - 1} and {level.number}.",
            ("activities",),
        )
    expected = [c for c in check.checks if c.signal.expected and not c.holds]
    missing = expected or list(check.missing[:_CONFIRM_ITEMS])
    tested = _fact_keys(missing, facts)
    lacking = join((c.signal.shows for c in missing), sep="; ", word="or")
    quoted = _facts(tested, facts)
    return Reason(
        f"That is only just enough for level {level.number}: it usually also shows {lacking}"
        f"{f' ({quoted})' if quoted else ''}, so you sit between levels {level.number - 1}"
        f" and {level.number}.",
        tuple(dict.fromkeys(k for c in missing for k in _signal_keys(c.signal))),
    )


def _rests_on_delivery(number: int, facts: Facts, pmo_gap: str) -> Reason:
    did = join(b.did for b in facts.delivery if b.level >= number)
    return Reason(
        f"Level {number} rests on your delivery experience: you have {did}"
        f" (delivery: {', '.join(b.id for b in facts.delivery)}). {pmo_gap.strip()} Until"
        f" you have done that, you sit between levels {number - 1} and {number}.",
        ("delivery", "activities"),
    )


def _signs_of(upper: Level, number: int, facts: Facts) -> Reason | None:
    """Signs in the answers, other than responsibilities, that a person is close to the
    level above their own, or None."""
    check = check_level(upper, facts)
    expected = [
        c
        for c in check.checks
        if c.signal.expected and c.holds and set(c.shown_by) - {"activities"}
    ]
    # Years alone are no sign of the level above: they say how long, not what at.
    if expected and any(set(c.shown_by) - {"activities", "years"} for c in expected):
        shown = join(f"{c.signal.shows} ({', '.join(c.shown_by)})" for c in expected)
        return Reason(
            f"You already have {shown}, as level {upper.number} roles do, though none of your"
            f" activities is a level {upper.number} responsibility yet: you sit between levels"
            f" {number} and {upper.number}.",
            tuple(dict.fromkeys(("activities", *_keys(expected)))),
        )
    typical = upper.typical
    team_ok = typical.min_team == 0 or (facts.team is not None and facts.team >= typical.min_team)
    if facts.has_years(typical.min_years) and facts.works_at_least(typical.min_scope) and team_ok:
        keys = ("years", "scope", "team_size")
        return Reason(
            f"Your experience, scope and team are typical of level {upper.number}, though"
            f" none of your activities is a level {upper.number} responsibility yet: you sit"
            f" between levels {number} and {upper.number} ({_facts(keys, facts)}).",
            (*keys, "activities"),
        )
    return None


def _signal_keys(signal: Signal) -> tuple[str, ...]:
    """The answer keys a signal tests."""
    keys = []
    if signal.years is not None:
        keys.append("years")
    if signal.scope is not None:
        keys.append("scope")
    if signal.team is not None:
        keys.append("team_size")
    if signal.activities or signal.breadth is not None:
        keys.append("activities")
    if signal.delivery:
        keys.append("delivery")
    if signal.title:
        keys.append("title")
    if signal.qualification:
        keys.append("qualifications")
    return tuple(keys)


def _fact_keys(checks: Sequence[SignalCheck], facts: Facts) -> tuple[str, ...]:
    """The answer keys worth quoting for signals that do not hold: not activities, which
    the reasons already name, nor a delivery answer that was never given."""
    return tuple(
        dict.fromkeys(
            k
            for c in checks
            for k in _signal_keys(c.signal)
            if k != "activities" and (k != "delivery" or facts.delivery)
        )
    )


def _facts(keys: Sequence[str], facts: Facts) -> str:
    """The answers behind some keys, as shown to the person: "years: 1, scope: project"."""
    shown = []
    for key in keys:
        if key == "years":
            shown.append(f"years: {shown_number(facts.years) if facts.years_known else 'not said'}")
        elif key == "scope":
            shown.append(f"scope: {facts.scope}")
        elif key == "team_size":
            shown.append(f"team_size: {'not given' if facts.team is None else facts.team}")
        elif key == "delivery":
            shown.append(
                f"delivery: {', '.join(b.id for b in facts.delivery) if facts.delivery else 'none'}"
            )
        elif key == "title":
            if not facts.titled:
                shown.append("title: not given")
            else:
                levels = " or ".join(str(n) for n in facts.title_levels)
                shown.append(
                    f"title: usually level {levels}" if levels else "title: not a known PMO title"
                )
        elif key == "qualifications":
            held = facts.qualification_level
            shown.append(f"qualifications: up to level {held}" if held else "qualifications: none")
        elif key == "activities":
            shown.append(f"activities: {', '.join(a.id for a in facts.activities)}")
    return ", ".join(shown)
