"""Shared fixtures: the real knowledge base, and the CLI run in-process."""

from __future__ import annotations

import io
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pmo_advisor.cli.main import main
from pmo_advisor.knowledge import Knowledge, default_data_dir, load_knowledge

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"

# Every test run gets its own knowledge cache, so that neither a developer's cache nor
# one test's writes can change another test's result.
os.environ["PMO_ADVISOR_CACHE_DIR"] = tempfile.mkdtemp(prefix="pmo-advisor-test-cache-")
os.environ.pop("PMO_ADVISOR_DATA", None)
os.environ.pop("NO_COLOR", None)
# Nothing is read from or written to the real home: per-user folders are temporary, and
# settings from the environment of whoever runs the tests are cleared.
for _folder in ("XDG_CONFIG_HOME", "XDG_DATA_HOME"):
    os.environ[_folder] = tempfile.mkdtemp(prefix=f"pmo-advisor-test-{_folder.lower()}-")
for _variable in (
    "PMO_ADVISOR_CONFIG", "PMO_ADVISOR_FORMAT", "PMO_ADVISOR_NO_SAVE",
    "PMO_ADVISOR_PLAIN_PROMPTS", "PMO_ADVISOR_MARKET", "FORCE_COLOR", "CLICOLOR_FORCE",
):  # fmt: skip
    os.environ.pop(_variable, None)
# Tests in a pseudo-terminal wait for the end of the output, so none is paged unless a
# test of paging asks for it.
os.environ["PMO_ADVISOR_PAGER"] = ""


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
