"""Output stays bounded by the input, whatever its shape: plain text wraps in time linear
in its length, however long a word, and the problem lists of a team report (invalid
rows, repeated names) keep the first few in full and count the rest, so memory stays
under 150 MB whatever the roster.

Everything that would run away on a regression runs in a child process with a timeout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_advisor.render.plain import columns, wrap

SCRIPT = Path(sys.executable).with_name("pmo-advisor")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "pmo_advisor"]
HEADER = "name,years,scope,activities\n"

# Words of narrow letters, wide letters (two columns) and combining marks (none).
_WORD = st.text(alphabet=st.sampled_from("abcXYZ-é中文😀\u0301"), min_size=1, max_size=300).filter(
    lambda word: not word.isspace()
)


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(_WORD, min_size=1, max_size=20),
    width=st.integers(min_value=20, max_value=120),
    prefixes=st.sampled_from([("", ""), ("- ", "  "), ("  ", "    ")]),
)
def test_wrap_keeps_every_character_and_fits_the_width(
    words: list[str], width: int, prefixes: tuple[str, str]
) -> None:
    first, rest = prefixes
    lines = wrap(" ".join(words), width, first, rest)
    assert all(columns(line) <= width for line in lines)
    body = [lines[0].removeprefix(first), *(line.removeprefix(rest) for line in lines[1:])]
    assert "".join("".join(line.split()) for line in body) == "".join(words)


def _elapsed_in_child(code: str, timeout: float) -> float:
    """Seconds a piece of Python took in a child process (the child is killed, and the
    test fails, once ``timeout`` passes)."""
    timed = f"import time\nstart = time.perf_counter()\n{code}\nprint(time.perf_counter() - start)"
    done = subprocess.run(
        [sys.executable, "-c", timed], capture_output=True, text=True, timeout=timeout, check=True
    )
    return float(done.stdout.split()[-1])


def test_a_long_word_wraps_in_linear_time() -> None:
    code = textwrap.dedent(
        """
        from pmo_advisor.render.plain import wrap
        assert len(wrap("x" * 200_000, 80)) == 2_500
        assert len(wrap("中" * 200_000, 80)) == 5_000
        """
    )
    assert _elapsed_in_child(code, timeout=10) < 1.0


def _run(args: list[str], scratch: Path, timeout: float = 30) -> tuple[int, str, str, float]:
    """Exit code, standard output and error, and peak memory in MB of one run. Output
    goes to files, so that the child's own memory is measured, by wait4, once it ends;
    it is killed, and the test fails, once ``timeout`` passes."""
    out_path, err_path = scratch / "stdout", scratch / "stderr"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        process = subprocess.Popen(
            [*COMMAND, *args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env={**os.environ, "COLUMNS": "80"},
        )
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            process.kill()
            os.wait4(process.pid, 0)
            raise AssertionError(f"pmo-advisor {' '.join(args)} ran for over {timeout} s")
        time.sleep(0.02)
    process.returncode = os.waitstatus_to_exitcode(status)  # already reaped: no zombie
    return (
        process.returncode,
        out_path.read_text(encoding="utf-8"),
        err_path.read_text(encoding="utf-8"),
        usage.ru_maxrss / 1024,  # KB on Linux
    )


def test_a_team_report_with_a_long_name_is_quick_in_plain_text(tmp_path: Path) -> None:
    roster = tmp_path / "long.jsonl"
    person = {"name": "y" * 500_000, "years": 3, "scope": "project"}
    roster.write_text(json.dumps({**person, "activities": ["keep-records"]}) + "\n")
    args = ["team", str(roster), "--summary", "--format", "plain"]
    code, out, _, _ = _run(args, tmp_path, timeout=20)
    assert code == 0
    assert max(columns(line) for line in out.splitlines()) <= 80
