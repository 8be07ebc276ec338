"""CSV: a team report as one row per person, for a spreadsheet (RFC 4180, UTF-8).

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
    from pmo_advisor.model import Advice, TitleLookups
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
        """The header row, then each person's row as it is made."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)

        def row(cells: list[str]) -> str:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(cells)
            return buffer.getvalue()

        yield row(list(COLUMNS))
        for member, part in with_parts(report.people or (), _person_cells):
            yield row([_cell(member.name), *part])


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
