"""Renderers: one class per output format behind one interface.

Each format's module is imported only when that format is asked for, so that a JSON run
never pays for importing rich.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING, ClassVar, cast

if TYPE_CHECKING:  # kept out of start-up: `--help` needs only the format names
    from collections.abc import Iterator
    from typing import BinaryIO, TypeAlias

    from pmo_advisor.adverts.model import AdvertBatch, AdvertReading
    from pmo_advisor.knowledge import Knowledge
    from pmo_advisor.listings import (
        ActivityListing,
        Catalogue,
        Ladder,
        Roadmap,
        TitleListing,
        TitleLookups,
    )
    from pmo_advisor.model import Advice
    from pmo_advisor.teamreport import TeamReport

    #: A result any renderer can show.
    Result: TypeAlias = (
        Advice
        | Ladder
        | TitleListing
        | TitleLookups
        | Catalogue
        | Roadmap
        | ActivityListing
        | AdvertReading
        | AdvertBatch
    )


class OutputFormat(StrEnum):
    """The ``--format`` choices."""

    rich = "rich"
    plain = "plain"
    json = "json"
    markdown = "markdown"


class TeamFormat(StrEnum):
    """``--format`` choices that only ``team`` has."""

    #: One row per person, for a spreadsheet.
    csv = "csv"
    #: A workbook with a sheet per table and native charts (binary: a file or a pipe).
    xlsx = "xlsx"


class ReportFormat(StrEnum):
    """``--format`` choices for a report to share: ``team``'s, and the one-page personal
    plan of ``assess``, ``suggest`` and ``plan``."""

    #: One self-contained web page (styles and charts inline), readable on a phone and
    #: printable on A4.
    html = "html"


#: Any ``--format`` choice.
AnyFormat = OutputFormat | TeamFormat | ReportFormat


@dataclass(frozen=True)
class RenderOptions:
    """How a result should be laid out."""

    #: Columns available; text is wrapped to fit.
    width: int = 80
    #: Whether colour and styles may be used (rich only).
    color: bool = False
    #: Whether an assessment shows everything rather than its one-screen plan.
    full: bool = False
    #: The last lines of a one-screen assessment: how to see everything, and what to run
    #: next (empty: a line that fits any command).
    more: tuple[str, ...] = ()


class Renderer(ABC):
    """Turns a result into the text of one output format."""

    #: Whether the format's output is bytes rather than text (a workbook): it is written
    #: with :meth:`team_binary`, to a file or a pipe, never to a terminal.
    binary: ClassVar[bool] = False

    def __init__(self, knowledge: Knowledge, options: RenderOptions) -> None:
        self.knowledge = knowledge
        self.options = options

    def render(self, result: Result | TeamReport) -> str:
        """The whole output for a result, ending with a newline."""
        from pmo_advisor.model import Advice  # loaded with any result

        if isinstance(result, Advice):  # the result shown most, told apart first
            return self.document(result)
        # Told apart by its JSON kind, so that other commands never load team mode.
        kind = getattr(result, "kind", None)
        if kind == "team":
            return self.team(cast("TeamReport", result))
        if kind in ("advert", "adverts"):
            return self.adverts(cast("AdvertReading | AdvertBatch", result))
        from pmo_advisor.listings import TitleLookups

        if isinstance(result, TitleLookups) and result.batch:
            return self.table(result)
        return self.document(cast("Result", result))

    @abstractmethod
    def document(self, result: Result) -> str:
        """One result as a whole document."""

    def table_part(self, lookups: TitleLookups, *, first: bool) -> str:
        """One part of a table written as it comes (``titles --from``): the parts, in
        order, make the whole output. By default each part is a table of its own; a
        format whose table has a header shows it in the first part only."""
        return self.table(lookups)

    @abstractmethod
    def table(self, lookups: TitleLookups) -> str:
        """Titles looked up from a list: one line (or row) per title, in input order."""

    def adverts(self, result: AdvertReading | AdvertBatch) -> str:
        """An advert read, or several: by default the whole document."""
        return self.document(result)

    @abstractmethod
    def team(self, report: TeamReport) -> str:
        """A team report: everyone's advice in short (unless left out) and the summary."""

    def team_pieces(self, report: TeamReport) -> Iterator[str]:
        """The team report in pieces that, in order, make :meth:`team`'s text, so that a
        large roster's report is written as it is made rather than held whole. By default
        one piece; a format made of a part per person yields them one by one."""
        yield self.team(report)

    def team_binary(self, report: TeamReport, stream: BinaryIO) -> None:
        """A binary format's team report, written to ``stream`` (which need not be able to
        seek: it may be a pipe). Text formats have none."""
        raise TypeError(f"{type(self).__name__} writes text: use team() or team_pieces()")


_MODULES: dict[AnyFormat, tuple[str, str]] = {
    OutputFormat.rich: ("pmo_advisor.render.rich", "RichRenderer"),
    OutputFormat.plain: ("pmo_advisor.render.plain", "PlainRenderer"),
    OutputFormat.json: ("pmo_advisor.render.json", "JsonRenderer"),
    OutputFormat.markdown: ("pmo_advisor.render.markdown", "MarkdownRenderer"),
    TeamFormat.csv: ("pmo_advisor.render.csv", "CsvRenderer"),
    TeamFormat.xlsx: ("pmo_advisor.render.xlsx", "XlsxRenderer"),
    ReportFormat.html: ("pmo_advisor.render.html", "HtmlRenderer"),
}


def renderer_for(fmt: AnyFormat, knowledge: Knowledge, options: RenderOptions) -> Renderer:
    """The renderer for a format, importing its module only now."""
    module_name, class_name = _MODULES[fmt]
    renderer_class: type[Renderer] = getattr(import_module(module_name), class_name)
    return renderer_class(knowledge, options)
