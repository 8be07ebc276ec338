"""Reading a large advert: the time ``Advisor.advert`` takes over a 1 MB advert (plain
text and a saved web page), after the knowledge base and the phrases are loaded, as the
median of several runs: the processor time it uses (what the code costs) and the wall
time (which a busy machine stretches). Every paragraph differs from the others, as in a
real page, so no work is saved by a sentence read before. Three adverts: plain text in
which every sentence is a demand (the worst case: every sentence is read in full), the
same as a web page, and a real-looking saved page, mostly styles, scripts and menus
around an advert of a few kilobytes. Target: under 0.5 s of processor time.

    python benchmarks/adverts.py [--runs 5] [--megabytes 1]
"""

from __future__ import annotations

import argparse
import statistics
import time

from pmo_advisor import Advisor

PARAGRAPH = (
    "You will run the PMO for a portfolio of change, line-managing a team of {n} PMO"
    " analysts, setting the governance framework and standards projects follow, and owning"
    " the PMO budget. You will have {years}+ years' experience in a PMO. P3O Practitioner"
    " or Essentials for PMO Managers is desirable. We offer 28 days holiday and a pension."
    " We are an equal opportunities employer. Experience of stakeholder engagement at"
    " board level is essential. You will produce the monthly dashboards, keep the RAID log"
    " and run stage gate reviews across {n} programmes in office {index} of London.\n\n"
)


def advert(size: int) -> str:
    """A PMO Manager advert of at least ``size`` bytes: one heading, then paragraphs."""
    parts = ["# PMO Manager\n\n"]
    total = len(parts[0])
    index = 0
    while total < size:
        text = PARAGRAPH.format(n=index % 9 + 1, years=index % 12 + 1, index=index)
        parts.append(text)
        total += len(text.encode("utf-8"))
        index += 1
    return "".join(parts)


def saved_page(size: int) -> str:
    """A real-looking saved web page of ``size`` bytes: an advert of a few kilobytes in
    a page that is mostly styles, scripts, menus and other jobs' links, as saved pages
    are."""
    body = advert(6_000).split("\n\n")
    paragraphs = "".join(f"<p>{p}</p>\n" for p in body[1:] if p)
    filler = []
    total = 0
    index = 0
    while total < size:
        piece = (
            f"<li class='nav-item nav-item-{index}'><a href='/jobs/{index}'>Job {index} in"
            f" sector {index % 40}</a></li>\n<style>.c{index}{{color:#{index % 999:03d};"
            f"margin:{index % 17}px}}</style>\n<script>window.d{index}={{k:{index}}};</script>\n"
        )
        filler.append(piece)
        total += len(piece)
        index += 1
    return (
        "<html><head><title>PMO Manager</title></head><body>"
        f"<nav><ul>{''.join(filler)}</ul></nav><main><article><h1>PMO Manager</h1>"
        f"{paragraphs}</article></main><footer>Cookies</footer></body></html>"
    )


def page(size: int) -> str:
    """The same advert as a saved web page."""
    body = advert(size).split("\n\n")
    paragraphs = "".join(f"<p>{p}</p>\n" for p in body[1:] if p)
    return (
        "<html><head><title>PMO Manager</title><script>var x = 1;</script></head><body>"
        f"<nav><a href='/'>Home</a></nav><main><h1>PMO Manager</h1>{paragraphs}</main>"
        "<footer>Cookies</footer></body></html>"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--megabytes", type=float, default=1.0)
    args = parser.parse_args()
    size = int(args.megabytes * 1_000_000)
    advisor = Advisor()
    advisor.advert("# PMO Manager\n\nYou will run the PMO.\n", name="warm.md")  # phrases built
    for label, text, name in (
        ("plain text, every sentence a demand", advert(size), "big.md"),
        ("saved web page, every sentence a demand", page(size), "big.html"),
        ("saved web page, mostly markup", saved_page(size), "saved.html"),
    ):
        cpu, wall = [], []
        for _ in range(args.runs):
            started, clock = time.process_time(), time.perf_counter()
            reading = advisor.advert(text, name=name)
            cpu.append(time.process_time() - started)
            wall.append(time.perf_counter() - clock)
        level = reading.level.number if reading.level else None
        median = statistics.median(cpu)
        verdict = "ok" if median < 0.5 else "over the 0.5 s target"
        print(
            f"{label}: {len(text.encode('utf-8')) / 1e6:.2f} MB read in {median:.3f} s of"
            f" processor time, {statistics.median(wall):.3f} s wall (medians of {args.runs};"
            f" level {level}, {len(reading.evidence)} demands): {verdict}"
        )


if __name__ == "__main__":
    main()
