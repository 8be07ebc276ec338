"""The html reports in a real browser: headless Chromium (the system's), driven by
Playwright. The team page loads with no console error and no request, every chart is
drawn, nothing overflows at 1280 or 390 pixels wide, and printing to PDF keeps every
row; a personal plan prints on one A4 page.

Skipped, saying so, where Playwright or a Chromium cannot be found; CI installs
Chromium and sets PMO_ADVISOR_REQUIRE_BROWSER, which makes that a failure instead.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pmo_advisor.cli.main import main
from tests.chromium import LAUNCH_ARGS, REQUIRE_ENV, find_chromium
from tests.render.test_reports import HR_EXPORT, team_roster

# A browser is a process of its own, and slow to start: these are left out with
# -m "not browser" (or "not terminal") while working, and run by the README's command.
pytestmark = [pytest.mark.browser, pytest.mark.terminal]

#: Widths a page must fit without scrolling sideways: a laptop, and a phone.
WIDTHS = (1280, 390)
#: People in the report: enough for a table that runs over several printed pages.
PEOPLE = 60
#: A name with a word too long for any column.
LONG_NAME = "Maximiliana Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaft"

# What lies outside the viewport: every element wider than the page, and every cell
# whose text is cut.
_OVERFLOWS = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  if (document.documentElement.scrollWidth > width) {
    found.push(`the page is ${document.documentElement.scrollWidth}px wide`);
  }
  for (const element of document.querySelectorAll('h1, h2, p, nav, figure, svg, table, tr, th, td')) {
    const box = element.getBoundingClientRect();
    const what = `${element.tagName} "${(element.textContent || '').trim().slice(0, 40)}"`;
    if (box.right > width + 0.5 || box.left < -0.5) found.push(`${what} ends at ${box.right}px`);
    if (element.scrollWidth > element.clientWidth + 1 && element.tagName === 'TD') {
      found.push(`${what} is cut`);
    }
  }
  return found;
}"""


def _flat(text: str) -> str:
    """Text without its line breaks and spaces, and with ligatures (the PDF's "ﬀ") as
    letters: a name printed across lines reads as written."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _skip_or_fail(reason: str) -> None:
    if os.environ.get(REQUIRE_ENV, "") not in ("", "0"):
        pytest.fail(f"{reason} ({REQUIRE_ENV} is set)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium, the system's own."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("no browser tests: Playwright is not installed (pip install -e '.[test]')")
    executable = find_chromium()
    if executable is None:
        _skip_or_fail(
            "no browser tests: no Chromium found; install it with 'apt-get install chromium'"
            " (see the README's development section) or set PMO_ADVISOR_CHROMIUM"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=list(LAUNCH_ARGS))
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def team_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A team report of :data:`PEOPLE` people, and their names."""
    folder = tmp_path_factory.mktemp("report")
    roster = team_roster(folder, PEOPLE - 1)
    with roster.open("a", encoding="utf-8") as handle:
        handle.write(f"{LONG_NAME},2,project,keep-records,,,\n")
    page = folder / "report.html"
    assert main(["team", str(roster), "-o", str(page)]) == 0
    with roster.open(encoding="utf-8", newline="") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    return page, [name for name in names if name.startswith(("Person", LONG_NAME[:10]))]


def _open(browser: Any, page_file: Path, width: int) -> tuple[Any, list[str], list[str]]:
    """A tab showing the page at ``width``, its console's errors and the requests made."""
    tab = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    requests: list[str] = []
    tab.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(page_file.as_uri())
    return tab, problems, requests


def test_the_team_page_loads_cleanly_with_every_chart_visible(
    browser: Any, team_page: tuple[Path, list[str]]
) -> None:
    page_file, _ = team_page
    tab, problems, requests = _open(browser, page_file, WIDTHS[0])
    assert problems == []
    assert requests == [page_file.as_uri()], "the page asked for something besides itself"
    charts = tab.locator("figure.chart svg")
    assert charts.count() == 3  # the level spread, the focus coverage, the course seats
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        assert chart.is_visible(), index
        box = chart.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 60, (index, box)
    bars = tab.locator("rect.bar")
    assert bars.count() > 4
    assert max(bars.nth(i).bounding_box()["width"] for i in range(bars.count())) > 100
    labels = tab.locator("figure.chart svg text")
    assert "Level 2" in " ".join(labels.all_text_contents())
    tab.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_overflows(browser: Any, team_page: tuple[Path, list[str]], width: int) -> None:
    tab, problems, _ = _open(browser, team_page[0], width)
    assert tab.evaluate(_OVERFLOWS) == []
    assert problems == []
    tab.close()


@pytest.mark.parametrize("width", [*WIDTHS, 710])
def test_an_hr_export_with_its_kept_columns_fits(browser: Any, tmp_path: Path, width: int) -> None:
    page_file = tmp_path / "hr.html"
    assert main(["team", str(HR_EXPORT), "-o", str(page_file)]) == 0
    tab, problems, _ = _open(browser, page_file, width)
    if width == 710:  # the width of A4 less its margins, as printed
        tab.emulate_media(media="print")
    assert tab.evaluate(_OVERFLOWS) == []
    assert problems == []
    tab.close()


def test_printing_keeps_every_table_row(browser: Any, team_page: tuple[Path, list[str]]) -> None:
    from pypdf import PdfReader

    page_file, names = team_page
    # The width of A4 less the page's margins, as the printed layout has it.
    tab, _, _ = _open(browser, page_file, 710)
    tab.emulate_media(media="print")
    assert tab.evaluate(_OVERFLOWS) == []
    shown = _flat(tab.evaluate("document.body.innerText"))
    pdf = PdfReader(io.BytesIO(tab.pdf(format="A4", print_background=True)))
    assert len(pdf.pages) > 1
    printed = _flat("".join(p.extract_text() for p in pdf.pages))
    rows = tab.locator("tbody tr").count()
    assert rows >= PEOPLE
    for name in names:
        flat = _flat(name)
        assert printed.count(flat) == shown.count(flat) >= 1, name
    # Each person's row ends with their courses: every one of them made it to paper.
    people = tab.locator("section#people tbody tr")
    assert people.count() == PEOPLE
    tab.close()


def test_a_personal_plan_prints_on_one_page(browser: Any, tmp_path: Path) -> None:
    from pypdf import PdfReader

    page_file = tmp_path / "plan.html"
    args = ["assess", "--no-input", "--set", "years=4", "--set", "scope=programme"]
    args += ["--set", "activities=plan-schedule,run-raid,analyse-performance"]
    args += ["--set", "team_size=0", "--set", "focus=planning", "-o", str(page_file)]
    assert main(args) == 0
    tab, problems, requests = _open(browser, page_file, WIDTHS[1])
    assert problems == []
    assert requests == [page_file.as_uri()]
    assert tab.evaluate(_OVERFLOWS) == []
    pdf = PdfReader(io.BytesIO(tab.pdf(format="A4")))
    assert len(pdf.pages) == 1
    assert "Your plan" in pdf.pages[0].extract_text()
    tab.close()
