"""Markdown: a report a person can keep or share.

All text is escaped, so that a job title or an answer can never add a link, an image,
HTML or formatting to the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pmo_advisor.render import Renderer

if TYPE_CHECKING:
    from pmo_advisor.knowledge import Knowledge
    from pmo_advisor.listings import TitleLookups
    from pmo_advisor.render import Result
    from pmo_advisor.teamreport import TeamReport
from pmo_advisor.render.blocks import (
    Block,
    Bullets,
    Document,
    Entries,
    Groups,
    Label,
    LadderView,
    Paragraph,
)
from pmo_advisor.render.document import LOOKUP_HEADERS, lookup_rows, outline

# Characters that start emphasis, code, links, images, HTML, entities, table cells or
# strike-through anywhere in a line; parentheses need no escape once brackets have one.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&!@])")
# What only matters at the start of a line: headings, quotes, lists, numbered lists.
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


# GitHub-flavoured markdown also turns bare web addresses into links.
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto)(:)|\b(www)(\.)")


def escape(text: str) -> str:
    """Text that markdown shows exactly as written: it cannot add a link, an image, HTML
    or formatting."""
    escaped = _INLINE.sub(r"\\\1", text)
    escaped = _AUTOLINK.sub(
        lambda m: f"{m.group(1) or m.group(3)}\\{m.group(2) or m.group(4)}", escaped
    )
    return _LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker[0].isdigit():  # "12." starts a numbered list; escape its punctuation
        return f"{indent}{marker[:-1]}\\{marker[-1]}"
    return f"{indent}\\{marker}"


class MarkdownRenderer(Renderer):
    """A title, second-level headings per section, lists and a ladder table."""

    def document(self, result: Result) -> str:
        """A result as a markdown report."""
        document = outline(result, self.knowledge, full=self.options.full, more=self.options.more)
        return _document(document.title, document)

    def table_part(self, lookups: TitleLookups, *, first: bool) -> str:
        """The rows of a part; the first part has the table's header too."""
        text = self.table(lookups)
        return text if first else text.split("\n", 2)[2]

    def table(self, lookups: TitleLookups) -> str:
        """A table with one row per title looked up."""
        return _pipe_table(LOOKUP_HEADERS, lookup_rows(lookups, self.knowledge)) + "\n"

    def team(self, report: TeamReport) -> str:
        """A team report: a table per part."""
        return _team(report, self.knowledge)


def _pipe_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(map(escape, headers)) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(map(escape, row)) + " |" for row in rows]
    return "\n".join(lines)


def _team(report: TeamReport, knowledge: Knowledge) -> str:
    from pmo_advisor.render.teamview import team_view

    view = team_view(report, knowledge)
    parts = ["# PMO team report", f"_{escape(view.headline)}_"]
    for table in view.tables:
        parts.append(f"## {escape(table.heading)}")
        if not table.rows:
            parts.append(escape(table.empty))
            continue
        parts.append(_pipe_table(table.headers, table.rows))
    return "\n\n".join(parts) + "\n"


def _document(title: str | None, document: Document) -> str:
    # Without a title of its own, the headline is the report's title.
    if title is None:
        parts = [f"# {escape(document.headline)}"]
    else:
        parts = [f"# {title}", f"_{escape(document.headline)}_"]
    for section in document.sections:
        parts.append(f"## {escape(section.heading)}")
        parts += [_block(block) for block in section.blocks]
    return "\n\n".join(parts) + "\n"


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return escape(block.text)
    if isinstance(block, Label):
        return f"**{escape(block.text)}**"
    if isinstance(block, Bullets):
        return "\n".join(f"- {escape(item)}" for item in block.items)
    if isinstance(block, Groups):
        return "\n".join(
            f"- **{escape(label)}:** {', '.join(escape(n) for n in names)}"
            for label, names in block.groups
        )
    if isinstance(block, Entries):
        # "*" rather than "-": right after a bullet list, a new marker starts a list of
        # its own instead of running on into the one before.
        lines = []
        for entry in block.entries:
            lines.append(f"* **{escape(entry.name)}**")
            lines += [f"  - {escape(detail)}" for detail in entry.details]
        return "\n".join(lines)
    return _ladder_table(block)


def _ladder_table(view: LadderView) -> str:
    rows = ["| Level | Stage | |", "|---|---|---|"]
    for rung in view.rungs:
        stage = escape(rung.stage)
        if rung.marker:
            stage = f"**{stage}**"
        rows.append(f"| {rung.number} | {stage} | {escape(rung.marker)} |")
    return "\n".join(rows)
