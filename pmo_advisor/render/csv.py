"""CSV: a team report as one row per person, for a spreadsheet (RFC 4180, UTF-8); with
``--summary``, the summary in long form: a row per figure, in ``table``, ``key`` and
``value`` columns, for a pivot table.

Cells that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``,
``@``) are prefixed with an apostrophe, so a name in a roster can never run as one.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from pmo_advisor.render import Renderer
from pmo_advisor.safetext import clean_line
from pmo_advisor.teamreport import TEAM_TOP_COURSES, TeamReport, with_parts

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmo_advisor.adverts.model import AdvertBatch, AdvertReading
    from pmo_advisor.knowledge import Knowledge
    from pmo_advisor.listings import TitleLookups
    from pmo_advisor.model import Advice
    from pmo_advisor.render import Result

#: The columns, a public contract in the README: only ever added to, at the end.
COLUMNS = (
    "name",
    "level",
    "stage",
    "borderline_with",
    "title",
    "next_level",
    "next_role",
    "first_gap",
    "courses",
)


class CsvRenderer(Renderer):
    """One row per person, or per advert; the other results have no CSV form."""

    def document(self, result: Result) -> str:
        """Not available: the commands refuse --format csv before any work is done."""
        raise TypeError("csv output is only made for team reports")

    def table(self, lookups: TitleLookups) -> str:
        """Not available, as for :meth:`document`."""
        raise TypeError("csv output is only made for team reports")

    def adverts(self, result: AdvertReading | AdvertBatch) -> str:
        """A header row, then one row per advert."""
        from pmo_advisor.render.adverts import COLUMNS as ADVERT_COLUMNS
        from pmo_advisor.render.adverts import csv_rows

        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(ADVERT_COLUMNS)
        writer.writerows([_cell(cell) for cell in row] for row in csv_rows(result))
        return buffer.getvalue()

    def team(self, report: TeamReport) -> str:
        """A header row, then one row per person in roster order."""
        return "".join(self.team_pieces(report))

    def team_pieces(self, report: TeamReport) -> Iterator[str]:
        """The header row, then each person's row as it is made; with the people left
        out (``--summary``), the summary in long form."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)

        def row(cells: list[str]) -> str:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(cells)
            return buffer.getvalue()

        if report.people is None:
            for cells in summary_rows(report, self.knowledge):
                yield row([_cell(cell) for cell in cells])
            return
        # A roster's id and kept columns come last, after the columns every report has.
        ids = ["id"] if report.has_ids else []
        yield row([*COLUMNS, *ids, *(_cell(c) for c in report.columns)])
        own = bool(ids or report.columns)
        for member, part in with_parts(report.people, _person_cells):
            if not own:
                yield row([_cell(member.name), *part])
                continue
            kept = dict(member.extra)
            mine = [_cell(member.id or "")] if ids else []
            yield row(
                [
                    _cell(member.name),
                    *part,
                    *mine,
                    *(_cell(kept.get(c, "")) for c in report.columns),
                ]
            )


#: The columns of the summary in long form, a public contract like :data:`COLUMNS`.
SUMMARY_COLUMNS = ("table", "key", "value")


def summary_rows(report: TeamReport, knowledge: Knowledge) -> Iterator[tuple[str, ...]]:
    """The summary in long form: the header, then a row per cell of every table the
    other formats show, its key the row's name and the column's ("Level 3: People").
    Empty cells are left out; a table with no rows is one row saying so."""
    from pmo_advisor.render.teamview import row_name, team_view

    view = team_view(report, knowledge)
    yield SUMMARY_COLUMNS
    yield ("Team", "Roster", clean_line(report.roster))
    yield ("Team", "People", str(report.summary.people))
    for table in view.tables:
        if not table.rows:
            yield (table.heading, "", table.empty)
        for cells in table.rows:
            name = row_name(table, cells)
            for header, value in zip(table.headers[1:], cells[1:], strict=True):
                if value:
                    yield (table.heading, f"{name}: {header}", value)


def _person_cells(advice: Advice) -> list[str]:
    """One person's cells after their name."""
    step = advice.next
    return [
        _cell(cell)
        for cell in (
            str(advice.level.number),
            advice.level.stage,
            "" if advice.borderline_with is None else str(advice.borderline_with),
            advice.titles[0].name if advice.titles else "",
            "" if step is None else str(step.level.number),
            "" if step is None or not step.roles else step.roles[0].name,
            "" if step is None or not step.gaps else step.gaps[0],
            "; ".join(c.course_id for c in advice.courses[:TEAM_TOP_COURSES]),
        )
    ]


def _cell(text: str) -> str:
    text = clean_line(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
