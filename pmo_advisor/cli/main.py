"""The program's entry point: the one place where errors become messages and exit codes.

``pmo-advisor`` with no arguments (or only ``--plain-prompts``, ``--no-save`` and
``--fresh``) in a terminal starts the questionnaire straight away, without loading the
command-line parser, so that the first question appears quickly. Everything else goes
through the typer commands in :mod:`pmo_advisor.cli.app`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Sequence

from pmo_advisor import ISSUES_URL, PROG
from pmo_advisor.errors import AdvisorError, ExitCode, StdoutError
from pmo_advisor.safetext import clean

DEBUG_ENV = "PMO_ADVISOR_DEBUG"
#: The options bare ``pmo-advisor`` takes, which start the questionnaire at once.
QUESTIONNAIRE_FLAGS = frozenset({"--plain-prompts", "--no-save", "--fresh"})


def main(argv: Sequence[str] | None = None) -> int:
    """Run pmo-advisor with these arguments (default: the process's) and return the exit
    code."""
    args = [_as_utf8(arg) for arg in (sys.argv[1:] if argv is None else argv)]
    _safe_streams()
    _terminate_like_interrupt()
    try:
        status = _run(args)
    except AdvisorError as exc:
        _error(exc.message, exc.hint)
        if isinstance(exc, StdoutError):
            _closed_pipe()  # nothing more can reach standard output; stop Python trying
        return int(exc.exit_code)
    except (KeyboardInterrupt, EOFError):
        status = ExitCode.INTERRUPTED
    except BrokenPipeError:
        return _closed_pipe()
    except Exception as exc:  # the last resort: anything unforeseen is a bug to report
        if os.environ.get(DEBUG_ENV) == "1":
            import traceback

            traceback.print_exc()
        summary = clean(f"{type(exc).__name__}: {exc}").splitlines()[0][:300]
        _error(
            f"unexpected error ({summary})",
            f"This is a bug in pmo-advisor. Please report it at {ISSUES_URL} with the"
            f" command you ran; set {DEBUG_ENV}=1 to include the details.",
        )
        return int(ExitCode.UNEXPECTED)
    if status == ExitCode.INTERRUPTED and sys.stderr is not None:
        # After a hang-up the terminal may be gone; the exit code still says it.
        with contextlib.suppress(OSError):
            sys.stderr.write("Cancelled.\n")
            sys.stderr.flush()
    return int(status)


def _run(args: list[str]) -> int:
    from pmo_advisor.cli.present import can_prompt

    # Only the questionnaire, plain or not: no need for the command-line parser.
    if set(args) <= QUESTIONNAIRE_FLAGS and len(set(args)) == len(args) and can_prompt():
        from pmo_advisor.cli.assess import AnswerSources, assess
        from pmo_advisor.cli.present import Output

        sources = AnswerSources(
            plain_prompts="--plain-prompts" in args,
            no_save="--no-save" in args,
            offer_last="--fresh" not in args,
        )
        assess(sources, Output())
        return int(ExitCode.OK)
    from pmo_advisor.cli.app import run

    return run(args)


def _error(message: str, hint: str | None) -> None:
    if sys.stderr is None:  # started with standard error closed: nowhere to say it
        return
    text = f"{PROG}: error: {message}"
    if hint:
        text += "\n" + hint
    sys.stderr.write(clean(text) + "\n")
    sys.stderr.flush()


def _closed_pipe() -> int:
    # The reader went away (e.g. `pmo-advisor levels | head -1`): nothing is wrong, and
    # Python must not complain when it flushes stdout on the way out.
    if sys.stdout is not None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return int(ExitCode.OK)


def _terminate_like_interrupt() -> None:
    # SIGTERM (kill, a CI timeout) and SIGHUP (a closed terminal or ssh session) end the
    # run the way Ctrl-C does: through the same clean-up, so no temporary file is left
    # behind and the terminal is restored.
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    for signum in (signal.SIGTERM, signal.SIGHUP):
        # Outside the main thread (a program embedding this one) signals cannot be set;
        # a signal ignored on purpose (nohup) stays ignored.
        with contextlib.suppress(ValueError):
            if signal.getsignal(signum) != signal.SIG_IGN:
                signal.signal(signum, interrupt)


def _as_utf8(arg: str) -> str:
    # Under an ASCII locale (LC_ALL=POSIX without UTF-8 mode) Python keeps each non-ASCII
    # byte of an argument as a lone surrogate. Arguments typed in a UTF-8 terminal are
    # UTF-8 whatever the locale says: read them so. Bytes that are not UTF-8 stay marked.
    try:
        return os.fsencode(arg).decode("utf-8", "surrogateescape")
    except UnicodeError:
        return arg


def _safe_streams() -> None:
    # A terminal or pipe that cannot take UTF-8 gets replacement characters, not a crash.
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
