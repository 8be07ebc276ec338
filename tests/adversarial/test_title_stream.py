"""``titles --from`` streams: results come out as lines go in, memory stays bounded by a
batch, and lines end only at \\n, \\r\\n or \\r."""

from __future__ import annotations

import json
import select
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pmo_advisor.cli.commands import TITLE_BATCH
from pmo_advisor.titlelist import MAX_LINE_BYTES
from tests.adversarial.test_input_paths import refused
from tests.conftest import Run

Runner = Callable[..., Run]
SCRIPT = Path(sys.executable).with_name("pmo-advisor")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "pmo_advisor"]

# Characters that str.splitlines() would also break a line at; here they are part of it.
NOT_LINE_ENDS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("inside", NOT_LINE_ENDS, ids=[repr(c) for c in NOT_LINE_ENDS])
def test_only_newline_and_carriage_return_end_a_line(run: Runner, inside: str) -> None:
    content = f"PMO{inside}Analyst\nHead of PMO\n".encode()
    result = run("titles", "--from", "-", "--format", "json", stdin=content)
    assert result.code == 0, result.err
    assert len(result.out.splitlines()) == 2


@pytest.mark.parametrize(
    "content",
    [
        b"PMO Analyst\nHead of PMO\nPMO Officer",
        b"PMO Analyst\r\nHead of PMO\r\nPMO Officer\r\n",
        b"PMO Analyst\rHead of PMO\rPMO Officer\r",
        b"PMO Analyst\r\n\r\nHead of PMO\n\rPMO Officer\n",
        b"\xef\xbb\xbfPMO Analyst\rHead of PMO\r\nPMO Officer",
    ],
    ids=["lf", "crlf", "cr", "mixed", "bom"],
)
@pytest.mark.parametrize("fmt", ["json", "plain"])
def test_every_line_ending_gives_the_same_results(run: Runner, content: bytes, fmt: str) -> None:
    want = run(
        "titles", "--from", "-", "--format", fmt, stdin=b"PMO Analyst\nHead of PMO\nPMO Officer\n"
    )
    result = run("titles", "--from", "-", "--format", fmt, stdin=content)
    assert (result.code, result.out) == (0, want.out)


@pytest.mark.terminal
def test_results_come_out_before_the_input_ends() -> None:
    process = subprocess.Popen(
        [*COMMAND, "titles", "--from", "-", "--format", "json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(b"Head of PMO\n" * (TITLE_BATCH + 1))
        process.stdin.flush()  # and the input stays open
        ready, _, _ = select.select([process.stdout], [], [], 30)
        assert ready, "no result before the end of the input"
        assert json.loads(process.stdout.readline())["query"] == "Head of PMO"
        assert process.poll() is None
    finally:
        process.kill()
        process.wait()


@pytest.mark.parametrize("fmt", ["json", "plain", "markdown", "rich"])
def test_a_list_longer_than_a_batch_is_one_output(run: Runner, fmt: str) -> None:
    lines = TITLE_BATCH * 2 + 7
    result = run("titles", "--from", "-", "--format", fmt, stdin=b"Head of PMO\n" * lines)
    assert result.code == 0, result.err
    out = result.out.splitlines()
    if fmt == "json":
        assert len(out) == lines and all(json.loads(line)["matches"] for line in out)
    elif fmt == "plain":
        assert out == ["Head of PMO\tHead of PMO\t3 or 4\tany\t"] * lines
    elif fmt == "markdown":
        assert len(out) == lines + 2 and out.count(out[0]) == 1
    else:
        assert sum("Head of PMO" in line for line in out) >= lines


def test_a_line_that_is_not_utf8_later_on_is_an_error_for_that_line_only(run: Runner) -> None:
    content = b"Head of PMO\ncaf\xe9 manager\nPMO Analyst\n"
    result = run("titles", "--from", "-", "--format", "json", stdin=content)
    assert result.code == 0, result.err
    records = [json.loads(line) for line in result.out.splitlines()]
    assert [r.get("error") is None for r in records] == [True, False, True]
    assert "not UTF-8" in records[1]["error"]


def test_a_line_of_megabytes_is_an_error_for_that_line_only(run: Runner) -> None:
    content = b"Head of PMO\n" + b"x" * (MAX_LINE_BYTES * 200) + b"\nPMO Analyst\n"
    result = run("titles", "--from", "-", "--format", "json", stdin=content)
    assert result.code == 0, result.err
    records = [json.loads(line) for line in result.out.splitlines()]
    assert [r.get("error") is None for r in records] == [True, False, True]
    assert len(records[1]["query"]) <= 60


def test_a_list_that_is_not_utf8_from_the_start_writes_nothing(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "list.txt").write_bytes(b"\n\n\x80abc\nHead of PMO\n")
    refused(run("titles", "--from", str(tmp_path / "list.txt"), "-o", str(tmp_path / "out")))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.txt"]


@pytest.mark.terminal
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["titles", "--from", "/dev/zero"], "/dev/zero is not a title list: a line runs on"),
        (["team", "/dev/zero"], "/dev/zero is not a roster: a line runs on"),
    ],
)
def test_a_line_that_never_ends_stops_the_run_instead_of_spinning(
    args: list[str], message: str
) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    script = Path(sys.executable).with_name("pmo-advisor")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "pmo_advisor"]
    done = subprocess.run([*command, *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.terminal
def test_a_roster_row_that_never_ends_on_standard_input_stops_the_run() -> None:
    # A header, then 70 MB of one row with no end: more than any roster line can be.
    script = Path(sys.executable).with_name("pmo-advisor")
    command = str(script) if script.exists() else f"{sys.executable} -m pmo_advisor"
    pipeline = (
        "(printf 'name,years,scope,activities\\n'; head -c 70000000 /dev/zero | tr '\\0' x)"
        f" | {command} team -"
    )
    done = subprocess.run(["bash", "-c", pipeline], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "standard input is not a roster: a line runs on for more than" in done.stderr
