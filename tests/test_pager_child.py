"""The pager is pmo-advisor's child, and the terminal is only lent to it: the pager ends
with the program, the terminal's settings are restored on every path, and a pager that
fails shows the output anyway."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import termios
import time
from pathlib import Path

import pexpect
import pytest

from tests.test_paging import LAST_LINE, _spawn

# Every test here runs pmo-advisor in a pseudo-terminal or as a separate program.
pytestmark = pytest.mark.terminal


def _children(pid: int) -> list[int]:
    """The processes ``pid`` started (Linux's /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(n) for n in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended


def _gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _pager_of(child: pexpect.spawn) -> int:
    child.expect_exact("Level 1")  # less has the screen
    deadline = time.monotonic() + 5
    while not (pagers := _children(child.pid)):
        assert time.monotonic() < deadline, "no pager was started"
        time.sleep(0.05)
    return pagers[0]


def _assert_line_editing_back(child: pexpect.spawn) -> None:
    # The pseudo-terminal's settings, as the shell will find them.
    lflag = termios.tcgetattr(child.child_fd)[3]
    assert lflag & termios.ECHO, "echo was left off"
    assert lflag & termios.ICANON, "line editing was left off"


def _wait(child: pexpect.spawn, seconds: float = 10) -> int:
    deadline = time.monotonic() + seconds
    while child.isalive():
        if time.monotonic() > deadline:
            child.kill(signal.SIGKILL)
            pytest.fail("pmo-advisor did not end")
        with pytest.raises((pexpect.TIMEOUT, pexpect.EOF)):
            child.expect("(?!x)x", timeout=0.1)  # read on, so the child never blocks
    # Ended: what it wrote last may still wait in the terminal, unread. Read it all, into
    # ``before`` with what was read and not yet matched.
    if not child.flag_eof:
        with contextlib.suppress(pexpect.TIMEOUT):
            child.expect(pexpect.EOF, timeout=5)
    return int(child.exitstatus if child.exitstatus is not None else -1)


def test_sigterm_ends_the_pager_and_restores_the_terminal() -> None:
    child = _spawn("levels", PMO_ADVISOR_PAGER="less")
    pager = _pager_of(child)
    os.kill(child.pid, signal.SIGTERM)
    try:
        assert _gone_within(pager, 5), "the pager outlived pmo-advisor"
        assert _wait(child) == 130
        assert "Cancelled." in str(child.before) + str(child.buffer)
        _assert_line_editing_back(child)
    finally:
        if _alive(pager):
            os.kill(pager, signal.SIGKILL)


def test_a_killed_pager_leaves_the_terminal_restored() -> None:
    child = _spawn("levels", PMO_ADVISOR_PAGER="less")
    pager = _pager_of(child)
    os.kill(pager, signal.SIGKILL)
    _wait(child)
    _assert_line_editing_back(child)
    child.close()


@pytest.mark.parametrize("pager", ["/etc/passwd", "false", "exit 3", "no-such-pager-here"])
def test_a_pager_that_fails_still_shows_the_result(pager: str) -> None:
    child = _spawn("levels", PMO_ADVISOR_PAGER=pager)
    child.expect(pexpect.EOF)
    child.close()
    out = re.sub(r"\x1b\[[0-9;]*m", "", str(child.before)).replace("\r\n", "\n")
    assert LAST_LINE in out
    assert out.count(f"the pager {pager!r}") == 1
    assert child.exitstatus == 0
