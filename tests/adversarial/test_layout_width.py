"""No line of laid-out output is wider than the width asked for, whatever the result,
down to the narrowest width accepted (20 columns): headings and the ladder too."""

from __future__ import annotations

import re

import pytest

from pmo_advisor.knowledge import Knowledge
from pmo_advisor.render import OutputFormat, RenderOptions, renderer_for
from pmo_advisor.render.plain import columns
from tests.adversarial.test_data_text import _results

ANSI = re.compile(r"\x1b\[[0-9;]*m")
KINDS = ["levels", "suggest", "assess", "plan", "courses", "titles", "lookup"]


@pytest.mark.parametrize("width", [20, 21, 23, 29, 33, 40, 80])
@pytest.mark.parametrize("fmt", [OutputFormat.plain, OutputFormat.rich])
@pytest.mark.parametrize("kind", KINDS)
def test_no_line_is_wider_than_the_width(
    knowledge: Knowledge, width: int, fmt: OutputFormat, kind: str
) -> None:
    result = _results(knowledge)[kind]
    text = renderer_for(fmt, knowledge, RenderOptions(width=width, color=False)).render(result)
    wide = [line for line in ANSI.sub("", text).splitlines() if columns(line) > width]
    assert wide == []
