"""The errors pmo-advisor reports to people, each with its documented exit code."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes, a public contract documented in the README."""

    OK = 0
    UNEXPECTED = 1
    BAD_INPUT = 2
    INVALID_KNOWLEDGE = 3
    INTERRUPTED = 130


class AdvisorError(Exception):
    """An error with a message meant for the person running the command.

    The message says what is wrong; ``hint`` says how to fix it.
    """

    exit_code: ExitCode = ExitCode.UNEXPECTED

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if self.hint is None else f"{self.message}\n{self.hint}"


class InputError(AdvisorError):
    """Bad input from the person: a flag, an answers file, standard input."""

    exit_code = ExitCode.BAD_INPUT


class OutputError(AdvisorError):
    """The result could not be written to standard output (closed, or the disk full)."""

    exit_code = ExitCode.UNEXPECTED


class StdoutError(OutputError):
    """Standard output itself failed: closed, or its disk full."""


class KnowledgeError(AdvisorError):
    """The knowledge base under ``data/`` is missing or invalid."""

    exit_code = ExitCode.INVALID_KNOWLEDGE
