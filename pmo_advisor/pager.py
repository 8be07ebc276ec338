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

from rich.pager import Pager

#: How git sets LESS when it is not set: colour through, quit if one screen, no clearing.
LESS_DEFAULT = "FRX"


class CommandPager(Pager):
    """rich's pager interface, backed by a shell command such as ``less -R``."""

    def __init__(self, command: str) -> None:
        self.command = command

    def show(self, content: str) -> None:
        """Pipe ``content`` into the pager and wait until it is closed."""
        env = {**os.environ}
        env.setdefault("LESS", LESS_DEFAULT)
        env.setdefault("LV", "-c")  # lv, the pager some systems use, passes colour with -c
        # Ctrl-C belongs to the pager while it runs (less uses it to stop a search).
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
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
            signal.signal(signal.SIGINT, previous)
        if status == 127:  # the shell found no such pager: show the text anyway
            sys.stdout.write(content)
            sys.stdout.flush()


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
