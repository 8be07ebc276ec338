"""Team mode at scale: people per second and peak memory for ``team --summary --format
json`` end to end, on generated rosters of 1,000, 100,000 and 1,000,000 people.

The rosters are realistic: answers are drawn from a few hundred distinct combinations
(real teams repeat themselves: the same job, the same few activities, round years), and
every person has a unique name. For comparison, the same figures for one ``assess`` run
per person, timed on a sample and extrapolated. Targets: at least 100,000 people/s at a
million people, and peak memory under 150 MB that does not grow with the roster.

    python benchmarks/team.py [--sizes 1000,100000,1000000] [--sample 20] [--full 20000]
        [--xlsx 100000]

It then writes the whole report (everyone's advice, JSON and CSV) for ``--full`` people,
with a few hundred distinct answers and with every person's answers different; the
reports to share, an ``.xlsx`` workbook and an ``.html`` page, for ``--reports`` people
(target: under 10 s each at 10,000 people); and reads an ``.xlsx`` roster of ``--xlsx``
rows shaped like an HR export (an id, extra columns, the questionnaire's wording), with
``--summary``: at least 10,000 rows/s and under 150 MB at 100,000 rows.

Peak memory is the child process's maximum resident set size (``ru_maxrss``). The
rosters are written to a temporary directory and removed afterwards.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

ENTRY = [sys.executable, "-m", "pmo_advisor"]

#: Job shapes: (activities to pick from, focus, scope choices, years range, team sizes).
SHAPES = [
    (["keep-records", "organise-meetings", "compile-status"], "", ["project"], (0, 4), [0]),
    (["analyse-performance", "compile-status"], "reporting", ["programme", "project"], (2, 8), [0]),
    (["plan-schedule", "run-raid"], "planning", ["programme", "portfolio"], (2, 10), [0, 1]),
    (["control-costs", "track-benefits"], "finance", ["programme", "portfolio"], (3, 10), [0]),
    (["manage-tools-data", "analyse-performance"], "data", ["portfolio"], (2, 8), [0]),
    (["manage-pmo-team", "run-pmo", "set-standards"], "governance", ["programme"], (5, 15), [2, 5]),
    (["lead-pmo-managers", "portfolio-strategy"], "", ["enterprise", "portfolio"], (10, 25), [8]),
]
TITLES = ["", "PMO Analyst", "Project Support Officer", "PMO Manager", "Planner"]
HELD = ["", "prince2", "essentials-pmo-analysts;p3o-foundation", "apm-pfq"]


def combinations(count: int, seed: int = 7) -> list[list[str]]:
    """``count`` distinct answer rows (without the name), as CSV cells."""
    rng = random.Random(seed)
    rows: set[tuple[str, ...]] = set()
    while len(rows) < count:
        activities, focus, scopes, (low, high), teams = rng.choice(SHAPES)
        picked = rng.sample(activities, rng.randint(1, len(activities)))
        rows.add(
            (
                str(rng.randint(low, high)),
                rng.choice(scopes),
                ",".join(picked),
                focus,
                str(rng.choice(teams)),
                rng.choice(TITLES),
                rng.choice(HELD),
            )
        )
    return [list(row) for row in sorted(rows)]


HEADER = ["name", "years", "scope", "activities", "focus", "team_size", "title", "qualifications"]


def unique_rows(count: int) -> list[list[str]]:
    """``count`` answer rows that all differ: the combinations again, with years moved
    by hundredths (there are only a few thousand combinations of the rest)."""
    base = combinations(min(count, 2000))
    rows = []
    for number in range(count):
        years, *rest = base[number % len(base)]
        rows.append([f"{int(years) + number // len(base) / 100:.2f}", *rest])
    return rows


def write_roster(path: Path, people: int, distinct: int) -> None:
    """A CSV roster of ``people`` rows drawn from ``distinct`` combinations."""
    rows = combinations(distinct) if distinct <= 2000 else unique_rows(distinct)
    rng = random.Random(people)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(people):
            writer.writerow([f"Person {number:07d}", *rng.choice(rows)])


def run_measured(args: list[str]) -> tuple[float, float, bytes]:
    """Wall seconds, peak RSS in MB and standard output of one child process."""
    with tempfile.TemporaryFile() as out:
        elapsed, peak = _run_child(args, out)
        out.seek(0)
        return elapsed, peak, out.read()


def run_sized(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and the bytes of output of one child process, whose
    output is never read in: a child forked while this process held a large output
    would count that memory as its own."""
    with tempfile.TemporaryFile() as out:
        elapsed, peak = _run_child(args, out)
        return elapsed, peak, out.seek(0, os.SEEK_END)


def _run_child(args: list[str], out: IO[bytes]) -> tuple[float, float]:
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(args, stdout=out, stderr=err)
        # wait4 gives this child's own peak memory, not the largest of all children.
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(args)} failed: {err.read().decode()[:500]}")
        return elapsed, usage.ru_maxrss / 1024


def assess_per_person(roster: Path, sample: int) -> float:
    """Median seconds of one ``assess`` run, over the first ``sample`` people."""
    times = []
    with roster.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row, _ in zip(reader, range(sample), strict=False):
            args = [*ENTRY, "assess", "--no-input", "--format", "json"]
            for key in HEADER[1:]:
                if row[key]:
                    value = row[key].replace(";", ",")
                    args += ["--set", f"{key}={value}"]
            start = time.perf_counter()
            subprocess.run(args, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--distinct", type=int, default=300, help="distinct answer rows")
    parser.add_argument("--sample", type=int, default=20, help="assess runs to time")
    parser.add_argument("--full", type=int, default=20000, help="people in the full reports")
    parser.add_argument("--reports", type=int, default=10000, help="people in xlsx/html reports")
    parser.add_argument("--xlsx", type=int, default=100000, help="rows of the .xlsx roster")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus,"
          f" load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="pmo-team-bench-") as work:
        env_cache = os.path.join(work, "cache")
        os.environ["PMO_ADVISOR_CACHE_DIR"] = env_cache
        # Warm the knowledge-base cache, as any second run would find it.
        subprocess.run([*ENTRY, "levels", "--format", "json"], capture_output=True, check=True)
        per_assess = None
        print(f"{'people':>10}  {'seconds':>8}  {'people/s':>10}  {'peak MB':>8}  assess each")
        for size in sizes:
            roster = Path(work) / f"roster-{size}.csv"
            write_roster(roster, size, args.distinct)
            command = [*ENTRY, "team", str(roster), "--summary", "--format", "json"]
            elapsed, peak, out = run_measured(command)
            summary = json.loads(out)["summary"]
            assert summary["people"] == size, summary["people"]
            if per_assess is None:
                per_assess = assess_per_person(roster, args.sample)
            print(
                f"{size:>10,}  {elapsed:>8.2f}  {size / elapsed:>10,.0f}  {peak:>8.1f}"
                f"  {per_assess * size:,.0f} s ({1 / per_assess:,.1f} people/s)"
            )
            roster.unlink()
        print(f"one assess run per person: median {per_assess or 0:.3f} s over {args.sample} runs")
        full_reports(Path(work), args.full, args.distinct)
        shared_reports(Path(work), args.reports, args.distinct)
        if args.xlsx:
            workbook_roster(Path(work), args.xlsx, args.distinct)


def full_reports(work: Path, people: int, distinct: int) -> None:
    """The whole report (everyone's advice) in JSON and CSV: written as it is made, so
    memory follows the distinct answers kept, not the size of the output; and the same
    for a roster in which every person's answers differ."""
    print(f"\nfull report, {people:,} people")
    print(
        f"{'answers':>16}  {'format':>6}  {'seconds':>8}  {'people/s':>10}  {'peak MB':>8}"
        f"  {'output MB':>9}"
    )
    for label, kinds in ((f"{distinct} distinct", distinct), ("all distinct", people)):
        roster = work / "roster-full.csv"
        write_roster(roster, people, kinds)
        for fmt in ("json", "csv"):
            command = [*ENTRY, "team", str(roster), "--format", fmt]
            elapsed, peak, size = run_sized(command)
            print(
                f"{label:>16}  {fmt:>6}  {elapsed:>8.2f}  {people / elapsed:>10,.0f}"
                f"  {peak:>8.1f}  {size / 1e6:>9.1f}"
            )
        roster.unlink()


def workbook_roster(work: Path, rows: int, distinct: int) -> None:
    """An .xlsx roster read with --summary: rows per second and peak memory. Its cells
    are as an HR export has them: an employee id, a department and a line manager kept
    as they are, spreadsheet headers, and numbers stored as numbers."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("People")
    sheet.append(
        ["Employee ID", "Full name", "Department", "Line Manager", "Years in PMO", "Scope",
         "Activities", "Focus", "Direct reports", "Job Title", "Courses held"]
    )  # fmt: skip
    choices = combinations(distinct)
    rng = random.Random(rows)
    for number in range(rows):
        years, scope, activities, focus, team, title, held = rng.choice(choices)
        sheet.append(
            [f"E{number:07d}", f"Person {number:07d}", rng.choice(["Finance", "IT", "Ops"]),
             f"Manager {number % 97}", int(years), scope, activities, focus, int(team), title,
             held]
        )  # fmt: skip
    path = work / "roster.xlsx"
    book.save(path)
    command = [*ENTRY, "team", str(path), "--summary", "--format", "json"]
    elapsed, peak, out = run_measured(command)
    assert json.loads(out)["summary"]["people"] == rows
    print(f"\n.xlsx roster, {rows:,} rows ({path.stat().st_size / 1e6:.1f} MB), --summary")
    print(f"{'seconds':>8}  {'rows/s':>10}  {'peak MB':>8}")
    print(f"{elapsed:>8.2f}  {rows / elapsed:>10,.0f}  {peak:>8.1f}")
    path.unlink()


#: The most seconds a report to share may take at 10,000 people.
SHARED_REPORT_TARGET = 10.0


def shared_reports(work: Path, people: int, distinct: int) -> None:
    """The reports to share, a workbook and a web page of everyone, written to a file."""
    print(f"\nreports to share, {people:,} people ({distinct} distinct answers)")
    print(f"{'format':>6}  {'seconds':>8}  {'people/s':>10}  {'peak MB':>8}  {'file MB':>8}")
    roster = work / "roster-reports.csv"
    write_roster(roster, people, distinct)
    for fmt in ("xlsx", "html"):
        report = work / f"report.{fmt}"
        elapsed, peak, _ = run_sized([*ENTRY, "team", str(roster), "-o", str(report)])
        verdict = "" if elapsed < SHARED_REPORT_TARGET else f"  over {SHARED_REPORT_TARGET:.0f} s"
        print(
            f"{fmt:>6}  {elapsed:>8.2f}  {people / elapsed:>10,.0f}  {peak:>8.1f}"
            f"  {report.stat().st_size / 1e6:>8.1f}{verdict}"
        )
        report.unlink()
    roster.unlink()


if __name__ == "__main__":
    main()
