"""Plain prompts: numbered choices, typed answers, no screen redraw, problems right under
the answer, and text wrapped to the terminal; chosen by flag, variable or TERM=dumb."""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest

from pmo_advisor.errors import KnowledgeError
from pmo_advisor.knowledge import Knowledge, load_knowledge
from pmo_advisor.questionnaire.interview import interview
from pmo_advisor.questionnaire.plain import PlainAsker
from pmo_advisor.questionnaire.questions import build_questions
from tests.conftest import fresh_data_home

SCRIPT = Path(sys.executable).with_name("pmo-advisor")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "pmo_advisor"]


PROMPTS = ("Your answer", "Type a number", "Numbers of all")


class EchoingInput(io.StringIO):
    """Typed lines, echoed to the output as a terminal would show them."""

    def __init__(self, typed: str, out: io.StringIO) -> None:
        super().__init__(typed)
        self.out = out

    def readline(self, size: int | None = -1) -> str:
        line = super().readline()
        self.out.write(line)
        return line


def _said(out: str) -> list[str]:
    """The lines the program wrapped itself: everything but the answer lines."""
    return [line for line in out.splitlines() if not line.startswith(PROMPTS)]


def _interview(
    knowledge: Knowledge,
    typed: str,
    monkeypatch: pytest.MonkeyPatch,
    given: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], str]:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdin", EchoingInput(typed, out))
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setenv("COLUMNS", "40")
    answers = interview(lambda: knowledge, given or {}, PlainAsker())
    return answers, out.getvalue()


def _activity_number(knowledge: Knowledge, activity_id: str) -> int:
    ordered = sorted(knowledge.activities, key=lambda a: a.does)
    return [a.id for a in ordered].index(activity_id) + 1


def test_a_whole_interview_typed_line_by_line(
    knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _activity_number(knowledge, "plan-schedule")
    by_key = {
        "title": ["Planner"], "years": ["seven", "4"], "scope": ["9", "2"],
        "activities": ["", f"x,{plan}", str(plan)],
    }  # fmt: skip
    # Any other question is answered with Enter: its default, or nothing.
    typed = [line for q in build_questions(lambda: knowledge) for line in by_key.get(q.key, [""])]
    answers, out = _interview(knowledge, "\n".join([*typed, ""]) + "\n", monkeypatch)
    assert answers == {
        "title": "Planner", "years": 4.0, "scope": "programme", "activities": ["plan-schedule"],
        "focus": ["planning"], "team_size": 0,
    }  # fmt: skip
    assert "\x1b" not in out  # nothing is redrawn or styled
    lines = out.splitlines()
    assert max(len(line) for line in _said(out)) <= 39
    # Each problem is reported on the line right after the answer that caused it.
    after = {lines[i - 1]: line for i, line in enumerate(lines) if line.startswith("  Not")}
    assert after["Your answer: seven"].startswith("  Not accepted: must be a number")
    assert after["Type a number from 1 to 4: 9"].startswith("  Not accepted: Type a number from")
    assert after["Numbers of all that apply, such as 1,4: "].startswith("  Not accepted: Choose")
    assert after[f"Numbers of all that apply, such as 1,4: x,{plan}"].startswith(
        "  Not accepted: 'x'"
    )
    assert f"Question 3 of {len(build_questions(lambda: knowledge))}: What is the widest" in out
    assert re.search(r"^  2\. Programme PMO", out, re.M)


def test_long_choices_wrap_under_their_own_text(
    knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = {"title": "x", "years": 2, "scope": "project"}
    _, out = _interview(knowledge, "1\n\n\n\n\n\n\n", monkeypatch, given)
    longest = max(knowledge.activities, key=lambda a: len(a.does))
    number = _activity_number(knowledge, longest.id)
    start = out.index(f"{number:>2}. ")
    block = out[start:].split("\n")
    joined = block[0][4:]
    for line in block[1:]:
        if not line.startswith("      "):
            break
        joined += " " + line.strip()
    assert longest.does.lower() in joined.lower()
    assert all(len(line) <= 39 for line in _said(out))


def test_answers_can_be_typed_as_ids_and_optional_ones_emptied(
    knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = {"title": "Planner", "years": 4, "activities": ["plan-schedule"], "team_size": 0}
    # Scope typed as its name and delivery ticked by id, focus and courses left as
    # offered; then delivery and the title are changed to nothing with "none".
    typed = ["Portfolio", "projects", "", "", "", "change", "4", "none", "change", "0", "none"]
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdin", EchoingInput("\n".join([*typed, "result"]) + "\n", out))
    monkeypatch.setattr(sys, "stdout", out)

    class Asker(PlainAsker):
        def review(self, rows: Any) -> str:
            return self._read("next: ")

        def pick(self, rows: Any) -> int:
            return int(self._read("which: "))

    answers = interview(lambda: knowledge, given, Asker())
    assert answers["scope"] == "portfolio"
    assert "delivery" not in answers
    assert "title" not in answers
    text = out.getvalue()
    assert "(Enter keeps: 1) (type none to clear): none" in text
    assert "(Enter keeps: Planner; type none to clear): none" in text


def test_a_digit_that_is_no_number_is_refused_not_a_crash() -> None:
    from pmo_advisor.questionnaire.plain import _choice
    from pmo_advisor.questionnaire.questions import Option

    options = (Option("a", "A"), Option("b", "B"))
    assert _choice("²", options) is None
    assert _choice("2", options) == "b"
    assert _choice("b", options) == "b"


@pytest.mark.terminal
def test_the_bare_command_takes_plain_prompts_too() -> None:
    child = _spawn("--plain-prompts")
    child.expect_exact("Question 1 of 9")
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_end_of_input_cancels(knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(EOFError):
        _interview(knowledge, "Planner\n", monkeypatch)


def test_a_knowledge_base_that_cannot_be_loaded_is_reported_under_the_first_question(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As in the full-screen questions: the first question shows before the knowledge
    # base is loaded, and a fault in it ends the questionnaire before anything is typed.
    def load() -> Knowledge:
        raise KnowledgeError("invalid knowledge base: levels.yaml: not valid YAML")

    out = io.StringIO()
    typed = EchoingInput("Planner\n", out)
    monkeypatch.setattr(sys, "stdin", typed)
    monkeypatch.setattr(sys, "stdout", out)
    with pytest.raises(KnowledgeError):
        interview(load, {}, PlainAsker())
    assert "Question 1 of 9: What is your current job title?" in out.getvalue()
    assert typed.tell() == 0  # nothing read
    assert "Your answer" not in out.getvalue()


def _spawn(*args: str, **env: str) -> pexpect.spawn:
    return pexpect.spawn(
        COMMAND[0], [*COMMAND[1:], *args], encoding="utf-8", dimensions=(24, 60), timeout=20,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "60",
             "XDG_DATA_HOME": fresh_data_home(), **env},
    )  # fmt: skip


@pytest.mark.terminal
@pytest.mark.parametrize(
    ("args", "env"),
    [([], {"TERM": "dumb"}), (["--plain-prompts"], {}), ([], {"PMO_ADVISOR_PLAIN_PROMPTS": "1"})],
    ids=["TERM=dumb", "--plain-prompts", "PMO_ADVISOR_PLAIN_PROMPTS"],
)
def test_plain_prompts_in_a_terminal(
    knowledge: Knowledge, args: list[str], env: dict[str, str]
) -> None:
    child = _spawn("assess", "--set", "title=Planner", "--set", "team_size=0", *args, **env)
    child.expect_exact("Question 1 of ")
    child.expect_exact("Your answer: ")
    child.sendline("3")
    child.expect_exact("Type a number from 1 to 4: ")
    child.sendline("1")
    child.expect_exact("such as 1,4: ")
    child.sendline(str(_activity_number(knowledge, "plan-schedule")))
    screen = ""
    # The questions left have defaults or may be skipped: Enter, up to the review.
    waits = ["(Enter keeps", "(Enter for none): ", "(Enter: 1): ", "(Enter to skip): "]
    while child.expect_exact(waits) != 2:
        screen += str(child.before)
        child.sendline("")
    screen += str(child.before)
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "PMO Analyst: level 2 of 4" in str(child.before)
    # No cursor movement, clearing or redrawing while asking.
    assert not re.search(r"\x1b\[[0-9;?]*[ABCDHJKsu]", screen)


@pytest.mark.terminal
def test_full_screen_choices_wrap_instead_of_being_cut(knowledge: Knowledge) -> None:
    child = pexpect.spawn(
        COMMAND[0], [*COMMAND[1:], "assess", "--set", "title=x", "--set", "years=3",
                     "--set", "scope=project", "--set", "team_size=0"],
        encoding="utf-8", dimensions=(60, 40), timeout=20,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "40"},
    )  # fmt: skip
    child.expect_exact("(1 of ")
    longest = max(knowledge.activities, key=lambda a: len(a.does))
    last_words = " ".join(longest.does.split()[-2:])
    offered = next(q for q in build_questions(lambda: knowledge) if q.key == "activities").options
    child.expect_exact("ticked")  # the list is up: move down to the longest choice
    child.send("\x1b[B" * [o.value for o in offered].index(longest.id))
    # The end of the longest choice reaches the screen, its words maybe on two lines.
    gap = r"(?:\s|\x1b\[[0-9;?]*[a-zA-Z])+"
    child.expect(gap.join(re.escape(word) for word in last_words.split()))
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


@pytest.mark.terminal
def test_full_screen_problems_show_under_the_answer_then_ask_again() -> None:
    child = pexpect.spawn(
        COMMAND[0], [*COMMAND[1:], "assess", "--set", "title=x", "--set", "scope=project",
                     "--set", "team_size=0"],
        encoding="utf-8", dimensions=(40, 60), timeout=20,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "60"},
    )  # fmt: skip
    child.expect_exact("How many years")
    child.send("seven\r")
    child.expect_exact("must be a number, got 'seven'")
    child.expect_exact("How many years")  # asked again, below the problem, in an empty box
    child.send("3\r")  # nothing of "seven" is left to add to
    child.expect_exact("Which of these do you do")
    child.expect_exact("Space ticks")
    child.send("\r")  # nothing ticked: the keys give way to the problem, the list stays
    child.expect_exact("Tick at least one with Space, then press Enter.")
    child.send(" \r")
    child.expect_exact("(3 of 6)")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def test_several_choices_can_be_typed_by_name_or_as_spaced_numbers() -> None:
    from pmo_advisor.questionnaire.plain import _choices
    from pmo_advisor.questionnaire.questions import build_questions

    questions = {q.key: q for q in build_questions(load_knowledge)}
    activities = questions["activities"].options
    courses = questions["qualifications"].options
    # A choice's whole name, with its spaces, is one choice, not four wrong words.
    assert _choices("Track and report benefits", activities) == (["track-benefits"], [])
    assert _choices("1 3; 2", activities)[0] == [o.value for o in activities[:3:2]] + [
        activities[1].value
    ]
    # Courses by the name or abbreviation people use, with or without the ® sign.
    chosen, wrong = _choices("PMP, PRINCE2 Practitioner; P3O® Foundation, nope", courses)
    assert chosen == ["pmi-pmp", "prince2-7-practitioner", "p3o-foundation"]
    assert wrong == ["nope"]
    assert _choices("1 x", activities) == ([], ["1 x"])
    # Names that hold commas themselves, beside others, with or without spaces.
    typed = "Track budgets, forecasts and actual costs, Track and report benefits"
    assert _choices(typed, activities) == (["control-costs", "track-benefits"], [])
    assert _choices("track budgets,forecasts and actual costs", activities)[0] == ["control-costs"]


def _market_question(knowledge: Knowledge) -> Any:
    return next(q for q in build_questions(lambda: knowledge) if q.key == "market")


@pytest.mark.parametrize(
    ("typed", "default", "expected"),
    [
        ("2", None, "us"),  # by number
        ("Australia and New Zealand", None, "australia-nz"),  # by name
        ("middle-east", None, "middle-east"),  # by id
        ("", None, None),  # Enter skips
        ("", "india", "india"),  # Enter keeps what is chosen
        ("none", "india", None),  # and none skips even then
    ],
)
def test_the_market_is_typed_or_skipped(
    knowledge: Knowledge,
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
    default: str | None,
    expected: str | None,
) -> None:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdin", EchoingInput(typed + "\n", out))
    monkeypatch.setattr(sys, "stdout", out)
    assert PlainAsker().ask(_market_question(knowledge), 9, 9, default) == expected
    text = out.getvalue()
    assert "Question 9 of 9: Where do you work?" in text
    assert "This decides which qualification schemes are recommended first." in text
    assert "Arrow" not in text  # the full-screen keys are no help here
    hint = "(Enter: 5; type none to skip)" if default else "(Enter to skip)"
    assert f"Type a number from 1 to 8 {hint}: " in text


def test_a_wrong_market_is_explained_and_asked_again(
    knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdin", EchoingInput("9\nuk\n", out))
    monkeypatch.setattr(sys, "stdout", out)
    assert PlainAsker().ask(_market_question(knowledge), 9, 9, None) == "uk"
    assert "  Not accepted: Type a number from 1 to 8, not '9'." in out.getvalue()


def test_back_returns_to_the_previous_question_with_its_answer(
    knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "back" at the first question has nowhere to go, and is not taken as a title.
    out = _typed_until_the_end(knowledge, "back\nPlanner\n4\nback\n\n3\n", monkeypatch)
    assert "This is the first question: there is none to go back to." in out
    assert out.count("Question 2 of 9") == 2
    assert "Your answer (Enter keeps: 4): " in out  # years asked again, keeping 4
    assert out.count("Question 3 of 9") == 2


def _typed_until_the_end(knowledge: Knowledge, typed: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """What the interview says to the lines typed, until they run out."""
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdin", EchoingInput(typed, out))
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(EOFError):
        interview(lambda: knowledge, {}, PlainAsker())
    return out.getvalue()
