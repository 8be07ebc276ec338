"""pmo-advisor: places people on the PMO career ladder and says what to do next."""

__version__ = "0.1.0"
