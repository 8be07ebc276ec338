"""pmo-advisor: places people on the PMO career ladder and says what to do next.

As a library: ``from pmo_advisor import load_knowledge, assess_one, assess_many`` (see
:mod:`pmo_advisor.api`). They are imported on first use, so ``import pmo_advisor`` stays
as cheap as the command's start-up needs.
"""

from __future__ import annotations

__version__ = "0.1.0"

#: The command's name, as messages and help show it.
PROG = "pmo-advisor"

#: Where bugs are reported; the same address as the Issues URL in pyproject.toml.
ISSUES_URL = "https://github.com/pmo-advisor/pmo-advisor/issues"

# Not typing.TYPE_CHECKING: importing typing alone would double the cost of this import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from pmo_advisor.api import assess_many, assess_one, load_knowledge

__all__ = ["PROG", "__version__", "assess_many", "assess_one", "load_knowledge"]

_API = ("assess_many", "assess_one", "load_knowledge")


def __getattr__(name: str) -> Any:
    if name in _API:
        from pmo_advisor import api

        return getattr(api, name)
    raise AttributeError(f"module 'pmo_advisor' has no attribute {name!r}")
