"""html: one self-contained web page, to share, read on a phone or print on A4.

A team report shows every table of :func:`pmo_advisor.render.teamview.team_view`, with
the level spread and the course seats drawn as bar charts and the focus coverage as a
heat map, all inline SVG; ``assess``, ``suggest`` and ``plan`` make a one-page personal
plan from the same outline as the other formats. The page asks nothing of any server:
its styles are inline, it has no script, and its content security policy forbids
loading anything. The pages are Jinja2 templates shipped with the package, with
autoescaping on: every piece of text, names and answers above all, is untrusted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pmo_advisor import __version__
from pmo_advisor.render import Renderer

if TYPE_CHECKING:
    import jinja2

    from pmo_advisor.listings import TitleLookups
    from pmo_advisor.render import Result
    from pmo_advisor.render.charts import Chart
    from pmo_advisor.render.teamview import TeamTable
    from pmo_advisor.teamreport import TeamReport

#: About how many characters of a page are written at a time.
PIECE_SIZE = 65536
#: Columns from which a table is printed and shown in smaller type.
WIDE_TABLE = 7


@dataclass(frozen=True)
class PageTable:
    """A table as the page shows it: its anchor, which columns are counts (aligned
    right), its chart, and whether it is wide."""

    table: TeamTable
    anchor: str
    numbers: frozenset[int]
    chart: Chart | None
    wide: bool


class HtmlRenderer(Renderer):
    """A web page per result: the team report, or a personal plan."""

    def document(self, result: Result) -> str:
        """A result as a one-page document: the same sections as every other format."""
        from pmo_advisor.render.document import outline

        document = outline(result, self.knowledge, full=self.options.full, more=self.options.more)
        title = document.title or document.headline
        return (
            _environment()
            .get_template("document.html.j2")
            .render(title=title, document=document, version=__version__)
        )

    def table(self, lookups: TitleLookups) -> str:
        """Not available: ``titles`` does not take --format html."""
        raise TypeError("html output is made for assess, suggest, plan and team")

    def team(self, report: TeamReport) -> str:
        """The whole team report as one page."""
        return "".join(self.team_pieces(report))

    def team_pieces(self, report: TeamReport) -> Iterator[str]:
        """The team report's page, written as the template makes it."""
        from pmo_advisor.render.charts import chart_for, numeric_columns
        from pmo_advisor.render.teamview import team_view

        view = team_view(report, self.knowledge)
        taken: set[str] = set()
        tables = [
            PageTable(
                table,
                _anchor(table.heading, taken),
                numeric_columns(table),
                chart_for(table),
                len(table.headers) >= WIDE_TABLE,
            )
            for table in _summary_first(view.tables)
        ]
        template = _environment().get_template("team.html.j2")
        # The template yields a piece per tag or so; written in pieces of about 64 KB,
        # the page costs a write per piece, not one per cell.
        pieces: list[str] = []
        size = 0
        for piece in template.generate(view=view, tables=tables, version=__version__):
            pieces.append(piece)
            size += len(piece)
            if size >= PIECE_SIZE:
                yield "".join(pieces)
                pieces, size = [], 0
        yield "".join(pieces)


def _summary_first(tables: Sequence[TeamTable]) -> list[TeamTable]:
    """The tables in the page's order: what the team adds up to, with its charts, on
    the first screen, and the table of everyone (as long as the team) after it."""
    from pmo_advisor.render.teamview import PEOPLE_HEADING

    return sorted(tables, key=lambda table: table.heading == PEOPLE_HEADING)


def _anchor(heading: str, taken: set[str]) -> str:
    """A table's id in the page, for the contents' links: its heading's words."""
    base = "-".join(re.findall(r"[a-z0-9]+", heading.casefold())) or "table"
    anchor, count = base, 1
    while anchor in taken:
        count += 1
        anchor = f"{base}-{count}"
    taken.add(anchor)
    return anchor


def _kind(block: Any) -> str:
    """A block's kind, for the template to choose how it looks ("paragraph", "bullets")."""
    return type(block).__name__.casefold()


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """The templates, read from the package (loaded and compiled once per process)."""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("pmo_advisor.render", "templates"),
        # Everything is untrusted text: names, titles, answers, the roster's file name.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["kind"] = _kind
    return environment
