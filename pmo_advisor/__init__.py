"""pmo-advisor: places people on the PMO career ladder and says what to do next."""

__version__ = "0.1.0"

#: The command's name, as messages and help show it.
PROG = "pmo-advisor"
