"""Hostile inputs: how long pmo-advisor takes to refuse each one, and its peak memory.

Each case runs the installed command in its own process and reports the wall time, the
peak resident memory of that process and the exit code. The targets are a clear error
within a second and memory that stays bounded (compare with the first, ordinary run).
Run with the interpreter of the environment pmo-advisor is installed in:

    python benchmarks/hostile.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OK = b"years: 3\nscope: project\nactivities: [keep-records]\n"
BOMB = b'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + b"".join(
    b"%c: &%c [%s]\n" % (c, c, b",".join([b"*" + bytes([c - 1])] * 9)) for c in range(98, 106)
)
CASES: list[tuple[str, bytes]] = [
    ("ordinary answers (for comparison)", OK),
    ("answers file over 1 MB", b"# " + b"x" * 2_000_000 + b"\n"),
    ("YAML alias bomb", BOMB),
    ("YAML nested 10,000 deep", b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"),
    ("JSON nested 10,000 deep", b'{"a": ' + b"[" * 10_000 + b"]" * 10_000 + b"}"),
    ("string of 100,000 characters", b"scope: " + b"p" * 100_000 + b"\n" + OK[9:]),
    (
        "list of 100,000 items",
        b"years: 1\nscope: project\nactivities: [" + b"1," * 100_000 + b"]\n",
    ),
    ("20,000 keys", b"".join(b"k%d: 1\n" % i for i in range(20_000))),
]


def main() -> None:
    script = Path(sys.executable).with_name("pmo-advisor")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "pmo_advisor"]
    print(f"{'case':<36} {'exit':>4} {'seconds':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as scratch:
        for name, content in CASES:
            path = Path(scratch, "answers.yaml")
            path.write_bytes(content)
            start = time.perf_counter()
            process = subprocess.Popen(
                [*command, "assess", "--answers", str(path), "--format", "json"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            peak = usage.ru_maxrss / 1024  # kilobytes on Linux
            print(f"{name:<36} {code:>4} {elapsed:>8.2f} {peak:>8.1f}")


if __name__ == "__main__":
    main()
