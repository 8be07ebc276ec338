"""Interruption and failed writes: never a partial file, never a lost one."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run, signals_as_at_a_prompt

Runner = Callable[..., Run]
SCRIPT = Path(sys.executable).with_name("pmo-advisor")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "pmo_advisor"]


def test_a_failed_rename_leaves_the_old_file_and_no_temporary_one(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ladder.txt"
    target.write_text("the old result")

    def broken(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pmo_advisor.output.os.replace", broken)
    result = run("levels", "--output", str(target))
    assert result.code == 1
    assert "could not be written: No space left on device" in result.err
    assert target.read_text() == "the old result"
    assert [p.name for p in tmp_path.iterdir()] == ["ladder.txt"]


def test_an_interrupt_while_writing_leaves_the_old_file_and_no_temporary_one(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ladder.txt"
    target.write_text("the old result")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("pmo_advisor.output.os.fsync", interrupted)
    result = run("levels", "--output", str(target))
    assert result.code == 130
    assert result.err == "Cancelled.\n"
    assert target.read_text() == "the old result"
    assert [p.name for p in tmp_path.iterdir()] == ["ladder.txt"]


def test_an_interrupt_while_saving_answers_writes_neither_file(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("pmo_advisor.output.os.fsync", interrupted)
    result = run(
        "assess", "--set", "years=2", "--set", "scope=project", "--set", "activities=run-raid",
        "--save-answers", str(tmp_path / "me.yaml"), "--output", str(tmp_path / "out.txt"),
    )  # fmt: skip
    assert result.code == 130
    assert list(tmp_path.iterdir()) == []


@pytest.mark.terminal
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_a_long_run_cancels_cleanly(tmp_path: Path, signum: int) -> None:
    target = tmp_path / "out.json"
    process = subprocess.Popen(
        [*COMMAND, "titles", "--from", "-", "--format", "json", "--output", str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=signals_as_at_a_prompt,
    )
    # The list comes through a pipe that stays open until the signal is sent, so the run
    # cannot end first however busy the machine is. Results are written as they come:
    # wait until the temporary file holds some.
    assert process.stdin is not None
    process.stdin.write("Senior PMO Analyst - London (Contract)\n" * 1_000)
    process.stdin.flush()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not any(
        p.stat().st_size for p in tmp_path.glob(".out.json.*.tmp")
    ):
        time.sleep(0.02)
    assert process.poll() is None, "the run ended before it could be interrupted"
    process.send_signal(signum)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err == "Cancelled.\n"
    assert out == ""
    assert list(tmp_path.iterdir()) == []
