"""pmo-advisor: places people on the PMO career ladder and says what to do next.

As a library::

    from pmo_advisor import Advisor, to_json

    advisor = Advisor()
    result = advisor.assess({"years": 4, "scope": "programme", "activities": ["plan-schedule"]})
    print(result.level.number, to_json(result))

:class:`~pmo_advisor.advisor.Advisor` answers every question the command does, with
frozen dataclasses; :func:`~pmo_advisor.advisor.to_json` gives any result as the JSON
``--format json`` prints. The errors it raises are exported here too, and the first API
(``load_knowledge``, ``assess_one``, ``assess_many``; see :mod:`pmo_advisor.api`) stays.
Everything is imported on first use, so ``import pmo_advisor`` stays as cheap as the
command's start-up needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

#: The command's name, as messages and help show it.
PROG = "pmo-advisor"

#: Where bugs are reported; the same address as the Issues URL in pyproject.toml.
ISSUES_URL = "https://github.com/pmo-advisor/pmo-advisor/issues"

if TYPE_CHECKING:
    from pmo_advisor.advisor import Advisor, Assessment, to_json
    from pmo_advisor.api import assess_many, assess_one, load_knowledge
    from pmo_advisor.errors import AdvisorError, InputError, KnowledgeError, OutputError

__all__ = [
    "PROG",
    "Advisor",
    "AdvisorError",
    "Assessment",
    "InputError",
    "KnowledgeError",
    "OutputError",
    "__version__",
    "assess_many",
    "assess_one",
    "load_knowledge",
    "to_json",
]

#: Where each public name is defined, imported when first asked for.
_LAZY = {
    "Advisor": "pmo_advisor.advisor",
    "Assessment": "pmo_advisor.advisor",
    "to_json": "pmo_advisor.advisor",
    "AdvisorError": "pmo_advisor.errors",
    "InputError": "pmo_advisor.errors",
    "KnowledgeError": "pmo_advisor.errors",
    "OutputError": "pmo_advisor.errors",
    "assess_many": "pmo_advisor.api",
    "assess_one": "pmo_advisor.api",
    "load_knowledge": "pmo_advisor.api",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pmo_advisor' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module), name)
