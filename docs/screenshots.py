"""Write docs/team-report.png, the README's picture of a team report's web page.

The page is a real one: ``pmo-advisor team ROSTER -o report.html`` for the roster below,
opened in the same headless Chromium as the browser tests (the system's, never one of
Playwright's own) and photographed down to the end of the level spread's chart. Run it
again when the page's look changes:

    python docs/screenshots.py [--output docs/team-report.png] [--width 1100]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.chromium import LAUNCH_ARGS, find_chromium  # noqa: E402 - the repository first

#: A PMO of twelve, as a head of PMO might export it.
ROSTER = """name,years,scope,activities,focus,team_size,title,qualifications
Amara Okafor,1,project,keep-records;organise-meetings;compile-status,,0,Project Support Officer,
Ben Carter,2,project,keep-records;compile-status,,0,PMO Administrator,
Chloe Martin,3,programme,analyse-performance;compile-status,reporting,0,PMO Analyst,prince2
Dev Patel,4,programme,plan-schedule;run-raid,planning,0,Project Planner,prince2
Elena Rossi,5,programme,plan-schedule;analyse-performance,planning,0,Senior PMO Analyst,apm-pfq
Farid Haddad,3,portfolio,manage-tools-data;analyse-performance,data,0,PMO Data Analyst,
Grace Liu,6,programme,control-costs;track-benefits,finance,0,Programme Finance Analyst,prince2
Hugo Lambert,2,project,compile-status;run-raid,,0,Project Co-ordinator,
Isla Murray,8,programme,manage-pmo-team;run-pmo;set-standards,governance,3,PMO Manager,prince2
Jonas Berg,4,portfolio,run-raid;analyse-performance,risk,0,Risk Analyst,
Kemi Adeyemi,12,enterprise,lead-pmo-managers;portfolio-strategy,,6,Head of PMO,p3o-foundation
Luca Bianchi,1,project,keep-records,,0,Project Administrator,
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(REPO / "docs" / "team-report.png"))
    parser.add_argument("--width", type=int, default=1100)
    args = parser.parse_args()
    executable = find_chromium()
    if executable is None:
        raise SystemExit("no Chromium found: apt-get install chromium, or set PMO_ADVISOR_CHROMIUM")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="pmo-screenshot-") as work:
        roster = Path(work) / "pmo-team.csv"
        roster.write_text(ROSTER, encoding="utf-8")
        page_file = Path(work) / "report.html"
        subprocess.run(
            [sys.executable, "-m", "pmo_advisor", "team", roster.name, "-o", page_file.name],
            cwd=work,
            check=True,
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=list(LAUNCH_ARGS))
            tab = browser.new_page(viewport={"width": args.width, "height": 900})
            tab.goto(page_file.as_uri())
            # From the top to the end of the third chart: the level spread, the focus
            # coverage heat map and the course seats, as a head of PMO first sees them;
            # the tables and the table of everyone follow on the page.
            charts = tab.locator("figure.chart")
            last = charts.nth(min(charts.count(), 3) - 1).bounding_box()
            assert last is not None, "the report has no chart"
            height = int(last["y"] + last["height"] + 16)
            tab.screenshot(
                path=args.output, clip={"x": 0, "y": 0, "width": args.width, "height": height}
            )
            browser.close()
    print(f"wrote {args.output} ({args.width}x{height})")


if __name__ == "__main__":
    main()
