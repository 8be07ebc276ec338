"""Start-up time of scripted commands against a bare one-command typer app.

Runs each command in turn, alternating so that machine noise falls on all of them alike,
and prints the median wall time of each and the ratios against the bare app. Target:
each ratio at most 1.2. Run with the interpreter of the environment pmo-advisor is
installed in:

    python benchmarks/startup.py [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_APP = '''
import typer

app = typer.Typer()


@app.command()
def main(level: int = 1) -> None:
    """A bare one-command app."""
    print(level)


if __name__ == "__main__":
    app()
'''


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="runs of each command")
    args = parser.parse_args()

    script = Path(sys.executable).with_name("pmo-advisor")
    advisor = [str(script)] if script.exists() else [sys.executable, "-m", "pmo_advisor"]
    with tempfile.TemporaryDirectory() as scratch:
        bare = Path(scratch, "bare.py")
        bare.write_text(BARE_APP)
        commands = {
            "bare app: main --level 2": [sys.executable, str(bare), "--level", "2"],
            "bare app: --help": [sys.executable, str(bare), "--help"],
            "suggest --level 2 --format json": [
                *advisor,
                "suggest",
                "--level",
                "2",
                "--format",
                "json",
            ],
            "pmo-advisor --help": [*advisor, "--help"],
        }
        env_note = f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, {args.runs} runs"
        for command in commands.values():  # warm the file cache and byte-code
            _time(command)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(_time(command))

    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(f"start-up medians ({env_note})")
    for name, value in medians.items():
        print(f"  {name:<34} {value:7.1f} ms")
    ratios = {
        "suggest / bare app": medians["suggest --level 2 --format json"]
        / medians["bare app: main --level 2"],
        "--help / bare app --help": medians["pmo-advisor --help"] / medians["bare app: --help"],
    }
    for name, ratio in ratios.items():
        verdict = "ok" if ratio <= 1.2 else "over the 1.2 target"
        print(f"  ratio {name:<28} {ratio:5.2f}  ({verdict})")


if __name__ == "__main__":
    main()
