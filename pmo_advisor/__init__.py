"""pmo-advisor: places people on the PMO career ladder and says what to do next."""

__version__ = "0.1.0"

#: The command's name, as messages and help show it.
PROG = "pmo-advisor"

#: Where bugs are reported; the same address as the Issues URL in pyproject.toml.
ISSUES_URL = "https://github.com/pmo-advisor/pmo-advisor/issues"
