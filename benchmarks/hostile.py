"""Hostile inputs: how long pmo-advisor takes to refuse each one, and its peak memory.

Each case runs the installed command in its own process and reports the wall time, the
peak resident memory of that process and the exit code. The target for every refusal:
a clear error within 0.5 s and 100 MB on the project's two-core machine (compare with
the first, ordinary run). Then a named pipe, a link to /dev/zero and a directory stand
in for each file the program reads; a cache entry is rebuilt, not refused. The last
rows stream a long title list through ``titles --from``: the time to the first result
and the peak memory must not grow with the list; the total time is the title matcher's
(see benchmarks/titles.py). Peak memory counts what the process started with, copied
from this script, so later rows read high. Run with the interpreter of the environment
pmo-advisor is installed in:

    python benchmarks/hostile.py [--lines 1000000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

OK = b"years: 3\nscope: project\nactivities: [keep-records]\n"
BOMB = b'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + b"".join(
    b"%c: &%c [%s]\n" % (c, c, b",".join([b"*" + bytes([c - 1])] * 9)) for c in range(98, 106)
)
HEAD = b"years: 1\nscope: project\n"
FLOW = HEAD + b"activities: [" + b"1," * 490_000 + b"]\n"
BLOCK = HEAD + b"activities:\n" + b"- 1\n" * 240_000
JSON_LIST = b'{"activities": [' + b"1," * 490_000 + b"1]}"
#: (name, file name, content) for ``assess --answers FILE``.
ANSWERS: list[tuple[str, str, bytes]] = [
    ("ordinary answers (for comparison)", "a.yaml", OK),
    ("answers file over 1 MB", "a.yaml", b"# " + b"x" * 2_000_000 + b"\n"),
    ("YAML alias bomb", "a.yaml", BOMB),
    ("YAML nested 10,000 deep", "a.yaml", b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"),
    ("JSON nested 10,000 deep", "a.json", b'{"a": ' + b"[" * 10_000 + b"]" * 10_000 + b"}"),
    ("string of 100,000 characters", "a.yaml", b"scope: " + b"p" * 100_000 + b"\n" + OK[9:]),
    ("list of 100,000 items", "a.yaml", HEAD + b"activities: [" + b"1," * 100_000 + b"]\n"),
    ("YAML [list] of 490,000 items (<1 MB)", "a.yaml", FLOW),
    ("YAML '- item' list of 240,000 (<1 MB)", "a.yaml", BLOCK),
    ("JSON list of 490,000 items (<1 MB)", "a.json", JSON_LIST),
    ("20,000 keys", "a.yaml", b"".join(b"k%d: 1\n" % i for i in range(20_000))),
    ("YAML tags (!!set)", "a.yaml", HEAD + b"activities: !!set {bogus: null}\n"),
    ("YAML merge key (<<)", "a.yaml", HEAD + b"activities: [keep-records]\n<<: {years: 50}\n"),
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000, help="title list length")
    lines = parser.parse_args().lines
    script = Path(sys.executable).with_name("pmo-advisor")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "pmo_advisor"]
    print(f"{'case':<42} {'exit':>4} {'seconds':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["PMO_ADVISOR_CACHE_DIR"] = str(Path(scratch, "cache"))
        subprocess.run([*command, "levels"], stdout=subprocess.DEVNULL, check=True)
        for name, file_name, content in ANSWERS:
            path = Path(scratch, file_name)
            path.write_bytes(content)
            args = ["assess", "--answers", str(path), "--format", "json"]
            _row(name, *_measure([*command, *args]))
        big = Path(scratch, "big.txt")
        with big.open("wb") as handle:
            handle.write(b"PMO Analyst\n" * 1_700_001)
        _row("title list file over 20 MB", *_measure([*command, "titles", "--from", str(big)]))
        _files(command, Path(scratch))
        _stream(command, scratch, lines)


#: What is planted in place of a file the program reads, and how.
PLANTED: list[tuple[str, Callable[[Path], None]]] = [
    ("named pipe", lambda path: os.mkfifo(path)),
    ("link to /dev/zero", lambda path: path.symlink_to("/dev/zero")),
    ("directory", lambda path: path.mkdir()),
]


def _files(command: list[str], scratch: Path) -> None:
    """A named pipe, /dev/zero and a directory at each file read: refused or, for the
    cache, rebuilt. Each would hang the run or exhaust memory if opened naively."""
    data = scratch / "data"
    source = Path(__file__).resolve().parents[1] / "data"
    cache = Path(os.environ["PMO_ADVISOR_CACHE_DIR"])
    answers = scratch / "answers.yaml"
    roster = scratch / "roster"
    roster.mkdir()
    (roster / "ann.yaml").write_bytes(OK)
    shutil.copytree(source, data)
    for what, plant in PLANTED:
        # A good cache for every case but the last, which spoils it.
        for old in cache.iterdir():
            _clear(old)
        subprocess.run([*command, "levels"], stdout=subprocess.DEVNULL, check=True)
        entry = next(p for p in cache.iterdir() if p.name.startswith("knowledge-"))
        cases = [
            (f"config file: {what}", scratch / "config.toml", ["levels"], {}),
            (f"data file: {what}", data / "plan.yaml", ["levels"], {"PMO_ADVISOR_DATA": ""}),
            (f"answers file: {what}", answers, ["assess", "--answers", str(answers)], {}),
            (f"directory roster entry: {what}", roster / "bob.yaml", ["team", str(roster)], {}),
            (f"cache entry: {what} (rebuilt)", entry, ["levels"], {}),
        ]
        for name, path, args, env in cases:
            _clear(path)
            plant(path)
            environ = {"PMO_ADVISOR_CONFIG": str(scratch / "config.toml")}
            environ.update({key: str(data) for key in env})
            _row(name, *_measure([*command, *args], env=environ))
            if path != entry:
                _clear(path)


def _clear(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        path.rmdir()
    elif path.exists() or path.is_symlink():
        path.unlink()


def _measure(
    args: list[str], stdin: Path | None = None, env: dict[str, str] | None = None
) -> tuple[int, float, float]:
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as source:
        process = subprocess.Popen(
            args,
            stdin=source,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **(env or {})},
        )
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return os.waitstatus_to_exitcode(status), elapsed, usage.ru_maxrss / 1024  # KB on Linux


def _row(name: str, code: int, seconds: float, peak: float) -> None:
    print(f"{name:<42} {code:>4} {seconds:>8.2f} {peak:>8.1f}", flush=True)


def _stream(command: list[str], scratch: str, lines: int) -> None:
    titles = Path(scratch, "titles.txt")
    sample = (
        b"Senior PMO Analyst - London (Contract)\n",
        b"Head of PMO\n",
        b"Chef de partie\n",
        b"Portfolio Office Manager\r\n",
    )
    with titles.open("wb") as handle:
        for index in range(lines):
            handle.write(sample[index % len(sample)])
    for fmt in ("json", "plain"):
        start = time.perf_counter()
        with titles.open("rb") as source:
            process = subprocess.Popen(
                [*command, "titles", "--from", "-", "--format", fmt],
                stdin=source,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            assert process.stdout is not None
            process.stdout.readline()
            first = time.perf_counter() - start
            for _ in process.stdout:
                pass
            _, status, usage = os.wait4(process.pid, 0)
        total = time.perf_counter() - start
        name = f"titles --from - ({lines:,} lines, {fmt})"
        code = os.waitstatus_to_exitcode(status)
        print(
            f"{name:<42} {code:>4} {total:>8.2f} {usage.ru_maxrss / 1024:>8.1f}"
            f"  (first result after {first:.2f} s)",
            flush=True,
        )


if __name__ == "__main__":
    main()
