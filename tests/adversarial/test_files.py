"""Files that are not what they should be, at every file the program reads.

Each kind of bad file (a named pipe, a link to /dev/zero, a directory, one over its
limit, a link that leads nowhere) is planted at each file pmo-advisor reads (the config
file, a data file, the knowledge cache, the kept answers, an answers file, a file of a
directory roster). Every run is a real process under a time and memory limit, so a run
that waits on a pipe or reads /dev/zero for ever fails the test instead of hanging it.
A file the program reads by itself and can rebuild (the cache) is a miss; any other is
refused with one message naming it and saying what it is.
"""

from __future__ import annotations

import ast
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pexpect
import pytest

from pmo_advisor import files
from pmo_advisor.answers.sources import MAX_ANSWERS_BYTES
from pmo_advisor.knowledge import MAX_DATA_FILE_BYTES, default_data_dir
from pmo_advisor.settings import MAX_CONFIG_BYTES
from tests.conftest import Run

Runner = Callable[..., Run]
SCRIPT = Path(sys.executable).with_name("pmo-advisor")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "pmo_advisor"]
PACKAGE = Path(files.__file__).parent
OK = b"years: 3\nscope: project\nactivities: [keep-records]\n"
#: A run's limits: far above what any run needs, far below what reading /dev/zero takes.
SECONDS = 20
MEMORY = 1_500_000_000

pytestmark = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def pmo(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """One run in its own folders, stopped (and failed) if it outlasts SECONDS. The
    knowledge cache is the test process's own (tests/conftest.py), so that each run does
    not validate the data files again, unless a test gives one of its own."""
    environ = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "home"),
        **env,
    }
    return subprocess.run(
        [*COMMAND, *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=SECONDS,
        env=environ,
        preexec_fn=_limited,
        check=False,
        cwd=tmp_path,
    )


# --- the kinds of bad file -------------------------------------------------------------


def fifo(path: Path, limit: int) -> str:
    os.mkfifo(path)
    return "is a named pipe (FIFO), not a file"


def fifo_link(path: Path, limit: int) -> str:
    os.mkfifo(path.with_name(path.name + ".pipe"))
    path.symlink_to(path.name + ".pipe")
    return "is a named pipe (FIFO), not a file"


def zero_link(path: Path, limit: int) -> str:
    path.symlink_to("/dev/zero")
    return "is a device, not a file"


def directory(path: Path, limit: int) -> str:
    path.mkdir()
    return "is a directory, not a file"


def oversized(path: Path, limit: int) -> str:
    # Text that would be read (comments, after any real content), one byte too many.
    before = path.read_bytes() if path.exists() else b""
    path.write_bytes(before + b"\n#" + b"x" * (limit - len(before)) + b"\n")
    return f"is larger than {files.size_text(limit)}"


def dangling(path: Path, limit: int) -> str:
    path.unlink(missing_ok=True)
    path.symlink_to(path.name + ".gone")
    return "does not exist"


KINDS = [fifo, fifo_link, zero_link, directory, oversized, dangling]


def plant(kind: Callable[[Path, int], str], path: Path, limit: int) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind is not oversized:
        path.unlink(missing_ok=True)
    return kind(path, limit)


def answered_without_a_word(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def refused(result: subprocess.CompletedProcess[str], code: int, *needles: str) -> None:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert result.stdout == ""
    assert result.stderr.count("pmo-advisor: error: ") == 1
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr


# --- the files, each with a bad file of each kind ---------------------------------------


@pytest.mark.terminal
@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_config_file(tmp_path: Path, kind: Callable[[Path, int], str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text('format = "plain"\n', encoding="utf-8")
    said = plant(kind, config, MAX_CONFIG_BYTES)
    result = pmo(tmp_path, "levels", PMO_ADVISOR_CONFIG=str(config))
    if kind is dangling:  # no config file: the defaults, as when there is none
        answered_without_a_word(result)
        return
    refused(result, 2, f"config file {config}: {said}")


@pytest.mark.terminal
@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_data_file(tmp_path: Path, kind: Callable[[Path, int], str]) -> None:
    data = tmp_path / "data"
    shutil.copytree(Path(str(default_data_dir())), data)
    said = plant(kind, data / "plan.yaml", MAX_DATA_FILE_BYTES)
    said = "file is missing" if kind is dangling else said
    result = pmo(tmp_path, "levels", PMO_ADVISOR_DATA=str(data))
    refused(result, 3, f"{data}/plan.yaml: {said}")


@pytest.fixture(scope="module")
def written_cache(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, bytes, str]:
    """The cache file a first run writes in an empty cache folder (its name and bytes)
    and what that run printed: written once, and copied for each kind of bad file."""
    scratch = tmp_path_factory.mktemp("first-run")
    folder = scratch / "cache"
    first = pmo(scratch, "levels", "--format", "json", PMO_ADVISOR_CACHE_DIR=str(folder))
    assert first.returncode == 0, first.stderr
    (entry,) = folder.iterdir()
    return entry.name, entry.read_bytes(), first.stdout


@pytest.mark.terminal
@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_cache_entry(
    tmp_path: Path, kind: Callable[[Path, int], str], written_cache: tuple[str, bytes, str]
) -> None:
    from pmo_advisor.knowledge import cache

    folder = str(tmp_path / "cache")
    name, content, first_stdout = written_cache
    entry = tmp_path / "cache" / name
    entry.parent.mkdir()
    # The program's own cache file, as its first run left it: its bytes, for its owner alone.
    entry.write_bytes(content)
    entry.chmod(0o600)
    size = entry.stat().st_size
    data_bytes = sum(p.stat().st_size for p in Path(str(default_data_dir())).glob("*.yaml"))
    plant(kind, entry, cache.size_limit(data_bytes))
    again = pmo(tmp_path, "levels", "--format", "json", PMO_ADVISOR_CACHE_DIR=folder)
    # A miss, rebuilt from the data files: the same result, not a word said.
    answered_without_a_word(again)
    assert again.stdout == first_stdout
    if kind is directory:  # nothing can be renamed over a directory: left as it is
        assert entry.is_dir()
        return
    assert not entry.is_symlink() and entry.is_file() and entry.stat().st_size == size
    assert not (tmp_path / "cache" / (entry.name + ".gone")).exists()  # no link followed


@pytest.mark.terminal
@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_kept_answers(tmp_path: Path, kind: Callable[[Path, int], str]) -> None:
    kept = tmp_path / "home" / "pmo-advisor" / "last-answers.yaml"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(OK)
    said = plant(kind, kept, MAX_ANSWERS_BYTES)
    result = pmo(tmp_path, "assess", "--last", "--format", "json")
    if kind is dangling:
        refused(result, 2, "no answers have been kept yet")
        return
    refused(result, 2, f"{kept} {said}")


@pytest.mark.terminal
@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_answers_file(tmp_path: Path, kind: Callable[[Path, int], str]) -> None:
    answers = tmp_path / "me.yaml"
    answers.write_bytes(OK)
    said = plant(kind, answers, MAX_ANSWERS_BYTES)
    result = pmo(tmp_path, "assess", "--answers", str(answers), "--format", "json")
    refused(result, 2, f"answers file {answers} {said}")


@pytest.mark.terminal
@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_roster_entry(tmp_path: Path, kind: Callable[[Path, int], str]) -> None:
    roster = tmp_path / "team"
    roster.mkdir()
    (roster / "ann.yaml").write_bytes(OK)
    (roster / "bob.yaml").write_bytes(OK)
    said = plant(kind, roster / "bob.yaml", MAX_ANSWERS_BYTES)
    result = pmo(tmp_path, "team", str(roster), "--format", "json")
    # Bob is named, with what his file is, never left out without a word.
    refused(result, 2, f"{roster}/bob.yaml: the file {said}", "1 invalid file in")
    skipped = pmo(tmp_path, "team", str(roster), "--format", "json", "--skip-invalid")
    assert skipped.returncode == 0, skipped.stderr
    assert f"{roster}/bob.yaml: the file {said}" in skipped.stderr
    summary = json.loads(skipped.stdout)["summary"]
    assert summary["people"] == 1 and len(summary["invalid"]) == 1


# --- the one function that opens them ---------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_read_limited_refuses_each_kind_by_name(
    tmp_path: Path, kind: Callable[[Path, int], str]
) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 10)
    said = plant(kind, path, 100)
    with pytest.raises(files.FileRefused) as refusal:
        files.read_limited(path, 100, "test file")
    assert refusal.value.problem == said
    assert refusal.value.message == f"test file {path} {said}"


def test_read_limited_refuses_a_link_where_only_the_program_writes(tmp_path: Path) -> None:
    (tmp_path / "real").write_bytes(b"x")
    (tmp_path / "link").symlink_to("real")
    assert files.read_limited(tmp_path / "link", 10, "file") == b"x"
    with pytest.raises(files.FileRefused, match="is a symbolic link, not a file"):
        files.read_limited(tmp_path / "link", 10, "file", follow=False)


def test_a_socket_is_refused_as_a_socket(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(files.FileRefused) as refusal:
            files.read_limited(path, 10, "file")
    assert refusal.value.problem == "is a socket, not a file"


#: Where the package may open a file other than through pmo_advisor.files, and why.
OTHER_OPENS = {
    ("output.py", "fdopen"): "writes the result through an open descriptor",
    ("output.py", "open"): "writes the result to a device or pipe named for it",
    ("cli/main.py", "open"): "opens /dev/null to write to, in place of a closed stream",
    ("inputs.py", "fdopen"): "reads a descriptor the person named (/dev/fd/N), already open",
    ("knowledge/datafiles.py", "read_bytes"): "reads a data file inside the package archive",
    ("knowledge/__init__.py", "read_bytes"): "reads its package's source for the cache key",
}
OPENING = {"open", "fdopen", "read_bytes", "read_text", "open_text", "open_binary"}


def test_every_file_read_goes_through_one_function() -> None:
    found: dict[tuple[str, str], int] = {}
    for source in sorted(PACKAGE.rglob("*.py")):
        name = source.relative_to(PACKAGE).as_posix()
        if name == "files.py":
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                called = node.func
                word = (
                    called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", "")
                )
                # A bare read_text() is sources' own function; open() is the builtin.
                if word in OPENING and (isinstance(called, ast.Attribute) or word == "open"):
                    found[name, word] = found.get((name, word), 0) + 1
    assert set(found) <= set(OTHER_OPENS), set(found) - set(OTHER_OPENS)


# --- a directory roster's own files, and standard input by another name ----------------


def test_output_to_a_file_the_directory_roster_reads_is_refused(
    run: Runner, tmp_path: Path
) -> None:
    roster = tmp_path / "team"
    roster.mkdir()
    (roster / "ann.yaml").write_bytes(OK)
    elsewhere = tmp_path / "bob.yaml"
    elsewhere.write_bytes(OK)
    (roster / "bob.yaml").symlink_to(elsewhere)
    for target in (roster / "ann.yaml", elsewhere, Path(f"{roster}/./ann.yaml")):
        result = run("team", str(roster), "--format", "json", "-o", str(target))
        assert result.code == 2, result.err
        assert "a file of the roster" in result.err
        assert result.out == ""
    assert (roster / "ann.yaml").read_bytes() == OK and elsewhere.read_bytes() == OK
    # A new file beside them is no one's answers: written as asked.
    assert run("team", str(roster), "--format", "json", "-o", str(roster / "report.json")).code == 0


@pytest.mark.terminal
@pytest.mark.parametrize(
    "args",
    [
        ["assess", "--answers", "/dev/stdin"],
        ["assess", "--answers", "/dev/fd/0"],
        ["team", "/dev/stdin"],
        ["team", "/dev/fd/0"],
        ["titles", "--from", "/dev/stdin"],
    ],
)
def test_standard_input_by_name_on_a_terminal_is_refused_like_dash(args: list[str]) -> None:
    child = pexpect.spawn(
        COMMAND[0],
        [*COMMAND[1:], *args],
        env={**os.environ, "TERM": "dumb", "PMO_ADVISOR_NO_INPUT": "1"},
        encoding="utf-8",
        timeout=SECONDS,
    )
    try:
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 2, child.before
    assert "standard input is a terminal" in str(child.before)


@pytest.mark.terminal
@pytest.mark.parametrize("name", ["/dev/stdin", "/dev/fd/0"])
def test_standard_input_by_name_from_a_pipe_is_read(name: str) -> None:
    result = subprocess.run(
        [*COMMAND, "assess", "--answers", name, "--format", "json"],
        input=OK.decode(),
        capture_output=True,
        text=True,
        timeout=SECONDS,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["kind"] == "assessment"


# --- the kept answers, written -----------------------------------------------------------


class Hung(BaseException):
    """A run in this process waited longer than any run may."""


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The kept answers' path, with a questionnaire that answers at once. The run is in
    this process, so an alarm ends a wait on a named pipe with a failure, not a hang."""

    def ask(knowledge: object, given: dict[str, Any], **options: object) -> dict[str, Any]:
        return {"years": 3, "scope": "project", "activities": ["keep-records"], **given}

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))
    monkeypatch.setattr("pmo_advisor.cli.present.can_prompt", lambda no_input=False: True)
    monkeypatch.setattr("pmo_advisor.questionnaire.ask_for_answers", ask)
    path = tmp_path / "home" / "pmo-advisor" / "last-answers.yaml"
    path.parent.mkdir(parents=True, mode=0o700)

    def hung(signum: int, frame: object) -> None:
        raise Hung

    before = signal.signal(signal.SIGALRM, hung)
    signal.alarm(SECONDS)
    try:
        yield path
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def test_a_link_planted_at_the_kept_answers_is_replaced_not_written_through(
    run: Runner, kept: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_bytes(b"someone else's file\n")
    other.chmod(0o644)
    kept.symlink_to(other)
    result = run("assess", "--format", "json")
    assert result.code == 0, result.err
    assert other.read_bytes() == b"someone else's file\n"
    assert not kept.is_symlink() and kept.stat().st_mode & 0o777 == 0o600
    assert b"keep-records" in kept.read_bytes()


def test_a_dangling_link_at_the_kept_answers_creates_nothing_where_it_leads(
    run: Runner, kept: Path, tmp_path: Path
) -> None:
    kept.symlink_to(tmp_path / "anywhere.yaml")
    assert run("assess", "--format", "json").code == 0
    assert not (tmp_path / "anywhere.yaml").exists()
    assert not kept.is_symlink() and kept.stat().st_mode & 0o777 == 0o600


def test_a_pipe_at_the_kept_answers_is_replaced_and_a_directory_reported(
    run: Runner, kept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr("pmo_advisor.cli.present.tell", told.append)
    os.mkfifo(kept)
    assert run("assess", "--format", "json").code == 0
    assert kept.is_file()
    kept.unlink()
    kept.mkdir()
    result = run("assess", "--format", "json")
    assert result.code == 0  # the result matters more than keeping the answers
    assert told[-1].startswith("Could not keep your answers for --last")
    assert [p.name for p in kept.parent.iterdir()] == ["last-answers.yaml"]  # no temporary
