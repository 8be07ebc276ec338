"""Shared fixtures: the real knowledge base, and the CLI run in-process."""

from __future__ import annotations

import atexit
import functools
import gc
import io
import multiprocessing.process
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ptyprocess
import pytest
import typer.main

from pmo_advisor.cli.main import main
from pmo_advisor.knowledge import Knowledge, default_data_dir, load_knowledge

REPO = Path(__file__).resolve().parent.parent
#: prompt_toolkit's switch for not asking the terminal where the cursor is.
NO_CURSOR_REPORTS = "PROMPT_TOOLKIT_NO_CPR"
DATA = REPO / "data"


def _private_folder(prefix: str) -> str:
    """A temporary folder for this process alone, removed when it ends."""
    folder = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


# Every test process (each pytest-xdist worker imports this file itself) gets its own
# knowledge cache, so that neither a developer's cache nor another process's writes can
# change a test's result.
os.environ["PMO_ADVISOR_CACHE_DIR"] = _private_folder("pmo-advisor-test-cache-")
os.environ.pop("PMO_ADVISOR_DATA", None)
os.environ.pop("NO_COLOR", None)


# Nothing is read from or written to the real home: per-user folders are temporary, and
# settings from the environment of whoever runs the tests are cleared.
def fresh_data_home() -> str:
    """An empty data folder for one run of pmo-advisor in a terminal: with no answers kept
    by an earlier test, bare pmo-advisor asks its first question rather than offering
    them."""
    return _private_folder("pmo-advisor-test-data-")


for _folder in ("XDG_CONFIG_HOME", "XDG_DATA_HOME"):
    os.environ[_folder] = _private_folder(f"pmo-advisor-test-{_folder.lower()}-")
for _variable in (
    "PMO_ADVISOR_CONFIG", "PMO_ADVISOR_FORMAT", "PMO_ADVISOR_NO_SAVE",
    "PMO_ADVISOR_PLAIN_PROMPTS", "PMO_ADVISOR_MARKET", "FORCE_COLOR", "CLICOLOR_FORCE",
):  # fmt: skip
    os.environ.pop(_variable, None)
# Tests in a pseudo-terminal wait for the end of the output, so none is paged unless a
# test of paging asks for it.
os.environ["PMO_ADVISOR_PAGER"] = ""
# prompt_toolkit asks the terminal where the cursor is, and waits up to a second for the
# answer when each question ends. A terminal answers at once; a bare pseudo-terminal
# never does, and each question would cost the test a second. Tests without a terminal
# behind them say so; those that show the screen to a terminal emulator
# (test_terminal_screens.py) answer instead.
os.environ[NO_CURSOR_REPORTS] = "1"


def complete(**env: str) -> Run:
    """Run pmo-advisor in this process as a shell's completion script runs it: no
    arguments, the shell's variables set (and no others of bash's left from the
    environment), standard input not a terminal."""
    import contextlib

    out, err = io.StringIO(), io.StringIO()
    with (
        pytest.MonkeyPatch.context() as patch,
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        patch.setattr(sys, "stdin", FakeStdin(b""))
        for name in ("COMP_WORDS", "COMP_CWORD"):
            patch.delenv(name, raising=False)
        for name, value in env.items():
            patch.setenv(name, value)
        try:
            code: object = main([])
        except SystemExit as done:  # click ends the program itself once it has answered
            code = done.code
    return Run(code if isinstance(code, int) else 1, out.getvalue(), err.getvalue())


def read_yaml(path: Path) -> Any:
    """A YAML file the tests hold as data (the case tables, the corpora), read with
    libyaml where PyYAML has it: every test process reads them while collecting, and the
    pure-Python reader takes ten times as long."""
    import yaml

    return yaml.load(
        path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile the package once, before the test processes start (in the pytest-xdist
    controller, or the one process of ``-n 0``). Hundreds of tests start pmo-advisor as a
    program; where Python is told not to write bytecode (``PYTHONDONTWRITEBYTECODE``, as
    some containers set) or a fresh clone has none yet, each of them would compile every
    module it imports, a tenth of a second a run."""
    if hasattr(session.config, "workerinput"):  # a pytest-xdist worker: done already
        return
    import compileall

    compileall.compile_dir(REPO / "pmo_advisor", quiet=1)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Set what every test process holds once its tests are collected (the test modules,
    their tables and corpora, the knowledge base, thousands of test items) out of the
    garbage collector's reach. Every full collection would walk all of it again, for
    objects that live as long as the process does: a tenth of the suite's processor
    time went on that. A full collection still walks what the tests make (Hypothesis's
    trees of examples, the results they keep); it runs a tenth as often as by default,
    for the same peak memory."""
    gc.collect()
    gc.freeze()
    youngest, middle, _ = gc.get_threshold()
    gc.set_threshold(youngest, middle, 100)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the tests marked ``long`` first: begun last, one of them would leave the
    other workers idle while it runs alone at the end (the order is the same in every
    pytest-xdist worker, as it must be)."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


def signals_as_at_a_prompt() -> None:
    """Give a child program the signal handling a shell prompt gives (pass it as
    ``preexec_fn``). A test run started in the background ignores SIGINT, and one under
    nohup SIGHUP; children inherit that, and pmo-advisor rightly keeps a signal that is
    ignored on purpose ignored, so a test of signals would fail for no fault of its own."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


@pytest.fixture(autouse=True)
def _processes_only_in_terminal_tests(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A test that starts a program, a pseudo-terminal or a process pool must be marked
    ``terminal``, so that ``-m "not terminal"`` leaves out every slow test, not most."""
    if request.node.get_closest_marker("terminal"):
        return

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"{request.node.nodeid} starts a process: mark it terminal")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
    monkeypatch.setattr(ptyprocess.PtyProcess, "spawn", refuse)
    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refuse)


@pytest.fixture(autouse=True, scope="session")
def _command_line_built_once() -> Iterator[None]:
    """Build the typer app's click command once per test process, as one run of the
    program does, rather than once per in-process run: building it is most of the time a
    small command takes here, and what is built never changes (the options' checks are
    added to it once, whoever parses first)."""
    build = typer.main.get_command

    # A few at most: the program's app, with and without typer's shell detection.
    @functools.lru_cache(maxsize=8)
    def built(app: typer.Typer, no_shell_detection: str | None) -> Any:
        return build(app)

    def get_command(app: typer.Typer) -> Any:
        # typer reads this while building: it decides what --install-completion takes.
        return built(app, os.environ.get("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.main, "get_command", get_command)
        yield


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    """The shipped knowledge base."""
    return load_knowledge()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data files."""
    target = tmp_path / "data"
    shutil.copytree(Path(str(default_data_dir())), target)
    return target


@dataclass
class Run:
    """What one CLI run did."""

    code: int
    out: str
    err: str


class FakeStdin(io.TextIOWrapper):
    """Standard input that is not a terminal, holding some bytes."""

    def __init__(self, data: bytes, tty: bool = False) -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8")
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Run the CLI in-process: ``run("suggest", "--level", "2", stdin=b"...")``."""

    def invoke(*args: str, stdin: bytes = b"", tty_stdin: bool = False) -> Run:
        fake = FakeStdin(stdin, tty_stdin)
        monkeypatch.setattr(sys, "stdin", fake)
        monkeypatch.setattr(fake.buffer, "isatty", lambda: tty_stdin, raising=False)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    yield invoke
