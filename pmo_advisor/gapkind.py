"""The kind of a gap to the next level, kept apart from :mod:`pmo_advisor.model` so that
each stays small: only team reports group gaps by it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GapKind:
    """What kind of step a gap is, so that the same gap of different people is counted
    as one ("fewer than five years for level 3") whatever their own figures are."""

    #: pmo-work, activity, specialism, route, scope, team, years or experience.
    kind: str
    #: The level the gap stands before.
    level: int
    #: What the gap is about, as an id where there is one (an activity, a route).
    subject: str = ""
    #: The gap in the third person, without ids: how a team report names it.
    text: str = ""
