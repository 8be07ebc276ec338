"""Which activities to list: the ids people give in answers, with level and focus."""

from __future__ import annotations

from collections.abc import Sequence

from pmo_advisor.knowledge import Knowledge
from pmo_advisor.listings import ActivityListing


def activity_listing(
    knowledge: Knowledge, level: int | None, focus: Sequence[str]
) -> ActivityListing:
    """The activities at a level and in any of the focus areas, in knowledge-base order."""
    activities = tuple(
        a
        for a in knowledge.activities
        if (level is None or a.level == level) and (not focus or a.focus in focus)
    )
    return ActivityListing(activities, level, tuple(focus))
