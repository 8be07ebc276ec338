"""The questionnaire's text fields, given hostile text through a real key stream."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from pmo_advisor.answers import validate
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.questionnaire.questions import build_questions
from pmo_advisor.questionnaire.terminal import TerminalAsker
from pmo_advisor.render import OutputFormat, RenderOptions, renderer_for
from pmo_advisor.rules import assess

PASTE_START, PASTE_END, ENTER = "\x1b[200~", "\x1b[201~", "\r"


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


HOSTILE_TITLES = [
    "Boss\x07\x08\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\",
    "\u202eRTL override\u2066",
    "[bold red]Markup[/]",
    "项目管理办公室经理 🚀",
]


@pytest.mark.parametrize("pasted", HOSTILE_TITLES)
def test_a_pasted_hostile_title_is_kept_but_shown_safely(
    knowledge: Knowledge, keys: PipeInput, pasted: str
) -> None:
    title_question = next(q for q in build_questions(lambda: knowledge) if q.key == "title")
    keys.send_text(PASTE_START + pasted + PASTE_END + ENTER)
    title = TerminalAsker(no_color=True).ask(title_question, 1, 7, None)
    assert title
    answers = validate(
        {"title": title, "years": 2, "scope": "project", "activities": ["run-raid"]},
        knowledge,
        "your answers",
    )
    for fmt in OutputFormat:
        text = renderer_for(fmt, knowledge, RenderOptions(width=40)).render(
            assess(answers, knowledge)
        )
        for raw in ("\x07", "\x08", "\x1b", "\u202e", "\u2066"):
            assert raw not in text, (fmt, raw)


@pytest.mark.parametrize("typed", ["x" * 201, "61", "-1", "abc", "4,5", "1e3", "0x10", "nan"])
def test_bad_typed_numbers_and_long_titles_are_asked_again(
    knowledge: Knowledge, keys: PipeInput, typed: str
) -> None:
    key = "title" if typed.startswith("x") else "years"
    question = next(q for q in build_questions(lambda: knowledge) if q.key == key)
    # The bad entry is refused; the line is cleared (Ctrl-U) and a good one typed.
    keys.send_text(PASTE_START + typed + PASTE_END + ENTER + "\x15" + "7" + ENTER)
    answer = TerminalAsker(no_color=True).ask(question, 1, 7, None)
    assert answer in ("7", 7.0)


@pytest.mark.parametrize("kind", ["title", "scope", "activities"])
def test_a_failure_inside_a_question_ends_it_without_a_trace(
    knowledge: Knowledge, keys: PipeInput, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    # Whatever goes wrong inside the prompt's event loop (here a key handler that fails)
    # ends the question with an error for the entry point, instead of prompt_toolkit's
    # traceback and "Press ENTER to continue".
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    from pmo_advisor.questionnaire import terminal as questionnaire

    failing = KeyBindings()

    @failing.add("c-t")
    def _fail(event: object) -> None:
        raise ZeroDivisionError("a handler failed")

    monkeypatch.setattr(
        questionnaire, "_BINDINGS", merge_key_bindings([questionnaire._BINDINGS, failing])
    )
    question = next(q for q in build_questions(lambda: knowledge) if q.key == kind)
    keys.send_text("\x14")  # Ctrl-T
    with pytest.raises(questionnaire.PromptFailure, match="ZeroDivisionError: a handler failed"):
        TerminalAsker(no_color=True).ask(question, 1, 7, None)
