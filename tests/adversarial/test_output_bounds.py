"""Output stays bounded by the input, whatever its shape: plain text wraps in time linear
in its length, however long a word, and the problem lists of a team report (invalid
rows, repeated names) keep the first few in full and count the rest, so memory stays
under 150 MB whatever the roster.

Everything that would run away on a regression runs in a child process with a timeout.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_advisor.knowledge import Knowledge
from pmo_advisor.render.plain import columns, wrap
from pmo_advisor.teampeople import People
from pmo_advisor.teamreport import PROBLEMS_KEPT, PROBLEMS_LISTED, FirstFew

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
    """CPU seconds a piece of Python took in a child process (the child is killed, and the
    test fails, once ``timeout`` passes). CPU time, not the clock's: tests run in
    parallel, and waiting for a core is not the code's doing."""
    timed = f"import time\nstart = time.process_time()\n{code}\nprint(time.process_time() - start)"
    done = subprocess.run(
        [sys.executable, "-c", timed], capture_output=True, text=True, timeout=timeout, check=True
    )
    return float(done.stdout.split()[-1])


@pytest.mark.terminal
def test_a_long_word_wraps_in_linear_time() -> None:
    code = textwrap.dedent(
        """
        from pmo_advisor.render.plain import wrap
        assert len(wrap("x" * 200_000, 80)) == 2_500
        assert len(wrap("中" * 200_000, 80)) == 5_000
        """
    )
    assert _elapsed_in_child(code, timeout=10) < 1.0


#: Runs a command and writes its peak memory in KB to a file: measured from this small
#: process, since a child's ru_maxrss starts at its parent's size when it was forked
#: (here, the test runner's).
_MEASURE = """
import os, subprocess, sys
process = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(process.pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _run(args: list[str], scratch: Path, timeout: float = 30) -> tuple[int, str, str, float]:
    """Exit code, standard output and error, and peak memory in MB of one run; the run
    is killed, and the test fails, once ``timeout`` passes."""
    out_path, err_path, peak = scratch / "stdout", scratch / "stderr", scratch / "peak"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-c", _MEASURE, str(peak), *COMMAND, *args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env={**os.environ, "COLUMNS": "80"},
            start_new_session=True,
        )
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise AssertionError(f"pmo-advisor {' '.join(args)} ran for over {timeout} s") from None
    return (
        code,
        out_path.read_text(encoding="utf-8"),
        err_path.read_text(encoding="utf-8"),
        int(peak.read_text()) / 1024,  # KB on Linux
    )


@pytest.mark.terminal
def test_a_team_report_with_a_long_name_is_quick_in_plain_text(tmp_path: Path) -> None:
    roster = tmp_path / "long.jsonl"
    person = {"name": "y" * 500_000, "years": 3, "scope": "project"}
    roster.write_text(json.dumps({**person, "activities": ["keep-records"]}) + "\n")
    args = ["team", str(roster), "--summary", "--format", "plain"]
    code, out, _, _ = _run(args, tmp_path, timeout=20)
    assert code == 0
    assert max(columns(line) for line in out.splitlines()) <= 80


# --- problem lists: the first few in full, the rest counted ----------------------------


@settings(max_examples=100, deadline=None)
@given(limit=st.integers(min_value=0, max_value=20), items=st.lists(st.integers(), max_size=60))
def test_first_few_keeps_the_first_and_counts_all(limit: int, items: list[int]) -> None:
    kept: FirstFew[int] = FirstFew(limit)
    for item in items:
        kept.append(item)
    assert kept.items == items[:limit]
    assert kept.count == len(kept) == len(items)


@settings(max_examples=50, deadline=None)
@given(names=st.lists(st.text(max_size=20), max_size=30), shared=st.integers(1, 4))
def test_people_keep_every_name_in_order_with_its_advice(
    knowledge: Knowledge, names: list[str], shared: int
) -> None:
    advices = [object() for _ in range(shared)]
    people = People()
    for index, name in enumerate(names):
        people.append(name, advices[index % shared])  # type: ignore[arg-type]
    assert [m.name for m in people] == names == [people[i].name for i in range(len(names))]
    assert all(m.advice is advices[i % shared] for i, m in enumerate(people))
    assert len(people) == len(names) and bool(people) == bool(names)


def _invalid_roster(path: Path, rows: int) -> Path:
    # Each row's years is out of range in its own way: every row is a distinct answer.
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        handle.writelines(f"p{i},{100 + i},project,keep-records\n" for i in range(rows))
    return path


@pytest.mark.terminal
@pytest.mark.long
def test_skipping_200000_invalid_rows_stays_under_150_mb(tmp_path: Path) -> None:
    roster = _invalid_roster(tmp_path / "bad.csv", 200_000)
    args = ["team", str(roster), "--skip-invalid", "--summary", "--format", "json"]
    code, out, err, peak = _run(args, tmp_path, timeout=120)
    assert code == 0, err
    summary = json.loads(out)["summary"]
    assert len(summary["invalid"]) == PROBLEMS_KEPT
    assert summary["invalid"][0]["line"] == 2
    assert summary["invalid_count"] == 200_000
    # Every row is read; the first problems are shown and the rest counted, on stderr as
    # in every format.
    assert "... and 199,950 more invalid rows" in err
    assert peak < 150, f"{peak:.0f} MB"


@pytest.mark.terminal
def test_invalid_rows_refused_in_bounded_memory(tmp_path: Path) -> None:
    roster = _invalid_roster(tmp_path / "bad.csv", 200_000)
    code, out, err, peak = _run(["team", str(roster)], tmp_path, timeout=120)
    assert code == 2 and out == ""
    # A run the problems stop ends at the first fifty, whatever follows them.
    assert "at least 50 invalid rows (reading stopped there)" in err
    assert peak < 150, f"{peak:.0f} MB"


@pytest.mark.terminal
def test_a_summary_lists_the_first_invalid_rows_and_says_how_many_more(tmp_path: Path) -> None:
    roster = _invalid_roster(tmp_path / "bad.csv", 2_000)
    with roster.open("a", encoding="utf-8") as handle:
        handle.write("Ann,3,project,keep-records\n")
    args = ["team", str(roster), "--skip-invalid", "--summary", "--format", "plain"]
    code, out, err, _ = _run(args, tmp_path, timeout=60)
    assert code == 0, err
    # Compared with its wrapping undone: where a line breaks depends on the path's length.
    assert "(2,000 invalid rows skipped)" in " ".join(out.split())
    assert out.count("years: must be from 0 to 60") == PROBLEMS_LISTED
    assert "1,950 more" in out and "--format json" in out
    assert len(out.splitlines()) < 300


@pytest.mark.terminal
def test_repeated_names_are_counted_not_kept(tmp_path: Path) -> None:
    roster = tmp_path / "same.csv"
    roster.write_text(HEADER + "Ann,3,project,keep-records\n" * 200_000, encoding="utf-8")
    code, out, err, peak = _run(["team", str(roster)], tmp_path, timeout=60)
    assert code == 2 and out == ""
    assert err.count("'Ann' at line") == PROBLEMS_LISTED
    assert "reading stopped there" in err
    assert peak < 50, f"{peak:.0f} MB"
