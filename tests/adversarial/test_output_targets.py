"""Where output goes: standard output by other names, devices, pipes, full disks, closed
streams, sockets. Run as the installed command, in real pipes, since that is where the
names /dev/stdout and /proc/self/fd/1 mean something."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

# Every test here runs pmo-advisor in a pseudo-terminal or as a separate program.
pytestmark = pytest.mark.terminal

SCRIPT = Path(sys.executable).with_name("pmo-advisor")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "pmo_advisor"]
ANSWERS = ["--set", "years=3", "--set", "scope=project", "--set", "activities=keep-records"]
FULL = Path("/dev/full")


def shell(tmp_path: Path, redirect: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The command with a shell redirection, e.g. ``>&-`` or ``>> log``."""
    return subprocess.run(
        ["sh", "-c", f'"$@" {redirect}', "sh", *COMMAND, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr and "This is a bug" not in result.stderr


# --- standard output under other names -------------------------------------------------

STDOUT_NAMES = ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]


@pytest.mark.parametrize("name", STDOUT_NAMES)
def test_standard_output_by_name_works_in_a_pipe(tmp_path: Path, name: str) -> None:
    result = shell(tmp_path, "| cat", "levels", "--format", "plain", "-o", name)
    assert result.returncode == 0, result.stderr
    assert "PMO Director" in result.stdout
    assert sorted(os.listdir(tmp_path)) == []


def test_standard_error_by_name_works_in_a_pipe(tmp_path: Path) -> None:
    result = shell(tmp_path, "2>&1 | cat", "levels", "--format", "plain", "-o", "/dev/stderr")
    assert result.returncode == 0, result.stderr
    assert "PMO Director" in result.stdout


@pytest.mark.parametrize("name", STDOUT_NAMES)
def test_appending_through_standard_output_keeps_what_was_there(tmp_path: Path, name: str) -> None:
    log = tmp_path / "log"
    log.write_text("the first line\n")
    result = shell(tmp_path, ">> log", "levels", "--format", "plain", "-o", name)
    assert result.returncode == 0, result.stderr
    text = log.read_text()
    assert text.startswith("the first line\nThe PMO career ladder")
    assert sorted(os.listdir(tmp_path)) == ["log"]


def test_a_descriptor_that_is_not_open_is_bad_input(tmp_path: Path) -> None:
    result = shell(tmp_path, "", "levels", "-o", "/dev/fd/9")
    assert result.returncode == 2
    assert "file descriptor 9 is not open" in result.stderr


def test_another_open_descriptor_is_written_through(tmp_path: Path) -> None:
    result = shell(tmp_path, "3> three.txt", "levels", "--format", "plain", "-o", "/dev/fd/3")
    assert result.returncode == 0, result.stderr
    assert "PMO Director" in (tmp_path / "three.txt").read_text()


# --- both or neither: the result and the saved answers ---------------------------------


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full")
@pytest.mark.parametrize("redirect", ["", ">&-", "> /dev/full"])
def test_saved_answers_are_not_written_when_the_result_fails(tmp_path: Path, redirect: str) -> None:
    target = ["-o", "/dev/full"] if not redirect else []
    result = shell(tmp_path, redirect, "assess", *ANSWERS, "--save-answers", "me.yaml", *target)
    assert result.returncode == 1, result.stderr
    no_traceback(result)
    assert sorted(os.listdir(tmp_path)) == []


def test_both_are_written_when_both_can_be(tmp_path: Path) -> None:
    result = shell(tmp_path, "", "assess", *ANSWERS, "--save-answers", "me.yaml", "-o", "r.txt")
    assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(tmp_path)) == ["me.yaml", "r.txt"]


# --- closed or full standard output, for every way of writing to it --------------------

WRITERS = [
    ["--version"],
    ["--help"],
    ["levels", "--help"],
    ["levels"],
    ["titles", "PMO Analyst"],
    ["assess", *ANSWERS],
]


@pytest.mark.parametrize("redirect", [">&-", "> /dev/full"])
@pytest.mark.parametrize("args", WRITERS, ids=[" ".join(a[:2]) for a in WRITERS])
def test_a_closed_or_full_standard_output_is_reported_not_a_bug(
    tmp_path: Path, redirect: str, args: list[str]
) -> None:
    if "full" in redirect and not FULL.exists():
        pytest.skip("needs /dev/full")
    result = shell(tmp_path, redirect, *args)
    assert result.returncode == 1, result.stderr
    no_traceback(result)
    assert result.stderr.startswith("pmo-advisor: error: ")
    assert "standard output" in result.stderr


# --- places that are not files ------------------------------------------------------------


def test_a_socket_is_refused_as_bad_input(tmp_path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "sock"))
        result = shell(tmp_path, "", "levels", "-o", "sock")
    finally:
        server.close()
    assert result.returncode == 2
    assert "is a socket" in result.stderr


@pytest.mark.parametrize("name", ["newdir/", "newdir/.", "./", "existing/"])
def test_a_name_ending_in_a_slash_is_never_made_a_file(tmp_path: Path, name: str) -> None:
    (tmp_path / "existing").mkdir()
    result = shell(tmp_path, "", "levels", "-o", name)
    assert result.returncode == 2
    assert sorted(os.listdir(tmp_path)) == ["existing"]
    assert list((tmp_path / "existing").iterdir()) == []


# --- arguments in another locale ---------------------------------------------------------


def test_utf8_arguments_read_under_an_ascii_locale(tmp_path: Path) -> None:
    env = {**os.environ, "LC_ALL": "POSIX", "PYTHONUTF8": "0", "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [*COMMAND, "titles", "Café PMO Analyst", "--format", "plain"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "'Café PMO Analyst'" in result.stdout


def test_bytes_that_are_not_utf8_show_as_bytes(tmp_path: Path) -> None:
    result = subprocess.run(
        [*COMMAND, "titles", b"caf\xe9 PMO", "--format", "plain"], capture_output=True, timeout=60
    )
    assert result.returncode == 0
    assert b"'caf\\xe9 PMO'" in result.stdout


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["assess", "--set", b"scope=proj\xe9ct", "--set", "years=3", "--set",
          "activities=keep-records"], b"unknown scope 'proj\\xe9ct'"),
        (["suggest", "--level", b"\xe92"], b"not '\\xe92'"),
        (["assess", "--set", b"caf\xe9"], b"--set 'caf\\xe9' needs the form KEY=VALUE"),
        (["suggest", "--level", "2", "--held", b"pm\xe9p"], b"unknown course 'pm\\xe9p'"),
    ],
)  # fmt: skip
def test_bytes_that_are_not_utf8_show_as_bytes_in_messages_too(
    args: list[str | bytes], shown: bytes
) -> None:
    # As the titles command shows them: \xe9, the byte given, not Python's \udce9.
    result = subprocess.run([*COMMAND, *args], capture_output=True, timeout=60)
    assert result.returncode == 2
    assert shown in result.stderr
    assert b"\\udc" not in result.stderr
