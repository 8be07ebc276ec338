"""What a person tells the advisor: answers schema 1.

- :mod:`~pmo_advisor.answers.model`: :class:`Answers`, each key defined once;
- :mod:`~pmo_advisor.answers.keys`: what a key's definition holds;
- :mod:`~pmo_advisor.answers.checks`: the rules one answer must meet;
- :mod:`~pmo_advisor.answers.validation`: answers checked, their mistakes worded;
- :mod:`~pmo_advisor.answers.sources`: answers files, standard input, ``--set``;
- :mod:`~pmo_advisor.answers.schema`: the JSON Schema and the documentation's table.
"""

from pmo_advisor.answers.model import ANSWER_KEYS, KEYS, LIST_KEYS, REQUIRED_KEYS, Answers
from pmo_advisor.answers.validation import check_partial, validate

__all__ = [
    "ANSWER_KEYS",
    "KEYS",
    "LIST_KEYS",
    "REQUIRED_KEYS",
    "Answers",
    "check_partial",
    "validate",
]
