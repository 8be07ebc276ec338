"""Paging on a terminal: long output goes through the pager, with its colour; never into
a pipe, never for output that fits, and not with --no-pager or an empty pager."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

# Every test here runs pmo-advisor in a pseudo-terminal or as a separate program.
pytestmark = pytest.mark.terminal

SCRIPT = Path(sys.executable).with_name("pmo-advisor")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "pmo_advisor"]
LAST_LINE = "across the organisation; level 3 where it heads a single PMO."


def _clean_env(**extra: str) -> dict[str, str]:
    unset = ("PAGER", "PMO_ADVISOR_PAGER", "LESS", "COLUMNS", "LINES")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    return {**env, "TERM": "xterm-256color", **extra}


def _spawn(*args: str, rows: int = 24, **env: str) -> pexpect.spawn:
    return pexpect.spawn(
        COMMAND[0], [*COMMAND[1:], *args], env=_clean_env(**env), encoding="utf-8",
        dimensions=(rows, 80), timeout=20,
    )  # fmt: skip


def _finish(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return str(child.before)


def test_long_output_goes_through_less_with_its_colour() -> None:
    child = _spawn("levels")
    child.expect_exact("Level 1")
    child.expect(r"\x1b\[[0-9;]*m")  # rich's colour reaches the screen through less -R
    with pytest.raises(pexpect.TIMEOUT):  # less waits at the first screen for a key
        child.expect_exact(LAST_LINE, timeout=1.5)
    child.send("q")
    _finish(child)


def test_the_pager_gets_the_whole_result_with_colour(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    child = _spawn("levels", PMO_ADVISOR_PAGER=f"cat > {paged}")
    _finish(child)
    text = paged.read_text(encoding="utf-8")
    assert LAST_LINE in re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert "\x1b[" in text


@pytest.mark.parametrize(
    ("args", "env", "rows"),
    [
        (["--no-pager"], {}, 24),
        ([], {"PMO_ADVISOR_PAGER": ""}, 24),
        ([], {"PMO_ADVISOR_PAGER": "cat"}, 24),
        ([], {}, 500),  # the result fits on the screen
    ],
)
def test_no_pager_when_turned_off_or_not_needed(
    tmp_path: Path, args: list[str], env: dict[str, str], rows: int
) -> None:
    marker = tmp_path / "paged"
    pager = env.get("PMO_ADVISOR_PAGER", f"cat > {marker}")
    child = _spawn("levels", *args, rows=rows, **{**env, "PMO_ADVISOR_PAGER": pager})
    out = _finish(child)
    assert not marker.exists()
    assert LAST_LINE in re.sub(r"\x1b\[[0-9;]*m", "", out).replace("\r\n", "\n")


def test_never_when_piped(tmp_path: Path) -> None:
    marker = tmp_path / "paged"
    done = subprocess.run(
        [*COMMAND, "levels"], env=_clean_env(PAGER=f"touch {marker}", LINES="5"),
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0
    assert not marker.exists()
    assert LAST_LINE in done.stdout


def test_the_config_file_turns_paging_off(tmp_path: Path) -> None:
    marker = tmp_path / "paged"
    config = tmp_path / "config.toml"
    config.write_text("pager = false\n", encoding="utf-8")
    child = _spawn("levels", PMO_ADVISOR_CONFIG=str(config), PAGER=f"cat > {marker}")
    _finish(child)
    assert not marker.exists()


def test_a_missing_pager_still_shows_the_result(tmp_path: Path) -> None:
    child = _spawn("levels", PMO_ADVISOR_PAGER="no-such-pager-here")
    out = _finish(child)
    assert LAST_LINE in re.sub(r"\x1b\[[0-9;]*m", "", out).replace("\r\n", "\n")


def test_a_dumb_terminal_is_not_paged_unless_asked(tmp_path: Path) -> None:
    # less in a dumb terminal only warns that the terminal is not fully functional; a
    # pager named for pmo-advisor is still used.
    marker = tmp_path / "paged"
    out = _finish(_spawn("levels", TERM="dumb", PAGER=f"cat > {marker}"))
    assert not marker.exists()
    assert LAST_LINE in out.replace("\r\n", "\n")
    _finish(_spawn("levels", TERM="dumb", PMO_ADVISOR_PAGER=f"cat > {marker}"))
    assert marker.exists()
