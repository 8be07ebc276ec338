"""What stands between a person and the next level: each gap in words for them, and
its kind, which a team report counts people by (:class:`pmo_advisor.gapkind.GapKind`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from pmo_advisor.gapkind import GapKind
from pmo_advisor.knowledge import Knowledge, Level
from pmo_advisor.model import Route
from pmo_advisor.prose import number as _shown
from pmo_advisor.rules.wording import in_words as _in_words
from pmo_advisor.rules.wording import join as _join
from pmo_advisor.rules.wording import people as _people
from pmo_advisor.rules.wording import plural as _plural
from pmo_advisor.rules.wording import years_text as _years

if TYPE_CHECKING:
    from pmo_advisor.rules.placement import Facts

#: Specialist activities outside a person's focus are offered as one choice when there
#: are more than this many.
_SPECIALISM_CHOICE = 2


def route_head(summary: str) -> str:
    """A route's summary up to its first colon or full stop, to follow "Or": "Run a PMO:
    its people..." gives "run a PMO". A first word in capitals ("PMO") stays so."""
    head = re.split(r"[:.]", summary, maxsplit=1)[0].strip()
    first = head.split(" ", 1)[0]
    return head if first.isupper() else head[:1].lower() + head[1:]


def take_on(knowledge: Knowledge, upper: Level, done: Iterable[str]) -> tuple[str, ...]:
    """Ids of a level's activities not in ``done``, in the knowledge base's order."""
    done_ids = set(done)
    return tuple(a.id for a in knowledge.activities_at(upper.number) if a.id not in done_ids)


def gaps(
    knowledge: Knowledge,
    upper: Level,
    done: Iterable[str],
    focus: Sequence[str],
    facts: Facts | None,
    routes: Sequence[Route],
) -> Iterable[tuple[GapKind, str]]:
    """What stands between a person and the next level, most actionable first: the work
    of the route that suits them, then the other route in one line, then experience.
    Each gap comes with its kind, which a team report counts people by.

    Specialist activities outside the person's focus are alternatives, not a list to work
    through, so where there are several they are offered as one choice.
    """
    level = upper.number
    if facts is not None and facts.activity_level < level - 1:
        # Placed on delivery experience: the PMO work of their own level comes first.
        own = knowledge.level(level - 1)
        missing = [
            a for a in take_on(knowledge, own, done) if knowledge.activity(a).track == "management"
        ]
        if missing:
            yield (
                GapKind(
                    "pmo-work",
                    level,
                    str(own.number),
                    f"PMO work of level {own.number} not taken on yet (running PMO services)",
                ),
                f"Close your PMO gap at level {own.number}: take on {', '.join(missing)}"
                " (running PMO services, which delivery experience rarely covers)",
            )
    todo = [knowledge.activity(a) for a in take_on(knowledge, upper, done)]
    wanted = set(focus)
    first = set(routes[0].take_on) if routes else {a.id for a in todo}
    listed = [a for a in todo if a.id in first]
    elsewhere = [a for a in listed if a.focus is not None and a.focus not in wanted]
    if len(elsewhere) <= _SPECIALISM_CHOICE:
        elsewhere = []
    listed = [a for a in listed if a not in elsewhere]
    for activity in listed:
        does = activity.does
        # "Build plans" reads "build plans" mid-sentence; "PMO reviews" keeps its capitals.
        if does[1:2].islower():
            does = does[:1].lower() + does[1:]
        yield (
            GapKind("activity", level, activity.id, f"Level {level} work not taken on: {does}"),
            f"Take on: {activity.does} ({activity.id})",
        )
    if elsewhere:
        lead = "Or take on another specialism" if listed else "Take on a specialism"
        yield (
            GapKind("specialism", level, "", f"No level {level} specialism taken on yet"),
            f"{lead}, any one of: {', '.join(a.id for a in elsewhere)}"
            f" (each is level {level} work)",
        )
    for route in routes[1:]:
        if route.take_on:
            # The route in its own words, as levels.yaml says it for this level: at level
            # 2 "management" means a generalist analyst, not running a PMO.
            lead = f"Or {route_head(route.summary)}"
            yield (
                GapKind(
                    "route",
                    level,
                    route.kind,
                    f"Could also go up the {route.kind} route to level {level}",
                ),
                f"{lead}: take on {_join(route.take_on)} (level {level} work)",
            )
    typical = upper.typical
    if facts is None:
        yield (
            GapKind("experience", level, "", f"Experience for level {level}"),
            f"Experience: {upper.experience_note}",
        )
        return
    if facts.scope_rank < min(knowledge.scope_rank(t) for t in upper.pmo_types):
        kinds = _join(_plural(knowledge.scope(t).name) for t in upper.pmo_types)
        yield (
            GapKind("scope", level, "", f"Scope narrower than level {level} roles ({kinds})"),
            f"Widen your scope: level {level} roles are mostly found in {kinds}",
        )
    if (facts.team or 0) < typical.min_team:
        yield (
            GapKind(
                "team",
                level,
                str(typical.min_team),
                f"No one reporting to them, as level {level} roles usually have"
                if typical.min_team == 1
                else f"Fewer than {_in_words(typical.min_team)} people reporting to them,"
                f" as level {level} roles usually have",
            ),
            f"Lead a team: level {level} roles usually have at least"
            f" {_people(typical.min_team)} reporting to them",
        )
    if facts.years < typical.min_years:
        yield (
            GapKind(
                "years",
                level,
                _shown(typical.min_years),
                f"Fewer than {_in_words(typical.min_years)} years for level {level}",
            ),
            f"Experience: you have {_years(facts.years)}. {upper.experience_note}",
        )


def gap_fields(found: Iterable[tuple[GapKind, str]]) -> dict[str, tuple[Any, ...]]:
    """A next step's ``gaps`` and ``gap_kinds`` from :func:`gaps`, in the same order."""
    pairs = list(found)
    return {
        "gaps": tuple(text for _, text in pairs),
        "gap_kinds": tuple(kind for kind, _ in pairs),
    }
