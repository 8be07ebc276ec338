"""The rules: pure functions from answers and knowledge to advice, with reasons.

:mod:`~pmo_advisor.rules.advice` places a person and builds their advice,
:mod:`~pmo_advisor.rules.courses` picks and orders courses, and
:mod:`~pmo_advisor.rules.titles` orders job titles for the person reading them.
"""

from pmo_advisor.rules.advice import assess, ladder, suggest
from pmo_advisor.rules.courses import (
    catalogue,
    held_closure,
    level_picks,
    recommend_courses,
    with_prerequisites,
)
from pmo_advisor.rules.titles import order_titles

__all__ = [
    "assess",
    "catalogue",
    "held_closure",
    "ladder",
    "level_picks",
    "order_titles",
    "recommend_courses",
    "suggest",
    "with_prerequisites",
]
