"""Hostile inputs: how long pmo-advisor takes to refuse each one, and its peak memory.

Each case runs the installed command in its own process and reports the wall time, the
peak resident memory of that process and the exit code. The target for every refusal:
a clear error within 0.5 s and 100 MB on the project's two-core machine (compare with
the first, ordinary run). The last rows stream a long title list through
``titles --from``: the time to the first result and the peak memory must not grow with
the list; the total time is the title matcher's (see benchmarks/titles.py). The library
rows time one ``assess_one`` call and the memory it allocates. Run with the
interpreter of the environment pmo-advisor is installed in:
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
    ("YAML years of 401 digits", "a.yaml", b"years: 1" + b"0" * 400 + b"\n" + OK[9:]),
    ("JSON team_size of 5,000 digits", "a.json", b'{"team_size": ' + b"9" * 5000 + b"}"),
    ("JSON years 1e400", "a.json", b'{"years": 1e400, "scope": "project", "activities": ["x"]}'),
    ("YAML years after 100,000 zeros", "a.yaml", b"years: " + b"0" * 100_000 + b"61\n" + OK[9:]),
]  # fmt: skip

#: (name, answers) for the library's assess_one, each built in the measuring process.
LIBRARY = """
import sys, time, tracemalloc
from pmo_advisor import assess_one, load_knowledge
from pmo_advisor.errors import InputError
base = {"years": 3, "scope": "project", "activities": ["keep-records"]}
deep = []
for _ in range(100_000):
    deep = [deep]
cases = {
    "library: ordinary answers (for comparison)": base,
    "library: key that is not text": {**base, 3: 1},
    "library: list nested 100,000 deep": {**base, "activities": deep},
    "library: years 10**5000": {**base, "years": 10**5000},
    "library: list of 10,000,000 items": {**base, "activities": ["keep-records"] * 10**7},
    "library: text of 10,000,000 characters": {**base, "title": "x" * 10**7},
    "library: None as a row": None,
}
knowledge = load_knowledge()
name = sys.argv[1]
answers = cases[name]
assess_one(base, knowledge)
tracemalloc.start()
start = time.perf_counter()
try:
    assess_one(answers, knowledge)
    code = 0
except InputError:
    code = 2
seconds = time.perf_counter() - start
print(code, seconds, tracemalloc.get_traced_memory()[1] / 2**20)
"""
LIBRARY_CASES = [
    "library: ordinary answers (for comparison)",
    "library: key that is not text",
    "library: list nested 100,000 deep",
    "library: years 10**5000",
    "library: list of 10,000,000 items",
    "library: text of 10,000,000 characters",
    "library: None as a row",
]


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
        for name in LIBRARY_CASES:
            _library(name)
        big = Path(scratch, "big.txt")
        with big.open("wb") as handle:
            handle.write(b"PMO Analyst\n" * 1_700_001)
        _row("title list file over 20 MB", *_measure([*command, "titles", "--from", str(big)]))
        _settings_and_roster(command, scratch)
        _team(command, scratch)
        _files(command, Path(scratch))
        _stream(command, scratch, lines)


ROSTER_HEAD = b"name,years,scope,activities\n"
ROSTER_ROW = b"p%d,3,project,keep-records\n"
#: (name, config file content or None, extra environment) for ``team`` with a 200,000-row
#: roster: each is refused before the roster is read.
SETTINGS: list[tuple[str, bytes | None, dict[str, str]]] = [
    ("team: PMO_ADVISOR_FORMAT=csv, 200,000 rows", None, {"PMO_ADVISOR_FORMAT": "csv"}),
    ("team: config not TOML, 200,000 rows", b"format = json\n", {}),
    ("team: config nested 2,000 deep", b"x = " + b"[" * 2000 + b"]" * 2000 + b"\n", {}),
    ("team: config inline tables 1,000 deep", b"x = " + b"{a=" * 1000 + b"1" + b"}" * 1000, {}),
]
#: (name, roster content) for ``team ROSTER``: headers refused at once.
HEADERS: list[tuple[str, bytes]] = [
    ("roster header of 1 MB unknown columns", b",".join([b"unknown"] * 130_000) + b"\n"),
    ("roster header of 2,000,000 characters", b"name," + b"y" * 2_000_000 + b"\n"),
    ("roster header of 1,001 columns", b"name," + b",".join(b"c%d" % i for i in range(1000))),
]


def _settings_and_roster(command: list[str], scratch: str) -> None:
    roster = Path(scratch, "large.csv")
    with roster.open("wb") as handle:  # row by row: this process stays small
        handle.write(ROSTER_HEAD)
        for index in range(200_000):
            handle.write(ROSTER_ROW % index)
    config = Path(scratch, "config.toml")
    for name, content, env in SETTINGS:
        if content is not None:
            config.write_bytes(content)
        extra = {**env, **({"PMO_ADVISOR_CONFIG": str(config)} if content is not None else {})}
        _row(name, *_measure([*command, "team", str(roster)], env=extra))
    for name, header in HEADERS:
        path = Path(scratch, "header.csv")
        path.write_bytes(header + b"\nann,3,project,keep-records\n")
        _row(name, *_measure([*command, "team", str(path)]))
    home = Path(scratch, "home")
    (home / ".bashrc").mkdir(parents=True)
    _row(
        "--install-completion, ~/.bashrc a directory",
        *_measure([*command, "--install-completion"], env={"HOME": str(home), "SHELL": "bash"}),
    )
    _row(
        "completion with COMP_CWORD=abc",
        *_measure(command, env={"_PMO_ADVISOR_COMPLETE": "complete_bash", "COMP_CWORD": "abc"}),
    )


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


def _library(name: str) -> None:
    # Time and memory of the call alone, measured inside: the hostile value itself (a
    # 10,000,000-item list is 80 MB) is the caller's, not the refusal's.
    done = subprocess.run(
        [sys.executable, "-c", LIBRARY, name], capture_output=True, text=True, check=True
    )
    code, seconds, peak = done.stdout.split()
    _row(name, int(code), float(seconds), float(peak))


def _row(name: str, code: int, seconds: float, peak: float) -> None:
    print(f"{name:<42} {code:>4} {seconds:>8.2f} {peak:>8.1f}", flush=True)


#: A CSV roster's header, for the team cases.
ROSTER_HEADER = b"name,years,scope,activities\n"


def _team(command: list[str], scratch: str) -> None:
    """Rosters built to make problem lists, or plain text, grow without bound: memory
    must stay under 100 MB and the text be quick. A roster's problems are all counted in
    one run, so these runs read every row and their time grows with the roster (about 5
    microseconds a row, 35 for each distinct invalid answer); their memory does not."""
    bad = Path(scratch, "bad.csv")
    with bad.open("wb") as handle:
        handle.write(ROSTER_HEADER)
        handle.writelines(b"p%d,%d,project,keep-records\n" % (i, 100 + i) for i in range(200_000))
    same = Path(scratch, "same.csv")
    with same.open("wb") as handle:  # a line at a time: a child's peak starts at ours
        handle.write(ROSTER_HEADER)
        handle.writelines(b"Ann,3,project,keep-records\n" for _ in range(1_000_000))
    long_name = Path(scratch, "long.csv")
    long_name.write_bytes(ROSTER_HEADER + b"x" * 120_000 + b",3,project,keep-records\n")
    long_line = Path(scratch, "long.jsonl")
    person = b'"years": 3, "scope": "project", "activities": ["keep-records"]}\n'
    long_line.write_bytes(b'{"name": "' + b"y" * 500_000 + b'", ' + person)
    cases = [
        ("team: 1,000,000 repeated names", [str(same)]),
        ("team: 200,000 invalid rows (refused)", [str(bad)]),
        ("team: same, --skip-invalid --summary json", [str(bad), "--skip-invalid", "--summary",
                                                      "--format", "json"]),
        ("team: same, --skip-invalid --summary plain", [str(bad), "--skip-invalid", "--summary",
                                                       "--format", "plain"]),
        ("team: a 120,000-character name, plain", [str(long_name), "--format", "plain"]),
        ("team: a 500 KB name, --summary plain", [str(long_line), "--summary", "--format",
                                                 "plain"]),
    ]  # fmt: skip
    for name, args in cases:
        _row(name, *_measure([*command, "team", *args]))


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
