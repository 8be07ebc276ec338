"""Start-up time: scripted commands against a bare one-command typer app, and the
questionnaire's first question against a bare script that opens one questionary select.

Runs each command in turn, alternating so that machine noise falls on all of them alike,
and prints the median wall time of each and the ratios against the bare programs.
Targets: every scripted command at most as long as the bare typer app; time to the
first question at most 1.3 times the bare questionary script, in a pseudo-terminal. Run
with the interpreter of the environment pmo-advisor is installed in:

    python benchmarks/startup.py [--runs 30]
"""

from __future__ import annotations

import argparse
import compileall
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


BARE_SELECT = """
import questionary

questionary.select("Pick one", choices=["a", "b", "c"]).unsafe_ask()
"""


#: Every scripted command, as a script would run it (output into a pipe).
SCRIPTED = [
    ["suggest", "--level", "2", "--format", "json"],
    ["assess", "--set", "years=4", "--set", "scope=programme", "--set",
     "activities=plan-schedule", "--format", "json"],
    ["levels"],
    ["titles", "--format", "json"],
    ["courses", "--format", "json"],
    ["plan", "--from", "1", "--to", "3"],
    ["activities", "--format", "json"],
]  # fmt: skip


def _time_to_prompt(command: list[str], marker: str) -> float:
    """Seconds from start until ``marker`` shows in a pseudo-terminal."""
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(
        command[0],
        command[1:],
        env={**os.environ, "TERM": "xterm-256color"},
        dimensions=(24, 80),
        timeout=30,
    )
    child.expect_exact(marker)
    elapsed = time.perf_counter() - start
    child.terminate(force=True)
    return elapsed


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="runs of each command")
    args = parser.parse_args()

    # pip compiles an installed package's byte-code; an editable install under
    # PYTHONDONTWRITEBYTECODE would instead recompile every module on every run.
    import pmo_advisor

    compileall.compile_dir(Path(pmo_advisor.__file__).parent, quiet=1)

    script = Path(sys.executable).with_name("pmo-advisor")
    advisor = [str(script)] if script.exists() else [sys.executable, "-m", "pmo_advisor"]
    with tempfile.TemporaryDirectory() as scratch:
        # No kept answers: bare pmo-advisor would offer them before its first question.
        os.environ["XDG_DATA_HOME"] = scratch
        bare = Path(scratch, "bare.py")
        bare.write_text(BARE_APP)
        bare_select = Path(scratch, "bare_select.py")
        bare_select.write_text(BARE_SELECT)
        prompts = {
            "bare questionary select": ([sys.executable, str(bare_select)], "Pick one"),
            "pmo-advisor: first question": (advisor, "(1 of 9)"),
        }
        commands = {
            "bare app: main --level 2": [sys.executable, str(bare), "--level", "2"],
            "bare app: --help": [sys.executable, str(bare), "--help"],
            "pmo-advisor --help": [*advisor, "--help"],
            **{" ".join(args): [*advisor, *args] for args in SCRIPTED},
        }
        env_note = f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, {args.runs} runs"
        for command in commands.values():  # warm the file cache and byte-code
            _time(command)
        for command, marker in prompts.values():
            _time_to_prompt(command, marker)
        times: dict[str, list[float]] = {name: [] for name in [*commands, *prompts]}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(_time(command))
            for name, (command, marker) in prompts.items():
                times[name].append(_time_to_prompt(command, marker))

    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(f"start-up medians ({env_note})")
    for name, value in medians.items():
        print(f"  {name[:44]:<44} {value:7.1f} ms")
    bare = medians["bare app: main --level 2"]
    ratios = {f"{args[0]} / bare app": medians[" ".join(args)] / bare for args in SCRIPTED}
    ratios["--help / bare app --help"] = medians["pmo-advisor --help"] / medians["bare app: --help"]
    ratios["first question / bare select"] = (
        medians["pmo-advisor: first question"] / medians["bare questionary select"]
    )
    targets = {"first question / bare select": 1.3}
    for name, ratio in ratios.items():
        target = targets.get(name, 1.0)
        verdict = "ok" if ratio <= target else f"over the {target} target"
        print(f"  ratio {name:<30} {ratio:5.2f}  (target {target}: {verdict})")


if __name__ == "__main__":
    main()
