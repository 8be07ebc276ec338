"""Paging: output longer than the terminal goes through a pager, as git and gh do.

Only when standard output is a terminal: never into a pipe or a file. The pager is
``--no-pager`` (none), else ``PMO_ADVISOR_PAGER``, else the config file's ``pager``, else
``PAGER``, else ``less`` (see :func:`pmo_advisor.settings.setting`); an empty command or
``cat`` means none. ``LESS`` defaults to ``FRX``, as git sets it, so colour survives
(``-R``), short output does not wait for a key (``-F``) and the text stays on the screen
afterwards (``-X``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from typing import Any

from rich.pager import Pager

#: How git sets LESS when it is not set: colour through, quit if one screen, no clearing.
LESS_DEFAULT = "FRX"


#: Seconds a pager has to end after SIGTERM before it is killed.
END_GRACE = 1.0


class CommandPager(Pager):
    """rich's pager interface, backed by a shell command such as ``less -R``.

    The pager is this program's child and the terminal is lent to it: whatever happens
    (the pager quits, fails, is killed, or this program is interrupted or sent SIGTERM)
    the pager does not outlive :meth:`show` and the terminal's settings are put back as
    they were. A pager that fails (exit status other than 0: cannot be found or run, or
    stops with an error before it shows anything) is reported in one line on standard
    error and the text is printed instead.
    """

    def __init__(self, command: str) -> None:
        self.command = command

    def show(self, content: str) -> None:
        """Pipe ``content`` into the pager and wait until it is closed."""
        env = {**os.environ}
        env.setdefault("LESS", LESS_DEFAULT)
        env.setdefault("LV", "-c")  # lv, the pager some systems use, passes colour with -c
        saved = _terminal_settings()
        # Ctrl-C belongs to the pager while it runs (less uses it to stop a search).
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        process: subprocess.Popen[bytes] | None = None
        try:
            process = subprocess.Popen(self.command, shell=True, stdin=subprocess.PIPE, env=env)
            assert process.stdin is not None
            with contextlib.suppress(BrokenPipeError):  # quitting early closes the pipe
                process.stdin.write(content.encode("utf-8", errors="replace"))
                process.stdin.flush()
            with contextlib.suppress(BrokenPipeError):
                process.stdin.close()
            status = process.wait()
        finally:
            # Reached on every path, SIGTERM's KeyboardInterrupt too: the pager is ended
            # with this program, and the settings it changed (echo, line editing) are
            # restored even when it could not restore them itself (SIGKILL).
            if process is not None:
                _end(process)
            _restore_terminal(saved)
            signal.signal(signal.SIGINT, previous)
        if status == 0:
            return
        if status > 0:
            problem = f"failed (exit status {status})"
            if status in (126, 127):
                problem = "could not be run" if status == 126 else "was not found"
            _say(f"the pager {self.command!r} {problem}; printing instead")
            sys.stdout.write(content)
            sys.stdout.flush()
        else:  # ended by a signal from elsewhere, after showing what it could
            name = _signal_name(-status)
            _say(f"the pager {self.command!r} was ended by {name}")


def _end(process: subprocess.Popen[bytes]) -> None:
    """End the pager if it is still running: SIGTERM, then SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        process.terminate()
    try:
        process.wait(END_GRACE)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        process.wait()


def _terminal_settings() -> tuple[int, list[Any]] | None:
    """Standard output's terminal and its settings, to put back after the pager."""
    try:
        import termios

        fd = sys.stdout.fileno()
        return fd, termios.tcgetattr(fd)
    except (ImportError, AttributeError, OSError, ValueError):
        return None  # not a terminal, or no termios (Windows): nothing to restore


def _restore_terminal(saved: tuple[int, list[Any]] | None) -> None:
    if saved is None:
        return
    import termios

    fd, settings = saved
    with contextlib.suppress(OSError, termios.error):
        termios.tcsetattr(fd, termios.TCSADRAIN, settings)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _say(message: str) -> None:
    from pmo_advisor import PROG
    from pmo_advisor.safetext import clean

    if sys.stderr is not None:
        sys.stderr.write(f"{PROG}: {clean(message)}\n")
        sys.stderr.flush()


def pager_for(text: str, *, no_pager: bool) -> CommandPager | None:
    """The pager to show ``text`` with, or None to print it: None unless standard output
    is a terminal and the text is taller than it."""
    if no_pager or sys.stdout is None or not sys.stdout.isatty():
        return None
    height = shutil.get_terminal_size((80, 24)).lines
    if text.count("\n") < height:
        return None
    from pmo_advisor.settings import setting

    command = str(setting("pager").value).strip()
    if command in ("", "cat"):
        return None
    return CommandPager(command)
