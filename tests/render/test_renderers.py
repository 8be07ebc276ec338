"""Renderers: every format has one, untrusted text is shown safely, layouts fit the width,
and each format's full output matches its reviewed golden file."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from pmo_advisor.answers import Answers
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.model import Advice, SuggestionRequest
from pmo_advisor.render import OutputFormat, RenderOptions, renderer_for
from pmo_advisor.rules import assess, ladder, suggest

GOLDEN = Path(__file__).parent / "golden"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def planner(knowledge: Knowledge, title: str = "Senior Planner") -> Advice:
    answers = Answers.from_mapping(
        {
            "title": title,
            "years": 4,
            "scope": "programme",
            "activities": ["analyse-performance", "plan-schedule"],
            "focus": ["reporting", "planning"],
            "qualifications": ["prince2"],
        },
        knowledge,
    )
    return assess(answers, knowledge)


def render(knowledge: Knowledge, fmt: OutputFormat, result: object, **options: object) -> str:
    return renderer_for(fmt, knowledge, RenderOptions(**options)).render(result)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_format_has_a_renderer_for_every_result(
    knowledge: Knowledge, fmt: OutputFormat
) -> None:
    for result in (
        planner(knowledge),
        suggest(SuggestionRequest(level=4), knowledge),
        ladder(knowledge),
    ):
        text = render(knowledge, fmt, result)
        assert text.endswith("\n")
        assert "PMO" in text


@pytest.mark.parametrize(
    ("name", "fmt", "result"),
    [
        ("assessment.plain.txt", OutputFormat.plain, "planner"),
        ("assessment.rich.txt", OutputFormat.rich, "planner"),
        ("assessment.md", OutputFormat.markdown, "planner"),
        ("assessment.json", OutputFormat.json, "planner"),
        ("assessment-full.plain.txt", OutputFormat.plain, "planner-full"),
        ("suggestion-4.plain.txt", OutputFormat.plain, "suggest4"),
        ("ladder.plain.txt", OutputFormat.plain, "ladder"),
        ("ladder.md", OutputFormat.markdown, "ladder"),
    ],
)
def test_output_matches_the_golden_file(
    knowledge: Knowledge, name: str, fmt: OutputFormat, result: str
) -> None:
    options = {"full": True} if result.endswith("-full") else {}
    result = result.removesuffix("-full")
    value = {
        "planner": lambda: planner(knowledge),
        "suggest4": lambda: suggest(SuggestionRequest(level=4, scope="enterprise"), knowledge),
        "ladder": lambda: ladder(knowledge),
    }[result]()
    text = render(knowledge, fmt, value, **options)
    path = GOLDEN / name
    if os.environ.get("PMO_ADVISOR_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} changed; review it and set PMO_ADVISOR_UPDATE_GOLDEN=1"
    )


HOSTILE = (
    "Boss\x1b[31mRED\x1b[0m\x07\x08\r\u202eevil\u2066 "
    "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ [bold]Boss[/] <b>x</b> [y](http://z)"
)


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_untrusted_text_cannot_act_on_the_terminal(knowledge: Knowledge, fmt: OutputFormat) -> None:
    text = render(knowledge, fmt, planner(knowledge, HOSTILE), color=True)
    visible = ANSI.sub("", text) if fmt is OutputFormat.rich else text
    for raw in ("\x1b", "\x07", "\x08", "\r", "\u202e", "\u2066"):
        assert raw not in visible, (fmt, repr(raw))
    if fmt is not OutputFormat.json:
        assert "\\x1b" in visible
        assert "\\u202e" in visible


def test_rich_prints_markup_in_untrusted_text_as_typed(knowledge: Knowledge) -> None:
    text = render(knowledge, OutputFormat.rich, planner(knowledge, "[bold]Boss[/]"), color=True)
    assert "[bold]Boss[/]" in text


def test_markdown_cannot_gain_links_or_html(knowledge: Knowledge) -> None:
    text = render(
        knowledge, OutputFormat.markdown, planner(knowledge, "[y](http://z) <b>x</b> *e*")
    )
    assert "\\[y\\](http\\://z) \\<b\\>x\\</b\\> \\*e\\*" in text
    assert "](" not in text.replace("\\](", "")


def test_json_is_valid_utf8_even_for_broken_text(knowledge: Knowledge) -> None:
    # "caf\udce9": the Latin-1 byte for é, as Python decodes an argument that is not UTF-8.
    text = render(knowledge, OutputFormat.json, planner(knowledge, "caf\udce9 \u202e x"))
    text.encode("utf-8")
    data = json.loads(text)
    assert data["answers"]["title"] == "caf\ufffd \u202e x"
    assert "\u202e" not in text


@pytest.mark.parametrize("width", [40, 80])
@pytest.mark.parametrize("fmt", [OutputFormat.rich, OutputFormat.plain])
def test_lines_fit_the_width(knowledge: Knowledge, fmt: OutputFormat, width: int) -> None:
    for result in (
        planner(knowledge),
        ladder(knowledge),
        suggest(SuggestionRequest(level=1), knowledge),
    ):
        text = render(knowledge, fmt, result, width=width, color=True)
        longest = max(len(ANSI.sub("", line)) for line in text.splitlines())
        assert longest <= width


def test_rich_uses_colour_only_when_asked(knowledge: Knowledge) -> None:
    assert ANSI.search(render(knowledge, OutputFormat.rich, ladder(knowledge), color=True))
    assert not ANSI.search(render(knowledge, OutputFormat.rich, ladder(knowledge), color=False))


def test_human_readable_results_open_with_who_they_are_for(knowledge: Knowledge) -> None:
    for fmt in (OutputFormat.rich, OutputFormat.plain):
        first = render(knowledge, fmt, planner(knowledge)).splitlines()[0]
        assert first == "For: Senior Planner · 4 years · Programme PMO · focus: reporting, planning"
    markdown = render(knowledge, OutputFormat.markdown, planner(knowledge)).splitlines()
    assert (
        markdown[2]
        == "_For: Senior Planner · 4 years · Programme PMO · focus: reporting, planning_"
    )


def test_the_ladder_marks_a_borderline_level(knowledge: Knowledge) -> None:
    answers = Answers.from_mapping(
        {"years": 8, "scope": "portfolio", "activities": ["analyse-performance"], "team_size": 3},
        knowledge,
    )
    advice = assess(answers, knowledge)
    text = render(knowledge, OutputFormat.plain, advice, full=True)
    assert "> 3  PMO Manager  <- your answers also point here" in text
    assert "> 2  PMO Analyst  <- you are here" in text
    # The one-screen result says it in its first line.
    short = render(knowledge, OutputFormat.plain, advice)
    assert "PMO Analyst: level 2 of 4, close to 3" in short.splitlines()[2]
