"""Rich: the result laid out for a terminal, with a "you are here" ladder.

Every piece of text is built as a ``rich.text.Text`` and never parsed as markup, so a
title such as ``[bold]Boss[/]`` prints exactly as it was typed.
"""

from __future__ import annotations

from io import StringIO

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from pmo_advisor.model import Advice, Ladder
from pmo_advisor.render import Renderer
from pmo_advisor.render.document import (
    HERE,
    Block,
    Bullets,
    Document,
    Entries,
    Groups,
    Label,
    LadderView,
    Paragraph,
    advice_document,
    ladder_document,
)

_HEADING = "bold cyan"
_RULE = "cyan"
_LABEL = "bold"
_HERE = "bold green"
_ALSO = "yellow"


class RichRenderer(Renderer):
    """Headings, hanging-indent lists and a highlighted ladder, wrapped to the width."""

    def advice(self, advice: Advice) -> str:
        """An assessment or a suggestion for the terminal."""
        return self._print(advice_document(advice, self.knowledge))

    def ladder(self, ladder: Ladder) -> str:
        """The career ladder for the terminal."""
        return self._print(ladder_document(ladder, self.knowledge))

    def _print(self, document: Document) -> str:
        buffer = StringIO()
        console = Console(
            file=buffer,
            width=max(self.options.width, 20),
            force_terminal=self.options.color,
            color_system="standard" if self.options.color else None,
            no_color=not self.options.color,
            markup=False,
            emoji=False,
            highlight=False,
            legacy_windows=False,
        )
        console.print(Text(document.headline, style="bold"))
        for section in document.sections:
            console.print()
            # The rule keeps headings visible where colour and bold are not shown.
            heading = Text(section.heading, style=_HEADING)
            heading.append("\n" + "─" * min(len(section.heading), console.width), style=_RULE)
            console.print(heading)
            follows_label = True
            for block in section.blocks:
                if not follows_label:
                    console.print()
                console.print(_renderable(block))
                follows_label = isinstance(block, Label)
        # Tables pad every line to the full width; trailing blanks only get in the way.
        return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def _renderable(block: Block) -> RenderableType:
    if isinstance(block, Paragraph):
        return Text(block.text)
    if isinstance(block, Label):
        return Text(block.text, style=_LABEL)
    if isinstance(block, Bullets):
        return _hanging("•", [Text(item) for item in block.items])
    if isinstance(block, Groups):
        parts: list[RenderableType] = []
        for label, names in block.groups:
            parts.append(Text(label, style=_LABEL))
            parts.append(Padding(Text(", ".join(names)), (0, 0, 0, 2)))
        return Group(*parts)
    if isinstance(block, Entries):
        parts = []
        for entry in block.entries:
            parts.append(_hanging("•", [Text(entry.name, style=_LABEL)]))
            parts += [Padding(Text(detail), (0, 0, 0, 2)) for detail in entry.details]
        return Group(*parts)
    return _ladder(block)


def _hanging(mark: str, items: list[Text]) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row(mark, item)
    return grid


def _ladder(view: LadderView) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(overflow="fold")
    for rung in view.rungs:
        style = _HERE if rung.marker == HERE else (_ALSO if rung.marker else "")
        stage = Text(rung.stage, style=style)
        if rung.marker:
            stage.append(f"  ◀ {rung.marker}", style=style)
        grid.add_row(Text("▶" if rung.marker else " ", style=style), str(rung.number), stage)
    return grid
